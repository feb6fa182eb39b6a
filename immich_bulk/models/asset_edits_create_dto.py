# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model
from .asset_edit_action_item_dto import AssetEditActionItemDto

@attrs.define(kw_only=True)
class AssetEditsCreateDto(Model):
    edits: list[AssetEditActionItemDto]  # List of edit actions to apply (crop, rotate, or mirror)
