# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model
from .usage_by_user_dto import UsageByUserDto

@attrs.define(kw_only=True)
class ServerStatsResponseDto(Model):
    photos: int  # Total number of photos
    usage: int  # Total storage usage in bytes
    usage_by_user: list[UsageByUserDto]
    usage_photos: int  # Storage usage for photos in bytes
    usage_videos: int  # Storage usage for videos in bytes
    videos: int  # Total number of videos
