# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt
from typing import Any

import attrs

from ..serialization import Model
from ._enums import MemoryType

@attrs.define(kw_only=True)
class SyncMemoryV1(Model):
    created_at: _dt.datetime  # Created at
    data: dict[str, Any]  # Data
    deleted_at: _dt.datetime | None  # Deleted at
    hide_at: _dt.datetime | None  # Hide at
    id: str  # Memory ID
    is_saved: bool  # Is saved
    memory_at: _dt.datetime  # Memory at
    owner_id: str  # Owner ID
    seen_at: _dt.datetime | None  # Seen at
    show_at: _dt.datetime | None  # Show at
    type: MemoryType  # Memory type
    updated_at: _dt.datetime  # Updated at
