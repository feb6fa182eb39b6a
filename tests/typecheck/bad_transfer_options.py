"""A keyword no options or config class declares, or a value of the wrong type, is a type
error (every line marked ``# error`` must be reported)."""

from __future__ import annotations

from immich_bulk import AsyncClient
from immich_bulk.transfer import migrate_library, verify_migration


async def typos(client: AsyncClient) -> None:
    await client.assets.upload("/photos", albun="Trip")  # error
    await client.assets.upload("/photos", concurrency="fast")  # error
    await client.assets.upload("/photos", dry_run="yes")  # error
    await client.download.export("backup/", everything=True, concurency=2)  # error
    await client.download.export("backup/", everything=True, concurrency="auto")  # error
    await migrate_library(client, client, album="Trip")  # error
    await verify_migration(client, client, concurrency=2)  # error
