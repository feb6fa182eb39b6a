# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from .._types import UNSET, Unset
from ..serialization import Model

@attrs.define(kw_only=True)
class AssetFullSyncDto(Model):
    last_id: str | Unset = UNSET  # Last asset ID (pagination)
    limit: int  # Maximum number of assets to return
    updated_until: _dt.datetime  # Sync assets updated until this date
    user_id: str | Unset = UNSET  # Filter by user ID
