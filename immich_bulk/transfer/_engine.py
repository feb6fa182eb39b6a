"""Pieces shared by the transfer engines (upload, export, migrate)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol, TypeVar

import httpx

from ..errors import TransportError
from .events import EventHub, Listener
from .report import TransferReport
from .state import StatePath, StateStore

__all__ = ["Engine", "StageClock", "run_with_state", "server_unreachable"]


class Engine(Protocol):
    """What the upload, export and migrate engines have in common."""

    hub: EventHub

    async def run(self) -> TransferReport: ...

    def stop(self) -> None: ...


E = TypeVar("E", bound=Engine)


async def run_with_state(
    state_path: StatePath,
    build: Callable[[StateStore, EventHub], E],
    *,
    on_event: Listener | None = None,
    on_start: Callable[[E], None] | None = None,
) -> TransferReport:
    """Open the state store, build an engine on it, run it, and close its events."""
    async with StateStore.open(state_path) as store:
        engine = build(store, EventHub([on_event] if on_event else None))
        if on_start is not None:
            on_start(engine)
        try:
            return await engine.run()
        finally:
            engine.hub.close()


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
