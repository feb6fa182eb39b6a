# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import ReactionType
from .user_response_dto import UserResponseDto

@attrs.define(kw_only=True)
class ActivityResponseDto(Model):
    asset_id: str | None  # Asset ID (if activity is for an asset)
    comment: str | None | Unset = UNSET  # Comment text (for comment activities)
    created_at: _dt.datetime  # Creation date
    id: str  # Activity ID
    type: ReactionType  # Activity type
    user: UserResponseDto
