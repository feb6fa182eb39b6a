"""``client.assets.upload`` against a real server: what reaches it, what it reads, what it
refuses, and what is left on disk."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import httpx
import pytest

from immich_bulk import AsyncClient
from immich_bulk.models import (
    AssetBulkDeleteDto,
    AssetResponseDto,
    AssetVisibility,
    ExifResponseDto,
    QueueName,
    QueueUpdateDto,
)
from immich_bulk.transfer.events import ItemDone, Notice, TransferEvent
from immich_bulk.transfer.report import TransferReport
from immich_bulk.transfer.server.jobs import AUTO_PAUSE_MIN_FILES, INGEST_QUEUES

from .media import needs_ffmpeg, photo, video, xmp
from .real import RealServer, RealUser, create_user, every_asset, wait_for_jobs

T = dt.datetime(2015, 6, 7, 8, 9, 10)
PARIS = ("48,51.396N", "2,21.06E")


def by_name(assets: list[AssetResponseDto]) -> dict[str, AssetResponseDto]:
    named = {a.original_file_name: a for a in assets}
    assert len(named) == len(assets), "two assets of one name"
    return named


def exif(asset: AssetResponseDto) -> ExifResponseDto:
    assert isinstance(asset.exif_info, ExifResponseDto), asset
    return asset.exif_info


def statuses(report: TransferReport) -> dict[str, str]:
    return {Path(o.item).name: o.status for o in report.outcomes()}


async def test_photos_and_both_sidecar_styles_are_read_by_the_server(
    client: AsyncClient, admin: AsyncClient, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    photo(lib / "plain.jpg", 1, T)
    photo(lib / "long.jpg", 2, T)
    xmp(lib / "long.jpg.xmp", description="Lunch by the Seine", rating=4, gps=PARIS,
        taken="2019-07-08T09:10:11+02:00")  # fmt: skip
    photo(lib / "short.jpg", 3, T)
    xmp(lib / "short.xmp", description="Harbour <at> dusk & after", rating=2,
        taken="2018-01-02T03:04:05Z")  # fmt: skip
    xmp(lib / "orphan.xmp", description="no photo of this name")
    (lib / "notes.txt").write_text("not a photo")

    report = await client.assets.upload(lib, state_path=tmp_path / "state.sqlite3")

    assert statuses(report) == {
        "plain.jpg": "uploaded",
        "long.jpg": "uploaded",
        "short.jpg": "uploaded",
        "orphan.xmp": "skipped",
        "notes.txt": "skipped",
    }, report.summary()
    await wait_for_jobs(admin)
    assets = by_name(await every_asset(client))
    assert sorted(assets) == ["long.jpg", "plain.jpg", "short.jpg"]

    plain = exif(assets["plain.jpg"])
    assert (plain.description, plain.rating, plain.latitude) == ("", None, None)
    assert plain.date_time_original == dt.datetime(2015, 6, 7, 8, 9, 10, tzinfo=dt.timezone.utc)

    long = exif(assets["long.jpg"])
    assert (long.description, long.rating) == ("Lunch by the Seine", 4)
    assert (long.latitude, long.longitude) == (48.8566, 2.351)
    assert long.date_time_original == dt.datetime(2019, 7, 8, 7, 10, 11, tzinfo=dt.timezone.utc)
    assert long.time_zone == "Europe/Paris"  # named after the GPS position (not in the fake)
    assert assets["long.jpg"].local_date_time == dt.datetime(
        2019, 7, 8, 9, 10, 11, tzinfo=dt.timezone.utc
    )

    short = exif(assets["short.jpg"])
    assert (short.description, short.rating) == ("Harbour <at> dusk & after", 2)
    assert short.date_time_original == dt.datetime(2018, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    assert short.time_zone == "UTC+0"


@needs_ffmpeg
async def test_videos_with_and_without_sidecars(
    client: AsyncClient, admin: AsyncClient, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    video(lib / "movie.mp4", created="2019-03-04T05:06:07Z", seed=1)
    video(lib / "film.mov", seed=2)
    xmp(lib / "film.xmp", description="a film", taken="2016-05-04T03:02:01+01:00")
    video(lib / "clip.mp4", seed=3)
    xmp(lib / "clip.mp4.xmp", description="a clip", rating=5)

    report = await client.assets.upload(lib, state_path=tmp_path / "state.sqlite3")

    assert set(statuses(report).values()) == {"uploaded"}, report.summary()
    assert report.counts.get("uploaded") == 3
    await wait_for_jobs(admin)
    assets = by_name(await every_asset(client))
    for name in ("movie.mp4", "film.mov", "clip.mp4"):
        assert assets[name].type == "VIDEO"
        assert assets[name].duration == "00:00:01.000"
        assert (assets[name].width, assets[name].height) == (64, 48)
    movie = assets["movie.mp4"]
    assert movie.file_created_at == dt.datetime(2019, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc)
    film = exif(assets["film.mov"])
    assert film.description == "a film"
    assert film.date_time_original == dt.datetime(2016, 5, 4, 2, 2, 1, tzinfo=dt.timezone.utc)
    clip = exif(assets["clip.mp4"])
    assert (clip.description, clip.rating) == ("a clip", 5)


async def test_duplicates_in_the_run_on_the_server_and_in_its_trash(
    client: AsyncClient, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    photo(lib / "a.jpg", 10, T)
    (lib / "copies").mkdir()
    (lib / "copies" / "a-again.jpg").write_bytes((lib / "a.jpg").read_bytes())
    photo(lib / "there.jpg", 11, T)
    photo(lib / "trashed.jpg", 12, T)
    first = await client.assets.upload([lib / "there.jpg", lib / "trashed.jpg"], state_path=None)
    trashed_id = next(o.asset_id for o in first.outcomes() if o.item.endswith("trashed.jpg"))
    assert trashed_id is not None
    await client.assets.delete_assets(AssetBulkDeleteDto(ids=[trashed_id]))

    state = tmp_path / "state.sqlite3"
    report = await client.assets.upload(lib, state_path=state)

    outcomes = {Path(o.item).name: o for o in report.outcomes()}
    assert {n: o.status for n, o in outcomes.items()} == {
        "a.jpg": "uploaded",
        "a-again.jpg": "duplicate",
        "there.jpg": "duplicate",
        "trashed.jpg": "duplicate",
    } or {n: o.status for n, o in outcomes.items()} == {
        "a.jpg": "duplicate",
        "a-again.jpg": "uploaded",
        "there.jpg": "duplicate",
        "trashed.jpg": "duplicate",
    }
    assert outcomes["a.jpg"].asset_id == outcomes["a-again.jpg"].asset_id
    assert "the server already has it" in (outcomes["there.jpg"].reason or "")
    assert "in the server's trash" in (outcomes["trashed.jpg"].reason or "")
    assert outcomes["trashed.jpg"].asset_id == trashed_id

    everything = await every_asset(client, with_deleted=True)
    assert sorted(a.original_file_name for a in everything) in (
        ["a.jpg", "there.jpg", "trashed.jpg"],
        ["a-again.jpg", "there.jpg", "trashed.jpg"],
    )
    assert [a.is_trashed for a in everything if a.id == trashed_id] == [True]

    again = await client.assets.upload(lib, state_path=state)
    assert set(statuses(again).values()) == {"duplicate"}
    assert again.bytes_transferred == 0


async def test_a_sidecar_written_after_the_upload_never_reaches_the_server_and_is_named(
    client: AsyncClient, admin: AsyncClient, tmp_path: Path
) -> None:
    """Immich takes a sidecar only with a new asset: sent again with the photo it already
    has (no pre-check), it is dropped. So a re-run names, in the outcome, the sidecar
    edited or added after the upload, and the server keeps what it first received."""
    lib = tmp_path / "lib"
    photo(lib / "p.jpg", 41, T)
    xmp(lib / "p.jpg.xmp", description="the first caption")
    photo(lib / "q.jpg", 42, T)
    state = tmp_path / "state.sqlite3"
    first = await client.assets.upload(lib, state_path=state)
    assert statuses(first) == {"p.jpg": "uploaded", "q.jpg": "uploaded"}
    xmp(lib / "p.jpg.xmp", description="edited after the upload")
    xmp(lib / "q.jpg.xmp", description="added after the upload")

    again = await client.assets.upload(lib, state_path=state)
    reasons = {Path(o.item).name: o.reason for o in again.outcomes()}
    tail = "and Immich takes one only with a new asset"
    assert reasons == {
        "p.jpg": "already uploaded (journal); its sidecar p.jpg.xmp is not on the server: "
        f"the asset was uploaded with another sidecar, {tail}",
        "q.jpg": "already uploaded (journal); its sidecar q.jpg.xmp is not on the server: "
        f"the asset was uploaded without a sidecar, {tail}",
    }
    assert len(again.notes) == 1 and again.notes[0].startswith("2 duplicates have a sidecar")

    sent_again = await client.assets.upload(lib, state_path=None, skip_hash=True)
    assert statuses(sent_again) == {"p.jpg": "duplicate", "q.jpg": "duplicate"}
    await wait_for_jobs(admin)
    assets = by_name(await every_asset(client))
    assert exif(assets["p.jpg"]).description == "the first caption"
    assert exif(assets["q.jpg"]).description == ""


async def test_albums_by_name_then_from_folders(client: AsyncClient, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    photo(lib / "Trip" / "x.jpg", 20, T)
    photo(lib / "Trip" / "y.jpg", 21, T)
    photo(lib / "Home" / "z.jpg", 22, T)
    state = tmp_path / "state.sqlite3"

    named = await client.assets.upload(lib, album="Holidays", state_path=state)
    by_folder = await client.assets.upload(lib, album_from_folder=True, state_path=state)
    again = await client.assets.upload(lib, album_from_folder=True, state_path=state)

    assert named.counts.get("uploaded") == 3
    assert set(statuses(by_folder).values()) == set(statuses(again).values()) == {"duplicate"}
    albums = {a.album_name: a for a in await client.albums.get_all_albums()}
    assert sorted(albums) == ["Holidays", "Home", "Trip"]  # none created twice
    contents = {}
    for name, album in albums.items():
        info = await client.albums.get_album_info(album.id)
        contents[name] = sorted(a.original_file_name for a in info.assets)
    assert contents == {
        "Holidays": ["x.jpg", "y.jpg", "z.jpg"],
        "Home": ["z.jpg"],
        "Trip": ["x.jpg", "y.jpg"],
    }


async def test_names_that_are_awkward_in_a_multipart_header_arrive_intact(
    client: AsyncClient, admin: AsyncClient, tmp_path: Path
) -> None:
    folder = tmp_path / "Été 2019"
    names = ["café ☕.jpg", 'quote"d.jpg', "semi;colon.JPG", "back\\slash.jpg", "100%25.jpg",
             "line\rbreak.jpg"]  # fmt: skip
    for n, name in enumerate(names):
        photo(folder / name, 80 + n, T)
    xmp(folder / "café ☕.jpg.xmp", description="ünïcödé ✓")

    report = await client.assets.upload(folder, album_from_folder=True, state_path=None)

    assert report.counts == {"uploaded": len(names)}, report.summary()
    await wait_for_jobs(admin)
    assets = by_name(await every_asset(client))
    assert sorted(assets) == sorted(names)
    assert exif(assets["café ☕.jpg"]).description == "ünïcödé ✓"
    (album,) = await client.albums.get_all_albums()
    assert (album.album_name, album.asset_count) == ("Été 2019", len(names))


async def test_archive_favourite_hidden_and_locked(client: AsyncClient, tmp_path: Path) -> None:
    photo(tmp_path / "archived.jpg", 30, T)
    photo(tmp_path / "hidden.jpg", 31, T)
    photo(tmp_path / "locked.jpg", 32, T)

    archived = await client.assets.upload(
        tmp_path / "archived.jpg",
        visibility=AssetVisibility.ARCHIVE,
        favorite=True,
        state_path=None,
    )
    hidden = await client.assets.upload(
        tmp_path / "hidden.jpg", visibility=AssetVisibility.HIDDEN, state_path=None
    )
    locked = await client.assets.upload(
        tmp_path / "locked.jpg", visibility=AssetVisibility.LOCKED, state_path=None
    )
    for report in (archived, hidden, locked):
        assert report.counts.get("uploaded") == 1, report.summary()

    assets = by_name(await every_asset(client))
    assert assets["archived.jpg"].visibility == AssetVisibility.ARCHIVE
    assert assets["archived.jpg"].is_favorite and assets["archived.jpg"].is_archived
    assert assets["hidden.jpg"].visibility == AssetVisibility.HIDDEN
    assert "locked.jpg" not in assets  # an API key cannot list the locked folder...
    # ...but the server has it: a later run finds it, and cannot put it in an album
    photo(tmp_path / "shown.jpg", 33, T)
    mixed = await client.assets.upload(
        [tmp_path / "locked.jpg", tmp_path / "shown.jpg"], album="Mixed", state_path=None
    )
    (locked_outcome,) = locked.outcomes()
    outcomes = {Path(o.item).name: o for o in mixed.outcomes()}
    assert outcomes["locked.jpg"].status == "duplicate"
    assert outcomes["locked.jpg"].asset_id == locked_outcome.asset_id
    assert outcomes["shown.jpg"].status == "uploaded"
    assert mixed.notes == ("1 album additions failed: could not add to album: no_permission (1)",)
    (album,) = await client.albums.get_all_albums()
    info = await client.albums.get_album_info(album.id)
    assert [a.original_file_name for a in info.assets] == ["shown.jpg"]

    with pytest.raises(ValueError, match="locked"):
        await client.assets.upload(
            tmp_path / "locked.jpg", visibility=AssetVisibility.LOCKED, album="x", state_path=None
        )


async def test_a_dry_run_changes_nothing_on_the_server(client: AsyncClient, tmp_path: Path) -> None:
    photo(tmp_path / "lib" / "a" / "one.jpg", 40, T)
    photo(tmp_path / "lib" / "b" / "two.jpg", 41, T)
    report = await client.assets.upload(
        tmp_path / "lib", dry_run=True, album_from_folder=True, delete=True,
        state_path=tmp_path / "state.sqlite3",
    )  # fmt: skip
    assert set(statuses(report).values()) == {"would-upload"}
    assert report.dry_run and report.bytes_transferred == 0
    assert await every_asset(client, with_deleted=True) == []
    assert await client.albums.get_all_albums() == []
    assert sorted(p.name for p in (tmp_path / "lib").rglob("*.jpg")) == ["one.jpg", "two.jpg"]


async def test_delete_after_upload_removes_only_what_the_server_holds(
    real_server: RealServer, admin: AsyncClient, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    small = photo(lib / "small.jpg", 50, T)
    xmp(lib / "small.jpg.xmp", description="goes with it")
    photo(lib / "there.jpg", 51, T)
    photo(lib / "big.jpg", 52, T, size=200_000)
    # a user whose quota takes small.jpg and there.jpg but not big.jpg: the server refuses it
    user = await create_user(
        real_server, admin, name=f"e2e-quota-{secrets.token_hex(4)}", quota=len(small) * 3
    )
    async with user.client() as client:
        await client.assets.upload(lib / "there.jpg", state_path=None)
        report = await client.assets.upload(lib, delete=True, state_path=tmp_path / "s.sqlite3")

    outcomes = {Path(o.item).name: o for o in report.outcomes()}
    assert outcomes["small.jpg"].status == "uploaded" and outcomes["small.jpg"].deleted
    assert outcomes["there.jpg"].status == "duplicate" and not outcomes["there.jpg"].deleted
    assert outcomes["big.jpg"].status == "failed" and not outcomes["big.jpg"].deleted
    assert "Quota has been exceeded" in (outcomes["big.jpg"].reason or "")
    assert sorted(p.name for p in lib.iterdir()) == ["big.jpg", "there.jpg"]


async def test_a_locked_upload_is_deleted_once_the_server_holds_it(
    client: AsyncClient, tmp_path: Path
) -> None:
    photo(tmp_path / "secret.jpg", 60, T)
    xmp(tmp_path / "secret.jpg.xmp", description="private")
    report = await client.assets.upload(
        tmp_path, visibility=AssetVisibility.LOCKED, delete=True, state_path=None
    )
    (outcome,) = report.outcomes()
    assert outcome.status == "uploaded" and outcome.deleted, outcome
    assert list(tmp_path.iterdir()) == []


async def test_the_default_pauses_a_few_dozen_files_upload_with_an_admin_key_only(
    admin_user: RealUser, client: AsyncClient, admin: AsyncClient, tmp_path: Path
) -> None:
    """``pause_jobs="auto"``: an admin's upload of a few dozen files pauses the ingest
    queues (the admin's own pause left alone) and resumes them; a user's key uploads
    unpaused without a warning. The test leaves the queues running."""
    lib = tmp_path / "lib"
    for n in range(AUTO_PAUSE_MIN_FILES + 4):
        photo(lib / f"a{n}.jpg", 300 + n, T)
    await admin.queues.update_queue(QueueName.OCR, QueueUpdateDto(is_paused=True))  # the admin's

    def paused_now() -> set[str]:
        answer = httpx.get(
            f"{admin_user.server.url}/queues", headers={"x-api-key": admin_user.api_key}
        )
        return {q["name"] for q in answer.json() if q["isPaused"]}

    seen: list[set[str]] = []
    notices: list[str] = []

    def on_event(event: TransferEvent) -> None:
        if isinstance(event, ItemDone) and event.stage == "upload":
            seen.append(paused_now())
        if isinstance(event, Notice):
            notices.append(event.message)

    try:
        async with admin_user.client() as admins:
            report = await admins.assets.upload(lib, on_event=on_event, state_path=None)
        assert report.counts.get("uploaded") == AUTO_PAUSE_MIN_FILES + 4, report.summary()
        ours = set(INGEST_QUEUES) - {"ocr"}
        assert seen[-1] == set(INGEST_QUEUES)  # the last files went in paused
        assert set(report.paused_jobs or ()) == ours
        assert paused_now() == {"ocr"}  # resumed what it paused, and only that
        assert any(m.startswith("paused the server's job queues") for m in notices), notices
        # a user's key may not pause: the same default uploads unpaused, quietly
        seen.clear()
        notices.clear()
        report = await client.assets.upload(lib, on_event=on_event, state_path=None)
        assert report.counts.get("uploaded") == AUTO_PAUSE_MIN_FILES + 4, report.summary()
        assert report.paused_jobs is None and notices == []
        assert all(s == {"ocr"} for s in seen)
    finally:
        for name in INGEST_QUEUES:
            await admin.queues.update_queue(QueueName(name), QueueUpdateDto(is_paused=False))


async def test_pause_jobs_pauses_and_resumes_exactly_its_queues_then_waits_for_them(
    admin_user: RealUser, admin: AsyncClient, tmp_path: Path
) -> None:
    """The server's job queues are shared: this test leaves them all running."""
    lib = tmp_path / "lib"
    for n in range(3):
        photo(lib / f"p{n}.jpg", 70 + n, T)
    xmp(lib / "p0.jpg.xmp", description="read while the upload waited")
    await admin.queues.update_queue(QueueName.OCR, QueueUpdateDto(is_paused=True))  # the admin's
    seen: list[set[str]] = []

    def paused_now() -> set[str]:
        answer = httpx.get(
            f"{admin_user.server.url}/queues", headers={"x-api-key": admin_user.api_key}
        )
        return {q["name"] for q in answer.json() if q["isPaused"]}

    def on_event(event: TransferEvent) -> None:
        # runs inside the upload: the queues as the server has them mid-run
        if isinstance(event, ItemDone) and event.stage == "upload" and not seen:
            seen.append(paused_now())

    try:
        async with admin_user.client() as client:
            report = await client.assets.upload(
                lib, pause_jobs=True, wait_for_jobs=True, on_event=on_event,
                state_path=tmp_path / "state.sqlite3",
            )  # fmt: skip
            assert report.counts.get("uploaded") == 3, report.summary()
            ours = set(INGEST_QUEUES) - {"ocr"}
            assert seen == [set(INGEST_QUEUES)]
            assert set(report.paused_jobs or ()) == ours
            assert paused_now() == {"ocr"}  # resumed what it paused, and only that
            # --wait-for-jobs: the metadata is read when the upload returns
            info = await client.assets.get_asset_info(
                next(o.asset_id for o in report.outcomes() if o.item.endswith("p0.jpg"))  # type: ignore[arg-type]
            )
            assert exif(info).description == "read while the upload waited"
    finally:
        for name in INGEST_QUEUES:
            await admin.queues.update_queue(QueueName(name), QueueUpdateDto(is_paused=False))
