# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from ..serialization import Model
from ._enums import UserAvatarColor, UserStatus
from .user_license import UserLicense

@attrs.define(kw_only=True)
class UserAdminResponseDto(Model):
    avatar_color: UserAvatarColor  # Avatar color
    created_at: _dt.datetime  # Creation date
    deleted_at: _dt.datetime | None  # Deletion date
    email: str  # User email
    id: str  # User ID
    is_admin: bool  # Is admin user
    license: UserLicense | None  # User license
    name: str  # User name
    oauth_id: str  # OAuth ID
    profile_changed_at: _dt.datetime  # Profile change date
    profile_image_path: str  # Profile image path
    quota_size_in_bytes: int | None  # Storage quota in bytes
    quota_usage_in_bytes: int | None  # Storage usage in bytes
    should_change_password: bool  # Require password change on next login
    status: UserStatus  # User status
    storage_label: str | None  # Storage label
    updated_at: _dt.datetime  # Last update date
