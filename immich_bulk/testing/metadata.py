"""What Immich's metadata extraction reads from an upload, as far as the fake models it.

Immich runs exiftool over the file and its ``.xmp`` sidecar (the sidecar's tags win) after
each upload, and then rewrites the asset's dates, size and exif fields. The fake reads the
same few things at upload time, without exiftool:

- a JPEG's EXIF: ``DateTimeOriginal`` (with ``OffsetTimeOriginal``), ``Orientation``,
  ``ImageDescription`` and the GPS position;
- a QuickTime/MP4 video's ``mvhd`` and ``tkhd`` boxes: creation date (always UTC), duration,
  frame size;
- an XMP sidecar: ``dc:description``, ``xmp:Rating``, ``exif:GPSLatitude``/``GPSLongitude``
  and the capture date (``exif:DateTimeOriginal``, ``xmp:CreateDate``,
  ``photoshop:DateCreated``, with ``exif:OffsetTimeOriginal``).

Time zones are named as Immich names them: an offset tag (``OffsetTimeOriginal``) by its
offset (``UTC``, ``UTC+2``), an offset found only inside a date the same way but ``UTC+0``
for zero; a video's QuickTime dates are ``UTC``; a sidecar with a date brings its zone, or
none. A capture date changed with ``PUT`` ends up like an offset inside a date (Immich
writes it to the sidecar and reads it back).

Not modelled: Immich names the time zone of a photo with a GPS position after that place
(``Europe/Paris``), from a geographic database; the fake keeps the date's offset
(``UTC+2``), and reads a date without offset as UTC where Immich places it in that zone.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "Extracted",
    "merge",
    "offset_tag_zone_name",
    "put_capture",
    "read_media",
    "read_sidecar",
    "read_sidecar_offset",
    "time_zone_name",
]

QUICKTIME_EXTENSIONS = frozenset({".mp4", ".mov", ".m4v", ".3gp", ".3gpp", ".insv"})
_QT_EPOCH = datetime(1904, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Extracted:
    """Tags read from a file or a sidecar (None: not there)."""

    taken: datetime | None = None  # aware when the source gave an offset, naive otherwise
    time_zone: str | None = None
    description: str | None = None
    rating: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    width: int | None = None
    height: int | None = None
    orientation: str | None = None
    duration: str | None = None
    tags: tuple[str, ...] | None = None
    """Tag values (``a/b``) from a sidecar's ``digiKam:TagsList``."""


def merge(media: Extracted, sidecar: Extracted | None) -> Extracted:
    """The sidecar's tags over the file's (as exiftool reads a file with its sidecar); a
    sidecar with a date brings its own zone, or none (Immich drops the file's then)."""
    if sidecar is None:
        return media
    given = {f.name: getattr(sidecar, f.name) for f in fields(sidecar)}
    taken = {k: v for k, v in given.items() if v is not None}
    if sidecar.taken is not None:
        taken["time_zone"] = sidecar.time_zone
    return replace(media, **taken)


def time_zone_name(offset: timedelta) -> str:
    """Immich's name of an offset found only inside a date: ``UTC+2``, ``UTC-3:30``,
    ``UTC+0``."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def offset_tag_zone_name(offset: timedelta) -> str:
    """Immich's name of the zone an offset tag (``OffsetTimeOriginal``) gives: as
    :func:`time_zone_name`, but ``UTC`` for zero."""
    return "UTC" if not offset else time_zone_name(offset)


def put_capture(
    raw: str, value: datetime, sidecar_offset: timedelta | None = None
) -> tuple[datetime, str]:
    """The capture date and zone a ``PUT`` of ``dateTimeOriginal`` *raw* (parsed: *value*)
    leaves once Immich has written the date into the sidecar and read it back: a date
    without an offset is taken as UTC; the zone is named after the offset tag the sidecar
    already had (*sidecar_offset*: Immich rewrites only the date), else after the date's
    offset (``UTC+0`` for zero)."""
    if value.tzinfo is None or not re.search(r"(?:[+-]\d\d:?\d\d|[Zz])$", raw.strip()):
        value = value.replace(tzinfo=timezone.utc)
    if sidecar_offset is not None:
        return value, offset_tag_zone_name(sidecar_offset)
    return value, time_zone_name(value.utcoffset() or timedelta(0))


def read_sidecar_offset(xmp: bytes) -> timedelta | None:
    """The ``exif:OffsetTimeOriginal`` of an XMP sidecar, if it has one."""
    return _offset(_xmp_value(xmp, b"exif:OffsetTimeOriginal"))


# --------------------------------------------------------------------------- media files


def read_media(path: Path, ext: str) -> Extracted:
    """The tags of an uploaded file (an empty result for what the fake cannot read)."""
    try:
        with open(path, "rb") as fh:
            if ext in (".jpg", ".jpeg", ".jpe"):
                return _read_jpeg(fh.read(256 * 1024))
            if ext in QUICKTIME_EXTENSIONS:
                return _read_quicktime(fh)
    except (OSError, struct.error, ValueError, IndexError):
        pass
    return Extracted()


def _read_jpeg(head: bytes) -> Extracted:
    pos = 2
    while pos + 4 <= len(head) and head[pos] == 0xFF:
        marker = head[pos + 1]
        (length,) = struct.unpack(">H", head[pos + 2 : pos + 4])
        if marker == 0xE1 and head[pos + 4 : pos + 10] == b"Exif\0\0":
            return _read_tiff(head[pos + 10 : pos + 2 + length])
        if marker == 0xDA:  # start of scan: no more metadata segments
            break
        pos += 2 + length
    return Extracted()


def _read_tiff(tiff: bytes) -> Extracted:
    order = "<" if tiff[:2] == b"II" else ">"

    def entries(offset: int) -> Iterator[tuple[int, int, int, bytes]]:
        (count,) = struct.unpack(order + "H", tiff[offset : offset + 2])
        for n in range(count):
            at = offset + 2 + 12 * n
            tag, kind, number = struct.unpack(order + "HHI", tiff[at : at + 8])
            size = number * {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8}.get(kind, 1)
            raw = tiff[at + 8 : at + 12]
            if size > 4:
                (where,) = struct.unpack(order + "I", raw)
                raw = tiff[where : where + size]
            yield tag, kind, number, raw

    def text(raw: bytes) -> str:
        return raw.split(b"\0", 1)[0].decode("utf-8", "replace").strip()

    def rationals(raw: bytes, number: int) -> list[float]:
        values = struct.unpack(order + "I" * (2 * number), raw[: 8 * number])
        return [a / b if b else 0.0 for a, b in zip(values[::2], values[1::2], strict=True)]

    tags: dict[int, tuple[int, int, bytes]] = {}
    (ifd0,) = struct.unpack(order + "I", tiff[4:8])
    for tag, kind, number, raw in entries(ifd0):
        tags[tag] = (kind, number, raw)
    for pointer in (0x8769, 0x8825):  # the Exif and GPS sub-IFDs
        if pointer in tags:
            (sub,) = struct.unpack(order + "I", tags[pointer][2][:4])
            for tag, kind, number, raw in entries(sub):
                tags[(pointer << 16) | tag] = (kind, number, raw)
    found: dict[str, object] = {}
    if (stamp := tags.get(0x8769_9003)) is not None:
        offset = tags.get(0x8769_9011)
        found.update(_exif_date(text(stamp[2]), text(offset[2]) if offset else ""))
    if (orientation := tags.get(0x0112)) is not None:
        (value,) = struct.unpack(order + "H", orientation[2][:2])
        found["orientation"] = str(value)
    if (description := tags.get(0x010E)) is not None and text(description[2]):
        found["description"] = text(description[2])
    lat, lon = tags.get(0x8825_0002), tags.get(0x8825_0004)
    if lat is not None and lon is not None:
        south = text(tags.get(0x8825_0001, (2, 2, b"N"))[2]) == "S"
        west = text(tags.get(0x8825_0003, (2, 2, b"E"))[2]) == "W"
        found["latitude"] = _degrees(rationals(lat[2], 3), negative=south)
        found["longitude"] = _degrees(rationals(lon[2], 3), negative=west)
    return Extracted(**found)  # type: ignore[arg-type]


def _exif_date(stamp: str, offset: str) -> dict[str, object]:
    try:
        taken = datetime.strptime(stamp[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return {}
    if re.fullmatch(r"[+-]\d\d:\d\d", offset):
        sign = 1 if offset[0] == "+" else -1
        delta = sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))
        zone = offset_tag_zone_name(delta)
        return {"taken": taken.replace(tzinfo=timezone(delta)), "time_zone": zone}
    return {"taken": taken}


def _degrees(parts: list[float], *, negative: bool) -> float:
    value = round(parts[0] + parts[1] / 60 + parts[2] / 3600, 6)
    return -value if negative else value


def _read_quicktime(fh: BinaryIO) -> Extracted:
    found: dict[str, object] = {"time_zone": "UTC", "orientation": "1"}  # QuickTime dates are UTC
    for kind, body in _boxes(fh, b"moov", want={b"mvhd", b"trak"}):
        if kind == b"mvhd":
            version = body[0]
            if version == 1:
                created, _, scale, length = struct.unpack(">QQIQ", body[4:32])
            else:
                created, _, scale, length = struct.unpack(">IIII", body[4:20])
            if created:
                found["taken"] = (_QT_EPOCH + timedelta(seconds=created)).replace(tzinfo=None)
            if scale:
                found["duration"] = _hms(length / scale)
        elif kind == b"trak" and "width" not in found:
            size = _track_size(body)
            if size is not None:
                found["width"], found["height"] = size
    return Extracted(**found)  # type: ignore[arg-type]


def _boxes(fh: BinaryIO, parent: bytes, want: set[bytes]) -> Iterator[tuple[bytes, bytes]]:
    """The boxes named *want* directly inside the top-level box *parent* (read whole)."""
    fh.seek(0)
    while True:
        head = fh.read(8)
        if len(head) < 8:
            return
        size, kind = struct.unpack(">I4s", head)
        header = 8
        if size == 1:
            (size,) = struct.unpack(">Q", fh.read(8))
            header = 16
        if kind != parent:
            if size == 0:
                return
            fh.seek(size - header, 1)
            continue
        body = fh.read(size - header) if size else fh.read()
        pos = 0
        while pos + 8 <= len(body):
            (child_size,) = struct.unpack(">I", body[pos : pos + 4])
            child = body[pos + 4 : pos + 8]
            if child_size < 8:
                return
            if child in want:
                yield child, body[pos + 8 : pos + child_size]
            pos += child_size
        return


def _track_size(trak: bytes) -> tuple[int, int] | None:
    pos = 0
    while pos + 8 <= len(trak):
        (size,) = struct.unpack(">I", trak[pos : pos + 4])
        if size < 8:
            return None
        if trak[pos + 4 : pos + 8] == b"tkhd":
            body = trak[pos + 8 : pos + size]
            tail = body[-8:]  # width and height, 16.16 fixed point, end the box
            width, height = (v >> 16 for v in struct.unpack(">II", tail))
            return (width, height) if width and height else None
        pos += size
    return None


def _hms(seconds: float) -> str:
    """Luxon's ``hh:mm:ss.SSS``, as Immich formats a video's duration."""
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    return f"{hours:02d}:{minutes:02d}:{millis // 1000:02d}.{millis % 1000:03d}"


# --------------------------------------------------------------------------- sidecars

_XMP_DATE = re.compile(
    rb"(?:exif:DateTimeOriginal|xmp:CreateDate|photoshop:DateCreated)"
    rb"\s*(?:=\s*[\"']([^\"']+)[\"']|>\s*([^<]+)<)"
)
_XMP_DESCRIPTION = re.compile(
    rb"<dc:description>\s*(?:<rdf:Alt>\s*<rdf:li[^>]*>([^<]*)</rdf:li>|([^<]*)</dc:description>)"
    rb"|dc:description\s*=\s*[\"']([^\"']*)[\"']"
)


def _xmp_value(xmp: bytes, name: bytes) -> str | None:
    """An XMP property given as an attribute (``xmp:Rating="4"``) or an element."""
    match = re.search(
        rb"\b" + re.escape(name) + rb"\s*(?:=\s*[\"']([^\"']*)[\"']|>\s*([^<]*)<)", xmp
    )
    if not match:
        return None
    raw = match.group(1) if match.group(1) is not None else match.group(2)
    return _unescape(raw.decode("utf-8", "replace")).strip()


def _unescape(text: str) -> str:
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'")):
        text = text.replace(entity, char)
    return text.replace("&amp;", "&")


def read_sidecar(xmp: bytes) -> Extracted:
    """The tags of an XMP sidecar that Immich uses."""
    found: dict[str, object] = {}
    date = _xmp_date(xmp)
    if date is not None:
        tag = _offset(_xmp_value(xmp, b"exif:OffsetTimeOriginal"))
        if tag is not None:  # the zone is the tag's; a plain date is in it
            date = date if date.tzinfo is not None else date.replace(tzinfo=timezone(tag))
            found["time_zone"] = offset_tag_zone_name(tag)
        elif (offset := date.utcoffset()) is not None:
            found["time_zone"] = time_zone_name(offset)
        found["taken"] = date
    match = _XMP_DESCRIPTION.search(xmp)
    if match:
        raw = next(g for g in match.groups() if g is not None)
        text = _unescape(raw.decode("utf-8", "replace")).strip()
        if text:
            found["description"] = text
    rating = _xmp_value(xmp, b"xmp:Rating")
    if rating is not None:
        try:
            value = int(float(rating))
        except ValueError:
            value = None
        if value is not None and -1 <= value <= 5 and value != 0:  # Immich: 0 is no rating
            found["rating"] = value
    lat = _gps(_xmp_value(xmp, b"exif:GPSLatitude"))
    lon = _gps(_xmp_value(xmp, b"exif:GPSLongitude"))
    if lat is not None and lon is not None and (lat or lon):
        found["latitude"], found["longitude"] = lat, lon
    listed = _XMP_TAGS_LIST.search(xmp)
    if listed:
        items = (
            _unescape(i.decode("utf-8", "replace")).strip() for i in _XMP_LI.findall(listed[1])
        )
        found["tags"] = tuple(i for i in items if i)
    return Extracted(**found)  # type: ignore[arg-type]


# the tag list Immich reads first (then HierarchicalSubject, Keywords: not read here)
_XMP_TAGS_LIST = re.compile(rb"<digiKam:TagsList>(.*?)</digiKam:TagsList>", re.DOTALL)
_XMP_LI = re.compile(rb"<rdf:li>(.*?)</rdf:li>", re.DOTALL)


def _xmp_date(xmp: bytes) -> datetime | None:
    match = _XMP_DATE.search(xmp)
    if not match:
        return None
    raw = (match.group(1) or match.group(2) or b"").decode("utf-8", "replace").strip()
    if re.match(r"^\d{4}:\d{2}:\d{2}", raw):
        raw = raw[:10].replace(":", "-") + raw[10:]
    raw = raw.replace(" ", "T", 1)
    if raw.endswith(("Z", "z")):
        raw = raw[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        return None


def _offset(value: str | None) -> timedelta | None:
    """An offset tag's value: ``+02:00``, ``-0330``, ``Z``."""
    if value in ("Z", "z"):
        return timedelta(0)
    match = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", value or "")
    if not match:
        return None
    delta = timedelta(hours=int(match[2]), minutes=int(match[3] or 0))
    return -delta if match[1] == "-" else delta


def _gps(value: str | None) -> float | None:
    """XMP's ``DDD,MM.mmmk`` / ``DDD,MM,SSk`` (k: N, S, E, W), or a plain decimal."""
    if not value:
        return None
    match = re.fullmatch(r"(\d+),(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?([NSEW])", value)
    if match:
        degrees = float(match[1]) + float(match[2]) / 60 + float(match[3] or 0) / 3600
        return round(-degrees if match[4] in "SW" else degrees, 6)
    try:
        return round(float(value), 6)
    except ValueError:
        return None
