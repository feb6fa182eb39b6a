"""Adaptive concurrency: find how many parallel uploads a server takes best.

A hill climb on measured throughput, with a multiplicative decrease on trouble:

- every window (half a second, and at least two completed uploads per worker) the throughput
  at the current level is measured (a moving average per level);
- if it is clearly better (>5%) than at the level below, add one worker and keep climbing;
- if it is not, the climb went past the server's capacity: step back down and hold there,
  probing one level up again every few windows (the server or the network may change);
- 5xx/429 answers or timeouts during a window cut the level (x0.7) at once.

Throughput counts bytes plus a fixed cost per file, so it works for many small photos
(requests per second dominate) and for big videos (bytes per second dominate). The level is
applied to a ``CapacityLimiter`` shared by the (maximum number of) upload workers, and every
change is reported.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import anyio
import attrs

__all__ = ["AdaptiveConcurrency", "LevelChange"]

PER_FILE_COST = 64 * 1024  # bytes of throughput credited per file (request overhead)


@attrs.frozen
class LevelChange:
    level: int
    previous: int
    reason: str
    throughput: float  # bytes/s (plus per-file credit) measured in the last window


class AdaptiveConcurrency:
    """Tunes ``limiter.total_tokens`` between 1 and *maximum* while uploads run."""

    GAIN = 1.05  # a level must beat the one below by this much to be worth it
    PROBE_EVERY = 5  # windows spent on the plateau before trying one level up again

    def __init__(
        self,
        limiter: anyio.CapacityLimiter,
        *,
        start: int = 2,
        maximum: int = 16,
        window_seconds: float = 0.5,
        min_completions: int = 4,
        clock: Callable[[], float] = time.monotonic,
        on_change: Callable[[LevelChange], None] | None = None,
    ) -> None:
        self.limiter = limiter
        self.maximum = maximum
        self.level = max(1, min(start, maximum))
        self.window = window_seconds
        self.min_completions = min_completions
        self._clock = clock
        self._on_change = on_change
        self.rates: dict[int, float] = {}  # moving average of the throughput per level
        self.history: list[LevelChange] = []
        self._ceiling = maximum + 1  # first level found to give no gain
        self._holding = 0
        self._reset_window()
        limiter.total_tokens = self.level

    @property
    def best(self) -> float:
        return max(self.rates.values(), default=0.0)

    def _reset_window(self) -> None:
        self._window_start = self._clock()
        self._units = 0.0
        self._completions = 0
        self._errors = 0

    # -- what the workers report ------------------------------------------------------
    def completed(self, size: int, seconds: float) -> None:
        del seconds  # the throughput, not the latency, steers the climb
        self._units += size + PER_FILE_COST
        self._completions += 1
        self._maybe_adjust()

    def failed(self) -> None:
        """A 5xx, 429 or timeout: the server is struggling."""
        self._errors += 1
        self._maybe_adjust()

    # -- the controller ---------------------------------------------------------------
    def _maybe_adjust(self) -> None:
        elapsed = self._clock() - self._window_start
        # a window lasts long enough to see every worker finish about twice
        enough = max(self.min_completions, 2 * self.level)
        if elapsed < self.window or (self._completions < enough and not self._errors):
            return
        rate = self._units / elapsed if elapsed > 0 else 0.0
        errors = self._errors
        self._reset_window()
        if errors:
            self.rates.clear()
            self._ceiling = max(2, self.level)
            self._set(max(1, math.floor(self.level * 0.7)), "server errors or timeouts", rate)
            return
        old = self.rates.get(self.level)
        self.rates[self.level] = rate if old is None else 0.5 * old + 0.5 * rate
        below = self.rates.get(self.level - 1)
        if below is not None and self.rates[self.level] < below * self.GAIN:
            # no gain from the last step: the capacity is the level below
            self._ceiling = self.level
            self._holding = 0
            self._set(self.level - 1, "no gain from one more", rate)
        elif self.level + 1 < self._ceiling and self.level < self.maximum:
            self._set(self.level + 1, "throughput rose", rate)
        else:
            self._holding += 1
            if self._holding >= self.PROBE_EVERY and self.level < self.maximum:
                self._holding = 0
                self._ceiling = self.maximum + 1
                self.rates.pop(self.level + 1, None)
                self._set(self.level + 1, "probing one level up", rate)

    def _set(self, level: int, reason: str, rate: float) -> None:
        if level == self.level:
            return
        change = LevelChange(level, self.level, reason, rate)
        self.level = level
        self.limiter.total_tokens = level
        self.history.append(change)
        if self._on_change is not None:
            self._on_change(change)
