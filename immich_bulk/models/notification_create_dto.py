# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt
from typing import Any

import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import NotificationLevel, NotificationType

@attrs.define(kw_only=True)
class NotificationCreateDto(Model):
    data: dict[str, Any] | Unset = UNSET  # Additional notification data
    description: str | None | Unset = UNSET  # Notification description
    level: NotificationLevel | Unset = UNSET  # Notification level
    read_at: _dt.datetime | None | Unset = UNSET  # Date when notification was read
    title: str  # Notification title
    type: NotificationType | Unset = UNSET  # Notification type
    user_id: str  # User ID to send notification to
