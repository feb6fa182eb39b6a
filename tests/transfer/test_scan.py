"""Tests of the lazy directory walk (immich_bulk.transfer.local.scan)."""

from __future__ import annotations

import errno
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from hypothesis import given
from hypothesis import strategies as st

from immich_bulk.transfer.local import scan as scan_mod
from immich_bulk.transfer.local.scan import (
    ErrorKind,
    ScanError,
    ScanItem,
    ScannedFile,
    ScanOptions,
    ScanSkip,
    SkipKind,
    iter_scan,
    scan_into,
)

MEDIA = {".jpg", ".jpeg", ".heic", ".mp4", ".xmp"}
OPTS = ScanOptions(extensions=MEDIA)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def scan(*paths: Any, options: ScanOptions = OPTS) -> list[ScanItem]:
    return list(iter_scan(list(paths), options))


def by_name(items: list[ScanItem], root: Path) -> dict[str, ScanItem]:
    out: dict[str, ScanItem] = {}
    for item in items:
        rel = os.path.relpath(item.path, root)
        assert rel not in out, f"{rel} listed twice"
        out[rel] = item
    return out


def kinds(items: list[ScanItem], root: Path) -> dict[str, str]:
    """{relative path: "file" | skip kind | error kind}."""
    out = {}
    for rel, item in by_name(items, root).items():
        if isinstance(item, ScannedFile):
            out[rel] = "file"
        else:
            out[rel] = item.kind.value
    return out


# --------------------------------------------------------------------------- options


def test_options_normalize_extensions() -> None:
    opts = ScanOptions(extensions=["JPG", ".Mp4", " .heic "], include="*.jpg")
    assert opts.extensions == {".jpg", ".mp4", ".heic"}
    assert opts.include == ("*.jpg",)
    assert ".xmp" not in opts.media_extensions
    with pytest.raises(TypeError):
        ScanOptions(extensions=".jpg")
    with pytest.raises(ValueError):
        ScanOptions(extensions=MEDIA, exclude=("/",))


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*.tmp", "a.tmp", True),
        ("*.tmp", "x/y/a.tmp", True),
        ("*.tmp", "a.tmp.jpg", False),
        ("/*.tmp", "x/a.tmp", False),
        ("/*.tmp", "a.tmp", True),
        ("**/@eaDir/**", "x/@eaDir/a.jpg", True),
        ("**/@eaDir/**", "@eaDir/a.jpg", True),
        ("**/@eaDir/**", "x/eaDir/a.jpg", False),
        ("2020/**", "2020/a/b.jpg", True),
        ("2020/**", "x/2020/b.jpg", False),
        ("a/**/b.jpg", "a/b.jpg", True),
        ("a/**/b.jpg", "a/x/y/b.jpg", True),
        ("a/*/b.jpg", "a/x/y/b.jpg", False),
        ("IMG_????.jpg", "d/IMG_0001.jpg", True),
        ("IMG_????.jpg", "d/IMG_001.jpg", False),
        ("[ab]*.jpg", "b1.jpg", True),
        ("[!ab]*.jpg", "b1.jpg", False),
        ("[!ab]*.jpg", "c1.jpg", True),
        ("raw/", "raw/x/a.jpg", True),
        ("raw/", "x/raw/a.jpg", True),
        ("/raw/", "x/raw/a.jpg", False),
        ("/raw/", "raw/a.jpg", True),
        ("\\*.jpg", "*.jpg", True),
        ("\\*.jpg", "a.jpg", False),
        ("**", "anything/at/all", True),
        ("*.JPG", "a.jpg", False),
    ],
)
def test_glob_patterns(pattern: str, path: str, matches: bool) -> None:
    assert scan_mod._GlobSet([pattern]).match_file(path) is matches


def test_glob_directory_pruning() -> None:
    globs = scan_mod._GlobSet(["**/@eaDir/**", "*.tmp", "/raw/"])
    assert globs.match_dir("x/@eaDir")
    assert globs.match_dir("@eaDir")
    assert globs.match_dir("raw")
    assert not globs.match_dir("x")
    assert not globs.match_dir("x/raw")
    assert scan_mod._GlobSet(["raw/"]).match_dir("x/raw")


# --------------------------------------------------------------------------- basics


def test_extensions_case_and_kinds(tmp_path: Path) -> None:
    for name in ["a.jpg", "b.JPG", "c.JpEg", "d.txt", "noext", "e.tar.mp4", "f.jpg.txt"]:
        touch(tmp_path / name)
    touch(tmp_path / "empty.heic", b"")
    items = scan(tmp_path)
    assert kinds(items, tmp_path) == {
        "a.jpg": "file",
        "b.JPG": "file",
        "c.JpEg": "file",
        "d.txt": "unsupported",
        "e.tar.mp4": "file",
        "empty.heic": "file",
        "f.jpg.txt": "unsupported",
        "noext": "unsupported",
    }
    empty = by_name(items, tmp_path)["empty.heic"]
    assert isinstance(empty, ScannedFile) and empty.size == 0
    assert [os.path.basename(i.path) for i in items] == sorted(os.listdir(tmp_path))


def test_scanned_file_fields(tmp_path: Path) -> None:
    path = touch(tmp_path / "2020" / "trip" / "a.jpg", b"12345")
    (item,) = scan(tmp_path)
    assert isinstance(item, ScannedFile)
    st = path.stat()
    assert item.path == path
    assert item.root == tmp_path
    assert item.relative_path == Path("2020/trip/a.jpg")
    assert (item.size, item.mtime_ns, item.dev, item.ino) == (
        5,
        st.st_mtime_ns,
        st.st_dev,
        st.st_ino,
    )
    assert item.identity.size == 5 and item.sidecar is None


def test_stable_order_files_before_subdirectories(tmp_path: Path) -> None:
    for rel in ["b.jpg", "a/z.jpg", "a/b/c.jpg", "c/a.jpg", "a.jpg", "a/a.jpg"]:
        touch(tmp_path / rel)
    rels = [os.path.relpath(i.path, tmp_path) for i in scan(tmp_path)]
    assert rels == ["a.jpg", "b.jpg", "a/a.jpg", "a/z.jpg", "a/b/c.jpg", "c/a.jpg"]
    assert rels == [os.path.relpath(i.path, tmp_path) for i in scan(tmp_path)]


def test_include_exclude(tmp_path: Path) -> None:
    for rel in [
        "2020/a.jpg",
        "2020/a.tmp",
        "2020/@eaDir/a.jpg",
        "2020/@eaDir/b.jpg",
        "2021/b.jpg",
        "2021/raw/c.jpg",
        "d.jpg",
    ]:
        touch(tmp_path / rel)
    opts = ScanOptions(extensions=MEDIA | {".tmp"}, exclude=("**/@eaDir/**", "*.tmp"))
    got = kinds(scan(tmp_path, options=opts), tmp_path)
    assert got == {
        "2020/a.jpg": "file",
        "2020/a.tmp": "excluded",
        "2020/@eaDir": "excluded-directory",
        "2021/b.jpg": "file",
        "2021/raw/c.jpg": "file",
        "d.jpg": "file",
    }
    opts = ScanOptions(extensions=MEDIA, include=("2021/**",), exclude=("/raw/",))
    got = kinds(scan(tmp_path, options=opts), tmp_path)
    assert got["2021/b.jpg"] == "file"
    assert got["2020/a.jpg"] == "not-included"
    assert got["d.jpg"] == "not-included"
    assert got["2021/raw/c.jpg"] == "file"  # "/raw/" is anchored at the root: not this one
    opts = ScanOptions(extensions=MEDIA, exclude=("2021/raw/",))
    got = kinds(scan(tmp_path, options=opts), tmp_path)
    assert got["2021/raw"] == "excluded-directory"
    skip = next(i for i in scan(tmp_path, options=opts) if i.path.name == "raw")
    assert isinstance(skip, ScanSkip) and "2021/raw/" in skip.reason


def test_hidden_files_and_directories(tmp_path: Path) -> None:
    for rel in [".a.jpg", "b.jpg", ".hid/c.jpg", ".hid/d/e.jpg", "sub/.f.jpg"]:
        touch(tmp_path / rel)
    got = kinds(scan(tmp_path), tmp_path)
    assert got == {
        ".a.jpg": "hidden",
        "b.jpg": "file",
        ".hid": "hidden-directory",
        "sub/.f.jpg": "hidden",
    }
    opts = ScanOptions(extensions=MEDIA, include_hidden=True)
    got = kinds(scan(tmp_path, options=opts), tmp_path)
    assert set(got.values()) == {"file"} and len(got) == 5
    # A hidden input root is walked: the user named it.
    got = kinds(scan(tmp_path / ".hid"), tmp_path)
    assert got == {".hid/c.jpg": "file", ".hid/d/e.jpg": "file"}


def test_not_recursive(tmp_path: Path) -> None:
    touch(tmp_path / "a.jpg")
    touch(tmp_path / "sub" / "b.jpg")
    opts = ScanOptions(extensions=MEDIA, recursive=False)
    assert kinds(scan(tmp_path, options=opts), tmp_path) == {
        "a.jpg": "file",
        "sub": "not-recursive",
    }


# --------------------------------------------------------------------------- sidecars


def test_sidecars_both_styles_and_orphans(tmp_path: Path) -> None:
    for name in [
        "a.jpg",
        "a.jpg.xmp",  # style 1, preferred ...
        "a.xmp",  # ... over style 2 (which is then an orphan)
        "b.heic",
        "b.xmp",  # style 2 only
        "c.mp4",
        "c.MP4.XMP",  # extension case differs: style 2 needs the stem, style 1 the name
        "C.xmp",  # different stem case: not c.mp4's
        "d.jpg",
        "d.XMP",  # sidecar extension is case-insensitive
        "orphan.xmp",
        "e.txt",
        "e.txt.xmp",  # e.txt is not media: its sidecar is an orphan
    ]:
        touch(tmp_path / name)
    items = scan(tmp_path)
    got = by_name(items, tmp_path)
    sidecars = {
        rel: (item.sidecar.name if item.sidecar else None)
        for rel, item in got.items()
        if isinstance(item, ScannedFile)
    }
    assert sidecars == {
        "a.jpg": "a.jpg.xmp",
        "b.heic": "b.xmp",
        "c.mp4": None,
        "d.jpg": "d.XMP",
    }
    orphans = {
        rel for rel, item in got.items() if getattr(item, "kind", None) is SkipKind.ORPHAN_SIDECAR
    }
    assert orphans == {"a.xmp", "c.MP4.XMP", "C.xmp", "orphan.xmp", "e.txt.xmp"}
    # Every file accounted for: items + attached sidecars == files on disk.
    attached = {i.sidecar.name for i in items if isinstance(i, ScannedFile) and i.sidecar}
    assert len(items) + len(attached) == len(os.listdir(tmp_path))


def test_sidecar_not_attached_when_excluded_or_hidden(tmp_path: Path) -> None:
    touch(tmp_path / "a.jpg")
    touch(tmp_path / "a.jpg.xmp")
    touch(tmp_path / ".b.jpg")
    touch(tmp_path / ".b.jpg.xmp")
    opts = ScanOptions(extensions=MEDIA, exclude=("*.xmp",))
    got = kinds(scan(tmp_path, options=opts), tmp_path)
    assert got == {
        "a.jpg": "file",
        "a.jpg.xmp": "excluded",
        ".b.jpg": "hidden",
        ".b.jpg.xmp": "hidden",
    }


def test_sidecar_shared_by_two_media_files(tmp_path: Path) -> None:
    for name in ["live.heic", "live.mp4", "live.xmp"]:
        touch(tmp_path / name)
    items = scan(tmp_path)
    assert [
        (i.path.name, i.sidecar.name) for i in items if isinstance(i, ScannedFile) and i.sidecar
    ] == [
        ("live.heic", "live.xmp"),
        ("live.mp4", "live.xmp"),
    ]
    assert len(items) == 2


# --------------------------------------------------------------------------- inputs


def test_explicit_files_and_duplicate_inputs(tmp_path: Path) -> None:
    a = touch(tmp_path / "d" / "a.jpg")
    touch(tmp_path / "d" / "a.xmp")
    b = touch(tmp_path / "d" / "sub" / "b.jpg")
    items = scan(a, a, tmp_path / "d", tmp_path / "d", tmp_path / "d" / "sub", tmp_path / "missing")
    assert isinstance(items[0], ScannedFile)
    assert items[0].root == tmp_path / "d" and items[0].sidecar == tmp_path / "d" / "a.xmp"
    assert isinstance(items[1], ScanSkip) and items[1].kind is SkipKind.ALREADY_LISTED
    # The directory walk finds a.jpg again (already listed) and b.jpg (new).
    rest = [(i.path, type(i).__name__, getattr(i, "kind", None)) for i in items[2:]]
    assert rest == [
        (a, "ScanSkip", SkipKind.ALREADY_LISTED),
        (tmp_path / "d" / "a.xmp", "ScanSkip", SkipKind.ORPHAN_SIDECAR),
        (b, "ScannedFile", None),
        (tmp_path / "d", "ScanSkip", SkipKind.ALREADY_LISTED),
        (tmp_path / "d" / "sub", "ScanSkip", SkipKind.ALREADY_LISTED),
        (tmp_path / "missing", "ScanError", ErrorKind.NOT_FOUND),
    ]


def test_explicit_file_after_its_directory(tmp_path: Path) -> None:
    a = touch(tmp_path / "a.jpg")
    items = scan(tmp_path, a)
    assert isinstance(items[0], ScannedFile)
    assert isinstance(items[1], ScanSkip) and items[1].kind is SkipKind.ALREADY_LISTED


def test_explicit_sidecar_and_unsupported_file(tmp_path: Path) -> None:
    x = touch(tmp_path / "a.jpg.xmp")
    t = touch(tmp_path / "notes.txt")
    items = scan(x, t, "single-string-is-one-path-not-characters")
    assert [getattr(i, "kind", None) for i in items] == [
        SkipKind.SIDECAR,
        SkipKind.UNSUPPORTED,
        ErrorKind.NOT_FOUND,
    ]
    assert len(list(iter_scan(str(x), OPTS))) == 1


def test_overlapping_roots(tmp_path: Path) -> None:
    touch(tmp_path / "2020" / "a.jpg")
    touch(tmp_path / "b.jpg")
    items = scan(tmp_path / "2020", tmp_path)
    assert kinds(items, tmp_path) == {
        "2020/a.jpg": "file",
        "b.jpg": "file",
        "2020": "already-listed",
    }


def test_hard_links_listed_once(tmp_path: Path) -> None:
    a = touch(tmp_path / "a.jpg")
    os.link(a, tmp_path / "b.jpg")
    assert kinds(scan(tmp_path), tmp_path) == {"a.jpg": "file", "b.jpg": "already-listed"}


# --------------------------------------------------------------------------- symlinks


def test_symlink_loop_to_parent_directory(tmp_path: Path) -> None:
    touch(tmp_path / "a" / "x.jpg")
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    os.symlink("self", tmp_path / "a" / "self")  # a link to itself: ELOOP on stat
    got = kinds(scan(tmp_path), tmp_path)
    assert got == {"a/x.jpg": "file", "a/loop": "symlink-loop", "a/self": "symlink-loop"}


def test_symlinked_directory_elsewhere_listed_once(tmp_path: Path) -> None:
    touch(tmp_path / "real" / "x.jpg")
    os.symlink(tmp_path / "real", tmp_path / "alias")
    got = kinds(scan(tmp_path), tmp_path)
    # "alias" sorts first: the real directory is listed through it, then skipped.
    assert got == {"alias/x.jpg": "file", "real": "already-listed"}


def test_symlink_to_file_already_listed(tmp_path: Path) -> None:
    touch(tmp_path / "a.jpg")
    os.symlink(tmp_path / "a.jpg", tmp_path / "b.jpg")
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path / "a.jpg", tmp_path / "sub" / "c.jpg")
    got = kinds(scan(tmp_path), tmp_path)
    assert got == {"a.jpg": "file", "b.jpg": "already-listed", "sub/c.jpg": "already-listed"}


def test_symlink_to_file_listed_later(tmp_path: Path) -> None:
    touch(tmp_path / "z" / "real.jpg")
    os.symlink(tmp_path / "z" / "real.jpg", tmp_path / "a.jpg")
    got = kinds(scan(tmp_path), tmp_path)
    assert got == {"a.jpg": "file", "z/real.jpg": "already-listed"}


def test_broken_symlink_and_not_followed(tmp_path: Path) -> None:
    touch(tmp_path / "a.jpg")
    os.symlink(tmp_path / "missing.jpg", tmp_path / "broken.jpg")
    os.symlink(tmp_path / "a.jpg", tmp_path / "link.jpg")
    got = kinds(scan(tmp_path), tmp_path)
    assert got == {"a.jpg": "file", "broken.jpg": "broken-symlink", "link.jpg": "already-listed"}
    opts = ScanOptions(extensions=MEDIA, follow_symlinks=False)
    got = kinds(scan(tmp_path, options=opts), tmp_path)
    assert got == {"a.jpg": "file", "broken.jpg": "symlink", "link.jpg": "symlink"}
    (item,) = scan(tmp_path / "broken.jpg")
    assert isinstance(item, ScanError) and item.kind is ErrorKind.BROKEN_SYMLINK


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_not_a_regular_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jpg")
    assert kinds(scan(tmp_path), tmp_path) == {"pipe.jpg": "not-regular-file"}
    assert kinds(scan(tmp_path / "pipe.jpg"), tmp_path) == {"pipe.jpg": "not-regular-file"}


# --------------------------------------------------------------------------- errors


def test_unreadable_directory_and_file_chmod(tmp_path: Path) -> None:
    if IS_ROOT:
        print("skipping: running as root, which ignores file permissions")
        pytest.skip("running as root: chmod 000 does not stop root (see the monkeypatch test)")
    touch(tmp_path / "locked" / "x.jpg")
    touch(tmp_path / "secret.jpg")
    touch(tmp_path / "ok.jpg")
    os.chmod(tmp_path / "locked", 0)
    os.chmod(tmp_path / "secret.jpg", 0)
    try:
        got = kinds(scan(tmp_path), tmp_path)
    finally:
        os.chmod(tmp_path / "locked", 0o755)
        os.chmod(tmp_path / "secret.jpg", 0o644)
    assert got == {
        "ok.jpg": "file",
        "secret.jpg": "permission-denied",
        "locked": "permission-denied",
    }


def test_unreadable_directory_monkeypatched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    touch(tmp_path / "locked" / "x.jpg")
    touch(tmp_path / "ok.jpg")
    real_scandir = os.scandir
    locked = os.stat(tmp_path / "locked")

    def scandir(target: Any) -> Any:
        st = os.fstat(target) if isinstance(target, int) else os.stat(target)
        if (st.st_dev, st.st_ino) == (locked.st_dev, locked.st_ino):
            raise PermissionError(errno.EACCES, "Permission denied", "locked")
        return real_scandir(target)

    monkeypatch.setattr(os, "scandir", scandir)
    items = scan(tmp_path)
    got = kinds(items, tmp_path)
    assert got == {"ok.jpg": "file", "locked": "permission-denied"}
    err = by_name(items, tmp_path)["locked"]
    assert isinstance(err, ScanError) and err.errno == errno.EACCES


def test_unreadable_file_monkeypatched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    touch(tmp_path / "secret.jpg")
    touch(tmp_path / "ok.jpg")
    real_access = os.access

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        if os.fsdecode(path).endswith("secret.jpg"):
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    assert kinds(scan(tmp_path), tmp_path) == {"ok.jpg": "file", "secret.jpg": "permission-denied"}


class _VanishingEntry:
    def __init__(self, entry: os.DirEntry[str]) -> None:
        self._entry = entry
        self.name = entry.name
        self.path = entry.path

    def is_symlink(self) -> bool:
        return False

    def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", self.name)


def test_vanished_file_monkeypatched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    touch(tmp_path / "gone.jpg")
    touch(tmp_path / "ok.jpg")
    real_scandir = os.scandir

    class Listing:
        def __init__(self, target: Any) -> None:
            self._it = real_scandir(target)

        def __enter__(self) -> Iterator[Any]:
            entries = list(self._it)
            return iter(_VanishingEntry(e) if e.name == "gone.jpg" else e for e in entries)

        def __exit__(self, *exc: object) -> None:
            self._it.close()

    monkeypatch.setattr(os, "scandir", Listing)
    items = scan(tmp_path)
    assert kinds(items, tmp_path) == {"gone.jpg": "vanished", "ok.jpg": "file"}


def test_non_utf8_file_name(tmp_path: Path) -> None:
    if sys.platform == "darwin":
        pytest.skip("APFS refuses file names that are not UTF-8")
    raw = os.fsencode(tmp_path) + b"/caf\xe9-\xff.jpg"
    with open(raw, "wb") as f:
        f.write(b"data")
    (item,) = scan(tmp_path)
    assert isinstance(item, ScannedFile)
    assert os.fsencode(item.path) == raw
    assert item.path.read_bytes() == b"data"
    opts = ScanOptions(extensions=MEDIA, exclude=("caf?-?.jpg",))
    (skip,) = scan(tmp_path, options=opts)
    assert isinstance(skip, ScanSkip) and skip.kind is SkipKind.EXCLUDED


def make_deep_file(base: Path, min_length: int, data: bytes = b"deep") -> str:
    """Create base/ddd.../ddd.../deep.jpg with a path longer than *min_length* characters
    (beyond PATH_MAX, so it is built with directory descriptors)."""
    name = "d" * 200
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
    path = str(base)
    try:
        while len(path) <= min_length:
            os.mkdir(name, dir_fd=fd)
            new = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = new
            path += "/" + name
        out = os.open("deep.jpg", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, data)
        os.close(out)
        os.symlink("deep.jpg", "link.jpg", dir_fd=fd)
    finally:
        os.close(fd)
    return path + "/deep.jpg"


@pytest.mark.skipif(not scan_mod._FD_LISTING, reason="needs openat/fstatat")
def test_very_long_path(tmp_path: Path) -> None:
    deep = make_deep_file(tmp_path, 5000)
    try:
        assert len(deep) > 4096
        items = scan(tmp_path)
        assert [type(i).__name__ for i in items] == ["ScannedFile", "ScanSkip"]
        item = items[0]
        assert isinstance(item, ScannedFile)
        assert str(item.path) == deep and item.size == 4
        assert items[1].path.name == "link.jpg"
        # An explicit input that long works too (and is recognised as already listed).
        again = scan(tmp_path, deep)[-1]
        assert isinstance(again, ScanSkip) and again.kind is SkipKind.ALREADY_LISTED
        (fresh,) = scan(deep)
        assert isinstance(fresh, ScannedFile) and fresh.root == Path(deep).parent
    finally:
        shutil.rmtree(tmp_path / ("d" * 200))


# --------------------------------------------------------------------------- property


NAMES = st.sampled_from(["a", "b", "C", ".h"])
EXTS = st.sampled_from([".jpg", ".JPG", ".mp4", ".xmp", ".jpg.xmp", ".XMP", ".txt", ""])
DIRS = st.lists(st.sampled_from(["x", "y", ".hid", "@eaDir"]), max_size=3)
TREES = st.lists(st.tuples(DIRS, NAMES, EXTS), min_size=0, max_size=25)


@given(tree=TREES, include_hidden=st.booleans(), exclude=st.booleans())
def test_every_file_accounted_for(
    tree: list[tuple[list[str], str, str]], include_hidden: bool, exclude: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for dirs, stem, ext in tree:
            path = root.joinpath(*dirs, stem + ext)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(b"")
            except OSError:  # a name already used by a directory, or the other way
                continue
        opts = ScanOptions(
            extensions=MEDIA,
            include_hidden=include_hidden,
            exclude=("**/@eaDir/**",) if exclude else (),
        )
        items = scan(root, options=opts)
        assert items == scan(root, options=opts)  # stable order

        # Oracle: os.walk. A pruned directory (hidden / excluded) stands for its files.
        def pruned(rel_dir: str) -> bool:
            name = rel_dir.rsplit("/", 1)[-1]
            return (name.startswith(".") and not include_hidden) or (exclude and name == "@eaDir")

        expected_items: set[str] = set()
        files: set[str] = set()
        for dirpath, dirnames, filenames in os.walk(root):
            rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
            for d in list(dirnames):
                rel = d if rel_dir == "." else f"{rel_dir}/{d}"
                if pruned(rel):
                    expected_items.add(rel)
                    dirnames.remove(d)
            for f in filenames:
                files.add(f if rel_dir == "." else f"{rel_dir}/{f}")

        item_paths = [os.path.relpath(i.path, root).replace(os.sep, "/") for i in items]
        assert len(item_paths) == len(set(item_paths)), "an item listed twice"
        attached = {
            os.path.relpath(i.sidecar, root).replace(os.sep, "/")
            for i in items
            if isinstance(i, ScannedFile) and i.sidecar is not None
        }
        assert not attached & set(item_paths), "an attached sidecar also listed"
        assert set(item_paths) | attached == files | expected_items
        assert len(items) == len(files) - len(attached) + len(expected_items)
        for item in items:
            if isinstance(item, ScannedFile):
                assert item.path.suffix.lower() in OPTS.media_extensions
            else:
                assert isinstance(item, ScanSkip)


# --------------------------------------------------------------------------- async


async def test_scan_into_stream(tmp_path: Path) -> None:
    for i in range(50):
        touch(tmp_path / f"d{i % 3}" / f"{i:03}.jpg")
    touch(tmp_path / "x.txt")
    send, receive = anyio.create_memory_object_stream[ScanItem](0)
    received: list[ScanItem] = []
    with anyio.fail_after(20):
        async with anyio.create_task_group() as tg:

            async def produce() -> None:
                stats = await scan_into(tmp_path, OPTS, send, batch_size=7)
                assert (stats.files, stats.skipped, stats.errors, stats.completed) == (
                    50,
                    1,
                    0,
                    True,
                )
                assert stats.bytes == 50

            tg.start_soon(produce)
            async with receive:
                async for item in receive:
                    received.append(item)
    assert received == scan(tmp_path)


async def test_scan_into_backpressure_and_early_close(tmp_path: Path) -> None:
    for i in range(300):
        touch(tmp_path / f"{i:04}.jpg")
    send, receive = anyio.create_memory_object_stream[ScanItem](0)
    result: list[Any] = []
    with anyio.fail_after(20):
        async with anyio.create_task_group() as tg:

            async def produce() -> None:
                result.append(await scan_into(tmp_path, OPTS, send, batch_size=10))

            tg.start_soon(produce)
            async with receive:
                for _ in range(5):
                    await receive.receive()
            # Receiver closed after 5 items: the walk stops.
    (stats,) = result
    assert not stats.completed
    assert stats.files < 300


async def test_scan_into_cancellation_stops_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(40):
        touch(tmp_path / f"d{i:02}" / "a.jpg")
    send, receive = anyio.create_memory_object_stream[ScanItem](0)
    thread_done = threading.Event()
    real_iter_scan = scan_mod.iter_scan

    def tracking_iter_scan(*args: Any, **kwargs: Any) -> Iterator[ScanItem]:
        try:
            yield from real_iter_scan(*args, **kwargs)
        finally:
            thread_done.set()

    monkeypatch.setattr(scan_mod, "iter_scan", tracking_iter_scan)
    with anyio.fail_after(20):
        async with receive, anyio.create_task_group() as tg:
            tg.start_soon(scan_into, tmp_path, OPTS, send)
            await receive.receive()  # the walk is running and blocked on the full stream
            tg.cancel_scope.cancel()
    # The worker thread finished (to_thread waits for it): the generator was closed.
    assert thread_done.is_set()


async def test_scan_into_cancelled_while_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cancellation reaches the thread even while no item is being sent."""
    touch(tmp_path / "a.jpg")
    started = threading.Event()
    release = threading.Event()
    checks = []

    def slow_check() -> None:
        checks.append(1)
        started.set()
        release.wait(5)
        anyio.from_thread.check_cancelled()

    real_iter = scan_mod.iter_scan

    def patched(
        paths: Any, options: ScanOptions, *, check_cancelled: Any = None
    ) -> Iterator[ScanItem]:
        return real_iter(paths, options, check_cancelled=slow_check)

    monkeypatch.setattr(scan_mod, "iter_scan", patched)
    send, receive = anyio.create_memory_object_stream[ScanItem](10)
    with anyio.fail_after(20):
        async with receive, anyio.create_task_group() as tg:
            tg.start_soon(scan_into, tmp_path, OPTS, send)
            await anyio.to_thread.run_sync(started.wait)
            tg.cancel_scope.cancel()
            release.set()
    assert len(checks) == 1


def test_who_can_take_a_sidecar(tmp_path: Path) -> None:
    """``media_by_sidecar_base``: for each sidecar base (a sidecar's name without its
    extension), the media files next to it that can take it -- every one that exists,
    whatever a scan would skip (hidden, excluded), so a sidecar is never taken from them."""
    for name in ("a.jpg", "a.CR2", "a.jpg.mp4", "b.heic", ".a.jpg", "notes.txt", "a.xmp"):
        touch(tmp_path / name)
    (tmp_path / "a.mp4").mkdir()  # a directory is no media file
    index = scan_mod.media_by_sidecar_base(tmp_path, frozenset({".jpg", ".cr2", ".mp4", ".heic"}))
    assert index["a"] == ["a.CR2", "a.jpg"]
    assert index["a.jpg"] == ["a.jpg", "a.jpg.mp4"]
    assert index["b"] == ["b.heic"] and index[".a"] == [".a.jpg"]
    assert "notes" not in index and "a.xmp" not in index


def test_the_scan_records_the_ctime(tmp_path: Path) -> None:
    path = touch(tmp_path / "a.jpg")
    (item,) = iter_scan(tmp_path, OPTS)
    (explicit,) = iter_scan([path], OPTS)
    assert isinstance(item, ScannedFile) and isinstance(explicit, ScannedFile)
    assert item.ctime_ns == explicit.ctime_ns == path.stat().st_ctime_ns
    assert item.identity == explicit.identity == scan_mod.FileIdentity.from_stat(path.stat())
