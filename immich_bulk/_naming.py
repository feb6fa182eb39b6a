"""Name conversions shared by the generator and the runtime (wire camelCase <-> snake_case)."""

from __future__ import annotations

import keyword
import re

_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_IDENT = re.compile(r"[^0-9a-zA-Z]+")
_REPEATED = re.compile(r"_+")


def snake(name: str) -> str:
    """``albumThumbnailAssetId`` -> ``album_thumbnail_asset_id``, ``x-immich-checksum`` ->
    ``x_immich_checksum``; Python keywords get a trailing underscore (``from`` -> ``from_``)."""
    words = _REPEATED.sub("_", _NON_IDENT.sub("_", _BOUNDARY.sub("_", name))).strip("_").lower()
    if keyword.iskeyword(words):
        words += "_"
    if words[:1].isdigit():
        words = "n" + words
    return words


def camel(py_name: str) -> str:
    """The wire name a snake_case name maps back to unless a model says otherwise."""
    head, *rest = py_name.rstrip("_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)
