# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from .asset_face_without_person_response_dto import AssetFaceWithoutPersonResponseDto

@attrs.define(kw_only=True)
class PersonWithFacesResponseDto(Model):
    birth_date: _dt.date | None  # Person date of birth
    color: str | Unset = UNSET  # Person color (hex)
    faces: list[AssetFaceWithoutPersonResponseDto]  # Face detections
    id: str  # Person ID
    is_favorite: bool | Unset = UNSET  # Is favorite
    is_hidden: bool  # Is hidden
    name: str  # Person name
    thumbnail_path: str  # Thumbnail path
    updated_at: _dt.datetime | Unset = UNSET  # Last update date
