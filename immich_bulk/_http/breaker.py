"""The circuit breaker: a run stops when the server keeps failing the same operation.

Retries ride out a busy server; they cannot help one that has stopped working (every
upload answered 500, every download stalling). Without a breaker such a run went through
every file's full retries -- hours for a big library -- and ended with thousands of
identical failures. With one, a transfer engine counts, per operation, the tries that
failed in a row with a timeout, a stall or a 5xx answer; ``threshold`` of them with no
success of that operation in between trip it, and the run stops, resumable, with one line
saying what kept failing.

Dropped connections and refused connections are not counted here (a server that is down
is recognised at once by the engines; a restarting one drops connections and comes back;
items failing in a row on dropped connections are counted by the engines' ``RunGuard``),
nor 429 (the server asks for patience and says how long).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

__all__ = ["CircuitBreaker", "current_breaker", "use_breaker"]


class CircuitBreaker:
    """Counts the failed tries of each operation in a row; trips at ``threshold``.

    ``on_trip`` is called once, with a sentence saying what kept failing.
    """

    def __init__(self, threshold: int = 8, *, on_trip: Callable[[str], None] | None = None) -> None:
        if threshold < 1:
            raise ValueError("threshold must be at least 1")
        self.threshold = threshold
        self.on_trip = on_trip
        self.tripped: str | None = None
        self._streaks: dict[str, int] = {}

    def succeeded(self, key: str) -> None:
        self._streaks.pop(key, None)

    def failed(self, key: str, what: str, reason: str) -> bool:
        """Count a failed try of the operation *key* (*what*: it in words); True once the
        breaker has tripped."""
        count = self._streaks.get(key, 0) + 1
        self._streaks[key] = count
        if count >= self.threshold and self.tripped is None:
            self.tripped = (
                f"the server failed {count} tries of {what} in a row (the last: {reason})"
            )
            if self.on_trip is not None:
                self.on_trip(self.tripped)
        return self.tripped is not None


_breaker: ContextVar[CircuitBreaker | None] = ContextVar("immich_breaker", default=None)


@contextlib.contextmanager
def use_breaker(breaker: CircuitBreaker) -> Iterator[None]:
    """Count the requests made in this context (and tasks started in it) with *breaker*."""
    token = _breaker.set(breaker)
    try:
        yield
    finally:
        _breaker.reset(token)


def current_breaker() -> CircuitBreaker | None:
    return _breaker.get()
