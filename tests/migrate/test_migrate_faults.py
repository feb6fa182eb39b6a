"""Migration under faults on either side, interruption at any point, corruption."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import anyio
import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from immich_bulk import AsyncClient
from immich_bulk.models import (
    AssetBulkDeleteDto,
    AssetVisibility,
    BulkIdsDto,
    SearchStatisticsResponseDto,
    StackUpdateDto,
    StatisticsSearchDto,
    UpdateAssetDto,
)
from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import run_fake_server_in_thread
from immich_bulk.transfer.events import TransferEvent
from immich_bulk.transfer.migrate.engine import Migrator, migrate, verify_migration
from immich_bulk.transfer.state import StateStore
from tests.migrate.helpers import (
    FAST,
    WHEN,
    Side,
    build_library,
    on_target,
    patch_call,
    servers,
    target_albums,
)


def _photos(side: Side, count: int, size: int | None = None) -> None:
    for i in range(count):
        side.fake.add_asset(side.user, jpeg_bytes(i, WHEN, size=size), f"p{i}.jpg")


async def test_transient_faults_on_both_sides_are_retried_and_counted() -> None:
    async with servers() as (src, tgt):
        _photos(src, 12)
        src.fake.faults.drop_response(match="downloadAsset", times=2)  # before any body
        tgt.fake.faults.fail(503, match="uploadAsset", times=2, skip=3)
        tgt.fake.faults.fail(429, match="uploadAsset", times=1, skip=8, retry_after=3)
        tgt.fake.faults.fail(502, match="checkBulkUpload", times=1)
        report = await migrate(src.client, tgt.client, state_path=None, config=FAST)
        assert report.ok, report.failures
        assert report.count("migrated") == 12
        # every fault on an asset's transfer is one retry of that asset; the bulk check's
        # retry is the check stage's own
        assert report.retries == 2 + 2 + 1
        assert sum(o.retries for o in report.outcomes()) == 5
        assert src.fake.counters.faults["drop_response"] == 2
        assert tgt.fake.counters.faults["error"] == 2 + 1 + 1
        # a failed upload re-opened its source download: 12 + 3 re-opens + 2 dropped
        assert src.fake.counters.requests_to("downloadAsset") == 12 + 3 + 2
        assert tgt.fake.counters.uploads_stored == 12
        assert (await verify_migration(src.client, tgt.client)).ok


async def test_a_source_dropping_mid_body_is_reopened(tmp_path: Path) -> None:
    """On a real socket the source breaks off while the target is receiving the body."""
    with run_fake_server_in_thread() as server:
        async with servers() as (_, tgt):
            user = server.fake.create_user("carol@old.example")
            key = server.fake.create_api_key(user)
            for i in range(4):
                server.fake.add_asset(user, jpeg_bytes(i, WHEN, size=400_000), f"big{i}.jpg")
            server.fake.faults.drop_response(after_bytes=150_000, match="downloadAsset", times=2)
            async with AsyncClient(server.url, api_key=key) as source:
                events: list[TransferEvent] = []
                report = await migrate(
                    source, tgt.client, state_path=None, config=FAST, on_event=events.append
                )
                assert report.ok, report.failures
                assert report.retries == 2 and report.count("migrated") == 4
                retried = [e for e in events if e.kind == "retrying"]
                assert len(retried) == 2
                # progress rewinds what the broken attempts had counted
                assert report.bytes_transferred == 4 * 400_000
                assert tgt.fake.counters.uploads_stored == 4
                assert (await verify_migration(source, tgt.client)).ok
            assert server.fake.counters.faults["drop_response"] == 2


async def test_a_corrupted_stream_is_never_stored() -> None:
    async with servers() as (src, tgt):
        _photos(src, 3)
        src.fake.faults.corrupt(match="downloadAsset", times=1)
        report = await migrate(src.client, tgt.client, state_path=None, config=FAST)
        assert report.ok and report.retries == 1  # detected, fetched again, stored once
        assert tgt.fake.counters.uploads_stored == 3
        for asset in src.fake.assets(src.user):
            assert tgt.fake.read_asset(on_target(tgt, asset).id) == src.fake.read_asset(asset.id)

    # the source is rotten: on a real socket the upload is cut before its last byte
    with run_fake_server_in_thread() as server:
        async with servers() as (src, _), AsyncClient(server.url, api_key=server.api_key) as target:
            _photos(src, 2)
            src.fake.faults.corrupt(match="downloadAsset", times=None)
            report = await migrate(src.client, target, state_path=None, config=FAST)
            assert report.failed == 2 and not report.ok
            assert all(
                "do not match the asset's checksum" in (o.reason or "") for o in report.failures
            )
            assert all(o.retries == FAST.retry.max_attempts - 1 for o in report.failures)
        assert server.fake.assets() == [] and server.fake.counters.uploads_stored == 0


async def test_a_permanent_error_fails_one_asset_and_a_rerun_finishes(tmp_path: Path) -> None:
    async with servers() as (src, tgt):
        _photos(src, 5)
        tgt.fake.faults.fail(400, match="uploadAsset", times=1, message="nope")
        first = await migrate(src.client, tgt.client, state_path=tmp_path / "s", config=FAST)
        assert first.failed == 1 and first.count("migrated") == 4 and not first.ok
        assert "nope" in (first.failures[0].reason or "")
        second = await migrate(src.client, tgt.client, state_path=tmp_path / "s", config=FAST)
        assert second.ok and second.count("migrated") == 1 and second.count("exists") == 4


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(stop_after=st.integers(min_value=1, max_value=80), how=st.sampled_from(["stop", "cancel"]))
async def test_interrupted_anywhere_then_rerun_gives_exactly_once(
    stop_after: int, how: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        state = Path(tmp) / "state.sqlite3"
        async with servers() as (src, tgt):
            lib = await build_library(src)
            seen = 0
            async with StateStore.open(state) as store:
                migrator = Migrator(src.client, tgt.client, store=store, config=FAST)

                def count(event: TransferEvent) -> None:
                    nonlocal seen
                    seen += 1
                    if seen == stop_after:
                        if how == "stop":
                            migrator.stop()
                        else:
                            scope.cancel()

                migrator.hub.add_listener(count)
                with anyio.CancelScope() as scope:
                    first = await migrator.run()
                    assert first.interrupted or first.ok
            downloads = src.fake.counters.requests_to("downloadAsset")
            second = await migrate(src.client, tgt.client, state_path=state, config=FAST)
            assert second.ok and not second.interrupted, second.failures
            # exactly once: every asset, album, stack and tag, and nothing twice
            assert len(tgt.fake.assets(tgt.user)) == len(lib.selected) == 14
            assert tgt.fake.counters.uploads_stored == 14 and tgt.fake.counters.duplicates == 0
            albums = target_albums(tgt)  # asserts no album exists twice
            assert set(albums) == {"Trip", "Best", "Empty"}
            assert len(albums["Trip"]) == 4 and len(albums["Best"]) == 3
            assert len(tgt.fake.state.stacks) == 1
            assert len([t for t in tgt.fake.state.tags.values()]) == 3
            # what the first run had moved was not downloaded again (at most the transfers
            # that were in flight when it stopped)
            redownloaded = src.fake.counters.requests_to("downloadAsset") - downloads
            assert redownloaded <= 14 - (downloads - FAST.concurrency)
            diff = await verify_migration(src.client, tgt.client)
            assert diff.ok, list(diff.differences())


async def test_verify_finds_every_deliberate_difference() -> None:
    async with servers() as (src, tgt):
        lib = await build_library(src)
        report = await migrate(src.client, tgt.client, state_path=None, config=FAST)
        assert report.ok
        t = tgt.client
        p = [on_target(tgt, a) for a in lib.photos]
        await t.assets.update_asset(p[0].id, UpdateAssetDto(is_favorite=False))  # favourite
        await t.assets.delete_assets(_force([p[5].id]))  # missing
        trip = next(a for a in tgt.fake.albums(tgt.user) if a.name == "Trip")
        await t.albums.remove_asset_from_album(trip.id, BulkIdsDto(ids=[p[8].id]))  # member
        await t.assets.update_asset(p[4].id, UpdateAssetDto(description="changed"))
        await t.assets.update_asset(  # unlinks: and the motion video becomes visible
            on_target(tgt, lib.still).id, UpdateAssetDto(live_photo_video_id=None)
        )
        (stack,) = tgt.fake.state.stacks.values()
        await t.stacks.update_stack(stack.id, StackUpdateDto(primary_asset_id=p[10].id))
        trip_tag = next(x for x in tgt.fake.state.tags.values() if x.value == "trip")
        await t.tags.untag_assets(trip_tag.id, BulkIdsDto(ids=[p[0].id]))
        empty = next(a for a in tgt.fake.albums(tgt.user) if a.name == "Empty")
        await t.albums.delete_album(empty.id)
        tgt.fake.add_asset(tgt.user, jpeg_bytes(999, WHEN), "extra.jpg")  # not a difference

        diff = await verify_migration(src.client, tgt.client)
        assert not diff.ok
        assert dict(diff.counts) == {
            "missing": 1,
            "favorite": 1,
            "album_member": 1,
            "album_missing": 1,
            "description": 1,
            "live_photo": 1,
            "visibility": 1,
            "stack": 1,
            "tag": 1,
        }
        assert diff.target_only == 1
        by_kind = {d.kind: d for d in diff.differences()}
        assert (
            by_kind["missing"].name == "p5.jpg" and by_kind["missing"].source_id == lib.photos[5].id
        )
        assert by_kind["album_member"].name == "Trip"
        assert by_kind["album_missing"].name == "Empty"
        data = diff.to_dict()
        assert data["ok"] is False and len(data["differences"]) == diff.total == 9
        assert "9 differences" in diff.summary()
        # fields that were not preserved are not compared
        lax = await verify_migration(
            src.client, tgt.client, preserve=["albums", "stacks", "tags", "live_photos"]
        )
        assert "favorite" not in lax.counts and "description" not in lax.counts


def _force(ids: list[str]) -> AssetBulkDeleteDto:
    return AssetBulkDeleteDto(ids=ids, force=True)


async def test_a_broken_listing_is_a_failure_not_a_silent_gap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with servers() as (src, tgt):
        _photos(src, 5)

        # the source counts more assets than its EXIF search returns (metadata not extracted)
        async def more(real: Any, dto: StatisticsSearchDto) -> SearchStatisticsResponseDto:
            answer = await real(dto)
            extra = 2 if dto.visibility == AssetVisibility.TIMELINE else 0
            return SearchStatisticsResponseDto(total=answer.total + extra)

        patch_call(monkeypatch, src.client, "search", "search_asset_statistics", more)
        report = await migrate(src.client, tgt.client, state_path=None, config=FAST)
        assert report.count("migrated") == 5 and report.failed == 1 and not report.ok
        (failure,) = report.failures
        assert failure.item == "list:timeline" and "2 more timeline assets" in (
            failure.reason or ""
        )
        assert report.items == {"assets": 5}
        diff = await verify_migration(src.client, tgt.client)
        assert not diff.ok and dict(diff.counts) == {"unlisted": 1}

    async with servers() as (src, tgt):
        _photos(src, 5)
        # the second page of the listing fails for good: what was listed still moves
        src.fake.faults.fail(500, match="searchAssets", times=None, skip=1)
        config = attrs.evolve(FAST, page_size=3)
        report = await migrate(src.client, tgt.client, state_path=None, config=config)
        assert report.count("migrated") == 3 and not report.ok
        failed = {o.item for o in report.failures}
        assert failed == {"list:source"}
        assert "re-run" in next(o.reason or "" for o in report.failures if o.item == "list:source")
