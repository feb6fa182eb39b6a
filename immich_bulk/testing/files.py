"""Streaming file I/O for the fake: upload sinks (hash while writing) and file responses.

Disk work runs in worker threads, batched so that a thread hop moves about 1 MiB: an upload
buffers incoming chunks up to :data:`FLUSH_BYTES` and then writes and hashes them in one
``to_thread`` call (``hashlib`` releases the GIL, so uploads hash in parallel); a download
reads :data:`CHUNK_BYTES` per hop. Memory per transfer is bounded by those sizes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import anyio.to_thread

from .web import HeaderList, Response, Send, _start

__all__ = ["CHUNK_BYTES", "FLUSH_BYTES", "FileResponse", "FileSink"]

FLUSH_BYTES = 1024 * 1024
CHUNK_BYTES = 512 * 1024
HEAD_BYTES = 256 * 1024


class FileSink:
    """Write a stream to ``path`` (whose directory must exist) while computing its SHA-1;
    keeps the first bytes for sniffing."""

    def __init__(self, path: Path, *, keep_head: bool = False) -> None:
        self.path = path
        self.size = 0
        self.head = b""
        self._keep_head = keep_head
        self._hash = hashlib.sha1()
        self._buf: list[bytes] = []
        self._buffered = 0
        self._file: BinaryIO | None = None

    async def write(self, chunk: bytes) -> None:
        self._buf.append(chunk)
        self._buffered += len(chunk)
        self.size += len(chunk)
        if self._keep_head and len(self.head) < HEAD_BYTES:
            self.head += chunk[: HEAD_BYTES - len(self.head)]
        if self._buffered >= FLUSH_BYTES:
            await self._flush(final=False)

    async def finish(self) -> bytes:
        """Flush, close, and return the SHA-1 digest."""
        await self._flush(final=True)
        return self._hash.digest()

    async def _flush(self, *, final: bool) -> None:
        data = b"".join(self._buf)
        self._buf.clear()
        self._buffered = 0
        await anyio.to_thread.run_sync(self._write_sync, data, final)

    def _write_sync(self, data: bytes, final: bool) -> None:
        if self._file is None:
            self._file = open(self.path, "wb")  # noqa: SIM115 - closed in finish/discard
        if data:
            self._hash.update(data)
            self._file.write(data)
        if final:
            self._file.close()

    def discard(self) -> None:
        """Close and delete the file (synchronous: also safe from cancelled scopes)."""
        if self._file is not None and not self._file.closed:
            self._file.close()
        with contextlib.suppress(OSError):
            os.unlink(self.path)


class FileResponse(Response):
    """Stream ``length`` bytes of ``path`` from ``start`` in :data:`CHUNK_BYTES` pieces.

    ``corrupt`` lists absolute file offsets whose byte is inverted on the way out (the
    ``corrupt`` fault): a resumed download sees the same damage at the same place.
    """

    def __init__(
        self,
        path: Path,
        *,
        start: int,
        length: int,
        status: int = 200,
        headers: HeaderList | None = None,
        corrupt: Sequence[int] = (),
        chunk_size: int = CHUNK_BYTES,
    ) -> None:
        super().__init__(status, headers)
        self.path = path
        self.start = start
        self.length = length
        self.corrupt = sorted(set(corrupt))
        self.chunk_size = chunk_size

    async def send(self, send: Send, prefix: HeaderList, *, head: bool) -> None:
        await send(_start(self.status, prefix + self.headers))
        if head or self.length <= 0:
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        fh = await anyio.to_thread.run_sync(open, self.path, "rb")
        try:
            offset = self.start
            remaining = self.length
            if offset:
                await anyio.to_thread.run_sync(fh.seek, offset)
            while remaining > 0:
                data = await anyio.to_thread.run_sync(fh.read, min(self.chunk_size, remaining))
                if not data:
                    break  # the file shrank under us: end the body short (the client notices)
                data = self._damage(data, offset)
                offset += len(data)
                remaining -= len(data)
                await send({"type": "http.response.body", "body": data, "more_body": remaining > 0})
            if remaining > 0:
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            fh.close()

    def _damage(self, data: bytes, offset: int) -> bytes:
        hits = [o - offset for o in self.corrupt if offset <= o < offset + len(data)]
        if not hits:
            return data
        buf = bytearray(data)
        for i in hits:
            buf[i] ^= 0xFF
        return bytes(buf)
