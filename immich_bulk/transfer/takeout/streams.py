"""A member's bytes as a binary stream, straight from its part (no extraction, no copy).

:class:`MemberStream` is a read-only :class:`io.RawIOBase` whose ``size`` is known before
the first byte is read. Reading it to the end checks the member's CRC-32 (zip central
directory, or the one computed when a tar was indexed) and raises
:class:`~.errors.MemberError` on a mismatch or a truncated part, so damaged bytes are never
mistaken for a photo. Subclasses:

* :class:`RangeStream` -- bytes stored as they are (zip STORED, tar, a plain file):
  ``pread`` from a descriptor, so several streams may share one descriptor; seeking is free;
* :class:`InflateStream` -- a zip DEFLATED member, inflated while reading (``seek``
  backwards restarts the inflation: a deflated member has no random access);
* :class:`GzipRangeStream` -- a member of a ``.tgz``, read from a shared decompressed
  stream that is moved forward (or rewound) to the member: read a ``.tgz``'s members in
  offset order.

:class:`Sha1Reader` wraps any of them and computes the SHA-1 of what was read (what the
upload needs for its checksum header).
"""

from __future__ import annotations

import hashlib
import io
import os
import zlib
from typing import BinaryIO, Protocol

from .errors import MemberError

__all__ = [
    "GzipRangeStream",
    "InflateStream",
    "MemberStream",
    "RangeStream",
    "Sha1Reader",
    "pread",
]

_CHUNK = 1 << 18  # compressed bytes read at a time
_SKIP_CHUNK = 1 << 20


def pread(fd: int, size: int, offset: int) -> bytes:
    """``os.pread`` (positioned read that leaves the file position alone) where there is
    one; elsewhere a seek and a read (callers keep one descriptor per thread there)."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, size)


class MemberStream(io.RawIOBase):
    """The bytes of one member (see the module documentation)."""

    def __init__(self, *, part: str, member: str, size: int, crc32: int | None) -> None:
        super().__init__()
        self.part = part
        self.member = member
        self.size = size
        """The member's size in bytes (known before reading)."""
        self._expected_crc = crc32
        self._crc = 0
        self._crc_valid = True  # read sequentially from 0 so far
        self._pos = 0
        self._checked = False

    @property
    def name(self) -> str:
        """``<part>:<member path>`` (for messages)."""
        return f"{self.part}:{self.member}"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} size={self.size}>"

    def error(self, reason: str) -> MemberError:
        return MemberError(self.part, self.member, reason)

    # ---- io.RawIOBase

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        if self.closed:
            raise ValueError("I/O operation on closed member stream")
        want = min(len(buffer), self.size - self._pos)
        if want <= 0:
            self._check()
            return 0
        data = self._fill(want)
        if not data:
            raise self.error(
                f"truncated: ended after {self._pos} of {self.size} bytes "
                "(damaged or incomplete part?)"
            )
        n = len(data)
        buffer[:n] = data
        self._pos += n
        if self._crc_valid:
            self._crc = zlib.crc32(data, self._crc)
        if self._pos == self.size:
            self._check()
        return n

    def readall(self) -> bytes:
        out = bytearray()
        while True:
            chunk = self.read(max(1, min(_SKIP_CHUNK, self.size - self._pos)))
            if not chunk:
                return bytes(out)
            out += chunk

    def tell(self) -> int:
        return self._pos

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._pos
        elif whence == io.SEEK_END:
            offset += self.size
        elif whence != io.SEEK_SET:
            raise ValueError(f"invalid whence {whence}")
        if offset < 0:
            raise ValueError("negative seek position")
        target = min(offset, self.size)
        if target < self._pos:
            self._rewind()
            self._pos = 0
            self._crc = 0
            self._crc_valid = True
            self._checked = False
        if target > self._pos:
            self._skip(target)
        return self._pos

    # ---- for subclasses

    def _fill(self, want: int) -> bytes:
        """Up to *want* (> 0) bytes at the current position; b"" only at a premature end."""
        raise NotImplementedError

    def _rewind(self) -> None:
        """Go back to the member's first byte."""
        raise NotImplementedError

    def _skip(self, target: int) -> None:
        """Move forward to *target* (default: read and discard, which keeps the CRC)."""
        while self._pos < target:
            if not self.read(min(_SKIP_CHUNK, target - self._pos)):
                raise self.error("truncated while seeking")

    def _check(self) -> None:
        if self._checked:
            return
        self._checked = True
        expected = self._expected_crc
        if self._crc_valid and expected is not None and self._crc != expected:
            raise self.error(
                f"CRC-32 mismatch (got {self._crc:08x}, expected {expected:08x}): damaged part"
            )


class RangeStream(MemberStream):
    """Bytes ``[start, start + size)`` of the file open as descriptor *fd*."""

    def __init__(
        self,
        fd: int,
        start: int,
        *,
        part: str,
        member: str,
        size: int,
        crc32: int | None,
        owns_fd: bool = False,
    ) -> None:
        super().__init__(part=part, member=member, size=size, crc32=crc32)
        self._fd = fd
        self._start = start
        self._owns_fd = owns_fd

    def _fill(self, want: int) -> bytes:
        return pread(self._fd, min(want, _SKIP_CHUNK * 8), self._start + self._pos)

    def _rewind(self) -> None:
        pass

    def _skip(self, target: int) -> None:
        # free: jump there, but the CRC of what was skipped is unknown
        self._pos = target
        self._crc_valid = False

    def close(self) -> None:
        if not self.closed and self._owns_fd:
            os.close(self._fd)
        super().close()


class InflateStream(MemberStream):
    """A raw-deflate member whose compressed bytes are ``[start, start + csize)`` of *fd*."""

    def __init__(
        self,
        fd: int,
        start: int,
        csize: int,
        *,
        part: str,
        member: str,
        size: int,
        crc32: int | None,
    ) -> None:
        super().__init__(part=part, member=member, size=size, crc32=crc32)
        self._fd = fd
        self._start = start
        self._csize = csize
        self._rewind()

    def _rewind(self) -> None:
        self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        self._cpos = 0
        self._tail = b""

    def _fill(self, want: int) -> bytes:
        inflater = self._inflater
        while True:
            if self._tail:
                try:
                    out = inflater.decompress(self._tail, want)
                except zlib.error as exc:
                    raise self.error(f"damaged deflate data ({exc})") from exc
                self._tail = inflater.unconsumed_tail
                if out:
                    return out
            if inflater.eof or self._cpos >= self._csize:
                return b""
            chunk = pread(self._fd, min(_CHUNK, self._csize - self._cpos), self._start + self._cpos)
            if not chunk:
                return b""
            self._cpos += len(chunk)
            self._tail = chunk


class _Seekable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...
    def seek(self, offset: int, whence: int = 0, /) -> int: ...
    def tell(self) -> int: ...


class GzipRangeStream(MemberStream):
    """Bytes ``[start, start + size)`` of the decompressed stream *source* (a
    :class:`gzip.GzipFile` shared by the members of one ``.tgz``)."""

    def __init__(
        self,
        source: _Seekable,
        start: int,
        *,
        part: str,
        member: str,
        size: int,
        crc32: int | None,
    ) -> None:
        super().__init__(part=part, member=member, size=size, crc32=crc32)
        self._source = source
        self._start = start

    def _fill(self, want: int) -> bytes:
        source = self._source
        target = self._start + self._pos
        here = source.tell()
        if here > target:
            source.seek(0)  # a gzip stream only rewinds to its start
            here = 0
        while here < target:  # forward by whole chunks (GzipFile.seek reads 8 KiB at a time)
            skipped = len(source.read(min(_SKIP_CHUNK, target - here)))
            if not skipped:
                return b""
            here += skipped
        return source.read(min(want, _SKIP_CHUNK * 8))

    def _rewind(self) -> None:
        pass  # _fill repositions the shared stream on every read


class Sha1Reader(io.RawIOBase):
    """Reads *stream* and computes the SHA-1 of the bytes read (from its current
    position; open it fresh to hash a whole member). :meth:`digest` is available once the
    end was reached."""

    def __init__(self, stream: MemberStream | BinaryIO) -> None:
        super().__init__()
        self._stream = stream
        self._sha1 = hashlib.sha1()
        self._done = False
        self.bytes_read = 0

    @property
    def size(self) -> int | None:
        return getattr(self._stream, "size", None)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        n = self._stream.readinto(buffer)  # type: ignore[union-attr]
        if not n:
            self._done = True
            return 0
        self._sha1.update(memoryview(buffer)[:n])
        self.bytes_read += n
        size = self.size
        if size is not None and self.bytes_read >= size:
            self._done = True  # a MemberStream checked its CRC on its last byte
        return int(n)

    def digest(self) -> bytes:
        """The 20-byte SHA-1 of everything read; raises if the end was not reached."""
        if not self._done:
            raise ValueError("the stream was not read to its end")
        return self._sha1.digest()

    def close(self) -> None:
        if not self.closed:
            self._stream.close()
        super().close()
