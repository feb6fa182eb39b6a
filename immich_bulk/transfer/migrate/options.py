"""What a migration carries (:class:`MigrateOptions`) and how fast it runs
(:class:`MigrateConfig`): the one declaration of each of its settings."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ..._http.retry import RetryPolicy
from ..config import (
    BACKLOG,
    BATCH,
    CHUNK,
    CONCURRENCY,
    FAILURES,
    MAX_FAILURES,
    PAGE,
    RATE,
    TRANSFER_RETRY,
    WINDOW,
    MiB,
)
from .listing import Selection
from .metadata import PRESERVE_ALL, normalize_preserve

__all__ = ["MigrateConfig", "MigrateOptions"]


@attrs.frozen(kw_only=True)
class MigrateConfig:
    """How a migration runs (what it migrates is :class:`MigrateOptions`).

    Memory, roughly: ``concurrency x chunk_size`` (one chunk in flight per transfer) +
    ``page_size`` parsed assets + ``2 x backlog`` queued assets (~2 KB each) -- flat,
    whatever the size of the library or of its files.
    """

    concurrency: int = attrs.field(default=4, validator=CONCURRENCY)
    """Transfers in flight (long-lived workers)."""
    page_size: int = attrs.field(default=500, validator=PAGE)
    """Assets per search page (Immich allows up to 1000)."""
    check_batch_size: int = attrs.field(default=1000, validator=BATCH)
    """Checksums per ``bulk-upload-check`` request to the target."""
    check_flush_seconds: float = attrs.field(default=0.25, validator=WINDOW)
    album_batch_size: int = attrs.field(default=1000, validator=BATCH)
    backlog: int = attrs.field(default=256, validator=BACKLOG)
    chunk_size: int = attrs.field(default=1 * MiB, validator=CHUNK)
    """Bytes read from the source per step."""
    retry: RetryPolicy = TRANSFER_RETRY
    """Backoff and attempts; a transfer's attempts re-open the source download."""
    min_bytes_per_second: int = attrs.field(default=64 * 1024, validator=RATE)
    """The target's answer to a file of N bytes may take N / this seconds after its last
    byte (see :attr:`~immich_bulk.transfer.config.UploadConfig.min_bytes_per_second`)."""
    max_failures: int = attrs.field(default=MAX_FAILURES, validator=FAILURES)
    """The circuit breaker (see :attr:`~immich_bulk.transfer.config.UploadConfig.max_failures`)."""
    device_id: str = "immich-bulk"
    """``deviceId`` sent when the source asset has none."""
    link_concurrency: int = attrs.field(default=4, validator=CONCURRENCY)
    """Concurrent look-ups while resolving tags."""


def _preserve(value: Iterable[str] | None) -> frozenset[str]:
    return normalize_preserve(value)


@attrs.frozen(kw_only=True)
class MigrateOptions:
    """What a migration carries: the selection of assets and the fields preserved."""

    selection: Selection = attrs.field(factory=Selection)
    preserve: frozenset[str] = attrs.field(default=PRESERVE_ALL, converter=_preserve)
    """Names from :data:`PRESERVE_FIELDS` (default: all). File name, file dates,
    visibility of locked and hidden assets are always kept."""
    dry_run: bool = False
    """List and check only: nothing is transferred or created on the target."""
