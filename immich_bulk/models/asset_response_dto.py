# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import AssetTypeEnum, AssetVisibility
from .asset_face_without_person_response_dto import AssetFaceWithoutPersonResponseDto
from .asset_stack_response_dto import AssetStackResponseDto
from .exif_response_dto import ExifResponseDto
from .person_with_faces_response_dto import PersonWithFacesResponseDto
from .tag_response_dto import TagResponseDto
from .user_response_dto import UserResponseDto

@attrs.define(kw_only=True)
class AssetResponseDto(Model):
    checksum: str  # Base64 encoded SHA1 hash
    created_at: _dt.datetime  # The UTC timestamp when the asset was originally uploaded to Immich.
    device_asset_id: str  # Device asset ID
    device_id: str  # Device ID
    duplicate_id: str | None | Unset = UNSET  # Duplicate group ID
    duration: str  # Video duration (for videos)
    exif_info: ExifResponseDto | Unset = UNSET
    file_created_at: _dt.datetime  # The actual UTC timestamp when the file was created/captured, preserving timezone information. This is the authoritative timestamp for chronological sorting within timeline groups. Combined with timezone data, this can be used to determine the exact moment the photo was taken.
    file_modified_at: _dt.datetime  # The UTC timestamp when the file was last modified on the filesystem. This reflects the last time the physical file was changed, which may be different from when the photo was originally taken.
    has_metadata: bool  # Whether asset has metadata
    height: float | None  # Asset height
    id: str  # Asset ID
    is_archived: bool  # Is archived
    is_edited: bool  # Is edited
    is_favorite: bool  # Is favorite
    is_offline: bool  # Is offline
    is_trashed: bool  # Is trashed
    library_id: str | None | Unset = UNSET  # Library ID (deprecated)
    live_photo_video_id: str | None | Unset = UNSET  # Live photo video ID
    local_date_time: _dt.datetime  # The local date and time when the photo/video was taken, derived from EXIF metadata. This represents the photographer's local time regardless of timezone, stored as a timezone-agnostic timestamp. Used for timeline grouping by "local" days and months.
    original_file_name: str  # Original file name
    original_mime_type: str | Unset = UNSET  # Original MIME type
    original_path: str  # Original file path
    owner: UserResponseDto | Unset = UNSET
    owner_id: str  # Owner user ID
    people: list[PersonWithFacesResponseDto] | Unset = UNSET
    resized: bool | Unset = UNSET  # Is resized (deprecated)
    stack: AssetStackResponseDto | None | Unset = UNSET
    tags: list[TagResponseDto] | Unset = UNSET
    thumbhash: str | None  # Thumbhash for thumbnail generation (base64) also used as the c query param for thumbnail cache busting.
    type: AssetTypeEnum  # Asset type
    unassigned_faces: list[AssetFaceWithoutPersonResponseDto] | Unset = UNSET
    updated_at: _dt.datetime  # The UTC timestamp when the asset record was last updated in the database. This is automatically maintained by the database and reflects when any field in the asset was last modified.
    visibility: AssetVisibility  # Asset visibility
    width: float | None  # Asset width
