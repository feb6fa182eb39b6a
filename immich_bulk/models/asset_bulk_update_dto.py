# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import AssetVisibility

@attrs.define(kw_only=True)
class AssetBulkUpdateDto(Model):
    date_time_original: str | Unset = UNSET  # Original date and time
    date_time_relative: float | Unset = UNSET  # Relative time offset in seconds
    description: str | Unset = UNSET  # Asset description
    duplicate_id: str | None | Unset = UNSET  # Duplicate ID
    ids: list[str]  # Asset IDs to update
    is_favorite: bool | Unset = UNSET  # Mark as favorite
    latitude: float | Unset = UNSET  # Latitude coordinate
    longitude: float | Unset = UNSET  # Longitude coordinate
    rating: float | None | Unset = UNSET  # Rating in range [1-5], or null for unrated
    time_zone: str | Unset = UNSET  # Time zone (IANA timezone)
    visibility: AssetVisibility | Unset = UNSET  # Asset visibility
