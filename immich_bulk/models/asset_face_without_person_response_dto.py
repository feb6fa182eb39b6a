# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import SourceType

@attrs.define(kw_only=True)
class AssetFaceWithoutPersonResponseDto(Model):
    bounding_box_x1: int  # Bounding box X1 coordinate
    bounding_box_x2: int  # Bounding box X2 coordinate
    bounding_box_y1: int  # Bounding box Y1 coordinate
    bounding_box_y2: int  # Bounding box Y2 coordinate
    id: str  # Face ID
    image_height: int  # Image height in pixels
    image_width: int  # Image width in pixels
    source_type: SourceType | Unset = UNSET  # Face detection source type
