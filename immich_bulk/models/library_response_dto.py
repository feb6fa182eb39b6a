# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from ..serialization import Model

@attrs.define(kw_only=True)
class LibraryResponseDto(Model):
    asset_count: int  # Number of assets
    created_at: _dt.datetime  # Creation date
    exclusion_patterns: list[str]  # Exclusion patterns
    id: str  # Library ID
    import_paths: list[str]  # Import paths
    name: str  # Library name
    owner_id: str  # Owner user ID
    refreshed_at: _dt.datetime | None  # Last refresh date
    updated_at: _dt.datetime  # Last update date
