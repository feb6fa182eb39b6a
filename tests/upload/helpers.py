"""Shared helpers for the upload engine tests."""

from __future__ import annotations

import datetime as dt
import os
import time
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


def xmp(caption: str) -> bytes:
    """A sidecar holding a caption (``dc:description``), as darktable or Lightroom write."""
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>'
        f'<rdf:Alt><rdf:li xml:lang="x-default">{caption}</rdf:li></rdf:Alt>'
        "</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
    ).encode()


def bump_ctime(path: Path, before: os.stat_result) -> None:
    """Put the atime and mtime of *before* back on *path* until its ctime differs from the
    one *before* had (the clock behind ctime can be coarse: a few ms). Polls a condition
    that only this call changes, so it is deterministic."""
    while True:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        if path.stat().st_ctime_ns != before.st_ctime_ns:
            return
        time.sleep(0.001)


def edit_in_place_keeping_mtime(path: Path, data: bytes) -> None:
    """Overwrite *path* with *data* (the same size) and put its mtime back, as an editor
    followed by ``touch -r`` would: only the ctime tells that it changed."""
    before = path.stat()
    assert len(data) == before.st_size
    with open(path, "r+b") as handle:
        handle.write(data)
    bump_ctime(path, before)
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
