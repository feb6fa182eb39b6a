"""Takeout JSON files parsed into typed records.

A JSON file is classified **by its content**, not its name:

* a **media sidecar** (:class:`MediaSidecar`) has a photo field (``photoTakenTime``,
  ``creationTime``, ``imageViews``, ``googlePhotosOrigin``, ...);
* an **album metadata** file (:class:`AlbumSidecar`) wraps its fields in ``albumData``
  (old exports) or has a ``title`` and no photo field (``{title, description, access,
  date, location, geoData}``; since 2025 often just ``{title}`` plus ``enrichments``);
* anything else is :class:`OtherJson` (``shared_album_comments.json``, a Keep note, ...).

Field rules (Google documents none of them):

* ``photoTakenTime.timestamp`` is a string of epoch seconds, UTC (numbers accepted too);
  ``"0"`` or absent means no date. ``formatted`` is localized text and never read.
* ``geoData``/``geoDataExif``: ``0, 0`` means no location. ``geoData`` may hold a
  location the user edited, ``geoDataExif`` the one from the file;
  :attr:`MediaSidecar.location` prefers the former.
* ``favorited``/``archived``/``trashed`` are omitted when false.
* ``googlePhotosOrigin.fromPartnerSharing`` (its presence) marks a partner's photo.
* ``people[].name`` are the faces the user named.
"""

from __future__ import annotations

import json
import math
from typing import Any

import attrs

__all__ = [
    "AlbumSidecar",
    "GeoPoint",
    "MediaSidecar",
    "OtherJson",
    "Sidecar",
    "SidecarError",
    "parse_sidecar",
    "sidecar_from_record",
    "sidecar_record",
]

_MEDIA_KEYS = frozenset(
    {
        "photoTakenTime",
        "creationTime",
        "photoLastModifiedTime",
        "modificationTime",
        "imageViews",
        "googlePhotosOrigin",
        "geoDataExif",
    }
)


class SidecarError(ValueError):
    """A JSON file that cannot be read (not UTF-8, not JSON); the message says why."""


@attrs.frozen
class GeoPoint:
    latitude: float
    longitude: float
    altitude: float | None = None


@attrs.frozen(kw_only=True)
class MediaSidecar:
    """The metadata Google exported for one photo or video."""

    title: str
    """The name as uploaded ("" when absent); Immich's ``originalFileName``."""
    taken: int | None
    """``photoTakenTime``: capture time, epoch seconds UTC; None when absent or 0."""
    created: int | None
    """``creationTime``: when it was uploaded to Google Photos (epoch seconds UTC)."""
    modified: int | None
    """``photoLastModifiedTime`` (or ``modificationTime``) where present."""
    geo: GeoPoint | None
    """``geoData`` (None for 0, 0)."""
    geo_exif: GeoPoint | None
    """``geoDataExif`` (None for 0, 0)."""
    description: str
    favorited: bool
    archived: bool
    trashed: bool
    partner: bool
    """Shared by a partner (``googlePhotosOrigin.fromPartnerSharing``)."""
    origin: str | None
    """How it reached Google Photos: ``mobileUpload``, ``webUpload``, ``driveSync``, ..."""
    people: tuple[str, ...]

    @property
    def location(self) -> GeoPoint | None:
        """``geoData`` if set (it carries the user's edits), else ``geoDataExif``."""
        return self.geo if self.geo is not None else self.geo_exif


@attrs.frozen(kw_only=True)
class AlbumSidecar:
    """An album's metadata file."""

    title: str
    description: str
    enrichments: tuple[str, ...]
    """Texts and place names the user added to the album (newer exports)."""
    location: str
    geo: GeoPoint | None
    date: int | None

    @property
    def full_description(self) -> str:
        """The description, else the enrichment texts (one per line)."""
        return self.description or "\n".join(self.enrichments)


@attrs.frozen
class OtherJson:
    """A JSON file that describes neither a photo nor an album."""

    reason: str


Sidecar = MediaSidecar | AlbumSidecar | OtherJson


# --------------------------------------------------------------------------- parsing


def _decode(data: bytes) -> Any:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SidecarError(f"not UTF-8 (byte {exc.start})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SidecarError(f"not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    except RecursionError as exc:
        raise SidecarError("not valid JSON (nested too deeply)") from exc


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _bool(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _timestamp(value: Any) -> int | None:
    """Epoch seconds from ``{"timestamp": "1695397525", "formatted": ...}`` (or a bare
    number or string); None for 0, absent, or unreadable."""
    if isinstance(value, dict):
        value = value.get("timestamp")
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value) if isinstance(value, str) else value
        if not isinstance(number, (int, float)) or not math.isfinite(number):
            return None
        seconds = int(number)
    except (TypeError, ValueError, OverflowError):
        return None
    return seconds or None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _geo(value: Any) -> GeoPoint | None:
    if not isinstance(value, dict):
        return None
    lat = _float(value.get("latitude"))
    lon = _float(value.get("longitude"))
    if lat is None or lon is None or (lat == 0 and lon == 0):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return GeoPoint(lat, lon, _float(value.get("altitude")))


def _people(value: Any) -> tuple[str, ...]:
    names: dict[str, None] = {}
    if isinstance(value, list):
        for person in value:
            name = _str(person.get("name")).strip() if isinstance(person, dict) else ""
            if name:
                names[name] = None
    return tuple(names)


def _media(obj: dict[str, Any]) -> MediaSidecar:
    origin = obj.get("googlePhotosOrigin")
    origin_kind = next(iter(origin), None) if isinstance(origin, dict) and origin else None
    return MediaSidecar(
        title=_str(obj.get("title")),
        taken=_timestamp(obj.get("photoTakenTime")),
        created=_timestamp(obj.get("creationTime")),
        modified=_timestamp(obj.get("photoLastModifiedTime", obj.get("modificationTime"))),
        geo=_geo(obj.get("geoData")),
        geo_exif=_geo(obj.get("geoDataExif")),
        description=_str(obj.get("description")),
        favorited=_bool(obj.get("favorited")),
        archived=_bool(obj.get("archived")),
        trashed=_bool(obj.get("trashed")),
        partner=isinstance(origin, dict) and "fromPartnerSharing" in origin,
        origin=str(origin_kind) if origin_kind is not None else None,
        people=_people(obj.get("people")),
    )


def _enrichments(value: Any) -> tuple[tuple[str, ...], GeoPoint | None]:
    texts: list[str] = []
    geo: GeoPoint | None = None
    if not isinstance(value, list):
        return (), None
    for item in value:
        if not isinstance(item, dict):
            continue
        narrative = item.get("narrativeEnrichment")
        if isinstance(narrative, dict) and _str(narrative.get("text")).strip():
            texts.append(_str(narrative.get("text")).strip())
        place = item.get("locationEnrichment")
        locations = place.get("location") if isinstance(place, dict) else None
        for loc in locations if isinstance(locations, list) else ():
            if not isinstance(loc, dict):
                continue
            name = _str(loc.get("name")).strip()
            if name:
                texts.append(name)
            lat, lon = _float(loc.get("latitudeE7")), _float(loc.get("longitudeE7"))
            if geo is None and lat is not None and lon is not None:
                geo = _geo({"latitude": lat / 1e7, "longitude": lon / 1e7})
    return tuple(texts), geo


def _album(obj: dict[str, Any]) -> AlbumSidecar:
    enrichments, enrichment_geo = _enrichments(obj.get("enrichments"))
    geo = _geo(obj.get("geoData"))
    return AlbumSidecar(
        title=_str(obj.get("title")),
        description=_str(obj.get("description")).strip(),
        enrichments=enrichments,
        location=_str(obj.get("location")).strip(),
        geo=geo if geo is not None else enrichment_geo,
        date=_timestamp(obj.get("date")),
    )


def parse_sidecar(data: bytes) -> Sidecar:
    """The typed record of one Takeout JSON file; :class:`SidecarError` if unreadable."""
    obj = _decode(data)
    if not isinstance(obj, dict):
        return OtherJson(f"a JSON {type(obj).__name__}, not an object")
    wrapped = obj.get("albumData")
    if isinstance(wrapped, dict):
        return _album(wrapped)
    if _MEDIA_KEYS & obj.keys():
        return _media(obj)
    if isinstance(obj.get("title"), str):
        return _album(obj)
    return OtherJson("neither photo nor album metadata")


# --------------------------------------------------------------------------- storage


def _geo_out(geo: GeoPoint | None) -> list[float | None] | None:
    return None if geo is None else [geo.latitude, geo.longitude, geo.altitude]


def _geo_in(value: Any) -> GeoPoint | None:
    return None if value is None else GeoPoint(*value)


def sidecar_record(sidecar: Sidecar) -> str:
    """The record as compact JSON (what the index stores)."""
    body: list[Any]
    if isinstance(sidecar, MediaSidecar):
        s = sidecar
        body = [
            "media", s.title, s.taken, s.created, s.modified, _geo_out(s.geo),
            _geo_out(s.geo_exif), s.description, s.favorited, s.archived, s.trashed,
            s.partner, s.origin, list(s.people),
        ]  # fmt: skip
    elif isinstance(sidecar, AlbumSidecar):
        a = sidecar
        body = [
            "album", a.title, a.description, list(a.enrichments), a.location,
            _geo_out(a.geo), a.date,
        ]  # fmt: skip
    else:
        body = ["other", sidecar.reason]
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def sidecar_from_record(text: str) -> Sidecar:
    """The inverse of :func:`sidecar_record`."""
    body = json.loads(text)
    kind = body[0]
    if kind == "media":
        (_, title, taken, created, modified, geo, geo_exif, description, favorited,
         archived, trashed, partner, origin, people) = body  # fmt: skip
        return MediaSidecar(
            title=title, taken=taken, created=created, modified=modified, geo=_geo_in(geo),
            geo_exif=_geo_in(geo_exif), description=description, favorited=favorited,
            archived=archived, trashed=trashed, partner=partner, origin=origin,
            people=tuple(people),
        )  # fmt: skip
    if kind == "album":
        _, title, description, enrichments, location, geo, date = body
        return AlbumSidecar(
            title=title, description=description, enrichments=tuple(enrichments),
            location=location, geo=_geo_in(geo), date=date,
        )  # fmt: skip
    return OtherJson(body[1])
