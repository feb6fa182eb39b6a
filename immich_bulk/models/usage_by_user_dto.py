# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model

@attrs.define(kw_only=True)
class UsageByUserDto(Model):
    photos: int  # Number of photos
    quota_size_in_bytes: int | None  # User quota size in bytes (null if unlimited)
    usage: int  # Total storage usage in bytes
    usage_photos: int  # Storage usage for photos in bytes
    usage_videos: int  # Storage usage for videos in bytes
    user_id: str  # User ID
    user_name: str  # User name
    videos: int  # Number of videos
