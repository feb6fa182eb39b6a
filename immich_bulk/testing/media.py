"""Media facts: supported extensions (transcript 80a), MIME types, image sizes, thumbnails.

Thumbnails are tiny deterministic placeholders, not renderings of the original:

* ``size=thumbnail`` -> an 8x8 grey lossless WebP (extended format) carrying a ``FAKE`` chunk
  with the asset id, so every asset's thumbnail differs;
* ``size=preview`` (and ``fullsize`` of a non web-friendly image) -> an 8x8 grey baseline JPEG
  with a COM segment naming the asset.

Both decode with ordinary image libraries.
"""

from __future__ import annotations

import struct
from datetime import datetime, timezone

from .metadata import read_sidecar

__all__ = [
    "IMAGE_EXTENSIONS",
    "MEDIA_TYPES",
    "SIDECAR_EXTENSIONS",
    "VIDEO_EXTENSIONS",
    "asset_type_for",
    "extension",
    "image_size",
    "is_web_friendly",
    "jpeg_preview",
    "mime_type_for",
    "sidecar_date",
    "webp_thumbnail",
]

MEDIA_TYPES: dict[str, list[str]] = {
    "video": [
        ".3gp", ".3gpp", ".avi", ".flv", ".insv", ".m2t", ".m2ts", ".m4v", ".mkv", ".mov",
        ".mp4", ".mpe", ".mpeg", ".mpg", ".mts", ".mxf", ".ts", ".vob", ".webm", ".wmv",
    ],
    "image": [
        ".avif", ".bmp", ".gif", ".jpeg", ".jpg", ".png", ".webp", ".3fr", ".ari", ".arw",
        ".cap", ".cin", ".cr2", ".cr3", ".crw", ".dcr", ".dng", ".erf", ".fff", ".iiq", ".k25",
        ".kdc", ".mrw", ".nef", ".nrw", ".orf", ".ori", ".pef", ".psd", ".raf", ".raw", ".rw2",
        ".rwl", ".sr2", ".srf", ".srw", ".x3f", ".heic", ".heif", ".hif", ".insp", ".jp2",
        ".jpe", ".jxl", ".svg", ".tif", ".tiff",
    ],
    "sidecar": [".xmp"],
}  # fmt: skip

IMAGE_EXTENSIONS = frozenset(MEDIA_TYPES["image"])
VIDEO_EXTENSIONS = frozenset(MEDIA_TYPES["video"])
SIDECAR_EXTENSIONS = frozenset(MEDIA_TYPES["sidecar"])
WEB_FRIENDLY = frozenset({".avif", ".gif", ".jpeg", ".jpg", ".png", ".webp"})

_MIME: dict[str, str] = {
    ".avif": "image/avif", ".bmp": "image/bmp", ".gif": "image/gif", ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg", ".jpe": "image/jpeg", ".insp": "image/jpeg", ".png": "image/png",
    ".webp": "image/webp", ".heic": "image/heic", ".heif": "image/heif", ".hif": "image/hif",
    ".jp2": "image/jp2", ".jxl": "image/jxl", ".svg": "image/svg", ".tif": "image/tiff",
    ".tiff": "image/tiff", ".psd": "image/psd", ".dng": "image/dng", ".3gp": "video/3gpp",
    ".3gpp": "video/3gpp", ".avi": "video/avi", ".flv": "video/x-flv", ".insv": "video/mp4",
    ".m2t": "video/mp2t", ".m2ts": "video/mp2t", ".m4v": "video/x-m4v", ".mkv": "video/x-matroska",
    ".mov": "video/quicktime", ".mp4": "video/mp4", ".mpe": "video/mpeg", ".mpeg": "video/mpeg",
    ".mpg": "video/mpeg", ".mts": "video/mp2t", ".mxf": "application/mxf", ".ts": "video/mp2t",
    ".vob": "video/mpeg", ".webm": "video/webm", ".wmv": "video/x-ms-wmv",
    ".xmp": "application/xml",
}  # fmt: skip


def extension(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower() if dot > 0 or (dot == 0 and len(filename) > 1) else ""


def asset_type_for(filename: str) -> str | None:
    ext = extension(filename)
    if ext in IMAGE_EXTENSIONS:
        return "IMAGE"
    if ext in VIDEO_EXTENSIONS:
        return "VIDEO"
    return None


def mime_type_for(filename: str) -> str:
    ext = extension(filename)
    if ext in _MIME:
        return _MIME[ext]
    if ext in IMAGE_EXTENSIONS:
        return f"image/{ext[1:]}"
    return "application/octet-stream"


def is_web_friendly(filename: str) -> bool:
    return extension(filename) in WEB_FRIENDLY


# --------------------------------------------------------------------------- image size


def image_size(head: bytes) -> tuple[int, int] | None:
    """(width, height) from the first bytes of a JPEG, PNG, GIF or WebP; None otherwise."""
    try:
        if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
            w, h = struct.unpack(">II", head[16:24])
            return w, h
        if head[:6] in (b"GIF87a", b"GIF89a"):
            w, h = struct.unpack("<HH", head[6:10])
            return w, h
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return _webp_size(head)
        if head[:2] == b"\xff\xd8":
            return _jpeg_size(head)
    except (struct.error, IndexError):
        return None
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return w, h
        pos += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X":
        w = int.from_bytes(data[24:27], "little") + 1
        h = int.from_bytes(data[27:30], "little") + 1
        return w, h
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 ":
        w, h = struct.unpack("<HH", data[26:30])
        return w & 0x3FFF, h & 0x3FFF
    return None


# --------------------------------------------------------------------------- thumbnails

_VP8L_8X8 = bytes.fromhex("2f07c001000750c00216b0ff8188e87f00")
_JPEG_8X8 = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300140e0f120f0d14121012171514181e3221"
    "1e1c1c1e3d2c2e243249404c4b47404645505a736250556d5645466488656d777b8182814e608d978c7d"
    "96737e817cffdb0043011517171e1a1e3b21213b7c5346537c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c"
    "7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7cffc00011080008000803"
    "012200021101031101ffc40014000100000000000000000000000000000000ffc4001410010000000000"
    "0000000000000000000000ffc40014010100000000000000000000000000000000ffc400141101000000"
    "00000000000000000000000000ffda000c03010002110311003f00000fffd9"
)


def _riff_chunk(tag: bytes, payload: bytes) -> bytes:
    pad = b"\x00" if len(payload) % 2 else b""
    return tag + struct.pack("<I", len(payload)) + payload + pad


def webp_thumbnail(asset_id: str) -> bytes:
    vp8x = _riff_chunk(b"VP8X", b"\x00\x00\x00\x00" + (7).to_bytes(3, "little") * 2)
    body = b"WEBP" + vp8x + _riff_chunk(b"VP8L", _VP8L_8X8)
    body += _riff_chunk(b"FAKE", f"FakeImmich thumbnail {asset_id}".encode())
    return b"RIFF" + struct.pack("<I", len(body)) + body


def jpeg_preview(asset_id: str) -> bytes:
    comment = f"FakeImmich preview {asset_id}".encode()
    com = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    return _JPEG_8X8[:2] + com + _JPEG_8X8[2:]


# --------------------------------------------------------------------------- sidecars


def sidecar_date(xmp: bytes) -> datetime | None:
    """The capture date an XMP sidecar declares (the first of the usual tags), if any;
    a date without offset is read as UTC."""
    taken = read_sidecar(xmp).taken
    if taken is None:
        return None
    return taken if taken.tzinfo is not None else taken.replace(tzinfo=timezone.utc)
