"""The Takeout's albums on the server: one per album folder, even when titles repeat.

Google lets several albums share a title, so an album is known by its folder, not its
name: the server id each folder's album got is recorded in the state journal (under a key
no album name can take), and a re-run -- or a run given one more part -- adds to the same
album instead of making a second one. Assets are added in batches; the server answers per
asset, and "duplicate" (already in the album) counts as done. An album deleted on the server
since is made again.

A run can end between the server making an album and the journal recording its id (killed,
or the answer lost). So before asking for an album, the journal records (durably) which
albums of that title the user had then; a later run that finds such a record and no id
takes the album of that title that is not among them and belongs to no other folder -- the
one the interrupted request made -- instead of making a second one.
"""

from __future__ import annotations

import json
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


def _intent_key(album: PlannedAlbum) -> str:
    """Where the albums of its title that existed before it was asked for are recorded."""
    return f"\0takeout-album-asked\0{album.folder}"


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
        self._albums_now: list[tuple[str, str]] | None = None  # (name, id), listed once
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
        if self._journal is not None:
            recorded = await self._journal.album_ids([key, _intent_key(album)])
            if not fresh and key in recorded:
                return recorded[key]
            made = await self._made_before(album, recorded.get(_intent_key(album)))
            if made is not None:
                self._journal.record_album(key, made)
                return made
            before = await self._titled(album.title)
            self._journal.record_album(_intent_key(album), json.dumps(sorted(before)))
            await self._journal.flush()
        created = await self._client.albums.create_album(
            CreateAlbumDto(album_name=album.title, description=album.description or UNSET)
        )
        self.created += 1
        if self._journal is not None:
            self._journal.record_album(key, created.id)
        self._hub.emit(AlbumCreated(name=album.title, album_id=created.id))
        return created.id

    async def _titled(self, title: str) -> set[str]:
        """The ids of the user's albums named *title* now."""
        if self._albums_now is None:
            self._albums_now = [
                (a.album_name, a.id) for a in await self._client.albums.get_all_albums()
            ]
        return {album_id for name, album_id in self._albums_now if name == title}

    async def _made_before(self, album: PlannedAlbum, asked: str | None) -> str | None:
        """The album an earlier run asked for and never recorded, if the server made it."""
        if asked is None or self._journal is None:
            return None
        try:
            existed = set(json.loads(asked))
        except (ValueError, TypeError):
            return None
        self._albums_now = None  # the list must show what that run made
        titled = await self._titled(album.title)
        claimed = set((await self._journal.album_ids()).values())
        made = sorted(titled - existed - claimed)
        return made[0] if made else None

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
