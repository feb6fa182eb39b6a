# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import datetime as _dt

import attrs

from .._types import UNSET, Unset
from ..serialization import Model

@attrs.define(kw_only=True)
class PersonCreateDto(Model):
    birth_date: _dt.date | None | Unset = UNSET  # Person date of birth
    color: str | None | Unset = UNSET  # Person color (hex)
    is_favorite: bool | Unset = UNSET  # Mark as favorite
    is_hidden: bool | Unset = UNSET  # Person visibility (hidden)
    name: str | Unset = UNSET  # Person name
