"""What a migrated asset should look like on the target: the metadata carried over.

:func:`desired_state` turns a source asset into the target's wanted state (favourite,
visibility, description, rating, capture date with its time zone, location, live-photo
link, trash) according to what the caller preserves; :func:`fingerprint` names that state,
so a re-run applies it again only when it changed. Values the source does not set (an
empty description, no rating, no location) never clear what the target has.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final

from ...models import AssetResponseDto, AssetVisibility, ExifResponseDto, UpdateAssetDto

__all__ = [
    "CARRIED_BY_SIDECAR",
    "PRESERVE_ALL",
    "PRESERVE_FIELDS",
    "SIDECAR_ALSO_CARRIES",
    "desired_state",
    "fingerprint",
    "normalize_preserve",
    "offset_tag",
    "sidecar_xmp",
    "still_to_apply",
    "update_dto",
]

#: What a migration can carry, by name (``preserve=``).
PRESERVE_FIELDS: Final = {
    "favorite": "favourite flag",
    "archive": "archived state (locked assets always stay locked)",
    "description": "description",
    "rating": "star rating",
    "date_time_original": "capture date and time zone (dateTimeOriginal)",
    "location": "GPS latitude/longitude",
    "live_photos": "live-photo links (still + motion video)",
    "albums": "albums (by name) and their membership",
    "stacks": "stacks, with the same primary asset",
    "tags": "tags (by value, hierarchy kept)",
}
PRESERVE_ALL: Final = frozenset(PRESERVE_FIELDS)

_UTC_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def normalize_preserve(value: Iterable[str] | None) -> frozenset[str]:
    """``None`` means everything; names are checked against :data:`PRESERVE_FIELDS`."""
    if value is None:
        return PRESERVE_ALL
    names = frozenset(str(v).strip().lower().replace("-", "_") for v in value)
    unknown = names - PRESERVE_ALL
    if unknown:
        raise ValueError(
            f"cannot preserve {', '.join(sorted(unknown))}; choose from "
            f"{', '.join(sorted(PRESERVE_ALL))}"
        )
    return names


def zone_of(name: str | None) -> dt.tzinfo | None:
    """A time zone from Immich's ``exifInfo.timeZone``: ``UTC+2``, ``UTC-03:30``, ``UTC``
    or an IANA name (``Europe/Paris``). None when unknown."""
    if not name:
        return None
    text = name.strip()
    if text.upper() in ("UTC", "GMT", "Z"):
        return dt.timezone.utc
    match = _UTC_OFFSET.match(text)
    if match:
        sign, hours, minutes = match.groups()
        delta = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta > dt.timedelta(hours=14):
            return None
        return dt.timezone(-delta if sign == "-" else delta)
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(text)
    except Exception:
        return None


def local_iso(when: dt.datetime, zone: str | None) -> str:
    """*when* as ISO 8601 with the offset of *zone* (UTC when the zone is unknown), so the
    target keeps the local time the photo was taken at."""
    aware = when if when.tzinfo is not None else when.replace(tzinfo=dt.timezone.utc)
    tz = zone_of(zone) or dt.timezone.utc
    return aware.astimezone(tz).isoformat()


def offset_tag(zone: str | None, when: dt.datetime) -> str | None:
    """The ``exif:OffsetTimeOriginal`` value that makes Immich name the zone as *zone* does.

    Immich names a zone written in that tag by its offset (``UTC``, ``UTC+2``), while an
    offset found only inside the date becomes ``UTC+0`` when it is zero, or the zone of
    the photo's GPS position (an IANA name) when there is one. So the tag is written for
    the offset names Immich gives a tag (``UTC`` and non-zero ``UTC+2``), and left out for
    ``UTC+0`` and IANA names, which the date alone (and the location) reproduce.
    """
    tz = zone_of(zone)
    if tz is None or zone is None or not isinstance(tz, dt.timezone):
        return None  # unknown, or an IANA name
    offset = tz.utcoffset(when)
    name = zone.strip().upper()
    if not offset and name not in ("UTC", "GMT", "Z"):
        return None  # "UTC+0": an offset that was only in the date
    total = int(offset.total_seconds()) // 60
    sign = "-" if total < 0 else "+"
    return f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"


def desired_state(
    asset: AssetResponseDto,
    preserve: frozenset[str],
    *,
    live_video_target: str | None = None,
    include_trashed: bool = False,
) -> dict[str, Any]:
    """The target's wanted state for *asset*, as UpdateAssetDto wire names (plus
    ``trashed``). Only what *preserve* names, and only values the source sets."""
    state: dict[str, Any] = {}
    if "favorite" in preserve:
        state["isFavorite"] = bool(asset.is_favorite)
    visibility = str(asset.visibility)
    if visibility == AssetVisibility.ARCHIVE and "archive" not in preserve:
        visibility = AssetVisibility.TIMELINE.value
    state["visibility"] = visibility
    exif = asset.exif_info
    if isinstance(exif, ExifResponseDto):
        if "description" in preserve and isinstance(exif.description, str) and exif.description:
            state["description"] = exif.description
        if "rating" in preserve and isinstance(exif.rating, (int, float)) and exif.rating:
            state["rating"] = int(exif.rating)  # 0 and None both mean "unrated"
        if "date_time_original" in preserve and isinstance(exif.date_time_original, dt.datetime):
            zone = exif.time_zone if isinstance(exif.time_zone, str) else None
            state["dateTimeOriginal"] = local_iso(exif.date_time_original, zone)
        if (
            "location" in preserve
            and isinstance(exif.latitude, (int, float))
            and isinstance(exif.longitude, (int, float))
        ):
            state["latitude"] = float(exif.latitude)
            state["longitude"] = float(exif.longitude)
    if live_video_target is not None and "live_photos" in preserve:
        state["livePhotoVideoId"] = live_video_target
    state["trashed"] = bool(asset.is_trashed) if include_trashed else False
    return state


#: What the generated XMP sidecar of a fresh upload carries, so no update call is needed.
#: (It also holds the location, description and rating, as Immich's own sidecars do;
#: those are still sent with ``PUT /assets/{id}`` too, for servers that read only the
#: capture date from a sidecar, like the FakeImmich of this package.)
CARRIED_BY_SIDECAR: Final = frozenset({"dateTimeOriginal"})
#: What the sidecar carries as well, but is sent again with ``PUT`` (see above) -- except
#: for a locked asset, which an API key may upload but not change.
SIDECAR_ALSO_CARRIES: Final = frozenset({"description", "rating", "latitude", "longitude"})


def _xml(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _gps(value: float, positive: str, negative: str) -> str:
    """XMP's ``DDD,MM.mmmmmmR`` form of a coordinate."""
    ref = positive if value >= 0 else negative
    value = abs(value)
    degrees = int(value)
    minutes = (value - degrees) * 60
    return f"{degrees},{minutes:.6f}{ref}"


def _second(when: dt.datetime) -> dt.datetime:
    aware = when if when.tzinfo is not None else when.replace(tzinfo=dt.timezone.utc)
    return aware.astimezone(dt.timezone.utc).replace(microsecond=0)


def sidecar_xmp(asset: AssetResponseDto, preserve: frozenset[str]) -> bytes | None:
    """An XMP sidecar with the source's capture date (and its offset), location,
    description and rating -- where Immich itself keeps edited values. Uploaded with the
    original, it lets the target take these values over the file's own EXIF without a
    separate update call. None when it would say nothing new: no time zone, no location,
    description or rating, and a capture date equal to ``fileCreatedAt`` (which the upload
    sends anyway, and which a file's own EXIF normally yields)."""
    exif = asset.exif_info
    if not isinstance(exif, ExifResponseDto):
        return None
    attrs_: list[str] = []
    body = ""
    needed = False  # a sidecar with nothing the upload's own fields do not carry is not sent
    if "date_time_original" in preserve and isinstance(exif.date_time_original, dt.datetime):
        zone = exif.time_zone if isinstance(exif.time_zone, str) else None
        needed = zone_of(zone) is not None or _second(exif.date_time_original) != _second(
            asset.file_created_at
        )
        if zone_of(zone) is None:  # no known zone: the local time, as the source shows it
            when = exif.date_time_original
            aware = when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
            stamp = aware.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat()
        else:
            stamp = local_iso(exif.date_time_original, zone)
        attrs_.append(f'exif:DateTimeOriginal="{stamp}"')
        offset = offset_tag(zone, exif.date_time_original)
        if offset is not None:
            attrs_.append(f'exif:OffsetTimeOriginal="{offset}"')
    if (
        "location" in preserve
        and isinstance(exif.latitude, (int, float))
        and isinstance(exif.longitude, (int, float))
    ):
        attrs_.append(f'exif:GPSLatitude="{_gps(float(exif.latitude), "N", "S")}"')
        attrs_.append(f'exif:GPSLongitude="{_gps(float(exif.longitude), "E", "W")}"')
    if "rating" in preserve and isinstance(exif.rating, (int, float)) and exif.rating:
        attrs_.append(f'xmp:Rating="{int(exif.rating)}"')
    if "description" in preserve and isinstance(exif.description, str) and exif.description:
        body = (
            '   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
            f"{_xml(exif.description)}</rdf:li></rdf:Alt></dc:description>\n"
        )
    if not needed and len(attrs_) <= 1 and not body:
        return None  # at most the capture date, and the upload's fileCreatedAt is that date
    head = "\n    ".join(
        [
            'rdf:about=""',
            'xmlns:exif="http://ns.adobe.com/exif/1.0/"',
            'xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
            'xmlns:dc="http://purl.org/dc/elements/1.1/"',
            *attrs_,
        ]
    )
    text = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="immich-bulk">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f"  <rdf:Description {head}>\n"
        f"{body}"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>\n'
    )
    return text.encode("utf-8")


def fingerprint(state: Mapping[str, Any]) -> str:
    """A short, stable name of a wanted state (what the journal remembers)."""
    text = json.dumps(state, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha1(text.encode()).hexdigest()[:20]


def _same_capture(source: ExifResponseDto, target: ExifResponseDto) -> bool:
    """The same capture date (to the second) in the same time zone, by Immich's name."""
    a, b = source.date_time_original, target.date_time_original
    if not isinstance(a, dt.datetime) or not isinstance(b, dt.datetime) or _second(a) != _second(b):
        return False
    zone_a = source.time_zone if isinstance(source.time_zone, str) else None
    zone_b = target.time_zone if isinstance(target.time_zone, str) else None
    return zone_a == zone_b


def _same_value(wire: str, value: Any, source: ExifResponseDto, target: AssetResponseDto) -> bool:
    exif = target.exif_info if isinstance(target.exif_info, ExifResponseDto) else None
    have: Any
    if wire == "isFavorite":
        have = bool(target.is_favorite)
    elif wire == "visibility":
        have = str(target.visibility)
    elif wire == "livePhotoVideoId":
        have = target.live_photo_video_id
    elif exif is None:
        return False
    elif wire == "dateTimeOriginal":
        return _same_capture(source, exif)
    elif wire in ("latitude", "longitude"):
        have = getattr(exif, wire)
        return isinstance(have, (int, float)) and abs(float(have) - value) < 1e-6
    elif wire == "description":
        have = exif.description
    elif wire == "rating":
        have = exif.rating
    else:
        return False
    return bool(have == value)


def still_to_apply(
    update: Mapping[str, Any], source: AssetResponseDto, target: AssetResponseDto
) -> dict[str, Any]:
    """The fields of *update* that the *target* asset does not have yet.

    An asset the target already had was read from the same file, so its capture date and
    time zone usually match the source's already; writing them again would not be
    harmless (Immich rewrites its sidecar and reads it back, turning a ``UTC`` zone into
    ``UTC+0``, or an offset into the zone of the GPS position).
    """
    exif = source.exif_info
    if not isinstance(exif, ExifResponseDto):
        return dict(update)
    out = {k: v for k, v in update.items() if not _same_value(k, v, exif, target)}
    if "latitude" in out or "longitude" in out:  # a position is set as a pair
        for name in ("latitude", "longitude"):
            if name in update:
                out[name] = update[name]
    return out


def update_dto(state: Mapping[str, Any]) -> UpdateAssetDto | None:
    """The ``PUT /assets/{id}`` body for the fields of *state* (None: nothing to send)."""
    values: dict[str, Any] = {}
    names = {
        "isFavorite": "is_favorite",
        "visibility": "visibility",
        "description": "description",
        "rating": "rating",
        "dateTimeOriginal": "date_time_original",
        "latitude": "latitude",
        "longitude": "longitude",
        "livePhotoVideoId": "live_photo_video_id",
    }
    for wire, attr in names.items():
        if wire in state:
            value = state[wire]
            values[attr] = AssetVisibility(value) if wire == "visibility" else value
    if not values:
        return None
    return UpdateAssetDto(**values)
