# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from ..serialization import Model
from ._enums import UserAvatarColor

@attrs.define(kw_only=True)
class SyncUserV1(Model):
    avatar_color: UserAvatarColor | None  # User avatar color
    deleted_at: _dt.datetime | None  # User deleted at
    email: str  # User email
    has_profile_image: bool  # User has profile image
    id: str  # User ID
    name: str  # User name
    profile_changed_at: _dt.datetime  # User profile changed at
