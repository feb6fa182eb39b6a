"""How fast a transfer runs: concurrency per stage, batch sizes, buffers, retries.

What a transfer does is given by its arguments (album, dry run, ...); *how* it runs is
this config, which tuning scripts vary and benchmarks compare.

Memory, roughly (it does not depend on how many files there are, nor on their size):

    upload:   concurrency x chunk_size        (one chunk in flight per upload)
            + hash_workers x hash_chunk_size  (one read buffer per hashing thread)
            + 4 x backlog x ~1 KB             (items waiting between stages)
            + check_batch_size x ~200 B       (one batch being checked)

With the defaults (4 x 1 MiB + 2 x 1 MiB + 4 x 256 x 1 KB + ...) that is about 8 MB on top of
the interpreter and libraries.
"""

from __future__ import annotations

import os
from typing import Any

import attrs

from .._http.retry import RetryPolicy

__all__ = [
    "BACKLOG",
    "BATCH",
    "CHUNK",
    "CONCURRENCY",
    "FAILURES",
    "MAX_FAILURES",
    "PAGE",
    "RATE",
    "RESTARTS",
    "TRANSFER_RETRY",
    "WINDOW",
    "WORKERS",
    "Bounds",
    "DownloadConfig",
    "UploadConfig",
]

KiB = 1024
MiB = 1024 * 1024
GiB = 1024 * MiB


@attrs.frozen
class Bounds:
    """The accepted range of a numeric setting. Wide enough for any real library and link,
    narrow enough that a slip (``--concurrency 100000``: 800 MB of workers) is refused
    with one line instead of being attempted."""

    low: float
    high: float
    integer: bool = True
    unit: str = ""  # "bytes": shown as KiB/MiB/GiB

    def show(self, value: float) -> str:
        if self.unit == "bytes":
            for name, size in (("GiB", GiB), ("MiB", MiB), ("KiB", KiB)):
                if value >= size and value % size == 0:
                    return f"{value // size:,.0f} {name}"
            return f"{value:,} bytes"
        return f"{value:,}"

    def check(self, name: str, value: Any) -> None:
        """Raise TypeError (not a number) or ValueError (out of range) naming *name*."""
        number = isinstance(value, int) or (isinstance(value, float) and not self.integer)
        if isinstance(value, bool) or not number:
            what = "a whole number" if self.integer else "a number"
            raise TypeError(f"{name} must be {what}, not {value!r}")
        if not self.low <= value <= self.high:
            low, high = self.show(self.low), self.show(self.high)
            raise ValueError(f"{name} must be between {low} and {high}, not {self.show(value)}")

    def __call__(self, _: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        """As an attrs validator."""
        self.check(attribute.name, value)


#: Transfers in flight (uploads, downloads, migrations; the adaptive maximum too).
CONCURRENCY = Bounds(1, 64)
#: Threads hashing or verifying files.
WORKERS = Bounds(1, 128)
#: Checksums per bulk-upload-check, assets per album request.
BATCH = Bounds(1, 10_000)
#: Assets per search page (Immich answers at most 1000).
PAGE = Bounds(1, 1000)
#: Items waiting between two stages (about 1 KB each).
BACKLOG = Bounds(1, 10_000)
#: Bytes read or written per step.
CHUNK = Bounds(1 * KiB, 64 * MiB, unit="bytes")
#: Bytes per second: the bandwidth cap, the slowest link assumed.
RATE = Bounds(1 * KiB, 100 * GiB, unit="bytes")
#: Fresh starts of one download before it fails.
RESTARTS = Bounds(1, 100)
#: Seconds of a batching or measuring window.
WINDOW = Bounds(0, 60, integer=False)


def _default_workers() -> int:
    return min(os.cpu_count() or 1, int(WORKERS.high))


#: Transfers retry harder than single API calls: a 500 during a bulk upload is usually
#: a busy server, and every retry is safe (uploads dedupe by checksum).
TRANSFER_RETRY = RetryPolicy(
    max_attempts=6,
    backoff_base=1.0,
    backoff_max=60.0,
    retry_statuses=frozenset({429, 500, 502, 503, 504}),
)


#: Tries of one operation failing in a row that stop a run (the circuit breaker): twice
#: the default concurrency, so one burst of failures across the parallel transfers (a
#: server restarting, one slow moment) is ridden out by their retries.
MAX_FAILURES = 8
#: Failures in a row that trip the breaker.
FAILURES = Bounds(1, 10_000)


@attrs.frozen(kw_only=True)
class UploadConfig:
    """Tuning of the upload pipeline (see the module docstring for the memory formula).
    Every number has a range (:class:`Bounds`); a value outside it raises ValueError."""

    concurrency: int = attrs.field(default=4, validator=CONCURRENCY)
    """Uploads in flight (long-lived workers)."""
    hash_workers: int = attrs.field(factory=_default_workers, validator=WORKERS)
    """Threads hashing files."""
    check_batch_size: int = attrs.field(default=1000, validator=BATCH)
    """Checksums per ``bulk-upload-check`` request."""
    check_flush_seconds: float = attrs.field(default=0.25, validator=WINDOW)
    """Send a partial check batch after this long (so uploads start early)."""
    album_batch_size: int = attrs.field(default=1000, validator=BATCH)
    backlog: int = attrs.field(default=256, validator=BACKLOG)
    """Items buffered between two stages."""
    chunk_size: int = attrs.field(default=1 * MiB, validator=CHUNK)
    """Bytes read per step while streaming a file to the server."""
    hash_chunk_size: int = attrs.field(default=1 * MiB, validator=CHUNK)
    retry: RetryPolicy = TRANSFER_RETRY
    min_bytes_per_second: int = attrs.field(default=64 * 1024, validator=RATE)
    """After the last byte of a file of N bytes, the server's answer may take up to N / this
    seconds (or the client's ``answer`` timeout, if longer): it stores the file before it
    answers, and a proxy that buffers uploads sends it on only then."""
    max_failures: int = attrs.field(default=MAX_FAILURES, validator=FAILURES)
    """The circuit breaker: this many tries of one operation failing in a row (timeouts,
    stalls, 5xx answers), with no success in between, stop the run (``report.stopped``
    is ``"unresponsive"``; a re-run resumes)."""
    device_id: str = "immich-bulk"
    """Sent as ``deviceId`` with each upload."""
    adaptive: bool = False
    """Tune the number of parallel uploads while running (``concurrency`` is the start, up
    to ``max_concurrency``); see :mod:`immich_bulk.transfer.server.adaptive`."""
    max_concurrency: int = attrs.field(default=16, validator=CONCURRENCY)
    adapt_window_seconds: float = attrs.field(default=0.5, validator=WINDOW)
    """How long each adaptive measurement lasts."""
    max_bytes_per_second: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(RATE)
    )
    """A bandwidth cap shared by all uploads (None: no cap)."""


@attrs.frozen(kw_only=True)
class DownloadConfig:
    """Tuning of downloads and exports (ranges as for :class:`UploadConfig`)."""

    concurrency: int = attrs.field(default=4, validator=CONCURRENCY)
    """Downloads in flight."""
    chunk_size: int = attrs.field(default=1 * MiB, validator=CHUNK)
    """Bytes written per step."""
    page_size: int = attrs.field(default=1000, validator=PAGE)
    """Assets per search page while listing."""
    backlog: int = attrs.field(default=256, validator=BACKLOG)
    max_restarts: int = attrs.field(default=3, validator=RESTARTS)
    """How often a download may start over from zero (changed file, ignored Range) before
    it fails: a server whose ETag changes on every request must not loop forever."""
    retry: RetryPolicy = TRANSFER_RETRY
    max_failures: int = attrs.field(default=MAX_FAILURES, validator=FAILURES)
    """The circuit breaker (see :attr:`UploadConfig.max_failures`)."""
    fsync: bool = True
    """``fsync`` each file before it gets its final name (so a crash or power loss never
    leaves a final name on incomplete data). Off is faster on slow disks, less safe."""
    verify_workers: int = attrs.field(factory=_default_workers, validator=WORKERS)
    """Threads re-hashing local files (exports: files changed since they were placed, or
    found without a journal record)."""
