# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import SharedLinkType
from .album_response_dto import AlbumResponseDto
from .asset_response_dto import AssetResponseDto

@attrs.define(kw_only=True)
class SharedLinkResponseDto(Model):
    album: AlbumResponseDto | Unset = UNSET
    allow_download: bool  # Allow downloads
    allow_upload: bool  # Allow uploads
    assets: list[AssetResponseDto]
    created_at: _dt.datetime  # Creation date
    description: str | None  # Link description
    expires_at: _dt.datetime | None  # Expiration date
    id: str  # Shared link ID
    key: str  # Encryption key (base64url)
    password: str | None = attrs.field(repr=False)  # Has password
    show_metadata: bool  # Show metadata
    slug: str | None  # Custom URL slug
    token: str | None | Unset = attrs.field(default=UNSET, repr=False)  # Access token (deprecated)
    type: SharedLinkType  # Shared link type
    user_id: str  # Owner user ID
