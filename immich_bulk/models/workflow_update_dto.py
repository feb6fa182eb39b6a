# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import PluginTriggerType
from .workflow_action_item_dto import WorkflowActionItemDto
from .workflow_filter_item_dto import WorkflowFilterItemDto

@attrs.define(kw_only=True)
class WorkflowUpdateDto(Model):
    actions: list[WorkflowActionItemDto] | Unset = UNSET  # Workflow actions
    description: str | Unset = UNSET  # Workflow description
    enabled: bool | Unset = UNSET  # Workflow enabled
    filters: list[WorkflowFilterItemDto] | Unset = UNSET  # Workflow filters
    name: str | Unset = UNSET  # Workflow name
    trigger_type: PluginTriggerType | Unset = UNSET  # Workflow trigger type
