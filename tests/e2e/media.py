"""Small real media for the end-to-end tests: JPEGs with EXIF dates, XMP sidecars, videos;
uploads of them."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from immich_bulk import AsyncClient, UploadFile
from immich_bulk.models import AssetMediaCreateDto, AssetVisibility
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


def video_bytes(seed: int, *, container: str = "mp4", seconds: int = 1) -> bytes:
    """The bytes of :func:`video` (a ``.mp4`` or ``.mov``), unique for *seed*; skips the
    test when ffmpeg is not installed."""
    if FFMPEG is None:
        pytest.skip("ffmpeg is not installed (it comes with a real server's build)")
    return _video_bytes(seed, container, seconds)


@functools.cache
def _video_bytes(seed: int, container: str, seconds: int) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"v.{container}"
        video(path, seconds=seconds, seed=seed)
        return path.read_bytes()


async def upload(
    client: AsyncClient,
    data: bytes,
    filename: str,
    when: dt.datetime,
    *,
    visibility: AssetVisibility | None = None,
    is_favorite: bool | None = None,
    live_photo_video_id: str | None = None,
    sidecar: bytes | None = None,
) -> str:
    """Upload *data* as *filename* (the generated multipart call); returns the asset id."""
    extra: dict[str, object] = {}
    if visibility is not None:
        extra["visibility"] = visibility
    if is_favorite is not None:
        extra["is_favorite"] = is_favorite
    if live_photo_video_id is not None:
        extra["live_photo_video_id"] = live_photo_video_id
    if sidecar is not None:
        extra["sidecar_data"] = UploadFile(sidecar, filename=f"{filename}.xmp")
    created = await client.assets.upload_asset(
        AssetMediaCreateDto(
            asset_data=UploadFile(data, filename=filename),
            device_asset_id=f"e2e-{filename}",
            device_id="e2e",
            file_created_at=when,
            file_modified_at=when,
            filename=filename,
            **extra,  # type: ignore[arg-type]
        )
    )
    return created.id
