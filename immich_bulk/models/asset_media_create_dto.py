# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from .._types import UNSET, Unset
from ..files import FileInput
from ..serialization import Model
from ._enums import AssetVisibility
from .asset_metadata_upsert_item_dto import AssetMetadataUpsertItemDto

@attrs.define(kw_only=True)
class AssetMediaCreateDto(Model):
    asset_data: FileInput  # Asset file data
    device_asset_id: str  # Device asset ID
    device_id: str  # Device ID
    duration: str | Unset = UNSET  # Duration (for videos)
    file_created_at: _dt.datetime  # File creation date
    file_modified_at: _dt.datetime  # File modification date
    filename: str | Unset = UNSET  # Filename
    is_favorite: bool | Unset = UNSET  # Mark as favorite
    live_photo_video_id: str | Unset = UNSET  # Live photo video ID
    metadata: list[AssetMetadataUpsertItemDto] | Unset = UNSET  # Asset metadata items
    sidecar_data: FileInput | Unset = UNSET  # Sidecar file data
    visibility: AssetVisibility | Unset = UNSET  # Asset visibility
