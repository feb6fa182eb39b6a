"""Models to and from their JSON wire form: to cache responses, write fixtures, log.

Every generated model has the methods (``asset.to_dict()``, ``AssetResponseDto.from_dict(d)``,
``to_json()``, ``from_json()``); the functions here do the same for any model and also take
lists (``from_json(list[AlbumResponseDto], text)``, ``to_json([a, b])``).

The form is exactly what the server sends and receives: camelCase keys, ``UNSET`` fields
left out, ``None`` as ``null``, datetimes and dates as ISO 8601 strings, enums as their
values (a value this client does not know is kept). Reading is as lenient as reading a
response (unknown keys ignored) unless ``strict=True``; data that does not fit raises
:class:`~immich_bulk.errors.ResponseValidationError` naming each bad field
by its path (``expected int | None @ $.exif_info.file_size_in_byte``).
"""

from __future__ import annotations

import functools
import json
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs
import cattrs
from typing_extensions import Self

from ._converter import converter, make_converter, structure_json
from .errors import ResponseValidationError
from .files import UploadFile

__all__ = ["Model", "from_dict", "from_json", "prepare", "to_dict", "to_json"]

T = TypeVar("T")
M = TypeVar("M", bound="Model")


class Model:
    """Base class of every generated model: its wire form as a dict or JSON, and back."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON-ready data: camelCase keys, ``UNSET`` fields left out."""
        return to_dict(self)

    def to_json(self, *, indent: int | None = None) -> str:
        """This model as a JSON document, as the server would send it."""
        return to_json(self, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, strict: bool = False) -> Self:
        """A model from decoded JSON (as :meth:`to_dict` gives or the server sends)."""
        return from_dict(cls, data, strict=strict)

    @classmethod
    def from_json(cls, text: str | bytes, *, strict: bool = False) -> Self:
        """A model from a JSON document."""
        return from_json(cls, text, strict=strict)


@functools.cache
def _file_field(cls: type) -> str | None:
    """The first field of *cls* that holds a file (multipart upload bodies), if any."""
    for field in attrs.fields(cls):
        tp = field.type
        if typing.get_origin(tp) in (typing.Union, types.UnionType) and UploadFile in (
            typing.get_args(tp)
        ):
            name: str = field.name
            return name
    return None


def _no_json_form(cls: type) -> None:
    name = _file_field(cls) if attrs.has(cls) else None
    if name is not None:
        raise TypeError(
            f"{cls.__name__} holds a file ({name}): it is sent as multipart/form-data "
            "and has no JSON form"
        )


@functools.cache
def _strict_converter() -> cattrs.Converter:
    return make_converter(strict=True)


def to_dict(model: Model) -> dict[str, Any]:
    """*model* as JSON-ready data: camelCase keys, ``UNSET`` fields left out, ``None`` kept,
    datetimes as ISO 8601 strings, enums as their values."""
    if not isinstance(model, Model):
        raise TypeError(f"to_dict() takes a model, not {type(model).__name__}")
    _no_json_form(type(model))
    data: dict[str, Any] = converter.unstructure(model)
    return data


def to_json(value: Any, *, indent: int | None = None) -> str:
    """*value* (a model, a list or dict of models, or plain data) as a JSON document."""
    if isinstance(value, Model):
        _no_json_form(type(value))
    return json.dumps(
        converter.unstructure(value),
        ensure_ascii=False,
        allow_nan=False,
        indent=indent,
        separators=None if indent is not None else (",", ":"),
    )


def from_dict(cls: type[M], data: Mapping[str, Any], *, strict: bool = False) -> M:
    """A *cls* from decoded JSON; ``strict`` also refuses keys the model does not have."""
    _no_json_form(cls)
    if not isinstance(data, Mapping):
        raise ResponseValidationError(
            f"$: expected a JSON object for {cls.__name__}, got {type(data).__name__}"
        )
    return structure_json(data, cls, conv=_strict_converter() if strict else None)


def from_json(tp: type[T], text: str | bytes, *, strict: bool = False) -> T:
    """A *tp* (a model, or e.g. ``list[AssetResponseDto]``) from a JSON document."""
    if isinstance(tp, type) and attrs.has(tp):
        _no_json_form(tp)
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ResponseValidationError(f"not a JSON document: {exc}") from exc
    return structure_json(data, tp, conv=_strict_converter() if strict else None)


def prepare(*classes: type[Model]) -> None:
    """Build the (de)serialization code of *classes* now rather than on first use (about a
    millisecond each): for a latency-sensitive first call, or before timing something."""
    for cls in classes:
        converter.get_structure_hook(cls)
        converter.get_unstructure_hook(cls)
