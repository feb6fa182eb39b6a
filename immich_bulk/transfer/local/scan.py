"""Scan: the lazy directory walk that feeds the upload pipeline.

:func:`iter_scan` is a plain generator meant to run in a worker thread; :func:`scan_into`
runs it in one and sends its items into a memory object stream in batches. Every file under
the inputs yields exactly one item, in a stable order (depth first, sorted by name within a
directory, the files of a directory before its subdirectories):

* :class:`ScannedFile` -- a supported media file, with its ``.xmp`` sidecar attached;
* :class:`ScanSkip` -- anything else that was found and deliberately not taken (unsupported
  extension, hidden, excluded by a pattern, not a regular file, already listed, orphan
  sidecar), with a machine-readable :class:`SkipKind` and a sentence for humans;
* :class:`ScanError` -- a problem (permission denied, vanished, broken symlink, symlink loop,
  an input path that does not exist), with an :class:`ErrorKind`.

Exceptions to "one item per file", each reported by one item of its own: a sidecar attached
to its media file yields nothing (it travels in ``ScannedFile.sidecar``), and a directory that
is not descended (hidden, excluded by a ``dir/**``-style pattern, a subdirectory when the
scan is not recursive, a directory already listed, a symlink loop) yields one item for the
whole directory.

Memory: one directory's listing at a time (plus the names of the subdirectories still to
visit on the current path), the identities of the directories visited, and the identities of
the few files that can be reached twice (hard links, symlink targets, explicit file inputs)
-- not one entry per file, so a tree of a million files streams.

Patterns (``include``/``exclude``) are matched against the path relative to the input root,
with forward slashes: ``*`` and ``?`` stay within one path component, ``[a-z]``/``[!a-z]``
are character classes, ``**`` as a whole component matches any number of directories, a
pattern without a slash (other than a trailing one) matches the name at any depth
(``*.tmp`` == ``**/*.tmp``), a leading ``/`` anchors at the root, a trailing ``/`` means
"this directory and everything below" (``@eaDir/`` == ``**/@eaDir/**``), as in
``.gitignore``. A directory matched as a whole (by ``dir/**``, ``dir/`` or its own name) is
not descended. Matching is case-sensitive; extensions are compared case-insensitively.
"""

from __future__ import annotations

import concurrent.futures
import enum
import errno
import os
import re
import stat as stat_mod
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import anyio
import anyio.from_thread
import anyio.lowlevel
import anyio.to_thread
import attrs
from anyio import CapacityLimiter
from anyio.abc import ObjectSendStream

from .fsutil import HAVE_DIR_FD, FileIdentity, StrPath, open_fd, stat_path

__all__ = [
    "DEFAULT_SIDECAR_EXTENSIONS",
    "ErrorKind",
    "FileIdentity",
    "ScanError",
    "ScanItem",
    "ScanOptions",
    "ScanSkip",
    "ScanStats",
    "ScannedFile",
    "SkipKind",
    "check_patterns",
    "iter_scan",
    "media_by_sidecar_base",
    "scan_into",
    "sidecar_bases",
]

#: Sidecar extensions recognised by default (attached to their media file, never uploaded
#: on their own).
DEFAULT_SIDECAR_EXTENSIONS: frozenset[str] = frozenset({".xmp"})

_FD_LISTING = HAVE_DIR_FD and os.scandir in os.supports_fd and os.access in os.supports_dir_fd
_O_DIR_LIST = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
_CHECK_EVERY = 256


def _normalize_extensions(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        raise TypeError("extensions must be a collection of strings, not one string")
    out = set()
    for ext in value:
        ext = ext.strip().lower()
        if not ext:
            continue
        out.add(ext if ext.startswith(".") else "." + ext)
    return frozenset(out)


def _tuple_of_str(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@attrs.frozen(kw_only=True)
class ScanOptions:
    """What :func:`iter_scan` takes and what it leaves.

    ``extensions`` are the supported extensions (``".jpg"``; normalised to lower case with a
    leading dot); the pipeline fills them from the server's ``GET /server/media-types``
    (image + video + sidecar). Files whose extension is in ``sidecar_extensions`` are never
    media: they are attached to their media file (``a.jpg.xmp`` preferred over ``a.xmp``).
    """

    extensions: frozenset[str] = attrs.field(converter=_normalize_extensions)
    include: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    exclude: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    include_hidden: bool = False
    follow_symlinks: bool = True
    recursive: bool = True
    sidecar_extensions: frozenset[str] = attrs.field(
        default=DEFAULT_SIDECAR_EXTENSIONS, converter=_normalize_extensions
    )

    def __attrs_post_init__(self) -> None:
        check_patterns(self.include)
        check_patterns(self.exclude)

    @property
    def media_extensions(self) -> frozenset[str]:
        """The extensions scanned as media (``extensions`` minus the sidecar ones)."""
        return self.extensions - self.sidecar_extensions


@attrs.frozen(kw_only=True)
class ScannedFile:
    """A supported media file found by the scan.

    ``root`` is the input path it was found under (for an explicit file input: its
    parent directory), ``size``/``mtime_ns``/``dev``/``ino``/``ctime_ns``/``generation``
    come from the scan's stat (following symlinks), ``sidecar`` is the attached ``.xmp``
    file, if any, and ``sidecar_identity`` the identity the scan saw it with.
    """

    path: Path
    root: Path
    size: int
    mtime_ns: int
    dev: int
    ino: int
    sidecar: Path | None = None
    ctime_ns: int = 0
    generation: int = 0
    sidecar_identity: FileIdentity | None = None

    @classmethod
    def from_stat(
        cls,
        path: Path,
        root: Path,
        st: os.stat_result,
        sidecar: Path | None,
        sidecar_st: os.stat_result | None = None,
    ) -> ScannedFile:
        ident = FileIdentity.from_stat(st)
        return cls(
            path=path,
            root=root,
            size=ident.size,
            mtime_ns=ident.mtime_ns,
            dev=ident.dev,
            ino=ident.ino,
            sidecar=sidecar,
            ctime_ns=ident.ctime_ns,
            generation=ident.generation,
            sidecar_identity=None if sidecar_st is None else FileIdentity.from_stat(sidecar_st),
        )

    @property
    def identity(self) -> FileIdentity:
        """The key of the hash cache (see :class:`FileIdentity`)."""
        return FileIdentity(
            self.dev, self.ino, self.size, self.mtime_ns, self.ctime_ns, self.generation
        )

    @property
    def relative_path(self) -> Path:
        """The path relative to ``root`` (its ``parent`` names the "album from folder")."""
        return self.path.relative_to(self.root)


class SkipKind(str, enum.Enum):
    """Why a :class:`ScanSkip` was not taken."""

    UNSUPPORTED = "unsupported"
    """The extension is not a supported media (or sidecar) extension."""
    HIDDEN = "hidden"
    """A dot-file (``include_hidden`` is off)."""
    HIDDEN_DIRECTORY = "hidden-directory"
    """A dot-directory, not descended (one item for the whole directory)."""
    EXCLUDED = "excluded"
    """Matched an ``exclude`` pattern."""
    EXCLUDED_DIRECTORY = "excluded-directory"
    """A directory excluded as a whole by an ``exclude`` pattern, not descended."""
    NOT_INCLUDED = "not-included"
    """``include`` patterns were given and none matched."""
    NOT_REGULAR = "not-regular-file"
    """A FIFO, socket or device."""
    SYMLINK = "symlink"
    """A symbolic link, and ``follow_symlinks`` is off."""
    ALREADY_LISTED = "already-listed"
    """The same file (same device and inode) or directory was already listed."""
    NOT_RECURSIVE = "not-recursive"
    """A subdirectory, and the scan is not recursive (one item for the directory)."""
    ORPHAN_SIDECAR = "orphan-sidecar"
    """A sidecar with no media file to attach it to."""
    SIDECAR = "sidecar"
    """A sidecar given as an explicit input: it travels with its media file."""


class ErrorKind(str, enum.Enum):
    """What went wrong for a :class:`ScanError`."""

    NOT_FOUND = "not-found"
    """An input path that does not exist."""
    PERMISSION_DENIED = "permission-denied"
    """A directory that cannot be listed or a file that cannot be read."""
    VANISHED = "vanished"
    """Listed, then gone before it could be examined."""
    BROKEN_SYMLINK = "broken-symlink"
    """A symbolic link whose target does not exist."""
    SYMLINK_LOOP = "symlink-loop"
    """A symlink that leads back to itself or to one of its parent directories."""
    OS_ERROR = "os-error"
    """Any other operating-system error (the reason names it)."""


@attrs.frozen
class ScanSkip:
    """A file (or a whole directory) found and deliberately not taken."""

    path: Path
    reason: str
    kind: SkipKind


@attrs.frozen
class ScanError:
    """A file or directory that could not be examined."""

    path: Path
    reason: str
    kind: ErrorKind
    errno: int | None = None


ScanItem = ScannedFile | ScanSkip | ScanError


# --------------------------------------------------------------------------- patterns


def _translate_component(comp: str) -> str:
    out: list[str] = []
    i, n = 0, len(comp)
    while i < n:
        c = comp[i]
        i += 1
        if c == "*":
            while i < n and comp[i] == "*":
                i += 1
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "\\":
            if i >= n:
                raise ValueError("it ends with an unfinished escape '\\'")
            out.append(re.escape(comp[i]))
            i += 1
        elif c == "[":
            j = i
            if j < n and comp[j] in "!^":
                j += 1
            if j < n and comp[j] == "]":
                j += 1
            while j < n and comp[j] != "]":
                j += 1
            if j >= n:
                raise ValueError("'[' is never closed (write '\\[' for a literal '[')")
            body = comp[i:j]
            i = j + 1
            negate = body[:1] in ("!", "^")
            if negate:
                body = body[1:]
            body = "".join("\\" + ch if ch in "\\[]&~|^" else ch for ch in body)
            out.append(f"[^/{body}]" if negate else f"(?!/)[{body}]")
        else:
            out.append(re.escape(c))
    return "".join(out)


def _parts_regex(parts: Sequence[str]) -> str:
    out: list[str] = []
    last = len(parts) - 1
    for i, part in enumerate(parts):
        if part == "**":
            out.append(".*" if i == last else "(?:[^/]+/)*")
        else:
            out.append(_translate_component(part) + ("" if i == last else "/"))
    return "".join(out)


def _compile_pattern(pattern: str) -> tuple[str, str | None]:
    """Regex for paths matching *pattern*, and one for directories it excludes whole."""
    p = pattern
    anchored = p.startswith("/")
    p = p.lstrip("/")
    subtree = p.endswith("/")
    p = p.rstrip("/")
    if not p:
        raise ValueError("it is empty")
    if "/" not in p and not anchored:
        p = "**/" + p
    if subtree:
        p += "/**"
    parts: list[str] = []
    for part in p.split("/"):
        if part == "**" and parts and parts[-1] == "**":
            continue
        parts.append(part)
    full = _parts_regex(parts)
    prefix = _parts_regex(parts[:-1]) if len(parts) > 1 and parts[-1] == "**" else None
    return full, prefix


def check_patterns(patterns: Iterable[str], *, option: str = "") -> None:
    """Raise ValueError naming the first malformed pattern (before anything is scanned:
    a pattern that cannot match what it says must not quietly match nothing)."""
    try:
        _GlobSet(_tuple_of_str(patterns))
    except ValueError as exc:
        raise ValueError(f"{option}: {exc}" if option else str(exc)) from None


class _GlobSet:
    """A set of patterns compiled into one regex (plus one for whole directories)."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)
        self._each: list[tuple[str, re.Pattern[str], re.Pattern[str] | None]] = []
        files: list[str] = []
        dirs: list[str] = []
        for pattern in self.patterns:
            try:
                full, prefix = _compile_pattern(pattern)
                compiled = (
                    pattern,
                    re.compile(full, re.DOTALL),
                    re.compile(prefix, re.DOTALL) if prefix is not None else None,
                )
            except re.error as exc:  # e.g. a reversed range, [z-a]
                raise ValueError(f"invalid glob pattern {pattern!r}: {exc.msg}") from None
            except ValueError as exc:
                raise ValueError(f"invalid glob pattern {pattern!r}: {exc}") from None
            files.append(full)
            dirs.append(full)
            if prefix is not None:
                dirs.append(prefix)
            self._each.append(compiled)
        self._files = re.compile("|".join(f"(?:{r})" for r in files), re.DOTALL) if files else None
        self._dirs = re.compile("|".join(f"(?:{r})" for r in dirs), re.DOTALL) if dirs else None

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def match_file(self, rel: str) -> bool:
        return self._files is not None and self._files.fullmatch(rel) is not None

    def match_dir(self, rel: str) -> bool:
        """True when the directory *rel* and everything below it is matched."""
        return self._dirs is not None and self._dirs.fullmatch(rel) is not None

    def which(self, rel: str, *, directory: bool = False) -> str:
        for pattern, full, prefix in self._each:
            if full.fullmatch(rel) or (directory and prefix is not None and prefix.fullmatch(rel)):
                return pattern
        return "?"


# --------------------------------------------------------------------------- walking


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def sidecar_bases(name: str) -> tuple[str, str]:
    """The names a sidecar of the media file *name* has without its extension, in order of
    preference: ``a.jpg`` (``a.jpg.xmp``), then ``a`` (``a.xmp``)."""
    return name, name[: len(name) - len(_suffix(name))]


def media_by_sidecar_base(
    directory: StrPath, media_extensions: frozenset[str]
) -> dict[str, list[str]]:
    """The media files of *directory* by each sidecar base they can take (blocking): ``a.jpg``
    is listed under ``a.jpg`` and ``a``, so ``result["a"]`` names every media file that
    ``a.xmp`` can belong to (``a.jpg``, ``a.cr2``). Anything that may be a media file counts
    (hidden, excluded or unreadable ones too): it is the list of who may still need a
    sidecar before it is deleted, so it errs on the side of more."""
    path = os.fspath(directory)
    fd = open_fd(path, _O_DIR_LIST) if _FD_LISTING else None
    try:
        with os.scandir(fd if fd is not None else path) as entries:
            names = [e.name for e in entries if _maybe_file(e)]
    finally:
        if fd is not None:
            os.close(fd)
    index: dict[str, list[str]] = {}
    for name in sorted(names):
        if _suffix(name) in media_extensions:
            for base in dict.fromkeys(sidecar_bases(name)):
                index.setdefault(base, []).append(name)
    return index


def _maybe_file(entry: os.DirEntry[str]) -> bool:
    try:
        return not entry.is_dir()
    except OSError:
        return True


def _error_for(exc: OSError, path: str, *, is_link: bool, what: str) -> ScanError:
    code = exc.errno
    if code == errno.ENOENT:
        if is_link:
            return ScanError(Path(path), "broken symbolic link", ErrorKind.BROKEN_SYMLINK, code)
        return ScanError(Path(path), f"{what} vanished while scanning", ErrorKind.VANISHED, code)
    if code == errno.ELOOP:
        return ScanError(Path(path), "symbolic link loop", ErrorKind.SYMLINK_LOOP, code)
    if code in (errno.EACCES, errno.EPERM):
        return ScanError(
            Path(path), f"permission denied ({what})", ErrorKind.PERMISSION_DENIED, code
        )
    text = exc.strerror or type(exc).__name__
    return ScanError(Path(path), f"{what}: {text}", ErrorKind.OS_ERROR, code)


# A node of the chain of directories from an input root to the current directory.
_Chain = tuple[tuple[int, int], "_Chain"] | None


def _chain_contains(chain: _Chain, key: tuple[int, int]) -> bool:
    while chain is not None:
        if chain[0] == key:
            return True
        chain = chain[1]
    return False


def _join(directory: str, name: str) -> str:
    if directory.endswith(os.sep) or (os.altsep and directory.endswith(os.altsep)):
        return directory + name
    return directory + os.sep + name


class _Walker:
    def __init__(self, options: ScanOptions, check: Callable[[], None] | None) -> None:
        self.options = options
        self.media = options.media_extensions
        self.sidecars = options.sidecar_extensions
        self.include = _GlobSet(options.include)
        self.exclude = _GlobSet(options.exclude)
        self.check: Callable[[], None] = check or (lambda: None)
        self.visited_dirs: set[tuple[int, int]] = set()
        # Files that can be reached a second time: hard links, symlink targets, inputs.
        self.seen_files: set[tuple[int, int]] = set()

    # ---- inputs

    def walk(self, paths: Iterable[StrPath]) -> Iterator[ScanItem]:
        for raw in paths:
            self.check()
            path = os.fsdecode(raw) if isinstance(raw, bytes) else os.fspath(raw)
            try:
                st = stat_path(path)
            except OSError as exc:
                if exc.errno == errno.ENOENT:
                    try:
                        is_link = stat_mod.S_ISLNK(stat_path(path, follow_symlinks=False).st_mode)
                    except OSError:
                        is_link = False
                    if is_link:
                        yield ScanError(
                            Path(path), "broken symbolic link", ErrorKind.BROKEN_SYMLINK, exc.errno
                        )
                    else:
                        yield ScanError(
                            Path(path), "input path does not exist", ErrorKind.NOT_FOUND, exc.errno
                        )
                else:
                    yield _error_for(exc, path, is_link=False, what="input path")
                continue
            if stat_mod.S_ISDIR(st.st_mode):
                yield from self._walk_tree(path)
            elif stat_mod.S_ISREG(st.st_mode):
                yield self._explicit_file(path, st)
            else:
                yield ScanSkip(Path(path), "not a regular file", SkipKind.NOT_REGULAR)

    def _explicit_file(self, path: str, st: os.stat_result) -> ScanItem:
        p = Path(path)
        name = p.name
        ext = _suffix(name)
        if ext in self.sidecars:
            return ScanSkip(p, "sidecar file: it is attached to its media file", SkipKind.SIDECAR)
        skip = self._filter(p, name, ext)
        if skip is not None:
            return skip
        key = (st.st_dev, st.st_ino)
        if (
            key in self.seen_files
            or self._parent_visited(path)
            or self._parent_visited(os.path.realpath(path))
        ):
            return ScanSkip(p, "already listed", SkipKind.ALREADY_LISTED)
        self.seen_files.add(key)
        if not os.access(path, os.R_OK) and not _long_readable(path):
            return ScanError(p, "permission denied (file)", ErrorKind.PERMISSION_DENIED)
        sidecar, sidecar_st = self._probe_sidecar(path) or (None, None)
        return ScannedFile.from_stat(p, p.parent, st, sidecar, sidecar_st)

    def _probe_sidecar(self, path: str) -> tuple[Path, os.stat_result] | None:
        stem_path = path[: len(path) - len(_suffix(os.path.basename(path)))]
        for base in (path, stem_path):
            for ext in sorted(self.sidecars):
                for variant in (ext, ext.upper()):
                    candidate = base + variant
                    try:
                        st = stat_path(candidate, follow_symlinks=self.options.follow_symlinks)
                    except OSError:
                        continue
                    if stat_mod.S_ISREG(st.st_mode) and not self.exclude.match_file(
                        os.path.basename(candidate)
                    ):
                        return Path(candidate), st
        return None

    def _parent_visited(self, path: str) -> bool:
        try:
            parent = stat_path(os.path.dirname(os.path.abspath(path)) or ".")
        except OSError:
            return False
        return (parent.st_dev, parent.st_ino) in self.visited_dirs

    def _filter(self, path: Path, rel: str, ext: str) -> ScanSkip | None:
        """Exclude, include and extension filters for a regular, non-sidecar file."""
        if self.exclude and self.exclude.match_file(rel):
            pattern = self.exclude.which(rel)
            return ScanSkip(path, f"excluded by pattern {pattern!r}", SkipKind.EXCLUDED)
        if self.include and not self.include.match_file(rel):
            return ScanSkip(path, "matches no include pattern", SkipKind.NOT_INCLUDED)
        if ext not in self.media:
            what = f"extension {ext!r}" if ext else "no extension"
            return ScanSkip(path, f"unsupported file type ({what})", SkipKind.UNSUPPORTED)
        return None

    # ---- directories

    def _walk_tree(self, top: str) -> Iterator[ScanItem]:
        root = Path(top)
        stack: list[tuple[str, str, _Chain]] = [(top, "", None)]
        while stack:
            self.check()
            dpath, rel, parent_chain = stack.pop()
            try:
                fd = open_fd(dpath, _O_DIR_LIST) if _FD_LISTING else None
            except OSError as exc:
                yield _error_for(exc, dpath, is_link=False, what="directory")
                continue
            try:
                dst = os.fstat(fd) if fd is not None else stat_path(dpath)
                key = (dst.st_dev, dst.st_ino)
                if key in self.visited_dirs:
                    if _chain_contains(parent_chain, key):
                        yield ScanError(
                            Path(dpath),
                            "symbolic link loop: leads back to a parent directory",
                            ErrorKind.SYMLINK_LOOP,
                            errno.ELOOP,
                        )
                    else:
                        yield ScanSkip(
                            Path(dpath), "directory already listed", SkipKind.ALREADY_LISTED
                        )
                    continue
                self.visited_dirs.add(key)
                chain: _Chain = (key, parent_chain)
                try:
                    items, subdirs = self._list(fd, dpath, rel, root)
                except OSError as exc:
                    yield _error_for(exc, dpath, is_link=False, what="directory")
                    continue
            finally:
                if fd is not None:
                    os.close(fd)
            yield from items
            for name in reversed(subdirs):
                stack.append((_join(dpath, name), f"{rel}/{name}" if rel else name, chain))

    def _stat_entry(self, entry: os.DirEntry[str], full: str) -> os.stat_result | ScanItem:
        try:
            is_link = entry.is_symlink()
        except OSError as exc:
            return _error_for(exc, full, is_link=False, what="file")
        if is_link and not self.options.follow_symlinks:
            return ScanSkip(Path(full), "symbolic link (not followed)", SkipKind.SYMLINK)
        try:
            return entry.stat(follow_symlinks=True)
        except OSError as exc:
            return _error_for(exc, full, is_link=is_link, what="file")

    def _readable(self, fd: int | None, name: str, full: str) -> bool:
        if fd is not None:
            return os.access(name, os.R_OK, dir_fd=fd)
        return os.access(full, os.R_OK)

    def _list(
        self, fd: int | None, dpath: str, rel: str, root: Path
    ) -> tuple[list[ScanItem], list[str]]:
        """Examine one directory: its items in name order, and the subdirectories to visit."""
        with os.scandir(fd if fd is not None else dpath) as it:
            entries = sorted(it, key=lambda e: e.name)
        opts = self.options
        items: list[ScanItem | None] = [None] * len(entries)
        subdirs: list[str] = []

        # Pass 1: sidecars. status is an item (the sidecar's own skip or error) or None
        # (attachable); keyed by the name without the sidecar extension.
        sidecar_status: dict[int, ScanItem | None] = {}
        sidecar_stat: dict[int, os.stat_result] = {}
        sidecar_by_base: dict[str, list[int]] = {}
        for i, entry in enumerate(entries):
            name = entry.name
            ext = _suffix(name)
            if ext not in self.sidecars:
                continue
            if i % _CHECK_EVERY == 0:
                self.check()
            full = _join(dpath, name)
            st = self._stat_entry(entry, full)
            if not isinstance(st, os.stat_result):
                items[i] = st
                continue
            if stat_mod.S_ISDIR(st.st_mode):
                continue  # a directory named "x.xmp": handled as a directory below
            frel = f"{rel}/{name}" if rel else name
            status: ScanItem | None = None
            if not stat_mod.S_ISREG(st.st_mode):
                status = ScanSkip(Path(full), "not a regular file", SkipKind.NOT_REGULAR)
            elif name.startswith(".") and not opts.include_hidden:
                status = ScanSkip(Path(full), "hidden file", SkipKind.HIDDEN)
            elif self.exclude and self.exclude.match_file(frel):
                pattern = self.exclude.which(frel)
                status = ScanSkip(Path(full), f"excluded by pattern {pattern!r}", SkipKind.EXCLUDED)
            elif not self._readable(fd, name, full):
                status = ScanError(
                    Path(full), "permission denied (file)", ErrorKind.PERMISSION_DENIED
                )
            sidecar_status[i] = status
            if status is None:
                sidecar_stat[i] = st
                sidecar_by_base.setdefault(name[: len(name) - len(ext)], []).append(i)
            else:
                items[i] = status
        attached: set[int] = set()

        # Pass 2: everything else.
        for i, entry in enumerate(entries):
            if items[i] is not None or i in sidecar_status:
                continue
            if i % _CHECK_EVERY == 0:
                self.check()
            name = entry.name
            full = _join(dpath, name)
            frel = f"{rel}/{name}" if rel else name
            st = self._stat_entry(entry, full)
            if not isinstance(st, os.stat_result):
                items[i] = st
                continue
            hidden = name.startswith(".") and not opts.include_hidden
            if stat_mod.S_ISDIR(st.st_mode):
                if hidden:
                    items[i] = ScanSkip(
                        Path(full),
                        "hidden directory (not descended)",
                        SkipKind.HIDDEN_DIRECTORY,
                    )
                elif self.exclude and self.exclude.match_dir(frel):
                    pattern = self.exclude.which(frel, directory=True)
                    items[i] = ScanSkip(
                        Path(full),
                        f"directory excluded by pattern {pattern!r} (not descended)",
                        SkipKind.EXCLUDED_DIRECTORY,
                    )
                elif not opts.recursive:
                    items[i] = ScanSkip(
                        Path(full),
                        "subdirectory (the scan is not recursive)",
                        SkipKind.NOT_RECURSIVE,
                    )
                else:
                    subdirs.append(name)
                continue
            path = Path(full)
            if not stat_mod.S_ISREG(st.st_mode):
                items[i] = ScanSkip(path, "not a regular file", SkipKind.NOT_REGULAR)
                continue
            if hidden:
                items[i] = ScanSkip(path, "hidden file", SkipKind.HIDDEN)
                continue
            ext = _suffix(name)
            skip = self._filter(path, frel, ext)
            if skip is not None:
                items[i] = skip
                continue
            key = (st.st_dev, st.st_ino)
            if key in self.seen_files:
                items[i] = ScanSkip(path, "already listed (same file)", SkipKind.ALREADY_LISTED)
                continue
            if entry.is_symlink():
                if self._parent_visited(os.path.realpath(full)):
                    items[i] = ScanSkip(
                        path,
                        "already listed (symbolic link to a file in a directory already scanned)",
                        SkipKind.ALREADY_LISTED,
                    )
                    continue
                self.seen_files.add(key)
            elif st.st_nlink > 1:
                self.seen_files.add(key)
            if not self._readable(fd, name, full):
                items[i] = ScanError(path, "permission denied (file)", ErrorKind.PERMISSION_DENIED)
                continue
            sidecar: Path | None = None
            sidecar_st: os.stat_result | None = None
            for base in sidecar_bases(name):
                candidates = sidecar_by_base.get(base)
                if candidates:
                    sidecar_index = candidates[0]
                    attached.add(sidecar_index)
                    sidecar = Path(_join(dpath, entries[sidecar_index].name))
                    sidecar_st = sidecar_stat[sidecar_index]
                    break
            items[i] = ScannedFile.from_stat(path, root, st, sidecar, sidecar_st)

        # Sidecars nobody took.
        for i, status in sidecar_status.items():
            if status is None and i not in attached:
                items[i] = ScanSkip(
                    Path(_join(dpath, entries[i].name)),
                    "sidecar without a media file",
                    SkipKind.ORPHAN_SIDECAR,
                )
        return [item for item in items if item is not None], subdirs


def _long_readable(path: str) -> bool:
    """os.access fails with ENAMETOOLONG on very long paths: try opening instead."""
    if len(os.fsencode(path)) < 4000:
        return False
    try:
        fd = open_fd(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    os.close(fd)
    return True


def iter_scan(
    paths: Iterable[StrPath] | StrPath,
    options: ScanOptions,
    *,
    check_cancelled: Callable[[], None] | None = None,
) -> Iterator[ScanItem]:
    """Walk *paths* lazily, yielding one :class:`ScanItem` per file (see the module doc).

    Blocking: run it in a worker thread. *paths* are directories (walked) or files (taken
    as they are, their root being their parent directory). *check_cancelled* is called
    often (between items and every few hundred directory entries); it may raise to stop
    the walk (e.g. ``anyio.from_thread.check_cancelled``).
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    return _Walker(options, check_cancelled).walk(paths)


@attrs.frozen(kw_only=True)
class ScanStats:
    """Counts of one scan (returned by :func:`scan_into`)."""

    files: int = 0
    """:class:`ScannedFile` items."""
    bytes: int = 0
    """Total size of the scanned files."""
    sidecars: int = 0
    """Sidecars attached to scanned files."""
    skipped: int = 0
    """:class:`ScanSkip` items."""
    errors: int = 0
    """:class:`ScanError` items."""
    seconds: float = 0.0
    """Wall time of the walk."""
    completed: bool = True
    """False when the receiving end was closed before the walk finished."""


class _Counter:
    __slots__ = ("bytes", "errors", "files", "sidecars", "skipped")

    def __init__(self) -> None:
        self.files = self.bytes = self.sidecars = self.skipped = self.errors = 0

    def add(self, item: ScanItem) -> None:
        if isinstance(item, ScannedFile):
            self.files += 1
            self.bytes += item.size
            if item.sidecar is not None:
                self.sidecars += 1
        elif isinstance(item, ScanSkip):
            self.skipped += 1
        else:
            self.errors += 1


async def scan_into(
    paths: Iterable[StrPath] | StrPath,
    options: ScanOptions,
    send_stream: ObjectSendStream[ScanItem],
    *,
    batch_size: int = 256,
    max_delay: float = 0.1,
    limiter: CapacityLimiter | None = None,
) -> ScanStats:
    """Run :func:`iter_scan` in a worker thread and send its items into *send_stream*.

    Takes ownership of *send_stream* and closes it when done (so the receiver's loop
    ends). Items cross from the thread in batches of up to *batch_size* (or whatever
    accumulated within *max_delay* seconds), one thread hop per batch; each item is
    sent individually, so a full stream blocks the walk (backpressure). Cancelling the
    caller stops the thread at its next check (within a few hundred directory entries).
    If the receiving end is closed early, the walk stops and the returned stats have
    ``completed=False``.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    counter = _Counter()
    started = time.monotonic()

    async def send_batch(batch: list[ScanItem]) -> None:
        for item in batch:
            await send_stream.send(item)

    cancelled_exc = (anyio.get_cancelled_exc_class(), concurrent.futures.CancelledError)

    def run() -> bool:
        """The walk; False when it stopped because the host task was cancelled."""
        check = anyio.from_thread.check_cancelled
        batch: list[ScanItem] = []
        first = 0.0
        try:
            for item in iter_scan(paths, options, check_cancelled=check):
                if not batch:
                    first = time.monotonic()
                batch.append(item)
                counter.add(item)
                if len(batch) >= batch_size or time.monotonic() - first >= max_delay:
                    anyio.from_thread.run(send_batch, batch)
                    batch = []
            if batch:
                anyio.from_thread.run(send_batch, batch)
        except cancelled_exc:
            # Never let a cancellation exception cross threads (asyncio turns it into
            # concurrent.futures.CancelledError): stop, and let the host's own
            # checkpoint below raise the proper one.
            return False
        return True

    completed = True
    async with send_stream:
        try:
            completed = await anyio.to_thread.run_sync(run, limiter=limiter)
        except anyio.BrokenResourceError:
            completed = False
        if not completed:
            await anyio.lowlevel.checkpoint()
    return ScanStats(
        files=counter.files,
        bytes=counter.bytes,
        sidecars=counter.sidecars,
        skipped=counter.skipped,
        errors=counter.errors,
        seconds=time.monotonic() - started,
        completed=completed,
    )
