"""One file from the server to the local disk: resumable, verified, placed atomically.

:func:`fetch` is the engine behind ``client.assets.download_asset_to_file`` (and the other
``*_to_file`` helpers) and behind every download of an export:

* the bytes go to a ``.part`` file (``<name>.part``; the helpers use one per item, see
  :func:`item_part_path`); the final name appears only once the file is complete
  (``fsync``, then ``os.replace``): never a partial file under the final name. A ``.part``
  has one writer at a time (an exclusive ``flock``, held until it is placed): a second
  download of the same file, in this process or another, waits for the first;
* the validator of the response (its ETag, else Last-Modified) is kept in
  ``<name>.part.meta`` (JSON: validator, what is being downloaded, the expected checksum,
  the total size), written before the first body bytes reach the disk, so a later run --
  even after the process was killed -- continues with ``Range: bytes=N-`` and
  ``If-Range: <validator>``. Files that fit in one write buffer never get a ``.meta``.
  The ``.meta`` never outlives its ``.part``: it is written after the ``.part`` exists and
  removed before the ``.part`` is renamed or deleted;
* a ``200`` to a ranged request (the file changed, or the server ignores ``Range``), a
  ``206`` for another range or with another ETag restarts from zero (the ``.part`` is
  truncated). An unsatisfiable range (Immich answers ``500`` with
  ``Content-Range: bytes */SIZE``, transcript 30e; a standard server ``416``) means the
  ``.part`` already holds everything when it has SIZE bytes (it is verified and placed),
  else the download restarts. At most :attr:`DownloadConfig.max_restarts` restarts, then
  :class:`~immich_bulk.errors.ResumeError`: a server whose ETag changes on every request
  cannot make us loop forever;
* a connection dropped mid-body is a *retry*, not a restart: the bytes received so far are
  written and the next request asks for the rest. Retries follow the transfer retry
  policy (backoff with jitter, ``Retry-After``); only failures that made no progress count
  against its ``max_attempts``, so a flaky link that keeps delivering still finishes;
* with an expected checksum (originals), the SHA-1 of the bytes must match it, or
  :class:`~immich_bulk.errors.ChecksumMismatchError` is raised and the ``.part`` and its
  ``.meta`` are **deleted** (no final file, nothing half-trusted left to resume from). A
  mismatch after a resumed download first retries once from zero (the old prefix may be
  the culprit);
* bytes are written as they arrive, in worker threads, one buffer of
  :attr:`DownloadConfig.chunk_size` at most per download: a 4 GB video never sits in memory.
  ``Accept-Encoding: identity`` is sent, so byte offsets are offsets into the file.

Opening ``.part``/``.meta`` files never follows a symlink (``O_NOFOLLOW``).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import logging
import mimetypes
import os
import re
import stat as stat_mod
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
import attrs

from ..._http.response import RawCall, RawResponse
from ..._http.retry import RetryPolicy
from ...errors import (
    ApiError,
    ChecksumMismatchError,
    ImmichError,
    RateLimitError,
    ResumeError,
    TransferError,
    TransportError,
)
from ..config import DownloadConfig
from ..local.hashing import StreamHasher, sha1_base64
from .layout import (
    PART_SUFFIX,
    collision_names,
    filename_from_content_disposition,
    safe_id,
    safe_name,
)

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "FetchResult",
    "Names",
    "PlacementConflict",
    "RequestFn",
    "download_to",
    "fetch",
    "fetch_unresumable",
    "is_no_space",
    "item_part_path",
    "meta_path_for",
    "parse_content_range",
    "part_path_for",
    "place_file",
    "sweep_part",
]

log = logging.getLogger("immich_bulk.transfer")

StrPathLike = str | os.PathLike[str]
#: Opens the request with extra headers (Range, If-Range, Accept-Encoding).
RequestFn = Callable[[Mapping[str, str]], RawCall]

_META_VERSION = 1
_MAX_META_BYTES = 64 * 1024
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)
_HAVE_WRITEV = hasattr(os, "writev")
_HAVE_FADVISE = hasattr(os, "posix_fadvise")
_UTIME_FD = os.utime in os.supports_fd
_IOV_MAX = 512
#: The sender must not retry by itself: this module retries (and resumes) instead.
_SINGLE_TRY = RetryPolicy(max_attempts=1)
#: Polling for a ``.part`` another download holds: first and longest wait (seconds).
_WAIT_FIRST = 0.01
_WAIT_MAX = 0.25
_CONTENT_RANGE = re.compile(r"^\s*bytes\s+(?:(\d+)-(\d+)|\*)\s*/\s*(\d+|\*)\s*$", re.IGNORECASE)


def part_path_for(final: Path) -> Path:
    """``<final>.part``."""
    return final.with_name(final.name + PART_SUFFIX)


def meta_path_for(part: Path) -> Path:
    """``<part>.meta``."""
    return part.with_name(part.name + ".meta")


def parse_content_range(value: str | None) -> tuple[int | None, int | None, int | None] | None:
    """``(start, end, total)`` of a ``Content-Range`` header (None for ``*``), or None."""
    if not value:
        return None
    match = _CONTENT_RANGE.match(value)
    if match is None:
        return None
    start, end, total = match.groups()
    return (
        int(start) if start is not None else None,
        int(end) if end is not None else None,
        int(total) if total != "*" else None,
    )


@attrs.frozen(kw_only=True)
class FetchResult:
    """What :func:`fetch` did."""

    path: Path
    """The final file."""
    size: int
    sha1: bytes
    """SHA-1 of the file (20 bytes)."""
    mtime_ns: int
    """The final file's modification time (after ``mtime`` was applied)."""
    verified: bool
    """True when the SHA-1 was checked against an expected checksum."""
    resumed_from: int = 0
    """Bytes of an earlier ``.part`` that were kept (0 for a fresh download)."""
    received: int = 0
    """Body bytes received over the network by this call."""
    restarts: int = 0
    retries: int = 0
    content_type: str | None = None


class _Restart(Exception):
    """Internal: start over from byte 0."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------------- sync file side


def _open_nofollow(path: Path, flags: int, mode: int = 0o666) -> int:
    fd = os.open(path, flags | _O_NOFOLLOW | _O_CLOEXEC | _O_BINARY, mode)
    try:
        if not stat_mod.S_ISREG(os.fstat(fd).st_mode):
            raise TransferError(f"{os.fsdecode(path)!r} is not a regular file; not touched")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _unlink_quiet(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _read_meta(path: Path) -> dict[str, Any] | None:
    try:
        fd = _open_nofollow(path, os.O_RDONLY)
    except (OSError, TransferError):
        return None
    try:
        data = os.read(fd, _MAX_META_BYTES)
    finally:
        os.close(fd)
    try:
        meta = json.loads(data)
    except ValueError:
        return None
    return meta if isinstance(meta, dict) and meta.get("v") == _META_VERSION else None


def _write_meta(path: Path, meta: Mapping[str, Any]) -> None:
    data = json.dumps(dict(meta), ensure_ascii=True, sort_keys=True).encode("ascii")
    fd = _open_nofollow(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def _hash_fd(fd: int, hasher: StreamHasher, size: int, chunk: int) -> int:
    """Feed the first *size* bytes of the open file *fd* to *hasher* (from offset 0; the
    file offset is left where the reading stopped); returns how many it could read."""
    os.lseek(fd, 0, os.SEEK_SET)
    done = 0
    while done < size:
        data = os.read(fd, min(chunk, size - done))
        if not data:
            break
        hasher.update(data)
        done += len(data)
    return done


def _hash_prefix(path: Path, hasher: StreamHasher, size: int, chunk: int) -> int:
    """Feed the first *size* bytes of *path* to *hasher*; returns how many it could read."""
    fd = _open_nofollow(path, os.O_RDONLY)
    try:
        return _hash_fd(fd, hasher, size, chunk)
    finally:
        os.close(fd)


def _lock_nowait(fd: int) -> bool:
    """An exclusive ``flock`` on *fd*; False when another open file holds it (in this
    process or another). Where there is no ``flock`` (or the file system refuses it), True:
    the download goes on unprotected, as it would without this lock."""
    if fcntl is None:  # pragma: no cover - Windows
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:  # pragma: no cover - no locks on this file system
        return True
    return True


def _make_dirs(path: Path) -> list[Path]:
    """``mkdir -p`` *path*; returns the directories this call created, outermost first."""
    missing: list[Path] = []
    current = path
    while not os.path.isdir(current) and current.parent != current:
        missing.append(current)
        current = current.parent
    created: list[Path] = []
    for directory in reversed(missing):
        try:
            os.mkdir(directory)
        except FileExistsError:
            continue  # made by someone else meanwhile: not ours to remove
        created.append(directory)
    return created


def _remove_dirs(created: list[Path]) -> None:
    """Remove the directories :func:`_make_dirs` created, innermost first, while empty."""
    for directory in reversed(created):
        try:
            os.rmdir(directory)
        except OSError:  # something else is in there now
            return


def place_file(
    part: Path, final: Path, *, replace: bool = True, mtime_ns: int | None = None
) -> tuple[int, int]:
    """Give the complete file *part* its *final* name (blocking); ``(size, mtime_ns)``.

    With *replace* an existing file is atomically replaced (``os.replace``); without it an
    existing *final* raises FileExistsError and nothing changes (a hard link then an
    unlink, so no other writer's file is ever clobbered; where the file system has no
    hard links, a check then ``os.replace``). A directory at *final* is never replaced.
    """
    try:
        st = os.lstat(final)
    except FileNotFoundError:
        st = None
    if st is not None:
        if stat_mod.S_ISDIR(st.st_mode):
            raise TransferError(f"{os.fsdecode(final)!r} is a directory; not replaced")
        if not replace:
            raise FileExistsError(errno.EEXIST, "file exists", os.fsdecode(final))
    if replace:
        os.replace(part, final)
    else:
        try:
            os.link(part, final)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (FAT, some network file systems)
            if os.path.lexists(final):
                raise FileExistsError(errno.EEXIST, "file exists", os.fsdecode(final)) from None
            os.replace(part, final)
        else:
            os.unlink(part)
    if mtime_ns is not None:
        with contextlib.suppress(OSError):
            os.utime(final, ns=(mtime_ns, mtime_ns), follow_symlinks=False)
    st = os.stat(final, follow_symlinks=False)
    return st.st_size, st.st_mtime_ns


class PlacementConflict(TransferError):
    """The download is complete and verified, but its final name was taken meanwhile
    (``replace=False``): :attr:`result` describes the file, still at its ``.part`` path."""

    def __init__(self, message: str, result: FetchResult) -> None:
        super().__init__(message)
        self.result = result


@attrs.frozen
class Names:
    """Where a download goes when the final name is decided only once it is complete:
    the first of :attr:`paths` that is free (taken atomically: another file that appeared
    there meanwhile is never replaced), or that already holds exactly the downloaded bytes
    (the download is then dropped and that file returned). A path taken by other content
    is skipped, unless :attr:`owner` names the item an earlier download placed there (see
    :func:`download_to`); the last path is replaced when every other one is taken."""

    paths: tuple[Path, ...]
    owner: str | None = None

    @property
    def name(self) -> str:
        return self.paths[0].name


#: Where the final file goes, known in advance or chosen from the response headers.
FinalPath = Path | Names | Callable[[Mapping[str, str]], Path | Names]

#: Attempts at opening a ``.part`` that others keep renaming or removing under us.
_OPEN_TRIES = 20


class _Part:
    """The ``.part`` file, its ``.meta`` and the running hash. Methods run in threads.

    A ``.part`` has one writer at a time: :meth:`acquire` opens it with an exclusive
    ``flock`` held until it is placed, discarded or closed, so a second download of the same
    file (this process or another) waits instead of writing into it. Its ``.meta`` exists
    only while the ``.part`` does: written after the ``.part`` is created, removed before it
    is renamed or deleted, so no kill leaves a ``.meta`` without its ``.part``.
    """

    def __init__(self, part: Path, chunk_size: int) -> None:
        self.path = part
        self.meta_path = meta_path_for(part)
        self.chunk_size = chunk_size
        self.fd: int | None = None
        self.positioned = False  # the file offset is at ``size`` and nothing lies beyond
        self.size = 0  # bytes on disk that belong to the download
        self.hasher = StreamHasher()
        self.meta_on_disk = False
        self.writeback = False
        self.advised = 0
        self.created: list[Path] = []  # directories made for it, removed with it when empty

    # -- start

    def acquire(self) -> bool:
        """Open (creating it and its directories) and lock the ``.part``; False when another
        download holds it. A symlink planted at the ``.part`` or ``.meta`` is removed,
        never followed."""
        for _ in range(_OPEN_TRIES):
            self.created += _make_dirs(self.path.parent)
            for path in (self.path, self.meta_path):
                try:
                    st = os.lstat(path)
                except FileNotFoundError:
                    continue
                if stat_mod.S_ISLNK(st.st_mode):
                    _unlink_quiet(path)
                elif not stat_mod.S_ISREG(st.st_mode):
                    raise TransferError(f"{os.fsdecode(path)!r} exists and is not a file")
            try:
                fd = _open_nofollow(self.path, os.O_RDWR | os.O_CREAT)
            except FileNotFoundError:
                continue  # its directory was removed meanwhile: make it again
            if not _lock_nowait(fd):
                os.close(fd)
                return False
            # the holder before us may have renamed or removed the file we opened
            try:
                current = os.lstat(self.path)
            except FileNotFoundError:
                current = None
            opened = os.fstat(fd)
            if current is not None and (current.st_dev, current.st_ino) == (
                opened.st_dev,
                opened.st_ino,
            ):
                self.fd = fd
                self.positioned = False
                self.size = 0
                self.meta_on_disk = os.path.lexists(self.meta_path)
                return True
            os.close(fd)
        raise TransferError(f"{os.fsdecode(self.path)!r} keeps being replaced; not written")

    def _create(self) -> bool:
        """Take a ``.part`` that does not exist yet: create it exclusively (``O_EXCL``: a new,
        empty regular file; never an existing file, nor a planted symlink) and lock it.
        False when that is not the case (then :meth:`acquire` looks at what is there).
        Five system calls where :meth:`acquire` and the first write make eleven: this is
        the path of every file of a fresh export."""
        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC | _O_BINARY
        try:
            fd = os.open(self.path, flags, 0o666)
        except FileNotFoundError:
            self.created += _make_dirs(self.path.parent)
            try:
                fd = os.open(self.path, flags, 0o666)
            except OSError:
                return False
        except OSError:
            return False
        try:
            # another download may have opened it by name before we locked it, and even
            # placed it: then it is not ours any more
            mine = _lock_nowait(fd)
            if mine:
                opened = os.fstat(fd)
                try:
                    current = os.lstat(self.path)
                except FileNotFoundError:
                    mine = False
                else:
                    mine = (current.st_dev, current.st_ino) == (opened.st_dev, opened.st_ino)
            if not mine:
                os.close(fd)
                return False
            try:
                meta: os.stat_result | None = os.lstat(self.meta_path)
            except FileNotFoundError:
                meta = None
        except BaseException:
            os.close(fd)
            raise
        if meta is not None and not stat_mod.S_ISREG(meta.st_mode):
            os.close(fd)
            return False  # a planted symlink (or worse): acquire() deals with it
        self.fd = fd
        self.positioned = True  # empty, at offset 0
        self.size = 0
        self.meta_on_disk = meta is not None
        return True

    def acquire_and(self, fn: Callable[..., Any], *args: Any) -> tuple[bool, Any]:
        """Take the ``.part`` (:meth:`_create` first: the caller expects none), then
        ``fn(*args)`` in the same thread hop: ``(True, result)``, or ``(False, None)`` when
        another download holds the ``.part``."""
        if not (self._create() or self.acquire()):
            return False, None
        return True, fn(*args)

    def load(self, identity: Mapping[str, Any]) -> dict[str, Any] | None:
        """Look at what the locked ``.part`` holds: returns its metadata and hashes the bytes
        to keep when it can be resumed, else marks it empty (size 0)."""
        fd = self._fd()
        meta = _read_meta(self.meta_path)
        size = os.fstat(fd).st_size
        usable = (
            size > 0
            and meta is not None
            and all(meta.get(k) == v for k, v in identity.items())
            and bool(meta.get("etag") or meta.get("last_modified"))
        )
        if not usable:
            self.size = 0
            return None
        assert meta is not None
        total = meta.get("total")
        if isinstance(total, int) and size > total:
            self.size = 0
            return None
        self.size = _hash_fd(fd, self.hasher, size, self.chunk_size)
        return meta

    def reset(self) -> None:
        """Start over: empty the hash and the file."""
        self.hasher = StreamHasher()
        self.size = 0
        self.advised = 0
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            os.lseek(self.fd, 0, os.SEEK_SET)
            self.positioned = True

    # -- writing

    def _fd(self) -> int:
        if self.fd is None:
            raise TransferError(f"internal error: {self.path.name!r} is not open")
        return self.fd

    def _position(self) -> int:
        fd = self._fd()
        if not self.positioned:
            # drop whatever lies beyond the bytes we keep (a stale or unusable earlier .part)
            os.ftruncate(fd, self.size)
            os.lseek(fd, self.size, os.SEEK_SET)
            self.positioned = True
        return fd

    def write(
        self, chunks: list[bytes], meta: Mapping[str, Any] | None, at: int | None = None
    ) -> None:
        """Append *chunks* (writing *meta* first when given).

        With *at* (where the chunks belong) a repeated call is harmless: chunks already
        written there are not written again (a flush retried after a cancellation).
        """
        if at is not None:
            total = sum(len(c) for c in chunks)
            if total and self.size == at + total:
                return
            if self.size != at:
                raise TransferError(
                    f"internal error: {self.path.name!r} has {self.size} bytes, "
                    f"a block for offset {at} came"
                )
        fd = self._position()
        if meta is not None:
            _write_meta(self.meta_path, meta)
            self.meta_on_disk = True
        update = self.hasher.update
        for chunk in chunks:
            update(chunk)
        if _HAVE_WRITEV:
            views = [memoryview(c) for c in chunks if c]
            while views:
                written = os.writev(fd, views[:_IOV_MAX])
                while views and written >= len(views[0]):
                    written -= len(views[0])
                    views.pop(0)
                if views and written:
                    views[0] = views[0][written:]
        else:  # pragma: no cover - Windows
            data = b"".join(chunks)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        start = self.size
        self.size += sum(len(c) for c in chunks)
        if self.writeback and start > self.advised:
            # not the first block: start writing the data out now, so the final fsync
            # has little left to do, and keep a large download out of the page cache
            with contextlib.suppress(OSError):
                os.posix_fadvise(fd, self.advised, start - self.advised, os.POSIX_FADV_DONTNEED)
            # look at the last few blocks again next time (they may still be in flight)
            self.advised = max(0, start - 4 * self.chunk_size)

    def close(self) -> None:
        """Close the ``.part`` (which gives up its lock); it stays on disk."""
        if self.fd is not None:
            fd, self.fd = self.fd, None
            os.close(fd)

    def finish(
        self,
        chunks: list[bytes],
        final: Path | Names,
        expected: bytes | None,
        mtime_ns: int | None,
        fsync: bool,
        replace: bool = True,
        at: int | None = None,
    ) -> tuple[Path, int, int]:
        """Write the last *chunks*, sync, verify, and move the file into place.

        Returns ``(path, size, mtime_ns)`` of the final file; raises ChecksumMismatchError
        when *expected* does not match (the ``.part`` stays open: the caller decides),
        FileExistsError when *final* is a path that exists and not *replace* (the ``.part``
        stays, closed).
        """
        if self.fd is None:  # a repeated call after the file was placed
            raise TransferError(f"internal error: {self.path.name!r} is already closed")
        if chunks or not self.positioned:
            self.write(chunks, None, at)
        fd = self._fd()
        if mtime_ns is not None and _UTIME_FD:
            with contextlib.suppress(OSError):
                os.utime(fd, ns=(mtime_ns, mtime_ns))
                mtime_ns = None  # done
        if fsync:
            os.fsync(fd)
        st = os.fstat(fd)
        if expected is not None:
            self.hasher.verify(expected, what=f"download of {final.name!r}")
        # the resume record goes first: a kill between the two leaves a complete .part
        # without one (downloaded again), never a .meta that nothing removes
        if self.meta_on_disk:
            _unlink_quiet(self.meta_path)
            self.meta_on_disk = False
        try:
            if isinstance(final, Names):
                return self._place_named(final, mtime_ns)
            if replace and mtime_ns is None:
                try:
                    os.replace(self.path, final)
                except IsADirectoryError:
                    raise TransferError(
                        f"{os.fsdecode(final)!r} is a directory; not replaced"
                    ) from None
                return final, st.st_size, st.st_mtime_ns
            return (final, *place_file(self.path, final, replace=replace, mtime_ns=mtime_ns))
        finally:
            self.close()

    def _place_named(self, names: Names, mtime_ns: int | None) -> tuple[Path, int, int]:
        digest = self.hasher.digest()
        last = len(names.paths) - 1
        for index, path in enumerate(names.paths):
            if index < last:
                try:
                    return (path, *place_file(self.path, path, replace=False, mtime_ns=mtime_ns))
                except FileExistsError:
                    pass
                except TransferError:  # a directory of that name
                    continue
            if _sha1_of(path, self.chunk_size, self.size) == digest:
                # the very same bytes are there already (another call just placed them)
                _unlink_quiet(self.path)
                st = os.stat(path, follow_symlinks=False)
                return path, st.st_size, st.st_mtime_ns
            if index == last or (names.owner is not None and _owner(path) == names.owner):
                return (path, *place_file(self.path, path, replace=True, mtime_ns=mtime_ns))
        raise AssertionError("unreachable: the last name is always taken")  # pragma: no cover

    def discard(self) -> None:
        """Delete the ``.part`` and its ``.meta`` (and the directories made for them)."""
        _unlink_quiet(self.meta_path)
        _unlink_quiet(self.path)
        self.close()
        self.meta_on_disk = False
        self.size = 0
        self.hasher = StreamHasher()
        _remove_dirs(self.created)

    def release(self) -> None:
        """After a failure: keep the ``.part`` when it holds bytes to resume from, else
        delete it (with its ``.meta`` and the directories made for it)."""
        if self.fd is None:
            return
        if self.size == 0:
            self.discard()
        else:
            self.close()


def sweep_part(part: Path) -> bool:
    """Delete a leftover ``.part`` and its ``.meta`` (blocking) unless a download holds it;
    True when something was removed."""
    if not (os.path.lexists(part) or os.path.lexists(meta_path_for(part))):
        return False
    leftover = _Part(part, 0)
    try:
        if not leftover.acquire():
            return False
    except (OSError, TransferError):
        return False
    leftover.discard()
    return True


# ---------------------------------------------------------------------- the fetch


async def _acquire(part: _Part, what: str) -> bool:
    """Take the ``.part``, waiting while another download (this process or another) writes
    it; True when it had to wait."""
    delay = _WAIT_FIRST
    while not await anyio.to_thread.run_sync(part.acquire):
        if delay == _WAIT_FIRST:
            log.info("%s: waiting for another download of the same file", what)
        await anyio.sleep(delay)
        delay = min(delay * 2, _WAIT_MAX)
    return delay != _WAIT_FIRST


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, TransportError):
        return True
    if isinstance(exc, ApiError):
        return exc.status_code in (408, 429) or exc.status_code >= 500
    return False


def _unsatisfiable_total(exc: ApiError) -> int | None:
    if exc.status_code not in (416, 500):
        return None
    parsed = parse_content_range(exc.headers.get("content-range"))
    if parsed is None or parsed[0] is not None:
        return None
    return parsed[2]


def _validator(headers: Mapping[str, str]) -> tuple[str | None, str | None]:
    return headers.get("etag") or None, headers.get("last-modified") or None


class _Fetch:
    def __init__(
        self,
        request: RequestFn,
        *,
        part: Path,
        final: FinalPath,
        identity: Mapping[str, Any],
        expected: bytes | None,
        config: DownloadConfig,
        mtime_ns: int | None,
        progress: Callable[[int], None] | None,
        on_retry: Callable[[int, str, float], None] | None,
        resume: bool,
        replace: bool,
        fresh: bool,
        already_there: Callable[[], FetchResult | None] | None = None,
    ) -> None:
        self.request = request
        self.part = _Part(part, config.chunk_size)
        self.part.writeback = config.fsync and _HAVE_FADVISE
        self.replace = replace
        self.fresh = fresh
        # a fresh download without a look for another's result takes its .part with its
        # first write (see _on_part), not in a thread hop of its own
        self.deferred = fresh and already_there is None
        self.final_spec = final
        self.final: Path | Names | None = None if callable(final) else final
        self.already_there = already_there
        self.identity = dict(identity)
        self.expected = expected
        self.config = config
        self.policy = config.retry
        self.mtime_ns = mtime_ns
        self.progress = progress
        self.on_retry = on_retry
        self.resume = resume
        self.etag: str | None = None
        self.last_modified: str | None = None
        self.total: int | None = None
        self.restarts = 0
        self.retries = 0
        self.received = 0
        self.counted = 0  # bytes reported to progress and not yet rewound
        self.sources = 0  # responses (and earlier runs) that contributed bytes
        self.resumed_from = 0
        self.verify_restarted = False
        self.meta_saved = False  # the .meta on disk describes the current bytes
        self.content_type: str | None = None
        self._buffer: list[bytes] = []
        self._buffered = 0
        self._buffer_at = 0  # the file offset of the first buffered byte
        self._unreported = 0

    # -- helpers

    def _meta(self) -> dict[str, Any]:
        return {
            "v": _META_VERSION,
            **self.identity,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "total": self.total,
        }

    def _report(self, delta: int) -> None:
        if self._unreported:
            delta, self._unreported = delta + self._unreported, 0
        if delta and self.progress is not None:
            self.progress(delta)

    async def _thread(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await anyio.to_thread.run_sync(fn, *args)

    async def _flush(self) -> None:
        self._report(0)
        if not self._buffer:
            return
        meta = None
        if self.resume and not self.meta_saved and (self.etag or self.last_modified):
            meta = self._meta()
        # the chunks stay buffered until they are on disk: a flush cancelled before its
        # thread ran is done again (shielded) by run(), and ``at`` keeps it from happening
        # twice when the thread did run
        await self._on_part(self.part.write, self._buffer, meta, self._buffer_at)
        self.meta_saved = self.meta_saved or meta is not None
        self._buffer, self._buffered = [], 0
        self._buffer_at = self.part.size

    async def _restart(self, reason: str) -> None:
        self.restarts += 1
        if self.restarts > self.config.max_restarts:
            raise ResumeError(
                f"{self._what()}: gave up after {self.config.max_restarts} restarts "
                f"(last: {reason})"
            )
        log.info("%s: restarting from zero: %s", self._what(), reason)
        self._buffer, self._buffered, self._buffer_at = [], 0, 0
        await self._thread(self.part.reset)
        self._report(-self.counted)
        self.counted = 0
        self.sources = 0
        self.etag = self.last_modified = None
        self.total = None
        self.meta_saved = False  # the next response's validator replaces it

    def _what(self) -> str:
        target = self.final.name if self.final is not None else self.part.path.name
        return f"download of {target!r}"

    # -- one response

    async def _read_body(self, resp: RawResponse, headers: Mapping[str, str]) -> None:
        encoding = headers.get("content-encoding", "identity").strip().lower()
        limit = self.config.chunk_size
        if encoding in ("", "identity"):
            # a block of up to ``limit`` bytes per read: one stall watch per block, not
            # one per chunk (a small file is one block)
            buffer = self._buffer
            while True:
                start = len(buffer)
                try:
                    ended = await resp.read_raw_into(buffer, limit - self._buffered)
                finally:
                    # what came before a failure is kept (written, then resumed after)
                    got = sum(map(len, buffer[start:])) if len(buffer) > start else 0
                    self._buffered += got
                    self.received += got
                    self.counted += got
                    self._unreported += got  # reported per block written
                if ended:
                    break
                if self._buffered >= limit:
                    await self._flush()
                    buffer = self._buffer
            self._report(0)
            return
        # the server compressed anyway: offsets are not file offsets, so no resuming
        self.etag = self.last_modified = None
        chunks = resp.aiter_bytes()
        async for chunk in chunks:
            if not chunk:
                continue
            self._buffer.append(chunk)
            self._buffered += len(chunk)
            self.received += len(chunk)
            self.counted += len(chunk)
            self._unreported += len(chunk)  # reported per block written, not per chunk
            if self._buffered >= limit:
                await self._flush()
        self._report(0)

    async def _attempt(self) -> None:
        """One request; returns when the whole body is in the buffer/file."""
        offset = self.part.size
        self._buffer, self._buffered, self._buffer_at = [], 0, offset
        request_headers = {"Accept-Encoding": "identity"}
        if offset > 0:
            request_headers["Range"] = f"bytes={offset}-"
            validator = self.etag or self.last_modified
            if validator:
                request_headers["If-Range"] = validator
        async with self.request(request_headers).with_retry(_SINGLE_TRY) as resp:
            status = resp.status_code
            # one plain dict (lower-case names): httpx.Headers lookups scan every header
            headers = dict(resp.headers.items())
            etag, last_modified = _validator(headers)
            if status == 206:
                parsed = parse_content_range(headers.get("content-range"))
                if parsed is None or parsed[0] is None:
                    raise _Restart("a 206 without a usable Content-Range")
                start, _end, total = parsed
                if start != offset:
                    raise _Restart(f"asked for bytes from {offset}, got them from {start}")
                if offset > 0 and self.etag and etag and etag != self.etag:
                    raise _Restart("the file changed on the server (new ETag)")
                self.total = total
            elif status == 200:
                if offset > 0:
                    # the file changed, or the server ignores Range: this body is the
                    # whole (current) file, so it is the fresh start
                    await self._restart(
                        "the server sent the whole file instead of the rest "
                        "(it changed, or it ignores Range)"
                    )
                length = headers.get("content-length", "")
                self.total = int(length) if length.isdigit() else None
            else:
                raise TransferError(f"{self._what()}: unexpected HTTP status {status}")
            self.etag, self.last_modified = etag, last_modified
            self.content_type = headers.get("content-type")
            if self.final is None:
                assert callable(self.final_spec)
                self.final = self.final_spec(headers)
            self.sources += 1
            await self._read_body(resp, headers)
        size = self.part.size + self._buffered
        if self.total is not None and size != self.total:
            raise TransportError(f"{self._what()}: the body ended at byte {size} of {self.total}")

    async def _on_part(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(*args)`` on the ``.part`` in a worker thread; a fresh download takes the
        ``.part`` in that same hop (a small file: one hop that writes, syncs, verifies and
        renames). When another download holds it, wait for that one, then go on: every
        byte of this one is still in the buffer, written from offset 0."""
        if self.part.fd is not None or not self.deferred:
            return await self._thread(fn, *args)
        taken, value = await self._thread(self.part.acquire_and, fn, *args)
        self.deferred = False
        if taken:
            return value
        await _acquire(self.part, self._what())
        return await self._thread(fn, *args)

    async def run(self) -> FetchResult:
        if self.deferred:
            return await self._loop()
        waited = await _acquire(self.part, self._what())
        try:
            if waited and self.already_there is not None:
                # the other download may just have placed this very file
                done = await self._thread(self.already_there)
                if done is not None:
                    await self._thread(self.part.release)
                    return done  # type: ignore[no-any-return]
            if not self.fresh:
                await self._thread(self._load)
        except BaseException:
            with anyio.CancelScope(shield=True):
                await self._thread(self.part.release)
            raise
        return await self._loop()

    async def _loop(self) -> FetchResult:
        failures = 0  # consecutive failures that made no progress
        try:
            while True:
                before = self.part.size + self._buffered
                try:
                    await self._attempt()
                except _Restart as restart:
                    await self._restart(restart.reason)
                    continue
                except ApiError as exc:
                    total = _unsatisfiable_total(exc) if self.part.size > 0 else None
                    etag = exc.headers.get("etag")
                    if total is not None and self.etag and etag and etag != self.etag:
                        await self._restart("the file changed on the server (new ETag)")
                        continue
                    if total is None and exc.status_code == 416 and self.part.size > 0:
                        await self._restart("the server cannot serve the rest (416)")
                        continue
                    if total is not None:
                        if total == self.part.size:
                            self.total = total
                            if self.final is None:
                                assert callable(self.final_spec)
                                self.final = self.final_spec(exc.headers)
                        else:
                            await self._restart(
                                f"the server has {total} bytes, the .part {self.part.size}"
                            )
                            continue
                    else:
                        failures = await self._failed(exc, failures, before)
                        continue
                except TransportError as exc:
                    await self._flush()
                    failures = await self._failed(exc, failures, before)
                    continue
                try:
                    return await self._finish()
                except ChecksumMismatchError:
                    mixed = self.sources > 1 or self.resumed_from > 0
                    if mixed and not self.verify_restarted:
                        self.verify_restarted = True
                        await self._restart("the checksum did not match a resumed download")
                        continue
                    await self._thread(self.part.discard)
                    raise
        except BaseException:
            with anyio.CancelScope(shield=True):
                with contextlib.suppress(OSError, ImmichError):
                    await self._flush()  # keep what arrived, for the next run
                await self._thread(self.part.release)
            raise

    def _load(self) -> None:
        if not self.resume:
            return
        meta = self.part.load(self.identity)
        if meta is not None:
            self.meta_saved = True
            self.etag = meta.get("etag") or None
            self.last_modified = meta.get("last_modified") or None
            total = meta.get("total")
            self.total = total if isinstance(total, int) else None
            self.resumed_from = self.part.size
            self.sources = 1

    async def _failed(self, exc: ImmichError, failures: int, before: int) -> int:
        if not _retryable(exc):
            raise exc
        progressed = self.part.size + self._buffered > before
        failures = 0 if progressed else failures + 1
        if failures >= self.policy.max_attempts:
            raise exc
        self.retries += 1
        if not (self.etag or self.last_modified) and self.part.size:
            # without a validator the bytes we have cannot be trusted to continue
            await self._thread(self.part.reset)
            self._report(-self.counted)
            self.counted = 0
            self.sources = 0
        retry_after = exc.retry_after if isinstance(exc, RateLimitError) else None
        wait = self.policy.delay(max(1, failures), retry_after)
        reason = str(exc.status_code) if isinstance(exc, ApiError) else type(exc).__name__
        if isinstance(exc, TransportError) and exc.__cause__ is not None:
            reason = type(exc.__cause__).__name__
        log.info("%s: retrying after %s (%d bytes so far)", self._what(), reason, self.part.size)
        if self.on_retry is not None:
            self.on_retry(self.retries, reason, wait)
        await self.policy.sleep(wait)
        return failures

    async def _finish(self) -> FetchResult:
        final = self.final
        if final is None:
            raise TransferError(f"{self._what()}: no response to name the file after")
        try:
            path, size, mtime_ns = await self._on_part(
                self.part.finish,
                self._buffer,
                final,
                self.expected,
                self.mtime_ns,
                self.config.fsync,
                self.replace,
                self._buffer_at,
            )
        except Exception as exc:
            # written (or failed for good); a cancellation keeps them for the shielded flush
            self._buffer, self._buffered, self._buffer_at = [], 0, self.part.size
            if isinstance(exc, FileExistsError) and isinstance(final, Path):
                result = self._result(self.part.path, self.part.size, 0)
                raise PlacementConflict(
                    f"{self._what()}: {os.fsdecode(final)!r} appeared meanwhile", result
                ) from None
            raise
        self._buffer, self._buffered, self._buffer_at = [], 0, self.part.size
        return self._result(path, size, mtime_ns)

    def _result(self, path: Path, size: int, mtime_ns: int) -> FetchResult:
        return FetchResult(
            path=path,
            size=size,
            sha1=self.part.hasher.digest(),
            mtime_ns=mtime_ns,
            verified=self.expected is not None,
            resumed_from=self.resumed_from,
            received=self.received,
            restarts=self.restarts,
            retries=self.retries,
            content_type=self.content_type,
        )


async def fetch(
    request: RequestFn,
    *,
    final: FinalPath,
    part: Path | None = None,
    identity: Mapping[str, Any] | None = None,
    expected_checksum: bytes | str | None = None,
    config: DownloadConfig | None = None,
    mtime_ns: int | None = None,
    progress: Callable[[int], None] | None = None,
    on_retry: Callable[[int, str, float], None] | None = None,
    resume: bool = True,
    replace: bool = True,
    fresh: bool = False,
    already_there: Callable[[], FetchResult | None] | None = None,
) -> FetchResult:
    """Download one response body to *final* (see the module documentation).

    *request* opens the request with the headers it is given (``Range``, ``If-Range``,
    ``Accept-Encoding``), e.g.
    ``lambda h: client.assets.download_asset_without_preload_content(id, _headers=h)``.
    *final* is the final path, :class:`Names` (decided when the file is complete), or a
    function choosing either from the first response's headers (then *part* must be
    given). *identity* (JSON values) is stored in the ``.meta`` and must match for a
    ``.part`` to be resumed. *expected_checksum* (raw, hex or base64 SHA-1) turns
    verification on. *mtime_ns* is applied to the final file. *progress* hears byte
    deltas (negative after a restart), *on_retry* ``(retry number, reason, wait)``.

    *replace*: an existing final file is replaced atomically; with ``False`` a final name
    that exists when the download completes raises :class:`PlacementConflict` (the
    verified file stays at its ``.part`` path). *fresh*: the caller knows there is no
    earlier ``.part`` to resume (saves a look at the disk). *already_there* (blocking) is
    asked after waiting for another download of the same ``.part``: a result it returns
    (that download placed the file) is returned as is, without downloading.
    """
    if part is None:
        if not isinstance(final, Path):
            raise ValueError("part is required unless final is a path")
        part = part_path_for(final)
    expected: bytes | None
    if expected_checksum is None:
        expected = None
    elif isinstance(expected_checksum, bytes):
        expected = expected_checksum
    else:
        from ..local.hashing import parse_checksum

        expected = parse_checksum(expected_checksum)
    ident: dict[str, Any] = dict(identity or {})
    if expected is not None:
        ident.setdefault("checksum", sha1_base64(expected))
    job = _Fetch(
        request,
        part=part,
        final=final,
        identity=ident,
        expected=expected,
        config=config or DownloadConfig(),
        mtime_ns=mtime_ns,
        progress=progress,
        on_retry=on_retry,
        resume=resume,
        replace=replace,
        fresh=fresh,
        already_there=already_there,
    )
    return await job.run()


async def fetch_unresumable(
    request: Callable[[], RawCall],
    *,
    final: Path,
    config: DownloadConfig | None = None,
    progress: Callable[[int], None] | None = None,
    on_retry: Callable[[int, str, float], None] | None = None,
) -> FetchResult:
    """Stream a body that cannot be resumed (a zip the server builds on the fly) to
    ``<final>.part`` and rename it. A failure deletes the ``.part``; transient failures
    start the whole body again (up to the retry policy's ``max_attempts``). Another
    download to the same name (this process or another) is waited for, then replaced."""
    config = config or DownloadConfig()
    policy = config.retry
    part = _Part(part_path_for(final), config.chunk_size)
    await _acquire(part, f"download of {final.name!r}")
    attempt = 0
    try:
        while True:
            attempt += 1
            counted = 0
            buffer: list[bytes] = []
            buffered = 0
            try:
                await anyio.to_thread.run_sync(part.reset)
                async with request().with_retry(_SINGLE_TRY) as resp:
                    if resp.status_code != 200:
                        raise TransferError(
                            f"download of {final.name!r}: unexpected HTTP status {resp.status_code}"
                        )
                    async for chunk in resp.aiter_bytes():
                        if not chunk:
                            continue
                        buffer.append(chunk)
                        buffered += len(chunk)
                        counted += len(chunk)
                        if progress is not None:
                            progress(len(chunk))
                        if buffered >= config.chunk_size:
                            chunks, buffer, buffered = buffer, [], 0
                            await anyio.to_thread.run_sync(part.write, chunks, None)
                path, size, mtime_ns = await anyio.to_thread.run_sync(
                    part.finish, buffer, final, None, None, config.fsync
                )
                return FetchResult(
                    path=path,
                    size=size,
                    sha1=part.hasher.digest(),
                    mtime_ns=mtime_ns,
                    verified=False,
                    received=counted,
                    retries=attempt - 1,
                )
            except BaseException as exc:
                if progress is not None and counted:
                    progress(-counted)
                if not (isinstance(exc, ImmichError) and _retryable(exc)):
                    raise
                if attempt >= policy.max_attempts:
                    raise
                retry_after = exc.retry_after if isinstance(exc, RateLimitError) else None
                wait = policy.delay(attempt, retry_after)
                if on_retry is not None:
                    on_retry(attempt, type(exc).__name__, wait)
                await policy.sleep(wait)
    except BaseException:
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(part.discard)
        raise


def is_no_space(exc: BaseException) -> bool:
    """True for "disk full" errors (worth stopping a bulk export for)."""
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


# ---------------------------------------------------------------------- *_to_file helpers


def _sha1_of(path: Path, chunk: int, size: int | None = None) -> bytes | None:
    """SHA-1 of a regular file (not following a symlink), None if it is not one (or, with
    *size*, when its size differs: then it cannot hold the expected bytes anyway)."""
    try:
        hasher = StreamHasher()
        st = os.lstat(path)
        if not stat_mod.S_ISREG(st.st_mode) or (size is not None and st.st_size != size):
            return None
        _hash_prefix(path, hasher, st.st_size, chunk)
        return hasher.digest()
    except (OSError, TransferError):
        return None


def _existing(path: Path, sha1: bytes) -> FetchResult:
    st = os.stat(path, follow_symlinks=False)
    return FetchResult(
        path=path, size=st.st_size, sha1=sha1, mtime_ns=st.st_mtime_ns, verified=True
    )


_OWNER_XATTR = "user.immich-bulk.item"


def _mark_owner(path: Path, item_id: str) -> None:
    """Remember which item a file in a shared folder came from (where xattrs work)."""
    # without xattrs (some file systems, other systems) such files are just never reused
    with contextlib.suppress(OSError, AttributeError):
        os.setxattr(path, _OWNER_XATTR, item_id.encode(), follow_symlinks=False)


def _owner(path: Path) -> str | None:
    try:
        return os.getxattr(path, _OWNER_XATTR, follow_symlinks=False).decode()
    except (OSError, AttributeError, UnicodeDecodeError):
        return None


def item_part_path(directory: Path, kind: str, item_id: str) -> Path:
    """The ``.part`` of a helper download of *item_id* into *directory*:
    ``.<kind>-<id>.part``, one per item (never shared by two items, whatever their names)."""
    return directory / f".{kind}-{safe_id(item_id)}{PART_SUFFIX}"


def _find_existing(
    paths: tuple[Path, ...], expected: bytes, size: int | None, chunk: int
) -> FetchResult | None:
    """The first of *paths* that already holds the expected content (blocking)."""
    for path in paths:
        if _sha1_of(path, chunk, size) == expected:
            return _existing(path, expected)
    return None


def _absolute(directory: StrPathLike) -> Path:
    return Path(os.path.realpath(Path(os.fsdecode(directory)).expanduser()))


def _extension_for(content_type: str | None) -> str:
    if not content_type:
        return ""
    ext = mimetypes.guess_extension(content_type.split(";", 1)[0].strip().lower()) or ""
    return {".jpe": ".jpg", ".jpeg": ".jpg"}.get(ext, ext)


async def download_to(
    request: RequestFn,
    directory: Path,
    *,
    filename: str | None = None,
    kind: str,
    item_id: str,
    name: str | None = None,
    fallback_stem: str | None = None,
    expected_checksum: bytes | None = None,
    expected_size: int | None = None,
    config: DownloadConfig | None = None,
    mtime_ns: int | None = None,
    progress: Callable[[int], None] | None = None,
    on_retry: Callable[[int, str, float], None] | None = None,
) -> FetchResult:
    """Download into *directory* (created when missing) -- the helpers' common part.

    With *filename* the file gets that name (an existing file there is replaced
    atomically). Otherwise it is named *name* (made safe) when given, else after the
    response's ``Content-Disposition`` (made safe; *fallback_stem* plus an extension from
    ``Content-Type`` when there is none); a name taken by other content gets a stable
    suffix (``name (1a2b3c4d).ext``), decided when the file is complete, so concurrent
    downloads into one directory get the names sequential ones would. With
    *expected_checksum*, a file that already holds exactly that content is returned
    without downloading anything.

    The bytes go to the item's own ``.part`` (:func:`item_part_path`). A failure leaves
    nothing behind but a ``.part`` worth resuming: no empty directory, no empty file.
    """
    config = config or DownloadConfig()
    chunk = config.chunk_size
    root = await anyio.to_thread.run_sync(_absolute, directory)
    part = item_part_path(root, kind, item_id)
    ident = safe_id(item_id)
    final: Path | Names | Callable[[Mapping[str, str]], Names]
    if filename is not None:
        final = root / filename
        known: tuple[Path, ...] = (final,)
    elif name is not None:
        chosen = safe_name(name, fallback=ident)
        final = Names(tuple(root / c for c in collision_names(chosen, item_id)))
        known = final.paths
    else:
        stem = fallback_stem or f"{kind}-{ident}"

        def choose(headers: Mapping[str, str]) -> Names:
            proposed = filename_from_content_disposition(headers.get("content-disposition"))
            fallback = stem + _extension_for(headers.get("content-type"))
            chosen = safe_name(proposed, fallback=safe_name(fallback, fallback=ident))
            # an earlier download of this same item (marked when placed) is replaced; a
            # file of another item, or of unknown origin, never is
            paths = tuple(root / c for c in collision_names(chosen, item_id))
            return Names(paths, owner=item_id)

        final, known = choose, ()

    already_there: Callable[[], FetchResult | None] | None = None
    if expected_checksum is not None and known:
        already_there = functools.partial(
            _find_existing, known, expected_checksum, expected_size, chunk
        )
        done = await anyio.to_thread.run_sync(already_there)
        if done is not None:
            await anyio.to_thread.run_sync(sweep_part, part)  # left by a killed run
            return done
    result = await fetch(
        request,
        final=final,
        part=part,
        identity={"kind": kind, "id": item_id},
        expected_checksum=expected_checksum,
        config=config,
        mtime_ns=mtime_ns,
        progress=progress,
        on_retry=on_retry,
        already_there=already_there,
    )
    if callable(final):
        await anyio.to_thread.run_sync(_mark_owner, result.path, item_id)
    return result
