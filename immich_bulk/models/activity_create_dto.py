# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import ReactionType

@attrs.define(kw_only=True)
class ActivityCreateDto(Model):
    album_id: str  # Album ID
    asset_id: str | Unset = UNSET  # Asset ID (if activity is for an asset)
    comment: str | Unset = UNSET  # Comment text (required if type is comment)
    type: ReactionType  # Activity type (like or comment)
