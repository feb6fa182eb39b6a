"""Streaming multipart/form-data bodies with an exact Content-Length.

httpx's own multipart encoder reads files synchronously on the event loop, so files are
read here instead, in chunks, in worker threads. Nothing is held in memory beyond one
chunk per body, so a 2 GB upload costs about ``chunk_size`` of memory.

Each call to :meth:`MultipartBody.stream` starts over (re-opening files), which is what
lets a failed upload be retried. A file part can carry an expected SHA-1: the bytes are
hashed as they are read, and if they do not match (the file changed after it was hashed)
the stream raises :class:`~immich_bulk.errors.FileChangedError` *before* yielding the last
chunk, so the server only ever sees an incomplete body and stores nothing.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import io
import json
import os
import secrets
from collections.abc import AsyncIterable, AsyncIterator, Mapping
from typing import Any, BinaryIO

import anyio

from ..errors import ContentMismatchError, FileChangedError, ImmichError, SizeMismatchError
from ..files import UploadFile
from .timeouts import paced

__all__ = ["DEFAULT_CHUNK_SIZE", "FilePart", "MultipartBody", "StreamFailed", "is_file_value"]

DEFAULT_CHUNK_SIZE = 1024 * 1024
_MERGE_BELOW = 256 * 1024  # chunks smaller than this are merged with their neighbours


def _quote(value: str) -> str:
    # The HTML form encoding of names in Content-Disposition (what browsers send).
    return value.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def _utf8(text: str) -> bytes:
    """*text* as UTF-8. A file name that is not valid UTF-8 reaches us from ``os.fsdecode``
    with lone surrogates (``surrogateescape``), which ``str.encode()`` refuses: the whole
    upload then failed with UnicodeEncodeError. Its undecodable bytes are sent as U+FFFD
    instead (the server gets valid UTF-8; the bytes read from disk are unaffected)."""
    try:
        return text.encode()
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no file name produced
        return text.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace").encode()


def field_text(value: Any) -> str:
    """A non-file form value as text: booleans as true/false, dates ISO, lists/objects JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def is_file_value(value: Any) -> bool:
    """True for what a binary field accepts (see :mod:`immich_bulk.files`)."""
    return isinstance(value, (UploadFile, os.PathLike, bytes, bytearray, memoryview, io.IOBase))


class StreamFailed(Exception):
    """A file part opened by a :data:`~immich_bulk.files.StreamOpener` failed while the
    request was being sent (the source failed, or sent bytes of another size or checksum):
    the sender retries the request, which opens the stream again, or raises ``error``."""

    def __init__(self, error: ImmichError) -> None:
        super().__init__(str(error))
        self.error = error


class FilePart:
    """A file field: its source, size (fixed when the body is built) and expected SHA-1."""

    __slots__ = (
        "_start",
        "chunk_size",
        "content_type",
        "filename",
        "name",
        "opener",
        "pace",
        "progress",
        "sha1",
        "size",
        "source",
    )

    def __init__(self, name: str, upload: UploadFile) -> None:
        self.name = name
        self.filename = upload.name
        self.content_type = upload.media_type
        self.sha1 = upload.sha1
        self.progress = upload.progress
        self.pace = upload.pace
        self.chunk_size = upload.chunk_size
        self.opener = upload.opener
        self.source = upload.source
        self._start = 0
        if isinstance(self.source, (bytes, bytearray, memoryview)):
            self.size = len(self.source)
        elif isinstance(self.source, os.PathLike):
            self.size = upload.size if upload.size is not None else os.stat(self.source).st_size
        elif isinstance(self.source, AsyncIterable):
            if upload.size is None:
                raise ValueError("an async iterable upload source needs size=")
            self.size = upload.size
        elif callable(self.source):
            if upload.size is None:
                raise ValueError("a stream opener upload source needs size=")
            self.size = upload.size
        else:
            self.size, self._start = _file_object_size(self.source)

    @property
    def replayable(self) -> bool:
        if isinstance(self.source, AsyncIterable):
            return False
        if callable(self.source):
            return True  # opened again for every try
        return not isinstance(self.source, io.IOBase) or self.source.seekable()

    def header(self, boundary: str) -> bytes:
        text = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{_quote(self.name)}"; '
            f'filename="{_quote(self.filename)}"\r\n'
            f"Content-Type: {self.content_type}\r\n\r\n"
        )
        return _utf8(text)

    async def chunks(self, chunk_size: int) -> AsyncIterator[bytes]:
        """The file's bytes, one worker-thread hop per chunk (a small file: one hop in all)."""
        digest = hashlib.sha1() if self.sha1 is not None else None
        if isinstance(self.source, (bytes, bytearray, memoryview)):
            data = bytes(self.source)
            self._verify(digest, data)
            if data:
                await self._handing_over(len(data))
                yield data
            return
        if isinstance(self.source, AsyncIterable):
            async for chunk in self._piped(self.source, digest):
                yield chunk
            return
        if callable(self.source):
            try:
                async with self.source() as stream:
                    async for chunk in self._piped(stream, digest):
                        yield chunk
            except ImmichError as exc:
                raise StreamFailed(exc) from exc
            return
        reader = _Reader(self, digest)  # hashes in its worker thread, off the event loop
        try:
            while not reader.done:
                chunk = await anyio.to_thread.run_sync(reader.read, chunk_size)
                if reader.done:
                    self._verify(digest, b"")  # before the last bytes leave
                if chunk:
                    await self._handing_over(len(chunk))
                    yield chunk
        finally:
            reader.close()  # not awaited: this may run while the generator is finalized

    async def _piped(self, source: AsyncIterable[bytes], digest: Any) -> AsyncIterator[bytes]:
        """Bytes from an async source, exactly ``size`` of them; the last piece is held back
        until the checksum (if any) matches."""
        held = b""
        remaining = self.size
        async for piece in source:
            if len(piece) > remaining:
                raise SizeMismatchError(
                    f"{self.filename}: the source sent more than {self.size} bytes"
                )
            remaining -= len(piece)
            if digest is not None:
                digest.update(piece)
            if held:
                await self._handing_over(len(held))
                yield held
            held = bytes(piece)
        if remaining:
            raise SizeMismatchError(f"{self.filename}: the source ended {remaining} bytes early")
        self._verify(digest, b"")
        if held:
            await self._handing_over(len(held))
            yield held

    async def _handing_over(self, size: int) -> None:
        if self.pace is not None:
            async with paced():  # waiting for the bandwidth cap is not a stall
                await self.pace(size)
        if self.progress is not None:
            self.progress(size)

    def _verify(self, digest: Any, data: bytes) -> None:
        if self.sha1 is None:
            return
        if digest is None:
            digest = hashlib.sha1()
        if data:
            digest.update(data)
        if digest.digest() != self.sha1:
            raise ContentMismatchError(
                f"{self.filename}: the content no longer matches its checksum "
                "(the file changed after it was hashed); nothing was stored"
            )


class _Reader:
    """Reads a file part in chunks; each :meth:`read` runs in a worker thread."""

    def __init__(self, part: FilePart, digest: Any = None) -> None:
        self.part = part
        self.digest = digest
        self.remaining = part.size
        self.handle: BinaryIO | None = None
        self.done = False

    def read(self, size: int) -> bytes:
        part = self.part
        if self.handle is None:
            if isinstance(part.source, os.PathLike):
                try:
                    if part.opener is not None:
                        self.handle = part.opener()
                    else:
                        self.handle = open(part.source, "rb")  # noqa: SIM115 (closed in close())
                except FileNotFoundError as exc:
                    raise FileChangedError(
                        f"{part.filename}: the file vanished before upload"
                    ) from exc
            else:
                self.handle = part.source  # type: ignore[assignment]
                if part.replayable:
                    part.source.seek(part._start)  # type: ignore[union-attr]
        handle = self.handle
        assert handle is not None
        want = min(size, self.remaining)
        data = handle.read(want) if want else b""
        if not isinstance(data, bytes):
            raise TypeError("a file to upload must be opened in binary mode")
        if len(data) < want:
            raise SizeMismatchError(f"{part.filename}: the file shrank during upload")
        self.remaining -= len(data)
        if self.digest is not None:
            self.digest.update(data)  # large updates release the GIL
        if self.remaining == 0:
            if isinstance(part.source, os.PathLike) and handle.read(1):
                raise SizeMismatchError(f"{part.filename}: the file grew during upload")
            self.done = True
        return data

    def close(self) -> None:
        if self.handle is not None and isinstance(self.part.source, os.PathLike):
            self.handle.close()
        self.handle = None


def _file_object_size(handle: Any) -> tuple[int, int]:
    try:
        start = handle.tell()
        handle.seek(0, os.SEEK_END)
        end = handle.tell()
        handle.seek(start)
    except (AttributeError, OSError) as exc:
        raise ValueError(
            "a file object to upload must be seekable (or pass bytes or a path)"
        ) from exc
    return end - start, start


class MultipartBody:
    """A multipart/form-data body: text fields and file parts, streamed with a known length."""

    def __init__(
        self,
        fields: Mapping[str, Any],
        *,
        boundary: str | None = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
    ) -> None:
        self.boundary = boundary or secrets.token_hex(16)
        self.chunk_size = chunk_size
        self._parts: list[bytes | FilePart] = []
        for name, value in fields.items():
            if is_file_value(value):
                upload = value if isinstance(value, UploadFile) else UploadFile(value)
                self._parts.append(FilePart(name, upload))
            elif value is not None:  # multipart cannot say null: None is left out
                self._parts.append(
                    _utf8(
                        f"--{self.boundary}\r\n"
                        f'Content-Disposition: form-data; name="{_quote(name)}"\r\n\r\n'
                        f"{field_text(value)}\r\n"
                    )
                )
        self._closing = f"--{self.boundary}--\r\n".encode()

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    @property
    def content_length(self) -> int:
        total = len(self._closing)
        for part in self._parts:
            if isinstance(part, FilePart):
                total += len(part.header(self.boundary)) + part.size + 2
            else:
                total += len(part)
        return total

    @property
    def replayable(self) -> bool:
        return all(p.replayable for p in self._parts if isinstance(p, FilePart))

    @property
    def files(self) -> list[FilePart]:
        return [p for p in self._parts if isinstance(p, FilePart)]

    async def stream(self) -> AsyncIterator[bytes]:
        """The body's bytes from the start (re-opening files on every call).

        Small pieces (field parts, part headers, small files) are merged, so a small upload
        leaves as one write; big file chunks pass through without copying.
        """
        pending = bytearray()
        for part in self._parts:
            if not isinstance(part, FilePart):
                pending += part
                continue
            pending += part.header(self.boundary)
            async for chunk in part.chunks(part.chunk_size or self.chunk_size):
                if len(chunk) < _MERGE_BELOW:
                    pending += chunk
                    continue
                if pending:
                    yield bytes(pending)
                    pending.clear()
                yield chunk
            pending += b"\r\n"
        pending += self._closing
        yield bytes(pending)
