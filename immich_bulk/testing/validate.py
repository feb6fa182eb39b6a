"""class-validator style DTO validation with Immich's messages.

Collects every failing constraint in declaration order and raises one 400 whose ``message``
is the list of strings, like Nest's ``ValidationPipe``. Unknown properties are ignored
(``whitelist: true``). Date fields that cannot be parsed fail at once with a plain string
message (``"fileCreatedAt must be a date string"``, transcript 10l), as Immich's transform
does.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from .web import HTTPError, is_uuid

_MISSING: Any = object()


def parse_date(value: str) -> datetime | None:
    """Parse an ISO 8601 date(-time) like ``new Date(...)`` would; naive means UTC."""
    text = value.strip()
    if not text:
        return None
    if text.endswith(("z", "Z")):
        text = text[:-1] + "+00:00"
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt


class Validator:
    """Validate one DTO. ``strings=True`` for multipart/query values (booleans as text)."""

    def __init__(self, data: Any, *, strings: bool = False, prefix: str = "") -> None:
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        self.strings = strings
        self.prefix = prefix
        self.errors: list[str] = []

    def _get(self, name: str) -> Any:
        return self.data.get(name, _MISSING)

    def _name(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def _absent(self, value: Any, nullable: bool) -> bool:
        return value is _MISSING or (value is None and nullable)

    def check(self) -> None:
        if self.errors:
            raise HTTPError(400, self.errors)

    # ---------------------------------------------------------------- scalars

    def string(
        self,
        name: str,
        *,
        required: bool = False,
        not_empty: bool = False,
        nullable: bool = False,
        empty_first: bool = False,
    ) -> Any:
        value = self._get(name)
        if not required and self._absent(value, nullable):
            return None if value is _MISSING else value
        msgs = []
        if not isinstance(value, str):
            msgs.append(f"{self._name(name)} must be a string")
        if not_empty and (value is _MISSING or value in ("", None)):
            msgs.append(f"{self._name(name)} should not be empty")
        if empty_first:
            msgs.reverse()
        self.errors.extend(msgs)
        return value if isinstance(value, str) else None

    def boolean(self, name: str, *, required: bool = False) -> bool | None:
        value = self._get(name)
        if not required and value is _MISSING:
            return None
        if self.strings and isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if isinstance(value, bool):
            return value
        self.errors.append(f"{self._name(name)} must be a boolean value")
        return None

    def uuid(self, name: str, *, required: bool = False, nullable: bool = False) -> Any:
        value = self._get(name)
        if not required and self._absent(value, nullable):
            return None
        if not is_uuid(value):
            self.errors.append(f"{self._name(name)} must be a UUID")
            return None
        return str(value).lower()

    def enum(
        self, name: str, values: Sequence[str], *, required: bool = False, nullable: bool = False
    ) -> Any:
        value = self._get(name)
        if not required and self._absent(value, nullable):
            return None
        if value not in values:
            joined = ", ".join(values)
            self.errors.append(f"{self._name(name)} must be one of the following values: {joined}")
            return None
        return value

    def number(
        self,
        name: str,
        *,
        required: bool = False,
        integer: bool = False,
        minimum: float | None = None,
        maximum: float | None = None,
        nullable: bool = False,
    ) -> Any:
        value = self._get(name)
        if not required and self._absent(value, nullable):
            return None
        if self.strings and isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = float(value) if "." in value or "e" in value.lower() else int(value)
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and isinstance(value, float) and not math.isfinite(value):
            ok = False
        if integer and ok and not float(value).is_integer():
            ok = False
        if not ok:
            kind = (
                "an integer number"
                if integer
                else "a number conforming to the specified constraints"
            )
            self.errors.append(f"{self._name(name)} must be {kind}")
            return None
        if minimum is not None and value < minimum:
            self.errors.append(f"{self._name(name)} must not be less than {_num(minimum)}")
        if maximum is not None and value > maximum:
            self.errors.append(f"{self._name(name)} must not be greater than {_num(maximum)}")
        return int(value) if integer else value

    def date(self, name: str, *, required: bool = False, nullable: bool = False) -> datetime | None:
        value = self._get(name)
        if self._absent(value, nullable) or value == "":
            if required:
                self.errors.append(f"{self._name(name)} must be a Date instance")
                self.errors.append(f"{self._name(name)} should not be empty")
            return None
        parsed = parse_date(value) if isinstance(value, str) else None
        if parsed is None:
            raise HTTPError(400, f"{self._name(name)} must be a date string")
        return parsed

    def object(self, name: str, *, required: bool = False) -> dict[str, Any] | None:
        value = self._get(name)
        if not required and value is _MISSING:
            return None
        if not isinstance(value, dict):
            self.errors.append(f"{self._name(name)} must be an object")
            return None
        return value

    # ---------------------------------------------------------------- arrays

    def array(
        self, name: str, *, required: bool = False, nullable: bool = False
    ) -> list[Any] | None:
        value = self._get(name)
        if not required and self._absent(value, nullable):
            return None
        if not isinstance(value, list):
            self.errors.append(f"{self._name(name)} must be an array")
            return None
        return value

    def uuid_list(
        self, name: str, *, required: bool = False, nullable: bool = False, min_size: int = 0
    ) -> list[str] | None:
        value = self._get(name)
        if not required and self._absent(value, nullable):
            return None
        msgs = []
        if not isinstance(value, list):
            msgs.append(f"each value in {self._name(name)} must be a UUID")
            msgs.append(f"{self._name(name)} must be an array")
            self.errors.extend(msgs)
            return None
        if not all(is_uuid(v) for v in value):
            self.errors.append(f"each value in {self._name(name)} must be a UUID")
            return None
        if len(value) < min_size:
            self.errors.append(f"{self._name(name)} must contain at least {min_size} elements")
        return [v.lower() for v in value]

    def string_list(self, name: str, *, required: bool = False) -> list[str] | None:
        value = self._get(name)
        if not required and value is _MISSING:
            return None
        if not isinstance(value, list):
            self.errors.append(f"each value in {self._name(name)} must be a string")
            self.errors.append(f"{self._name(name)} must be an array")
            return None
        if not all(isinstance(v, str) for v in value):
            self.errors.append(f"each value in {self._name(name)} must be a string")
            return None
        return list(value)

    def enum_list(
        self, name: str, values: Sequence[str], *, required: bool = False
    ) -> list[str] | None:
        value = self._get(name)
        if not required and value is _MISSING:
            return None
        if not isinstance(value, list) or not all(v in values for v in value):
            joined = ", ".join(values)
            self.errors.append(
                f"each value in {self._name(name)} must be one of the following values: {joined}"
            )
            return None
        return list(value)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
