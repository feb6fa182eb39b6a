# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import AssetOrder, AssetTypeEnum, AssetVisibility

@attrs.define(kw_only=True)
class MetadataSearchDto(Model):
    album_ids: list[str] | Unset = UNSET  # Filter by album IDs
    checksum: str | Unset = UNSET  # Filter by file checksum
    city: str | None | Unset = UNSET  # Filter by city name
    country: str | None | Unset = UNSET  # Filter by country name
    created_after: _dt.datetime | Unset = UNSET  # Filter by creation date (after)
    created_before: _dt.datetime | Unset = UNSET  # Filter by creation date (before)
    description: str | Unset = UNSET  # Filter by description text
    device_asset_id: str | Unset = UNSET  # Filter by device asset ID
    device_id: str | Unset = UNSET  # Device ID to filter by
    encoded_video_path: str | Unset = UNSET  # Filter by encoded video file path
    id: str | Unset = UNSET  # Filter by asset ID
    is_encoded: bool | Unset = UNSET  # Filter by encoded status
    is_favorite: bool | Unset = UNSET  # Filter by favorite status
    is_motion: bool | Unset = UNSET  # Filter by motion photo status
    is_not_in_album: bool | Unset = UNSET  # Filter assets not in any album
    is_offline: bool | Unset = UNSET  # Filter by offline status
    lens_model: str | None | Unset = UNSET  # Filter by lens model
    library_id: str | None | Unset = UNSET  # Library ID to filter by
    make: str | Unset = UNSET  # Filter by camera make
    model: str | None | Unset = UNSET  # Filter by camera model
    ocr: str | Unset = UNSET  # Filter by OCR text content
    order: AssetOrder | Unset = UNSET  # Sort order
    original_file_name: str | Unset = UNSET  # Filter by original file name
    original_path: str | Unset = UNSET  # Filter by original file path
    page: float | Unset = UNSET  # Page number
    person_ids: list[str] | Unset = UNSET  # Filter by person IDs
    preview_path: str | Unset = UNSET  # Filter by preview file path
    rating: float | None | Unset = UNSET  # Filter by rating [1-5], or null for unrated
    size: float | Unset = UNSET  # Number of results to return
    state: str | None | Unset = UNSET  # Filter by state/province name
    tag_ids: list[str] | None | Unset = UNSET  # Filter by tag IDs
    taken_after: _dt.datetime | Unset = UNSET  # Filter by taken date (after)
    taken_before: _dt.datetime | Unset = UNSET  # Filter by taken date (before)
    thumbnail_path: str | Unset = UNSET  # Filter by thumbnail file path
    trashed_after: _dt.datetime | Unset = UNSET  # Filter by trash date (after)
    trashed_before: _dt.datetime | Unset = UNSET  # Filter by trash date (before)
    type: AssetTypeEnum | Unset = UNSET  # Asset type filter
    updated_after: _dt.datetime | Unset = UNSET  # Filter by update date (after)
    updated_before: _dt.datetime | Unset = UNSET  # Filter by update date (before)
    visibility: AssetVisibility | Unset = UNSET  # Filter by visibility
    with_deleted: bool | Unset = UNSET  # Include deleted assets
    with_exif: bool | Unset = UNSET  # Include EXIF data in response
    with_people: bool | Unset = UNSET  # Include people data in response
    with_stacked: bool | Unset = UNSET  # Include stacked assets
