"""Pieces shared by the transfer engines (upload, export, migrate)."""

from __future__ import annotations

import math
import time
from collections.abc import AsyncGenerator, Callable
from typing import Protocol, TypeVar

import anyio
import httpx
from anyio.streams.memory import MemoryObjectReceiveStream

from ..errors import TransportError
from .events import EventHub, Listener
from .report import TransferReport
from .state import StatePath, StateStore

__all__ = ["Engine", "StageClock", "batches", "run_with_state", "server_unreachable"]


class Engine(Protocol):
    """What the upload, export and migrate engines have in common. ``run()`` closes
    ``hub`` when it returns or raises (a subscriber's ``async for`` ends with the run)."""

    hub: EventHub

    async def run(self) -> TransferReport: ...

    def stop(self) -> None: ...


E = TypeVar("E", bound=Engine)
T = TypeVar("T")


async def run_with_state(
    state_path: StatePath,
    build: Callable[[StateStore, EventHub], E],
    *,
    on_event: Listener | None = None,
    on_start: Callable[[E], None] | None = None,
) -> TransferReport:
    """Open the state store, build an engine on it and run it (which closes its events)."""
    async with StateStore.open(state_path) as store:
        engine = build(store, EventHub([on_event] if on_event else None))
        if on_start is not None:
            on_start(engine)
        return await engine.run()


def server_unreachable(exc: BaseException) -> bool:
    """True when *exc* means the server could not be reached at all (after the retries),
    as opposed to one request that failed: an engine then stops instead of failing every
    remaining item one by one."""
    return isinstance(exc, TransportError) and isinstance(
        exc.__cause__, (httpx.ConnectError, httpx.ConnectTimeout)
    )


async def batches(
    receive: MemoryObjectReceiveStream[T],
    *,
    size: int,
    max_wait: float,
    flush_now: Callable[[], bool] = lambda: False,
) -> AsyncGenerator[list[T], None]:
    """The items of *receive* in lists of at most *size*. A list goes out when it is full,
    when its first item has waited *max_wait* seconds, whenever *flush_now()* says so
    (asked after each arrival), and at the end of the stream. Items already waiting are
    taken without a pause, so a busy stream gives full lists.

    Use it under ``contextlib.aclosing``: the consumer may stop early.
    """
    batch: list[T] = []
    deadline = math.inf
    while True:
        ended = False
        with anyio.move_on_after(max(0.0, deadline - time.monotonic())):
            try:
                batch.append(await receive.receive())
            except anyio.EndOfStream:
                ended = True
            while not ended and len(batch) < size:
                try:
                    batch.append(receive.receive_nowait())
                except anyio.WouldBlock:
                    break
                except anyio.EndOfStream:
                    ended = True
        if ended:
            break
        if batch and deadline == math.inf:
            deadline = time.monotonic() + max_wait
        if len(batch) >= size or flush_now() or time.monotonic() >= deadline:
            # yielded outside the cancel scope above: the consumer may take its time
            yield batch
            batch, deadline = [], math.inf
    if batch:
        yield batch


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
