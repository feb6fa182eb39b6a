# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model

@attrs.define(kw_only=True)
class ServerStorageResponseDto(Model):
    disk_available: str  # Available disk space (human-readable format)
    disk_available_raw: int  # Available disk space in bytes
    disk_size: str  # Total disk size (human-readable format)
    disk_size_raw: int  # Total disk size in bytes
    disk_usage_percentage: float  # Disk usage percentage (0-100)
    disk_use: str  # Used disk space (human-readable format)
    disk_use_raw: int  # Used disk space in bytes
