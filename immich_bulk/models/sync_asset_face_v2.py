# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from ..serialization import Model

@attrs.define(kw_only=True)
class SyncAssetFaceV2(Model):
    asset_id: str  # Asset ID
    bounding_box_x1: int
    bounding_box_x2: int
    bounding_box_y1: int
    bounding_box_y2: int
    deleted_at: _dt.datetime | None  # Face deleted at
    id: str  # Asset face ID
    image_height: int
    image_width: int
    is_visible: bool  # Is the face visible in the asset
    person_id: str | None  # Person ID
    source_type: str  # Source type
