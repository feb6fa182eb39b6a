"""File inputs for multipart uploads (``AssetMediaCreateDto.asset_data`` and friends).

A binary field accepts:

- a path (``pathlib.Path`` or any ``os.PathLike``): streamed from disk in chunks read in a
  worker thread, never loaded whole; the file name sent is the path's name;
- ``bytes`` (or ``bytearray``/``memoryview``): sent as is;
- a binary file object opened for reading (seekable, so a retry can start over);
- an :class:`UploadFile`, to set the file name, the content type, or the expected SHA-1;
  it also accepts, with ``size=``, a :data:`StreamOpener` (a function opening the bytes as
  an async stream, called for every try, so the upload can be retried: a member of a zip
  file, a download being piped into an upload) or an async iterable of bytes (sent once,
  never retried).

A plain ``str`` is refused on purpose: it could be a path or the content.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import AsyncIterable, Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import BinaryIO

import attrs

__all__ = ["FileInput", "StreamOpener", "UploadFile", "guess_content_type"]

#: Opens the bytes of a file part for one try of an upload: an async context manager
#: giving an async iterable of bytes, e.g. ::
#:
#:     @contextlib.asynccontextmanager
#:     async def member() -> AsyncIterator[AsyncIterator[bytes]]:
#:         handle = await anyio.to_thread.run_sync(archive.open, "photo.jpg")
#:         try:
#:             yield chunks_of(handle)  # async: each read in a worker thread
#:         finally:
#:             await anyio.to_thread.run_sync(handle.close)
#:
#:     UploadFile(member, size=info.file_size, sha1=sha1, filename="photo.jpg")
#:
#: It is called again for every try, so the upload can be retried; what it raises (an
#: :class:`~immich_bulk.errors.ImmichError`: a source that fails, or bytes that are not
#: ``size`` long or do not match ``sha1``) fails the try, and the request is retried
#: like a dropped connection.
StreamOpener = Callable[[], AbstractAsyncContextManager[AsyncIterable[bytes]]]


@attrs.frozen
class UploadFile:
    """A file part: where the bytes come from, and the name and type to send with them.

    ``sha1`` (20 raw bytes), when given, is checked while streaming: if the bytes read
    differ (the file changed after it was hashed), the request is aborted before its last
    byte is sent, so the server never stores content that does not match the checksum.
    """

    source: (
        os.PathLike[str]
        | bytes
        | bytearray
        | memoryview
        | BinaryIO
        | AsyncIterable[bytes]
        | StreamOpener
    )
    filename: str | None = attrs.field(default=None, kw_only=True)
    content_type: str | None = attrs.field(default=None, kw_only=True)
    sha1: bytes | None = attrs.field(default=None, kw_only=True, repr=False)
    size: int | None = attrs.field(default=None, kw_only=True)
    """The file's size when already known (saves a stat; a different size on disk is then
    detected while streaming, as a file that changed)."""
    progress: Callable[[int], None] | None = attrs.field(
        default=None, kw_only=True, repr=False, eq=False
    )
    """Called with the size of each chunk as it is handed to the connection."""
    chunk_size: int | None = attrs.field(default=None, kw_only=True)
    """Bytes read per step while streaming (default: the body's, 1 MiB)."""
    pace: Callable[[int], Awaitable[None]] | None = attrs.field(
        default=None, kw_only=True, repr=False, eq=False
    )
    """Awaited with the size of each chunk before it is sent (e.g. a bandwidth cap)."""
    opener: Callable[[], BinaryIO] | None = attrs.field(
        default=None, kw_only=True, repr=False, eq=False
    )
    """Opens a path ``source`` for reading (called for every try) instead of ``open(path,
    "rb")``; the upload engine passes one that also opens paths longer than ``PATH_MAX``
    (plain ``open`` fails on those with ENAMETOOLONG, so such files could be hashed but
    never uploaded)."""

    @property
    def name(self) -> str:
        if self.filename:
            return self.filename
        if isinstance(self.source, os.PathLike):
            return os.path.basename(os.fspath(self.source)) or "file"
        name = getattr(self.source, "name", None)
        if isinstance(name, str) and name:
            return os.path.basename(name)
        return "file"

    @property
    def media_type(self) -> str:
        return self.content_type or guess_content_type(self.name)


FileInput = os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO | UploadFile


def guess_content_type(filename: str) -> str:
    guessed, _ = mimetypes.guess_type(filename, strict=False)
    return guessed or "application/octet-stream"
