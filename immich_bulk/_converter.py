"""The one cattrs converter: wire JSON <-> generated attrs models.

- Python names are snake_case, wire names camelCase; a model's ``_wire_names`` lists the
  names that do not follow the simple rule (``device_os`` <-> ``deviceOS``).
- ``UNSET`` fields are left out of what is sent; ``None`` is sent as JSON null.
- Datetimes are ISO 8601 strings on the wire (``Z`` accepted), dates ``YYYY-MM-DD``.
- Primitive fields are checked, not coerced: a number where a string belongs is an error.
- Lenient by default: fields a newer server adds are ignored, unknown enum values are kept
  (see :mod:`immich_bulk._enum`). ``make_converter(strict=True)`` also rejects unknown
  fields; the test suite uses it to catch drift from the spec.
- A response that does not fit raises :class:`~immich_bulk.errors.ResponseValidationError`
  whose message names each bad field by its path (``$.assets[3].checksum``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar, Union

import attrs
import cattrs
from cattrs.cols import list_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._enum import OpenStrEnum
from ._naming import camel
from ._types import Unset
from .errors import ResponseValidationError

__all__ = ["converter", "dumps", "make_converter", "structure_json", "wire_names"]

T = TypeVar("T")


def wire_names(cls: type) -> dict[str, str]:
    """``{python_name: wire_name}`` for every field of a generated model."""
    overrides: dict[str, str] = getattr(cls, "_wire_names", {})
    return {f.name: overrides.get(f.name) or camel(f.name) for f in attrs.fields(cls)}


_FRACTION = re.compile(r"\.(\d{1,9})(?=[+-]|$)")


def _parse_datetime(value: Any, _: Any) -> dt.datetime:
    if type(value) is not str:
        raise TypeError(f"expected an ISO 8601 date-time string, got {type(value).__name__}")
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        # Python 3.10 takes only 3 or 6 fraction digits; servers send 1 to 9
        fixed = _FRACTION.sub(lambda m: "." + (m.group(1) + "000000")[:6], text, count=1)
        if fixed == text:
            raise
        return dt.datetime.fromisoformat(fixed)


def _parse_date(value: Any, _: Any) -> dt.date:
    if type(value) is not str:
        raise TypeError(f"expected a YYYY-MM-DD date string, got {type(value).__name__}")
    return dt.date.fromisoformat(value[:10])


def _strict(kind: type, label: str) -> Callable[[Any, Any], Any]:
    def check(value: Any, _: Any) -> Any:
        if type(value) is not kind:
            raise TypeError(f"expected {label}, got {type(value).__name__}")
        return value

    return check


def _number(value: Any, _: Any) -> float:
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    raise TypeError(f"expected a number, got {type(value).__name__}")


def _json_object(value: Any, _: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise TypeError(f"expected a JSON object, got {type(value).__name__}")
    return value


def _open_enum(value: Any, tp: Any) -> Any:
    if type(value) is not str:
        raise TypeError(f"expected a string ({tp.__name__}), got {type(value).__name__}")
    return tp(value)


def _union_args(tp: Any) -> tuple[Any, ...]:
    if typing.get_origin(tp) in (Union, types.UnionType):
        return typing.get_args(tp)
    return ()


def _has_unset(tp: Any) -> bool:
    return Unset in _union_args(tp)


def _is_list(tp: Any) -> bool:
    return typing.get_origin(tp) is list


def make_converter(*, strict: bool = False) -> cattrs.Converter:
    """A converter for the generated models; ``strict`` also rejects unknown fields."""
    conv = cattrs.Converter(detailed_validation=True)

    conv.register_structure_hook(str, _strict(str, "a string"))
    conv.register_structure_hook(bool, _strict(bool, "a boolean"))
    conv.register_structure_hook(int, _strict(int, "an integer"))
    conv.register_structure_hook(float, _number)
    conv.register_structure_hook(OpenStrEnum, _open_enum)
    conv.register_structure_hook(dt.datetime, _parse_datetime)
    conv.register_structure_hook(dt.date, _parse_date)
    conv.register_structure_hook_func(lambda tp: tp == dict[str, Any], _json_object)
    conv.register_unstructure_hook(dt.datetime, lambda v: v.isoformat())
    conv.register_unstructure_hook(dt.date, lambda v: v.isoformat())
    conv.register_unstructure_hook(OpenStrEnum, lambda v: str(v._value_))

    def structure_without_unset(tp: Any) -> Callable[[Any, Any], Any]:
        rest = tuple(a for a in _union_args(tp) if a is not Unset)
        inner: Any = rest[0] if len(rest) == 1 else Union[rest]  # noqa: UP007
        hook = conv.get_structure_hook(inner)
        return lambda value, _: hook(value, inner)

    conv.register_structure_hook_factory(_has_unset, structure_without_unset)

    def structure_list(tp: Any) -> Callable[[Any, Any], Any]:
        # cattrs turns any iterable into a list; a string or an object here is malformed.
        items = list_structure_factory(tp, conv)

        def structure(value: Any, _: Any) -> list[Any]:
            if type(value) is not list:
                raise TypeError(f"expected a JSON array, got {type(value).__name__}")
            return items(value, tp)  # type: ignore[no-any-return]

        return structure

    conv.register_structure_hook_factory(_is_list, structure_list)

    def structure_model(cls: type) -> Callable[[Any, Any], Any]:
        renames: dict[str, Any] = {n: override(rename=w) for n, w in wire_names(cls).items()}
        return make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=strict, **renames)

    def unstructure_model(cls: type) -> Callable[[Any], Any]:
        renames: dict[str, Any] = {n: override(rename=w) for n, w in wire_names(cls).items()}
        return make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **renames)

    conv.register_structure_hook_factory(attrs.has, structure_model)
    conv.register_unstructure_hook_factory(attrs.has, unstructure_model)
    return conv


converter = make_converter()


def _describe(exc: BaseException) -> str:
    try:
        messages = cattrs.transform_error(exc, path="$")
    except Exception:  # not a cattrs error group: fall back to its text
        return str(exc)
    text = "; ".join(messages[:20])
    if len(messages) > 20:
        text += f" (and {len(messages) - 20} more)"
    return text.replace(" | immich_bulk._types.Unset", "")


def structure_json(data: Any, tp: type[T] | Any, *, conv: cattrs.Converter | None = None) -> T:
    """Structure decoded JSON into *tp*, raising ResponseValidationError with field paths."""
    try:
        return (conv or converter).structure(data, tp)  # type: ignore[no-any-return]
    except (cattrs.BaseValidationError, TypeError, ValueError, KeyError) as exc:
        raise ResponseValidationError(_describe(exc)) from exc


@functools.cache
def _encoder() -> json.JSONEncoder:
    return json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def dumps(value: Any) -> bytes:
    """Unstructure *value* (a model, a list of models, or plain data) and encode it as JSON."""
    return _encoder().encode(converter.unstructure(value)).encode("utf-8")
