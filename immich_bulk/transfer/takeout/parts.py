"""The inputs of a Takeout import ("parts") and the listing of their members.

A part is a zip (``takeout-…-001.zip``), a tar (``.tgz``/``.tar.gz``, or plain ``.tar``),
or a folder holding an extracted Takeout. :func:`identify_part` checks an input and says
which; :func:`iter_members` lists its files, one :class:`Listed` at a time, and reads the
content of the members the caller asks for (the JSON files) on the way:

* **zip**: the central directory only (:mod:`.zipdir`), then each wanted member by its
  offset -- nothing is extracted, no temporary file is written;
* **tar/tgz**: a tar has no index, so this is one sequential pass through the whole
  archive (decompressing a ``.tgz``); it records each member's data offset in the tar
  stream and computes its CRC-32 (the zip's equivalent, used to verify reads and to spot
  identical copies), and keeps the wanted members' content;
* **folder**: a sorted walk; the members' paths are relative to the folder, and
  :attr:`PartRef.prefix` places them inside ``Takeout/``.

Memory: one member (and at most one wanted member's content) at a time.
"""

from __future__ import annotations

import enum
import gzip
import hashlib
import os
import stat as stat_mod
import tarfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import attrs

from .errors import MemberError, PartError
from .streams import InflateStream, MemberStream, RangeStream, pread
from .zipdir import DEFLATED, STORED, ZipFormatError, data_offset, iter_central_directory

__all__ = [
    "Listed",
    "PartKind",
    "PartRef",
    "RawMember",
    "Want",
    "dir_fingerprint",
    "identify_part",
    "iter_members",
]

_O_BINARY = getattr(os, "O_BINARY", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_TAR_SPARSE = -1  # method of a GNU sparse tar member (not supported)
_READ_CHUNK = 1 << 20


class PartKind(str, enum.Enum):
    ZIP = "zip"
    TAR = "tar"
    TGZ = "tgz"
    DIR = "dir"


@attrs.frozen
class PartRef:
    """One input, as indexed: its path, kind and identity (size and mtime of the file;
    0 for a folder, whose members are checked one by one)."""

    path: str
    kind: PartKind
    size: int
    mtime_ns: int
    prefix: str = ""
    """Prepended to member paths to place them under ``Takeout/`` (folders only)."""

    @property
    def display(self) -> str:
        return self.path


@attrs.frozen(slots=True)
class RawMember:
    """One file of a part (for a folder: ``method`` 0, ``offset`` 0, ``csize`` = size)."""

    path: str
    """Path inside the part, ``/``-separated, as stored."""
    size: int
    csize: int
    method: int
    offset: int
    """zip: local header offset; tar/tgz: data offset in the (decompressed) tar stream."""
    crc32: int | None
    mtime_ns: int


@attrs.frozen(slots=True)
class Listed:
    """A member, and the content of a wanted member (or why it could not be read)."""

    member: RawMember
    content: bytes | None = None
    error: str | None = None


#: ``want(path, size)``: read this member's content while listing?
Want = Callable[[str, int], bool]


def _sniff(path: str) -> PartKind | None:
    """The kind of archive by content: gzip and tar by their first bytes, zip by its end
    record (a zip may start with other data: a self-extracting stub)."""
    try:
        with open(path, "rb") as f:
            head = f.read(512)
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - (1 << 16) - 22))
            tail = f.read()
    except OSError:
        return None
    if head[:2] == b"\x1f\x8b":
        return PartKind.TGZ
    if len(head) >= 262 and head[257:262] == b"ustar":
        return PartKind.TAR
    if b"PK\x05\x06" in tail:
        return PartKind.ZIP
    return None


def _folder_prefix(root: Path) -> str:
    """Where a folder's members sit under ``Takeout/``: a folder holding ``Takeout``
    needs nothing, ``Takeout`` itself needs ``Takeout/``, anything else (``Google
    Photos``) is taken as a service folder."""
    if (root / "Takeout").is_dir():
        return ""
    if root.name == "Takeout":
        return "Takeout/"
    return f"Takeout/{root.name}/"


def identify_part(path: str | os.PathLike[str]) -> PartRef:
    """Check one input and say what it is. Raises :class:`PartError` naming it."""
    shown = os.fsdecode(path)
    try:
        resolved = Path(path).resolve()
        st = os.stat(resolved)
    except OSError as exc:
        raise PartError(shown, exc.strerror or str(exc)) from exc
    if stat_mod.S_ISDIR(st.st_mode):
        return PartRef(os.fsdecode(resolved), PartKind.DIR, 0, 0, _folder_prefix(resolved))
    if not stat_mod.S_ISREG(st.st_mode):
        raise PartError(shown, "not a file or a folder")
    lower = resolved.name.lower()
    kind: PartKind | None
    if lower.endswith(".zip"):
        kind = PartKind.ZIP
    elif lower.endswith((".tgz", ".tar.gz")):
        kind = PartKind.TGZ
    elif lower.endswith(".tar"):
        kind = PartKind.TAR
    else:
        kind = _sniff(os.fspath(resolved))
    if kind is None:
        raise PartError(shown, "not a Takeout part (a .zip, .tgz, .tar.gz or .tar, or a folder)")
    if kind is not _sniff(os.fspath(resolved)):
        raise PartError(shown, f"does not hold {kind.value} data (damaged or misnamed?)")
    return PartRef(os.fsdecode(resolved), kind, st.st_size, st.st_mtime_ns)


def iter_members(part: PartRef, want: Want) -> Iterator[Listed]:
    """Every file of *part*, with the content of those *want* selects.

    Raises :class:`PartError` for a part that cannot be read at all (not a zip, a
    truncated tgz); a wanted member that cannot be read is reported in ``Listed.error``.
    """
    if part.kind is PartKind.ZIP:
        return _iter_zip(part, want)
    if part.kind is PartKind.DIR:
        return _iter_dir(part, want)
    return _iter_tar(part, want)


# --------------------------------------------------------------------------- zip


def zip_stream(fd: int, part: PartRef, member: RawMember) -> MemberStream:
    """A stream of one zip member (stored or deflated) read through descriptor *fd*."""
    if member.method not in (STORED, DEFLATED):
        raise MemberError(
            part.path, member.path, f"compression method {member.method} is not supported"
        )
    try:
        start = data_offset(lambda size, offset: pread(fd, size, offset), member.offset)
    except ZipFormatError as exc:
        raise MemberError(part.path, member.path, str(exc)) from exc
    except OSError as exc:
        raise MemberError(part.path, member.path, exc.strerror or str(exc)) from exc
    if member.method == STORED:
        return RangeStream(
            fd, start, part=part.path, member=member.path, size=member.size, crc32=member.crc32
        )
    return InflateStream(
        fd,
        start,
        member.csize,
        part=part.path,
        member=member.path,
        size=member.size,
        crc32=member.crc32,
    )


def _read_all(stream: MemberStream) -> tuple[bytes | None, str | None]:
    try:
        with stream:
            return stream.readall(), None
    except MemberError as exc:
        return None, exc.reason
    except OSError as exc:
        return None, exc.strerror or str(exc)


def _iter_zip(part: PartRef, want: Want) -> Iterator[Listed]:
    try:
        f = open(part.path, "rb", buffering=0)  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise PartError(part.path, exc.strerror or str(exc)) from exc
    with f:
        fd = f.fileno()
        try:
            for entry in iter_central_directory(f):
                member = RawMember(
                    path=entry.name,
                    size=entry.size,
                    csize=entry.csize,
                    method=entry.method,
                    offset=entry.header_offset,
                    crc32=entry.crc32,
                    mtime_ns=0,
                )
                if not want(part.prefix + entry.name, entry.size):
                    yield Listed(member)
                    continue
                try:
                    stream = zip_stream(fd, part, member)
                except MemberError as exc:
                    yield Listed(member, error=exc.reason)
                    continue
                content, error = _read_all(stream)
                yield Listed(member, content, error)
        except ZipFormatError as exc:
            raise PartError(part.path, f"not a readable zip: {exc}") from exc
        except OSError as exc:
            raise PartError(part.path, exc.strerror or str(exc)) from exc


# --------------------------------------------------------------------------- tar / tgz


def _open_tar(raw: BinaryIO, gz: bool) -> tarfile.TarFile:
    if gz:
        return tarfile.open(fileobj=raw, mode="r|gz", encoding="utf-8", errors="surrogateescape")
    return tarfile.open(fileobj=raw, mode="r|", encoding="utf-8", errors="surrogateescape")


def _iter_tar(part: PartRef, want: Want) -> Iterator[Listed]:
    try:
        raw = open(part.path, "rb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise PartError(part.path, exc.strerror or str(exc)) from exc
    with raw:
        try:
            with _open_tar(raw, part.kind is PartKind.TGZ) as tar:
                while True:
                    info = tar.next()
                    if info is None:
                        break
                    held = getattr(tar, "members", None)  # stream mode keeps every header
                    if isinstance(held, list):
                        held.clear()
                    if not info.isreg():
                        continue
                    yield _tar_member(tar, info, want, part.prefix)
        except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise PartError(part.path, f"not a readable tar archive: {exc}") from exc
        except OSError as exc:
            raise PartError(part.path, exc.strerror or str(exc)) from exc


def _tar_member(tar: tarfile.TarFile, info: tarfile.TarInfo, want: Want, prefix: str) -> Listed:
    wanted = want(prefix + info.name, info.size)
    crc = 0
    chunks: list[bytes] = []
    source = tar.extractfile(info)
    if source is not None:
        with source:
            while True:
                chunk = source.read(_READ_CHUNK)
                if not chunk:
                    break
                crc = zlib.crc32(chunk, crc)
                if wanted:
                    chunks.append(chunk)
    member = RawMember(
        path=info.name,
        size=info.size,
        csize=info.size,
        method=_TAR_SPARSE if info.issparse() else STORED,
        offset=info.offset_data,
        crc32=crc,
        mtime_ns=int(info.mtime) * 1_000_000_000,
    )
    if wanted:
        return Listed(member, b"".join(chunks))
    return Listed(member)


# --------------------------------------------------------------------------- folders


def _walk(root: str) -> Iterator[tuple[str, os.stat_result]]:
    """``(relative path, stat)`` of every regular file under *root*, sorted, depth first;
    directory symlinks are not followed (no loops)."""
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        try:
            with os.scandir(os.path.join(root, rel_dir) if rel_dir else root) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            raise PartError(os.path.join(root, rel_dir), exc.strerror or str(exc)) from exc
        subdirs = []
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    subdirs.append(rel)
                elif entry.is_file():
                    yield rel, entry.stat()
            except OSError:
                continue  # vanished while walking
        stack.extend(reversed(subdirs))


def dir_fingerprint(part: PartRef) -> str:
    """A digest of a folder's listing (paths, sizes, mtimes): equal digests, same files."""
    digest = hashlib.sha1()
    for rel, st in _walk(part.path):
        digest.update(os.fsencode(rel) + b"\0%d\0%d\n" % (st.st_size, st.st_mtime_ns))
    return digest.hexdigest()


def open_dir_member(part: PartRef, member: RawMember) -> MemberStream:
    """A stream of a folder member; refuses one that changed since it was listed."""
    full = os.path.join(part.path, member.path)
    try:
        fd = os.open(full, os.O_RDONLY | _O_BINARY | _O_CLOEXEC)
    except OSError as exc:
        raise MemberError(part.path, member.path, exc.strerror or str(exc)) from exc
    try:
        st = os.fstat(fd)
        if not stat_mod.S_ISREG(st.st_mode):
            raise MemberError(part.path, member.path, "not a regular file")
        if st.st_size != member.size or st.st_mtime_ns != member.mtime_ns:
            raise MemberError(part.path, member.path, "changed since it was indexed")
        return RangeStream(
            fd,
            0,
            part=part.path,
            member=member.path,
            size=member.size,
            crc32=member.crc32,
            owns_fd=True,
        )
    except BaseException:
        os.close(fd)
        raise


def _iter_dir(part: PartRef, want: Want) -> Iterator[Listed]:
    for rel, st in _walk(part.path):
        member = RawMember(
            path=rel,
            size=st.st_size,
            csize=st.st_size,
            method=STORED,
            offset=0,
            crc32=None,
            mtime_ns=st.st_mtime_ns,
        )
        if not want(part.prefix + rel, st.st_size):
            yield Listed(member)
            continue
        try:
            stream = open_dir_member(part, member)
        except MemberError as exc:
            yield Listed(member, error=exc.reason)
            continue
        content, error = _read_all(stream)
        yield Listed(member, content, error)
