"""Opening indexed members as streams: what the upload side reads photos with.

A :class:`MemberRef` carries everything needed to open one member without asking the
index again (its part and the member's position, sizes, compression, CRC-32).
:class:`MemberReader` opens them: ``reader.open(ref)`` returns a
:class:`~.streams.MemberStream` (binary, ``size`` known, CRC checked at the end); wrap it
in :class:`~.streams.Sha1Reader` to get the SHA-1 of what was sent.

**One reader per worker thread.** A reader keeps one open descriptor per part it has
touched (and, for a ``.tgz``, one decompressed stream, which serves its members fastest
in offset order); it is not thread-safe, and a reader per worker means no lock is shared
(Python's ``zipfile`` serialises every read of one ``ZipFile`` behind a lock). Before
reading a part it checks that the file still has the size and mtime it had when indexed:
a part that changed since raises :class:`~.errors.MemberError` instead of yielding wrong
bytes. Readers are blocking: call them from worker threads (``anyio.to_thread``).
"""

from __future__ import annotations

import gzip
import os
from types import TracebackType
from typing import BinaryIO

import attrs

from .errors import MemberError
from .parts import PartKind, PartRef, RawMember, open_dir_member, zip_stream
from .streams import GzipRangeStream, MemberStream, RangeStream

__all__ = ["MemberReader", "MemberRef"]

_O_BINARY = getattr(os, "O_BINARY", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


@attrs.frozen(kw_only=True)
class MemberRef:
    """One member of one part, as the index knows it."""

    id: int
    """The member's id in the index."""
    part: PartRef
    path: str
    """Path inside the part."""
    name: str
    """File name (NFC)."""
    size: int
    csize: int
    method: int
    offset: int
    crc32: int | None
    mtime_ns: int

    @property
    def display(self) -> str:
        """``<part>:<path>`` for messages and reports."""
        return f"{self.part.path}:{self.path}"

    def raw(self) -> RawMember:
        return RawMember(
            path=self.path,
            size=self.size,
            csize=self.csize,
            method=self.method,
            offset=self.offset,
            crc32=self.crc32,
            mtime_ns=self.mtime_ns,
        )


class MemberReader:
    """Opens members of indexed parts (see the module documentation)."""

    def __init__(self) -> None:
        self._fds: dict[str, int] = {}
        self._gzips: dict[str, tuple[gzip.GzipFile, BinaryIO]] = {}

    def __enter__(self) -> MemberReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release every descriptor (streams already open stay usable until closed only
        for folder members, which own theirs)."""
        for source, raw in self._gzips.values():
            source.close()  # does not close the file it reads
            raw.close()
        self._gzips.clear()
        for fd in self._fds.values():
            os.close(fd)
        self._fds.clear()

    def _fd(self, part: PartRef, member: str) -> int:
        fd = self._fds.get(part.path)
        if fd is not None:
            return fd
        try:
            fd = os.open(part.path, os.O_RDONLY | _O_BINARY | _O_CLOEXEC)
        except OSError as exc:
            raise MemberError(part.path, member, exc.strerror or str(exc)) from exc
        st = os.fstat(fd)
        if st.st_size != part.size or st.st_mtime_ns != part.mtime_ns:
            os.close(fd)
            raise MemberError(part.path, member, "the part changed since it was indexed")
        self._fds[part.path] = fd
        return fd

    def _gzip(self, part: PartRef, member: str) -> gzip.GzipFile:
        found = self._gzips.get(part.path)
        if found is None:
            raw = os.fdopen(os.dup(self._fd(part, member)), "rb")
            found = (gzip.GzipFile(fileobj=raw, mode="rb"), raw)
            self._gzips[part.path] = found
        return found[0]

    def open(self, ref: MemberRef) -> MemberStream:
        """The member's bytes as a stream (close it when done)."""
        part = ref.part
        if part.kind is PartKind.DIR:
            return open_dir_member(part, ref.raw())
        if part.kind is PartKind.ZIP:
            return zip_stream(self._fd(part, ref.path), part, ref.raw())
        if ref.method != 0:
            raise MemberError(part.path, ref.path, "sparse tar members are not supported")
        if part.kind is PartKind.TAR:
            return RangeStream(
                self._fd(part, ref.path),
                ref.offset,
                part=part.path,
                member=ref.path,
                size=ref.size,
                crc32=ref.crc32,
            )
        return GzipRangeStream(
            self._gzip(part, ref.path),
            ref.offset,
            part=part.path,
            member=ref.path,
            size=ref.size,
            crc32=ref.crc32,
        )

    def read_bytes(self, ref: MemberRef) -> bytes:
        """The whole member (for small ones)."""
        with self.open(ref) as stream:
            return stream.readall()
