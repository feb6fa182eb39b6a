"""A bandwidth cap shared by all workers (a token bucket with a small burst).

Every chunk about to be sent first reserves its bytes; when the budget is spent the sender
waits until the bucket has refilled. Reservations are served in order, so many workers share
the cap fairly. The clock and the sleep are injectable, so tests check the arithmetic in
virtual time.
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable

import anyio

__all__ = ["RateLimiter", "parse_rate"]

_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_rate(text: str) -> int:
    """``"20M"`` -> 20 MiB/s, ``"500k"`` -> 500 KiB/s, ``"1048576"`` -> bytes/s (as curl)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)(?:i?[bB](?:/s)?)?\s*", text)
    if not match:
        raise ValueError(f"not a rate: {text!r} (examples: 500k, 20M, 1G)")
    value = float(match.group(1)) * _UNITS[match.group(2).lower()]
    if value < 1:
        raise ValueError(f"the rate must be at least 1 byte per second: {text!r}")
    return int(value)


class RateLimiter:
    """At most ``bytes_per_second`` on average, with bursts of at most ``burst_seconds``."""

    def __init__(
        self,
        bytes_per_second: float,
        *,
        burst_seconds: float = 0.25,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
    ) -> None:
        if bytes_per_second <= 0:
            raise ValueError("bytes_per_second must be positive")
        self.rate = float(bytes_per_second)
        self.burst = burst_seconds
        self._clock = clock
        self._sleep = sleep
        self._next = clock()  # when the bucket is empty again
        self.waited = 0.0

    async def consume(self, count: int) -> None:
        """Wait until *count* bytes may be sent."""
        now = self._clock()
        # the bucket holds at most `burst` seconds of credit
        start = max(self._next, now - self.burst)
        self._next = start + count / self.rate
        delay = self._next - self.burst - now
        if delay > 0:
            self.waited += delay
            await self._sleep(delay)
