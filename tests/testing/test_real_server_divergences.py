"""Where FakeImmich once answered differently from a real Immich v2.7.5, one test each.

Each behaviour was found by the end-to-end suite (tests/e2e) and recorded
(tests/testing/transcripts/); these tests say it in a few lines, so a regression in the
fake names the behaviour it broke.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import FakeImmich

from .conftest import upload_form

FILES = Path(__file__).parent / "transcripts" / "files"


@pytest.fixture
async def http(fake: FakeImmich) -> AsyncIterator[httpx.AsyncClient]:
    """A client of a new (non-admin) user."""
    user = fake.create_user("someone@example.com", name="someone")
    async with fake.httpx_client(api_key=fake.create_api_key(user)) as client:
        yield client


async def upload(http: httpx.AsyncClient, data: bytes, name: str, **fields: Any) -> str:
    form = upload_form(data, name, **fields)
    form["data"]["filename"] = name
    answer = await http.post("/assets", **form)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def photo(seed: int) -> bytes:
    return jpeg_bytes(seed, dt.datetime(2015, 6, 7, 8, 9, 10))


async def test_an_api_key_cannot_reach_a_locked_asset_but_the_duplicate_check_can(
    http: httpx.AsyncClient,
) -> None:
    data = photo(1)
    locked = await upload(http, data, "locked.jpg", visibility="locked")  # accepted
    info = await http.get(f"/assets/{locked}")
    assert (info.status_code, info.json()["message"]) == (400, "Not found or no asset.read access")
    original = await http.get(f"/assets/{locked}/original")
    assert original.status_code == 400 and original.headers["cache-control"] == "none"
    trash = await http.request("DELETE", "/assets", json={"ids": [locked]})
    assert trash.json()["message"] == "Not found or no asset.delete access"
    album = (await http.post("/albums", json={"albumName": "A", "assetIds": [locked]})).json()
    assert album["assetCount"] == 0  # left out without a word
    added = await http.put(f"/albums/{album['id']}/assets", json={"ids": [locked]})
    assert added.json() == [{"id": locked, "success": False, "error": "no_permission"}]
    search = await http.post("/search/metadata", json={"visibility": "locked"})
    assert (search.status_code, search.json()["message"]) == (
        401,
        "Elevated permission is required",
    )
    stats = await http.get("/assets/statistics", params={"visibility": "locked"})
    assert stats.status_code == 401
    check = await http.post(
        "/assets/bulk-upload-check",
        json={"assets": [{"id": "x", "checksum": hashlib.sha1(data).hexdigest()}]},
    )
    assert check.json()["results"][0]["assetId"] == locked


async def test_a_search_without_a_visibility_lists_the_timeline_only(
    http: httpx.AsyncClient,
) -> None:
    shown = await upload(http, photo(2), "shown.jpg")
    archived = await upload(http, photo(3), "archived.jpg", visibility="archive")
    await upload(http, photo(4), "hidden.jpg", visibility="hidden")

    async def ids(body: dict[str, Any]) -> list[str]:
        answer = await http.post("/search/metadata", json=body)
        return [a["id"] for a in answer.json()["assets"]["items"]]

    assert await ids({}) == [shown]
    assert await ids({"visibility": "archive"}) == [archived]


async def test_an_album_neither_lists_nor_counts_hidden_members(http: httpx.AsyncClient) -> None:
    hidden = await upload(http, photo(5), "hidden.jpg", visibility="hidden")
    album = (await http.post("/albums", json={"albumName": "A"})).json()
    added = await http.put(f"/albums/{album['id']}/assets", json={"ids": [hidden]})
    assert added.json() == [{"id": hidden, "success": True}]  # a member all the same
    info = (await http.get(f"/albums/{album['id']}")).json()
    assert (info["assetCount"], info["assets"]) == (0, [])
    assert "startDate" not in info and info["albumThumbnailAssetId"] == hidden


async def test_the_exif_date_of_a_jpeg_is_its_capture_date(http: httpx.AsyncClient) -> None:
    asset = await upload(http, photo(6), "dated.jpg")  # fileCreatedAt 2024-05-01
    info = (await http.get(f"/assets/{asset}")).json()
    assert info["fileCreatedAt"] == info["localDateTime"] == "2015-06-07T08:09:10.000Z"
    assert info["exifInfo"]["dateTimeOriginal"] == "2015-06-07T08:09:10+00:00"
    assert info["exifInfo"]["timeZone"] is None  # no offset in the EXIF


async def test_without_a_date_inside_the_earliest_file_date_is_the_capture_date(
    http: httpx.AsyncClient,
) -> None:
    asset = await upload(
        http, (FILES / "nodate.png").read_bytes(), "nodate.png",
        created="2022-02-02T02:02:02.000Z", fileModifiedAt="2021-01-01T00:00:00.000Z",
    )  # fmt: skip
    info = (await http.get(f"/assets/{asset}")).json()
    assert info["fileCreatedAt"] == info["localDateTime"] == "2021-01-01T00:00:00.000Z"


@pytest.mark.parametrize(
    ("date", "utc", "zone"),
    [
        ("2019-07-08T09:10:11+02:00", "2019-07-08T07:10:11+00:00", "UTC+2"),
        ("2017-03-04T05:06:07+05:30", "2017-03-03T23:36:07+00:00", "UTC+5:30"),
        ("2018-01-02T03:04:05Z", "2018-01-02T03:04:05+00:00", "UTC+0"),
        ("2018-01-02T03:04:05", "2018-01-02T03:04:05+00:00", None),
    ],
)
async def test_a_sidecar_gives_the_description_rating_position_and_dated_zone(
    http: httpx.AsyncClient, date: str, utc: str, zone: str | None
) -> None:
    xmp = (FILES / "a.jpg.xmp").read_bytes().replace(b"2019-07-08T09:10:11+02:00", date.encode())
    form = upload_form(photo(7), "a.jpg")
    form["files"] = {"assetData": ("a.jpg", photo(7)), "sidecarData": ("a.jpg.xmp", xmp)}
    answer = await http.post("/assets", **form)
    exif = (await http.get(f"/assets/{answer.json()['id']}")).json()["exifInfo"]
    assert (exif["description"], exif["rating"]) == ("Lunch by the Seine", 4)
    assert (exif["latitude"], exif["longitude"]) == (48.8566, 2.351)
    assert (exif["dateTimeOriginal"], exif["timeZone"]) == (utc, zone)


async def test_a_sidecars_tag_list_makes_the_tags_and_their_parents(
    http: httpx.AsyncClient,
) -> None:
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        b'xmlns:digiKam="http://www.digikam.org/ns/1.0/"><digiKam:TagsList><rdf:Seq>'
        b"<rdf:li>People/Ada</rdf:li><rdf:li>People/Grace &amp; co</rdf:li>"
        b"</rdf:Seq></digiKam:TagsList></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    form = upload_form(photo(8), "t.jpg")
    form["files"] = {"assetData": ("t.jpg", photo(8)), "sidecarData": ("t.jpg.xmp", xmp)}
    answer = await http.post("/assets", **form)
    info = (await http.get(f"/assets/{answer.json()['id']}")).json()
    assert sorted(t["value"] for t in info["tags"]) == ["People/Ada", "People/Grace & co"]
    tags = {t["value"]: t for t in (await http.get("/tags")).json()}
    assert sorted(tags) == ["People", "People/Ada", "People/Grace & co"]
    assert tags["People/Ada"]["parentId"] == tags["People"]["id"]


async def test_a_video_gets_its_duration_size_and_creation_date(http: httpx.AsyncClient) -> None:
    asset = await upload(http, (FILES / "clip.mp4").read_bytes(), "clip.mp4")
    info = (await http.get(f"/assets/{asset}")).json()
    assert (info["type"], info["duration"]) == ("VIDEO", "00:00:01.000")
    assert (info["width"], info["height"]) == (64, 48)
    assert info["fileCreatedAt"] == "2019-03-04T05:06:07.000Z"
    exif = info["exifInfo"]
    assert (exif["timeZone"], exif["orientation"]) == ("UTC", "1")
    assert (exif["exifImageWidth"], exif["exifImageHeight"]) == (64, 48)


async def test_queues_are_listed_in_the_servers_order(client: httpx.AsyncClient) -> None:
    names = [q["name"] for q in (await client.get("/queues")).json()]
    assert names[:8] == [
        "thumbnailGeneration", "metadataExtraction", "videoConversion", "faceDetection",
        "facialRecognition", "smartSearch", "duplicateDetection", "backgroundTask",
    ]  # fmt: skip


async def test_a_file_route_answers_its_errors_without_caching(
    fake: FakeImmich, http: httpx.AsyncClient
) -> None:
    me = (await http.get("/users/me")).json()
    profile = await http.get(f"/users/{me['id']}/profile-image")
    assert (profile.status_code, profile.headers["cache-control"]) == (404, "none")
    still = await upload(http, photo(8), "still.jpg")
    playback = await http.get(f"/assets/{still}/video/playback")
    assert (playback.status_code, playback.headers["cache-control"]) == (404, "none")
    assert playback.json()["message"] == "Asset not found or asset is not a video"


async def test_an_upload_over_the_quota_is_refused_even_a_duplicate_without_the_header(
    fake: FakeImmich,
) -> None:
    first, second = photo(9), photo(10)
    user = fake.state.create_user("q@example.com", "q", "pw", quota_size_in_bytes=len(first) + 1)
    async with fake.httpx_client(api_key=fake.create_api_key(user)) as http:
        kept = await upload(http, first, "first.jpg")
        over = await http.post("/assets", **upload_form(second, "second.jpg"))
        assert (over.status_code, over.json()["message"]) == (400, "Quota has been exceeded!")
        again = await http.post("/assets", **upload_form(first, "first.jpg"))
        assert again.status_code == 400  # the quota is checked before the duplicate is found
        header = {"x-immich-checksum": hashlib.sha1(first).hexdigest()}
        by_header = await http.post("/assets", headers=header, **upload_form(first, "first.jpg"))
        assert by_header.json() == {"status": "duplicate", "id": kept}
        assert (await http.get("/users/me")).json()["quotaUsageInBytes"] == len(first)
