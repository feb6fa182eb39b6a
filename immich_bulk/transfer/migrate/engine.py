"""Server-to-server migration: one user's library from a source Immich to a target Immich.

::

    async with AsyncClient(OLD_URL, api_key=OLD_KEY) as source, \\
               AsyncClient(NEW_URL, api_key=NEW_KEY) as target:
        report = await migrate(source, target)
        print(report.summary())
        diff = await verify_migration(source, target)
        assert diff.ok, diff.summary()

The pipeline (one task group, bounded memory object streams between stages):

- **list** pages the source's assets (``POST /search/metadata``, one pass per visibility:
  timeline, archive, locked where the credentials allow, hidden motion parts last; the
  trash with ``include_trashed``), applying the filters (albums, dates, favourites, types);
- **check** asks the target, in batches, which checksums it already has
  (``bulk-upload-check`` with the source's base64 checksums): those are never downloaded
  nor uploaded again -- their metadata and albums are still applied to the target's asset;
- **transfer** (N workers) pipes each missing original from the source's download straight
  into the target's upload: no local file, one chunk in memory per worker, an exact
  Content-Length, the source checksum as ``x-immich-checksum`` and as the expected SHA-1 of
  the body (a corrupted or truncated stream is aborted before its last byte, so the target
  never stores it). A transient failure on either side re-opens the source download and
  starts over (backoff with jitter, ``Retry-After``); the target's checksum dedupe makes a
  repeated upload answer "duplicate". A live photo's motion video is migrated before its
  still, which is then uploaded with ``livePhotoVideoId``;
- **metadata**: favourite, archive/locked/hidden state, description, rating, capture date
  with its time zone, location, the trash (``include_trashed``) -- one ``PUT /assets/{id}``
  when the upload itself could not carry it, skipped on a re-run when unchanged;
- **links**, once the assets are there: albums (recreated by name, only the user's own,
  members added in batches), stacks (same primary asset), tags (by value).

Every asset, album, stack and tag gets exactly one outcome in the report (``migrated``,
``exists``, ``skipped``, ``failed``; ``would-migrate`` in a dry run); what cannot be
carried (faces and people, album sharing, comments, edits, ...) is listed in its notes.
A journal in the state file (:mod:`.state.migration`) makes a re-run after a crash cheap
and exact: no duplicates, nothing missing.
"""

from __future__ import annotations

import contextlib
import logging
from collections import Counter
from collections.abc import AsyncIterable, AsyncIterator, Callable
from contextlib import aclosing
from typing import TYPE_CHECKING, Any

import anyio
import anyio.abc
import attrs
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

from ..._http.retry import NO_RETRY, RetryEvent, observe_retries
from ..._types import UNSET
from ...errors import (
    ApiError,
    ContentMismatchError,
    FileChangedError,
    ImmichError,
    SizeMismatchError,
)
from ...files import StreamOpener, UploadFile
from ...models import (
    AssetBulkDeleteDto,
    AssetBulkUploadCheckDto,
    AssetBulkUploadCheckItem,
    AssetMediaCreateDto,
    AssetResponseDto,
    AssetTypeEnum,
    AssetVisibility,
    BulkIdsDto,
    ExifResponseDto,
)
from .._engine import Engine, batches, list_check_work, run_with_state
from ..events import (
    EventHub,
    ItemDone,
    ItemQueued,
    ItemSkipped,
    ItemStarted,
    Listener,
    Notice,
)
from ..local.hashing import parse_checksum
from ..overrides import MigrateOverrides, apply_overrides
from ..report import MigrateReport, Outcome
from ..server.listing import own_albums, same_id
from ..server.sending import Sending, send_asset
from ..state import DEFAULT_PATH, AssetRecord, MigrationJournal, PairKey, ServerJournal, StateStore
from .links import LinkMigrator, LinkRun
from .listing import AssetLister, Selection, pick_albums
from .metadata import (
    CARRIED_BY_SIDECAR,
    PRESERVE_ALL,
    PRESERVE_FIELDS,
    SIDECAR_ALSO_CARRIES,
    desired_state,
    fingerprint,
    sidecar_xmp,
    still_to_apply,
    update_dto,
)
from .options import MigrateConfig, MigrateOptions
from .verify import Difference, MigrationDiff, verify_migration

#: Why the metadata of an asset in the target's locked folder is left as it is.
LOCKED_ON_TARGET = (
    "it is in the target's locked folder, where only a PIN-unlocked session may read or "
    "change it: its metadata was left as it is"
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ...client import AsyncClient
    from ..upload.engine import StatePath

__all__ = [
    "PRESERVE_ALL",
    "PRESERVE_FIELDS",
    "Difference",
    "MigrateConfig",
    "MigrateOptions",
    "MigrationDiff",
    "Migrator",
    "Selection",
    "migrate",
    "verify_migration",
]

log = logging.getLogger("immich_bulk.transfer")


#: Always listed in the report: what no migration through the API can carry.
NOT_CARRIED = (
    "not carried by any API migration: faces and people (the target detects faces again; "
    "names must be set again), memories, shared links, partner sharing, album sharing and "
    "comments/likes, non-destructive edits (the original is migrated), asset key-value "
    "metadata; the target recomputes thumbnails, smart search and OCR"
)


#: Who refused or cannot be reached, as far as a migration's failure tells.
_SERVERS = "the source or the target server"


@attrs.define(slots=True, eq=False)
class _Item:
    asset: AssetResponseDto
    sha1: bytes
    record: AssetRecord | None = None  # the journal's
    target_id: str | None = None  # the target's copy (it had the checksum)
    target_trashed: bool = False
    retries: int = 0
    pulled_by: str | None = None  # a motion part migrated for this still

    @property
    def id(self) -> str:
        return self.asset.id

    @property
    def name(self) -> str:
        return self.asset.original_file_name

    @property
    def size(self) -> int | None:
        exif = self.asset.exif_info
        if not isinstance(exif, ExifResponseDto):
            return None
        size = exif.file_size_in_byte
        return size if isinstance(size, int) else None

    @property
    def is_video(self) -> bool:
        return self.asset.type == AssetTypeEnum.VIDEO


class _Permanent(Exception):
    """A transfer failure that another attempt cannot fix."""


class Migrator(Engine[MigrateReport]):
    """One migration run; most callers use :func:`migrate`."""

    kind = "migrate"
    report_type = MigrateReport
    stage_names = ("list", "check", "migrate", "metadata", "links")
    server = _SERVERS

    def __init__(
        self,
        source: AsyncClient,
        target: AsyncClient,
        *,
        options: MigrateOptions | None = None,
        config: MigrateConfig | None = None,
        store: StateStore,
        hub: EventHub | None = None,
    ) -> None:
        self.options = options or MigrateOptions()
        self.config = config or MigrateConfig()
        # every call of the run retries by the run's policy
        self.source = source.with_retry(self.config.retry)
        self.target = target.with_retry(self.config.retry)
        super().__init__(
            store=store,
            hub=hub,
            max_failures=self.config.max_failures,
            dry_run=self.options.dry_run,
        )
        self.selection = self.options.selection
        self.preserve = self.options.preserve
        self.items: Counter[str] = Counter()
        self._report_notes: list[str] = []
        self.source_user = ""
        """The source user's id (known once run() has started)."""
        self.target_user = ""
        self.target_journal: ServerJournal | None = None
        self._journal: MigrationJournal | None = None
        self.album_scopes: list[str | None] = [None]
        self._inflight: dict[str, anyio.Event] = {}
        self._pulled: set[str] = set()
        self._videos_done: dict[str, str] = {}  # source video id -> target id (this run)
        self._videos_failed: dict[str, str] = {}
        self._lister: AssetLister | None = None
        self._edited = 0
        self.links: dict[str, Any] = {}

    @property
    def journal(self) -> MigrationJournal:
        if self._journal is None:
            raise RuntimeError("the migration journal is open only while run() runs")
        return self._journal

    def _link_run(self) -> LinkRun:
        """What the link phase needs of this run (see :class:`.migrate_links.LinkRun`)."""
        return LinkRun(
            source=self.source,
            target=self.target,
            source_user=self.source_user,
            target_user=self.target_user,
            selection=self.selection,
            preserve=self.preserve,
            album_scopes=tuple(self.album_scopes),
            journal=self.journal,
            target_journal=self.target_journal,
            hub=self.hub,
            log=self.log,
            clock=self._stages["links"],
            page_size=self.config.page_size,
            album_batch_size=self.config.album_batch_size,
            link_concurrency=self.config.link_concurrency,
            finish=self.finish,
            problem=self.problem,
            note=self.note,
            check_stop=self.check_stop,
        )

    # -- outcomes ---------------------------------------------------------------------
    def finish(self, outcome: Outcome) -> None:
        """Record the one outcome of an item (assets here; albums, stacks, tags in links)."""
        kind = outcome.item.partition(":")[0] if ":" in outcome.item else "asset"
        if kind in ("asset", "album", "stack", "tag"):  # not "list:..." and such problems
            self.items[f"{kind}s"] += 1
        super().finish(outcome)

    def problem(self, item: str, stage: str, reason: str, exc: BaseException | None) -> None:
        """A failure that is not one asset's (a listing, a whole phase): reported as a
        failed item named *item*, so the run does not look complete."""
        self.fail(item, stage, reason, exc)

    def note(self, message: str, level: str = "info", *, announce: bool = True) -> None:
        """Add a line to the report's notes (and, with *announce*, a Notice event now)."""
        if message not in self._report_notes:
            self._report_notes.append(message)
            if announce:
                self.hub.emit(Notice(message=message, level=level))

    def _fail(self, item: _Item, stage: str, reason: str, exc: BaseException | None) -> None:
        if item.is_video:
            self._videos_failed[item.id] = reason
        self.fail(
            item.id,
            stage,
            reason,
            exc,
            outcome_reason=f"{item.name}: {reason}",
            size=item.size,
            checksum=item.sha1.hex(),
            retries=item.retries,
        )

    def _done(self, item: _Item, status: str, target_id: str | None, reason: str) -> None:
        if item.is_video and target_id is not None:
            self._videos_done[item.id] = target_id
        self.hub.emit(
            ItemDone(
                item=item.id,
                stage="migrate",
                status=status,
                asset_id=target_id,
                checksum=item.sha1.hex(),
                size=item.size,
            )
        )
        self.finish(
            Outcome(
                item=item.id,
                status=status,
                reason=f"{item.name}: {reason}" if reason else item.name,
                asset_id=target_id,
                checksum=item.sha1.hex(),
                size=item.size,
                retries=item.retries,
            )
        )

    # -- run --------------------------------------------------------------------------
    async def _pipeline(self) -> None:
        await self._prepare()
        key = PairKey.of(
            self.source.base_url,
            self.source_user,
            self.target.base_url,
            self.target_user,
        )
        async with self.store.migration_journal(key) as journal:
            self._journal = journal
            try:
                await self._assets()
                if self.options.dry_run:
                    await self._dry_links()
                else:
                    self.links = await LinkMigrator(self._link_run()).run()
            finally:
                self._journal = None

    async def _prepare(self) -> None:
        source_me = await self.source.users.get_my_user()
        target_me = await self.target.users.get_my_user()
        self.source_user, self.target_user = source_me.id, target_me.id
        if self.source.base_url == self.target.base_url and source_me.id == target_me.id:
            raise ValueError("the source and the target are the same user on the same server")
        self.target_journal = await self.store.journal(self.target.base_url, target_me.id)
        wanted = self.selection.albums
        if wanted is not None:
            albums = await own_albums(self.source, self.source_user)
            chosen, missing = pick_albums(albums, wanted)
            if missing:
                raise ValueError(
                    "no album of the source user is named (or has the id) "
                    + ", ".join(repr(m) for m in missing)
                )
            self.album_scopes = [a.id for a in chosen]
        self.note(NOT_CARRIED, announce=False)  # the same for every run: report only

    # -- assets: list -> check -> transfer + metadata -----------------------------------
    async def _assets(self) -> None:
        await list_check_work(
            self._list_stage,
            self._check_stage,
            self._worker,
            backlog=self.config.backlog,
            concurrency=self.config.concurrency,
        )
        lister = self._lister
        if lister is not None:
            if lister.refused:
                self.note(
                    "the locked folder (if there is one) was not migrated: the source refuses "
                    "to list it without a PIN-unlocked session, which an API key cannot have; "
                    "move those assets out of the locked folder first to migrate them",
                    "warning",
                )
            if lister.other_owners:
                self.note(
                    f"{lister.other_owners} assets of other users (partners, shared albums) "
                    "were seen and left out: only the source user's own assets are migrated"
                )
        if self._edited:
            self.note(
                f"{self._edited} assets have edits on the source; their originals were "
                "migrated without the edits"
            )

    def _item_for(self, asset: AssetResponseDto) -> _Item | None:
        try:
            sha1 = parse_checksum(asset.checksum)
        except ValueError:
            self.log.begin(asset.id)
            self.hub.emit(ItemQueued(item=asset.id))
            placeholder = _Item(asset, b"\0" * 20)
            self._fail(placeholder, "list", "the source gave no usable checksum", None)
            return None
        return _Item(asset, sha1)

    async def _list_stage(self, send: MemoryObjectSendStream[_Item]) -> None:
        lister = AssetLister(
            self.source,
            self.source_user,
            self.selection,
            page_size=min(self.config.page_size, 1000),
            scopes=self.album_scopes,
            check_counts=True,
        )
        self._lister = lister
        async with send:
            try:
                async for page in lister.pages():
                    for asset in page:
                        if asset.id in self._pulled:
                            continue  # migrated already, as the motion part of a live photo
                        item = self._item_for(asset)
                        if item is None:
                            continue
                        self._stages["list"].touch()
                        self.log.begin(item.id)
                        self.hub.emit(ItemQueued(item=item.id))
                        await send.send(item)
            except ImmichError as exc:
                self.problem(
                    "list:source",
                    "list",
                    f"listing the source stopped early: {exc}; re-run to migrate the rest",
                    exc,
                )
        for visibility, missing in lister.shortfalls:
            self.problem(
                f"list:{visibility}",
                "list",
                f"the source counts {missing} more {visibility} assets than its search "
                "returned (a search with EXIF data leaves out assets whose metadata is not "
                "extracted yet); run the source's metadata extraction job, then re-run",
                None,
            )

    async def _check_stage(
        self, receive: MemoryObjectReceiveStream[_Item], send: MemoryObjectSendStream[_Item]
    ) -> None:
        collected = batches(
            receive, size=self.config.check_batch_size, max_wait=self.config.check_flush_seconds
        )
        async with receive, send, aclosing(collected):
            async for batch in collected:
                await self._check_batch(batch, send)

    async def _ask_target(self, items: list[_Item]) -> bool:
        """Fill in journal records and what the target has; False (items failed) on error."""
        try:
            records = await self.journal.assets(i.id for i in items)
            request = AssetBulkUploadCheckDto(
                assets=[
                    AssetBulkUploadCheckItem(id=str(n), checksum=item.asset.checksum)
                    for n, item in enumerate(items)
                ]
            )
            response = await self.target.assets.check_bulk_upload(request)
        except ImmichError as exc:
            if self.check_stop(exc):
                return False  # not checked, not failed: interrupted with the queued
            for item in items:
                self._fail(item, "check", f"the target's duplicate check failed: {exc}", exc)
            return False
        self._stages["check"].touch()
        answers = {r.id: r for r in response.results}
        for n, item in enumerate(items):
            item.record = records.get(item.id)
            answer = answers.get(str(n))
            if answer is None:
                self._fail(item, "check", "the target's duplicate check gave no answer", None)
                item.target_id = "!"
            elif answer.action != "accept":
                if answer.reason == "duplicate" and answer.asset_id:
                    item.target_id = answer.asset_id
                    item.target_trashed = bool(answer.is_trashed)
                else:
                    reason = f"the target refuses it: {answer.reason or 'no reason given'}"
                    if item.is_video:
                        self._videos_failed[item.id] = reason
                    self.hub.emit(ItemSkipped(item=item.id, reason=reason))
                    self.finish(
                        Outcome(
                            item=item.id,
                            status="skipped",
                            reason=f"{item.name}: {reason}",
                            checksum=item.sha1.hex(),
                            size=item.size,
                        )
                    )
                    item.target_id = "!"
        return True

    async def _check_batch(self, batch: list[_Item], send: MemoryObjectSendStream[_Item]) -> None:
        items = [i for i in batch if i.id not in self._pulled]
        if not items or not await self._ask_target(items):
            return
        for item in items:
            if item.target_id == "!":
                continue  # already settled (failed or skipped)
            if self.options.dry_run:
                if item.target_id is None:
                    self._done(item, "would-migrate", None, "would be transferred")
                else:
                    self._done(item, "exists", item.target_id, "the target already has it")
                continue
            await send.send(item)

    async def _worker(self, receive: MemoryObjectReceiveStream[_Item]) -> None:
        async with receive:
            async for item in receive:
                if item.id in self._pulled or item.id in self._inflight:
                    continue  # taken over as the motion part of a still
                await self._process(item)

    async def _process(self, item: _Item, *, pulled: bool = False) -> None:
        done = anyio.Event()
        self._inflight[item.id] = done
        try:
            await self._process_one(item, pulled=pulled)
        finally:
            del self._inflight[item.id]
            done.set()

    async def _process_one(self, item: _Item, *, pulled: bool) -> None:
        asset = item.asset
        if asset.is_edited:
            self._edited += 1
        live_target: str | None = None
        live_problem: str | None = None
        video_id = asset.live_photo_video_id
        if (
            isinstance(video_id, str)
            and video_id
            and video_id != item.id
            and not pulled
            and "live_photos" in self.preserve
        ):
            live_target, live_problem = await self._motion_part(video_id, item)
        state = desired_state(
            asset,
            self.preserve,
            live_video_target=live_target,
            include_trashed=self.selection.include_trashed,
        )
        fresh = False
        if item.target_id is None:
            self.hub.emit(ItemStarted(item=item.id, stage="migrate", size=item.size))
            try:
                target_id, code = await self._transfer(item, state)
            except ContentMismatchError as exc:
                reason = (
                    "the bytes the source sent do not match the asset's checksum (is the "
                    "source's file damaged?); nothing was stored on the target"
                )
                self._fail(item, "migrate", reason, exc)
                return
            except FileChangedError as exc:
                reason = f"the source's stream was cut short ({exc})"
                self._fail(item, "migrate", f"{reason}; nothing was stored on the target", exc)
                return
            except (_Permanent, ImmichError, OSError) as exc:
                self._fail(item, "migrate", str(exc), exc)
                return
            self._stages["migrate"].touch()
            fresh = code == 201
            status = "migrated" if fresh else "exists"
        else:
            target_id, status = item.target_id, "exists"
        if self.target_journal is not None:
            self.target_journal.record_upload(
                item.sha1, asset_id=target_id, status="uploaded" if fresh else "duplicate"
            )
        record = item.record
        ours = fresh or (record is not None and record.status == "uploaded")
        journal_status = "uploaded" if ours else "existing"
        self.journal.record_asset(
            item.id, checksum=item.sha1, target_id=target_id, status=journal_status
        )
        fp = fingerprint(state)
        up_to_date = (
            record is not None
            and record.target_id == target_id
            and record.meta_fp == fp
            and item.target_trashed == state["trashed"]
        )
        reason = ""
        if up_to_date:
            reason = "already migrated"
        else:
            try:
                unchecked = await self._apply(item, target_id, state, fresh=fresh)
            except ImmichError as exc:
                where = "migrated" if fresh else "on the target"
                self._fail(
                    item,
                    "metadata",
                    f"{where} as {target_id}, but its metadata could not be applied: {exc}",
                    exc,
                )
                return
            self.journal.record_asset(
                item.id, checksum=item.sha1, target_id=target_id, status=journal_status, meta_fp=fp
            )
            if unchecked is not None:
                reason = f"the target already had it; {unchecked}"
            elif not fresh:
                reason = "the target already had it; metadata applied"
        if live_problem is not None:
            self._fail(item, "live-photo", f"{status} as {target_id}, but {live_problem}", None)
            return
        notes = []
        if pulled and item.pulled_by:
            notes.append(f"motion part of {item.pulled_by}")
        if asset.is_edited:
            notes.append("edits on the source not carried")
        if item.target_trashed and not state["trashed"]:
            notes.append("restored from the target's trash")
        text = "; ".join([r for r in (reason, *notes) if r])
        self._done(item, status, target_id, text)

    async def _motion_part(self, video_id: str, still: _Item) -> tuple[str | None, str | None]:
        """The target id of a still's motion video, migrating it first if need be."""
        while True:
            if video_id in self._videos_done:
                return self._videos_done[video_id], None
            if video_id in self._videos_failed:
                return None, f"its motion part {video_id} failed"
            event = self._inflight.get(video_id)
            if event is None:
                break
            await event.wait()
        if video_id in self._pulled:  # pulled by another still and finished without a result
            return None, f"its motion part {video_id} could not be migrated"
        self._pulled.add(video_id)
        try:
            info = await self.source.assets.get_asset_info(video_id)
        except ImmichError as exc:
            self.check_stop(exc)
            return None, f"its motion part {video_id} could not be read: {exc}"
        if not same_id(info.owner_id, self.source_user):
            return None, f"its motion part {video_id} belongs to another user"
        item = self._item_for(info)
        if item is None:
            return None, f"its motion part {video_id} has no usable checksum"
        item.pulled_by = still.id
        self.log.begin(item.id)
        self.hub.emit(ItemQueued(item=item.id))
        if await self._ask_target([item]) and item.target_id != "!":
            await self._process(item, pulled=True)
        if video_id in self._videos_done:
            return self._videos_done[video_id], None
        return None, f"its motion part {video_id} could not be migrated"

    # -- transfer -----------------------------------------------------------------------
    def _count(self, delta: int) -> None:
        self._bytes += delta

    def _upload_request(
        self,
        item: _Item,
        body: StreamOpener,
        size: int,
        state: dict[str, Any],
        sending: Sending,
    ) -> AssetMediaCreateDto:
        asset = item.asset
        mime = asset.original_mime_type if isinstance(asset.original_mime_type, str) else None
        visibility = state.get("visibility", "timeline")
        duration = asset.duration if item.is_video and asset.duration else UNSET
        sidecar = sidecar_xmp(asset, self.preserve)
        return AssetMediaCreateDto(
            sidecar_data=(
                UploadFile(sidecar, filename=f"{item.name}.xmp", content_type="application/xml")
                if sidecar is not None
                else UNSET
            ),
            asset_data=UploadFile(
                body,
                filename=item.name,
                content_type=mime or None,
                sha1=item.sha1,
                size=size,
                progress=sending.progress,
            ),
            device_asset_id=asset.device_asset_id or f"{item.name}-{size}",
            device_id=asset.device_id or self.config.device_id,
            file_created_at=asset.file_created_at,
            file_modified_at=asset.file_modified_at,
            filename=item.name,
            duration=duration,
            is_favorite=True if state.get("isFavorite") else UNSET,
            visibility=AssetVisibility(visibility) if visibility != "timeline" else UNSET,
            live_photo_video_id=state.get("livePhotoVideoId", UNSET),
        )

    async def _transfer(self, item: _Item, state: dict[str, Any]) -> tuple[str, int]:
        """Pipe the source's original into a target upload; (target id, status code).

        The upload sender (transfer/sending.py) is the one retry loop: the first
        download, opened here (retried like every call of the run), tells the size; a
        try that starts over opens the download again, once, from inside that loop."""

        def on_retry(event: RetryEvent) -> None:
            item.retries += 1

        sending = Sending(item.id, "migrate", self.hub, counted=self._count, on_retry=on_retry)
        async with contextlib.AsyncExitStack() as first:
            with observe_retries(sending.retrying):  # the download's retries are the item's
                size, chunks = await first.enter_async_context(self._original(item))
            unused = [chunks]

            @contextlib.asynccontextmanager
            async def open_body() -> AsyncIterator[AsyncIterable[bytes]]:
                if unused:
                    async with first:  # the first download ends with its try
                        yield unused.pop()
                    return
                async with self._original(item, size=size) as (_, again):
                    yield again

            result = await send_asset(
                self.target,
                self._upload_request(item, open_body, size, state, sending),
                size=size,
                checksum=item.asset.checksum,
                min_bytes_per_second=self.config.min_bytes_per_second,
                sending=sending,
            )
        return result.data.id, result.status_code

    @contextlib.asynccontextmanager
    async def _original(
        self, item: _Item, *, size: int | None = None
    ) -> AsyncIterator[tuple[int, AsyncIterable[bytes]]]:
        """The source's original of *item*: ``(size, chunks)``. With *size* (a download
        opened again by a retry of the upload) it is tried once, and must be that long."""
        call = self.source.assets.download_asset_without_preload_content(
            item.id, _headers={"Accept-Encoding": "identity"}
        )
        if size is not None:
            call = call.with_retry(NO_RETRY)  # the upload's retry loop is the only one
        async with call as response:
            encoding = response.headers.get("content-encoding", "identity").lower()
            if encoding not in ("", "identity"):
                raise _Permanent(f"the source sent the original {encoding}-encoded")
            declared = response.headers.get("content-length", "")
            length = int(declared) if declared.isdigit() else (size or item.size)
            if length is None:
                raise _Permanent("the source sent no Content-Length and the size is unknown")
            if size is not None and length != size:
                raise SizeMismatchError(
                    f"{item.name}: the source now sends {length} bytes, not {size}"
                )
            yield length, response.aiter_raw(self.config.chunk_size)

    # -- metadata -----------------------------------------------------------------------
    async def _apply(
        self, item: _Item, target_id: str, state: dict[str, Any], *, fresh: bool
    ) -> str | None:
        """Bring the target asset to *state* (restore, update, trash), fewest calls first;
        returns what could not be done, when that is no failure."""
        trashed = state["trashed"]
        if item.target_trashed and not trashed:
            await self.target.trash.restore_assets(BulkIdsDto(ids=[target_id]))
        update = {k: v for k, v in state.items() if k != "trashed"}
        if fresh:  # the upload (its fields and its XMP sidecar) carried these already
            for carried in (
                "isFavorite",
                "livePhotoVideoId",
                "visibility",
                *CARRIED_BY_SIDECAR,
            ):
                update.pop(carried, None)
            if state.get("visibility") == "locked":
                # only a PIN-unlocked session may change a locked asset, an API key may
                # not even read it: what the sidecar carries has to do
                for carried in SIDECAR_ALSO_CARRIES:
                    update.pop(carried, None)
        elif update:
            # the target had it: send only what it lacks (see still_to_apply)
            try:
                current = await self.target.assets.get_asset_info(target_id)
            except ApiError as exc:
                if state.get("visibility") == "locked" and exc.status_code in (400, 401, 403):
                    # an own asset these credentials cannot read is in the locked folder
                    self._stages["metadata"].touch()
                    return LOCKED_ON_TARGET
                log.debug("%s: the target's copy could not be read: %s", item.id, exc)
            else:
                update = still_to_apply(update, item.asset, current)
        dto = update_dto(update)
        if dto is not None:
            await self.target.assets.update_asset(target_id, dto)
        if trashed and not item.target_trashed:
            await self.target.assets.delete_assets(AssetBulkDeleteDto(ids=[target_id]))
        self._stages["metadata"].touch()
        return None

    # -- dry run --------------------------------------------------------------------------
    async def _dry_links(self) -> None:
        if "albums" not in self.preserve:
            return
        albums = await own_albums(self.source, self.source_user)
        if self.album_scopes != [None]:
            albums = [a for a in albums if a.id in self.album_scopes]
        target_names = {a.album_name for a in await own_albums(self.target, self.target_user)}
        for album in albums:
            item = f"album:{album.album_name}"
            self.log.begin(item)
            self.hub.emit(ItemQueued(item=item, size=None))
            exists = album.album_name in target_names
            self.finish(
                Outcome(
                    item=item,
                    status="exists" if exists else "would-migrate",
                    reason=f"{album.asset_count} assets on the source"
                    + ("; an album of that name exists on the target" if exists else ""),
                )
            )

    # -- report ---------------------------------------------------------------------------
    def _notes(self) -> list[str]:
        return list(self._report_notes)

    def _report_fields(self) -> dict[str, Any]:
        return {
            "items": dict(self.items),
            "preserve": tuple(sorted(self.preserve)),
            "links": self.links or None,
        }


async def migrate(
    source: AsyncClient,
    target: AsyncClient,
    *,
    options: MigrateOptions | None = None,
    config: MigrateConfig | None = None,
    state_path: StatePath = DEFAULT_PATH,
    on_event: Listener | None = None,
    on_start: Callable[[Migrator], None] | None = None,
    **overrides: Unpack[MigrateOverrides],
) -> MigrateReport:
    """Copy the library of *source*'s user to *target*'s user; see the module docs.

    What is migrated is *options* (:class:`MigrateOptions`), how fast *config*
    (:class:`MigrateConfig`); any of their fields, and of the options' :class:`Selection`,
    may be given as a keyword instead, overriding them: *albums* (names or ids; only
    these albums' assets, and only these albums are recreated), *taken_after* /
    *taken_before* (naive datetimes are UTC), *favorites_only*, *asset_types* (``IMAGE``,
    ``VIDEO``, ``AUDIO``, ``OTHER``), *include_archived*, *include_trashed* (trashed
    assets land in the target's trash), *preserve* (names from :data:`PRESERVE_FIELDS`;
    None: all), *dry_run*, *concurrency* (None: the config's) ... *state_path*: the state
    file holding the journal (``DEFAULT_PATH``; None: remember nothing). *on_start*
    receives the :class:`Migrator` (e.g. to call ``stop()`` on Ctrl-C).
    """
    options, config = apply_overrides(
        "migrate",
        options,
        MigrateOptions,
        config,
        MigrateConfig,
        overrides,
        nested={"selection": Selection},
    )
    return await run_with_state(
        state_path,
        lambda store, hub: Migrator(
            source,
            target,
            options=options,
            config=config,
            store=store,
            hub=hub,
        ),
        on_event=on_event,
        on_start=on_start,
    )
