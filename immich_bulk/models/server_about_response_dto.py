# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from .._types import UNSET, Unset
from ..serialization import Model

@attrs.define(kw_only=True)
class ServerAboutResponseDto(Model):
    build: str | Unset = UNSET  # Build identifier
    build_image: str | Unset = UNSET  # Build image name
    build_image_url: str | Unset = UNSET  # Build image URL
    build_url: str | Unset = UNSET  # Build URL
    exiftool: str | Unset = UNSET  # ExifTool version
    ffmpeg: str | Unset = UNSET  # FFmpeg version
    imagemagick: str | Unset = UNSET  # ImageMagick version
    libvips: str | Unset = UNSET  # libvips version
    licensed: bool  # Whether the server is licensed
    nodejs: str | Unset = UNSET  # Node.js version
    repository: str | Unset = UNSET  # Repository name
    repository_url: str | Unset = UNSET  # Repository URL
    source_commit: str | Unset = UNSET  # Source commit hash
    source_ref: str | Unset = UNSET  # Source reference (branch/tag)
    source_url: str | Unset = UNSET  # Source URL
    third_party_bug_feature_url: str | Unset = UNSET  # Third-party bug/feature URL
    third_party_documentation_url: str | Unset = UNSET  # Third-party documentation URL
    third_party_source_url: str | Unset = UNSET  # Third-party source URL
    third_party_support_url: str | Unset = UNSET  # Third-party support URL
    version: str  # Server version
    version_url: str  # URL to version information
