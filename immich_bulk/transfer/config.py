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

import attrs

from .._http.retry import RetryPolicy

__all__ = ["TRANSFER_RETRY", "DownloadConfig", "UploadConfig"]

MiB = 1024 * 1024

#: Transfers retry harder than single API calls: a 500 during a bulk upload is usually
#: a busy server, and every retry is safe (uploads dedupe by checksum).
TRANSFER_RETRY = RetryPolicy(
    max_attempts=6,
    backoff_base=1.0,
    backoff_max=60.0,
    retry_statuses=frozenset({429, 500, 502, 503, 504}),
)


def _positive(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ValueError(f"{attribute.name} must be at least 1, got {value}")


@attrs.frozen(kw_only=True)
class UploadConfig:
    """Tuning of the upload pipeline (see the module docstring for the memory formula)."""

    def __attrs_post_init__(self) -> None:
        if self.max_bytes_per_second is not None and self.max_bytes_per_second < 1:
            raise ValueError("max_bytes_per_second must be at least 1")

    concurrency: int = attrs.field(default=4, validator=_positive)
    """Uploads in flight (long-lived workers)."""
    hash_workers: int = attrs.field(factory=lambda: os.cpu_count() or 1, validator=_positive)
    """Threads hashing files."""
    check_batch_size: int = attrs.field(default=1000, validator=_positive)
    """Checksums per ``bulk-upload-check`` request."""
    check_flush_seconds: float = 0.25
    """Send a partial check batch after this long (so uploads start early)."""
    album_batch_size: int = attrs.field(default=1000, validator=_positive)
    backlog: int = attrs.field(default=256, validator=_positive)
    """Items buffered between two stages."""
    chunk_size: int = attrs.field(default=1 * MiB, validator=_positive)
    """Bytes read per step while streaming a file to the server."""
    hash_chunk_size: int = attrs.field(default=1 * MiB, validator=_positive)
    retry: RetryPolicy = TRANSFER_RETRY
    min_bytes_per_second: int = attrs.field(default=64 * 1024, validator=_positive)
    """The slowest link assumed: the wait for the server's answer after a body of N bytes
    is allowed to grow to N / this (a fixed timeout would kill big videos on slow links)."""
    device_id: str = "immich-bulk"
    """Sent as ``deviceId`` with each upload."""
    adaptive: bool = False
    """Tune the number of parallel uploads while running (``concurrency`` is the start, up
    to ``max_concurrency``); see :mod:`immich_bulk.transfer.adaptive`."""
    max_concurrency: int = attrs.field(default=16, validator=_positive)
    adapt_window_seconds: float = 0.5
    """How long each adaptive measurement lasts."""
    max_bytes_per_second: int | None = None
    """A bandwidth cap shared by all uploads (None: no cap)."""


@attrs.frozen(kw_only=True)
class DownloadConfig:
    """Tuning of downloads and exports."""

    concurrency: int = attrs.field(default=4, validator=_positive)
    """Downloads in flight."""
    chunk_size: int = attrs.field(default=1 * MiB, validator=_positive)
    """Bytes written per step."""
    page_size: int = attrs.field(default=1000, validator=_positive)
    """Assets per search page while listing."""
    backlog: int = attrs.field(default=256, validator=_positive)
    max_restarts: int = attrs.field(default=3, validator=_positive)
    """How often a download may start over from zero (changed file, ignored Range) before
    it fails: a server whose ETag changes on every request must not loop forever."""
    retry: RetryPolicy = TRANSFER_RETRY
    fsync: bool = True
    """``fsync`` each file before it gets its final name (so a crash or power loss never
    leaves a final name on incomplete data). Off is faster on slow disks, less safe."""
    verify_workers: int = attrs.field(factory=lambda: os.cpu_count() or 1, validator=_positive)
    """Threads re-hashing local files (exports: files changed since they were placed, or
    found without a journal record)."""
