# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from ..serialization import Model

@attrs.define(kw_only=True)
class SyncPersonV1(Model):
    birth_date: _dt.datetime | None  # Birth date
    color: str | None  # Color
    created_at: _dt.datetime  # Created at
    face_asset_id: str | None  # Face asset ID
    id: str  # Person ID
    is_favorite: bool  # Is favorite
    is_hidden: bool  # Is hidden
    name: str  # Person name
    owner_id: str  # Owner ID
    updated_at: _dt.datetime  # Updated at
