"""Small real media for the end-to-end tests: JPEGs with EXIF dates, XMP sidecars, videos."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from immich_bulk.samples import jpeg_bytes

FFMPEG = shutil.which("ffmpeg")
needs_ffmpeg = pytest.mark.skipif(
    FFMPEG is None, reason="ffmpeg is not installed (it comes with a real server's build)"
)


def photo(path: Path, seed: int, taken: dt.datetime, size: int | None = None) -> bytes:
    """A JPEG with EXIF ``DateTimeOriginal`` *taken* (no offset), written to *path*."""
    data = jpeg_bytes(seed, taken, size=size)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def xmp(
    path: Path,
    *,
    description: str | None = None,
    rating: int | None = None,
    gps: tuple[str, str] | None = None,
    taken: str | None = None,
) -> None:
    """An XMP sidecar as Lightroom or darktable write it (attributes and a ``dc:description``);
    *gps* in XMP's ``DD,MM.mmmN`` form, *taken* as ``exif:DateTimeOriginal`` text."""
    attributes = ""
    if rating is not None:
        attributes += f' xmp:Rating="{rating}"'
    if taken is not None:
        attributes += f' exif:DateTimeOriginal="{taken}"'
    if gps is not None:
        attributes += f' exif:GPSLatitude="{gps[0]}" exif:GPSLongitude="{gps[1]}"'
    body = ""
    if description is not None:
        body = (
            '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
            f"{escape(description)}</rdf:li></rdf:Alt></dc:description>"
        )
    path.write_text(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/"'
        f"{attributes}>{body}</rdf:Description></rdf:RDF></x:xmpmeta>\n",
        encoding="utf-8",
    )


def video(path: Path, *, seconds: int = 1, created: str | None = None, seed: int = 0) -> None:
    """A small real H.264 video (64x48, 5 fps); *created* becomes its QuickTime creation
    date (``2019-03-04T05:06:07Z``). *seed* changes the picture, so the bytes differ."""
    assert FFMPEG is not None
    args = [FFMPEG, "-v", "error", "-y", "-f", "lavfi"]
    args += ["-i", f"testsrc=size=64x48:rate=5:decimals={seed % 3}", "-t", str(seconds)]
    args += ["-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast"]
    args += ["-vf", f"drawbox=x={seed % 60}:y=0:w=4:h=4:color=red"]
    if created is not None:
        args += ["-metadata", f"creation_time={created}"]
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([*args, str(path)], check=True, timeout=60)
