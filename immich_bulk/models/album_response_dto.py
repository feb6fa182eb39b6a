# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import AssetOrder
from .album_user_response_dto import AlbumUserResponseDto
from .asset_response_dto import AssetResponseDto
from .contributor_count_response_dto import ContributorCountResponseDto
from .user_response_dto import UserResponseDto

@attrs.define(kw_only=True)
class AlbumResponseDto(Model):
    album_name: str  # Album name
    album_thumbnail_asset_id: str | None  # Thumbnail asset ID
    album_users: list[AlbumUserResponseDto]
    asset_count: int  # Number of assets
    assets: list[AssetResponseDto]
    contributor_counts: list[ContributorCountResponseDto] | Unset = UNSET
    created_at: _dt.datetime  # Creation date
    description: str  # Album description
    end_date: _dt.datetime | Unset = UNSET  # End date (latest asset)
    has_shared_link: bool  # Has shared link
    id: str  # Album ID
    is_activity_enabled: bool  # Activity feed enabled
    last_modified_asset_timestamp: _dt.datetime | Unset = UNSET  # Last modified asset timestamp
    order: AssetOrder | Unset = UNSET  # Asset sort order
    owner: UserResponseDto
    owner_id: str  # Owner user ID
    shared: bool  # Is shared album
    start_date: _dt.datetime | Unset = UNSET  # Start date (earliest asset)
    updated_at: _dt.datetime  # Last update date
