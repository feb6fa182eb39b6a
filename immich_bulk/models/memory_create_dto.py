# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import MemoryType
from .on_this_day_dto import OnThisDayDto

@attrs.define(kw_only=True)
class MemoryCreateDto(Model):
    asset_ids: list[str] | Unset = UNSET  # Asset IDs to associate with memory
    data: OnThisDayDto
    hide_at: _dt.datetime | Unset = UNSET  # Date when memory should be hidden
    is_saved: bool | Unset = UNSET  # Is memory saved
    memory_at: _dt.datetime  # Memory date
    seen_at: _dt.datetime | Unset = UNSET  # Date when memory was seen
    show_at: _dt.datetime | Unset = UNSET  # Date when memory should be shown
    type: MemoryType  # Memory type
