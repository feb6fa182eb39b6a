"""Originals with Range/conditional requests, thumbnails, video playback, zip archives."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

import httpx
import pytest

from immich_bulk.testing import Asset, FakeImmich

from .conftest import make_jpeg, upload_form

WHEN = datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def photo(fake: FakeImmich) -> Asset:
    return fake.add_asset(
        None, make_jpeg("photo", 41202), "img 1 é.jpg", file_created_at=WHEN, file_modified_at=WHEN
    )


async def test_full_download_headers(
    fake: FakeImmich, client: httpx.AsyncClient, photo: Asset
) -> None:
    resp = await client.get(f"/assets/{photo.id}/original")
    assert resp.status_code == 200
    assert resp.content == fake.read_asset(photo.id)
    h = resp.headers
    assert h["etag"] == 'W/"a0f2-18f3398c100"'
    assert h["last-modified"] == "Wed, 01 May 2024 10:00:00 GMT"
    assert h["content-type"] == "image/jpeg"
    assert h["content-disposition"] == "inline; filename*=UTF-8''img%201%20%C3%A9.jpg"
    assert h["accept-ranges"] == "bytes"
    assert h["content-length"] == "41202"
    head = await client.head(f"/assets/{photo.id}/original")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == "41202"


@pytest.mark.parametrize(
    ("range_header", "status", "content_range", "window"),
    [
        ("bytes=100-", 206, "bytes 100-41201/41202", (100, 41202)),
        ("bytes=0-99", 206, "bytes 0-99/41202", (0, 100)),
        ("bytes=-500", 206, "bytes 40702-41201/41202", (40702, 41202)),
        ("bytes=41000-999999", 206, "bytes 41000-41201/41202", (41000, 41202)),
        ("bytes=0-9,10-19", 206, "bytes 0-19/41202", (0, 20)),
        ("bytes=0-9,20-29", 200, None, (0, 41202)),
        ("items=0-9", 200, None, (0, 41202)),
    ],
)
async def test_ranges(
    fake: FakeImmich,
    client: httpx.AsyncClient,
    photo: Asset,
    range_header: str,
    status: int,
    content_range: str | None,
    window: tuple[int, int],
) -> None:
    resp = await client.get(f"/assets/{photo.id}/original", headers={"range": range_header})
    assert resp.status_code == status
    assert resp.headers.get("content-range") == content_range
    assert resp.content == fake.read_asset(photo.id)[window[0] : window[1]]


async def test_unsatisfiable_range_is_a_500(client: httpx.AsyncClient, photo: Asset) -> None:
    resp = await client.get(f"/assets/{photo.id}/original", headers={"range": "bytes=999999-"})
    assert resp.status_code == 500
    assert resp.headers["content-range"] == "bytes */41202"
    assert resp.headers["content-type"] == "image/jpeg; charset=utf-8"
    assert resp.json()["message"] == "Internal server error"
    assert "error" not in resp.json()


async def test_conditional_requests(client: httpx.AsyncClient, photo: Asset) -> None:
    url = f"/assets/{photo.id}/original"
    etag = (await client.head(url)).headers["etag"]
    not_modified = await client.get(url, headers={"if-none-match": etag})
    assert not_modified.status_code == 304 and not_modified.content == b""
    strong = await client.get(url, headers={"if-none-match": etag[2:]})  # weak comparison
    assert strong.status_code == 304
    match = await client.get(url, headers={"range": "bytes=0-99", "if-range": etag})
    assert match.status_code == 206 and len(match.content) == 100
    mismatch = await client.get(url, headers={"range": "bytes=0-99", "if-range": '"wrong"'})
    assert mismatch.status_code == 200 and len(mismatch.content) == 41202
    by_date = await client.get(
        url, headers={"range": "bytes=0-99", "if-range": "Wed, 01 May 2024 10:00:00 GMT"}
    )
    assert by_date.status_code == 206
    since = await client.get(url, headers={"if-modified-since": "Wed, 01 May 2024 10:00:00 GMT"})
    assert since.status_code == 304


async def test_trashed_assets_are_downloadable(
    fake: FakeImmich, client: httpx.AsyncClient, photo: Asset
) -> None:
    await client.request("DELETE", "/assets", json={"ids": [photo.id]})
    resp = await client.get(f"/assets/{photo.id}/original")
    assert resp.status_code == 200 and len(resp.content) == photo.size


async def test_unknown_and_invalid_ids(client: httpx.AsyncClient) -> None:
    unknown = "00000000-0000-4000-8000-000000000000"
    resp = await client.get(f"/assets/{unknown}/original")
    assert resp.status_code == 400
    assert resp.json()["message"] == "Not found or no asset.download access"
    assert resp.headers["cache-control"] == "none"
    bad = await client.get("/assets/not-a-uuid/original")
    assert bad.json()["message"] == ["id must be a UUID"]


async def test_thumbnails(fake: FakeImmich, client: httpx.AsyncClient, photo: Asset) -> None:
    thumb = await client.get(f"/assets/{photo.id}/thumbnail")
    assert thumb.status_code == 200
    assert thumb.headers["content-type"] == "image/webp"
    assert thumb.content.startswith(b"RIFF") and thumb.content[8:12] == b"WEBP"
    assert (
        thumb.headers["content-disposition"]
        == "inline; filename*=UTF-8''img%201%20%C3%A9_thumbnail.webp"
    )
    preview = await client.get(f"/assets/{photo.id}/thumbnail", params={"size": "preview"})
    assert preview.headers["content-type"] == "image/jpeg"
    assert preview.content.startswith(b"\xff\xd8")
    full = await client.get(f"/assets/{photo.id}/thumbnail", params={"size": "fullsize"})
    assert full.status_code == 302 and full.headers["location"] == "original?"
    original = await client.get(f"/assets/{photo.id}/thumbnail", params={"size": "original"})
    assert original.status_code == 400
    assert original.json()["message"] == "May not request original file"
    raw = fake.add_asset(None, make_jpeg("raw", 2000), "shot.dng")
    fullsize = await client.get(f"/assets/{raw.id}/thumbnail", params={"size": "fullsize"})
    assert fullsize.status_code == 302  # no full-size rendition (off by default): the preview
    assert fullsize.headers["location"] == f"/api/assets/{raw.id}/thumbnail?size=preview"


async def test_video_playback_supports_ranges(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    video = fake.add_asset(None, bytes(range(256)) * 40, "clip.mp4")
    resp = await client.get(f"/assets/{video.id}/video/playback", headers={"range": "bytes=10-19"})
    assert resp.status_code == 206
    assert resp.headers["content-type"] == "video/mp4"
    assert resp.content == bytes(range(10, 20))
    image = fake.add_asset(None, make_jpeg("still", 500), "still.jpg")
    not_video = await client.get(f"/assets/{image.id}/video/playback")
    assert not_video.status_code == 404  # as Immich: "Asset not found or asset is not a video"
    assert not_video.headers["cache-control"] == "none"


async def test_download_info_and_archive(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    assets = [
        fake.add_asset(None, make_jpeg(f"z{i}", 1000 * (i + 1)), "same.jpg") for i in range(3)
    ]
    ids = [a.id for a in assets]
    info = await client.post("/download/info", json={"assetIds": ids})
    assert info.status_code == 201
    assert info.json() == {"totalSize": 6000, "archives": [{"size": 6000, "assetIds": ids}]}
    split = await client.post("/download/info", json={"assetIds": ids, "archiveSize": 1500})
    assert [a["assetIds"] for a in split.json()["archives"]] == [[ids[0], ids[1]], [ids[2]]]
    empty = await client.post("/download/info", json={})
    assert empty.json()["message"] == "assetIds, albumId, or userId is required"
    archive = await client.post("/download/archive", json={"assetIds": ids})
    assert archive.status_code == 200
    assert archive.headers["content-type"] == "application/octet-stream"
    assert "content-length" not in archive.headers
    with zipfile.ZipFile(io.BytesIO(archive.content)) as zf:
        assert zf.namelist() == ["same.jpg", "same+1.jpg", "same+2.jpg"]
        for info_, asset in zip(zf.infolist(), assets, strict=True):
            assert info_.compress_type == zipfile.ZIP_STORED
            assert info_.flag_bits & 0x08
            assert zf.read(info_) == fake.read_asset(asset.id)
    unknown = await client.post(
        "/download/archive", json={"assetIds": ["00000000-0000-4000-8000-000000000000"]}
    )
    assert unknown.json()["message"] == "Not found or no asset.download access"


async def test_download_by_album(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    data = make_jpeg("al", 700)
    asset_id = (await client.post("/assets", **upload_form(data))).json()["id"]
    album = (await client.post("/albums", json={"albumName": "a", "assetIds": [asset_id]})).json()
    info = await client.post("/download/info", json={"albumId": album["id"]})
    assert info.json()["archives"][0]["assetIds"] == [asset_id]
    me = (await client.get("/users/me")).json()
    info = await client.post("/download/info", json={"userId": me["id"]})
    assert info.json()["totalSize"] == 700
