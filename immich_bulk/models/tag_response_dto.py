# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from .._types import UNSET, Unset
from ..serialization import Model

@attrs.define(kw_only=True)
class TagResponseDto(Model):
    color: str | Unset = UNSET  # Tag color (hex)
    created_at: _dt.datetime  # Creation date
    id: str  # Tag ID
    name: str  # Tag name
    parent_id: str | Unset = UNSET  # Parent tag ID
    updated_at: _dt.datetime  # Last update date
    value: str  # Tag value (full path)
