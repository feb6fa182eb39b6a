"""SHA-1: of local files (with a persistent cache), of streams, and checksum conversions.

Immich identifies content by SHA-1: ``x-immich-checksum`` and ``bulk-upload-check`` take
it as 40 hex digits, ``AssetResponseDto.checksum`` reports it as base64 of the 20 raw
bytes. Here digests are ``bytes`` (20); :func:`sha1_hex`, :func:`sha1_base64` and
:func:`parse_checksum` convert at the edges.

* :func:`sha1_file` (blocking) hashes one file with a preallocated buffer, ``readinto``
  and 1 MiB reads; ``hashlib`` releases the GIL on large updates and so does the read, so
  several threads hash in parallel. A file that changes while it is hashed (size, mtime or
  ctime before/after, or versus what the scan saw) raises
  :class:`~immich_bulk.errors.FileChangedError`.
* :class:`Hasher` (async) runs it in worker threads under its own ``CapacityLimiter``
  (default: one thread per CPU), consults the :class:`~immich_bulk.transfer.state.StateStore`
  hash cache first (keyed by :class:`FileIdentity`: device, inode, size, mtime, ctime and
  generation) and stores new digests there.
* :class:`StreamHasher` hashes a download as it arrives and checks it against the asset's
  checksum.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import hashlib
import os
import stat as stat_mod
import threading
import time
from collections.abc import Callable, Sequence
from typing import Protocol

import anyio
import anyio.from_thread
import anyio.lowlevel
import anyio.to_thread
import attrs
from anyio import CapacityLimiter

from ...errors import ChecksumMismatchError, FileChangedError
from ..state import StateStore
from .fsutil import FileIdentity, StrPath, open_fd

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "FileIdentity",
    "HashResult",
    "HashTarget",
    "Hasher",
    "HasherStats",
    "StreamHasher",
    "parse_checksum",
    "sha1_base64",
    "sha1_file",
    "sha1_hex",
]

#: Read size of :func:`sha1_file` (1 MiB).
DEFAULT_CHUNK_SIZE = 1 << 20

_O_READ = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NONBLOCK", 0)  # never hang opening a FIFO that replaced the file
    | getattr(os, "O_NOCTTY", 0)
)
_local = threading.local()


@attrs.frozen
class HashResult:
    """The SHA-1 of a file and the size and mtime it had while being hashed."""

    sha1: bytes
    size: int
    mtime_ns: int
    from_cache: bool = attrs.field(default=False, kw_only=True, eq=False)
    """True when the digest came from the hash cache (the file was not read)."""

    @property
    def hex(self) -> str:
        """40 lower-case hex digits (``x-immich-checksum``, ``bulk-upload-check``)."""
        return self.sha1.hex()

    @property
    def base64(self) -> str:
        """Base64 of the 20 bytes (``AssetResponseDto.checksum``)."""
        return sha1_base64(self.sha1)


def _buffer(size: int) -> bytearray:
    buf: bytearray | None = getattr(_local, "buffer", None)
    if buf is None or len(buf) != size:
        buf = bytearray(size)
        _local.buffer = buf
    return buf


def _changed(path: StrPath, what: str) -> FileChangedError:
    return FileChangedError(f"{os.fsdecode(path)}: {what}")


def sha1_file(
    path: StrPath,
    *,
    expected: FileIdentity | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    on_chunk: Callable[[int], None] | None = None,
) -> HashResult:
    """Hash the file at *path* (blocking; run it in a worker thread).

    *expected* is the identity the scan saw: if the file now has another
    :class:`FileIdentity`, :class:`~immich_bulk.errors.FileChangedError` is raised before
    reading. The size, mtime and ctime are checked again after the last read (and the byte
    count against the size), so a file written to while it is hashed raises too (even when
    its mtime is put back). *on_chunk* is called with the size of every chunk read; it may
    raise to abort (cancellation, progress). ``OSError`` (vanished, permission denied)
    propagates as is. Paths longer than ``PATH_MAX`` work.
    """
    if chunk_size < 4096:
        raise ValueError("chunk_size must be at least 4096 bytes")
    fd = open_fd(path, _O_READ)
    try:
        before = os.fstat(fd)
        if not stat_mod.S_ISREG(before.st_mode):
            raise _changed(path, "is no longer a regular file")
        if expected is not None:
            now = FileIdentity.from_stat(before)
            if now != expected:
                raise _changed(path, f"changed since it was scanned ({expected} -> {now})")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        if hasattr(os, "posix_fadvise"):
            with contextlib.suppress(OSError):
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)
        expected_size = before.st_size
        digest = hashlib.sha1(usedforsecurity=False)
        update = digest.update
        buf = _buffer(chunk_size)
        view = memoryview(buf)
        total = 0
        with open(fd, "rb", buffering=0, closefd=False) as raw:
            readinto = raw.readinto
            while True:
                n = readinto(buf)
                if not n:
                    break
                update(buf if n == chunk_size else view[:n])
                total += n
                if total > expected_size:
                    break  # growing (maybe forever): it changed, no need to read on
                if on_chunk is not None:
                    on_chunk(n)
        view.release()
        after = os.fstat(fd)
    finally:
        os.close(fd)
    if (
        total != before.st_size
        or after.st_size != before.st_size
        or after.st_mtime_ns != before.st_mtime_ns
        or after.st_ctime_ns != before.st_ctime_ns
    ):
        raise _changed(
            path,
            f"changed while it was hashed (size {before.st_size} -> {after.st_size}, "
            f"{total} bytes read, mtime {before.st_mtime_ns} -> {after.st_mtime_ns}, "
            f"ctime {before.st_ctime_ns} -> {after.st_ctime_ns})",
        )
    return HashResult(digest.digest(), before.st_size, before.st_mtime_ns)


class HashTarget(Protocol):
    """What :class:`Hasher` hashes: a path and the identity the scan saw
    (:class:`~immich_bulk.transfer.local.scan.ScannedFile` is one)."""

    @property
    def path(self) -> StrPath: ...

    @property
    def identity(self) -> FileIdentity: ...


@attrs.frozen(kw_only=True)
class HasherStats:
    """A snapshot of :meth:`Hasher.statistics`."""

    files_hashed: int
    """Files read and hashed."""
    cache_hits: int
    """Files answered from the hash cache (not read)."""
    bytes_hashed: int
    """Bytes read and hashed."""
    seconds: float
    """Time spent hashing, summed over worker threads."""
    failures: int
    """Files that could not be hashed (changed, vanished, unreadable)."""
    in_flight: int
    """Files being hashed right now."""


class Hasher:
    """Hash files in worker threads, with the store's hash cache in front.

    ``await hasher.hash(file)`` answers from the cache when the file's
    :class:`FileIdentity` is known, else reads the file in a worker thread under
    :attr:`limiter` (default: one token per CPU; change ``limiter.total_tokens`` at runtime
    to retune) and adds the new digest to the cache (buffered by the store). For batches,
    :meth:`lookup` asks the cache about many files in one query; hash the misses with
    ``use_cache=False``. Cancelling a caller stops its thread within one chunk.
    """

    def __init__(
        self,
        store: StateStore | None = None,
        *,
        max_workers: int | None = None,
        limiter: CapacityLimiter | None = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
    ) -> None:
        if limiter is not None and max_workers is not None:
            raise ValueError("pass max_workers or limiter, not both")
        if limiter is None:
            limiter = CapacityLimiter(max_workers or os.cpu_count() or 1)
        self._limiter = limiter
        self._store = store
        self._chunk_size = chunk_size
        self._hashed = 0
        self._hits = 0
        self._bytes = 0
        self._seconds = 0.0
        self._failures = 0
        self._in_flight = 0

    @property
    def limiter(self) -> CapacityLimiter:
        """The limiter of the hashing threads."""
        return self._limiter

    def statistics(self) -> HasherStats:
        """Counters (a snapshot)."""
        return HasherStats(
            files_hashed=self._hashed,
            cache_hits=self._hits,
            bytes_hashed=self._bytes,
            seconds=self._seconds,
            failures=self._failures,
            in_flight=self._in_flight,
        )

    async def lookup(self, files: Sequence[HashTarget]) -> list[HashResult | None]:
        """Cached results for *files* (None where not cached), in one store query."""
        if self._store is None:
            await anyio.lowlevel.checkpoint()
            return [None] * len(files)
        found = await self._store.get_hashes(f.identity for f in files)
        out: list[HashResult | None] = []
        for f in files:
            ident = f.identity
            sha1 = found.get(ident)
            if sha1 is None:
                out.append(None)
            else:
                self._hits += 1
                out.append(HashResult(sha1, ident.size, ident.mtime_ns, from_cache=True))
        return out

    async def hash(self, file: HashTarget, *, use_cache: bool = True) -> HashResult:
        """The SHA-1 of *file*: from the cache, or read in a worker thread.

        Raises :class:`~immich_bulk.errors.FileChangedError` if the file is not the one
        the scan saw or changes while it is read, ``OSError`` if it cannot be read.
        """
        ident = file.identity
        store = self._store
        if use_cache and store is not None:
            cached = await store.get_hash(ident)
            if cached is not None:
                self._hits += 1
                return HashResult(cached, ident.size, ident.mtime_ns, from_cache=True)
        path = file.path
        check = anyio.from_thread.check_cancelled

        def on_chunk(_: int) -> None:
            check()

        work = functools.partial(
            sha1_file, path, expected=ident, chunk_size=self._chunk_size, on_chunk=on_chunk
        )
        self._in_flight += 1
        started = time.perf_counter()
        try:
            result = await anyio.to_thread.run_sync(work, limiter=self._limiter)
        except (OSError, FileChangedError):
            self._failures += 1
            raise
        finally:
            self._in_flight -= 1
            self._seconds += time.perf_counter() - started
        self._hashed += 1
        self._bytes += result.size
        if store is not None:
            store.put_hash(ident, result.sha1, path)
        return result


class StreamHasher:
    """Incremental SHA-1 of a byte stream (a download), with its running size.

    ``update`` is cheap enough to call on the event loop for network-sized chunks
    (~40 µs per 64 KiB); hand larger blocks to a thread.
    """

    __slots__ = ("_digest", "size")

    def __init__(self) -> None:
        self._digest = hashlib.sha1(usedforsecurity=False)
        self.size = 0
        """Bytes hashed so far."""

    def update(self, data: bytes | bytearray | memoryview) -> None:
        """Add *data*."""
        self._digest.update(data)
        self.size += len(data) if not isinstance(data, memoryview) else data.nbytes

    def digest(self) -> bytes:
        """The 20-byte digest of everything so far."""
        return self._digest.digest()

    def hexdigest(self) -> str:
        return self._digest.hexdigest()

    def base64digest(self) -> str:
        return sha1_base64(self.digest())

    def matches(self, expected: bytes | str) -> bool:
        """True when the digest equals *expected* (raw bytes, hex or base64)."""
        want = expected if isinstance(expected, bytes) else parse_checksum(expected)
        return self.digest() == want

    def verify(self, expected: bytes | str, *, what: str = "download") -> None:
        """Raise :class:`~immich_bulk.errors.ChecksumMismatchError` unless it matches."""
        want = expected if isinstance(expected, bytes) else parse_checksum(expected)
        got = self.digest()
        if got != want:
            raise ChecksumMismatchError(
                f"{what}: SHA-1 {sha1_base64(got)} does not match the expected "
                f"{sha1_base64(want)} ({self.size} bytes)",
                expected=sha1_base64(want),
                actual=sha1_base64(got),
            )


def sha1_hex(digest: bytes) -> str:
    """40 lower-case hex digits."""
    return bytes(digest).hex()


def sha1_base64(digest: bytes) -> str:
    """Standard base64 (with padding) of the raw digest, as Immich's ``checksum``."""
    return base64.b64encode(bytes(digest)).decode("ascii")


def parse_checksum(value: str) -> bytes:
    """The 20 raw bytes of a SHA-1 given as hex (any case) or base64 (standard or
    URL-safe, padding optional). Raises ``ValueError`` for anything else."""
    text = value.strip()
    if len(text) == 40:
        try:
            return bytes.fromhex(text)
        except ValueError:
            pass
    if 27 <= len(text) <= 28:
        b64 = text.replace("-", "+").replace("_", "/")
        b64 += "=" * (-len(b64) % 4)
        try:
            raw = base64.b64decode(b64, validate=True)
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) == 20:
            return raw
    raise ValueError(f"not a SHA-1 checksum (hex or base64): {value!r}")
