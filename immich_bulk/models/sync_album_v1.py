# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from ..serialization import Model
from ._enums import AssetOrder

@attrs.define(kw_only=True)
class SyncAlbumV1(Model):
    created_at: _dt.datetime  # Created at
    description: str  # Album description
    id: str  # Album ID
    is_activity_enabled: bool  # Is activity enabled
    name: str  # Album name
    order: AssetOrder
    owner_id: str  # Owner ID
    thumbnail_asset_id: str | None  # Thumbnail asset ID
    updated_at: _dt.datetime  # Updated at
