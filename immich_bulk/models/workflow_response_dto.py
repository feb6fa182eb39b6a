# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model
from ._enums import PluginTriggerType
from .workflow_action_response_dto import WorkflowActionResponseDto
from .workflow_filter_response_dto import WorkflowFilterResponseDto

@attrs.define(kw_only=True)
class WorkflowResponseDto(Model):
    actions: list[WorkflowActionResponseDto]  # Workflow actions
    created_at: str  # Creation date
    description: str  # Workflow description
    enabled: bool  # Workflow enabled
    filters: list[WorkflowFilterResponseDto]  # Workflow filters
    id: str  # Workflow ID
    name: str | None  # Workflow name
    owner_id: str  # Owner user ID
    trigger_type: PluginTriggerType  # Workflow trigger type
