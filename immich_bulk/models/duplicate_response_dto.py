# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model
from .asset_response_dto import AssetResponseDto

@attrs.define(kw_only=True)
class DuplicateResponseDto(Model):
    assets: list[AssetResponseDto]  # Duplicate assets
    duplicate_id: str  # Duplicate group ID
    suggested_keep_asset_ids: list[str]  # Suggested asset IDs to keep based on file size and EXIF data
