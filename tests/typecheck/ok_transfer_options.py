"""The transfer functions take ``options=``/``config=`` and any of their fields as a keyword."""

from __future__ import annotations

import datetime as dt

from immich_bulk import AsyncClient
from immich_bulk.models import AssetVisibility
from immich_bulk.transfer import (
    MigrateOptions,
    TransferReport,
    UploadConfig,
    UploadOptions,
    migrate_library,
    verify_migration,
)


async def keywords(client: AsyncClient) -> TransferReport:
    return await client.assets.upload(
        ["/photos"],
        album="Trip",
        exclude=["*.tmp"],
        visibility=AssetVisibility.ARCHIVE,
        concurrency="auto",
        max_bytes_per_second=20 * 1024**2,
        state_path=None,
    )


async def classes_and_overrides(client: AsyncClient) -> TransferReport:
    options = UploadOptions(album_from_folder=True)
    await client.assets.upload("/photos", options=options, config=UploadConfig(concurrency=2))
    return await client.assets.upload("/photos", options=options, concurrency=8)


async def export(client: AsyncClient) -> TransferReport:
    return await client.download.export("backup/", everything=True, concurrency=2, fsync=False)


async def migration(source: AsyncClient, target: AsyncClient) -> bool:
    options = MigrateOptions(preserve=["favorite"])
    await migrate_library(source, target, options=options, albums=["Trip"], concurrency=None)
    await migrate_library(source, target, taken_after=dt.datetime(2020, 1, 1), dry_run=True)
    diff = await verify_migration(source, target, options=options, page_size=100)
    return diff.ok


async def takeout(client: AsyncClient) -> TransferReport:
    return await client.assets.import_takeout(
        ["takeout-001.zip"], include_trashed=True, concurrency=2, state_path=None
    )
