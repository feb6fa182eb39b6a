"""Pausing the server's background job queues during a bulk upload, safely.

Thumbnail generation, metadata extraction, face detection and friends compete with uploads
for the server's CPU; pausing them made ingestion about 3x faster on a 2-core server. But a
tool that leaves a server's queues paused after a crash is a disaster, so:

- only queues that were running are paused, and only those are resumed later (a queue the
  admin had paused stays paused);
- the names are written to the state file *before* pausing, so a run killed with SIGKILL is
  followed by a resume on the next run against that server (or ``immich-bulk jobs --resume``);
- the resume runs whatever ends the run (success, failure, exception, cancellation, Ctrl-C),
  shielded from cancellation;
- pausing needs an admin API key: without one the run says so once and carries on unpaused.

It uses the ``/queues`` API and falls back to the legacy ``/jobs`` API on servers without it.

Each record names the run that wrote it (host, pid and the process's start time), so runs
sharing a state file keep apart: a run leaves alone the record of a run that is still alive
on this host (the pid exists and started at the recorded time) and resumes the queues of one
that is gone. A run that finds the queues already paused by another pauses and resumes
nothing itself; whichever paused them resumes them.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Literal

import anyio
import attrs

from ..._converter import wire_names
from ..._types import UNSET
from ...errors import (
    AuthenticationError,
    ImmichError,
    NotFoundError,
    PermissionDeniedError,
)
from ...models import QueueCommand, QueueCommandDto, QueueName, QueueUpdateDto
from ..events import EventHub, Notice
from ..state import PausedQueues, StateStore

if TYPE_CHECKING:
    from ...client import AsyncClient

__all__ = [
    "AUTO_PAUSE_MIN_FILES",
    "INGEST_QUEUES",
    "IngestPause",
    "JobControl",
    "PauseJobs",
    "QueueState",
    "describe_owner",
    "jobs_paused",
    "owner_alive",
    "process_owner",
]

log = logging.getLogger("immich_bulk.transfer")

#: The queues that slow ingestion down (the ones paused by ``pause_jobs``).
INGEST_QUEUES = (
    "thumbnailGeneration",
    "metadataExtraction",
    "videoConversion",
    "faceDetection",
    "facialRecognition",
    "smartSearch",
    "duplicateDetection",
    "ocr",
)


def _start_ticks(pid: int) -> str:
    """When process *pid* started (clock ticks since boot, Linux), or "" if unknown: with
    the pid it names one process, even after the pid is reused."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
        # the command name (field 2) is in parentheses and may hold spaces: split after it
        return stat[stat.rindex(b")") + 2 :].split()[19].decode()
    except (OSError, ValueError, IndexError):
        return ""


def process_owner(pid: int | None = None) -> str:
    """``host/pid/start/run`` naming one run in this process (or in process *pid*): who
    paused a set of queues. The random last part keeps two runs of one process apart."""
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()}/{pid}/{_start_ticks(pid)}/{secrets.token_hex(4)}"


def _parse_owner(owner: str) -> tuple[str, int, str] | None:
    """``(host, pid, start)`` of an owner, or None for a record from before owners."""
    host, pid, start = [*owner.split("/"), "", "", ""][:3]
    return (host, int(pid), start) if host and pid.isdigit() else None


def describe_owner(owner: str) -> str:
    """``pid 123 on host`` (``an earlier version`` for a record without an owner)."""
    parsed = _parse_owner(owner)
    return f"pid {parsed[1]} on {parsed[0]}" if parsed else "of an earlier version"


def owner_alive(owner: str) -> bool | None:
    """Whether the process of run *owner* is still running: True, False, or None when it
    ran on another host (which cannot be checked from here)."""
    parsed = _parse_owner(owner)
    if parsed is None:
        return False  # a record from before owners were recorded
    host, pid, start = parsed
    if host != socket.gethostname():
        return None
    if pid == os.getpid():
        return start == _start_ticks(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, owned by someone else
    except OSError:
        return None
    return not start or start == _start_ticks(pid)


@attrs.frozen
class QueueState:
    name: str
    paused: bool
    pending: int  # jobs waiting, active, delayed or held while paused


class JobControl:
    """Reads and changes the pause state of a server's job queues."""

    def __init__(
        self,
        client: AsyncClient,
        store: StateStore,
        hub: EventHub | None = None,
        *,
        owner: str | None = None,
    ):
        self.client = client
        self.store = store
        self.hub = hub or EventHub()
        self._owner = owner
        self._legacy: bool | None = None

    @property
    def owner(self) -> str:
        """The name this run's record goes under (default: a new run of this process)."""
        if self._owner is None:
            self._owner = process_owner()
        return self._owner

    async def status(self) -> dict[str, QueueState]:
        """Every queue's pause state and pending job count (admin only)."""
        if self._legacy is not True:
            try:
                queues = await self.client.queues.get_queues()
            except NotFoundError:
                self._legacy = True
            else:
                self._legacy = False
                return {
                    str(q.name): QueueState(
                        str(q.name),
                        q.is_paused,
                        q.statistics.active
                        + q.statistics.waiting
                        + q.statistics.delayed
                        + q.statistics.paused,
                    )
                    for q in queues
                }
        legacy = await self.client.jobs.get_queues_legacy()
        states = {}
        wires = wire_names(type(legacy))
        for field in attrs.fields(type(legacy)):
            value = getattr(legacy, field.name)
            if value is UNSET:
                continue
            name = wires[field.name]
            counts = value.job_counts
            states[name] = QueueState(
                name,
                value.queue_status.is_paused,
                counts.active + counts.waiting + counts.delayed + counts.paused,
            )
        return states

    async def set_paused(self, name: str, paused: bool) -> None:
        if self._legacy is None:
            await self.status()
        if self._legacy:
            command = QueueCommand.PAUSE if paused else QueueCommand.RESUME
            await self.client.jobs.run_queue_command_legacy(
                QueueName(name), QueueCommandDto(command=command)
            )
        else:
            await self.client.queues.update_queue(QueueName(name), QueueUpdateDto(is_paused=paused))

    async def pause(self, names: Iterable[str] = INGEST_QUEUES) -> list[str]:
        """Pause the running queues among *names*; returns the ones this call paused."""
        states = await self.status()
        to_pause = [n for n in names if n in states and not states[n].paused]
        kept = [n for n in names if n in states and states[n].paused]
        if kept:
            log.info("left alone (already paused): %s", ", ".join(kept))
        # durable before acting, so a crash right after is followed by a resume
        await self.store.set_paused_queues(self.client.base_url, to_pause, owner=self.owner)
        paused = []
        try:
            for name in to_pause:
                await self.set_paused(name, True)
                paused.append(name)
        except BaseException:
            with anyio.CancelScope(shield=True):
                await self.resume(paused)
            raise
        return paused

    async def resume(self, names: Iterable[str], *, owner: str | None = None) -> list[str]:
        """Resume *names*; then the record of *owner* (default: this run) keeps only those
        that could not be resumed. Returns those resumed."""
        owner = self.owner if owner is None else owner
        resumed = []
        failed: list[str] = []
        for name in names:
            try:
                await self.set_paused(name, False)
                resumed.append(name)
            except ImmichError as exc:
                log.warning("could not resume job queue %s: %s", name, exc)
                failed.append(name)
        if failed:
            self.hub.emit(
                Notice(
                    message=f"could not resume the job queues {', '.join(failed)}; "
                    "run `immich-bulk jobs --resume` against this server",
                    level="warning",
                )
            )
            await self.store.set_paused_queues(self.client.base_url, failed, owner=owner)
        else:
            await self.store.clear_paused_queues(self.client.base_url, owner=owner)
        return resumed

    async def leftovers(self) -> tuple[list[PausedQueues], list[PausedQueues]]:
        """The records of this server, split into those of runs that are gone (their
        queues are to be resumed) and those of runs still alive or on another host."""
        gone, alive = [], []
        for record in await self.store.paused_queues(self.client.base_url):
            if record.owner != self.owner and owner_alive(record.owner) is False:
                gone.append(record)
            else:
                alive.append(record)
        return gone, alive

    async def resume_leftovers(self) -> list[str]:
        """Resume queues a previous run paused and could not resume (it was killed);
        the queues of a run still going (or of one on another host) are left alone."""
        gone, alive = await self.leftovers()
        for record in alive:
            if record.owner != self.owner:
                log.info(
                    "job queues %s were paused by a run that is still going (%s): left alone",
                    ", ".join(record.queues),
                    record.owner,
                )
        held = {name for record in alive for name in record.queues}
        resumed: list[str] = []
        for record in gone:
            # a queue another live run also holds paused stays paused (it resumes it)
            names = [n for n in record.queues if n not in held]
            try:
                done = await self.resume(names, owner=record.owner)
            except (AuthenticationError, PermissionDeniedError):
                self.hub.emit(
                    Notice(
                        message="a previous run left job queues paused on this server "
                        f"({', '.join(record.queues)}); resuming them needs an admin API key",
                        level="warning",
                    )
                )
                return resumed
            resumed.extend(n for n in done if n not in resumed)
        if resumed:
            self.hub.emit(
                Notice(
                    message=f"resumed job queues a previous run left paused: {', '.join(resumed)}"
                )
            )
        return resumed

    async def wait_until_drained(
        self,
        names: Iterable[str] = INGEST_QUEUES,
        *,
        poll_seconds: float = 2.0,
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        """Wait until the given queues have no pending jobs (``on_progress`` gets the count)."""
        wanted = set(names)
        while True:
            states = await self.status()
            pending = sum(s.pending for n, s in states.items() if n in wanted and not s.paused)
            if on_progress is not None:
                on_progress(pending)
            if pending == 0:
                return
            await anyio.sleep(poll_seconds)


#: ``pause_jobs``: True pauses at the start, False never, "auto" as :class:`IngestPause` says.
PauseJobs = bool | Literal["auto"]

#: With ``pause_jobs="auto"``: the files a run must have to send before it pauses the queues
#: (a handful of uploads is done before paused queues would pay off).
AUTO_PAUSE_MIN_FILES = 48


class IngestPause:
    """The ingest queues' pause for one run (see :func:`jobs_paused`).

    With ``mode=True`` the queues are paused at once; with ``"auto"`` once the run has
    :data:`AUTO_PAUSE_MIN_FILES` files to send (:meth:`files_to_send`), and only where the key
    may pause queues (an admin key): otherwise the run carries on quietly. :attr:`paused` is
    filled in place when the pause happens.
    """

    def __init__(self, control: JobControl, hub: EventHub, mode: PauseJobs) -> None:
        self.control = control
        self.hub = hub
        self.mode = mode
        self.paused: list[str] = []
        self._to_send = 0
        self._decided = mode is False  # paused, or given up: nothing more to do

    async def files_to_send(self, count: int = 1) -> None:
        """*count* more files of this run go to the server ("auto" pauses at the threshold)."""
        if self._decided:
            return
        self._to_send += count
        if self._to_send >= AUTO_PAUSE_MIN_FILES:
            await self.pause()

    async def pause(self) -> None:
        if self._decided and self.mode is not True:
            return
        self._decided = True
        auto = self.mode == "auto"
        try:
            paused = await self.control.pause()
        except (AuthenticationError, PermissionDeniedError):
            if auto:  # a user's key: uploading unpaused is the normal case, not a problem
                log.info("not pausing the job queues: the API key may not (no admin key)")
                return
            self.hub.emit(
                Notice(
                    message="pausing the server's job queues needs an admin API key; "
                    "carrying on without pausing them",
                    level="warning",
                )
            )
            return
        except ImmichError as exc:
            # an error answer, or no answer at all (a server going away: the uploads that
            # follow stop the run as unreachable); the queues it did pause are resumed
            self.hub.emit(
                Notice(
                    message=f"could not pause the job queues ({exc}); carrying on",
                    level="warning",
                )
            )
            return
        self.paused.extend(paused)
        if paused and auto:
            self.hub.emit(
                Notice(
                    message=f"paused the server's job queues while uploading ({self._to_send}+ "
                    f"files to send; resumed at the end; --no-pause-jobs keeps them running): "
                    f"{', '.join(paused)}"
                )
            )
        elif paused:
            self.hub.emit(Notice(message=f"paused job queues for the upload: {', '.join(paused)}"))

    async def resume(self) -> None:
        """Resume exactly what this run paused (shielded: it runs whatever ends the run)."""
        if not self.paused:
            return
        with anyio.CancelScope(shield=True), anyio.move_on_after(60):
            resumed = await self.control.resume(self.paused)
            if resumed:
                self.hub.emit(Notice(message=f"resumed job queues: {', '.join(resumed)}"))


@asynccontextmanager
async def jobs_paused(
    client: AsyncClient, store: StateStore, hub: EventHub, *, enabled: PauseJobs
) -> AsyncIterator[IngestPause]:
    """Pause the ingest queues for the duration of the block (at once where *enabled* is
    True, at the threshold of :meth:`IngestPause.files_to_send` where it is "auto"), then
    resume exactly those, whatever happens."""
    pause = IngestPause(JobControl(client, store, hub), hub, enabled)
    try:
        if enabled is True:
            await pause.pause()
        yield pause
    finally:
        await pause.resume()
