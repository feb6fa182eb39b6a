"""The migration's building blocks: journal, metadata, selection."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from immich_bulk.models import AssetResponseDto
from immich_bulk.transfer.migrate.engine import MigrateConfig, MigrateOptions
from immich_bulk.transfer.migrate.listing import Selection
from immich_bulk.transfer.migrate.metadata import (
    PRESERVE_ALL,
    desired_state,
    fingerprint,
    local_iso,
    normalize_preserve,
    update_dto,
    zone_of,
)
from immich_bulk.transfer.state import StateStore
from immich_bulk.transfer.state.migration import MigrationJournal, PairKey

KEY = PairKey.of("https://old.example/api", "U1", "http://new.example:2283", "u2")
SHA = bytes(range(20))


async def test_journal_records_assets_links_and_members(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    async with StateStore.open(path) as store:  # the journal lives in the shared state file
        assert store.path == path
        async with MigrationJournal.open(path, KEY) as journal:
            journal.record_asset("s1", checksum=SHA, target_id="t1", status="uploaded")
            journal.record_asset("s2", checksum=SHA, target_id="t2", status="existing", meta_fp="f")
            journal.record_link("album", "a1", target_key="ta1", fp="x")
            journal.record_link_members("tag", "people", ["t1", "t2"])
            got = await journal.assets(["s1", "s2", "s3"])  # reads see buffered writes
            assert set(got) == {"s1", "s2"} and got["s2"].meta_fp == "f"
            assert got["s1"].meta_fp is None and got["s1"].status == "uploaded"
            # recording the mapping again keeps the fingerprint of the same target asset...
            journal.record_asset("s2", checksum=SHA, target_id="t2", status="existing")
            assert (await journal.assets(["s2"]))["s2"].meta_fp == "f"
            # ...but not when the asset is another one on the target now
            journal.record_asset("s2", checksum=SHA, target_id="t9", status="existing")
            assert (await journal.assets(["s2"]))["s2"].meta_fp is None
    async with MigrationJournal.open(path, KEY) as journal:  # survives a reopen
        assert await journal.target_ids(["s1", "s2"]) == {"s1": "t1", "s2": "t9"}
        link = await journal.link("album", "a1")
        assert link is not None and link.target_key == "ta1" and link.fp == "x"
        assert await journal.link("album", "zz") is None
        assert await journal.link_members("tag", "people", ["t1", "t5"]) == {"t1"}
        assert await journal.asset_count() == 2
        assert journal.persistent
    other = PairKey.of("https://old.example", "u1", "http://new.example:2283", "u3")
    async with MigrationJournal.open(path, other) as journal:  # another pair sees nothing
        assert await journal.assets(["s1"]) == {}
    # no credential ever reaches the file
    assert KEY.source_key == "https://old.example" and KEY.source_user == "u1"
    with pytest.raises(ValueError):
        PairKey.of("https://user:secret@x", "u", "ftp://y", "v")


async def test_in_memory_journal_and_bad_records() -> None:
    async with MigrationJournal.open(None, KEY) as journal:
        assert not journal.persistent
        with pytest.raises(ValueError):
            journal.record_asset("s", checksum=b"short", target_id="t", status="uploaded")
        with pytest.raises(ValueError):
            journal.record_asset("s", checksum=SHA, target_id="t", status="maybe")
        journal.record_asset("s", checksum=SHA, target_id="t", status="uploaded")
        await journal.flush()
        assert await journal.target_ids(["s"]) == {"s": "t"}


def test_time_zones_and_local_times() -> None:
    assert zone_of("UTC+2") == dt.timezone(dt.timedelta(hours=2))
    assert zone_of("UTC-03:30") == dt.timezone(-dt.timedelta(hours=3, minutes=30))
    assert zone_of("+0530") == dt.timezone(dt.timedelta(hours=5, minutes=30))
    assert zone_of("UTC") == dt.timezone.utc and zone_of(None) is None
    assert zone_of("Nowhere/Atlantis") is None and zone_of("UTC+25") is None
    paris = zone_of("Europe/Paris")
    assert paris is not None
    when = dt.datetime(2019, 5, 1, 10, 30, tzinfo=dt.timezone.utc)
    assert local_iso(when, "UTC+2") == "2019-05-01T12:30:00+02:00"
    assert local_iso(when, "Europe/Paris") == "2019-05-01T12:30:00+02:00"
    assert local_iso(when, "garbage") == "2019-05-01T10:30:00+00:00"
    assert local_iso(when.replace(tzinfo=None), None) == "2019-05-01T10:30:00+00:00"


def _asset(**changes: object) -> AssetResponseDto:
    from immich_bulk._converter import structure_json

    data = {
        "id": "a",
        "checksum": "AAECAwQFBgcICQoLDA0ODxAREhM=",
        "createdAt": "2024-01-01T00:00:00.000Z",
        "deviceAssetId": "d",
        "deviceId": "dev",
        "duration": "0:00:00.00000",
        "fileCreatedAt": "2024-01-01T00:00:00.000Z",
        "fileModifiedAt": "2024-01-01T00:00:00.000Z",
        "hasMetadata": True,
        "height": None,
        "width": None,
        "isArchived": True,
        "isEdited": False,
        "isFavorite": True,
        "isOffline": False,
        "isTrashed": True,
        "localDateTime": "2024-01-01T00:00:00.000Z",
        "originalFileName": "a.jpg",
        "originalPath": "/x/a.jpg",
        "ownerId": "o",
        "thumbhash": None,
        "type": "IMAGE",
        "updatedAt": "2024-01-01T00:00:00.000Z",
        "visibility": "archive",
        "exifInfo": {
            "description": "hello",
            "rating": 3,
            "dateTimeOriginal": "2024-01-01T00:00:00+00:00",
            "timeZone": "UTC+1",
            "latitude": 1.5,
            "longitude": 2.5,
        },
        **changes,
    }
    return structure_json(data, AssetResponseDto)


def test_desired_state_follows_preserve() -> None:
    asset = _asset()
    full = desired_state(asset, PRESERVE_ALL, live_video_target="v", include_trashed=True)
    assert full == {
        "isFavorite": True,
        "visibility": "archive",
        "description": "hello",
        "rating": 3,
        "dateTimeOriginal": "2024-01-01T01:00:00+01:00",
        "latitude": 1.5,
        "longitude": 2.5,
        "livePhotoVideoId": "v",
        "trashed": True,
    }
    bare = desired_state(asset, normalize_preserve([]), live_video_target="v")
    assert bare == {"visibility": "timeline", "trashed": False}
    assert fingerprint(full) == fingerprint(dict(reversed(full.items())))
    assert fingerprint(full) != fingerprint(bare)
    dto = update_dto(full)
    assert dto is not None and dto.rating == 3 and dto.live_photo_video_id == "v"
    assert update_dto({}) is None
    unrated = desired_state(_asset(exifInfo={"rating": 0, "description": ""}), PRESERVE_ALL)
    assert "rating" not in unrated and "description" not in unrated


def test_options_are_validated() -> None:
    with pytest.raises(ValueError, match="cannot preserve"):
        MigrateOptions(preserve=["faces"])
    assert MigrateOptions(preserve=["live-photos"]).preserve == {"live_photos"}
    with pytest.raises(ValueError, match="unknown asset type"):
        Selection(asset_types=["PHOTO"])
    with pytest.raises(ValueError, match="later than"):
        Selection(taken_after=dt.datetime(2021, 1, 1), taken_before=dt.datetime(2020, 1, 1))
    with pytest.raises(ValueError):
        Selection(albums=[])
    with pytest.raises(ValueError):
        MigrateConfig(concurrency=0)
    s = Selection(taken_after=dt.datetime(2020, 1, 1), asset_types="video", albums="Trip")
    assert s.taken_after is not None and s.taken_after.tzinfo is dt.timezone.utc
    assert s.asset_types == frozenset({"VIDEO"}) and s.albums == ("Trip",) and s.filters_assets
    assert not Selection().filters_assets
    assert [v.value for v in Selection(include_archived=False).passes()] == [
        "timeline",
        "locked",
        "hidden",
    ]
