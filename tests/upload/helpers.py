"""Shared helpers for the upload engine tests."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from immich_bulk._http.retry import RetryPolicy
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.config import UploadConfig

WHEN = dt.datetime(2021, 6, 1, 12, 0, 0)


async def no_sleep(_: float) -> None:
    return None


#: Retries as in production, without real waiting.
FAST_RETRY = UploadConfig(
    retry=RetryPolicy(
        max_attempts=6,
        retry_statuses=frozenset({429, 500, 502, 503, 504}),
        sleep=no_sleep,
    )
)


def files_under(root: Path) -> list[Path]:
    return [Path(d) / f for d, _, names in os.walk(root) for f in names]


def server_checksums(fake: FakeImmich) -> set[bytes]:
    return {a.checksum for a in fake.assets()}
