# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model
from .plugin_action_response_dto import PluginActionResponseDto
from .plugin_filter_response_dto import PluginFilterResponseDto

@attrs.define(kw_only=True)
class PluginResponseDto(Model):
    actions: list[PluginActionResponseDto]  # Plugin actions
    author: str  # Plugin author
    created_at: str  # Creation date
    description: str  # Plugin description
    filters: list[PluginFilterResponseDto]  # Plugin filters
    id: str  # Plugin ID
    name: str  # Plugin name
    title: str  # Plugin title
    updated_at: str  # Last update date
    version: str  # Plugin version
