# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import AssetOrder

@attrs.define(kw_only=True)
class UpdateAlbumDto(Model):
    album_name: str | Unset = UNSET  # Album name
    album_thumbnail_asset_id: str | Unset = UNSET  # Album thumbnail asset ID
    description: str | Unset = UNSET  # Album description
    is_activity_enabled: bool | Unset = UNSET  # Enable activity feed
    order: AssetOrder | Unset = UNSET  # Asset sort order
