# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model
from ._enums import OAuthTokenEndpointAuthMethod

@attrs.define(kw_only=True)
class SystemConfigOAuthDto(Model):
    auto_launch: bool  # Auto launch
    auto_register: bool  # Auto register
    button_text: str  # Button text
    client_id: str  # Client ID
    client_secret: str = attrs.field(repr=False)  # Client secret
    default_storage_quota: int | None  # Default storage quota
    enabled: bool  # Enabled
    issuer_url: str  # Issuer URL
    mobile_override_enabled: bool  # Mobile override enabled
    mobile_redirect_uri: str  # Mobile redirect URI
    profile_signing_algorithm: str  # Profile signing algorithm
    role_claim: str  # Role claim
    scope: str  # Scope
    signing_algorithm: str
    storage_label_claim: str  # Storage label claim
    storage_quota_claim: str  # Storage quota claim
    timeout: int  # Timeout
    token_endpoint_auth_method: OAuthTokenEndpointAuthMethod  # Token endpoint auth method
