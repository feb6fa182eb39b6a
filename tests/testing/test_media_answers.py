"""Media answers as the real server gives them: video playback carries no file name, a
full-size rendition that does not exist redirects to the preview."""

from __future__ import annotations

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
