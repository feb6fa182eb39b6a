# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model

@attrs.define(kw_only=True)
class LoginResponseDto(Model):
    access_token: str = attrs.field(repr=False)  # Access token
    is_admin: bool  # Is admin user
    is_onboarded: bool  # Is onboarded
    name: str  # User name
    profile_image_path: str  # Profile image path
    should_change_password: bool  # Should change password
    user_email: str  # User email
    user_id: str  # User ID
