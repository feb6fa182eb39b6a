"""Bulk export: list -> plan -> fetch -> verify -> place, incremental and resumable.

Stages run in one task group, joined by bounded memory object streams (a fast stage waits
for a slow one, nothing piles up):

- **list** pages through the server (``POST /search/metadata`` with ``page``/``size``; an
  album through the ``albumIds`` filter; explicit ids through ``GET /assets/{id}``) and
  yields one item per asset (plus, with ``live_photos``, the hidden motion part of each
  live photo, placed next to its still);
- **plan** renders each asset's path with the :class:`~immich_bulk.transfer.download.layout.Layout`,
  asks the state journal in batches what was placed before, and checks those files in one
  thread hop per batch: a file still at its recorded path, with its recorded size and
  mtime, is **present** without being read or downloaded -- a re-run of a finished export
  sends one search page per 1000 assets and nothing else;
- **fetch** (N long-lived workers) handles the rest: a recorded file whose size or mtime
  changed is re-hashed (present if it still matches); a recorded file at a path the layout
  no longer gives (the asset was renamed, or the layout changed) is **moved**, not
  downloaded again; a file found at the target without a record (an export made without
  the journal) is hashed and adopted when it matches; everything else is downloaded
  (:func:`~immich_bulk.transfer.download.resumable.fetch`: ``.part`` file, resume, SHA-1
  verification, atomic rename) and recorded in the journal.

Two assets that want the same path get stable names: the first to arrive gets ``name.ext``,
the other ``name (1a2b3c4d).ext`` (its id's first 8 characters), and the journal remembers
who got which, so re-runs never shuffle or duplicate (no ``~1`` copies). No path from the
server is trusted (see :mod:`~immich_bulk.transfer.download.layout`); every directory written to is
checked to resolve inside the destination, so a planted symlink cannot redirect a write.

The journal (download records: asset id -> relative path, checksum, size, mtime) is kept
per server, user *and destination directory*. Every listed asset gets one outcome:
``downloaded``, ``present`` (already there and verified; ``reason`` says when it was
moved), ``would-download``/``would-move`` (dry run) or ``failed``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import re
import stat as stat_mod
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from contextlib import aclosing
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio
import anyio.abc
import anyio.to_thread
import attrs
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

from ...errors import ApiError, BadRequestError, ImmichError, TransferError
from ...models import AssetVisibility, MetadataSearchDto
from .._engine import Engine, batches, list_check_work, run_with_state
from ..config import DownloadConfig
from ..events import (
    BytesTransferred,
    EventHub,
    ItemDone,
    ItemQueued,
    ItemRetrying,
    ItemSkipped,
    ItemStarted,
    Listener,
)
from ..local.hashing import StreamHasher, parse_checksum
from ..overrides import ExportOverrides, apply_overrides
from ..report import ExportReport, Outcome
from ..server.listing import ListedAsset, listed_pages, same_id
from ..server.search import search_filter
from ..state import DEFAULT_PATH, DownloadRecord, ServerJournal, StatePath, StateStore
from .layout import (
    DEFAULT_LAYOUT,
    Layout,
    UnsafePathError,
    asset_fields,
    collision_names,
    is_inside,
    name_key,
    safe_id,
)
from .resumable import fetch, part_path_for, sweep_part

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ...client import AsyncClient
    from ..local.fsutil import StrPath

__all__ = ["ExportOptions", "Exporter", "export"]

log = logging.getLogger("immich_bulk.transfer")

#: Journal lookups and file checks per plan batch.
PLAN_BATCH = 500
#: Send a partial plan batch after this long.
PLAN_FLUSH_SECONDS = 0.1


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


#: What an export of everything or of an album lists, one search each.
LISTED_VISIBILITIES = (AssetVisibility.TIMELINE, AssetVisibility.ARCHIVE)


def _search_or_none(
    value: MetadataSearchDto | Mapping[str, Any] | None,
) -> MetadataSearchDto | None:
    return None if value is None else search_filter(value)


def _ids(value: Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(value)


@attrs.frozen(kw_only=True)
class ExportOptions:
    """What an export does (how fast it runs is :class:`DownloadConfig`).

    Exactly one of ``album`` (name or id), ``asset_ids``, ``search`` or ``everything``.
    """

    album: str | None = None
    asset_ids: tuple[str, ...] | None = attrs.field(default=None, converter=_ids)
    search: MetadataSearchDto | None = attrs.field(default=None, converter=_search_or_none)
    """A ``MetadataSearchDto``, or its JSON form (camelCase keys); checked: an unknown
    key, a value of the wrong type, an empty filter raise (see
    :func:`~immich_bulk.transfer.server.search.search_filter`)."""
    everything: bool = False
    layout: str = DEFAULT_LAYOUT
    """Relative path template (see :data:`~immich_bulk.transfer.download.layout.LAYOUT_FIELDS`)."""
    verify: bool = True
    """Check each download's SHA-1 against the asset's checksum."""
    dry_run: bool = False
    """List and plan, but download, move and record nothing."""
    preserve_mtime: bool = True
    """Give each file the asset's ``fileModifiedAt`` as its modification time."""
    live_photos: bool = True
    """Also export the motion (video) part of live photos, next to the still."""

    def __attrs_post_init__(self) -> None:
        chosen = [
            self.album is not None,
            self.asset_ids is not None,
            self.search is not None,
            self.everything,
        ]
        if sum(chosen) != 1:
            raise ValueError("choose exactly one of album=, asset_ids=, search= or everything=True")
        if self.album is not None and not self.album.strip():
            raise ValueError("album must not be empty")
        Layout(self.layout)  # raises ValueError for a bad template


_UNCHECKED: Any = object()


@attrs.define(slots=True, eq=False)
class _Item:
    asset_id: str
    asset: ListedAsset | None
    album: str | None
    still: _Item | None = None  # for a live photo's motion part: its still
    rel: tuple[str, ...] = ()
    expected: bytes | None = None
    size: int | None = None
    record: DownloadRecord | None = None
    record_parts: tuple[str, ...] | None = None
    record_stat: Any = _UNCHECKED  # (size, mtime_ns) | None once checked
    planned: tuple[str, bool] | None = None  # (claim key, .part exists): rel is free
    retries: int = 0
    sent: int = 0


def _record_parts(record: DownloadRecord) -> tuple[str, ...] | None:
    """The components of a recorded relative path, or None if it is not one we wrote."""
    text = os.fsdecode(record.path).replace("\\", "/")
    if not text or text.startswith("/"):
        return None
    # as PurePosixPath(text).parts would split it (empty and "." levels dropped), faster
    parts = tuple(p for p in text.split("/") if p and p != ".")
    if not parts or ".." in parts:
        return None
    return parts


def _mtime_ns(when: dt.datetime | None) -> int | None:
    if not isinstance(when, dt.datetime):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return int(when.timestamp() * 1_000_000) * 1000


class Exporter(Engine[ExportReport]):
    """One export run. Most callers use :func:`export` (or ``client.download.export``)."""

    kind = "export"
    report_type = ExportReport
    stage_names = ("list", "plan", "download")

    def __init__(
        self,
        client: AsyncClient,
        dest: StrPath,
        *,
        options: ExportOptions,
        config: DownloadConfig | None = None,
        store: StateStore,
        hub: EventHub | None = None,
    ) -> None:
        self.config = config or DownloadConfig()
        self.client = client.with_retry(self.config.retry)  # every call of the run
        self.dest = Path(os.fsdecode(dest)).expanduser()
        self.options = options
        super().__init__(
            store=store, hub=hub, max_failures=self.config.max_failures, dry_run=options.dry_run
        )
        self.layout = Layout(options.layout)
        self.root = Path()
        self._journal: ServerJournal | None = None
        self._claims: dict[str, str] = {}
        self._active: set[str] = set()  # asset ids between plan and outcome
        self._verify_limiter = anyio.CapacityLimiter(self.config.verify_workers)
        self._moved = 0
        self._restarts = 0
        self._resumed = 0
        self._album_name: str | None = None
        self._album_id: str | None = None
        self._user_id = ""
        self._lock_fd: int | None = None

    # -- outcomes ---------------------------------------------------------------------
    def finish(self, outcome: Outcome) -> None:
        if outcome.asset_id is not None:
            self._active.discard(outcome.asset_id)
        super().finish(outcome)

    def _fail(self, item: _Item, stage: str, reason: str, exc: BaseException | None) -> None:
        self.fail(
            item.asset_id,
            stage,
            reason,
            exc,
            asset_id=item.asset_id,
            checksum=item.expected.hex() if item.expected else None,
            size=item.size,
            path=self._show(item.rel) if item.rel else None,
            retries=item.retries,
        )

    def _present(
        self, item: _Item, parts: tuple[str, ...], reason: str, *, status: str = "present"
    ) -> None:
        self.hub.emit(ItemSkipped(item=item.asset_id, reason=reason, asset_id=item.asset_id))
        self.finish(
            Outcome(
                item=item.asset_id,
                status=status,
                reason=reason,
                asset_id=item.asset_id,
                checksum=item.expected.hex() if item.expected else None,
                size=item.size,
                path=self._show(parts),
            )
        )

    def _show(self, parts: Iterable[str]) -> str:
        return os.fsdecode(self.root.joinpath(*parts))

    # -- run --------------------------------------------------------------------------
    async def _pipeline(self) -> None:
        await self._prepare()
        await list_check_work(
            self._list_stage,
            self._plan_stage,
            self._worker,
            backlog=self.config.backlog,
            concurrency=self.config.concurrency,
        )

    def _cleanup(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the lock
            self._lock_fd = None

    async def _prepare(self) -> None:
        dry = self.options.dry_run

        def make_root() -> Path:
            if not dry:
                self.dest.mkdir(parents=True, exist_ok=True)
            return Path(os.path.realpath(self.dest))

        self.root = await anyio.to_thread.run_sync(make_root)
        if not dry:
            self._lock_fd = await anyio.to_thread.run_sync(_lock_directory, self.root)
        me = await self.client.users.get_my_user()
        self._user_id = me.id.lower()
        # One journal per destination: the same assets exported to two folders are two
        # sets of files. (The account key carries the destination until the state store
        # has a field for it.)
        scope = hashlib.sha256(os.fsencode(self.root)).hexdigest()[:16]
        self._journal = await self.store.journal(self.client.base_url, f"{me.id}#export-{scope}")
        if self.options.album is not None:
            self._album_id, self._album_name = await self._resolve_album(self.options.album)

    async def _resolve_album(self, album: str) -> tuple[str, str]:
        wanted = album.strip()
        if _UUID.fullmatch(wanted):  # an id: one small request, not the whole album list
            try:
                found = await self.client.albums.get_album_info(wanted, without_assets=True)
                return found.id, found.album_name
            except BadRequestError:  # not found (Immich answers 400): maybe it is a name
                pass
        albums = await self.client.albums.get_all_albums()
        by_id = [a for a in albums if a.id.lower() == wanted.lower()]
        if by_id:
            return by_id[0].id, by_id[0].album_name
        by_name = [a for a in albums if a.album_name == wanted]
        if not by_name:
            by_name = [a for a in albums if a.album_name.casefold() == wanted.casefold()]
        if not by_name:
            raise TransferError(f"no album named {wanted!r} (or with that id) on the server")
        if len(by_name) > 1:
            ids = ", ".join(a.id for a in by_name)
            raise TransferError(f"{len(by_name)} albums are named {wanted!r} ({ids}); pass an id")
        return by_name[0].id, by_name[0].album_name

    # -- list -------------------------------------------------------------------------
    async def _search_everywhere(self, **query: Any) -> AsyncIterator[ListedAsset]:
        """What *query* matches in the timeline and in the archive. Immich searches one
        visibility at a time (the timeline when none is named), so one search would miss
        the archive; hidden assets are live-photo videos (they come with their still) and
        the locked folder is closed to an API key."""
        for visibility in LISTED_VISIBILITIES:
            async for asset in self._search(MetadataSearchDto(visibility=visibility, **query)):
                yield asset

    async def _list_stage(self, send: MemoryObjectSendStream[_Item]) -> None:
        async with send:
            opts = self.options
            if opts.asset_ids is not None:
                await self._list_ids(opts.asset_ids, send)
            elif opts.album is not None:
                assert self._album_id is not None
                found = self._search_everywhere(album_ids=[self._album_id])
                await self._emit_all(found, self._album_name, send)
            elif opts.search is not None:
                await self._emit_all(self._search(opts.search), None, send)
            elif "album" in self.layout.fields:
                await self._list_by_album(send)
            else:
                await self._emit_all(self._search_everywhere(), None, send)

    async def _search(self, query: MetadataSearchDto) -> AsyncIterator[ListedAsset]:
        """Every asset the query matches, page by page (see :func:`.listing.listed_pages`;
        the EXIF record gives each asset its size)."""
        size = min(self.config.page_size, 1000)
        query = attrs.evolve(query, with_exif=True)
        async for page in listed_pages(self.client, query, page_size=size):
            for asset in page:
                yield asset

    async def _emit_all(
        self,
        assets: AsyncIterator[ListedAsset],
        album: str | None,
        send: MemoryObjectSendStream[_Item],
        seen: set[str] | None = None,
    ) -> None:
        async for asset in assets:
            if seen is not None:
                if asset.id in seen:
                    continue
                seen.add(asset.id)
            await self._emit(asset, album, send)

    async def _emit(
        self,
        asset: ListedAsset,
        album: str | None,
        send: MemoryObjectSendStream[_Item],
        listed: set[str] | None = None,
    ) -> None:
        item = _Item(asset.id, asset, album)
        self._stages["list"].touch()
        await send.send(item)
        video = asset.live_photo_video_id
        if (
            self.options.live_photos
            and video is not None
            and video != asset.id
            and (listed is None or video.lower() not in listed)  # it comes on its own
        ):
            self._stages["list"].touch()
            await send.send(_Item(video, None, album, still=item))

    async def _list_by_album(self, send: MemoryObjectSendStream[_Item]) -> None:
        """Everything, with ``{album}`` in the layout: each album's assets under its name
        (an asset in several albums goes to the first by name), then the assets in no album."""
        albums = await self.client.albums.get_all_albums()
        me = self._user_id
        albums.sort(key=lambda a: (a.album_name.casefold(), a.album_name, a.id))
        seen: set[str] = set()
        for album in albums:
            if me and not same_id(album.owner_id, me):
                continue  # others' albums shared with us: their assets are not ours to list
            found = self._search_everywhere(album_ids=[album.id])
            await self._emit_all(found, album.album_name, send, seen)
        rest = self._search_everywhere(is_not_in_album=True)
        await self._emit_all(rest, None, send, seen)

    async def _list_ids(
        self, asset_ids: Iterable[str], send: MemoryObjectSendStream[_Item]
    ) -> None:
        wanted = list(dict.fromkeys(str(a) for a in asset_ids))
        listed = {a.lower() for a in wanted}
        pending = iter(wanted)

        async def fetch_info(out: MemoryObjectSendStream[_Item]) -> None:
            async with out:
                for asset_id in pending:
                    try:
                        found = await self.client.assets.get_asset_info(asset_id)
                    except ImmichError as exc:
                        item = _Item(asset_id, None, None)
                        self._fail(item, "list", f"cannot get the asset: {exc}", exc)
                        continue
                    await self._emit(ListedAsset.from_dto(found), None, out, listed)

        async with anyio.create_task_group() as tg:
            for _ in range(8):
                tg.start_soon(fetch_info, send.clone())

    # -- plan -------------------------------------------------------------------------
    def _fill(self, item: _Item) -> None:
        """Compute the item's layout path and expectations from its asset info."""
        asset = item.asset
        assert asset is not None
        album = item.album
        fields = asset_fields(asset, album)
        if item.still is not None and item.still.asset is not None:
            # the motion part goes next to its still: the still's date, album, folder
            still_fields = asset_fields(item.still.asset, album)
            for key in ("yyyy", "mm", "dd", "date"):
                fields[key] = still_fields[key]
        item.rel = self.layout.render(fields, fallback_name=safe_id(asset.id))
        try:
            item.expected = parse_checksum(asset.checksum) if asset.checksum else None
        except ValueError:
            item.expected = None  # not a SHA-1: nothing to verify against
        item.size = asset.size

    async def _plan_stage(
        self, receive: MemoryObjectReceiveStream[_Item], send: MemoryObjectSendStream[_Item]
    ) -> None:
        collected = batches(receive, size=PLAN_BATCH, max_wait=PLAN_FLUSH_SECONDS)
        async with receive, send, aclosing(collected):
            async for batch in collected:
                await self._plan_batch(batch, send)

    async def _plan_batch(self, batch: list[_Item], send: MemoryObjectSendStream[_Item]) -> None:
        if not batch:
            return
        assert self._journal is not None
        unique: list[_Item] = []
        for item in batch:
            if item.asset_id in self._active:
                # listed twice (a live photo's video also asked for by id, a library that
                # changed between pages): one copy is on its way already
                reason = "listed twice; the other listing handles it"
                self.hub.emit(ItemSkipped(item=item.asset_id, reason=reason))
                self.finish(Outcome(item=item.asset_id, status="skipped", reason=reason))
                continue
            self._active.add(item.asset_id)
            unique.append(item)
        batch[:] = unique
        if not batch:
            return
        records = await self._journal.downloads(i.asset_id for i in batch)
        for item in batch:
            self.log.begin(item.asset_id)
            self.hub.emit(ItemQueued(item=item.asset_id, size=item.size))
            if item.asset is not None:
                self._fill(item)
            record = records.get(item.asset_id)
            if record is not None:
                item.record = record
                item.record_parts = _record_parts(record)
        # Claim the layout path of each item without a record (claims come before looking
        # at the disk, so no other item can place a file there in between), then one
        # thread hop for the whole batch: the recorded files, and the claimed paths (their
        # directories are created on the way).
        claims: dict[int, str] = {}
        for index, item in enumerate(batch):
            if item.record_parts is None and item.rel:
                key = self._claim(item.rel, item.asset_id)
                if key is not None:
                    claims[index] = key
        try:
            survey = await anyio.to_thread.run_sync(
                _survey, self.root, batch, set(claims), not self.options.dry_run
            )
        except BaseException:
            for index, key in claims.items():
                self._release(key, batch[index].asset_id)
            raise
        for index, (item, (record_stat, target)) in enumerate(zip(batch, survey, strict=True)):
            self._stages["plan"].touch()
            key = claims.get(index)
            if target is not None and target[0] == "free" and key is not None:
                item.planned = (key, target[1])
            elif key is not None:
                self._release(key, item.asset_id)
            if item.record_parts is not None:
                item.record_stat = record_stat
                if self._quick_present(item):
                    continue
            await send.send(item)

    def _acceptable(self, item: _Item, parts: tuple[str, ...]) -> bool:
        """Whether *parts* is a path the layout allows for the item (its target or one of
        its stable collision names)."""
        if item.asset is None:
            # a motion part whose info was not fetched: fine if it sits next to its still
            still = item.still
            return still is not None and bool(still.rel) and parts[:-1] == still.rel[:-1]
        if parts[:-1] != item.rel[:-1]:
            return False
        return parts[-1] in collision_names(item.rel[-1], item.asset_id)

    def _quick_present(self, item: _Item) -> bool:
        record, parts, st = item.record, item.record_parts, item.record_stat
        if record is None or parts is None or st is _UNCHECKED or st is None:
            return False
        if (record.size, record.mtime_ns) != st:
            return False
        if record.checksum not in (None, item.expected) and item.expected is not None:
            return False
        if not self._acceptable(item, parts):
            return False
        if item.size is None:
            item.size = record.size
        if item.expected is None and record.checksum is not None:
            item.expected = record.checksum
        self._present(item, parts, "already exported")
        return True

    # -- fetch ------------------------------------------------------------------------
    async def _worker(self, receive: MemoryObjectReceiveStream[_Item]) -> None:
        async with receive:
            async for item in receive:
                try:
                    await self._process(item)
                except (ImmichError, OSError, UnsafePathError) as exc:
                    self._fail(item, "download", str(exc) or type(exc).__name__, exc)
                except Exception as exc:  # one odd asset must not end the whole export
                    log.exception("export: unexpected error for asset %s", item.asset_id)
                    self._fail(item, "download", f"unexpected error: {exc!r}", exc)

    async def _process(self, item: _Item) -> None:
        if item.planned is not None:
            key, part_exists = item.planned
            item.planned = None
            try:
                if self.options.dry_run:
                    self._would_download(item, item.rel)
                else:
                    await self._download(item, item.rel, fresh=not part_exists)
            finally:
                self._release(key, item.asset_id)
            return
        if item.asset is None:
            try:
                found = await self.client.assets.get_asset_info(item.asset_id)
            except ApiError as exc:
                self._fail(item, "list", f"cannot get the live photo's video: {exc}", exc)
                return
            item.asset = ListedAsset.from_dto(found)
            self._fill(item)
            if self._quick_present(item):
                return
        record, parts = item.record, item.record_parts
        if (
            record is not None
            and parts is not None
            and await self._from_record(item, record, parts)
        ):
            return
        await self._place(item)

    async def _hash(self, parts: tuple[str, ...]) -> bytes | None:
        path = self.root.joinpath(*parts)
        chunk = self.config.chunk_size

        def work() -> bytes | None:
            try:
                st = os.lstat(path)
                if not stat_mod.S_ISREG(st.st_mode):
                    return None
                hasher = StreamHasher()
                with open(path, "rb", buffering=0) as fh:
                    while data := fh.read(chunk):
                        hasher.update(data)
                return hasher.digest()
            except OSError:
                return None

        return await anyio.to_thread.run_sync(work, limiter=self._verify_limiter)

    async def _from_record(
        self, item: _Item, record: DownloadRecord, parts: tuple[str, ...]
    ) -> bool:
        """Use the file the journal knows about; False when it cannot be used."""
        assert self._journal is not None
        st = item.record_stat
        if st is _UNCHECKED:
            st = await anyio.to_thread.run_sync(self._stat, parts)
        if st is None:
            if not self.options.dry_run:
                self._journal.forget_downloads([item.asset_id])
            item.record = None
            return False
        matches = (record.size, record.mtime_ns) == st and (
            item.expected is None or record.checksum in (None, item.expected)
        )
        if not matches:
            digest = await self._hash(parts)
            if digest is None or (item.expected is not None and digest != item.expected):
                # Our file, but changed locally (or an older version of the asset): the
                # export mirrors the server, so a fresh copy replaces it where it is.
                if self._acceptable(item, parts):
                    key = self._claim(parts, item.asset_id)
                    if key is not None:
                        try:
                            if self.options.dry_run:
                                self._would_download(item, parts)
                            else:
                                await self._download(item, parts)
                        finally:
                            self._release(key, item.asset_id)
                        return True
                # not where the layout wants it: left alone, a fresh copy goes there
                if not self.options.dry_run:
                    self._journal.forget_downloads([item.asset_id])
                item.record = None
                return False
            if not self.options.dry_run:
                self._journal.record_download(
                    item.asset_id, path="/".join(parts), checksum=digest, size=st[0], mtime_ns=st[1]
                )
        if self._acceptable(item, parts):
            self._present(item, parts, "already exported (verified)")
            return True
        return await self._move(item, parts)

    def _stat(self, parts: tuple[str, ...]) -> tuple[int, int] | None:
        path = self.root.joinpath(*parts)
        try:
            st = os.lstat(path)
        except OSError:
            return None
        if not stat_mod.S_ISREG(st.st_mode) or not is_inside(self.root, path.parent):
            return None
        return st.st_size, st.st_mtime_ns

    def _claim(self, parts: tuple[str, ...], asset_id: str) -> str | None:
        key = name_key(parts)
        if key in self._claims:
            return None
        self._claims[key] = asset_id
        return key

    def _release(self, key: str | None, asset_id: str) -> None:
        if key is not None and self._claims.get(key) == asset_id:
            del self._claims[key]

    def _candidates(self, item: _Item) -> list[tuple[str, ...]]:
        head = item.rel[:-1]
        return [(*head, name) for name in collision_names(item.rel[-1], item.asset_id)]

    async def _probe(self, item: _Item, parts: tuple[str, ...]) -> str:
        """``"free"``, ``"ours"`` (holds the asset's bytes) or ``"taken"``; creates the
        parent directories (not in a dry run) and refuses ones that resolve elsewhere."""
        root = self.root
        dry = self.options.dry_run

        def probe() -> tuple[str, int | None]:
            parent = _safe_parent(root, parts[:-1], create=not dry)
            if parent is None:
                return "free", None  # a dry run: the directory does not exist yet
            try:
                st = os.lstat(parent / parts[-1])
            except FileNotFoundError:
                return "free", None
            except NotADirectoryError:
                return "taken", None
            if not stat_mod.S_ISREG(st.st_mode):
                return "taken", None
            return "exists", st.st_size

        state, size = await anyio.to_thread.run_sync(probe)
        if state != "exists":
            return state
        if item.expected is None or (item.size is not None and size != item.size):
            return "taken"
        digest = await self._hash(parts)
        return "ours" if digest == item.expected else "taken"

    async def _choose(self, item: _Item) -> tuple[tuple[str, ...], str, str] | None:
        """A path for the item: ``(parts, claim key, "free" | "ours")``, claimed."""
        for parts in self._candidates(item):
            key = self._claim(parts, item.asset_id)
            if key is None:
                continue
            try:
                state = await self._probe(item, parts)
            except BaseException:
                self._release(key, item.asset_id)
                raise
            if state in ("free", "ours"):
                return parts, key, state
            self._release(key, item.asset_id)
        return None

    async def _move(self, item: _Item, old: tuple[str, ...]) -> bool:
        """Rename the recorded file to the layout's path (the asset moved or was renamed)."""
        assert self._journal is not None
        chosen = await self._choose(item)
        if chosen is None:
            return False
        parts, key, state = chosen
        try:
            shown_old = "/".join(old)
            if state == "ours":
                # the target already holds the same bytes: the recorded copy is redundant
                if not self.options.dry_run and old != parts:
                    root = self.root

                    def remove_old() -> None:
                        with contextlib.suppress(OSError):
                            os.unlink(root.joinpath(*old))
                            _prune_empty_dirs(root, root.joinpath(*old).parent)

                    await anyio.to_thread.run_sync(remove_old)
                await self._adopt(
                    item, parts, f"already exported (the copy at {shown_old} removed)"
                )
                return True
            if self.options.dry_run:
                self._present(item, parts, f"would move from {shown_old}", status="would-move")
                return True
            root = self.root

            def rename() -> tuple[int, int]:
                src = root.joinpath(*old)
                dst = root.joinpath(*parts)
                if os.path.lexists(dst):
                    raise FileExistsError(f"{os.fsdecode(dst)!r} appeared meanwhile")
                os.replace(src, dst)
                _prune_empty_dirs(root, src.parent)
                st = os.stat(dst, follow_symlinks=False)
                return st.st_size, st.st_mtime_ns

            size, mtime_ns = await anyio.to_thread.run_sync(rename)
            self._journal.record_download(
                item.asset_id,
                path="/".join(parts),
                checksum=item.expected,
                size=size,
                mtime_ns=mtime_ns,
            )
            self._moved += 1
            self._present(item, parts, f"moved from {shown_old}")
            return True
        finally:
            self._release(key, item.asset_id)

    async def _adopt(self, item: _Item, parts: tuple[str, ...], reason: str) -> None:
        """A file that already holds the asset's bytes: record it and report it present
        (a ``.part`` left next to it by an interrupted run goes: it is not needed any more)."""
        assert self._journal is not None
        if not self.options.dry_run:

            def look() -> tuple[int, int] | None:
                sweep_part(part_path_for(self.root.joinpath(*parts)))
                return self._stat(parts)

            st = await anyio.to_thread.run_sync(look)
            if st is not None:
                self._journal.record_download(
                    item.asset_id,
                    path="/".join(parts),
                    checksum=item.expected,
                    size=st[0],
                    mtime_ns=st[1],
                )
        self._present(item, parts, reason)

    async def _place(self, item: _Item) -> None:
        chosen = await self._choose(item)
        if chosen is None:
            self._fail(item, "download", "every candidate file name is taken", None)
            return
        parts, key, state = chosen
        try:
            if state == "ours":
                await self._adopt(item, parts, "already there (verified)")
                return
            if self.options.dry_run:
                self._would_download(item, parts)
                return
            await self._download(item, parts)
        finally:
            self._release(key, item.asset_id)

    def _would_download(self, item: _Item, parts: tuple[str, ...]) -> None:
        self.hub.emit(ItemDone(item=item.asset_id, stage="plan", status="would-download"))
        self.finish(
            Outcome(
                item=item.asset_id,
                status="would-download",
                asset_id=item.asset_id,
                checksum=item.expected.hex() if item.expected else None,
                size=item.size,
                path=self._show(parts),
            )
        )

    async def _download(self, item: _Item, parts: tuple[str, ...], *, fresh: bool = False) -> None:
        assert self._journal is not None and item.asset is not None
        final = self.root.joinpath(*parts)
        asset_id = item.asset_id
        self.hub.emit(ItemStarted(item=asset_id, stage="download", size=item.size))

        def progress(delta: int) -> None:
            item.sent += delta
            self._bytes += delta
            self.hub.emit(BytesTransferred(item=asset_id, stage="download", delta=delta))

        def on_retry(attempt: int, reason: str, wait: float) -> None:
            item.retries += 1
            self.hub.emit(
                ItemRetrying(
                    item=asset_id, stage="download", attempt=attempt, reason=reason, delay=wait
                )
            )

        def request(headers: Mapping[str, str]) -> Any:
            return self.client.assets.download_asset_without_preload_content(
                asset_id, _headers=headers
            )

        try:
            result = await fetch(
                request,
                final=final,
                part=part_path_for(final),
                identity={"kind": "original", "id": asset_id},
                expected_checksum=item.expected if self.options.verify else None,
                config=self.config,
                mtime_ns=_mtime_ns(item.asset.file_modified_at)
                if self.options.preserve_mtime
                else None,
                progress=progress,
                on_retry=on_retry,
                fresh=fresh,
            )
        except (ImmichError, OSError) as exc:
            # a full disk, a refused key, a server gone: the guard stops the run
            self._fail(item, "download", str(exc) or type(exc).__name__, exc)
            return
        self._stages["download"].touch()
        self._restarts += result.restarts
        self._resumed += result.resumed_from
        self._journal.record_download(
            asset_id,
            path="/".join(parts),
            checksum=result.sha1,
            size=result.size,
            mtime_ns=result.mtime_ns,
        )
        self.hub.emit(
            ItemDone(
                item=asset_id,
                stage="download",
                status="downloaded",
                asset_id=asset_id,
                checksum=result.sha1.hex(),
                size=result.size,
            )
        )
        reason = None
        if result.resumed_from:
            reason = f"resumed at byte {result.resumed_from}"
        elif result.restarts:
            reason = f"restarted {result.restarts}x"
        self.finish(
            Outcome(
                item=asset_id,
                status="downloaded",
                reason=reason,
                asset_id=asset_id,
                checksum=result.sha1.hex(),
                size=result.size,
                path=os.fsdecode(result.path),
                retries=item.retries,
            )
        )

    # -- report -----------------------------------------------------------------------
    def _notes(self) -> list[str]:
        return [f"{self._moved} files moved to their new layout path"] if self._moved else []

    def _report_fields(self) -> dict[str, Any]:
        return {
            "dest": os.fsdecode(self.root),
            "layout": self.options.layout,
            "moved": self._moved,
            "restarts": self._restarts,
            "resumed_bytes": self._resumed,
        }


_Survey = tuple[tuple[int, int] | None, tuple[str, bool] | None]


def _survey(root: Path, batch: list[_Item], claimed: set[int], create: bool) -> list[_Survey]:
    """For each item (blocking): ``(size, mtime_ns)`` of its recorded file (None when it
    is gone or not a plain file inside *root*), and for the items at the *claimed*
    indexes the state of their layout path: ``("free" | "exists" | "unsafe", .part exists)``.
    """
    out: list[_Survey] = []
    inside: dict[Path, bool] = {}  # per directory: most files of a batch share a few
    for index, item in enumerate(batch):
        record_stat: tuple[int, int] | None = None
        target: tuple[str, bool] | None = None
        if item.record_parts is not None:
            path = root.joinpath(*item.record_parts)
            try:
                st = os.lstat(path)
            except OSError:
                st = None
            if st is not None and stat_mod.S_ISREG(st.st_mode):
                folder = path.parent
                safe = inside.get(folder)
                if safe is None:
                    safe = inside[folder] = is_inside(root, folder)
                if safe:
                    record_stat = (st.st_size, st.st_mtime_ns)
        elif index in claimed:
            try:
                parent = _safe_parent(root, item.rel[:-1], create=create)
            except (OSError, UnsafePathError):
                target = ("unsafe", False)
            else:
                if parent is None:
                    target = ("free", False)
                else:
                    final = parent / item.rel[-1]
                    if os.path.lexists(final):
                        target = ("exists", False)
                    else:
                        target = ("free", os.path.lexists(part_path_for(final)))
        out.append((record_stat, target))
    return out


def _safe_parent(root: Path, dirs: tuple[str, ...], *, create: bool) -> Path | None:
    """``root/dirs...``, each level checked (and created when *create*) without ever
    following a symlink out of *root*; None when a level does not exist (and not *create*).
    """
    current = root
    for name in dirs:
        current = current / name
        try:
            st = os.lstat(current)
        except FileNotFoundError:
            if not create:
                return None
            with contextlib.suppress(FileExistsError):
                os.mkdir(current)
            st = os.lstat(current)
        if stat_mod.S_ISLNK(st.st_mode):
            if not is_inside(root, current):
                raise UnsafePathError(
                    f"{os.fsdecode(current)!r} is a symlink leading out of "
                    f"{os.fsdecode(root)!r}; not written"
                )
            if not os.path.isdir(current):
                raise UnsafePathError(f"{os.fsdecode(current)!r} is not a directory")
        elif not stat_mod.S_ISDIR(st.st_mode):
            raise UnsafePathError(f"{os.fsdecode(current)!r} exists and is not a directory")
    return current


def _lock_directory(root: Path) -> int | None:
    """Lock the export directory (``flock`` on the directory itself, nothing is created),
    so a second export into it fails at once instead of racing this one for file names.
    Returns the descriptor holding the lock (None where locking is not available)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return None
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise TransferError(
            f"another export is writing to {os.fsdecode(root)!r}; wait for it to finish"
        ) from None
    except OSError:  # a file system without locks: go on unprotected
        os.close(fd)
        return None
    return fd


def _prune_empty_dirs(root: Path, start: Path) -> None:
    """Remove *start* and its parents while they are empty, never *root* itself."""
    current = start
    while current != root and root in current.parents:
        try:
            os.rmdir(current)
        except OSError:
            return
        current = current.parent


async def export(
    client: AsyncClient,
    dest: StrPath,
    *,
    options: ExportOptions | None = None,
    config: DownloadConfig | None = None,
    state_path: StatePath = DEFAULT_PATH,
    on_event: Listener | None = None,
    on_start: Callable[[Exporter], None] | None = None,
    **overrides: Unpack[ExportOverrides],
) -> ExportReport:
    """Export assets to *dest*; see :class:`ExportOptions` and :class:`DownloadConfig`
    (any of their fields may be given as a keyword, overriding *options* / *config*)."""
    options, config = apply_overrides(
        "export", options, ExportOptions, config, DownloadConfig, overrides
    )
    return await run_with_state(
        state_path,
        lambda store, hub: Exporter(
            client,
            dest,
            options=options,
            config=config,
            store=store,
            hub=hub,
        ),
        on_event=on_event,
        on_start=on_start,
    )
