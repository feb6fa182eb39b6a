"""Retry policy: which failures are retried, and how long to wait in between.

Exponential backoff with full jitter (a random wait between 0 and ``base * 2**n``, capped),
and the server's ``Retry-After`` honoured when it sends one. The sleep function and the
random source are injectable so tests never really wait.
"""

from __future__ import annotations

import contextlib
import email.utils
import random
import time
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar

import anyio
import attrs

__all__ = [
    "RetryEvent",
    "RetryPolicy",
    "observe_retries",
    "parse_retry_after",
]

DEFAULT_RETRY_STATUSES = frozenset({429, 502, 503, 504})


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """When and how a failed request is tried again.

    Only requests that are safe to repeat are retried: GET/HEAD/PUT/DELETE, read-only
    POSTs (searches, bulk checks) and asset uploads (Immich dedupes them by checksum, so a
    repeated upload answers "duplicate"). Connection failures before anything was sent are
    retried for every request.
    """

    max_attempts: int = 4  # the first try included
    max_timeouts: int = 2
    """Tries that may end in a timeout (no answer in time, a stalled body) before the
    request fails: each cost a full timeout, and a server that did not answer twice rarely
    answers a third time."""
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    max_retry_after: float = 300.0
    retry_statuses: frozenset[int] = DEFAULT_RETRY_STATUSES
    sleep: Callable[[float], Awaitable[None]] = attrs.field(default=anyio.sleep, repr=False)
    random: Callable[[], float] = attrs.field(default=random.random, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.max_timeouts < 1:
            raise ValueError("max_timeouts must be at least 1")

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Wait before try number ``attempt + 1`` (``attempt`` counts from 1)."""
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        ceiling: float = min(self.backoff_max, self.backoff_base * 2.0 ** (attempt - 1))
        return self.random() * ceiling


NO_RETRY = RetryPolicy(max_attempts=1)


@attrs.frozen
class RetryEvent:
    """One retry about to happen: what failed, which try it was, and the wait before the next."""

    op_id: str
    method: str
    path: str  # the path template, e.g. /assets/{id}; never a URL with a query
    attempt: int
    delay: float
    reason: str  # "503", "429", "ConnectError", ...
    status_code: int | None = None


RetryObserver = Callable[[RetryEvent], None]
_observers: ContextVar[tuple[RetryObserver, ...]] = ContextVar("immich_retry_observers", default=())


@contextlib.contextmanager
def observe_retries(callback: RetryObserver | None = None) -> Iterator[list[RetryEvent]]:
    """Collect the retries of the requests made in this context (this task, and tasks it
    starts inside it); *callback* also hears of each one as it happens."""
    events: list[RetryEvent] = []

    def observe(event: RetryEvent) -> None:
        events.append(event)
        if callback is not None:
            callback(event)

    token = _observers.set((*_observers.get(), observe))
    try:
        yield events
    finally:
        _observers.reset(token)


def notify_observers(event: RetryEvent) -> None:
    for observe in _observers.get():
        observe(event)
