"""The target goes away for good in the middle of a migration: the run stops (``stopped
== "unreachable"``, state saved) instead of failing every remaining album, stack and tag
one by one after all their retries, and a re-run once the target is back completes."""

from __future__ import annotations

from pathlib import Path

import httpx

from immich_bulk.models import CreateAlbumDto
from immich_bulk.samples import jpeg_bytes
from immich_bulk.transfer.events import ItemFailed, TransferEvent
from immich_bulk.transfer.migrate.engine import migrate, verify_migration
from tests.migrate.helpers import FAST, WHEN, servers

ALBUMS = 12


class Unplugged(httpx.AsyncBaseTransport):
    """A transport to the fake that refuses every connection from the first request whose
    path contains *down_at* on: a server that went away for good."""

    def __init__(self, inner: httpx.AsyncBaseTransport, down_at: str) -> None:
        self.inner = inner
        self.down_at = down_at
        self.down = False
        self.refused = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.down_at and self.down_at in request.url.path:
            self.down = True
        if self.down:
            self.refused += 1
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        return await self.inner.handle_async_request(request)


async def test_a_target_gone_during_the_albums_stops_the_run_and_a_rerun_completes(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state.sqlite3"
    async with servers() as (src, tgt):
        for i in range(ALBUMS):
            asset = src.fake.add_asset(src.user, jpeg_bytes(i, WHEN), f"p{i}.jpg")
            await src.client.albums.create_album(
                CreateAlbumDto(album_name=f"album {i:02}", asset_ids=[asset.id])
            )
        transport = Unplugged(httpx.ASGITransport(app=tgt.fake.app), down_at="/albums")
        key = tgt.fake.create_api_key(tgt.user)
        events: list[TransferEvent] = []
        async with tgt.fake.client(key, transport=transport) as down:
            first = await migrate(
                src.client, down, state_path=state, config=FAST, on_event=events.append
            )
        assert first.stopped == "unreachable" and first.interrupted and not first.ok
        assert "unreachable" in (first.stop_reason or "")
        assert first.count("migrated") == ALBUMS  # the assets were done before it went away
        # it stopped at the first album instead of failing every one after all its retries
        failed = [e for e in events if isinstance(e, ItemFailed)]
        assert len(failed) == 1, [e.item for e in failed]
        assert transport.refused <= FAST.retry.max_attempts

        again = await migrate(src.client, tgt.client, state_path=state, config=FAST)
        assert again.ok, again.failures
        assert again.count("exists") == ALBUMS  # the assets, from the journal
        assert again.count("migrated") == ALBUMS  # the albums
        assert sorted(a.name for a in tgt.fake.albums(tgt.user)) == [
            f"album {i:02}" for i in range(ALBUMS)
        ]
        assert (await verify_migration(src.client, tgt.client)).ok
