# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model

@attrs.define(kw_only=True)
class AssetOcrResponseDto(Model):
    asset_id: str
    box_score: float  # Confidence score for text detection box
    id: str
    text: str  # Recognized text
    text_score: float  # Confidence score for text recognition
    x1: float  # Normalized x coordinate of box corner 1 (0-1)
    x2: float  # Normalized x coordinate of box corner 2 (0-1)
    x3: float  # Normalized x coordinate of box corner 3 (0-1)
    x4: float  # Normalized x coordinate of box corner 4 (0-1)
    y1: float  # Normalized y coordinate of box corner 1 (0-1)
    y2: float  # Normalized y coordinate of box corner 2 (0-1)
    y3: float  # Normalized y coordinate of box corner 3 (0-1)
    y4: float  # Normalized y coordinate of box corner 4 (0-1)
