# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from .._types import UNSET, Unset
from ..serialization import Model

@attrs.define(kw_only=True)
class ExifResponseDto(Model):
    city: str | None | Unset = UNSET  # City name
    country: str | None | Unset = UNSET  # Country name
    date_time_original: _dt.datetime | None | Unset = UNSET  # Original date/time
    description: str | None | Unset = UNSET  # Image description
    exif_image_height: float | None | Unset = UNSET  # Image height in pixels
    exif_image_width: float | None | Unset = UNSET  # Image width in pixels
    exposure_time: str | None | Unset = UNSET  # Exposure time
    f_number: float | None | Unset = UNSET  # F-number (aperture)
    file_size_in_byte: int | None | Unset = UNSET  # File size in bytes
    focal_length: float | None | Unset = UNSET  # Focal length in mm
    iso: float | None | Unset = UNSET  # ISO sensitivity
    latitude: float | None | Unset = UNSET  # GPS latitude
    lens_model: str | None | Unset = UNSET  # Lens model
    longitude: float | None | Unset = UNSET  # GPS longitude
    make: str | None | Unset = UNSET  # Camera make
    model: str | None | Unset = UNSET  # Camera model
    modify_date: _dt.datetime | None | Unset = UNSET  # Modification date/time
    orientation: str | None | Unset = UNSET  # Image orientation
    projection_type: str | None | Unset = UNSET  # Projection type
    rating: float | None | Unset = UNSET  # Rating
    state: str | None | Unset = UNSET  # State/province name
    time_zone: str | None | Unset = UNSET  # Time zone
