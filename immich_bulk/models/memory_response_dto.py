# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import MemoryType
from .asset_response_dto import AssetResponseDto
from .on_this_day_dto import OnThisDayDto

@attrs.define(kw_only=True)
class MemoryResponseDto(Model):
    assets: list[AssetResponseDto]
    created_at: _dt.datetime  # Creation date
    data: OnThisDayDto
    deleted_at: _dt.datetime | Unset = UNSET  # Deletion date
    hide_at: _dt.datetime | Unset = UNSET  # Date when memory should be hidden
    id: str  # Memory ID
    is_saved: bool  # Is memory saved
    memory_at: _dt.datetime  # Memory date
    owner_id: str  # Owner user ID
    seen_at: _dt.datetime | Unset = UNSET  # Date when memory was seen
    show_at: _dt.datetime | Unset = UNSET  # Date when memory should be shown
    type: MemoryType  # Memory type
    updated_at: _dt.datetime  # Last update date
