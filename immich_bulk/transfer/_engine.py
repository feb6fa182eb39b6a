"""Pieces shared by the transfer engines (upload, export, migrate)."""

from __future__ import annotations

import time

import httpx

from ..errors import TransportError

__all__ = ["StageClock", "server_unreachable"]


def server_unreachable(exc: BaseException) -> bool:
    """True when *exc* means the server could not be reached at all (after the retries),
    as opposed to one request that failed: an engine then stops instead of failing every
    remaining item one by one."""
    return isinstance(exc, TransportError) and isinstance(
        exc.__cause__, (httpx.ConnectError, httpx.ConnectTimeout)
    )


class StageClock:
    """Wall-clock span and item count of one pipeline stage (for reports and events)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.first: float | None = None
        self.last = 0.0
        self.count = 0

    def touch(self) -> None:
        now = time.monotonic()
        if self.first is None:
            self.first = now
        self.last = now
        self.count += 1

    @property
    def seconds(self) -> float:
        return 0.0 if self.first is None else self.last - self.first
