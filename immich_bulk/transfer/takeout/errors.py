"""Exceptions of the Takeout reader (all :class:`~immich_bulk.errors.TransferError`)."""

from __future__ import annotations

from ...errors import TransferError

__all__ = ["MemberError", "PartError", "TakeoutError", "TakeoutIndexError"]


class TakeoutError(TransferError):
    """Base class of the Takeout import's errors."""


class PartError(TakeoutError):
    """An input (zip, tgz or folder) cannot be read as a Takeout part; names the input."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class MemberError(TakeoutError):
    """One member of a part cannot be read (damaged, unsupported, changed); names both."""

    def __init__(self, part: str, member: str, reason: str) -> None:
        self.part = part
        self.member = member
        self.reason = reason
        super().__init__(f"{part}: {member}: {reason}")


class TakeoutIndexError(TakeoutError):
    """The index file cannot be opened or used (locked, read-only, not ours, newer)."""
