# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from ..serialization import Model
from ._enums import Permission

@attrs.define(kw_only=True)
class APIKeyResponseDto(Model):
    created_at: _dt.datetime  # Creation date
    id: str  # API key ID
    name: str  # API key name
    permissions: list[Permission]  # List of permissions
    updated_at: _dt.datetime  # Last update date
