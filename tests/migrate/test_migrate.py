"""Migration between two fakes: what is carried, what is reported, re-runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from immich_bulk.models import AlbumUserCreateDto, AlbumUserRole, CreateAlbumDto, UpdateAssetDto
from immich_bulk.samples import jpeg_bytes
from immich_bulk.transfer.events import TransferEvent
from immich_bulk.transfer.migrate.engine import NOT_CARRIED, migrate, verify_migration
from tests.migrate.helpers import FAST, WHEN, build_library, on_target, servers, target_albums


async def test_everything_is_carried_and_a_rerun_does_nothing(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    async with servers() as (src, tgt):
        lib = await build_library(src)
        events: list[TransferEvent] = []
        report = await migrate(
            src.client, tgt.client, state_path=state, config=FAST, on_event=events.append
        )
        assert report.ok, report.failures
        # 12 photos + the motion video + the still; 3 albums; 1 stack; 3 tags
        assert report.items == {"assets": 14, "albums": 3, "stacks": 1, "tags": 3}
        assert report.count("migrated") == 14 + 3 + 1 + 3 and report.total == 21
        assert tgt.fake.counters.uploads_stored == 14
        assert len(tgt.fake.assets(tgt.user)) == 14  # no trash, nothing of the admin's
        src_photos = lib.photos

        # file names and dates
        for asset in lib.selected:
            copy = on_target(tgt, asset)
            assert copy.original_file_name == asset.original_file_name
            assert copy.file_created_at == asset.file_created_at
            assert copy.file_modified_at == asset.file_modified_at
        # favourites, archive, description, rating, date with its zone, location
        assert {p.original_file_name for p in src_photos if on_target(tgt, p).is_favorite} == {
            "p0.jpg",
            "p2.jpg",
        }
        assert on_target(tgt, src_photos[3]).visibility == "archive"
        assert on_target(tgt, src_photos[4]).description == "sunset at the lake"
        assert on_target(tgt, src_photos[5]).rating == 4
        dated = on_target(tgt, src_photos[6])
        assert dated.date_time_original == dt.datetime(2019, 5, 1, 10, 30, tzinfo=dt.timezone.utc)
        assert dated.time_zone == "UTC+2"
        assert (
            on_target(tgt, src_photos[7]).latitude,
            on_target(tgt, src_photos[7]).longitude,
        ) == (
            48.85,
            2.35,
        )
        # the live photo: motion part first, hidden, linked to the still
        still, video = on_target(tgt, lib.still), on_target(tgt, lib.video)
        assert still.live_photo_video_id == video.id and video.visibility == "hidden"
        # albums by name with their members; an asset in two albums is in both; empty kept
        albums = target_albums(tgt)
        sums = [p.checksum for p in src_photos]
        assert albums == {
            "Trip": {sums[0], sums[1], sums[2], sums[8]},
            "Best": {sums[1], sums[9], lib.still.checksum},
            "Empty": set(),
        }
        assert next(a for a in tgt.fake.albums(tgt.user) if a.name == "Empty").description
        # the stack, primary kept
        (stack,) = tgt.fake.state.stacks.values()
        assert stack.primary_asset_id == on_target(tgt, src_photos[11]).id
        assert set(stack.asset_ids) == {on_target(tgt, src_photos[i]).id for i in (10, 11)}
        # tags by value; "people" only where the source has it explicitly
        values = {t.id: t.value for t in tgt.fake.state.tags.values()}
        tagged = {
            p.original_file_name: {values[t] for t in on_target(tgt, p).tag_ids} for p in src_photos
        }
        assert tagged["p2.jpg"] == {"people", "people/bob"}
        assert tagged["p3.jpg"] == {"people"}
        assert tagged["p0.jpg"] == {"trip"}
        # the bytes moved are counted; the events tell the story
        assert report.bytes_transferred == sum(a.size for a in lib.selected)
        kinds = {e.kind for e in events}
        assert {"queued", "started", "bytes", "done", "album-created", "stage-done"} <= kinds
        assert NOT_CARRIED in report.notes

        diff = await verify_migration(src.client, tgt.client)
        assert diff.ok, list(diff.differences())
        assert diff.source_assets == 14 and diff.target_assets == 14

        # a re-run transfers nothing, re-applies nothing, and says so
        downloads = src.fake.counters.requests_to("downloadAsset")
        updates = tgt.fake.counters.requests_to("updateAsset")
        again = await migrate(src.client, tgt.client, state_path=state, config=FAST)
        assert again.ok and again.count("exists") == 21 and again.bytes_transferred == 0
        assert src.fake.counters.requests_to("downloadAsset") == downloads
        assert tgt.fake.counters.requests_to("updateAsset") == updates
        assert tgt.fake.counters.requests_to("createStack") == 1
        assert tgt.fake.counters.uploads_stored == 14


async def test_without_a_state_file_a_rerun_is_still_exact() -> None:
    async with servers() as (src, tgt):
        await build_library(src)
        first = await migrate(src.client, tgt.client, state_path=None, config=FAST)
        second = await migrate(src.client, tgt.client, state_path=None, config=FAST)
        assert first.ok and second.ok
        assert second.count("exists") == second.total
        assert tgt.fake.counters.uploads_stored == 14 and tgt.fake.counters.duplicates == 0
        assert len(target_albums(tgt)) == 3
        assert (await verify_migration(src.client, tgt.client)).ok


async def test_half_migrated_target_is_completed_not_duplicated(tmp_path: Path) -> None:
    async with servers() as (src, tgt):
        lib = await build_library(src)
        # the target already holds four of the photos (from a phone backup, say): plain,
        # not favourite, in no album; and one of them sits in the target's trash
        for i in (0, 1, 3, 4):
            tgt.fake.add_asset(
                tgt.user, src.fake.read_asset(lib.photos[i].id), f"phone-{i}.jpg", trashed=i == 4
            )
        report = await migrate(src.client, tgt.client, state_path=tmp_path / "s", config=FAST)
        assert report.ok, report.failures
        assert tgt.fake.counters.uploads_stored == 10  # only the ten missing ones
        downloaded = src.fake.counters.requests_to("downloadAsset")
        assert downloaded == 10  # nothing the target had was downloaded
        statuses = {o.item: o.status for o in report.outcomes()}
        assert [statuses[lib.photos[i].id] for i in (0, 1, 3, 4)] == ["exists"] * 4
        p0, p3, p4 = (on_target(tgt, lib.photos[i]) for i in (0, 3, 4))
        assert p0.is_favorite and p3.visibility == "archive"
        assert not p4.is_trashed and p4.description == "sunset at the lake"
        assert "restored from the target's trash" in (
            next(o.reason for o in report.outcomes() if o.item == lib.photos[4].id) or ""
        )
        assert target_albums(tgt)["Trip"] >= {lib.photos[0].checksum, lib.photos[1].checksum}
        assert (await verify_migration(src.client, tgt.client)).ok


async def test_trash_is_carried_only_when_asked(tmp_path: Path) -> None:
    async with servers() as (src, tgt):
        lib = await build_library(src)
        report = await migrate(
            src.client, tgt.client, state_path=None, config=FAST, include_trashed=True
        )
        assert report.ok and report.items["assets"] == 15
        assert on_target(tgt, lib.trashed).is_trashed
        diff = await verify_migration(src.client, tgt.client, include_trashed=True)
        assert diff.ok, list(diff.differences())


async def test_empty_albums_with_one_name_become_one_album(tmp_path: Path) -> None:
    async with servers() as (src, tgt):
        await build_library(src)
        for description in ("first", "second"):
            await src.client.albums.create_album(
                CreateAlbumDto(album_name="Empty", description=description)
            )
        report = await migrate(src.client, tgt.client, state_path=tmp_path / "s", config=FAST)
        assert report.ok, report.failures
        assert "3 source albums are named 'Empty': merged into one on the target" in report.notes
        assert target_albums(tgt)["Empty"] == set()  # asserts one album of that name
        # a re-run without the journal finds it by name and makes no other
        again = await migrate(src.client, tgt.client, state_path=None, config=FAST)
        assert again.ok and again.count("exists") == again.total
        assert sum(a.name == "Empty" for a in tgt.fake.albums(tgt.user)) == 1


async def test_dry_run_changes_nothing() -> None:
    async with servers() as (src, tgt):
        await build_library(src)
        report = await migrate(src.client, tgt.client, state_path=None, config=FAST, dry_run=True)
        assert report.dry_run and report.ok
        assert report.count("would-migrate") == 14 + 3
        assert tgt.fake.assets(tgt.user) == [] and tgt.fake.albums(tgt.user) == []
        assert src.fake.counters.requests_to("downloadAsset") == 0


async def test_filters_select_assets_and_albums() -> None:
    async with servers() as (src, tgt):
        lib = await build_library(src)
        await src.client.assets.update_asset(lib.still.id, UpdateAssetDto(is_favorite=True))
        report = await migrate(
            src.client, tgt.client, state_path=None, config=FAST, favorites_only=True
        )
        assert report.ok
        moved = {a.original_file_name for a in tgt.fake.assets(tgt.user)}
        # the favourite still brings its (not favourite) motion video along
        assert moved == {"p0.jpg", "p2.jpg", "IMG_0001.heic", "IMG_0001.mov"}
        assert on_target(tgt, lib.still).live_photo_video_id == on_target(tgt, lib.video).id
        # albums are created with what was selected; those without a selected asset are not
        albums = target_albums(tgt)
        assert set(albums) == {"Trip", "Best"}
        outcomes = {o.item: o for o in report.outcomes()}
        assert outcomes["album:Empty"].status == "skipped"
        assert "not migrated" in (outcomes["album:Trip"].reason or "")
        assert (await verify_migration(src.client, tgt.client, favorites_only=True)).ok

    async with servers() as (src, tgt):
        lib = await build_library(src)
        report = await migrate(
            src.client,
            tgt.client,
            state_path=None,
            config=FAST,
            albums=["Best"],
            asset_types=["IMAGE"],
            taken_before=WHEN + dt.timedelta(days=400),
        )
        assert report.ok
        assert set(target_albums(tgt)) == {"Best"}
        moved = {a.original_file_name for a in tgt.fake.assets(tgt.user)}
        assert moved == {"p1.jpg", "p9.jpg", "IMG_0001.heic", "IMG_0001.mov"}
        del lib


async def test_what_cannot_be_carried_is_reported() -> None:
    async with servers() as (src, tgt):
        await build_library(src)
        friend = src.fake.create_user("friend@old.example")
        photo = src.fake.add_asset(friend, jpeg_bytes(77, WHEN), "friends.jpg")
        # alice shares an album with her friend; the friend shares one with alice
        await src.client.albums.create_album(
            CreateAlbumDto(
                album_name="Shared",
                album_users=[AlbumUserCreateDto(user_id=friend.id, role=AlbumUserRole.VIEWER)],
            )
        )
        async with src.fake.client(src.fake.create_api_key(friend)) as as_friend:
            await as_friend.albums.create_album(
                CreateAlbumDto(
                    album_name="Friend's",
                    asset_ids=[photo.id],
                    album_users=[
                        AlbumUserCreateDto(user_id=src.user.id, role=AlbumUserRole.EDITOR)
                    ],
                )
            )
        # the locked folder cannot be listed with an API key on a real server
        src.fake.faults.fail(
            401, match="searchAssets", skip=2, times=1, message="Elevated permission is required"
        )
        report = await migrate(src.client, tgt.client, state_path=None, config=FAST)
        assert report.ok, report.failures
        notes = "\n".join(report.notes)
        assert NOT_CARRIED in report.notes
        assert "locked folder (if there is one) was not migrated" in notes
        assert "album 'Shared' is shared with 1 users" in notes
        assert "1 albums shared with the source user by others are not migrated" in notes
        assert "friends.jpg" not in {a.original_file_name for a in tgt.fake.assets(tgt.user)}
