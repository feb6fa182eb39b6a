"""The Takeout import: index -> plan -> hash -> check -> upload -> albums, live photos, trash.

:class:`TakeoutImporter` is an engine like the upload's (``run()``, ``stop()``, an event
hub, one report), and it keeps the upload's guarantees:

- **index** the parts given (:class:`.index.TakeoutIndex`; a part already known is not read
  again), then walk the planned assets (identical copies are one asset);
- **hash** each asset's chosen member straight from its part, in worker threads, one member
  reader per worker (the SHA-1 is remembered in the index: a re-run does not read it again);
- **check** the state journal, then the server (``bulk-upload-check`` in batches); a second
  asset with the same bytes waits for the first instead of being sent too;
- **upload** streams the member from its zip (stored or deflated, ZIP64), with the checksum
  header and a body checked against it, retries, the bandwidth cap, and the metadata of its
  JSON: capture time as the file's creation date (Immich prefers the file's EXIF date and
  zone), favourite, archive or locked visibility, and an XMP sidecar with the description
  and location (:mod:`.xmp`);
- then **albums** (one per album folder, same titles kept apart: :mod:`.albums`), **live
  photos** (the still linked to its video, which Immich then hides), and, with
  ``include_trashed``, the trashed photos moved to the server's trash.

Every media file gets exactly one outcome: uploaded, duplicate (the server, or an identical
copy, had it), skipped (with the plan's reason) or failed; every JSON that no media file
uses, or that cannot be read, is reported too (status ``skipped``, reason ``json: ...``).
A run stopped or killed anywhere resumes: what the journal says was sent is not sent again,
and the server's checksum check answers for an upload whose answer was lost.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Iterable
from contextlib import aclosing
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import anyio
import anyio.abc
import anyio.to_thread
import attrs
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

from ..._types import UNSET
from ...errors import (
    FileChangedError,
    ImmichError,
)
from ...files import UploadFile
from ...models import (
    AssetBulkDeleteDto,
    AssetMediaCreateDto,
    AssetVisibility,
    UpdateAssetDto,
)
from .._engine import batches, run_with_state
from ..config import UploadConfig
from ..events import (
    EventHub,
    ItemDone,
    ItemFailed,
    ItemQueued,
    ItemSkipped,
    ItemStarted,
    Listener,
)
from ..overrides import TakeoutOverrides, apply_overrides
from ..report import (
    AlbumTotals,
    Outcome,
    RateLimitSummary,
    TakeoutPart,
    TakeoutPlanSummary,
    TakeoutReport,
)
from ..server.check import bulk_check
from ..server.jobs import IngestPause, PauseJobs, jobs_paused
from ..server.sending import Sending, UploadingEngine, send_asset
from ..state import DEFAULT_PATH, ServerJournal, StatePath, StateStore
from .albums import TakeoutAlbums
from .errors import TakeoutError
from .index import TakeoutIndex, default_index_path
from .indexer import IndexProgress, PartStatus
from .plan import Plan, PlannedAsset, PlanOptions, Problem
from .reader import MemberReader, MemberRef
from .streams import Sha1Reader
from .tags import TakeoutTags
from .xmp import sidecar_xmp

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ...client import AsyncClient
    from ..local.fsutil import StrPath

__all__ = ["TakeoutImporter", "TakeoutOptions", "import_takeout", "index_path_for"]

#: Why a planned asset is not uploaded, as the report says it.
SKIP_REASONS = {
    "skip-failed": "in Google's 'Failed Videos' folder",
    "skip-motion": "the video part of a motion photo (its still is imported)",
    "skip-trashed": "in Google's trash (include_trashed / --include-trashed imports it)",
    "skip-partner": "shared by a partner (include_partner / --include-partner imports it)",
    "skip-locked": "in the Locked Folder (skip_locked / --skip-locked)",
    "skip-unmatched": "no JSON sidecar (include_unmatched / --include-unmatched imports it)",
}
#: How a JSON file the report lists is described.
JSON_REASONS = {
    "orphan-json": "json: no media file for this sidecar",
    "contested-json": "json: several media files fit this sidecar (none was given it)",
    "bad-json": "json: unreadable",
}
_BORROWED_RULES = frozenset({"edited", "live-video", "motion"})
_HASH_RECORD_BATCH = 256


@attrs.frozen(kw_only=True)
class TakeoutOptions:
    """What a Takeout import does (how fast it runs is :class:`UploadConfig`)."""

    include_trashed: bool = False
    """Import photos from Google's trash too, then move them to the server's trash."""
    include_partner: bool = False
    """Import photos a partner shared."""
    skip_locked: bool = False
    """Skip Locked Folder items (by default they go to Immich's locked folder)."""
    include_motion_videos: bool = False
    """Also upload the video part of Pixel motion photos."""
    untitled_albums: bool = False
    """Create albums for Google's untitled albums (named after their folder)."""
    include_unmatched: bool = True
    """Upload media without a JSON sidecar (dated from the file itself)."""
    dry_run: bool = False
    """Index and plan, upload nothing."""
    recheck: bool = False
    """Ask the server about every photo, even those the journal says it has."""
    pause_jobs: PauseJobs = "auto"
    """Pause the server's ingest job queues while uploading, always resumed: "auto" once a
    few dozen files are to send and the key may (admin); True at once; False never."""
    wait_for_jobs: bool = False
    """After uploading, wait until the server's ingest queues are empty."""
    index_path: Path | None = None
    """The Takeout index file (default: beside the state file, see :func:`index_path_for`)."""

    def plan_options(self) -> PlanOptions:
        return PlanOptions(
            include_trashed=self.include_trashed,
            include_partner=self.include_partner,
            skip_locked=self.skip_locked,
            include_motion_videos=self.include_motion_videos,
            untitled_albums=self.untitled_albums,
            include_unmatched=self.include_unmatched,
        )


def index_path_for(store: StateStore) -> Path:
    """Where the Takeout index lives: beside the state file (``<state>.takeout``), or in
    the user cache directory when the state is not kept on disk."""
    if store.path is not None:
        return store.path.with_name(store.path.name + ".takeout")
    return default_index_path()


@attrs.define(slots=True, eq=False)
class _Item:
    asset: PlannedAsset
    name: str
    others: list[str]
    """The names of the asset's other copies (they share its outcome as duplicates)."""
    sha1: bytes | None = None
    retries: int = 0

    @property
    def member(self) -> MemberRef:
        return self.asset.member

    @property
    def size(self) -> int:
        return self.asset.member.size


class TakeoutImporter(UploadingEngine[TakeoutReport]):
    """One import run, on the engine base (which owns the run: cancel scope and
    :meth:`stop`, the guard that stops a run every other photo would fail the same way,
    the outcome log, the stage clocks, the saved state and the report). Most callers use
    :func:`import_takeout` (or ``client.assets.import_takeout``)."""

    kind = "takeout"
    report_type = TakeoutReport
    stage_names = ("index", "hash", "check", "upload")

    def __init__(
        self,
        client: AsyncClient,
        paths: Iterable[StrPath] | StrPath,
        *,
        options: TakeoutOptions | None = None,
        config: UploadConfig | None = None,
        store: StateStore,
        hub: EventHub | None = None,
    ) -> None:
        self.options = options or TakeoutOptions()
        super().__init__(
            client, paths, config=config, store=store, hub=hub, dry_run=self.options.dry_run
        )
        self._pause: IngestPause | None = None
        self.plan: Plan | None = None
        """The plan of this run (set once the parts are indexed)."""
        self.parts: list[PartStatus] = []
        self.index_path: Path | None = None
        """The index file this run used (set when it opens it)."""
        self._index: TakeoutIndex | None = None
        self._journal: ServerJournal | None = None
        self._albums: TakeoutAlbums | None = None
        self._tags: TakeoutTags | None = None
        self._leaders: dict[bytes, list[_Item]] = {}
        self._pending_sha1s: dict[int, bytes] = {}
        self._live_videos: dict[int, str] = {}  # video member id -> asset id
        self._live_stills: list[tuple[str, int]] = []  # (still asset id, video member id)
        self._trashed: list[str] = []
        self._linked = 0
        self._link_problems: list[str] = []
        self._problems: dict[str, int] = {}

    # -- outcomes ---------------------------------------------------------------------
    def _settle(self, item: _Item, status: str, reason: str | None, asset_id: str) -> None:
        """*item* is asset *asset_id* (``uploaded`` or ``duplicate``): its outcome and
        those of its identical copies."""
        checksum = item.sha1.hex() if item.sha1 else None
        self.finish(
            Outcome(
                item=item.name, status=status, reason=reason, asset_id=asset_id,
                checksum=checksum, size=item.size, retries=item.retries,
            )
        )  # fmt: skip
        for other in item.others:  # the asset's identical copies in other folders or parts
            self.finish(
                Outcome(
                    item=other, status="duplicate", asset_id=asset_id, checksum=checksum,
                    size=item.size, reason=f"an identical copy of {item.name}",
                )
            )  # fmt: skip

    def _fail(self, item: _Item, stage: str, reason: str, exc: BaseException | None) -> None:
        """*item* failed (the base's policy may stop the run), and so did its identical
        copies and the assets with its bytes waiting for it."""
        checksum = item.sha1.hex() if item.sha1 else None
        self.fail(
            item.name, stage, reason, exc, size=item.size, checksum=checksum, retries=item.retries
        )
        error = type(exc).__name__ if exc is not None else None
        for other in item.others:
            self.finish(
                Outcome(item=other, status="failed", reason=f"identical copy of {item.name}: "
                        f"{reason}", error=error, size=item.size, checksum=checksum)
            )  # fmt: skip
        for follower in self._leaders.pop(item.sha1, []) if item.sha1 else []:
            self._fail(follower, stage, f"same content as {item.name}, which failed", None)

    # -- run --------------------------------------------------------------------------
    async def _pipeline(self) -> None:
        index_path = self.index_path = self.options.index_path or index_path_for(self.store)
        async with TakeoutIndex.open(index_path) as index:
            self._index = index
            await self._update_index(index)
            await self._prepare()
            self.plan = await index.plan(self.options.plan_options())
            await self._report_problems(index)
            if self.options.dry_run:
                await self._dry_run(index)
            else:
                await self._import(index)

    async def _update_index(self, index: TakeoutIndex) -> None:
        clock = self._stages["index"]

        def progress(event: IndexProgress) -> None:
            if event.done:  # one line per part (the progress shows "index N")
                clock.touch()
                status = "known" if event.reused else "indexed"
                self.hub.emit(
                    ItemDone(item=event.part, stage="index", status=status, cached=event.reused)
                )

        self.parts = await index.update(self.paths, on_progress=progress)

    async def _prepare(self) -> None:
        if self.options.dry_run:
            return
        if await self.store.paused_queues(self.client.base_url):
            await self.jobs.resume_leftovers()  # a killed run left them paused
        me = await self.client.users.get_my_user()
        self._journal = await self.store.journal(self.client.base_url, me.id)

    async def _report_problems(self, index: TakeoutIndex) -> None:
        """Every JSON file no media file uses (or unreadable) gets an outcome; unmatched
        media are reported by their own outcome (uploaded with the reason), skipped ones
        when their asset comes by."""
        async for batch in index.problems(self.options.plan_options()):
            for problem in batch:
                self._problems[problem.kind] = self._problems.get(problem.kind, 0) + 1
                if problem.kind in JSON_REASONS:
                    self._json_outcome(problem)

    def _json_outcome(self, problem: Problem) -> None:
        reason = JSON_REASONS[problem.kind]
        if problem.kind == "bad-json" and problem.reason:
            reason = f"json: {problem.reason}"
        if problem.detail:
            reason += f" ({problem.detail})"
        name = f"{problem.part}:{problem.path}"
        self.hub.emit(ItemSkipped(item=name, reason=reason))
        self.finish(Outcome(item=name, status="skipped", reason=reason))

    # -- planned assets ---------------------------------------------------------------
    def _start(self, asset: PlannedAsset) -> _Item | None:
        """The item for *asset*, or None when the plan skips it (reported here)."""
        names = [m.display for m in asset.members]
        if asset.disposition != "upload":
            reason = SKIP_REASONS.get(asset.disposition, asset.disposition)
            for name in names:
                self.hub.emit(ItemSkipped(item=name, reason=reason))
                self.finish(Outcome(item=name, status="skipped", reason=reason))
            return None
        for name in names:
            self.log.begin(name)
        item = _Item(asset, names[0], names[1:])
        self.hub.emit(ItemQueued(item=item.name, size=item.size))
        return item

    async def _dry_run(self, index: TakeoutIndex) -> None:
        async for batch in index.assets(self.options.plan_options()):
            for asset in batch:
                item = self._start(asset)
                if item is None:
                    continue
                reason = _match_note(asset)
                self.finish(
                    Outcome(item=item.name, status="would-upload", reason=reason, size=item.size)
                )
                for other in item.others:
                    self.finish(
                        Outcome(item=other, status="duplicate", size=item.size,
                                reason=f"an identical copy of {item.name}")
                    )  # fmt: skip

    async def _import(self, index: TakeoutIndex) -> None:
        assert self.plan is not None
        self._albums = TakeoutAlbums(
            self.client,
            self.plan.albums,
            hub=self.hub,
            journal=self._journal,
            batch_size=self.config.album_batch_size,
        )
        self._tags = TakeoutTags(self.client, hub=self.hub, batch_size=self.config.album_batch_size)
        backlog = self.config.backlog
        planned_send, planned_recv = anyio.create_memory_object_stream[_Item](backlog)
        hashed_send, hashed_recv = anyio.create_memory_object_stream[_Item](backlog)
        upload_send, upload_recv = anyio.create_memory_object_stream[_Item](
            max(backlog, 2 * self.config.concurrency)
        )
        async with jobs_paused(
            self.client, self.store, self.hub, enabled=self.options.pause_jobs
        ) as pause:
            self._pause = pause
            self.paused_jobs = pause.paused  # filled in place once it pauses
            async with anyio.create_task_group() as tg:
                tg.start_soon(self._plan_stage, index, planned_send)
                tg.start_soon(self._hash_stage, index, planned_recv, hashed_send)
                tg.start_soon(self._check_stage, hashed_recv, upload_send)
                async with upload_recv:
                    for _ in range(self.config.concurrency):
                        tg.start_soon(self._upload_worker, upload_recv.clone())
            await self._record_sha1s(force=True)
            await self._albums.flush()
            await self._tags.flush()
            await self._link_live_photos()
            await self._trash()
        if self.options.wait_for_jobs:
            await self._wait_for_jobs()

    async def _plan_stage(self, index: TakeoutIndex, send: MemoryObjectSendStream[_Item]) -> None:
        async with send:
            async for batch in index.assets(self.options.plan_options()):
                for asset in batch:
                    item = self._start(asset)
                    if item is not None:
                        await send.send(item)

    # -- hash -------------------------------------------------------------------------
    async def _hash_stage(
        self,
        index: TakeoutIndex,
        receive: MemoryObjectReceiveStream[_Item],
        send: MemoryObjectSendStream[_Item],
    ) -> None:
        """Answer from the SHA-1s the index remembers (one query per batch); read the rest
        in worker threads, each with its own member reader."""
        misses_send, misses_recv = anyio.create_memory_object_stream[_Item](self.config.backlog)
        async with receive, send, anyio.create_task_group() as tg:
            async with misses_recv:
                for _ in range(self.config.hash_workers):
                    tg.start_soon(self._hash_worker, misses_recv.clone(), send.clone())
            async with misses_send:
                async for first in receive:
                    batch = [first]
                    while len(batch) < self.config.backlog:
                        try:
                            batch.append(receive.receive_nowait())
                        except (anyio.WouldBlock, anyio.EndOfStream):
                            break
                    known = await index.sha1s(i.member.id for i in batch)
                    for item in batch:
                        sha1 = known.get(item.member.id)
                        if sha1 is None:
                            await misses_send.send(item)
                        else:
                            self._hashed(item, sha1, cached=True)
                            await send.send(item)

    def _hashed(self, item: _Item, sha1: bytes, *, cached: bool) -> None:
        item.sha1 = sha1
        self._stages["hash"].touch()
        self.hub.emit(
            ItemDone(item=item.name, stage="hash", status="hashed", checksum=sha1.hex(),
                     size=item.size, cached=cached)
        )  # fmt: skip

    async def _hash_worker(
        self, receive: MemoryObjectReceiveStream[_Item], send: MemoryObjectSendStream[_Item]
    ) -> None:
        chunk = self.config.hash_chunk_size
        with MemberReader() as reader:

            def digest(member: MemberRef) -> bytes:
                with Sha1Reader(reader.open(member)) as stream:
                    while stream.read(chunk):
                        pass
                    return stream.digest()

            async with receive, send:
                async for item in receive:
                    try:
                        sha1 = await anyio.to_thread.run_sync(digest, item.member)
                    except (OSError, TakeoutError) as exc:
                        self._fail(item, "hash", f"cannot read it: {exc}", exc)
                        continue
                    self._hashed(item, sha1, cached=False)
                    self._pending_sha1s[item.member.id] = sha1
                    await self._record_sha1s()
                    await send.send(item)

    async def _record_sha1s(self, *, force: bool = False) -> None:
        if self._index is None or not self._pending_sha1s:
            return
        if not force and len(self._pending_sha1s) < _HASH_RECORD_BATCH:
            return
        pending, self._pending_sha1s = self._pending_sha1s, {}
        await self._index.record_sha1s(pending)

    # -- check ------------------------------------------------------------------------
    async def _check_stage(
        self, receive: MemoryObjectReceiveStream[_Item], send: MemoryObjectSendStream[_Item]
    ) -> None:
        def flush_now() -> bool:
            stats = send.statistics()
            return stats.current_buffer_used == 0 and stats.tasks_waiting_receive > 0

        collected = batches(
            receive,
            size=self.config.check_batch_size,
            max_wait=self.config.check_flush_seconds,
            flush_now=flush_now,
        )
        async with receive, send, aclosing(collected):
            async for batch in collected:
                await self._check_batch(batch, send)

    async def _check_batch(self, batch: list[_Item], send: MemoryObjectSendStream[_Item]) -> None:
        todo: list[_Item] = []
        known = {}
        if self._journal is not None and not self.options.recheck:
            known = await self._journal.known_uploads(i.sha1 for i in batch if i.sha1)
        for item in batch:
            assert item.sha1 is not None
            record = known.get(item.sha1)
            if record is not None:
                await self._already_there(
                    item, record.asset_id, "already uploaded (journal)", recorded=True
                )
            elif item.sha1 in self._leaders:  # the same bytes are on their way in this run
                self._leaders[item.sha1].append(item)
            else:
                self._leaders[item.sha1] = []
                todo.append(item)
        if not todo:
            return
        try:
            answers = await bulk_check(self.client, [i.sha1 for i in todo if i.sha1 is not None])
        except ImmichError as exc:
            if self.check_stop(exc):
                return  # not checked, not failed: interrupted with the queued (as uploads)
            for item in todo:
                self._fail(item, "check", f"the server's duplicate check failed: {exc}", exc)
            return
        self._stages["check"].touch()
        for item, answer in zip(todo, answers, strict=True):
            if answer.action == "send":
                self.hub.emit(
                    ItemDone(item=item.name, stage="check", status="accepted", size=item.size)
                )
                if self._pause is not None:
                    await self._pause.files_to_send()
                await send.send(item)
            elif answer.asset_id is not None:  # present
                await self._already_there(item, answer.asset_id, answer.reason)
            else:  # refused, or left out of the answer
                self._fail(item, "check", answer.reason, None)

    async def _already_there(
        self, item: _Item, asset_id: str, reason: str, *, recorded: bool = False
    ) -> None:
        """*item* is on the server as *asset_id*; *recorded*: the journal said so."""
        self.hub.emit(ItemSkipped(item=item.name, reason=reason, asset_id=asset_id))
        if self._journal is not None and item.sha1 and not recorded:
            self._journal.record_upload(item.sha1, asset_id=asset_id, status="duplicate")
        self._placed(item, asset_id)
        self._settle(item, "duplicate", reason, asset_id)
        self._release_followers(item, asset_id)

    def _release_followers(self, leader: _Item, asset_id: str) -> None:
        """Assets with the same bytes as *leader* (copies the index could not tie, e.g.
        in an extracted folder) become duplicates of the asset it became."""
        followers = self._leaders.pop(leader.sha1, []) if leader.sha1 else []
        for follower in followers:
            reason = f"same content as {leader.name}"
            self.hub.emit(ItemSkipped(item=follower.name, reason=reason, asset_id=asset_id))
            self._placed(follower, asset_id)
            self._settle(follower, "duplicate", reason, asset_id)

    def _placed(self, item: _Item, asset_id: str) -> None:
        """*item* is asset *asset_id* on the server: its albums, people tags, live photo
        and trash (an API key cannot change a locked asset: no tag or link for those)."""
        asset = item.asset
        if self._albums is not None:
            for key in asset.albums:
                self._albums.add(key, asset_id)
        people = asset.sidecar.people if asset.sidecar is not None else ()
        taggable = asset.visibility != "locked" and asset.live_still is None  # not a live video
        if self._tags is not None and people and taggable:
            self._tags.add(asset_id, people)
        if asset.live_still is not None:
            for member in asset.members:
                self._live_videos[member.id] = asset_id
        if asset.live_video is not None and asset.visibility != "locked":
            self._live_stills.append((asset_id, asset.live_video))
        if asset.trashed:
            self._trashed.append(asset_id)

    # -- upload -----------------------------------------------------------------------
    async def _upload_worker(self, receive: anyio.abc.ObjectReceiveStream[_Item]) -> None:
        with MemberReader() as reader:
            async with receive:
                async for item in receive:
                    async with self.limiter:
                        await self._upload_one(item, reader)

    def _request(self, item: _Item, reader: MemberReader, sending: Sending) -> AssetMediaCreateDto:
        asset = item.asset
        member = asset.member
        sidecar = asset.sidecar
        when = _capture_time(asset)

        def opener() -> BinaryIO:
            return io.BufferedReader(reader.open(member), buffer_size=self.config.chunk_size)

        xmp = sidecar_xmp(sidecar)
        visibility = {"archive": AssetVisibility.ARCHIVE, "locked": AssetVisibility.LOCKED}
        if asset.live_still is not None and asset.visibility == "archive":
            # the video of an archived live photo: Immich hides a motion part only when
            # it is in the timeline, so an archived one would show on its own
            visibility["archive"] = AssetVisibility.HIDDEN
        name = _file_name(asset)
        return AssetMediaCreateDto(
            asset_data=UploadFile(
                _MemberPath(member.display),
                filename=name,
                sha1=item.sha1,
                size=member.size,
                progress=sending.progress,
                pace=self.rate.consume if self.rate is not None else None,
                chunk_size=self.config.chunk_size,
                opener=opener,
            ),
            device_asset_id=f"{name}-{member.size}",
            device_id=self.config.device_id,
            file_created_at=when,
            file_modified_at=when,
            filename=_upload_name(asset),
            is_favorite=True if sidecar is not None and sidecar.favorited else UNSET,
            visibility=visibility.get(asset.visibility, UNSET),
            sidecar_data=(
                UploadFile(xmp, filename=name + ".xmp", content_type="application/xml")
                if xmp is not None
                else UNSET
            ),
        )

    def _count(self, delta: int) -> None:
        self._bytes += delta

    async def _upload_one(self, item: _Item, reader: MemberReader) -> None:
        self.hub.emit(ItemStarted(item=item.name, stage="upload", size=item.size))
        sending = Sending(item.name, "upload", self.hub, counted=self._count)
        try:
            result = await send_asset(
                self.client,
                self._request(item, reader, sending),
                size=item.size,
                checksum=item.sha1.hex() if item.sha1 else None,
                min_bytes_per_second=self.config.min_bytes_per_second,
                sending=sending,
            )
        except FileChangedError as exc:
            item.retries = sending.retries
            self._fail(item, "upload", f"{exc}; the part changed since it was indexed", exc)
            return
        except ImmichError as exc:
            item.retries = sending.retries
            self._fail(item, "upload", str(exc), exc)
            return
        except (OSError, TakeoutError) as exc:
            item.retries = sending.retries
            self._fail(item, "upload", f"cannot read it: {exc}", exc)
            return
        item.retries = sending.retries
        self._stages["upload"].touch()
        asset_id = result.data.id
        created = result.status_code == 201
        status = "uploaded" if created else "duplicate"
        self.hub.emit(
            ItemDone(item=item.name, stage="upload", status=status, asset_id=asset_id,
                     size=item.size, checksum=item.sha1.hex() if item.sha1 else None)
        )  # fmt: skip
        if self._journal is not None and item.sha1 is not None:
            self._journal.record_upload(
                item.sha1, asset_id=asset_id, status="uploaded" if created else "duplicate"
            )
        self._placed(item, asset_id)
        reason = _match_note(item.asset) if status == "uploaded" else "the server already had it"
        self._settle(item, status, reason, asset_id)
        self._release_followers(item, asset_id)

    # -- after the uploads ------------------------------------------------------------
    async def _link_live_photos(self) -> None:
        """Link each live photo's still to its video (Immich hides the video then)."""
        for still_id, video_member in self._live_stills:
            video_id = self._live_videos.get(video_member)
            if video_id is None or video_id == still_id:
                continue
            try:
                await self.client.assets.update_asset(
                    still_id, UpdateAssetDto(live_photo_video_id=video_id)
                )
            except ImmichError as exc:
                self._link_problems.append(f"{still_id}: {exc}")
                self.hub.emit(
                    ItemFailed(
                        item=still_id, stage="live-photo", reason=str(exc), error=type(exc).__name__
                    )
                )
                continue
            self._linked += 1

    async def _trash(self) -> None:
        """Photos that were in Google's trash go to the server's trash (opt-in import)."""
        if not self._trashed:
            return
        ids = list(dict.fromkeys(self._trashed))
        for start in range(0, len(ids), 1000):
            await self.client.assets.delete_assets(
                AssetBulkDeleteDto(ids=ids[start : start + 1000])
            )

    # -- report -----------------------------------------------------------------------
    def _notes(self) -> list[str]:
        notes = []
        if self._albums is not None and self._albums.problems:
            notes.append(f"{len(self._albums.problems)} album additions failed")
        if self._tags is not None and self._tags.problems:
            notes.append(f"{len(self._tags.problems)} people tags could not be given")
        if self._link_problems:
            notes.append(f"{len(self._link_problems)} live photos could not be linked")
        return notes

    def _report_fields(self) -> dict[str, Any]:
        plan = self.plan
        rate, limit = self.rate, self.config.max_bytes_per_second
        albums = self._albums
        return {
            "parts": tuple(
                TakeoutPart(path=p.path, kind=p.kind.value, members=p.members, reused=p.reused)
                for p in self.parts
            ),
            "plan": (
                TakeoutPlanSummary(
                    assets=plan.assets,
                    dispositions=dict(plan.dispositions),
                    media=dict(plan.media),
                    json=dict(plan.json),
                    visibility=dict(plan.visibility),
                    live_pairs=plan.live_pairs,
                    albums=len(plan.albums),
                )
                if plan is not None
                else None
            ),
            "problems": dict(self._problems),
            "live_photos_linked": self._linked,
            "trashed": len(set(self._trashed)),
            "albums": AlbumTotals(created=albums.created, added=albums.added) if albums else None,
            "tags": (
                {"people": self._tags.tags, "tagged": self._tags.tagged} if self._tags else None
            ),
            "rate_limit": (
                RateLimitSummary(bytes_per_second=limit, waited_seconds=round(rate.waited, 3))
                if rate is not None and limit
                else None
            ),
            "paused_jobs": tuple(self.paused_jobs)
            if self.paused_jobs or self.options.pause_jobs is True
            else None,
        }


class _MemberPath(os.PathLike[str]):
    """A member's ``<part>:<path>`` as the path-like source of an upload: never opened as
    a file (the upload's opener reads the member), it names the body in messages."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __fspath__(self) -> str:
        return self.name


def _capture_time(asset: PlannedAsset) -> dt.datetime:
    """The file date the upload sends. Immich takes the file's own EXIF date (and zone)
    when there is one; this is what it uses otherwise: the JSON's capture time, else the
    time it was uploaded to Google Photos, else the member's own date."""
    sidecar = asset.sidecar
    stamp: float = asset.member.mtime_ns / 1e9
    if sidecar is not None and sidecar.taken is not None:
        stamp = sidecar.taken
    elif sidecar is not None and sidecar.created is not None:
        stamp = sidecar.created
    return dt.datetime.fromtimestamp(stamp, tz=dt.timezone.utc)


def _file_name(asset: PlannedAsset) -> str:
    """The member's name, as a name Immich accepts: the video part of a Pixel motion
    photo (``PXL_….MP``, ``PXL_….MP~2``, ``MVIMG_…`` without extension) is an MP4."""
    name = asset.member.name
    if not asset.motion:
        return name
    if name.upper().endswith(".MP"):
        return name + "4"
    return name + ".mp4"


def _upload_name(asset: PlannedAsset) -> str:
    """The original file name Immich shows: the JSON's title (Google clips long names in
    the archive) when it is this file's own and has the file's extension; else the name
    in the archive (an edited copy or a live photo's video borrow another's title)."""
    member = _file_name(asset)
    title = asset.sidecar.title.strip() if asset.sidecar is not None else ""
    if not title or "/" in title or asset.rule in _BORROWED_RULES:
        return member
    if os.path.splitext(title)[1].lower() != os.path.splitext(member)[1].lower():
        return member
    return title


def _match_note(asset: PlannedAsset) -> str | None:
    """What the report says of how the photo got its metadata (None: its own JSON)."""
    if asset.outcome == "matched":
        return None
    if asset.outcome == "fallback":
        return f"metadata from another file's JSON ({asset.rule})"
    if asset.sidecar is None and asset.rule == "no-sidecar":
        return "no JSON sidecar: dated from the file"
    return f"no JSON sidecar ({asset.rule}): dated from the file"


async def import_takeout(
    client: AsyncClient,
    paths: Iterable[StrPath] | StrPath,
    *,
    options: TakeoutOptions | None = None,
    config: UploadConfig | None = None,
    state_path: StatePath = DEFAULT_PATH,
    on_event: Listener | None = None,
    on_start: Callable[[TakeoutImporter], None] | None = None,
    **overrides: Unpack[TakeoutOverrides],
) -> TakeoutReport:
    """Import Google Photos Takeout parts and folders; see :class:`TakeoutOptions` and
    :class:`UploadConfig` (any of their fields may be given as a keyword, overriding
    *options* / *config*)."""
    options, config = apply_overrides(
        "import_takeout", options, TakeoutOptions, config, UploadConfig, overrides, auto=False
    )
    return await run_with_state(
        state_path,
        lambda store, hub: TakeoutImporter(
            client, paths, options=options, config=config, store=store, hub=hub
        ),
        on_event=on_event,
        on_start=on_start,
    )
