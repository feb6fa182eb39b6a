"""Sample libraries: small, valid, distinct JPEGs with EXIF dates (for demos, tests, benchmarks).

Every photo is the same 16x16 image, made unique by an EXIF ``DateTimeOriginal`` and a
comment segment; ``size=`` pads it (with more comment segments) to a target byte size. Any
JPEG decoder opens them, and Immich reads their dates.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import random
import struct
from collections.abc import Iterator
from pathlib import Path

import attrs

__all__ = ["SampleLibrary", "jpeg_bytes", "write_sample_library"]

# A 16x16 baseline JPEG (a colour gradient), 317 bytes.
_BASE = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIs"
    "IxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIy"
    "MjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAAQABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAA"
    "Bgf/xAAYEAACAwAAAAAAAAAAAAAAAAAABAUiMf/EABUBAQEAAAAAAAAAAAAAAAAAAAED/8QAGhEAAgIDAAAAAAAA"
    "AAAAAAAAAAUEBiExYf/aAAwDAQACEQMRAD8An6MFlBMhBZQSoQWUE6MFlCktr0K+71k//9k="
)
_SOI_APP0_END = 2 + 2 + struct.unpack(">H", _BASE[4:6])[0]  # after the JFIF segment
_MAX_SEGMENT = 65533  # payload bytes of one marker segment


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def _exif(taken: dt.datetime) -> bytes:
    """APP1 with a little-endian TIFF: IFD0 -> Exif IFD -> DateTimeOriginal."""
    stamp = taken.strftime("%Y:%m:%d %H:%M:%S").encode() + b"\0"  # 20 bytes
    ifd0 = 8
    exif_ifd = ifd0 + 2 + 12 + 4
    value_at = exif_ifd + 2 + 12 + 4
    tiff = b"II*\0" + struct.pack("<I", ifd0)
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x8769, 4, 1, exif_ifd) + b"\0\0\0\0"
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x9003, 2, len(stamp), value_at)
    tiff += b"\0\0\0\0" + stamp
    return _segment(0xE1, b"Exif\0\0" + tiff)


def jpeg_bytes(seed: int, taken: dt.datetime, size: int | None = None) -> bytes:
    """A valid JPEG, unique for *seed*, dated *taken*, padded to *size* bytes if given."""
    head = _BASE[:_SOI_APP0_END] + _exif(taken)
    tag = _segment(0xFE, f"immich-bulk sample {seed}".encode())
    body = _BASE[_SOI_APP0_END:]
    data = head + tag + body
    if size is not None and size > len(data):
        rng = random.Random(seed)
        padding = []
        missing = size - len(data)
        while missing > 0:
            chunk = min(_MAX_SEGMENT, max(0, missing - 4))
            padding.append(_segment(0xFE, rng.randbytes(chunk)))
            missing -= chunk + 4
        data = head + tag + b"".join(padding) + body
    return data


@attrs.frozen
class SampleLibrary:
    root: Path
    photos: int  # distinct photos written
    files: int  # every file written (photos, the duplicate, sidecars, the text file)
    bytes: int


def _dates(count: int, seed: int) -> Iterator[dt.datetime]:
    rng = random.Random(seed)
    start = dt.datetime(2015, 1, 1, 9, 0, 0)
    for _ in range(count):
        yield start + dt.timedelta(days=rng.randrange(0, 3650), seconds=rng.randrange(0, 36000))


def write_sample_library(
    root: str | os.PathLike[str],
    *,
    photos: int = 300,
    size: int | None = None,
    folders: int = 6,
    seed: int = 0,
    extras: bool = True,
) -> SampleLibrary:
    """Write *photos* distinct JPEGs into *folders* subfolders of *root*.

    With ``extras`` it also writes what real libraries contain: a duplicate of one photo
    under another name, ``.xmp`` sidecars in both naming styles, and a non-media file.
    """
    base = Path(root)
    base.mkdir(parents=True, exist_ok=True)
    total = 0
    files = 0
    written: list[Path] = []
    for index, taken in enumerate(_dates(photos, seed)):
        folder = base / f"{taken.year}-{(index % folders) + 1:02d}"
        folder.mkdir(exist_ok=True)
        path = folder / f"IMG_{index:05d}.jpg"
        data = jpeg_bytes(seed * 1_000_003 + index, taken, size)
        path.write_bytes(data)
        written.append(path)
        total += len(data)
        files += 1
    if extras and len(written) >= 2:
        first, second = written[0], written[1]
        duplicate = first.with_name("copy of " + first.name)
        duplicate.write_bytes(first.read_bytes())
        first.with_name(first.name + ".xmp").write_text(_XMP.format(rating=5))  # a.jpg.xmp
        second.with_suffix(".xmp").write_text(_XMP.format(rating=3))  # a.xmp
        (base / "README.txt").write_text("not a photo: immich-bulk skips it and says so\n")
        files += 4
        total += duplicate.stat().st_size
    return SampleLibrary(base, photos, files, total)


_XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    '22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
    'xmp:Rating="{rating}"/></rdf:RDF></x:xmpmeta>\n'
)
