"""Synthetic corpora: folders of valid, unique JPEGs of an exact size, with a manifest.

Every corpus gets a fresh random seed, so its content exists nowhere else: uploading it to
a real server never dedupes against the user's library, and the checksums in the manifest
identify exactly the assets a benchmark created (that is how cleanup finds them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import attrs

from ..samples import jpeg_bytes

__all__ = ["Corpus", "CorpusSpec", "FileEntry", "human_size", "write_corpus"]

FILES_PER_FOLDER = 1000


@attrs.frozen(kw_only=True)
class CorpusSpec:
    name: str
    files: int
    size: int
    """Bytes per file (SI: 200 KB = 200,000 bytes)."""
    copies: int = 0
    """Byte-identical copies of the first files, under other names (in ``copies/``): a
    library's duplicates, which every client must upload once and recognise after."""

    @property
    def total_bytes(self) -> int:
        return (self.files + self.copies) * self.size

    def describe(self) -> str:
        extra = f" + {self.copies:,} copies" if self.copies else ""
        return f"{self.files:,} x {human_size(self.size)}{extra}"


@attrs.frozen
class FileEntry:
    path: str
    """Relative to the corpus root, with ``/``."""
    sha1: str
    """Hex."""
    size: int


@attrs.frozen(kw_only=True)
class Corpus:
    spec: CorpusSpec
    root: Path
    """The folder to upload (holds only the media files)."""
    manifest: Path
    """JSON next to the root: the seed and every file's path, SHA-1 and size."""
    seed: int
    files: int
    bytes: int

    def entries(self) -> list[FileEntry]:
        data = json.loads(self.manifest.read_text(encoding="utf-8"))
        return [FileEntry(*row) for row in data["files"]]

    def checksums(self) -> list[str]:
        """Every distinct checksum (a copy's is its original's), in corpus order."""
        return list(dict.fromkeys(e.sha1 for e in self.entries()))

    @property
    def unique(self) -> int:
        """Distinct files: the assets the server holds after an upload."""
        return self.spec.files

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        self.manifest.unlink(missing_ok=True)


def human_size(size: float) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size:.0f} B"


def _dates(count: int, seed: int) -> Iterator[dt.datetime]:
    start = dt.datetime(2012, 1, 1, 8, 0, 0)
    for i in range(count):
        yield start + dt.timedelta(seconds=(seed + i * 7919) % (12 * 365 * 86400))


def write_corpus(spec: CorpusSpec, directory: Path, *, seed: int | None = None) -> Corpus:
    """Write ``spec.files`` JPEGs of ``spec.size`` bytes under ``directory/<name>/`` (blocking).

    Files go into folders of 1,000 (``d000/IMG_000000.jpg``...). Each file is a valid JPEG,
    unique thanks to the random ``seed`` (a new one per call unless given).
    """
    if seed is None:
        seed = secrets.randbits(40) * 10_000_000
    root = directory / spec.name
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    rows: list[tuple[str, str, int]] = []
    total = 0
    folder = root
    for i, taken in enumerate(_dates(spec.files, seed)):
        if i % FILES_PER_FOLDER == 0:
            folder = root / f"d{i // FILES_PER_FOLDER:03d}"
            folder.mkdir()
        data = jpeg_bytes(seed + i, taken, spec.size)
        name = f"IMG_{i:06d}.jpg"
        with open(folder / name, "wb") as fh:
            fh.write(data)
        rows.append((f"{folder.name}/{name}", hashlib.sha1(data).hexdigest(), len(data)))
        total += len(data)
    if spec.copies:
        folder = root / "copies"
        folder.mkdir()
        for i, (rel, sha1, size) in enumerate(rows[: spec.copies]):
            name = f"COPY_{i:06d}.jpg"
            shutil.copyfile(root / rel, folder / name)
            rows.append((f"copies/{name}", sha1, size))
            total += size
    manifest = directory / f"{spec.name}.manifest.json"
    manifest.write_text(
        json.dumps({"name": spec.name, "seed": seed, "files": rows}), encoding="utf-8"
    )
    return Corpus(spec=spec, root=root, manifest=manifest, seed=seed, files=len(rows), bytes=total)


def disk_free(path: Path) -> int:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return -1


def drop_caches_hint() -> None:
    """Flush dirty pages, so one run's writes are not paid by the next run."""
    if hasattr(os, "sync"):
        os.sync()
