"""Streaming store-only zip (as ``/download/archive`` sends it: no compression, no length).

The stdlib :mod:`zipfile` writes to a non-seekable sink with data descriptors (flag bit 3,
like Immich's archiver); we hand it our files in chunks and forward whatever it wrote after
each step, so memory stays at one chunk whatever the archive size. Entries larger than
2 GiB get ZIP64 records.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import anyio.to_thread

__all__ = ["ZipEntry", "stream_zip"]


@dataclass(frozen=True)
class ZipEntry:
    name: str
    path: Path
    size: int
    mtime: float


class _Sink:
    """A write-only, non-seekable file object that collects what zipfile writes."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.offset = 0

    def write(self, data: bytes, /) -> int:
        self.parts.append(bytes(data))
        self.offset += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


async def stream_zip(entries: list[ZipEntry], chunk_size: int) -> AsyncIterator[bytes]:
    sink = _Sink()
    archive = zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_STORED, allowZip64=True)
    for entry in entries:
        info = zipfile.ZipInfo(entry.name, date_time=_dos_time(entry.mtime))
        info.compress_type = zipfile.ZIP_STORED
        info.file_size = entry.size
        fh: BinaryIO = await anyio.to_thread.run_sync(open, entry.path, "rb")
        try:
            with archive.open(info, mode="w", force_zip64=entry.size >= 2**31) as member:
                while True:
                    data = await anyio.to_thread.run_sync(fh.read, chunk_size)
                    if not data:
                        break
                    member.write(data)
                    yield sink.take()
        finally:
            fh.close()
        yield sink.take()
    archive.close()
    yield sink.take()


def _dos_time(mtime: float) -> tuple[int, int, int, int, int, int]:
    tm = time.gmtime(max(mtime, 315532800))  # zip dates start in 1980
    return (tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec)
