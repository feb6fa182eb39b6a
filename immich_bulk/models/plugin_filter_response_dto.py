# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
from typing import Any

import attrs

from ..serialization import Model
from ._enums import PluginContextType

@attrs.define(kw_only=True)
class PluginFilterResponseDto(Model):
    description: str  # Filter description
    id: str  # Filter ID
    method_name: str  # Method name
    plugin_id: str  # Plugin ID
    schema: dict[str, Any] | None  # Filter schema
    supported_contexts: list[PluginContextType]  # Supported contexts
    title: str  # Filter title
