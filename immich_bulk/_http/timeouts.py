"""Timeouts: how long one try of a request may wait, phase by phase, and the watch that
enforces it.

A try goes through four phases, each with its own limit:

- **connecting** (opening a connection, or waiting for a free one in the pool): ``connect``
  and ``pool``, enforced by httpx;
- **sending** the request body, and later **receiving** the response body: the *stall*
  rule -- a body during which fewer than ``stall_bytes`` move in ``stall`` seconds fails
  the try. Nothing bounds a body that keeps moving, however big or slow (a 4 GB video on
  a slow link never times out), while a server that stops reading or sending -- or
  trickles a byte every few seconds -- fails the try instead of holding it forever;
- **answering** (from the last byte sent to the response's status line and headers): the
  server is working -- storing and hashing an upload, running a query -- and no bytes move,
  so the stall rule does not apply; ``answer`` seconds (``quick`` for the calls that cost
  the server nothing: ping, version, the user's own record...), and for uploads the engines
  add time for the size of the file.

The phases are told apart by httpcore's ``trace`` events (headers sent, response headers
awaited, received); the request body's progress by the multipart stream. One cancel scope
per try carries the deadline of the current phase, moved as the phases change and as bytes
move, so enforcing it costs no task and no timer.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from contextvars import ContextVar
from typing import Any

import anyio
import attrs
import httpx

from ..errors import RequestTimeoutError

__all__ = [
    "QUICK_OPERATIONS",
    "STREAM_WATCH",
    "Stalled",
    "StreamWatch",
    "Timeouts",
    "Watch",
    "as_timeouts",
    "paced",
    "watched_body",
]

#: Operations any server answers at once (nothing to compute, nothing to read from disk):
#: these get the short ``quick`` answer timeout, so an unresponsive server is found in
#: seconds (the command's first call is a ping).
QUICK_OPERATIONS = frozenset(
    {
        "pingServer",
        "getServerVersion",
        "getServerFeatures",
        "getServerConfig",
        "getSupportedMediaTypes",
        "getAboutInfo",
        "getMyUser",
    }
)

#: A body must move this many bytes...
STALL_BYTES = 1024


def _limit(_: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and not value > 0:
        raise ValueError(f"{attribute.name} must be positive seconds or None, got {value!r}")


@attrs.frozen(kw_only=True)
class Timeouts:
    """How long one try of a request may wait (``None``: no limit); see the module docs.

    A try that times out is retried like a dropped connection (twice at most, see
    :class:`~immich_bulk.RetryPolicy`), then raises
    :class:`~immich_bulk.errors.RequestTimeoutError`.
    """

    connect: float | None = attrs.field(default=10.0, validator=_limit)
    """Opening a connection (TCP and TLS)."""
    answer: float | None = attrs.field(default=60.0, validator=_limit)
    """From the last byte of the request to the first of the answer."""
    quick: float | None = attrs.field(default=10.0, validator=_limit)
    """``answer`` for :data:`QUICK_OPERATIONS` (ping, version, the user's own record ...)."""
    stall: float | None = attrs.field(default=30.0, validator=_limit)
    """A request or response body during which fewer than ``stall_bytes`` move in this
    long fails the try (a body that keeps moving never times out)."""
    stall_bytes: int = STALL_BYTES
    pool: float | None = attrs.field(default=120.0, validator=_limit)
    """Waiting for a free connection when all of the client's are busy."""

    def __attrs_post_init__(self) -> None:
        if self.stall_bytes < 1:
            raise ValueError("stall_bytes must be at least 1")

    def answer_for(self, op_id: str) -> float | None:
        return self.quick if op_id in QUICK_OPERATIONS else self.answer

    def for_httpx(self) -> httpx.Timeout:
        """What httpx enforces itself: connecting and the pool. Reading and writing are
        the watch's (a per-read timeout cannot tell a trickle from progress)."""
        return httpx.Timeout(connect=self.connect, read=None, write=None, pool=self.pool)


def as_timeouts(value: Any, default: Timeouts) -> Timeouts:
    """A :class:`Timeouts` from what callers pass as a timeout: a ``Timeouts``; seconds
    (every limit); an ``httpx.Timeout`` (``read`` for the answers, the larger of ``read``
    and ``write`` for stalls); ``None`` (no limits)."""
    if isinstance(value, Timeouts):
        return value
    if value is None:
        return Timeouts(connect=None, answer=None, quick=None, stall=None, pool=None)
    if isinstance(value, httpx.Timeout):
        stall = None if value.read is None or value.write is None else max(value.read, value.write)
        return attrs.evolve(
            default,
            connect=value.connect,
            answer=value.read,
            quick=value.read,
            stall=stall,
            pool=value.pool,
        )
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
        return Timeouts(connect=seconds, answer=seconds, quick=seconds, stall=seconds, pool=seconds)
    raise TypeError(f"a timeout is seconds, Timeouts, httpx.Timeout or None, not {value!r}")


class Stalled(Exception):
    """Internal: the watch's deadline passed (turned into a RequestTimeoutError)."""


_SENDING, _ANSWERING, _RECEIVING = "sending", "answering", "receiving"
_current: ContextVar[Watch | None] = ContextVar("immich_watch", default=None)
#: httpcore's trace events that start a phase, for HTTP/1.1 and HTTP/2.
_TRACED_PHASES = {
    f"{protocol}.{event}": phase
    for protocol in ("http11", "http2")
    for event, phase in (
        ("send_request_headers.started", _SENDING),
        ("receive_response_headers.started", _ANSWERING),
        ("receive_response_headers.complete", _RECEIVING),
    )
}


class Watch:
    """The deadline of one try: moved by the phases of the request and by its progress.

    Enter :meth:`guard` around the code that sends and reads; each chunk that moves is
    reported with :meth:`moved`. When the deadline passes, the code inside is cancelled
    and :meth:`guard` raises :class:`Stalled`; :meth:`error` describes what timed out.
    """

    def __init__(self, timeouts: Timeouts, answer: float | None) -> None:
        self.timeouts = timeouts
        self.answer = answer
        self.phase = "connecting"
        self.deadline = float("inf")  # httpx bounds connecting and the pool
        self._scope: anyio.CancelScope | None = None
        self._moved = 0
        self._held = 0
        self._waited = 0.0  # time spent in reads since the last progress (next_chunk)

    # -- phases -------------------------------------------------------------------------
    async def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's ``trace`` extension: the phases of an HTTP/1.1 or HTTP/2 exchange
        (called about ten times per request, so one dict lookup per event)."""
        phase = _TRACED_PHASES.get(event)
        if phase is not None:
            self._enter(phase)

    def sending(self) -> None:
        """The request body started (for transports that send no trace events)."""
        if self.phase == "connecting":
            self._enter(_SENDING)

    def sent(self) -> None:
        """The request body is sent: the server's turn (when no trace event said so)."""
        if self.phase == _SENDING:
            self._enter(_ANSWERING)

    def receiving(self) -> None:
        """The response headers arrived: its body is next."""
        if self.phase != _RECEIVING:
            self._enter(_RECEIVING)

    def _enter(self, phase: str) -> None:
        self.phase = phase
        self._moved = 0
        limit = self.answer if phase == _ANSWERING else self.timeouts.stall
        self._set(float("inf") if limit is None or self._held else anyio.current_time() + limit)

    def moved(self, count: int) -> None:
        """*count* bytes of a body moved: the stall deadline moves on once enough did."""
        if self.phase not in (_SENDING, _RECEIVING) or self._held:
            return
        self._moved += count
        if self._moved >= self.timeouts.stall_bytes:
            self._moved = 0
            stall = self.timeouts.stall
            if stall is not None:
                self._set(anyio.current_time() + stall)

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        """No deadline while the sender waits on purpose (a bandwidth cap)."""
        self._held += 1
        self._set(float("inf"))
        try:
            yield
        finally:
            self._held -= 1
            if not self._held and self.phase in (_SENDING, _RECEIVING):
                self._enter(self.phase)

    def _set(self, deadline: float) -> None:
        self.deadline = deadline
        if self._scope is not None:
            self._scope.deadline = deadline

    # -- enforcing ----------------------------------------------------------------------
    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        """Cancel what runs inside when the deadline passes; then raise :class:`Stalled`."""
        token = _current.set(self)
        scope = anyio.CancelScope(deadline=self.deadline)
        self._scope = scope
        try:
            with scope:
                yield
        finally:
            self._scope = None
            _current.reset(token)
        if scope.cancelled_caught:
            raise Stalled(self.phase)

    async def next_chunk(self, chunks: AsyncIterator[bytes]) -> bytes:
        """The next chunk of a body the caller reads at its own pace (a streamed response).

        Only the time spent waiting inside reads counts toward the stall limit: a caller
        that pauses between chunks -- writing to disk, or piping them into an upload that
        waits for its own connection -- has not seen the server stall. Raises
        :class:`Stalled` (and StopAsyncIteration at the end).
        """
        stall = self.timeouts.stall
        started = anyio.current_time()
        deadline = float("inf") if stall is None else started + stall - self._waited
        token = _current.set(self)
        try:
            with anyio.CancelScope(deadline=deadline) as scope:
                chunk = await chunks.__anext__()
        finally:
            _current.reset(token)
        if scope.cancelled_caught:
            raise Stalled(self.phase)
        self._waited += anyio.current_time() - started
        self._moved += len(chunk)
        if self._moved >= self.timeouts.stall_bytes:
            self._moved = 0
            self._waited = 0.0
        return chunk

    async def read_into(self, chunks: AsyncIterator[bytes], into: list[bytes], limit: int) -> bool:
        """Append the next chunks of a body to *into* until *limit* bytes came or the body
        ended (True at its end): :meth:`next_chunk` for a caller that wants a block, with
        one cancel scope per block instead of one per chunk (its deadline moved as bytes
        move). The stall rule is the same: only the time spent inside this call counts.
        Chunks that arrived before a stall or a broken connection stay in *into*. Raises
        :class:`Stalled`."""
        stall = self.timeouts.stall
        stall_bytes = self.timeouts.stall_bytes
        mark = anyio.current_time()  # since when the waiting counts toward _waited
        deadline = float("inf") if stall is None else mark + stall - self._waited
        size = 0
        ended = False
        token = _current.set(self)
        try:
            with anyio.CancelScope(deadline=deadline) as scope:
                while size < limit:
                    try:
                        chunk = await chunks.__anext__()
                    except StopAsyncIteration:
                        ended = True
                        break
                    if not chunk:
                        continue
                    into.append(chunk)
                    size += len(chunk)
                    self._moved += len(chunk)
                    if self._moved >= stall_bytes:
                        self._moved = 0
                        self._waited = 0.0
                        if stall is not None:
                            mark = anyio.current_time()
                            scope.deadline = mark + stall
        finally:
            _current.reset(token)
        if scope.cancelled_caught:
            raise Stalled(self.phase)
        self._waited += anyio.current_time() - mark
        return ended

    def describe(self) -> str:
        """What timed out, in words."""
        t = self.timeouts
        if self.phase == _ANSWERING:
            return f"no answer within {self.answer:g} s"
        way = "sent" if self.phase == _SENDING else "received"
        what = "the request" if self.phase == _SENDING else "the answer"
        return f"{what} stalled: fewer than {t.stall_bytes} bytes {way} in {t.stall:g} s"

    def error(self, method: str, path: str) -> RequestTimeoutError:
        return RequestTimeoutError(self.describe(), method=method, path=path)


#: Where the sender leaves a :class:`StreamWatch` in an unread response's extensions.
STREAM_WATCH = "immich_bulk.watch"


@attrs.frozen
class StreamWatch:
    """What reading an unread (streamed) response reports to: its try's watch (stalls),
    and the run's circuit breaker (the body read to its end, or stalled)."""

    watch: Watch
    done: Callable[[], None]
    stalled: Callable[[str], None]


async def watched_body(body: AsyncIterator[bytes], watch: Watch) -> AsyncIterator[bytes]:
    """*body* in pieces of at most 64 KiB, each reported to *watch* as it is handed to the
    connection: writing one piece must never take longer than the stall limit on a slow
    but moving link (a whole 1 MiB chunk takes 30 s at 35 KB/s)."""
    watch.sending()
    async for chunk in body:
        if len(chunk) <= _PIECE:
            watch.moved(len(chunk))
            yield chunk
            continue
        for start in range(0, len(chunk), _PIECE):
            piece = chunk[start : start + _PIECE]
            watch.moved(len(piece))
            yield piece
    watch.sent()


_PIECE = 64 * 1024


@contextlib.asynccontextmanager
async def paced() -> AsyncIterator[None]:
    """Around a deliberate wait while sending (the bandwidth cap): the try's stall
    deadline does not run meanwhile."""
    watch = _current.get()
    if watch is None:
        yield
        return
    with watch.hold():
        yield
