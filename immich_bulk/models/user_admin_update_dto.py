# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import UserAvatarColor

@attrs.define(kw_only=True)
class UserAdminUpdateDto(Model):
    avatar_color: UserAvatarColor | None | Unset = UNSET  # Avatar color
    email: str | Unset = UNSET  # User email
    is_admin: bool | Unset = UNSET  # Grant admin privileges
    name: str | Unset = UNSET  # User name
    password: str | Unset = attrs.field(default=UNSET, repr=False)  # User password
    pin_code: str | None | Unset = attrs.field(default=UNSET, repr=False)  # PIN code
    quota_size_in_bytes: int | None | Unset = UNSET  # Storage quota in bytes
    should_change_password: bool | Unset = UNSET  # Require password change on next login
    storage_label: str | None | Unset = UNSET  # Storage label
