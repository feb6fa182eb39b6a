# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from ..serialization import Model
from ._enums import AssetTypeEnum, AssetVisibility

@attrs.define(kw_only=True)
class SyncAssetV1(Model):
    checksum: str  # Checksum
    deleted_at: _dt.datetime | None  # Deleted at
    duration: str | None  # Duration
    file_created_at: _dt.datetime | None  # File created at
    file_modified_at: _dt.datetime | None  # File modified at
    height: int | None  # Asset height
    id: str  # Asset ID
    is_edited: bool  # Is edited
    is_favorite: bool  # Is favorite
    library_id: str | None  # Library ID
    live_photo_video_id: str | None  # Live photo video ID
    local_date_time: _dt.datetime | None  # Local date time
    original_file_name: str  # Original file name
    owner_id: str  # Owner ID
    stack_id: str | None  # Stack ID
    thumbhash: str | None  # Thumbhash
    type: AssetTypeEnum  # Asset type
    visibility: AssetVisibility  # Asset visibility
    width: int | None  # Asset width
