"""A metadata search given as data (``download --search JSON``, ``export(search=...)``),
checked against ``MetadataSearchDto`` before it selects anything.

A search filter fails *closed*: the lenient converter that parses server responses drops
unknown keys, and an export whose filter lost its only key lists the whole library. So
here a key the schema does not know is an error naming it (with the closest known key), a
value of the wrong type names the type expected, something that is not a JSON object is
refused, and so is an empty filter (everything is ``everything=True`` / ``--all``, said on
purpose). ``page`` and ``size`` are refused too: the export pages through every result
itself, so they could only be ignored.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import json
import typing
from collections.abc import Mapping
from typing import Any

import cattrs

from ..._converter import converter, wire_names
from ..._types import Unset
from ...models import MetadataSearchDto

__all__ = ["search_filter"]

#: Keys the export sets itself on every page request.
PAGING = frozenset({"page", "size"})


@functools.cache
def _schema() -> dict[str, tuple[str, Any]]:
    """``{wire_name: (python_name, type without Unset)}`` of MetadataSearchDto."""
    hints = typing.get_type_hints(MetadataSearchDto)
    out = {}
    for python, wire in wire_names(MetadataSearchDto).items():
        args = tuple(a for a in typing.get_args(hints[python]) if a is not Unset)
        out[wire] = (python, typing.Union[args] if len(args) > 1 else args[0])  # noqa: UP007
    return out


def _describe_type(tp: Any) -> str:
    """What a value of *tp* looks like in JSON, for an error message."""
    args = typing.get_args(tp)
    if type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return " or ".join(_describe_type(a) for a in rest) + " or null"
    if typing.get_origin(tp) is list:
        return f"a list of {_describe_type(args[0]).removeprefix('a ').removeprefix('an ')}s"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "one of " + ", ".join(json.dumps(m.value) for m in tp)
    return {
        str: "a string",
        bool: "true or false",
        int: "an integer",
        float: "a number",
        dt.datetime: 'an ISO 8601 date-time string (e.g. "2020-01-01T00:00:00Z")',
    }.get(tp, getattr(tp, "__name__", str(tp)))


def _unknown_key(name: str, key: object) -> ValueError:
    known = sorted(set(_schema()) - PAGING)
    text = key if isinstance(key, str) else ""
    # compare without case and underscores: is_favorite and isfavorite find isFavorite
    folded = {k.casefold(): k for k in known}
    close = difflib.get_close_matches(text.replace("_", "").casefold(), folded, n=1, cutoff=0.6)
    hint = f"did you mean {folded[close[0]]!r}?" if close else "known keys: " + ", ".join(known)
    return ValueError(f"{name}: unknown key {key!r} ({hint})")


def _check_value(name: str, key: str, tp: Any, value: Any) -> None:
    """Raise TypeError (wrong JSON type) or ValueError (right type, bad value)."""
    expected = _describe_type(tp)
    shown = json.dumps(value, default=repr)
    try:
        parsed = converter.structure(value, tp)
    except (cattrs.BaseValidationError, TypeError, ValueError):
        # a string that does not parse (a date, say) is a bad value; anything else a bad type
        error = ValueError if isinstance(value, str) and _takes_strings(tp) else TypeError
        raise error(f"{name}: {key} must be {expected}, not {shown}") from None
    items = parsed if isinstance(parsed, list) else [parsed]
    if any(isinstance(i, enum.Enum) and not getattr(i, "is_known", True) for i in items):
        raise ValueError(f"{name}: {key} must be {expected}, not {shown}")


def search_filter(
    value: MetadataSearchDto | Mapping[str, Any], *, name: str = "search"
) -> MetadataSearchDto:
    """*value* (a ``MetadataSearchDto``, or its JSON form with the API's camelCase keys)
    as a checked ``MetadataSearchDto``; TypeError or ValueError naming the problem (*name*
    is how the caller calls the filter: ``search``, ``--search``)."""
    if isinstance(value, MetadataSearchDto):
        data: Any = converter.unstructure(value)
    elif isinstance(value, Mapping):
        data = dict(value)
    else:
        kind = "null" if value is None else f"a JSON {_json_kind(value)}"
        raise TypeError(
            f"{name} must be a JSON object of MetadataSearchDto filters "
            f'(e.g. {{"isFavorite": true}}), not {kind}'
        )
    schema = _schema()
    for key, item in data.items():
        if key not in schema:
            raise _unknown_key(name, key)
        if key in PAGING:
            raise ValueError(f"{name}: {key!r} is not a filter (the export pages by itself)")
        _check_value(name, key, schema[key][1], item)
    if not data:
        raise ValueError(
            f"{name} is empty: it would select every asset; ask for everything on purpose "
            "(everything=True, or --all)"
        )
    result: MetadataSearchDto = converter.structure(data, MetadataSearchDto)
    return result


def _takes_strings(tp: Any) -> bool:
    if typing.get_origin(tp) is list:
        return False
    return any(
        a is str or a is dt.datetime or (isinstance(a, type) and issubclass(a, enum.Enum))
        for a in (typing.get_args(tp) or (tp,))
    )


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    return type(value).__name__
