"""Albums by name: created once, filled in batches.

One task owns the album manager, so two files bound for a new album never create it twice.
Existing albums are looked up once (the user's own albums, by name); a new album is created
empty, and assets are added in batches. The server answers per asset; "duplicate" (already
in the album) counts as success, anything else is a problem reported for that asset (Immich
refuses, e.g., an asset in the locked folder: "no_permission"). Creating an album together
with its assets would hide those refusals: that call leaves them out without a word.
"""

from __future__ import annotations

import logging
import math
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import anyio
import anyio.abc
import attrs

from ...errors import BadRequestError, ImmichError, NotFoundError
from ...models import BulkIdsDto, CreateAlbumDto
from ..events import AlbumCreated, AssetsAddedToAlbum, EventHub, ItemFailed, Notice
from .listing import same_id

if TYPE_CHECKING:
    from ...client import AsyncClient
    from ..state import ServerJournal

__all__ = ["AlbumCache", "AlbumManager", "AlbumProblem", "album_worker"]

log = logging.getLogger("immich_bulk.transfer")


@attrs.define(eq=False)
class AlbumCache:
    """The user's own albums by name, kept between runs (``ids``; None: ask the server)."""

    ids: dict[str, str] | None = None

    def created(self, name: str, album_id: str) -> None:
        if self.ids is not None:
            self.ids[name] = album_id

    def invalidate(self) -> None:
        self.ids = None


@attrs.frozen
class AlbumProblem:
    album: str
    asset_id: str
    reason: str


class AlbumManager:
    """Maps album names to ids (creating what is missing) and adds assets in batches."""

    def __init__(
        self,
        client: AsyncClient,
        *,
        hub: EventHub,
        journal: ServerJournal | None = None,
        batch_size: int = 1000,
        owner_id: str | None = None,
        on_problem: Callable[[AlbumProblem], None] | None = None,
        cache: AlbumCache | None = None,
    ) -> None:
        self._client = client
        self._cache = cache
        self._from_cache = False
        self._hub = hub
        self._journal = journal
        self._batch_size = batch_size
        self._owner_id = owner_id
        self._on_problem = on_problem
        self._ids: dict[str, str] = {}
        self._pending: dict[str, list[str]] = {}
        self._loaded = False
        self.added = 0
        self.created = 0
        self.problems = 0
        self.reasons: Counter[str] = Counter()

    async def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        if self._cache is not None and self._cache.ids is not None:
            self._ids = dict(self._cache.ids)
            self._from_cache = True
            return
        albums = await self._client.albums.get_all_albums()
        duplicates: set[str] = set()
        for album in sorted(albums, key=lambda a: a.created_at):
            if self._owner_id is not None and not same_id(album.owner_id, self._owner_id):
                continue
            if album.album_name in self._ids:
                duplicates.add(album.album_name)
                continue
            self._ids[album.album_name] = album.id
        if self._cache is not None:
            self._cache.ids = dict(self._ids)
        for name in sorted(duplicates):
            self._hub.emit(
                Notice(
                    message=f"several albums are named {name!r}; using the oldest",
                    level="warning",
                )
            )

    async def album_id(self, name: str) -> str | None:
        """The id of the user's album *name*, if it exists."""
        await self._load()
        return self._ids.get(name)

    async def add(self, name: str, asset_ids: Iterable[str]) -> None:
        """Queue assets for album *name*; a full batch is sent right away."""
        pending = self._pending.setdefault(name, [])
        pending.extend(asset_ids)
        if len(pending) >= self._batch_size:
            await self._flush_one(name)

    async def flush(self) -> None:
        """Send everything queued."""
        for name in list(self._pending):
            await self._flush_one(name)

    async def _flush_one(self, name: str) -> None:
        wanted = list(dict.fromkeys(self._pending.pop(name, [])))
        if not wanted:
            return
        await self._load()
        ids = wanted
        album_id = self._ids.get(name)
        if album_id is not None and self._journal is not None:
            done = await self._journal.album_assets(album_id, ids)
            ids = [i for i in ids if i not in done]
        for start in range(0, len(ids), self._batch_size):
            batch = ids[start : start + self._batch_size]
            try:
                await self._send(name, batch)
            except (BadRequestError, NotFoundError) as exc:
                if self._from_cache:
                    # the id came from an earlier run's list: the album may be gone since.
                    # Look again and add them all (the journal spoke of the old album).
                    await self._reload()
                    self._pending[name] = wanted + self._pending.get(name, [])
                    await self._flush_one(name)
                    return
                for asset_id in batch:
                    self._problem(name, asset_id, f"could not add to album: {exc}")
            except ImmichError as exc:
                for asset_id in batch:
                    self._problem(name, asset_id, f"could not add to album: {exc}")

    async def _reload(self) -> None:
        assert self._cache is not None
        self._cache.invalidate()
        self._loaded = self._from_cache = False
        self._ids = {}
        await self._load()

    async def _send(self, name: str, batch: list[str]) -> None:
        album_id = self._ids.get(name)
        if album_id is None:
            album = await self._client.albums.create_album(CreateAlbumDto(album_name=name))
            album_id = self._ids[name] = album.id
            self.created += 1
            if self._cache is not None:
                self._cache.created(name, album.id)
            if self._journal is not None:
                self._journal.record_album(name, album.id)
            self._hub.emit(AlbumCreated(name=name, album_id=album.id))
        results = await self._client.albums.add_assets_to_album(album_id, BulkIdsDto(ids=batch))
        good = []
        for result in results:
            if result.success or result.error == "duplicate":
                good.append(result.id)
            else:
                self._problem(name, result.id, f"could not add to album: {result.error}")
        self.added += len(good)
        if self._journal is not None:
            self._journal.record_album_assets(album_id, good)
        self._hub.emit(AssetsAddedToAlbum(name=name, album_id=album_id, count=len(good)))

    def _problem(self, album: str, asset_id: str, reason: str) -> None:
        self.problems += 1
        self.reasons[reason] += 1
        log.warning("album %r, asset %s: %s", album, asset_id, reason)
        self._hub.emit(ItemFailed(item=asset_id, stage="album", reason=f"{album}: {reason}"))
        if self._on_problem is not None:
            self._on_problem(AlbumProblem(album, asset_id, reason))


async def album_worker(
    manager: AlbumManager,
    receive: anyio.abc.ObjectReceiveStream[tuple[str, str]],
    *,
    flush_seconds: float = 2.0,
) -> None:
    """Consume ``(album name, asset id)`` pairs; send a batch when it is full (see ``add``)
    or when its oldest entry has waited *flush_seconds*, and everything at the end."""
    oldest: float | None = None
    async with receive:
        while True:
            wait = math.inf if oldest is None else oldest + flush_seconds - time.monotonic()
            pair: tuple[str, str] | None = None
            with anyio.move_on_after(max(0.0, wait)):
                try:
                    pair = await receive.receive()
                except anyio.EndOfStream:
                    break
            if pair is None:  # the oldest entry waited long enough
                await manager.flush()
                oldest = None
                continue
            await manager.add(pair[0], [pair[1]])
            if oldest is None:
                oldest = time.monotonic()
    await manager.flush()
