"""Export against a real server: layouts from the server's dates and albums, live photos,
a re-run that downloads nothing, a changed layout that moves instead of downloading."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import attrs
import pytest

from immich_bulk import AsyncClient
from immich_bulk.models import AssetVisibility, CreateAlbumDto
from immich_bulk.samples import jpeg_bytes

from .media import upload, video_bytes
from .real import RealUser, wait_for_jobs
from .traffic import RecordingTransport

UPLOADED = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.timezone.utc)


@attrs.frozen
class Library:
    files: dict[str, bytes]  # file name -> bytes
    ids: dict[str, str]  # file name -> asset id


@pytest.fixture
def traffic() -> RecordingTransport:
    return RecordingTransport()


@pytest.fixture
async def traced(user: RealUser, traffic: RecordingTransport) -> AsyncIterator[AsyncClient]:
    async with user.client(transport=traffic) as client:
        yield client


@pytest.fixture
async def library(traced: AsyncClient, admin: AsyncClient) -> Library:
    """Two photos dated by their EXIF, a video, a live photo (still + hidden motion part),
    albums "Trip" (a.jpg, clip.mp4) and "Best" (b.jpg); the server's jobs done."""
    files = {
        "a.jpg": jpeg_bytes(1, dt.datetime(2019, 3, 4, 5, 6, 7), size=4_000),
        "b.jpg": jpeg_bytes(2, dt.datetime(2020, 11, 5, 23, 30), size=5_000),
        "clip.mp4": video_bytes(3),
        "IMG_0042.mov": video_bytes(4, container="mov"),
        "IMG_0042.jpg": jpeg_bytes(5, dt.datetime(2021, 2, 3, 4, 5, 6), size=3_000),
    }
    ids: dict[str, str] = {}
    for name in ("a.jpg", "b.jpg", "clip.mp4", "IMG_0042.mov"):
        ids[name] = await upload(traced, files[name], name, UPLOADED)
    ids["IMG_0042.jpg"] = await upload(
        traced, files["IMG_0042.jpg"], "IMG_0042.jpg", UPLOADED,
        live_photo_video_id=ids["IMG_0042.mov"],
    )  # fmt: skip
    await traced.albums.create_album(
        CreateAlbumDto(album_name="Trip", asset_ids=[ids["a.jpg"], ids["clip.mp4"]])
    )
    await traced.albums.create_album(CreateAlbumDto(album_name="Best", asset_ids=[ids["b.jpg"]]))
    await wait_for_jobs(admin)
    return Library(files=files, ids=ids)


def files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


async def test_export_by_date_then_a_rerun_downloads_nothing_then_a_new_layout_moves(
    traced: AsyncClient, traffic: RecordingTransport, library: Library, tmp_path: Path
) -> None:
    dest, state = tmp_path / "backup", tmp_path / "state.sqlite3"
    files = library.files
    by_date = {
        "2019/03/a.jpg": files["a.jpg"],
        "2020/11/b.jpg": files["b.jpg"],
        "2024/01/clip.mp4": files["clip.mp4"],  # no date inside: the upload's
        "2021/02/IMG_0042.jpg": files["IMG_0042.jpg"],
        "2021/02/IMG_0042.mov": files["IMG_0042.mov"],  # the motion part, next to its still
    }

    report = await traced.download.export(dest, everything=True, state_path=state)
    assert report.ok and report.counts == {"downloaded": 5}, report.summary()
    assert files_under(dest) == by_date
    assert report.bytes_transferred == sum(len(d) for d in files.values())

    traffic.clear()
    again = await traced.download.export(dest, everything=True, state_path=state)
    assert again.ok and again.counts == {"present": 5}, again.summary()
    assert again.bytes_transferred == 0
    assert traffic.to("GET", "/original") == []
    assert files_under(dest) == by_date

    traffic.clear()
    moved = await traced.download.export(
        dest, everything=True, state_path=state, layout="{album}/{filename}"
    )
    assert moved.ok and moved.counts == {"present": 5}, moved.summary()
    assert moved.moved == 5
    assert traffic.to("GET", "/original") == []
    assert files_under(dest) == {
        "Trip/a.jpg": files["a.jpg"],
        "Trip/clip.mp4": files["clip.mp4"],
        "Best/b.jpg": files["b.jpg"],
        "IMG_0042.jpg": files["IMG_0042.jpg"],
        "IMG_0042.mov": files["IMG_0042.mov"],
    }
    # the date directories that became empty are gone
    assert sorted(p.name for p in dest.iterdir()) == [
        "Best",
        "IMG_0042.jpg",
        "IMG_0042.mov",
        "Trip",
    ]


async def test_export_an_album_and_a_selection_with_their_own_layouts(
    traced: AsyncClient, library: Library, tmp_path: Path
) -> None:
    files, ids = library.files, library.ids
    trip = await traced.download.export(
        tmp_path / "trip", album="Trip", layout="{album}/{date} {stem}.{ext}", state_path=None
    )
    assert trip.ok and trip.counts == {"downloaded": 2}, trip.summary()
    assert files_under(tmp_path / "trip") == {
        "Trip/2019-03-04 a.jpg": files["a.jpg"],
        "Trip/2024-01-01 clip.mp4": files["clip.mp4"],
    }

    picked = await traced.download.export(
        tmp_path / "picked",
        asset_ids=[ids["b.jpg"], ids["clip.mp4"]],
        layout="{type}/{id}.{ext}",
        state_path=None,
    )
    assert picked.ok, picked.summary()
    assert files_under(tmp_path / "picked") == {
        f"image/{ids['b.jpg']}.jpg": files["b.jpg"],
        f"video/{ids['clip.mp4']}.mp4": files["clip.mp4"],
    }


async def test_archived_assets_are_exported_with_everything_and_with_their_album(
    traced: AsyncClient, tmp_path: Path
) -> None:
    """The server searches the timeline alone when no visibility is named: an export of
    everything, of an album, and by album holds the archived photos too."""
    files = {
        name: jpeg_bytes(seed, dt.datetime(2022, 1, seed), size=3_000)
        for seed, name in enumerate(("shown.jpg", "archived.jpg", "loose.jpg"), start=11)
    }
    ids = {
        "shown.jpg": await upload(traced, files["shown.jpg"], "shown.jpg", UPLOADED),
        **{
            name: await upload(
                traced, files[name], name, UPLOADED, visibility=AssetVisibility.ARCHIVE
            )
            for name in ("archived.jpg", "loose.jpg")
        },
    }
    trip = await traced.albums.create_album(
        CreateAlbumDto(album_name="Trip", asset_ids=[ids["shown.jpg"], ids["archived.jpg"]])
    )
    everything = await traced.download.export(
        tmp_path / "all", everything=True, layout="{filename}", state_path=None
    )
    assert everything.ok and everything.counts == {"downloaded": 3}, everything.summary()
    assert files_under(tmp_path / "all") == files
    album = await traced.download.export(tmp_path / "trip", album=trip.id, state_path=None)
    assert album.ok and album.counts == {"downloaded": 2}, album.summary()
    by_album = await traced.download.export(
        tmp_path / "by", everything=True, layout="{album}/{filename}", state_path=None
    )
    assert by_album.ok and by_album.counts == {"downloaded": 3}, by_album.summary()
    assert files_under(tmp_path / "by") == {
        "Trip/shown.jpg": files["shown.jpg"],
        "Trip/archived.jpg": files["archived.jpg"],
        "loose.jpg": files["loose.jpg"],
    }
