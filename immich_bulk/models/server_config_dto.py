# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model

@attrs.define(kw_only=True)
class ServerConfigDto(Model):
    external_domain: str  # External domain URL
    is_initialized: bool  # Whether the server has been initialized
    is_onboarded: bool  # Whether the admin has completed onboarding
    login_page_message: str  # Login page message
    maintenance_mode: bool  # Whether maintenance mode is active
    map_dark_style_url: str  # Map dark style URL
    map_light_style_url: str  # Map light style URL
    oauth_button_text: str  # OAuth button text
    public_users: bool  # Whether public user registration is enabled
    trash_days: int  # Number of days before trashed assets are permanently deleted
    user_delete_delay: int  # Delay in days before deleted users are permanently removed
