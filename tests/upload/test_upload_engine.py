"""The bulk upload engine against the fake server: exactly once, nothing dropped, resumable."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path

import anyio
import pytest

from immich_bulk import AsyncClient
from immich_bulk.models import AssetVisibility
from immich_bulk.samples import jpeg_bytes, write_sample_library
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.config import UploadConfig
from immich_bulk.transfer.events import TransferEvent
from immich_bulk.transfer.report import TransferReport
from tests.upload.helpers import FAST_RETRY, WHEN, files_under, server_checksums


async def test_uploads_every_file_once_and_accounts_for_everything(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=40, folders=3)
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.upload(lib.root, state_path=tmp_path / "state.db")
        assert report.ok, report.failures
        assert report.total == len(files_under(lib.root)) - 2  # the two sidecars ride along
        assert report.count("uploaded") == 40
        assert report.count("duplicate") == 1  # "copy of IMG_00000.jpg"
        assert report.count("skipped") == 1  # README.txt, with a reason
        skipped = [o for o in report.outcomes() if o.status == "skipped"]
        assert "README.txt" in skipped[0].item and "unsupported" in (skipped[0].reason or "")
        # the server has exactly one asset per distinct content
        assert len(fake.assets()) == 40
        assert server_checksums(fake) == {
            hashlib.sha1(p.read_bytes()).digest()
            for p in files_under(lib.root)
            if p.suffix == ".jpg"
        }
        # sidecars were sent with their photos
        with_sidecar = [a for a in fake.assets() if a.sidecar_file is not None]
        assert len(with_sidecar) == 2


async def test_rerun_uploads_and_hashes_nothing(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=30)
    state = tmp_path / "state.db"
    async with FakeImmich() as fake, fake.client() as client:
        first = await client.assets.upload(lib.root, state_path=state)
        stored = fake.counters.uploads_stored
        checks = fake.counters.requests_to("checkBulkUpload")
        second = await client.assets.upload(lib.root, state_path=state)
        assert fake.counters.uploads_stored == stored
        assert fake.counters.requests_to("uploadAsset") == first.count("uploaded")
        assert fake.counters.requests_to("checkBulkUpload") == checks  # the journal answered
        assert second.hash.files_hashed == 0
        assert second.count("duplicate") == first.count("uploaded") + first.count("duplicate")
        # recheck asks the server again, still uploads nothing
        third = await client.assets.upload(lib.root, state_path=state, recheck=True)
        assert fake.counters.requests_to("checkBulkUpload") > checks
        assert fake.counters.uploads_stored == stored
        assert third.ok


async def test_duplicates_already_on_the_server_are_not_sent(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=10, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        seeded = sorted(files_under(lib.root))[:4]
        for path in seeded:
            fake.add_asset(None, path.read_bytes(), path.name)
        report = await client.assets.upload(lib.root, state_path=None)
        assert report.count("duplicate") == 4 and report.count("uploaded") == 6
        assert fake.counters.requests_to("uploadAsset") == 6
        ids = {o.asset_id for o in report.outcomes() if o.status == "duplicate"}
        expected = set()
        for path in seeded:
            asset = fake.asset_by_checksum(None, hashlib.sha1(path.read_bytes()).digest())
            assert asset is not None
            expected.add(asset.id)
        assert ids == expected


async def test_many_copies_of_one_photo_upload_once(tmp_path: Path) -> None:
    data = jpeg_bytes(7, WHEN, 30_000)
    for i in range(25):
        (tmp_path / f"copy{i:02d}.jpg").write_bytes(data)
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.upload(
            tmp_path, state_path=None, album="Copies", config=UploadConfig(concurrency=8)
        )
        assert report.ok
        assert report.count("uploaded") == 1 and report.count("duplicate") == 24
        assert fake.counters.uploads_stored == 1
        assert fake.counters.requests_to("uploadAsset") == 1  # the copies waited for the first
        assert {o.asset_id for o in report.outcomes()} == {fake.assets()[0].id}
        (album,) = fake.albums()
        assert len(album.asset_ids) == 1


async def test_albums_by_name_and_by_folder_are_created_once(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=60, folders=4, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        config = UploadConfig(concurrency=8, album_batch_size=7)
        report = await client.assets.upload(
            lib.root, state_path=None, album_from_folder=True, config=config
        )
        assert report.ok
        albums = fake.albums()
        folders = {p.parent.name for p in files_under(lib.root)}
        assert sorted(a.name for a in albums) == sorted(folders)
        assert sum(len(a.asset_ids) for a in albums) == 60
        # one named album for everything, created once even with 8 workers
        await client.assets.upload(lib.root, state_path=None, album="Everything", config=config)
        everything = [a for a in fake.albums() if a.name == "Everything"]
        assert len(everything) == 1 and len(everything[0].asset_ids) == 60
        assert fake.counters.requests_to("createAlbum") == len(folders) + 1


async def test_existing_album_is_reused(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=5, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        from immich_bulk.models import CreateAlbumDto

        existing = await client.albums.create_album(CreateAlbumDto(album_name="Trip"))
        await client.assets.upload(lib.root, state_path=None, album="Trip")
        (album,) = fake.albums()
        assert album.id == existing.id and len(album.asset_ids) == 5


async def test_dry_run_changes_nothing(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=12)
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.upload(lib.root, state_path=None, dry_run=True, album="X")
        assert report.dry_run
        assert report.count("would-upload") == 12
        assert report.count("duplicate") == 1
        assert fake.counters.requests_to("uploadAsset") == 0
        assert fake.assets() == [] and fake.albums() == []


async def test_delete_only_after_a_confirmed_upload(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=8, extras=False)
    doomed = sorted(files_under(lib.root))
    async with FakeImmich() as fake, fake.client() as client:
        fake.faults.fail(400, match="uploadAsset", times=1, message="nope")  # one file fails
        report = await client.assets.upload(
            lib.root, state_path=None, delete=True, config=UploadConfig(concurrency=1)
        )
    assert report.count("uploaded") == 7 and report.failed == 1
    (failed,) = report.failures
    assert Path(failed.item).exists()  # never delete a file that did not upload
    remaining = [p for p in doomed if p.exists()]
    assert remaining == [Path(failed.item)]
    assert sum(o.deleted for o in report.outcomes()) == 7


async def test_delete_duplicates_is_opt_in(tmp_path: Path) -> None:
    data = jpeg_bytes(1, WHEN)
    (tmp_path / "a.jpg").write_bytes(data)
    async with FakeImmich() as fake, fake.client() as client:
        fake.add_asset(None, data, "a.jpg")
        await client.assets.upload(tmp_path, state_path=None, delete=True)
        assert (tmp_path / "a.jpg").exists()
        await client.assets.upload(tmp_path, state_path=None, delete=True, delete_duplicates=True)
        assert not (tmp_path / "a.jpg").exists()


async def test_visibility_favorite_and_metadata_sent(tmp_path: Path) -> None:
    (tmp_path / "p.jpg").write_bytes(jpeg_bytes(3, WHEN))
    os.utime(tmp_path / "p.jpg", (1_600_000_000, 1_600_000_000))
    async with FakeImmich() as fake, fake.client() as client:
        await client.assets.upload(
            tmp_path, state_path=None, visibility=AssetVisibility.ARCHIVE, favorite=True
        )
        (asset,) = fake.assets()
        assert asset.visibility == "archive" and asset.is_favorite
        assert asset.original_file_name == "p.jpg"
        assert asset.device_asset_id == f"p.jpg-{(tmp_path / 'p.jpg').stat().st_size}"
        assert asset.file_modified_at.timestamp() == 1_600_000_000


async def test_skip_hash_mode_still_uploads_once(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=10)
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.upload(lib.root, state_path=None, skip_hash=True)
        assert report.ok
        assert fake.counters.requests_to("checkBulkUpload") == 0
        assert len(fake.assets()) == 10
        assert report.count("uploaded") == 10 and report.count("duplicate") == 1


async def test_events_callback_and_async_iterator(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=6, extras=False)
    seen: list[TransferEvent] = []
    streamed: list[TransferEvent] = []
    async with FakeImmich() as fake, fake.client() as client:
        from immich_bulk.transfer.state import StateStore
        from immich_bulk.transfer.upload.engine import Uploader

        async with StateStore.open(None) as store:
            uploader = Uploader(client, lib.root, store=store)
            uploader.hub.add_listener(seen.append)
            events = uploader.hub.subscribe()

            async def consume() -> None:
                async for event in events:
                    streamed.append(event)
                    await anyio.sleep(0.01)  # a slow consumer never slows the upload

            async with anyio.create_task_group() as tg:
                tg.start_soon(consume)
                report = await uploader.run()
                uploader.hub.close()
    kinds = Counter(e.kind for e in seen)
    assert kinds["queued"] == 6 and kinds["stage-done"] == 4
    assert Counter(e.kind for e in seen if e.kind != "bytes") == Counter(
        e.kind for e in streamed if e.kind != "bytes"
    )
    uploaded = sum(e.delta for e in seen if e.kind == "bytes")  # type: ignore[attr-defined]
    assert (
        uploaded == report.bytes_transferred == sum(p.stat().st_size for p in files_under(lib.root))
    )
    assert sum(e.delta for e in streamed if e.kind == "bytes") == uploaded  # type: ignore[attr-defined]


async def test_unsupported_type_rejected_by_server_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(jpeg_bytes(1, WHEN))
    async with FakeImmich() as fake, fake.client() as client:
        fake.faults.fail(400, match="uploadAsset", times=1, message="Unsupported file type a.jpg")
        report = await client.assets.upload(tmp_path, state_path=None, config=FAST_RETRY)
    (failure,) = report.failures
    assert "Unsupported file type a.jpg" in (failure.reason or "")
    assert failure.error == "BadRequestError"


@pytest.mark.parametrize("bad", ["missing", "empty-album"])
async def test_bad_input_is_a_clear_error(tmp_path: Path, bad: str) -> None:
    async with FakeImmich() as fake, fake.client() as client:
        if bad == "missing":
            report = await client.assets.upload(tmp_path / "nope", state_path=None)
            (failure,) = report.failures
            assert "nope" in failure.item and "not exist" in (failure.reason or "")
        else:
            with pytest.raises(ValueError, match="album must not be empty"):
                await client.assets.upload(tmp_path, state_path=None, album=" ")


def report_summary(report: TransferReport) -> str:
    return report.summary()


async def test_works_against_a_real_socket_server(tmp_path: Path) -> None:
    from immich_bulk.testing import run_fake_server_in_thread

    lib = write_sample_library(tmp_path / "lib", photos=20, size=50_000)
    with run_fake_server_in_thread() as server:
        async with AsyncClient(server.url, api_key=server.api_key) as client:
            report = await client.assets.upload(lib.root, state_path=None, album="Loopback")
        assert report.ok and report.count("uploaded") == 20
        assert len(server.fake.assets()) == 20
        assert "MB/s" in report_summary(report)
