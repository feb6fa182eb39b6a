"""Names: spec names (camelCase, tags with spaces, enum values) to Python names."""

from __future__ import annotations

import re

from .._naming import camel, snake

__all__ = ["camel", "enum_member", "group_attr", "pascal", "snake"]

_NON_IDENT = re.compile(r"[^0-9a-zA-Z]+")


def pascal(name: str) -> str:
    """``Users (admin)`` -> ``UsersAdmin``; ``action`` -> ``Action``."""
    return "".join(part[:1].upper() + part[1:] for part in _NON_IDENT.split(name) if part)


def group_attr(tag: str) -> str:
    """Tag to client attribute: ``Users (admin)`` -> ``users_admin``, ``API keys`` ->
    ``api_keys``."""
    return "_".join(part.lower() for part in _NON_IDENT.split(tag) if part)


def enum_member(value: str) -> str:
    """Enum value to a member name: ``unsupported-format`` -> ``UNSUPPORTED_FORMAT``."""
    name = snake(value).rstrip("_").upper() or "EMPTY"
    if name[:1].isdigit():
        name = "V" + name
    return name
