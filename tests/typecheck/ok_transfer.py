"""The transfer layer's public names, imported lazily, are typed for the checkers."""

from __future__ import annotations

from typing_extensions import assert_type

from immich_bulk import AsyncClient
from immich_bulk.transfer import (
    MigrateReport,
    MigrationDiff,
    StateStore,
    TransferReport,
    Uploader,
    UploadOptions,
    migrate_library,
    verify_migration,
)


async def upload_one(client: AsyncClient, store: StateStore) -> TransferReport:
    uploader = Uploader(client, "photos/", options=UploadOptions(album="Trip"), store=store)
    assert_type(uploader, Uploader)
    return await uploader.run()


async def move(source: AsyncClient, target: AsyncClient) -> bool:
    assert_type(await migrate_library(source, target), MigrateReport)
    diff = await verify_migration(source, target)
    assert_type(diff, MigrationDiff)
    return diff.ok
