"""The engine base (:class:`Engine`) and the pieces the transfer engines share."""

from __future__ import annotations

import abc
import contextlib
import errno
import functools
import logging
import math
import sys
import time
from collections.abc import AsyncGenerator, Callable, Coroutine, Iterator
from typing import Any, ClassVar, Generic, ParamSpec, Protocol, TypeVar

import anyio
import attrs
import httpx
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

if sys.version_info < (3, 11):  # pragma: no cover
    from exceptiongroup import BaseExceptionGroup

from .._http.breaker import CircuitBreaker, use_breaker
from .._http.timeouts import Timeouts
from ..errors import AuthenticationError, PermissionDeniedError, TransportError
from .events import EventHub, ItemFailed, Listener, Notice, StageDone
from .report import Outcome, OutcomeLog, TransferReport
from .state import StatePath, StateStore, StateStoreError

__all__ = [
    "DISK_FULL",
    "DROPPED_IN_A_ROW",
    "REFUSED",
    "UNREACHABLE",
    "UNRESPONSIVE",
    "Engine",
    "RunGuard",
    "Runnable",
    "StageClock",
    "batches",
    "list_check_work",
    "run_with_state",
    "save_state",
    "server_dropped",
    "server_unreachable",
    "single_error",
    "single_errors",
    "state_note",
    "stop_kind",
    "upload_timeouts",
]


log = logging.getLogger("immich_bulk.transfer")


R = TypeVar("R", bound=TransferReport)
R_co = TypeVar("R_co", bound=TransferReport, covariant=True)


class Runnable(Protocol[R_co]):
    """What running an engine needs (:func:`run_with_state`, the CLI): every
    :class:`Engine` is one. ``run()`` closes ``hub`` when it returns or raises."""

    hub: EventHub

    async def run(self) -> R_co: ...

    def stop(self) -> None: ...


E = TypeVar("E", bound="Runnable[Any]")
T = TypeVar("T")
P = ParamSpec("P")


def _leaves(group: BaseExceptionGroup[Any]) -> Iterator[BaseException]:
    for exc in group.exceptions:
        if isinstance(exc, BaseExceptionGroup):
            yield from _leaves(exc)
        else:
            yield exc


@contextlib.contextmanager
def single_errors() -> Iterator[None]:
    """Let an error out of task groups as itself, never wrapped in an ExceptionGroup.

    anyio wraps whatever a task raises in an ExceptionGroup, even one ImmichError, so an
    ``except ImmichError`` around a public call missed a failed listing. The group is
    replaced by its first error (a KeyboardInterrupt or SystemExit before any other); the
    others, if any, are attached to it as notes.
    """
    try:
        yield
    except BaseExceptionGroup as group:
        leaves = list(_leaves(group))
        first = next((e for e in leaves if not isinstance(e, Exception)), leaves[0])
        add_note = getattr(first, "add_note", None)
        for other in leaves:
            if other is not first and add_note is not None:
                add_note(f"at the same time: {type(other).__name__}: {other}")
        raise first from first.__cause__


def single_error(
    fn: Callable[P, Coroutine[Any, Any, T]],
) -> Callable[P, Coroutine[Any, Any, T]]:
    """:func:`single_errors` around an async function (the engines' public ``run``)."""

    @functools.wraps(fn)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        with single_errors():
            return await fn(*args, **kwargs)

    return wrapper


async def run_with_state(
    state_path: StatePath,
    build: Callable[[StateStore, EventHub], Runnable[R]],
    *,
    on_event: Listener | None = None,
    on_start: Callable[[Any], None] | None = None,
) -> R:
    """Open the state store, build an engine on it and run it (which closes its events);
    *on_start* gets the engine before it runs."""
    async with StateStore.open(state_path) as store:
        engine = build(store, EventHub([on_event] if on_event else None))
        if on_start is not None:
            on_start(engine)
        return await engine.run()


#: Why a run stops itself (``TransferReport.stopped``); the command's exit code follows.
UNREACHABLE = "unreachable"
UNRESPONSIVE = "unresponsive"
REFUSED = "refused"
DISK_FULL = "disk-full"

#: Failures in a row whose connection the server closed without answering (after their
#: retries, with no item done in between) that stop a run as "unreachable": a server
#: shutting down (``docker stop``) keeps accepting connections for a while and closes
#: each one unanswered, so it is never refused -- without this count every remaining
#: file failed on its own. One or two such failures are a flaky network, not the end.
DROPPED_IN_A_ROW = 3


def stop_kind(exc: BaseException) -> str | None:
    """The reason *exc* stops a whole run -- every other item would fail the same way --
    or None when it is the failure of one item only."""
    if server_unreachable(exc):
        return UNREACHABLE
    if isinstance(exc, (AuthenticationError, PermissionDeniedError)):
        return REFUSED
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DISK_FULL
    return None


class RunGuard:
    """Stops a run at the first failure that every other item would repeat, and keeps the
    reason for the report (one per engine run).

    Without it, a server that went away (or that is going away: it closes each connection
    without an answer, :data:`DROPPED_IN_A_ROW`), a key without the permission to upload or
    download (or revoked mid-run), a full disk or a server failing every upload made each
    remaining item fail on its own after all its retries: hours for a big library, and an
    exit code saying "some items failed". Now the run stops like ``stop()`` -- in-flight
    work abandoned, state saved, a re-run resumes -- with ``report.stopped`` set.
    """

    def __init__(self, hub: EventHub, stop: Callable[[], None], *, breaker_threshold: int) -> None:
        self.hub = hub
        self._stop = stop
        self.stopped: tuple[str, str] | None = None
        self.error: BaseException | None = None
        self._drops = 0  # failures in a row from connections closed without an answer
        self._last_drop: BaseException | None = None
        self.breaker = CircuitBreaker(
            breaker_threshold, on_trip=lambda why: self.halt(UNRESPONSIVE, why, None)
        )

    def check(self, exc: BaseException, *, server: str = "the server") -> bool:
        """Stop the run if *exc* means every other item would fail the same way; True
        when the run is stopping (for this or an earlier reason)."""
        kind = stop_kind(exc)
        if kind is not None and self.stopped is None:
            self.halt(kind, _stop_message(kind, exc, server), exc)
        elif self._dropped(exc) and self.stopped is None:
            message = (
                f"{server} is unreachable: it closed the connections of {DROPPED_IN_A_ROW} "
                f"requests in a row without answering (the last: {exc})"
            )
            self.halt(UNREACHABLE, message, exc)
        return self.stopped is not None

    def done(self) -> None:
        """An item is done: the connections dropped before it do not count any more."""
        self._drops = 0

    def _dropped(self, exc: BaseException) -> bool:
        """Count *exc* if the server closed its connection without answering; True at
        :data:`DROPPED_IN_A_ROW` of them in a row. The failures of several items from one
        request (a batch's duplicate check) count once."""
        if not server_dropped(exc) or exc is self._last_drop:
            return False
        self._last_drop = exc
        self._drops += 1
        return self._drops >= DROPPED_IN_A_ROW

    def halt(self, kind: str, message: str, exc: BaseException | None) -> None:
        if self.stopped is not None:
            return
        self.stopped = (kind, message)
        self.error = exc
        self.hub.emit(Notice(message=f"stopping: {message}", level="error"))
        self._stop()

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        """Count the requests made inside (and in tasks started inside) with the breaker."""
        with use_breaker(self.breaker):
            yield


def _stop_message(kind: str, exc: BaseException, server: str) -> str:
    if kind == UNREACHABLE:
        return f"{server} is unreachable: {exc}"
    if kind == REFUSED:
        return (
            f"{server} refuses this API key ({exc}); give the key that permission, or use another"
        )
    return f"the disk is full ({exc}); free some space"


async def save_state(store: StateStore) -> bool:
    """Write the state store's buffer at the end of a run (shielded: it happens even when
    the run is cancelled). False, logged, when the file cannot be written (its disk is
    full): the run's work is done, only the record of it is incomplete."""
    with anyio.CancelScope(shield=True):
        try:
            await store.flush()
        except StateStoreError as exc:
            log.debug("the state file could not be written: %s", exc)
            return False
    return True


def state_note(saved: bool) -> list[str]:
    """The report note when the state file could not be written at the end."""
    if saved:
        return []
    return [
        "the state file could not be written (is its disk full?): what this run did is "
        "done, but the next run checks those files with the server again"
    ]


def upload_timeouts(base: Timeouts, size: int, min_bytes_per_second: int) -> Timeouts:
    """The timeouts of one upload of *size* bytes: the answer may take longer for a big
    file (the server stores it first), and waiting for a free connection has no limit
    (the engine bounds how many run at once)."""
    answer = base.answer
    if answer is not None:
        answer = max(answer, size / min_bytes_per_second)
    return attrs.evolve(base, answer=answer, pool=None)


def server_unreachable(exc: BaseException) -> bool:
    """True when *exc* means the server could not be reached at all (after the retries),
    as opposed to one request that failed: an engine then stops instead of failing every
    remaining item one by one."""
    return isinstance(exc, TransportError) and isinstance(
        exc.__cause__, (httpx.ConnectError, httpx.ConnectTimeout)
    )


def server_dropped(exc: BaseException) -> bool:
    """True when *exc* (after the retries) is a connection the server closed or reset
    without an answer -- "Server disconnected without sending a response", a reset while
    sending or reading -- as opposed to an answer, a timeout or a refused connection. One
    such failure is one item's; several in a row are a server going away (see
    :data:`DROPPED_IN_A_ROW`)."""
    return isinstance(exc, TransportError) and isinstance(
        exc.__cause__, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)
    )


async def batches(
    receive: MemoryObjectReceiveStream[T],
    *,
    size: int,
    max_wait: float,
    flush_now: Callable[[], bool] = lambda: False,
) -> AsyncGenerator[list[T], None]:
    """The items of *receive* in lists of at most *size*. A list goes out when it is full,
    when its first item has waited *max_wait* seconds, whenever *flush_now()* says so
    (asked after each arrival), and at the end of the stream. Items already waiting are
    taken without a pause, so a busy stream gives full lists.

    Use it under ``contextlib.aclosing``: the consumer may stop early.
    """
    batch: list[T] = []
    deadline = math.inf
    while True:
        ended = False
        with anyio.move_on_after(max(0.0, deadline - time.monotonic())):
            try:
                batch.append(await receive.receive())
            except anyio.EndOfStream:
                ended = True
            while not ended and len(batch) < size:
                try:
                    batch.append(receive.receive_nowait())
                except anyio.WouldBlock:
                    break
                except anyio.EndOfStream:
                    ended = True
        if ended:
            break
        if batch and deadline == math.inf:
            deadline = time.monotonic() + max_wait
        if len(batch) >= size or flush_now() or time.monotonic() >= deadline:
            # yielded outside the cancel scope above: the consumer may take its time
            yield batch
            batch, deadline = [], math.inf
    if batch:
        yield batch


async def list_check_work(
    lister: Callable[[MemoryObjectSendStream[T]], Coroutine[Any, Any, None]],
    checker: Callable[
        [MemoryObjectReceiveStream[T], MemoryObjectSendStream[T]], Coroutine[Any, Any, None]
    ],
    worker: Callable[[MemoryObjectReceiveStream[T]], Coroutine[Any, Any, None]],
    *,
    backlog: int,
    concurrency: int,
) -> None:
    """The pipeline of the engines that read from a server (export, migrate): one lister,
    one checker that drops what is already done, *concurrency* workers. The streams are
    bounded (*backlog*), so a slow worker holds back the listing instead of memory
    growing; the workers' stream holds at least two items per worker so none idles
    while the checker answers a batch."""
    listed_send, listed_recv = anyio.create_memory_object_stream[T](backlog)
    work_send, work_recv = anyio.create_memory_object_stream[T](max(backlog, 2 * concurrency))
    async with anyio.create_task_group() as tg:
        tg.start_soon(lister, listed_send)
        tg.start_soon(checker, listed_recv, work_send)
        async with work_recv:
            for _ in range(concurrency):
                tg.start_soon(worker, work_recv.clone())


class StageClock:
    """Wall-clock span and item count of one pipeline stage (for reports and events)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.first: float | None = None
        self.last = 0.0
        self.count = 0

    def touch(self) -> None:
        now = time.monotonic()
        if self.first is None:
            self.first = now
        self.last = now
        self.count += 1

    @property
    def seconds(self) -> float:
        return 0.0 if self.first is None else self.last - self.first


class Engine(abc.ABC, Generic[R]):
    """One run of a transfer engine (upload, export, migrate; a Takeout import next).

    The base owns the run; an engine supplies only its stages. The base gives:

    - the cancel scope and :meth:`stop` (Ctrl-C; the guard calls it too): in-flight work
      is abandoned, the state is saved, the report is marked ``interrupted``;
    - :attr:`guard` (:class:`RunGuard`): a failure that every other item would repeat --
      the server unreachable or failing every request (its circuit breaker counts every
      request made inside the run), the key refused, the disk full -- stops the run, and
      a re-run resumes; every failure given to :meth:`fail` with its exception goes
      through it, so no engine can forget the policy;
    - the outcome log (:attr:`log`: :meth:`finish` / :meth:`fail`; ``log.begin(item)``
      when an item is found, so a stopped run reports it ``interrupted``), the stage
      clocks (``_stages[name].touch()`` per item a stage finishes) and the bytes moved
      (``_bytes``);
    - at the end, whatever happened: the shielded flush of the state store, one
      ``StageDone`` event per stage, the report, and the event hub closed (a subscriber's
      ``async for`` ends with the run).

    An engine supplies:

    - ``kind`` (the report's kind), ``report_type`` (its report class: a
      :class:`~.report.TransferReport` with the engine's typed figures) and
      ``stage_names`` (its clocks, in the order of their ``StageDone`` events);
    - an ``__init__`` that calls ``super().__init__(store=..., hub=...,
      max_failures=config.max_failures, dry_run=options.dry_run)`` first;
    - ``async def _pipeline(self)``: look up what it needs (users, journals) and run its
      stages -- usually one task group whose stages are joined by bounded memory object
      streams (:func:`batches` groups a stream's items) -- giving every item found
      exactly one outcome;
    - ``_report_fields()`` (the fields of its report class) and ``_notes()`` for the
      report; ``server`` to name the server in a stop message; ``_cleanup()`` for what
      must be let go after the state is saved.

    A sketch::

        class Importer(Engine[UploadReport]):
            kind = "takeout"
            report_type = UploadReport
            stage_names = ("index", "upload")

            def __init__(self, client, archives, *, options, config, store, hub=None):
                super().__init__(store=store, hub=hub, max_failures=config.max_failures,
                                 dry_run=options.dry_run)
                ...

            async def _pipeline(self) -> None:
                async with anyio.create_task_group() as tg:
                    ...  # stages: self.log.begin(name) ... self.finish(Outcome(...))

            def _report_fields(self) -> dict[str, Any]:
                return {"hash": self.hasher.statistics()}

    Run one with :func:`run_with_state` (it opens the state store and builds the engine).
    """

    kind: ClassVar[str]
    report_type: type[R]
    stage_names: ClassVar[tuple[str, ...]]
    server: ClassVar[str] = "the server"
    """Who is unreachable or refuses, in the words of a stop message."""

    def __init__(
        self, *, store: StateStore, hub: EventHub | None, max_failures: int, dry_run: bool
    ) -> None:
        self.store = store
        self.hub = hub or EventHub()
        self.dry_run = dry_run
        self.log = OutcomeLog()
        self.guard = RunGuard(self.hub, self.stop, breaker_threshold=max_failures)
        """Stops the run at a failure every other item would repeat (``report.stopped``)."""
        self._stages = {name: StageClock(name) for name in self.stage_names}
        self._bytes = 0
        self._scope: anyio.CancelScope | None = None
        self._stopped = False

    @property
    def unreachable(self) -> BaseException | None:
        """Set when the run stopped because the server could not be reached at all."""
        stopped = self.guard.stopped
        return self.guard.error if stopped and stopped[0] == UNREACHABLE else None

    # -- control ----------------------------------------------------------------------
    def stop(self) -> None:
        """Stop early (e.g. on Ctrl-C): work in flight is abandoned (an upload the server
        did not finish is not stored, a download keeps its ``.part`` to resume), the state
        is saved, and :meth:`run` returns a report marked ``interrupted``."""
        self._stopped = True
        if self._scope is not None:
            self._scope.cancel()

    # -- outcomes ---------------------------------------------------------------------
    def finish(self, outcome: Outcome) -> None:
        """Record the one outcome of an item."""
        self.log.add(outcome)
        if outcome.ok:
            self.guard.done()

    def fail(
        self,
        item: str,
        stage: str,
        reason: str,
        exc: BaseException | None,
        *,
        outcome_reason: str | None = None,
        **fields: Any,
    ) -> None:
        """Record that *item* failed in *stage* (*fields*: more of its :class:`Outcome`),
        and stop the run when *exc* means every other item would fail the same way."""
        error = type(exc).__name__ if exc is not None else None
        self.hub.emit(ItemFailed(item=item, stage=stage, reason=reason, error=error))
        self.finish(
            Outcome(
                item=item,
                status="failed",
                reason=reason if outcome_reason is None else outcome_reason,
                error=error,
                **fields,
            )
        )
        if exc is not None:
            self.check_stop(exc)

    def check_stop(self, exc: BaseException) -> bool:
        """Stop the run if *exc* means every other item would fail the same way (the
        server unreachable, the key refused, the disk full); True when the run is stopping.
        :meth:`fail` calls it; a failure recorded another way must call it too."""
        return self.guard.check(exc, server=self.server)

    # -- run --------------------------------------------------------------------------
    @single_error
    async def run(self) -> R:
        """Run the transfer and return its report. The event hub is closed when it returns
        or raises, so ``async for event in engine.hub.subscribe()`` ends with it."""
        try:
            return await self._run()
        finally:
            self.hub.close()

    async def _run(self) -> R:
        started = time.monotonic()
        interrupted = False
        try:
            with anyio.CancelScope() as scope, self.guard.watching():
                self._scope = scope
                if self._stopped:
                    scope.cancel()
                await self._pipeline()
            interrupted = self._ended(scope.cancelled_caught or self._stopped)
        finally:
            saved = await save_state(self.store)
            self._cleanup()
        for stage in self._stages.values():
            self.hub.emit(StageDone(stage=stage.name, count=stage.count, seconds=stage.seconds))
        return self._report(time.monotonic() - started, interrupted, saved)

    @abc.abstractmethod
    async def _pipeline(self) -> None:
        """Prepare and run the stages (inside the run's cancel scope and guard)."""

    def _cleanup(self) -> None:
        """Let go of what the run held, once its state is saved (it ended or failed)."""

    def _ended(self, stopped: bool) -> bool:
        """The stages are over (*stopped*: by :meth:`stop` or cancelled): whether the report
        says ``interrupted``. An engine whose normal end is a stop (a watch) says False
        when the stop cut nothing off, and gives what it still held an outcome here."""
        return stopped

    # -- report -----------------------------------------------------------------------
    def _notes(self) -> list[str]:
        """The report's notes (after the one about an unsaved state file)."""
        return []

    @abc.abstractmethod
    def _report_fields(self) -> dict[str, Any]:
        """The fields of the engine's report class beyond :class:`TransferReport`'s."""

    def _report(self, seconds: float, interrupted: bool, saved: bool) -> R:
        return self.report_type.from_log(
            self.kind,
            self.log,
            bytes_transferred=self._bytes,
            seconds=seconds,
            stages=self._stages,
            dry_run=self.dry_run,
            interrupted=interrupted,
            notes=[*state_note(saved), *self._notes()],
            stopped=self.guard.stopped,
            state_saved=saved,
            **self._report_fields(),
        )
