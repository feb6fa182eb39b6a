# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model

@attrs.define(kw_only=True)
class ReverseGeocodingStateResponseDto(Model):
    last_import_file_name: str | None  # Last import file name
    last_update: str | None  # Last update timestamp
