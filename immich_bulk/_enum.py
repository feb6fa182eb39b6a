"""Open string enums: a value this client does not know is kept, not rejected.

A newer Immich server may add an enum value (a new asset type, a new job name). Parsing
must not fail for the whole response because of that, so an unknown value becomes a
pseudo-member: an instance of the enum (``isinstance`` holds, it compares equal to its
string, it round-trips) whose ``name`` is ``"UNKNOWN"``. Iterating the enum still lists
only the known members.
"""

from __future__ import annotations

import enum
from typing import Any

__all__ = ["OpenStrEnum"]


class OpenStrEnum(str, enum.Enum):
    """Base of every generated enum."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """False for a value this client's version of the API does not define."""
        return self._name_ != "UNKNOWN"

    def __str__(self) -> str:
        return str(self._value_)

    def __format__(self, format_spec: str) -> str:
        return format(str(self._value_), format_spec)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}.{self._name_}: {self._value_!r}>"
