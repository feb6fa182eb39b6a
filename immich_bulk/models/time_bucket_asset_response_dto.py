# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import AssetVisibility

@attrs.define(kw_only=True)
class TimeBucketAssetResponseDto(Model):
    city: list[str]  # Array of city names extracted from EXIF GPS data
    country: list[str]  # Array of country names extracted from EXIF GPS data
    duration: list[str]  # Array of video durations in HH:MM:SS format (null for images)
    file_created_at: list[str]  # Array of file creation timestamps in UTC
    id: list[str]  # Array of asset IDs in the time bucket
    is_favorite: list[bool]  # Array indicating whether each asset is favorited
    is_image: list[bool]  # Array indicating whether each asset is an image (false for videos)
    is_trashed: list[bool]  # Array indicating whether each asset is in the trash
    latitude: list[float] | Unset = UNSET  # Array of latitude coordinates extracted from EXIF GPS data
    live_photo_video_id: list[str]  # Array of live photo video asset IDs (null for non-live photos)
    local_offset_hours: list[float]  # Array of UTC offset hours at the time each photo was taken. Positive values are east of UTC, negative values are west of UTC. Values may be fractional (e.g., 5.5 for +05:30, -9.75 for -09:45). Applying this offset to 'fileCreatedAt' will give you the time the photo was taken from the photographer's perspective.
    longitude: list[float] | Unset = UNSET  # Array of longitude coordinates extracted from EXIF GPS data
    owner_id: list[str]  # Array of owner IDs for each asset
    projection_type: list[str]  # Array of projection types for 360° content (e.g., "EQUIRECTANGULAR", "CUBEFACE", "CYLINDRICAL")
    ratio: list[float]  # Array of aspect ratios (width/height) for each asset
    stack: list[list[str]] | Unset = UNSET  # Array of stack information as [stackId, assetCount] tuples (null for non-stacked assets)
    thumbhash: list[str]  # Array of BlurHash strings for generating asset previews (base64 encoded)
    visibility: list[AssetVisibility]  # Array of visibility statuses for each asset (e.g., ARCHIVE, TIMELINE, HIDDEN, LOCKED)
