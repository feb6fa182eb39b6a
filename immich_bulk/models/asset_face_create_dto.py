# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model

@attrs.define(kw_only=True)
class AssetFaceCreateDto(Model):
    asset_id: str  # Asset ID
    height: int  # Face bounding box height
    image_height: int  # Image height in pixels
    image_width: int  # Image width in pixels
    person_id: str  # Person ID
    width: int  # Face bounding box width
    x: int  # Face bounding box X coordinate
    y: int  # Face bounding box Y coordinate
