"""Small filesystem helpers shared by the transfer stages.

* :class:`FileIdentity` -- what identifies one version of one local file: device, inode,
  size, modification time and inode change time (ns), and the inode's generation where the
  platform reports one. The hash cache is keyed by it, and a file is compared with it again
  before it is deleted.
* :func:`open_fd` / :func:`stat_path` -- ``os.open`` / ``os.stat`` that also work for paths
  longer than ``PATH_MAX`` (4096 bytes on Linux): on ``ENAMETOOLONG`` the path is opened
  piecewise, each piece relative to a directory descriptor of the previous one.
* :func:`open_binary` -- a buffered-less binary reader on top of :func:`open_fd`, for the
  upload stage (``with open_binary(path) as f: ...``).
* :func:`unlink_path` -- ``os.unlink`` for paths of any length.

Paths are ``str`` (file names that are not valid UTF-8 are carried with
``surrogateescape``, as :func:`os.fsdecode` does) or :class:`os.PathLike`.
"""

from __future__ import annotations

import errno
import io
import os
import stat as stat_mod
from typing import Union

import attrs

__all__ = [
    "FileIdentity",
    "StrPath",
    "open_binary",
    "open_fd",
    "stat_path",
    "unlink_path",
]

StrPath = Union[str, "os.PathLike[str]"]

#: Pieces of a long path are opened this many bytes at a time (well below PATH_MAX).
_PIECE_BYTES = 2048

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)
#: O_PATH lets us walk through directories that are searchable but not readable.
_O_DIR_WALK = getattr(os, "O_PATH", os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0) | _O_CLOEXEC

#: True where descriptors relative to a directory (openat/fstatat) are available.
HAVE_DIR_FD = (
    os.open in os.supports_dir_fd and os.stat in os.supports_dir_fd and hasattr(os, "O_DIRECTORY")
)


@attrs.frozen
class FileIdentity:
    """One version of one local file: ``(dev, ino, size, mtime_ns, ctime_ns, generation)``.

    Two stats of the same unchanged file give equal identities; writing to the file
    changes ``mtime_ns`` (and usually ``size``), replacing it changes ``ino``. ``ctime_ns``
    is there because the modification time can be set back (an in-place edit followed by
    ``touch -r``) and the inode change time cannot: any write, ``utime`` or ``chmod``
    moves it on. ``generation`` is the inode's generation number where ``stat`` reports one
    (``st_gen`` on the BSDs and macOS; 0 elsewhere), so a reused inode number is told apart.
    """

    dev: int
    ino: int
    size: int
    mtime_ns: int
    ctime_ns: int = 0
    generation: int = 0

    @classmethod
    def from_stat(cls, st: os.stat_result) -> FileIdentity:
        """The identity of the file *st* describes."""
        return cls(
            st.st_dev,
            st.st_ino,
            st.st_size,
            st.st_mtime_ns,
            st.st_ctime_ns,
            getattr(st, "st_gen", 0) or 0,
        )


def _pieces(path: bytes) -> tuple[bytes, list[bytes]]:
    """Split *path* into a leading ``b"/"`` (or ``b""``) and short relative pieces."""
    lead = b"/" if path.startswith(b"/") else b""
    pieces: list[bytes] = []
    current: list[bytes] = []
    length = 0
    for part in path.split(b"/"):
        if not part:
            continue
        if current and length + len(part) + 1 > _PIECE_BYTES:
            pieces.append(b"/".join(current))
            current, length = [], 0
        current.append(part)
        length += len(part) + 1
    if current:
        pieces.append(b"/".join(current))
    return lead, pieces


def _open_long(path: bytes, flags: int, mode: int) -> int:
    lead, pieces = _pieces(path)
    if not pieces:
        return os.open(lead or b".", flags, mode)
    dir_fd: int | None = None
    try:
        for i, piece in enumerate(pieces[:-1]):
            name = lead + piece if i == 0 else piece
            new_fd = os.open(name, _O_DIR_WALK, dir_fd=dir_fd)
            if dir_fd is not None:
                os.close(dir_fd)
            dir_fd = new_fd
        last = pieces[-1] if len(pieces) > 1 else lead + pieces[-1]
        return os.open(last, flags, mode, dir_fd=dir_fd)
    finally:
        if dir_fd is not None:
            os.close(dir_fd)


def open_fd(path: StrPath | bytes, flags: int, mode: int = 0o777) -> int:
    """``os.open(path, flags | O_CLOEXEC)``, also for paths longer than ``PATH_MAX``."""
    flags |= _O_CLOEXEC
    try:
        return os.open(path, flags, mode)
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG or not HAVE_DIR_FD:
            raise
    return _open_long(os.fsencode(path), flags, mode)


def stat_path(path: StrPath | bytes, *, follow_symlinks: bool = True) -> os.stat_result:
    """``os.stat`` that also works for paths longer than ``PATH_MAX``."""
    try:
        return os.stat(path, follow_symlinks=follow_symlinks)
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG or not HAVE_DIR_FD:
            raise
    raw = os.fsencode(path).rstrip(b"/")
    parent, _, name = raw.rpartition(b"/")
    if not parent and raw.startswith(b"/"):
        parent = b"/"
    dir_fd = open_fd(parent or b".", _O_DIR_WALK)
    try:
        return os.stat(name, dir_fd=dir_fd, follow_symlinks=follow_symlinks)
    finally:
        os.close(dir_fd)


def unlink_path(path: StrPath | bytes) -> None:
    """``os.unlink`` that also works for paths longer than ``PATH_MAX``."""
    try:
        os.unlink(path)
        return
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG or not HAVE_DIR_FD:
            raise
    raw = os.fsencode(path).rstrip(b"/")
    parent, _, name = raw.rpartition(b"/")
    if not parent and raw.startswith(b"/"):
        parent = b"/"
    dir_fd = open_fd(parent or b".", _O_DIR_WALK)
    try:
        os.unlink(name, dir_fd=dir_fd)
    finally:
        os.close(dir_fd)


def open_binary(path: StrPath | bytes) -> io.FileIO:
    """Open a regular file for unbuffered binary reading (long paths work).

    Opening never blocks on a FIFO that replaced the file (``O_NONBLOCK``); anything
    that is not a regular file raises :class:`IsADirectoryError` or :class:`OSError`.
    """
    flags = os.O_RDONLY | _O_BINARY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = open_fd(path, flags)
    try:
        st = os.fstat(fd)
        if not stat_mod.S_ISREG(st.st_mode):
            if stat_mod.S_ISDIR(st.st_mode):
                raise IsADirectoryError(errno.EISDIR, "is a directory", os.fsdecode(path))
            raise OSError(errno.EINVAL, "not a regular file", os.fsdecode(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return io.FileIO(fd, "rb", closefd=True)
    except BaseException:
        os.close(fd)
        raise
