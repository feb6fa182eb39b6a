"""The Takeout's albums on the server: one per album folder, even when titles repeat.

Google lets several albums share a title, so an album is known by its folder, not its
name: the server id each folder's album got is recorded in the state journal (under a key
no album name can take), and a re-run -- or a run given one more part -- adds to the same
album instead of making a second one. Assets are added in batches; the server answers per
asset, and "duplicate" (already in the album) counts as done. An album deleted on the server
since is made again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..._types import UNSET
from ...errors import BadRequestError, ImmichError, NotFoundError
from ...models import BulkIdsDto, CreateAlbumDto
from ..events import AlbumCreated, AssetsAddedToAlbum, EventHub, ItemFailed
from .plan import PlannedAlbum

if TYPE_CHECKING:
    from ...client import AsyncClient
    from ..state import ServerJournal

__all__ = ["TakeoutAlbums", "journal_key"]


def journal_key(album: PlannedAlbum) -> str:
    """The album's key in the journal: its folder (a NUL keeps it apart from any name)."""
    return f"\0takeout-album\0{album.folder}"


class TakeoutAlbums:
    """Creates the planned albums and fills them (see the module documentation)."""

    def __init__(
        self,
        client: AsyncClient,
        albums: Iterable[PlannedAlbum],
        *,
        hub: EventHub,
        journal: ServerJournal | None,
        batch_size: int = 1000,
    ) -> None:
        self._client = client
        self._albums = {a.key: a for a in albums}
        self._hub = hub
        self._journal = journal
        self._batch_size = batch_size
        self._members: dict[int, list[str]] = {}
        self.created = 0
        self.added = 0
        self.problems: list[tuple[str, str, str]] = []
        """``(album title, asset id, reason)`` of every addition that failed."""

    def add(self, key: int, asset_id: str) -> None:
        """Remember that asset *asset_id* belongs to album *key* (sent by :meth:`flush`)."""
        if key in self._albums:
            self._members.setdefault(key, []).append(asset_id)

    async def flush(self) -> None:
        """Create what is missing and add every remembered asset."""
        for key in sorted(self._members):
            album = self._albums[key]
            ids = list(dict.fromkeys(self._members.pop(key)))
            try:
                await self._fill(album, ids)
            except ImmichError as exc:
                for asset_id in ids:
                    self._problem(album, asset_id, f"could not add to album: {exc}")

    async def _album_id(self, album: PlannedAlbum, *, fresh: bool = False) -> str:
        key = journal_key(album)
        if not fresh and self._journal is not None:
            known = (await self._journal.album_ids([key])).get(key)
            if known is not None:
                return known
        created = await self._client.albums.create_album(
            CreateAlbumDto(album_name=album.title, description=album.description or UNSET)
        )
        self.created += 1
        if self._journal is not None:
            self._journal.record_album(key, created.id)
        self._hub.emit(AlbumCreated(name=album.title, album_id=created.id))
        return created.id

    async def _fill(self, album: PlannedAlbum, ids: list[str]) -> None:
        album_id = await self._album_id(album)
        if self._journal is not None:
            done = await self._journal.album_assets(album_id, ids)
            ids = [i for i in ids if i not in done]
        for start in range(0, len(ids), self._batch_size):
            batch = ids[start : start + self._batch_size]
            try:
                album_id = await self._send(album, album_id, batch)
            except (BadRequestError, NotFoundError):
                # the recorded album is gone from the server: make it again
                if self._journal is not None:
                    self._journal.forget_album(album_id)
                album_id = await self._album_id(album, fresh=True)
                album_id = await self._send(album, album_id, batch)

    async def _send(self, album: PlannedAlbum, album_id: str, batch: list[str]) -> str:
        results = await self._client.albums.add_assets_to_album(album_id, BulkIdsDto(ids=batch))
        good = []
        for result in results:
            if result.success or result.error == "duplicate":
                good.append(result.id)
            else:
                self._problem(album, result.id, f"could not add to album: {result.error}")
        self.added += len(good)
        if self._journal is not None:
            self._journal.record_album_assets(album_id, good)
        self._hub.emit(AssetsAddedToAlbum(name=album.title, album_id=album_id, count=len(good)))
        return album_id

    def _problem(self, album: PlannedAlbum, asset_id: str, reason: str) -> None:
        self.problems.append((album.title, asset_id, reason))
        self._hub.emit(ItemFailed(item=asset_id, stage="album", reason=f"{album.title}: {reason}"))
