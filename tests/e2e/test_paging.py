"""Listing a library over several search pages on a real server: export and migrate with a
page of two find every asset once (the shared pager, transfer/listing.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from immich_bulk import AsyncClient
from immich_bulk.models import MetadataSearchDto
from immich_bulk.samples import jpeg_bytes
from immich_bulk.transfer.config import DownloadConfig
from immich_bulk.transfer.migrate.engine import MigrateConfig, migrate

from .media import upload
from .real import RealUser, wait_for_jobs
from .traffic import RecordingTransport

UPLOADED = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.timezone.utc)
PHOTOS = {
    f"p{i}.jpg": jpeg_bytes(700 + i, dt.datetime(2018, 1, 1 + i, 9, 0), size=3_000)
    for i in range(5)
}


async def _library(client: AsyncClient, admin: AsyncClient) -> dict[str, str]:
    ids = {name: await upload(client, data, name, UPLOADED) for name, data in PHOTOS.items()}
    await wait_for_jobs(admin)
    return ids


async def test_export_pages_through_a_library_two_at_a_time(
    user: RealUser, admin: AsyncClient, tmp_path: Path
) -> None:
    traffic = RecordingTransport()
    async with user.client(transport=traffic) as client:
        ids = await _library(client, admin)
        traffic.clear()
        dest = tmp_path / "out"
        report = await client.download.export(
            dest, everything=True, state_path=None, config=DownloadConfig(page_size=2)
        )
    assert report.ok and report.counts == {"downloaded": 5}, report.summary()
    assert sorted(o.item for o in report.outcomes()) == sorted(ids.values())
    # the timeline took pages of 2, 2 and 1 (then the archive is searched too)
    assert len(traffic.to("POST", "/search/metadata")) >= 3
    found = {p.name: p.read_bytes() for p in dest.rglob("*") if p.is_file()}
    assert found == PHOTOS


async def test_migrate_pages_through_a_library_two_at_a_time(
    user: RealUser, other_user: RealUser, admin: AsyncClient
) -> None:
    traffic = RecordingTransport()
    async with user.client(transport=traffic) as source, other_user.client() as target:
        ids = await _library(source, admin)
        traffic.clear()
        report = await migrate(source, target, state_path=None, config=MigrateConfig(page_size=2))
        assert report.ok and report.counts == {"migrated": 5}, report.summary()
        assert sorted(o.item for o in report.outcomes()) == sorted(ids.values())
        # the timeline pass took three pages (the other passes find nothing)
        assert len(traffic.to("POST", "/search/metadata")) >= 3
        moved = await target.search.search_assets(MetadataSearchDto())
        assert sorted(a.original_file_name for a in moved.assets.items) == sorted(PHOTOS)
