# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
from typing import ClassVar

import attrs

from .._types import UNSET, Unset
from ..serialization import Model

@attrs.define(kw_only=True)
class SessionCreateResponseDto(Model):
    _wire_names: ClassVar[dict[str, str]] = {'device_os': 'deviceOS'}
    app_version: str | None  # App version
    created_at: str  # Creation date
    current: bool  # Is current session
    device_os: str  # Device OS
    device_type: str  # Device type
    expires_at: str | Unset = UNSET  # Expiration date
    id: str  # Session ID
    is_pending_sync_reset: bool  # Is pending sync reset
    token: str = attrs.field(repr=False)  # Session token
    updated_at: str  # Last update date
