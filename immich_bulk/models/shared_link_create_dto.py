# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import SharedLinkType

@attrs.define(kw_only=True)
class SharedLinkCreateDto(Model):
    album_id: str | Unset = UNSET  # Album ID (for album sharing)
    allow_download: bool | Unset = UNSET  # Allow downloads
    allow_upload: bool | Unset = UNSET  # Allow uploads
    asset_ids: list[str] | Unset = UNSET  # Asset IDs (for individual assets)
    description: str | None | Unset = UNSET  # Link description
    expires_at: _dt.datetime | None | Unset = UNSET  # Expiration date
    password: str | None | Unset = attrs.field(default=UNSET, repr=False)  # Link password
    show_metadata: bool | Unset = UNSET  # Show metadata
    slug: str | None | Unset = UNSET  # Custom URL slug
    type: SharedLinkType  # Shared link type
