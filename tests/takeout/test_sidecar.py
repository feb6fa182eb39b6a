"""Takeout JSON parsed into typed records: classified by content, every field rule of
the notes (timestamps as strings, 0 = none, 0,0 = no place, omitted booleans, partner
origin, people), album forms, unreadable files, and the stored record round trip."""

from __future__ import annotations

import json
from typing import Any

import pytest

from immich_bulk.transfer.takeout.sidecar import (
    AlbumSidecar,
    GeoPoint,
    MediaSidecar,
    OtherJson,
    SidecarError,
    parse_sidecar,
    sidecar_from_record,
    sidecar_record,
)


def _parse(obj: Any) -> Any:
    return parse_sidecar(json.dumps(obj).encode())


def test_a_full_media_sidecar() -> None:
    record = _parse(
        {
            "title": "IMG_1.jpg",
            "description": "At the lake",
            "imageViews": "12",
            "creationTime": {"timestamp": "1600000100", "formatted": "x"},
            "photoTakenTime": {"timestamp": "1600000000", "formatted": "13 sept. 2020"},
            "photoLastModifiedTime": {"timestamp": 1600000200},
            "geoData": {"latitude": 1.5, "longitude": 2.5, "altitude": 10.0},
            "geoDataExif": {"latitude": 3.5, "longitude": 4.5},
            "people": [{"name": "Ada"}, {"name": " "}, {"name": "Ada"}, {"name": "Bob"}],
            "favorited": True,
            "archived": True,
            "googlePhotosOrigin": {"fromPartnerSharing": {}},
        }
    )
    assert record == MediaSidecar(
        title="IMG_1.jpg", taken=1600000000, created=1600000100, modified=1600000200,
        geo=GeoPoint(1.5, 2.5, 10.0), geo_exif=GeoPoint(3.5, 4.5, None),
        description="At the lake", favorited=True, archived=True, trashed=False,
        partner=True, origin="fromPartnerSharing", people=("Ada", "Bob"),
    )  # fmt: skip
    assert record.location == GeoPoint(1.5, 2.5, 10.0)


@pytest.mark.parametrize(
    ("taken", "expected"),
    [("0", None), (0, None), ("1695397525", 1695397525), (1695397525, 1695397525),
     ("1695397525.7", 1695397525), ("soon", None), (None, None), (True, None),
     ("-86400", -86400)],
)  # fmt: skip
def test_capture_times(taken: Any, expected: int | None) -> None:
    record = _parse({"title": "a.jpg", "photoTakenTime": {"timestamp": taken}})
    assert isinstance(record, MediaSidecar) and record.taken == expected


@pytest.mark.parametrize(
    ("geo", "exif", "expected"),
    [({"latitude": 0, "longitude": 0}, None, None),
     ({"latitude": 0, "longitude": 0}, {"latitude": 5, "longitude": 6}, GeoPoint(5, 6)),
     ({"latitude": 91, "longitude": 0}, None, None),
     ({"latitude": "48.1", "longitude": "11.5"}, None, GeoPoint(48.1, 11.5))],
)  # fmt: skip
def test_locations(geo: Any, exif: Any, expected: GeoPoint | None) -> None:
    obj = {"title": "a.jpg", "creationTime": {"timestamp": "1"}, "geoData": geo}
    if exif is not None:
        obj["geoDataExif"] = exif
    record = _parse(obj)
    assert isinstance(record, MediaSidecar) and record.location == expected


def test_album_forms() -> None:
    old = _parse({"albumData": {"title": "Old", "description": "d"}})
    classic = _parse({"title": "Trip", "description": "", "access": "protected",
                      "date": {"timestamp": "1500000000"}, "location": "Rome",
                      "geoData": {"latitude": 41.9, "longitude": 12.5}})  # fmt: skip
    new = _parse({"title": "New", "enrichments": [
        {"narrativeEnrichment": {"text": "Day one"}},
        {"locationEnrichment": {"location": [{"name": "Porto", "latitudeE7": 411500000,
                                               "longitudeE7": -86100000}]}},
    ]})  # fmt: skip
    assert isinstance(old, AlbumSidecar) and (old.title, old.description) == ("Old", "d")
    assert isinstance(classic, AlbumSidecar)
    assert (classic.title, classic.location, classic.date) == ("Trip", "Rome", 1500000000)
    assert classic.geo == GeoPoint(41.9, 12.5)
    assert isinstance(new, AlbumSidecar)
    assert new.full_description == "Day one\nPorto"
    assert new.geo == GeoPoint(41.15, -8.61)


def test_other_and_unreadable_json() -> None:
    assert isinstance(_parse([1, 2]), OtherJson)
    assert isinstance(_parse({"memories": []}), OtherJson)
    with pytest.raises(SidecarError, match="not UTF-8"):
        parse_sidecar(b'{"title": "\xff"}')
    with pytest.raises(SidecarError, match="not valid JSON"):
        parse_sidecar(b'{"title": ')
    assert isinstance(
        parse_sidecar(b'\xef\xbb\xbf{"title": "x", "creationTime": {}}'), MediaSidecar
    )


@pytest.mark.parametrize(
    "obj",
    [{"title": "a.jpg", "photoTakenTime": {"timestamp": "5"}, "people": [{"name": "Zoé"}],
      "geoData": {"latitude": 1, "longitude": 2}},
     {"title": "Trip", "enrichments": [{"narrativeEnrichment": {"text": "x"}}]},
     {"memories": []}],
)  # fmt: skip
def test_stored_record_round_trip(obj: Any) -> None:
    record = _parse(obj)
    assert sidecar_from_record(sidecar_record(record)) == record
