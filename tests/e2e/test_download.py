"""Downloads against a real server: every ``*_to_file`` helper, resuming against the real
``sendFile`` (Range + If-Range), and the server's zip archives."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from immich_bulk import AsyncClient, UploadFile
from immich_bulk.models import AssetMediaSize, CreateAlbumDto, CreateProfileImageDto
from immich_bulk.samples import jpeg_bytes
from immich_bulk.transfer.config import DownloadConfig

from .media import upload, video_bytes
from .real import RealUser, wait_for_jobs
from .traffic import RecordingTransport

WHEN = dt.datetime(2021, 7, 8, 9, 10, 11, tzinfo=dt.timezone.utc)
TAKEN = WHEN.replace(tzinfo=None)


@pytest.fixture
def traffic() -> RecordingTransport:
    return RecordingTransport()


@pytest.fixture
async def traced(user: RealUser, traffic: RecordingTransport) -> AsyncIterator[AsyncClient]:
    """The user's client, every exchange recorded in ``traffic``."""
    async with user.client(transport=traffic) as client:
        yield client


def sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def file_sha1(path: Path) -> str:
    return sha1(path.read_bytes())


async def test_download_asset_to_file_into_a_directory_then_again_downloads_nothing(
    traced: AsyncClient, traffic: RecordingTransport, tmp_path: Path
) -> None:
    data = jpeg_bytes(1, TAKEN, size=50_000)
    asset_id = await upload(traced, data, "beach.jpg", WHEN)

    path = await traced.assets.download_asset_to_file(asset_id, tmp_path / "photos")
    assert path == tmp_path / "photos" / "beach.jpg"
    assert path.read_bytes() == data
    assert path.stat().st_mtime == WHEN.timestamp()  # the asset's fileModifiedAt
    assert len(traffic.to("GET", "/original")) == 1

    again = await traced.assets.download_asset_to_file(asset_id, tmp_path / "photos")
    assert again == path
    assert len(traffic.to("GET", "/original")) == 1  # already there: not downloaded again

    named = await traced.assets.download_asset_to_file(
        asset_id, tmp_path / "out", filename="cover.jpg"
    )
    assert named == tmp_path / "out" / "cover.jpg"
    assert named.read_bytes() == data
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith((".part", ".meta"))]


async def test_view_asset_to_file_writes_each_rendition_the_server_made(
    traced: AsyncClient, admin: AsyncClient, tmp_path: Path
) -> None:
    data = jpeg_bytes(2, TAKEN, size=20_000)
    asset_id = await upload(traced, data, "room.jpg", WHEN)
    await wait_for_jobs(admin)

    thumb = await traced.assets.view_asset_to_file(asset_id, tmp_path / "t")
    assert thumb.parent == tmp_path / "t"
    assert thumb.suffix == ".webp"
    assert thumb.read_bytes()[:4] == b"RIFF" and thumb.read_bytes()[8:12] == b"WEBP"

    preview = await traced.assets.view_asset_to_file(
        asset_id, tmp_path / "p", size=AssetMediaSize.PREVIEW
    )
    assert preview.suffix == ".jpeg" or preview.suffix == ".jpg"
    assert preview.read_bytes()[:2] == b"\xff\xd8"

    # a web-friendly JPEG has no full-size rendition: the server redirects to the original
    full = await traced.assets.view_asset_to_file(
        asset_id, tmp_path / "f", filename="full.jpg", size=AssetMediaSize.FULLSIZE
    )
    assert full.read_bytes() == data


async def test_play_asset_video_to_file_writes_the_playable_video(
    traced: AsyncClient, admin: AsyncClient, tmp_path: Path
) -> None:
    data = video_bytes(3)
    asset_id = await upload(traced, data, "clip.mp4", WHEN)
    await wait_for_jobs(admin)

    path = await traced.assets.play_asset_video_to_file(asset_id, tmp_path / "v")
    assert path == tmp_path / "v" / f"{asset_id}_video.mp4"  # the server names no file
    async with traced.assets.play_asset_video_without_preload_content(asset_id) as raw:
        served = await raw.aread()
    assert path.read_bytes() == served
    assert served[4:8] == b"ftyp"  # an MP4 (the original, or the server's encoding)

    original = await traced.assets.download_asset_to_file(asset_id, tmp_path / "o")
    assert original.read_bytes() == data

    # a video has no full-size rendition: the server redirects to its preview
    full = await traced.assets.view_asset_to_file(
        asset_id, tmp_path / "f", size=AssetMediaSize.FULLSIZE
    )
    preview = await traced.assets.view_asset_to_file(
        asset_id, tmp_path / "p", size=AssetMediaSize.PREVIEW
    )
    assert full.name == preview.name == "clip_preview.jpeg"
    assert full.read_bytes() == preview.read_bytes()
    assert full.read_bytes()[:2] == b"\xff\xd8"


async def test_get_profile_image_to_file_writes_the_uploaded_image(
    traced: AsyncClient, user: RealUser, tmp_path: Path
) -> None:
    image = jpeg_bytes(4, TAKEN, size=5_000)
    await traced.users.create_profile_image(
        CreateProfileImageDto(file=UploadFile(image, filename="me.jpg"))
    )
    path = await traced.users.get_profile_image_to_file(user.id, tmp_path / "avatars")
    assert path.parent == tmp_path / "avatars"
    assert path.read_bytes() == image


async def test_download_archive_to_file_holds_exactly_the_assets(
    traced: AsyncClient, traffic: RecordingTransport, tmp_path: Path
) -> None:
    files = {
        "a.jpg": jpeg_bytes(5, TAKEN, size=3_000),
        "b.jpg": jpeg_bytes(6, TAKEN, size=4_000),
        "c.mp4": video_bytes(7),
    }
    ids = [await upload(traced, data, name, WHEN) for name, data in files.items()]

    (zip_path,) = await traced.download.download_archive_to_file(
        asset_ids=ids, out_dir=tmp_path / "zips"
    )
    assert zip_path == tmp_path / "zips" / "immich-assets.zip"
    with zipfile.ZipFile(io.BytesIO(zip_path.read_bytes())) as archive:
        assert archive.testzip() is None
        assert {n: archive.read(n) for n in archive.namelist()} == files

    album = await traced.albums.create_album(CreateAlbumDto(album_name="Summer", asset_ids=ids[:2]))
    (album_zip,) = await traced.download.download_archive_to_file(
        album_id=album.id, out_dir=tmp_path / "zips"
    )
    assert album_zip == tmp_path / "zips" / "Summer.zip"
    with zipfile.ZipFile(album_zip) as archive:
        assert sorted(archive.namelist()) == ["a.jpg", "b.jpg"]

    split = await traced.download.download_archive_to_file(
        asset_ids=ids, out_dir=tmp_path / "parts", filename="all.zip", archive_size=1
    )
    assert [p.name for p in split] == ["all-1.zip", "all-2.zip", "all-3.zip"]
    inside: dict[str, bytes] = {}
    for part in split:
        with zipfile.ZipFile(part) as archive:
            inside.update({n: archive.read(n) for n in archive.namelist()})
    assert inside == files
    archives = traffic.to("POST", "/download/archive")
    assert len(archives) == 5
    for answer in archives:  # asked uncompressed: Immich would gzip the stream otherwise
        assert answer.request_headers["accept-encoding"] == "identity"
        assert "content-encoding" not in answer.response_headers


class Interrupted(Exception):
    pass


def _stop_after_first_block(_delta: int) -> None:
    raise Interrupted


async def _leave_a_part(client: AsyncClient, asset_id: str, folder: Path, length: int) -> Path:
    """Start downloading *asset_id* into *folder*, stop after the first block, and cut the
    ``.part`` to *length* bytes: what an interrupted run leaves."""
    with pytest.raises(Interrupted):
        await client.assets.download_asset_to_file(
            asset_id,
            folder,
            config=DownloadConfig(chunk_size=2048, fsync=False),
            progress=_stop_after_first_block,
        )
    part = folder / f".original-{asset_id}.part"
    assert part.stat().st_size >= length
    os.truncate(part, length)
    assert [p.name for p in folder.iterdir() if not p.name.startswith(".")] == []
    return part


@pytest.mark.parametrize("kind", ["photo", "video"])
async def test_a_part_resumes_with_a_206_from_its_length(
    kind: str, traced: AsyncClient, traffic: RecordingTransport, tmp_path: Path
) -> None:
    if kind == "photo":
        data, name = jpeg_bytes(8, TAKEN, size=30_000), "resume.jpg"
    else:
        data, name = video_bytes(9, seconds=3), "resume.mp4"
    asset_id = await upload(traced, data, name, WHEN)
    part = await _leave_a_part(traced, asset_id, tmp_path, 1234)
    traffic.clear()

    path = await traced.assets.download_asset_to_file(asset_id, tmp_path)

    assert path.read_bytes() == data
    (resumed,) = traffic.to("GET", "/original")
    assert resumed.request_headers["range"] == "bytes=1234-"
    assert resumed.request_headers["if-range"] == resumed.response_headers["etag"]
    assert resumed.status == 206
    assert resumed.response_headers["content-range"] == f"bytes 1234-{len(data) - 1}/{len(data)}"
    assert path == tmp_path / name
    assert not part.exists() and not part.with_name(part.name + ".meta").exists()


async def test_a_part_whose_etag_no_longer_matches_starts_again(
    traced: AsyncClient, traffic: RecordingTransport, tmp_path: Path
) -> None:
    data = jpeg_bytes(10, TAKEN, size=30_000)
    asset_id = await upload(traced, data, "changed.jpg", WHEN)
    part = await _leave_a_part(traced, asset_id, tmp_path, 5000)
    meta_path = part.with_name(part.name + ".meta")
    meta = json.loads(meta_path.read_text())
    meta["etag"] = 'W/"7530-17aa0000000"'  # the file changed on the server since
    meta_path.write_text(json.dumps(meta))
    with open(part, "r+b") as f:
        f.write(b"\0" * 100)  # and the bytes we have are not its bytes anymore
    traffic.clear()

    path = await traced.assets.download_asset_to_file(asset_id, tmp_path)

    assert path.read_bytes() == data
    (request,) = traffic.to("GET", "/original")
    assert request.request_headers["range"] == "bytes=5000-"
    assert request.request_headers["if-range"] == meta["etag"]
    assert request.status == 200  # If-Range did not match: the whole file, a restart
    assert file_sha1(path) == sha1(data)
