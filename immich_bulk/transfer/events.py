"""Events the transfer engines report while they run, and the hub that delivers them.

Every event is a small frozen object with a ``kind`` (its NDJSON ``"event"`` field) and
``to_dict()``. Listeners get them two ways:

- a sync callback (``on_event=``), called in the engine's task: it must be quick and must
  not block (hand work off to a thread or a queue if it is slow);
- an async iterator (``hub.subscribe()``), which never slows a transfer down: events are
  queued for it, and byte-progress events are merged while it is behind, so a slow
  consumer costs a little memory, never throughput.

Byte progress (``BytesTransferred.delta``) can be negative: a retried upload or a restarted
download rewinds what was counted before.
"""

from __future__ import annotations

import collections
import math
import time
from collections.abc import Callable
from typing import Any, ClassVar

import anyio
import attrs

__all__ = [
    "AlbumCreated",
    "AssetsAddedToAlbum",
    "BytesTransferred",
    "EventHub",
    "EventSubscription",
    "ItemDone",
    "ItemFailed",
    "ItemQueued",
    "ItemRetrying",
    "ItemSkipped",
    "ItemStarted",
    "JobsPending",
    "Notice",
    "StageDone",
    "TransferEvent",
    "WatchPolled",
]


@attrs.frozen(kw_only=True)
class TransferEvent:
    """Base of every event: ``kind`` names it, ``at`` is a ``time.time()`` stamp."""

    kind: ClassVar[str] = "event"
    at: float = attrs.field(factory=time.time, eq=False)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"event": self.kind}
        for field in attrs.fields(type(self)):
            value = getattr(self, field.name)
            if value is not None and value != ():
                data[field.name] = list(value) if isinstance(value, tuple) else value
        return data


@attrs.frozen(kw_only=True)
class ItemQueued(TransferEvent):
    """An item entered the pipeline (a local file found, or an asset listed)."""

    kind: ClassVar[str] = "queued"
    item: str
    size: int | None = None


@attrs.frozen(kw_only=True)
class ItemSkipped(TransferEvent):
    """An item that needs no transfer: a duplicate, already done, or not eligible."""

    kind: ClassVar[str] = "skipped"
    item: str
    reason: str
    asset_id: str | None = None


@attrs.frozen(kw_only=True)
class ItemStarted(TransferEvent):
    """Bytes start moving for an item (``stage``: hash, upload, download)."""

    kind: ClassVar[str] = "started"
    item: str
    stage: str
    size: int | None = None


@attrs.frozen(kw_only=True)
class BytesTransferred(TransferEvent):
    """Progress in bytes for one item and stage; ``delta`` < 0 rewinds after a retry."""

    kind: ClassVar[str] = "bytes"
    item: str
    stage: str
    delta: int


@attrs.frozen(kw_only=True)
class ItemDone(TransferEvent):
    """An item finished a stage (``status``: hashed, uploaded, duplicate, downloaded ...)."""

    kind: ClassVar[str] = "done"
    item: str
    stage: str
    status: str
    asset_id: str | None = None
    checksum: str | None = None
    size: int | None = None
    cached: bool | None = None


@attrs.frozen(kw_only=True)
class ItemRetrying(TransferEvent):
    kind: ClassVar[str] = "retrying"
    item: str
    stage: str
    attempt: int
    reason: str
    delay: float


@attrs.frozen(kw_only=True)
class ItemFailed(TransferEvent):
    kind: ClassVar[str] = "failed"
    item: str
    stage: str
    reason: str
    error: str | None = None  # exception class name


@attrs.frozen(kw_only=True)
class AlbumCreated(TransferEvent):
    kind: ClassVar[str] = "album-created"
    name: str
    album_id: str


@attrs.frozen(kw_only=True)
class AssetsAddedToAlbum(TransferEvent):
    kind: ClassVar[str] = "album-assets-added"
    name: str
    album_id: str
    count: int


@attrs.frozen(kw_only=True)
class StageDone(TransferEvent):
    """A stage drained: how many items it handled and the seconds it was busy."""

    kind: ClassVar[str] = "stage-done"
    stage: str
    count: int
    seconds: float


@attrs.frozen(kw_only=True)
class JobsPending(TransferEvent):
    """The server's background jobs still to run (while waiting for them to drain)."""

    kind: ClassVar[str] = "jobs-pending"
    pending: int


@attrs.frozen(kw_only=True)
class Notice(TransferEvent):
    """Something the user should know that is not about one item (e.g. a missing permission)."""

    kind: ClassVar[str] = "notice"
    message: str
    level: str = "info"


@attrs.frozen(kw_only=True)
class WatchPolled(TransferEvent):
    """Watch mode looked at its inputs (the ``round``-th time): ``files`` media files seen,
    ``ready`` of them new or changed and handed on, ``pending`` still changing."""

    kind: ClassVar[str] = "watch-poll"
    round: int
    files: int
    ready: int
    pending: int


Listener = Callable[[TransferEvent], None]


class EventSubscription:
    """An async iterator over the events of one transfer, registered when it is created."""

    def __init__(self, hub: EventHub) -> None:
        self._hub = hub
        self._queue: collections.deque[TransferEvent] = collections.deque()
        self._wakeup = anyio.Event()
        self._closed = False

    def _push(self, event: TransferEvent) -> None:
        last = self._queue[-1] if self._queue else None
        if (
            isinstance(event, BytesTransferred)
            and isinstance(last, BytesTransferred)
            and (last.item, last.stage) == (event.item, event.stage)
        ):
            self._queue[-1] = attrs.evolve(last, delta=last.delta + event.delta, at=event.at)
        else:
            self._queue.append(event)
        self._wakeup.set()

    def _close(self) -> None:
        self._closed = True
        self._wakeup.set()

    def __aiter__(self) -> EventSubscription:
        return self

    async def __anext__(self) -> TransferEvent:
        while not self._queue:
            if self._closed:
                self.aclose()
                raise StopAsyncIteration
            await self._wakeup.wait()
            self._wakeup = anyio.Event()
        return self._queue.popleft()

    def aclose(self) -> None:
        """Stop receiving events (leaving the ``async for`` early does not need this)."""
        self._closed = True
        self._queue.clear()
        self._hub._unsubscribe(self)


class EventHub:
    """Fans events out to callbacks and async subscribers, never blocking the sender."""

    def __init__(self, listeners: list[Listener] | None = None) -> None:
        self._listeners: list[Listener] = list(listeners or [])
        self._subscriptions: list[EventSubscription] = []
        self._closed = False

    @property
    def active(self) -> bool:
        """Whether anyone listens (engines may skip building events nobody reads)."""
        return bool(self._listeners or self._subscriptions)

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def emit(self, event: TransferEvent) -> None:
        for listener in self._listeners:
            listener(event)
        for subscription in self._subscriptions:
            subscription._push(event)

    def close(self) -> None:
        """No more events: subscribers finish once they have read what is queued."""
        self._closed = True
        for subscription in self._subscriptions:
            subscription._close()

    def subscribe(self) -> EventSubscription:
        """Events from now until the transfer ends: ``async for event in hub.subscribe()``."""
        subscription = EventSubscription(self)
        if self._closed:
            subscription._close()
        else:
            self._subscriptions.append(subscription)
        return subscription

    def _unsubscribe(self, subscription: EventSubscription) -> None:
        if subscription in self._subscriptions:
            self._subscriptions.remove(subscription)


def rate(done: float, seconds: float) -> float:
    """Units per second, 0 when no time has passed."""
    return done / seconds if seconds > 0 and math.isfinite(seconds) else 0.0
