"""Watch mode: poll the inputs and feed new and changed files into a running upload.

A dependency-free polling scanner: every ``interval`` seconds the inputs are walked again
with the upload's own scan (:func:`~..local.scan.iter_scan`, in a worker thread), and each
media file's *signature* -- size, mtime, ctime, inode, and the same of its sidecar -- is
compared with what was seen before. Polling works the same on every system and every
file system (network shares included), where change notifications do not.

A file is handed to the pipeline once it is **stable**: seen twice with the same signature,
the two sightings at least ``settle`` seconds apart, so a file still being written (or
copied) waits until it stops changing. Files already there when the watch starts are taken
at once when their mtime and ctime are older than ``settle`` seconds. A file handed over is
remembered by its signature: it comes again only when it changes (new content, or a
sidecar added or edited), and the journal of the state file then says whether the server
already has that content.

A sidecar (``a.xmp``) found before its media file waits for it; a sidecar that appears (or
changes) after its media file was handed over cannot follow it any more -- Immich takes a
sidecar only with the upload that creates the asset -- and is reported as skipped, with the
reason. What the walk skips (unsupported, hidden, excluded) is reported once per path; a
file that vanished between listing and examination is left for the next poll.
"""

from __future__ import annotations

import concurrent.futures
import os
import stat as stat_mod
import time
from collections.abc import Callable, Iterable

import anyio
import anyio.abc
import anyio.from_thread
import anyio.lowlevel
import anyio.to_thread
import attrs

from ..events import EventHub, WatchPolled
from ..local.fsutil import StrPath, stat_path
from ..local.scan import (
    ErrorKind,
    ScanError,
    ScanItem,
    ScannedFile,
    ScanOptions,
    ScanSkip,
    SkipKind,
    iter_scan,
)

__all__ = ["FolderWatcher", "Poll", "watch_into"]

_Signature = tuple[int, int, int, int, tuple[str, int, int, int] | None]


@attrs.define
class Poll:
    """What one poll found: ``items`` for the pipeline (stable new or changed files, and
    first sightings of what is skipped or failed), ``files`` media files seen in all,
    ``pending`` of them still changing."""

    items: list[ScanItem] = attrs.Factory(list)
    files: int = 0
    pending: int = 0
    ready: int = 0


class FolderWatcher:
    """Remembers what the inputs held at each poll; :meth:`poll` is blocking (run it in a
    worker thread, one poll at a time)."""

    def __init__(
        self,
        paths: Iterable[StrPath],
        options: ScanOptions,
        *,
        settle: float,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.paths = list(paths)
        self.options = options
        self.settle = settle
        self._clock = clock
        self._wall_clock = wall_clock
        self._handed: dict[str, _Signature] = {}  # path -> signature handed to the pipeline
        self._changing: dict[str, tuple[_Signature, float]] = {}  # -> (signature, since)
        self._reported: dict[str, str] = {}  # path -> the skip or error already reported
        self._unreported: dict[str, tuple[str, float]] = {}
        self._orphans: dict[str, ScanSkip] = {}  # sidecars waiting for their media file
        self.polls = 0
        self.handed_over = 0  # files sent into the pipeline (by watch_into)

    @property
    def pending(self) -> list[str]:
        """The files seen, still changing, and not handed over (in name order)."""
        return sorted(self._changing)

    def orphans(self) -> list[ScanSkip]:
        """The sidecars whose media file never came (reported when the watch ends)."""
        return [self._orphans[k] for k in sorted(self._orphans)]

    def poll(self, check_cancelled: Callable[[], None] | None = None) -> Poll:
        """Walk the inputs once (blocking) and say what is ready."""
        first = self.polls == 0
        self.polls += 1
        now = self._clock()
        result = Poll()
        present: set[str] = set()
        orphans: dict[str, ScanSkip] = {}
        for item in iter_scan(self.paths, self.options, check_cancelled=check_cancelled):
            key = os.fsdecode(item.path)
            present.add(key)
            if isinstance(item, ScannedFile):
                result.files += 1
                self._file(item, key, now, first, result)
            elif isinstance(item, ScanSkip) and item.kind is SkipKind.ORPHAN_SIDECAR:
                orphans[key] = item  # its media file may come next
            else:
                self._note(item, key, now, first, result)
        self._orphans = orphans
        for gone in [k for k in self._handed if k not in present]:
            del self._handed[gone]  # back again later: handed over again (the journal decides)
        for table in (self._changing, self._reported, self._unreported):
            for gone in [k for k in table if k not in present]:
                del table[gone]
        result.pending = len(self._changing)
        return result

    def _file(self, item: ScannedFile, key: str, now: float, first: bool, result: Poll) -> None:
        signature = _signature(item)
        handed = self._handed.get(key)
        if handed == signature:
            return
        if handed is not None and handed[:4] == signature[:4]:
            # only the sidecar is new or changed: the asset exists already, and Immich
            # takes a sidecar only with the upload that creates it
            self._handed[key] = signature
            if item.sidecar is not None:
                result.items.append(
                    ScanSkip(
                        item.sidecar,
                        f"sidecar added or changed after {item.path.name} was uploaded: "
                        "Immich takes a sidecar only with the upload of its file, so it "
                        "was not sent",
                        SkipKind.SIDECAR,
                    )
                )
            return
        seen = self._changing.get(key)
        if seen is not None and seen[0] == signature:
            stable = now - seen[1] >= self.settle
        elif first and self._old(item):
            stable = True
        else:
            self._changing[key] = (signature, now)
            return
        if stable:
            self._changing.pop(key, None)
            self._handed[key] = signature
            result.items.append(item)
            result.ready += 1

    def _old(self, item: ScannedFile) -> bool:
        """Unchanged for ``settle`` seconds already (by the file's own times)."""
        limit = (self._wall_clock() - self.settle) * 1e9
        return self.settle > 0 and item.mtime_ns <= limit and item.ctime_ns <= limit

    def _note(
        self, item: ScanSkip | ScanError, key: str, now: float, first: bool, result: Poll
    ) -> None:
        """Report a skip or an error once, when it was there at the start or lasted
        ``settle``: a download's temporary file, or a file unreadable for the moment it is
        being created, is not worth a line; a file that vanished is simply gone."""
        if self._reported.get(key) == item.reason:
            return
        if isinstance(item, ScanError) and item.kind is ErrorKind.VANISHED:
            return
        if not first:
            seen = self._unreported.get(key)
            if seen is None or seen[0] != item.reason:
                self._unreported[key] = (item.reason, now)
                return
            if now - seen[1] < self.settle:
                return
        self._unreported.pop(key, None)
        self._reported[key] = item.reason
        result.items.append(item)


def _signature(item: ScannedFile) -> _Signature:
    sidecar: tuple[str, int, int, int] | None = None
    if item.sidecar is not None:
        try:
            st = stat_path(os.fspath(item.sidecar))
        except OSError:
            sidecar = (os.fsdecode(item.sidecar), -1, -1, -1)  # changing: look again
        else:
            if stat_mod.S_ISREG(st.st_mode):
                sidecar = (os.fsdecode(item.sidecar), st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    return (item.size, item.mtime_ns, item.ctime_ns, item.ino, sidecar)


async def watch_into(
    watcher: FolderWatcher,
    send: anyio.abc.ObjectSendStream[ScanItem],
    hub: EventHub,
    *,
    interval: float,
) -> None:
    """Poll with *watcher* every *interval* seconds and send what is ready into *send*,
    until cancelled (the run's :meth:`~..._engine.Engine.stop`)."""
    cancelled = (anyio.get_cancelled_exc_class(), concurrent.futures.CancelledError)

    def poll() -> Poll | None:
        try:
            return watcher.poll(anyio.from_thread.check_cancelled)
        except cancelled:  # never across threads: the checkpoint below raises it
            return None

    while True:
        result = await anyio.to_thread.run_sync(poll)
        if result is None:
            await anyio.lowlevel.checkpoint()
            continue
        for item in result.items:
            if isinstance(item, ScannedFile):
                watcher.handed_over += 1  # before: a stop during the send cuts it off
            await send.send(item)
        hub.emit(
            WatchPolled(
                round=watcher.polls,
                files=result.files,
                ready=result.ready,
                pending=result.pending,
            )
        )
        await anyio.sleep(interval)
