"""Small shared types: the UNSET sentinel and the secret wrapper."""

from __future__ import annotations

import enum
from typing import Final, Literal, TypeVar

from typing_extensions import TypeIs

__all__ = ["UNSET", "Secret", "Unset", "is_set"]

T = TypeVar("T")


class Unset(enum.Enum):
    """Type of :data:`UNSET`: "not sent", as opposed to ``None`` ("send JSON null").

    Every optional field of a generated model and every optional parameter of an
    API method defaults to ``UNSET``; such values are left out of the request.

    A one-member enum, so that type checkers narrow on it: after ``if x is not UNSET:``
    (or ``if is_set(x):``) an ``int | Unset`` is an ``int`` for mypy and pyright alike.
    """

    UNSET = "UNSET"

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    __str__ = __repr__


UNSET: Final = Unset.UNSET


def is_set(value: T | Unset) -> TypeIs[T]:
    """True when *value* is anything but :data:`UNSET` (``None`` counts as set).

    A type guard: ``if is_set(asset.exif_info):`` narrows ``ExifResponseDto | Unset`` to
    ``ExifResponseDto``.
    """
    return value is not UNSET


class DefaultPath(enum.Enum):
    """Type of :data:`DEFAULT_PATH` (here, not with the state store, so that an API group
    can take it as a default without importing the store)."""

    DEFAULT = "default"


#: A state file's default: the per-user path (see ``immich_bulk.transfer.state``).
DEFAULT_PATH: Final = DefaultPath.DEFAULT


class Secret:
    """A credential that never shows itself in a repr, a str or a log line."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str) or not value:
            raise ValueError("a credential must be a non-empty string")
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> str:
        raise TypeError("credentials are not picklable")
