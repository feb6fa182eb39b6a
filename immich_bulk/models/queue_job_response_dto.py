# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
from typing import Any

import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import JobName

@attrs.define(kw_only=True)
class QueueJobResponseDto(Model):
    data: dict[str, Any]  # Job data payload
    id: str | Unset = UNSET  # Job ID
    name: JobName  # Job name
    timestamp: int  # Job creation timestamp
