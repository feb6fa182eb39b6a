"""The names Immich gives capture-date time zones, as the real server was seen to give them:
videos (``UTC``), sidecars (an offset tag, or an offset inside the date) and ``PUT``."""

from __future__ import annotations

import struct

import httpx
import pytest

from immich_bulk.testing import FakeImmich

from .conftest import make_jpeg, upload_form

DATE = 'exif:DateTimeOriginal="{}"'
TAG = 'exif:OffsetTimeOriginal="{}"'


def xmp(*attributes: str) -> bytes:
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
        'xmlns:exif="http://ns.adobe.com/exif/1.0/" ' + " ".join(attributes) + "/></rdf:RDF>"
        "</x:xmpmeta>"
    ).encode()


async def upload(
    client: httpx.AsyncClient, data: bytes, name: str, sidecar: bytes | None = None
) -> dict[str, object]:
    form = upload_form(data, name, created="2021-07-08T09:10:11.000Z")
    if sidecar is not None:
        form["files"]["sidecarData"] = (f"{name}.xmp", sidecar, "application/xml")
    created = await client.post("/assets", **form)
    assert created.status_code == 201, created.text
    info = await client.get(f"/assets/{created.json()['id']}")
    exif: dict[str, object] = info.json()["exifInfo"]
    return exif | {"localDateTime": info.json()["localDateTime"]}


def jpeg_with_offset(stamp: str, offset: str) -> bytes:
    """A JPEG whose EXIF has ``DateTimeOriginal`` *stamp* and ``OffsetTimeOriginal``."""
    date = stamp.encode() + b"\0"  # 20 bytes
    zone = offset.encode() + b"\0"  # 7 bytes
    exif_ifd = 8 + 2 + 12 + 4
    values = exif_ifd + 2 + 2 * 12 + 4
    tiff = b"II*\0" + struct.pack("<I", 8)
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x8769, 4, 1, exif_ifd) + b"\0" * 4
    tiff += struct.pack("<H", 2)
    tiff += struct.pack("<HHII", 0x9003, 2, len(date), values)
    tiff += struct.pack("<HHII", 0x9011, 2, len(zone), values + len(date))
    tiff += b"\0" * 4 + date + zone
    app1 = b"Exif\0\0" + tiff
    base = make_jpeg(f"exif-{offset}", 1500)
    return base[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + base[2:]


@pytest.mark.parametrize(
    ("offset", "taken", "zone"),
    [
        ("+00:00", "2020-03-04T05:06:07+00:00", "UTC"),
        ("+02:00", "2020-03-04T03:06:07+00:00", "UTC+2"),
    ],
)
async def test_a_photos_offset_tag_names_its_zone(
    client: httpx.AsyncClient, offset: str, taken: str, zone: str
) -> None:
    exif = await upload(client, jpeg_with_offset("2020:03:04 05:06:07", offset), "tagged.jpg")
    assert (exif["dateTimeOriginal"], exif["timeZone"]) == (taken, zone)
    assert exif["localDateTime"] == "2020-03-04T05:06:07.000Z"


async def test_a_video_without_a_date_of_its_own_is_in_utc(client: httpx.AsyncClient) -> None:
    exif = await upload(client, b"\x00\x00\x00\x18ftypisom" + bytes(2000), "clip.mp4")
    assert exif["timeZone"] == "UTC"
    assert exif["dateTimeOriginal"] == "2021-07-08T09:10:11+00:00"  # the upload's date
    photo = await upload(client, make_jpeg("tz-photo", 1000), "photo.jpg")
    assert photo["timeZone"] is None


@pytest.mark.parametrize(
    ("attributes", "taken", "zone"),
    [
        # an offset only inside the date: zero is "UTC+0"
        ([DATE.format("2022-08-09T10:11:12Z")], "2022-08-09T10:11:12+00:00", "UTC+0"),
        ([DATE.format("2022-08-09T10:11:12+00:00")], "2022-08-09T10:11:12+00:00", "UTC+0"),
        ([DATE.format("2022-08-09T10:11:12+05:30")], "2022-08-09T04:41:12+00:00", "UTC+5:30"),
        # an offset tag names the zone by its offset, zero included, and places a plain date
        ([DATE.format("2022-08-09T10:11:12"), TAG.format("+00:00")],
         "2022-08-09T10:11:12+00:00", "UTC"),
        ([DATE.format("2022-08-09T10:11:12+00:00"), TAG.format("+00:00")],
         "2022-08-09T10:11:12+00:00", "UTC"),
        ([DATE.format("2022-08-09T10:11:12"), TAG.format("+02:00")],
         "2022-08-09T08:11:12+00:00", "UTC+2"),
        # no offset at all: no zone, the date taken as UTC
        ([DATE.format("2022-08-09T10:11:12")], "2022-08-09T10:11:12+00:00", None),
    ],
)  # fmt: skip
@pytest.mark.parametrize("name", ["photo.jpg", "clip.mp4"])
async def test_a_sidecar_date_gets_the_zone_immich_names(
    fake: FakeImmich,
    client: httpx.AsyncClient,
    attributes: list[str],
    taken: str,
    zone: str | None,
    name: str,
) -> None:
    data = make_jpeg(f"tz-{attributes}", 1200) if name.endswith(".jpg") else bytes(3000)
    exif = await upload(client, data, name, xmp(*attributes))
    assert (exif["dateTimeOriginal"], exif["timeZone"]) == (taken, zone)
    assert exif["localDateTime"] == "2022-08-09T10:11:12.000Z"  # the wall clock


@pytest.mark.parametrize(
    ("name", "value", "taken", "zone", "local"),
    [
        ("p.jpg", "2019-05-01T12:30:00+00:00", "2019-05-01T12:30:00+00:00", "UTC+0", "12:30"),
        ("p.jpg", "2019-05-01T12:30:00Z", "2019-05-01T12:30:00+00:00", "UTC+0", "12:30"),
        ("p.jpg", "2019-05-01T12:30:00", "2019-05-01T12:30:00+00:00", "UTC+0", "12:30"),
        ("p.jpg", "2019-05-01T12:30:00+05:30", "2019-05-01T07:00:00+00:00", "UTC+5:30", "12:30"),
        ("v.mp4", "2019-05-01T12:30:00", "2019-05-01T12:30:00+00:00", "UTC+0", "12:30"),
        ("v.mp4", "2019-05-01T12:30:00+02:00", "2019-05-01T10:30:00+00:00", "UTC+2", "12:30"),
    ],
)
async def test_a_changed_capture_date_ends_up_named_like_an_offset_in_a_date(
    client: httpx.AsyncClient, name: str, value: str, taken: str, zone: str, local: str
) -> None:
    data = make_jpeg(f"put-{value}", 1300) if name.endswith(".jpg") else bytes(3100)
    form = upload_form(data, name)
    created = (await client.post("/assets", **form)).json()["id"]
    answer = await client.put(f"/assets/{created}", json={"dateTimeOriginal": value})
    assert answer.status_code == 200, answer.text
    info = (await client.get(f"/assets/{created}")).json()
    assert (info["exifInfo"]["dateTimeOriginal"], info["exifInfo"]["timeZone"]) == (taken, zone)
    assert info["localDateTime"] == f"2019-05-01T{local}:00.000Z"


async def test_a_plain_date_put_is_utc_whatever_the_zone_was(client: httpx.AsyncClient) -> None:
    created = (await client.post("/assets", **upload_form(make_jpeg("keep", 1400)))).json()["id"]
    await client.put(f"/assets/{created}", json={"dateTimeOriginal": "2019-05-01T12:30:00+02:00"})
    await client.put(f"/assets/{created}", json={"dateTimeOriginal": "2019-05-01T12:30:00"})
    info = (await client.get(f"/assets/{created}")).json()
    assert info["exifInfo"]["timeZone"] == "UTC+0"
    assert info["exifInfo"]["dateTimeOriginal"] == "2019-05-01T12:30:00+00:00"
    assert info["localDateTime"] == "2019-05-01T12:30:00.000Z"
