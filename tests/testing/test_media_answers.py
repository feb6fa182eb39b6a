"""Media answers as the real server gives them: video playback carries no file name, a
full-size rendition that does not exist redirects to the preview."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import httpx

from immich_bulk.models import AssetMediaSize
from immich_bulk.testing import FakeImmich

from .conftest import make_jpeg


async def test_video_playback_names_no_file(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    video = fake.add_asset(None, b"\x00\x00\x00\x18ftypisom" + bytes(3000), "clip.mp4")
    playback = await client.get(f"/assets/{video.id}/video/playback")
    assert playback.status_code == 200
    assert "content-disposition" not in playback.headers
    assert [k for k in playback.headers if k in ("cache-control", "content-type", "etag")] == [
        "cache-control", "content-type", "etag",
    ]  # fmt: skip
    original = await client.get(f"/assets/{video.id}/original")
    assert original.headers["content-disposition"] == "inline; filename*=UTF-8''clip.mp4"


async def test_a_missing_full_size_rendition_redirects_to_the_preview(
    fake: FakeImmich, client: httpx.AsyncClient
) -> None:
    video = fake.add_asset(None, b"\x00\x00\x00\x18ftypisom" + bytes(2000), "clip.mov")
    tiff = fake.add_asset(None, make_jpeg("tiff", 700), "scan.tif")
    for asset in (video, tiff):
        answer = await client.get(
            f"/assets/{asset.id}/thumbnail", params={"size": "fullsize", "edited": "false"}
        )
        assert answer.status_code == 302
        location = f"/api/assets/{asset.id}/thumbnail?size=preview&edited=false"
        assert answer.headers["location"] == location
        assert answer.text == f"Found. Redirecting to {location}"
    # a web-friendly image redirects to its original instead (relative)
    jpeg = fake.add_asset(None, make_jpeg("web", 800), "web.jpg")
    answer = await client.get(f"/assets/{jpeg.id}/thumbnail", params={"size": "fullsize"})
    assert answer.headers["location"] == "original?"


async def test_the_helpers_follow_what_the_server_answers(fake: FakeImmich, tmp_path: Path) -> None:
    video = fake.add_asset(None, b"\x00\x00\x00\x18ftypisom" + bytes(2500), "clip.mp4")
    async with fake.client() as api:
        played = await api.assets.play_asset_video_to_file(video.id, tmp_path / "v")
        full = await api.assets.view_asset_to_file(
            video.id, tmp_path / "f", size=AssetMediaSize.FULLSIZE
        )
    assert played.name == f"{video.id}_video.mp4"  # no name from the server
    assert full.name == "clip_preview.jpeg"  # the preview it was redirected to


async def test_an_archive_is_gzipped_for_a_client_that_accepts_it(
    fake: FakeImmich, client: httpx.AsyncClient
) -> None:
    photo = fake.add_asset(None, make_jpeg("zipped", 900), "zipped.jpg")
    body = {"assetIds": [photo.id]}
    async with client.stream(
        "POST", "/download/archive", json=body, headers={"Accept-Encoding": "gzip, deflate"}
    ) as answer:
        raw = b"".join([chunk async for chunk in answer.aiter_raw()])
    assert answer.headers["content-encoding"] == "gzip"
    names = [n for n in answer.headers if n in ("content-type", "vary", "content-encoding")]
    assert names == ["content-type", "vary", "content-encoding"]  # as Immich orders them
    unpacked = zlib.decompress(raw, 31)
    with zipfile.ZipFile(io.BytesIO(unpacked)) as archive:
        assert archive.read("zipped.jpg") == fake.read_asset(photo.id)
    plain = await client.post(
        "/download/archive", json=body, headers={"Accept-Encoding": "identity"}
    )
    assert "content-encoding" not in plain.headers and plain.content == unpacked


class Recording(httpx.AsyncBaseTransport):
    """The fake's in-process transport, keeping every answer (bodies read)."""

    def __init__(self, fake: FakeImmich) -> None:
        self.inner = httpx.ASGITransport(app=fake.app)
        self.answers: list[httpx.Response] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        self.answers.append(response)
        return response


async def test_archives_are_asked_for_uncompressed(fake: FakeImmich, tmp_path: Path) -> None:
    photo = fake.add_asset(None, make_jpeg("plain", 900), "plain.jpg")
    transport = Recording(fake)
    async with fake.client(transport=transport) as api:
        (path,) = await api.download.download_archive_to_file(
            asset_ids=[photo.id], out_dir=tmp_path
        )
    (archive_answer,) = [
        r for r in transport.answers if r.request.url.path.endswith("/download/archive")
    ]
    assert archive_answer.request.headers["accept-encoding"] == "identity"
    assert "content-encoding" not in archive_answer.headers
    with zipfile.ZipFile(path) as archive:
        assert archive.read("plain.jpg") == fake.read_asset(photo.id)
