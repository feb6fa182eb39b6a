"""The bulk upload pipeline: scan -> hash -> check -> upload -> albums (-> delete).

Stages run concurrently in one task group, joined by bounded memory object streams, so a
fast stage waits for a slow one instead of piling work up in memory:

- **scan** walks the inputs in a thread (supported extensions from the server, globs,
  hidden files, sidecars) and yields one item per file found;
- **hash** computes SHA-1s in worker threads (the hash cache answers for unchanged files);
- **check** asks the state journal, then the server (``bulk-upload-check`` in batches),
  which files it already has; a second local copy of a file being uploaded in this run
  waits for the first instead of being sent too;
- **upload** streams each remaining file with N long-lived workers, with the checksum
  header (so a retry, or a race with another client, costs one round trip), retries with
  backoff on transient failures, and a response timeout that grows with the file's size;
- **albums** creates albums once and adds assets in batches;
- **delete** (opt-in) removes a local file only as :mod:`.deletion` allows: the server
  holds, not trashed, an asset with the checksum of the file's bytes as they are when it is
  deleted, and every sidecar that goes with it was uploaded with it.

Every file found gets exactly one outcome in the report.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import logging
import os
import time
from collections.abc import Callable, Iterable
from contextlib import aclosing
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import anyio
import anyio.abc
import attrs
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

from ..._http.retry import RetryEvent
from ..._types import UNSET
from ...errors import (
    FileChangedError,
    ImmichError,
)
from ...files import UploadFile
from ...models import AssetMediaCreateDto, AssetVisibility
from .._engine import batches, run_with_state
from ..config import UploadConfig
from ..events import (
    EventHub,
    ItemDone,
    ItemQueued,
    ItemSkipped,
    ItemStarted,
    Listener,
    Notice,
)
from ..local.fsutil import open_binary
from ..local.hashing import Hasher, HashResult, sha1_file
from ..local.scan import (
    ScanError,
    ScanItem,
    ScannedFile,
    ScanOptions,
    ScanSkip,
    _tuple_of_str,
    check_patterns,
    scan_into,
)
from ..overrides import UploadOverrides, apply_overrides
from ..report import AdaptiveSummary, AlbumTotals, Outcome, RateLimitSummary, UploadReport
from ..server.adaptive import AdaptiveConcurrency, LevelChange
from ..server.albums import AlbumManager, album_worker
from ..server.check import bulk_check
from ..server.jobs import IngestPause, PauseJobs, jobs_paused
from ..server.sending import Sending, UploadingEngine, send_asset
from ..state import DEFAULT_PATH, ServerJournal, StatePath, StateStore
from .deletion import LocalDeleter, Verdict
from .facts import facts_for
from .sidecars import UNKNOWN, Received, SidecarCheck, received_by
from .watch import FolderWatcher, watch_into

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ...client import AsyncClient
    from ..local.fsutil import StrPath

__all__ = ["StatePath", "UploadOptions", "Uploader", "upload"]


log = logging.getLogger("immich_bulk.transfer")


def _seconds(name: str, minimum: float) -> Callable[[Any, Any, float], None]:
    def check(_: Any, __: Any, value: float) -> None:
        if not isinstance(value, (int, float)) or not minimum <= value <= 86400:
            raise ValueError(f"{name} must be {minimum}-86400 seconds, not {value!r}")

    return check


@attrs.frozen(kw_only=True)
class UploadOptions:
    """What an upload does (how fast it runs is :class:`UploadConfig`)."""

    album: str | None = None
    """Add every file to this album (created if missing)."""
    album_from_folder: bool = False
    """Add each file to an album named after its folder."""
    include: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    """Glob patterns (``.gitignore`` rules): only matching files."""
    exclude: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    include_hidden: bool = False
    follow_symlinks: bool = True
    recursive: bool = True
    dry_run: bool = False
    """Scan, hash and check, but upload, create and delete nothing."""
    delete: bool = False
    """Delete each local file (and its sidecar) once the server holds it (the rule is in
    :mod:`immich_bulk.transfer.upload.deletion`)."""
    delete_duplicates: bool = False
    """Also delete files the server already had."""
    skip_hash: bool = False
    """Upload without hashing first (no pre-check; the server still dedupes)."""
    visibility: AssetVisibility | None = None
    """``ARCHIVE``, ``HIDDEN`` (out of the timeline and of albums' views, as a live photo's
    motion part) or ``LOCKED`` (the locked folder: an API key can upload there, but cannot
    see, download or change the asset afterwards, and it is in no album)."""
    favorite: bool = False
    recheck: bool = False
    """Trust nothing the state file remembers: hash every file again (not from the hash
    cache) and ask the server about every file, even those the journal says it has."""
    pause_jobs: PauseJobs = "auto"
    """Pause the server's ingest job queues while uploading, resumed whatever happens (see
    :mod:`immich_bulk.transfer.server.jobs`): "auto" once the run has a few dozen files to
    send and only with a key that may (an admin key); True at once (warns without an admin
    key); False never."""
    wait_for_jobs: bool = False
    """After uploading, wait until the server's ingest queues have no jobs left."""
    watch: bool = False
    """Keep running: after the files there at the start, upload the files that appear or
    change, until :meth:`Uploader.stop` (Ctrl-C). See :mod:`immich_bulk.transfer.upload.watch`."""
    watch_interval: float = attrs.field(default=2.0, validator=_seconds("watch_interval", 0.01))
    """Watch mode: seconds between two looks at the inputs."""
    watch_settle: float = attrs.field(default=2.0, validator=_seconds("watch_settle", 0.0))
    """Watch mode: a new or changed file is uploaded once it stayed the same (size, times,
    sidecar) for this many seconds: a file still being written is waited for."""

    def __attrs_post_init__(self) -> None:
        if self.album is not None and self.album_from_folder:
            raise ValueError("album and album_from_folder cannot be used together")
        if self.album is not None and not self.album.strip():
            raise ValueError("album must not be empty")
        if self.delete_duplicates and not self.delete:
            raise ValueError("delete_duplicates needs delete")
        if self.skip_hash and self.delete:
            raise ValueError("delete needs hashing (it verifies checksums before deleting)")
        if self.visibility == AssetVisibility.LOCKED and (self.album or self.album_from_folder):
            raise ValueError(
                "locked assets cannot be put in albums: Immich keeps the locked folder out "
                "of every album"
            )
        if self.watch and self.wait_for_jobs:
            raise ValueError("wait_for_jobs does not apply to watch (the run has no end)")
        check_patterns(self.include, option="include")
        check_patterns(self.exclude, option="exclude")


@attrs.define(slots=True, eq=False)
class _Item:
    file: ScannedFile
    name: str  # the path as text, for reports
    sha1: bytes | None = None
    read_now: bool = False  # sha1 comes from reading the file in this run, not the cache
    sidecar_sha1: bytes | None = None  # of the sidecar sent with the upload
    album: str | None = None
    retries: int = 0


class Uploader(UploadingEngine[UploadReport]):
    """One upload run. Most callers use :func:`upload` (or ``client.assets.upload``)."""

    kind = "upload"
    report_type = UploadReport
    stage_names = ("scan", "hash", "check", "upload")

    def __init__(
        self,
        client: AsyncClient,
        paths: Iterable[StrPath] | StrPath,
        *,
        options: UploadOptions | None = None,
        config: UploadConfig | None = None,
        store: StateStore,
        hub: EventHub | None = None,
    ) -> None:
        self.options = options or UploadOptions()
        super().__init__(
            client, paths, config=config, store=store, hub=hub, dry_run=self.options.dry_run
        )
        self._facts = facts_for(client)
        self.workers = self.config.concurrency
        self.adaptive: AdaptiveConcurrency | None = None
        if self.config.adaptive:
            self.workers = max(self.config.max_concurrency, self.config.concurrency)
            self.adaptive = AdaptiveConcurrency(
                self.limiter,
                start=self.config.concurrency,
                maximum=self.workers,
                window_seconds=self.config.adapt_window_seconds,
                on_change=self._level_changed,
            )
        self._pause: IngestPause | None = None
        self.hasher = Hasher(
            store, max_workers=self.config.hash_workers, chunk_size=self.config.hash_chunk_size
        )
        self._leaders: dict[bytes, list[_Item]] = {}
        self._would_upload: set[bytes] = set()
        self._journal: ServerJournal | None = None
        self._deleter: LocalDeleter | None = None
        self._kept = 0  # files not deleted although deleting was asked
        # a dry run sends nothing, so it has no duplicate sidecar to tell of
        self._sidecars = None if self.options.dry_run else SidecarCheck(store, self.hasher.limiter)
        self._sidecars_left_out = 0  # duplicates whose sidecar the server does not hold
        self._albums: AlbumManager | None = None
        self._user_id = ""
        self._watcher: FolderWatcher | None = None
        self._watching: anyio.CancelScope | None = None
        self._draining = False  # a watch was asked to stop: no new files

    def stop(self) -> None:
        """Stop early. A watch stops looking for new files first and ends once the files
        on their way are uploaded (and added to their albums); a second ``stop()`` ends it
        at once, as it ends any other run (see :meth:`Engine.stop`)."""
        if not self.options.watch or self._draining or self.guard.stopped is not None:
            super().stop()
            return
        self._draining = True
        self.hub.emit(
            Notice(
                message="stopping the watch: finishing the files on their way (stop again "
                "to end at once)"
            )
        )
        if self._watching is not None:
            self._watching.cancel()

    @property
    def draining(self) -> bool:
        """A watch asked to stop, finishing the files on its way (a stop now ends it)."""
        return self._draining and not self._stopped

    # -- outcomes ---------------------------------------------------------------------
    def _fail(self, item: _Item | str, stage: str, reason: str, exc: BaseException | None) -> None:
        """*item* failed, and so did the local copies of its content waiting for it."""
        if isinstance(item, str):
            self.fail(item, stage, reason, exc)
            return
        self.fail(
            item.name,
            stage,
            reason,
            exc,
            size=item.file.size,
            checksum=item.sha1.hex() if item.sha1 else None,
            retries=item.retries,
        )
        for follower in self._leaders.pop(item.sha1, []) if item.sha1 else []:
            self._fail(follower, stage, f"same content as {item.name}, which failed", None)

    def _album_for(self, file: ScannedFile) -> str | None:
        if self.options.album is not None:
            return self.options.album
        if self.options.album_from_folder:
            parent = file.path.parent
            return _valid_text(parent.name or os.fsdecode(parent)) or None
        return None

    # -- run --------------------------------------------------------------------------
    async def _pipeline(self) -> None:
        scan_options = await self._prepare()
        backlog = self.config.backlog
        scan_send, scan_recv = anyio.create_memory_object_stream[ScanItem](backlog)
        hashed_send, hashed_recv = anyio.create_memory_object_stream[_Item](backlog)
        upload_send, upload_recv = anyio.create_memory_object_stream[_Item](
            max(backlog, 2 * self.workers)
        )
        album_send, album_recv = anyio.create_memory_object_stream[tuple[str, str]](4 * backlog)
        self._album_send = album_send
        async with (
            jobs_paused(self.client, self.store, self.hub, enabled=self._pause_jobs()) as pause,
            anyio.create_task_group() as outer,
        ):
            self._pause = pause
            self.paused_jobs = pause.paused  # filled in place once it pauses
            if self._albums is not None:
                outer.start_soon(album_worker, self._albums, album_recv)
            else:
                await album_recv.aclose()
            # the album stream closes once the check and upload stages are done
            async with album_send, anyio.create_task_group() as tg:
                tg.start_soon(self._scan, scan_send, scan_options)
                tg.start_soon(self._hash_stage, scan_recv, hashed_send)
                tg.start_soon(self._check_stage, hashed_recv, upload_send)
                async with upload_recv:
                    for _ in range(self.workers):
                        tg.start_soon(self._upload_worker, upload_recv.clone())
        if self.options.wait_for_jobs and not self.options.dry_run:
            await self._wait_for_jobs()

    def _pause_jobs(self) -> PauseJobs:
        # a watch would hold the server's jobs for as long as it lasts
        if self.options.dry_run or self.options.watch:
            return False
        return self.options.pause_jobs

    def _level_changed(self, change: LevelChange) -> None:
        self.hub.emit(
            Notice(
                message=f"concurrency {change.previous} -> {change.level} ({change.reason}, "
                f"{change.throughput / 1e6:.1f} MB/s)"
            )
        )

    async def _prepare(self) -> ScanOptions:
        if not self.options.dry_run and await self.store.paused_queues(self.client.base_url):
            await self.jobs.resume_leftovers()  # a killed run left them paused
        if self.options.watch and self.options.pause_jobs is True and not self.options.dry_run:
            self.hub.emit(
                Notice(message="a watch does not pause the server's jobs: they keep running")
            )
        facts = self._facts  # looked up once per client (see .facts)
        if facts.media is None:
            facts.media = await self.client.server.get_supported_media_types()
        media = facts.media
        extensions = frozenset(e.lower() for e in (*media.image, *media.video, *media.sidecar))
        if not self.options.dry_run or not self.options.skip_hash:
            if facts.user_id is None:
                facts.user_id = (await self.client.users.get_my_user()).id
            self._user_id = facts.user_id
            self._journal = await self.store.journal(self.client.base_url, self._user_id)
        if (self.options.album or self.options.album_from_folder) and not self.options.dry_run:
            self._albums = AlbumManager(
                self.client,
                hub=self.hub,
                journal=self._journal,
                batch_size=self.config.album_batch_size,
                owner_id=self._user_id or None,
                cache=facts.albums if self._user_id else None,
            )
        scan_options = ScanOptions(
            extensions=extensions,
            sidecar_extensions=frozenset(e.lower() for e in media.sidecar),
            include=self.options.include,
            exclude=self.options.exclude,
            include_hidden=self.options.include_hidden,
            follow_symlinks=self.options.follow_symlinks,
            recursive=self.options.recursive,
        )
        if self.options.delete and not self.options.dry_run:
            self._deleter = LocalDeleter(self.client, self.hasher, scan_options.media_extensions)
        return scan_options

    # -- scan -------------------------------------------------------------------------
    async def _scan(self, send: anyio.abc.ObjectSendStream[ScanItem], opts: ScanOptions) -> None:
        if not self.options.watch:
            await scan_into(self.paths, opts, send)
            return
        self._watcher = FolderWatcher(self.paths, opts, settle=self.options.watch_settle)
        async with send:
            with anyio.CancelScope() as self._watching:
                if self._draining:
                    self._watching.cancel()
                await watch_into(
                    self._watcher, send, self.hub, interval=self.options.watch_interval
                )

    # -- hash -------------------------------------------------------------------------
    async def _hash_stage(
        self,
        receive: MemoryObjectReceiveStream[ScanItem],
        send: MemoryObjectSendStream[_Item],
    ) -> None:
        """Take scan items in batches (whatever is waiting, up to the backlog), answer what
        the hash cache knows with one query per batch, and hash the rest in threads."""
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
                    await self._sort_batch(batch, send, misses_send)

    async def _sort_batch(
        self,
        batch: list[ScanItem],
        send: MemoryObjectSendStream[_Item],
        misses: MemoryObjectSendStream[_Item],
    ) -> None:
        items: list[_Item] = []
        for entry in batch:
            if isinstance(entry, ScanSkip):
                name = os.fsdecode(entry.path)
                self.hub.emit(ItemSkipped(item=name, reason=entry.reason))
                self.finish(Outcome(item=name, status="skipped", reason=entry.reason))
            elif isinstance(entry, ScanError):
                self._fail(os.fsdecode(entry.path), "scan", entry.reason, None)
            else:
                item = _Item(entry, os.fsdecode(entry.path), album=self._album_for(entry))
                self._stages["scan"].touch()
                self.log.begin(item.name)
                self.hub.emit(ItemQueued(item=item.name, size=entry.size))
                items.append(item)
        if self.options.skip_hash:
            for item in items:
                await send.send(item)
            return
        if self.options.recheck:  # a stale hash cache must not decide anything either
            for item in items:
                await misses.send(item)
            return
        cached = await self.hasher.lookup([i.file for i in items])
        for item, result in zip(items, cached, strict=True):
            if result is None:
                await misses.send(item)
            else:
                self._hashed(item, result)
                await send.send(item)

    def _hashed(self, item: _Item, result: HashResult) -> None:
        item.sha1 = result.sha1
        item.read_now = not result.from_cache
        self._stages["hash"].touch()
        self.hub.emit(
            ItemDone(
                item=item.name,
                stage="hash",
                status="hashed",
                checksum=result.hex,
                size=result.size,
                cached=result.from_cache,
            )
        )

    async def _hash_worker(
        self,
        receive: MemoryObjectReceiveStream[_Item],
        send: MemoryObjectSendStream[_Item],
    ) -> None:
        async with receive, send:
            async for item in receive:
                try:
                    result = await self.hasher.hash(item.file, use_cache=False)
                except (OSError, FileChangedError) as exc:
                    self._fail(item, "hash", f"cannot hash: {exc}", exc)
                    continue
                self._hashed(item, result)
                await send.send(item)

    # -- check ------------------------------------------------------------------------
    async def _check_stage(
        self,
        receive: MemoryObjectReceiveStream[_Item],
        send: MemoryObjectSendStream[_Item],
    ) -> None:
        """Collect hashed items into batches: a batch goes out when it is full, when its
        first item has waited ``check_flush_seconds``, or at once while the upload workers
        have nothing to do (so the first uploads start right away)."""

        def flush_now() -> bool:
            if self.options.skip_hash:  # nothing to check: straight on
                return True
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
                if self.options.skip_hash:
                    for item in batch:
                        await self._to_upload(item, send)
                else:
                    await self._check_batch(batch, send)

    async def _check_batch(
        self, batch: list[_Item], send: anyio.abc.ObjectSendStream[_Item]
    ) -> None:
        if not batch:
            return
        todo: list[_Item] = []
        known = {}
        if self._journal is not None and not self.options.recheck:
            known = await self._journal.known_uploads(i.sha1 for i in batch if i.sha1)
            if self._sidecars is not None:
                with_one = {s for s, record in known.items() if record.sidecar_sha1 is not None}
                await self._sidecars.prefetch(i.file for i in batch if i.sha1 in with_one)
        for item in batch:
            assert item.sha1 is not None
            record = known.get(item.sha1)
            if record is not None:
                await self._already_there(
                    item,
                    record.asset_id,
                    "already uploaded (journal)",
                    recorded=True,
                    received=received_by(record),
                )
            elif item.sha1 in self._leaders:  # the same content is on its way in this run
                self._leaders[item.sha1].append(item)
            elif item.sha1 in self._would_upload:  # dry run: an earlier file has this content
                self.finish(
                    Outcome(
                        item=item.name,
                        status="duplicate",
                        reason="same content as a file that would be uploaded",
                        checksum=item.sha1.hex(),
                        size=item.file.size,
                    )
                )
            else:
                self._leaders[item.sha1] = []
                todo.append(item)
        if not todo:
            return
        try:
            answers = await bulk_check(self.client, [i.sha1 for i in todo if i.sha1 is not None])
        except ImmichError as exc:
            if self.check_stop(exc):
                # one request failed for a reason every item shares (the server cannot be
                # reached): its files were not checked, like those still queued, and are
                # reported interrupted with them, not as so many failures
                return
            for item in todo:
                self._fail(item, "check", f"the server's duplicate check failed: {exc}", exc)
            return
        self._stages["check"].touch()
        found = [
            (item, answer.asset_id)
            for item, answer in zip(todo, answers, strict=True)
            if answer.action == "present" and answer.asset_id and item.file.sidecar is not None
        ]
        received = await self._recorded_sidecars(found)
        for item, answer in zip(todo, answers, strict=True):
            if answer.action == "send":
                await self._to_upload(item, send)
            elif answer.asset_id is not None:  # present
                sent = received.get(item.sha1, UNKNOWN) if item.sha1 else UNKNOWN
                await self._already_there(item, answer.asset_id, answer.reason, received=sent)
                await self._release_followers(item, answer.asset_id)
            elif answer.action == "unanswered":
                self._fail(item, "check", answer.reason, None)
            else:
                reason = answer.reason
                self.hub.emit(ItemSkipped(item=item.name, reason=reason))
                self.finish(
                    Outcome(
                        item=item.name,
                        status="skipped",
                        reason=reason,
                        checksum=item.sha1.hex() if item.sha1 else None,
                        size=item.file.size,
                    )
                )
                for follower in self._leaders.pop(item.sha1, []) if item.sha1 else []:
                    self.hub.emit(ItemSkipped(item=follower.name, reason=reason))
                    self.finish(Outcome(item=follower.name, status="skipped", reason=reason))

    async def _recorded_sidecars(self, found: list[tuple[_Item, str]]) -> dict[bytes, Received]:
        """What the journal knows the assets the server's check *found* (files with a
        sidecar, and their assets) received as their sidecars: assets uploaded by an
        earlier run, or by this one (its records are written out first: a copy of a file
        may be checked after the first copy's upload)."""
        if not found or self._journal is None or self._sidecars is None or self.options.recheck:
            return {}
        await self._journal.flush()
        records = await self._journal.known_uploads(i.sha1 for i, _ in found if i.sha1)
        received: dict[bytes, Received] = {}
        for item, asset_id in found:
            record = records.get(item.sha1) if item.sha1 else None
            if record is not None and record.asset_id == asset_id:
                received[record.sha1] = received_by(record)
        return received

    async def _to_upload(self, item: _Item, send: anyio.abc.ObjectSendStream[_Item]) -> None:
        if self.options.dry_run:
            self.hub.emit(ItemDone(item=item.name, stage="check", status="would-upload"))
            self.finish(
                Outcome(
                    item=item.name,
                    status="would-upload",
                    size=item.file.size,
                    checksum=item.sha1.hex() if item.sha1 else None,
                    albums=(item.album,) if item.album else (),
                )
            )
            if item.sha1 is not None:
                self._would_upload.add(item.sha1)  # later copies are duplicates (dry run only)
            await self._release_followers(item, None)
            return
        self.hub.emit(
            ItemDone(item=item.name, stage="check", status="accepted", size=item.file.size)
        )
        if self._pause is not None:
            await self._pause.files_to_send()
        await send.send(item)

    async def _already_there(
        self,
        item: _Item,
        asset_id: str,
        reason: str,
        *,
        recorded: bool = False,
        received: Received = UNKNOWN,
    ) -> None:
        """*item* is on the server as *asset_id*; *recorded*: the journal said so;
        *received*: what the asset received as its sidecar, when known."""
        reason = await self._with_sidecar_note(item, reason, received)
        self.hub.emit(ItemSkipped(item=item.name, reason=reason, asset_id=asset_id))
        if self._journal is not None and item.sha1 and not recorded:
            self._journal.record_upload(
                item.sha1, asset_id=asset_id, status="duplicate", path=item.file.path
            )
        verdict = _NOT_ASKED
        if self.options.delete_duplicates and not self.options.dry_run:
            verdict = await self._delete(item, asset_id, None)
        await self._add_to_album(item, asset_id)
        self.finish(
            Outcome(
                item=item.name,
                status="duplicate",
                reason=reason,
                asset_id=asset_id,
                checksum=item.sha1.hex() if item.sha1 else None,
                size=item.file.size,
                albums=(item.album,) if item.album and not self.options.dry_run else (),
                deleted=verdict.deleted,
                kept=verdict.kept,
            )
        )

    async def _release_followers(
        self, leader: _Item, asset_id: str | None, received: Received = UNKNOWN
    ) -> None:
        """Settle the local copies of *leader*'s content that waited for it: duplicates of
        the asset it became (or, in a dry run, of the upload it would be); *received*:
        the sidecar that asset received, when *leader* made it."""
        if leader.sha1 is None:
            return
        for follower in self._leaders.pop(leader.sha1, None) or []:
            reason = await self._with_sidecar_note(
                follower, f"same content as {leader.name}", received, made_from=leader.name
            )
            self.hub.emit(ItemSkipped(item=follower.name, reason=reason, asset_id=asset_id))
            if asset_id is not None:
                await self._add_to_album(follower, asset_id)
            self.finish(
                Outcome(
                    item=follower.name,
                    status="duplicate",
                    reason=reason,
                    asset_id=asset_id,
                    checksum=follower.sha1.hex() if follower.sha1 else None,
                    size=follower.file.size,
                    albums=(follower.album,) if follower.album and asset_id else (),
                )
            )

    async def _with_sidecar_note(
        self, item: _Item, reason: str, received: Received, *, made_from: str | None = None
    ) -> str:
        """*reason*, telling also when *item*'s sidecar is known not to be on the server."""
        if self._sidecars is None:
            return reason
        left_out = await self._sidecars.left_out(item.file, received, made_from=made_from)
        if left_out is None:
            return reason
        self._sidecars_left_out += 1
        self.hub.emit(Notice(message=f"{item.name}: {left_out}", level="warning"))
        return f"{reason}; {left_out}"

    async def _add_to_album(self, item: _Item, asset_id: str) -> None:
        if item.album and self._albums is not None:
            await self._album_send.send((item.album, asset_id))

    # -- upload -----------------------------------------------------------------------
    async def _upload_worker(self, receive: anyio.abc.ObjectReceiveStream[_Item]) -> None:
        async with receive:
            async for item in receive:
                async with self.limiter:
                    await self._upload_one(item)

    def _request(self, item: _Item, sending: Sending) -> AssetMediaCreateDto:
        file = item.file
        name = file.path.name
        when = dt.datetime.fromtimestamp(file.mtime_ns / 1e9, tz=dt.timezone.utc)
        return AssetMediaCreateDto(
            asset_data=UploadFile(
                file.path,
                filename=name,
                sha1=item.sha1,
                size=file.size,
                progress=sending.progress,
                pace=self.rate.consume if self.rate is not None else None,
                chunk_size=self.config.chunk_size,
                opener=functools.partial(_open_for_upload, file.path),
            ),
            device_asset_id=f"{name}-{file.size}",
            device_id=self.config.device_id,
            file_created_at=when,
            file_modified_at=when,
            filename=name,
            is_favorite=True if self.options.favorite else UNSET,
            visibility=self.options.visibility if self.options.visibility else UNSET,
            sidecar_data=(
                UploadFile(
                    file.sidecar,
                    sha1=item.sidecar_sha1,  # what the journal records is what was sent
                    opener=functools.partial(_open_for_upload, file.sidecar),
                )
                if file.sidecar is not None
                else UNSET
            ),
        )

    def _count(self, delta: int) -> None:
        self._bytes += delta

    async def _upload_one(self, item: _Item) -> None:
        self.hub.emit(ItemStarted(item=item.name, stage="upload", size=item.file.size))
        started = time.monotonic()
        sidecar = item.file.sidecar
        if sidecar is not None and item.sha1 is not None:
            try:
                hashed = await anyio.to_thread.run_sync(
                    sha1_file, sidecar, limiter=self.hasher.limiter
                )
            except (OSError, FileChangedError) as exc:
                self._fail(item, "upload", f"cannot read its sidecar {sidecar.name}: {exc}", exc)
                return
            item.sidecar_sha1 = hashed.sha1

        def on_retry(event: RetryEvent) -> None:
            item.retries += 1
            if self.adaptive is not None:
                self.adaptive.failed()

        sending = Sending(item.name, "upload", self.hub, counted=self._count, on_retry=on_retry)
        try:
            result = await send_asset(
                self.client,
                self._request(item, sending),
                size=item.file.size,
                checksum=item.sha1.hex() if item.sha1 else None,
                min_bytes_per_second=self.config.min_bytes_per_second,
                sending=sending,
            )
        except FileChangedError as exc:
            self._fail(item, "upload", f"{exc}; re-run to upload the new content", exc)
            return
        except ImmichError as exc:
            self._fail(item, "upload", str(exc), exc)
            return
        except OSError as exc:
            self._fail(item, "upload", f"cannot read the file: {exc}", exc)
            return
        self._stages["upload"].touch()
        if self.adaptive is not None:
            self.adaptive.completed(item.file.size, time.monotonic() - started)
        asset_id = result.data.id
        status = "uploaded" if result.status_code == 201 else "duplicate"
        self.hub.emit(
            ItemDone(
                item=item.name,
                stage="upload",
                status=status,
                asset_id=asset_id,
                size=item.file.size,
                checksum=item.sha1.hex() if item.sha1 else None,
            )
        )
        # the server keeps the sidecar sent with a new asset, and drops it with a duplicate
        sent_sidecar = item.sidecar_sha1 if status == "uploaded" else None
        if status == "uploaded":
            item.read_now = True  # every byte was read and checked against sha1 on the way
        if self._journal is not None and item.sha1 is not None:
            self._journal.record_upload(
                item.sha1,
                asset_id=asset_id,
                status="uploaded" if status == "uploaded" else "duplicate",
                path=item.file.path,
                sidecar_sha1=sent_sidecar,
            )
        verdict = _NOT_ASKED
        if self.options.delete and (status == "uploaded" or self.options.delete_duplicates):
            verdict = await self._delete(item, asset_id, sent_sidecar)
        await self._add_to_album(item, asset_id)
        self.finish(
            Outcome(
                item=item.name,
                status=status,
                reason=None if status == "uploaded" else "the server already had it",
                asset_id=asset_id,
                checksum=item.sha1.hex() if item.sha1 else None,
                size=item.file.size,
                retries=item.retries,
                albums=(item.album,) if item.album else (),
                deleted=verdict.deleted,
                kept=verdict.kept,
            )
        )
        await self._release_followers(
            item, asset_id, sent_sidecar if status == "uploaded" else UNKNOWN
        )

    # -- delete -----------------------------------------------------------------------
    async def _delete(self, item: _Item, asset_id: str, sent_sidecar: bytes | None) -> Verdict:
        """Delete the local file (and its sidecar) as :mod:`.deletion` allows.

        *sent_sidecar* is the SHA-1 of the sidecar this run sent with a new asset; without
        one, the journal says which sidecar the server received with the asset, if any.
        """
        if self._deleter is None or item.sha1 is None:
            return _NOT_ASKED
        sidecar_sha1 = sent_sidecar
        if sidecar_sha1 is None and item.file.sidecar is not None and self._journal is not None:
            record = (await self._journal.known_uploads([item.sha1])).get(item.sha1)
            if record is not None and record.asset_id == asset_id:
                sidecar_sha1 = record.sidecar_sha1
        verdict = await self._deleter.delete(
            item.file,
            sha1=item.sha1,
            asset_id=asset_id,
            read_now=item.read_now,
            sidecar_sha1=sidecar_sha1,
        )
        if verdict.kept is not None:
            self._kept += 1
            what = "deleted, but" if verdict.deleted else "not deleted:"
            self.hub.emit(Notice(message=f"{item.name}: {what} {verdict.kept}", level="warning"))
        return verdict

    def _ended(self, stopped: bool) -> bool:
        """A watch ends by a stop: it was interrupted when the stop cut work off (a second
        stop, or a file still changing); orphan sidecars get their outcome now."""
        watcher = self._watcher
        if watcher is None:
            return stopped
        for skip in watcher.orphans():
            name = os.fsdecode(skip.path)
            self.hub.emit(ItemSkipped(item=name, reason=skip.reason))
            self.finish(Outcome(item=name, status="skipped", reason=skip.reason))
        changing = watcher.pending
        for name in changing:
            reason = "still changing when the watch stopped: a re-run takes it"
            self.hub.emit(ItemSkipped(item=name, reason=reason))
            self.finish(Outcome(item=name, status="interrupted", reason=reason))
        cut_off = self.log.unfinished > 0 or watcher.handed_over > self._stages["scan"].count
        return stopped or cut_off or bool(changing)

    # -- report -----------------------------------------------------------------------
    def _notes(self) -> list[str]:
        notes = []
        if self._albums is not None and self._albums.problems:
            reasons = ", ".join(f"{r} ({n})" for r, n in self._albums.reasons.most_common(3))
            notes.append(f"{self._albums.problems} album additions failed: {reasons}")
        if self._sidecars_left_out:
            notes.append(
                f"{self._sidecars_left_out} duplicates have a sidecar the server does not "
                "hold (Immich takes a sidecar only with a new asset): their outcomes say which"
            )
        if self._kept:
            notes.append(
                f"{self._kept} files (or their sidecars) were kept although deleting was "
                "asked: each outcome's 'kept' says why"
            )
        return notes

    def _report_fields(self) -> dict[str, Any]:
        albums = self._albums
        adaptive = self.adaptive
        rate, limit = self.rate, self.config.max_bytes_per_second
        return {
            "hash": self.hasher.statistics(),
            "albums": AlbumTotals(created=albums.created, added=albums.added) if albums else None,
            "concurrency": (
                AdaptiveSummary(final=adaptive.level, changes=tuple(adaptive.history))
                if adaptive is not None
                else None
            ),
            "rate_limit": (
                RateLimitSummary(bytes_per_second=limit, waited_seconds=round(rate.waited, 3))
                if rate is not None and limit
                else None
            ),
            # None: not asked to pause ("auto" that did not pause is the same as not asked)
            "paused_jobs": tuple(self.paused_jobs)
            if self.paused_jobs or self.options.pause_jobs is True
            else None,
        }


_NOT_ASKED = Verdict(False)


def _valid_text(name: str) -> str:
    """A folder name as valid text: a name that is not UTF-8 comes from ``os.fsdecode``
    with lone surrogates, which no JSON request (the album's name) and no SQLite text (the
    album journal) can carry -- ``--album-from-folder`` on such a folder ended the whole run
    with UnicodeEncodeError. Its undecodable bytes become U+FFFD instead."""
    try:
        name.encode()
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return name


def _open_for_upload(path: Path) -> BinaryIO:
    """Open a file to stream it: paths longer than PATH_MAX work (scan and hash reach them
    through directory descriptors; a plain ``open`` failed on them with ENAMETOOLONG, so
    such a file was hashed, then failed to upload), and a FIFO that replaced the file
    never blocks the open. Buffered, so a read returns all the bytes asked for."""
    return io.BufferedReader(open_binary(path))


async def upload(
    client: AsyncClient,
    paths: Iterable[StrPath] | StrPath,
    *,
    options: UploadOptions | None = None,
    config: UploadConfig | None = None,
    state_path: StatePath = DEFAULT_PATH,
    on_event: Listener | None = None,
    on_start: Callable[[Uploader], None] | None = None,
    **overrides: Unpack[UploadOverrides],
) -> UploadReport:
    """Upload files and folders; see :class:`UploadOptions` and :class:`UploadConfig`
    (any of their fields may be given as a keyword, overriding *options* / *config*;
    ``concurrency="auto"`` adapts it while running)."""
    options, config = apply_overrides(
        "upload", options, UploadOptions, config, UploadConfig, overrides
    )
    return await run_with_state(
        state_path,
        lambda store, hub: Uploader(
            client,
            paths,
            options=options,
            config=config,
            store=store,
            hub=hub,
        ),
        on_event=on_event,
        on_start=on_start,
    )
