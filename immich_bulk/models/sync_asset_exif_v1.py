# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from ..serialization import Model

@attrs.define(kw_only=True)
class SyncAssetExifV1(Model):
    asset_id: str  # Asset ID
    city: str | None  # City
    country: str | None  # Country
    date_time_original: _dt.datetime | None  # Date time original
    description: str | None  # Description
    exif_image_height: int | None  # Exif image height
    exif_image_width: int | None  # Exif image width
    exposure_time: str | None  # Exposure time
    f_number: float | None  # F number
    file_size_in_byte: int | None  # File size in byte
    focal_length: float | None  # Focal length
    fps: float | None  # FPS
    iso: int | None  # ISO
    latitude: float | None  # Latitude
    lens_model: str | None  # Lens model
    longitude: float | None  # Longitude
    make: str | None  # Make
    model: str | None  # Model
    modify_date: _dt.datetime | None  # Modify date
    orientation: str | None  # Orientation
    profile_description: str | None  # Profile description
    projection_type: str | None  # Projection type
    rating: int | None  # Rating
    state: str | None  # State
    time_zone: str | None  # Time zone
