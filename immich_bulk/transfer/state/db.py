"""The one SQLite wrapper: a connection, its thread, a bounded write buffer, its flusher.

:class:`Connection` is the synchronous side: the ``sqlite3`` connection (autocommit,
``check_same_thread=False``), opened through :func:`.schema.check_and_migrate`; a
damaged file is renamed to ``<name>.corrupt-<timestamp>`` (with its ``-wal``), a warning
logged, and a fresh file created. Writes arrive as batches of ``(statements, params)``
and are written in one transaction, consecutive records of one kind with one
``executemany``.

:class:`Database` is the async side, used by every accessor of the package:

* thread confinement -- every call runs in a worker thread under one
  ``CapacityLimiter(1)``, so one thread at a time touches the connection and the event
  loop never blocks on disk;
* the write buffer -- :meth:`Database.write` appends and returns at once; the flusher
  writes the buffer every ``flush_interval`` seconds or as soon as ``flush_max_records``
  wait; every read writes the buffer first, in the same thread hop, so reads see earlier
  writes;
* errors surfaced, never swallowed -- a failed write keeps its records buffered and is
  retried; the first failure of a streak is logged as a warning and kept
  (:attr:`DbStats.write_error`) until a write succeeds; :meth:`Database.flush` raises it;
* bounded -- while the disk refuses writes, at most ``max_pending`` records wait; older
  ones are dropped (counted, warned once). Records are an accelerator (see the package
  documentation): memory is not.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
import os
import sqlite3
import stat as stat_mod
import sys
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any, Final, TypeVar, cast

if sys.version_info < (3, 11):
    from exceptiongroup import BaseExceptionGroup

import anyio
import anyio.lowlevel
import anyio.to_thread
import attrs
from anyio import CapacityLimiter

from . import schema
from .errors import StateStoreError

__all__ = [
    "MAX_PENDING",
    "QUERY_CHUNK",
    "Connection",
    "Database",
    "DbStats",
    "Lookups",
    "Op",
    "chunks",
    "no_rows",
    "read_or",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

QUERY_CHUNK: Final = 500  # keys per IN (...) query
MAX_PENDING: Final = 500_000  # records kept in memory while the disk refuses them

#: A buffered write: the statements to run (in order) and their parameters.
Op = tuple[tuple[str, ...], tuple[Any, ...]]


def chunks(items: Sequence[T], size: int = QUERY_CHUNK) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(name, str):
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    return type(exc) is sqlite3.DatabaseError


# --------------------------------------------------------------------------- sync side


class Connection:
    """The connection and the generic queries; used only from the database's thread."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, label: str = "") -> None:
        self.conn = conn
        self.path = path
        self.label = label or (
            "in-memory database" if path is None else f"state file {os.fsdecode(path)!r}"
        )
        self.records_written = 0
        self.flushes = 0

    # ---- opening

    @classmethod
    def open(cls, path: Path, kind: schema.Schema | None = None) -> Connection:
        """The file at *path* (a state file unless *kind* says otherwise): created,
        migrated, or moved aside and recreated when damaged."""
        kind = kind or schema.STATE
        what = kind.what
        _prepare_file(path, kind)
        try:
            return cls(_connect(path, kind), path, f"{what} {os.fsdecode(path)!r}")
        except schema.Corrupt as exc:
            aside = _move_aside(path, kind)
            log.warning(
                "%s %s is damaged (%s); moved it to %s and started a fresh one",
                what,
                os.fsdecode(path),
                exc,
                os.fsdecode(aside),
            )
        _prepare_file(path, kind)
        try:
            return cls(_connect(path, kind), path, f"{what} {os.fsdecode(path)!r}")
        except schema.Corrupt as exc:
            raise kind.error(
                f"cannot create a fresh {what} at {os.fsdecode(path)!r}: {exc}"
            ) from exc

    @classmethod
    def memory(cls) -> Connection:
        """A state database that lives as long as the connection."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            schema.check_and_migrate(conn, None, schema.STATE)
        except BaseException:
            conn.close()
            raise
        return cls(conn, None)

    @classmethod
    def scratch(cls, path: Path, statements: Sequence[str], label: str) -> Connection:
        """A throw-away database at *path* (no journal, no fsync) with *statements* run:
        working storage of one call that must not hold its rows in memory."""
        conn = sqlite3.connect(os.fspath(path), isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            for statement in statements:
                conn.execute(statement)
        except BaseException:
            conn.close()
            raise
        return cls(conn, None, label)

    def close(self) -> None:
        if self.path is not None:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA optimize")
        self.conn.close()

    # ---- writes

    def write(self, ops: Sequence[Op]) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statements, group in itertools.groupby(ops, key=itemgetter(0)):
                params = [p for _, p in group]
                for sql in statements:
                    conn.executemany(sql, params)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self.records_written += len(ops)
        self.flushes += 1

    def flush_pending(self, pending: deque[Op]) -> int:
        """Write everything in *pending* (taken in order); on failure put it back."""
        ops: list[Op] = []
        try:
            while True:
                ops.append(pending.popleft())
        except IndexError:
            pass
        if not ops:
            return 0
        try:
            self.write(ops)
        except BaseException:
            pending.extendleft(reversed(ops))
            raise
        return len(ops)

    # ---- reads

    def select_in(
        self, sql_prefix: str, fixed: Sequence[Any], keys: Sequence[Any]
    ) -> list[tuple[Any, ...]]:
        """``sql_prefix IN (keys...)``, one query per 500 keys."""
        rows: list[tuple[Any, ...]] = []
        for chunk in chunks(keys):
            sql = f"{sql_prefix} IN ({', '.join(['?'] * len(chunk))})"
            rows.extend(self.conn.execute(sql, [*fixed, *chunk]).fetchall())
        return rows

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, params).fetchall()

    def execute_now(self, sql: str, params: Sequence[Any]) -> None:
        self.conn.execute(sql, params)

    def insert_now(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """*sql* for each of *rows*, in one transaction (not buffered)."""
        self.write([((sql,), tuple(row)) for row in rows])


def _prepare_file(path: Path, kind: schema.Schema) -> None:
    """Create the directory (0700) and the file (0600); tighten an existing file's mode."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            if hasattr(os, "fchmod") and stat_mod.S_IMODE(os.fstat(fd).st_mode) & 0o077:
                os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
        for suffix in ("-wal", "-shm"):
            side = Path(os.fspath(path) + suffix)
            with contextlib.suppress(FileNotFoundError):
                if stat_mod.S_IMODE(side.stat().st_mode) & 0o077:
                    side.chmod(0o600)
    except OSError as exc:
        raise kind.error(
            f"cannot create or open {kind.what} {os.fsdecode(path)!r}: {exc.strerror or exc}"
        ) from exc


def _move_aside(path: Path, kind: schema.Schema) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    base = f"{path.name}.corrupt-{stamp}"
    target = path.with_name(base)
    n = 1
    while target.exists() or Path(os.fspath(target) + "-wal").exists():
        target = path.with_name(f"{base}-{n}")
        n += 1
    try:
        os.replace(path, target)
        for suffix in ("-wal", "-journal"):
            side = os.fspath(path) + suffix
            if os.path.exists(side):
                os.replace(side, os.fspath(target) + suffix)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.fspath(path) + "-shm")
    except OSError as exc:
        raise kind.error(
            f"{kind.what} {os.fsdecode(path)!r} is damaged and cannot be moved aside: {exc}"
        ) from exc
    return target


def _connect(path: Path, kind: schema.Schema) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            os.fspath(path),
            timeout=schema.BUSY_TIMEOUT,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        raise kind.error(f"cannot open {kind.what} {os.fsdecode(path)!r}: {exc}") from exc
    ok = False
    try:
        schema.check_and_migrate(conn, path, kind)
        ok = True
        return conn
    except sqlite3.DatabaseError as exc:
        if _is_corruption(exc):
            raise schema.Corrupt(str(exc)) from exc
        raise kind.error(f"cannot use {kind.what} {os.fsdecode(path)!r}: {exc}") from exc
    finally:
        if not ok:
            conn.close()


# --------------------------------------------------------------------------- async side


@attrs.frozen(kw_only=True)
class DbStats:
    """A snapshot of :meth:`Database.statistics`."""

    pending: int
    records_written: int
    flushes: int
    dropped: int
    write_error: str | None
    """Why the last write failed, while writes fail (None once one succeeds)."""


class Database:
    """The async side of one connection (see the module documentation). Open it with
    :meth:`open`; every accessor of the state package goes through one of these."""

    def __init__(
        self,
        conn: Connection,
        *,
        limiter: CapacityLimiter | None = None,
        flush_interval: float = 0.2,
        flush_max_records: int = 1000,
        max_pending: int = MAX_PENDING,
        close_timeout: float = 5.0,
    ) -> None:
        self.conn = conn
        self._limiter = limiter if limiter is not None else CapacityLimiter(1)
        self._pending: deque[Op] = deque()
        self._flush_interval = flush_interval
        self._flush_max = max(1, flush_max_records)
        self._max_pending = max(1, max_pending)
        self._close_timeout = close_timeout
        self._wake = anyio.Event()
        self._dropped = 0
        self._write_error: BaseException | None = None

    @classmethod
    @contextlib.asynccontextmanager
    async def open(
        cls,
        path: Path | None,
        *,
        flush_interval: float = 0.2,
        flush_max_records: int = 1000,
        max_pending: int = MAX_PENDING,
        close_timeout: float = 5.0,
    ) -> AsyncIterator[Database]:
        """Open the state file *path* (None: an in-memory database with the same schema),
        run the flusher while the body runs; on exit write the buffer (shielded, at most
        *close_timeout* seconds) and close."""
        opener = Connection.memory if path is None else functools.partial(Connection.open, path)
        async with cls.over(
            opener,
            flush_interval=flush_interval,
            flush_max_records=flush_max_records,
            max_pending=max_pending,
            close_timeout=close_timeout,
        ) as db:
            yield db

    @classmethod
    @contextlib.asynccontextmanager
    async def over(
        cls,
        opener: Callable[[], Connection],
        *,
        flush_interval: float = 0.2,
        flush_max_records: int = 1000,
        max_pending: int = MAX_PENDING,
        close_timeout: float = 5.0,
    ) -> AsyncIterator[Database]:
        """A database over the connection *opener* makes (in the database's thread)."""
        limiter = CapacityLimiter(1)
        try:
            with anyio.CancelScope(shield=True):  # a cancelled open must not leak the connection
                conn = await anyio.to_thread.run_sync(opener, limiter=limiter)
        except sqlite3.Error as exc:  # a file's errors are already ours
            raise StateStoreError(f"cannot open a database: {exc}") from exc
        db = cls(
            conn,
            limiter=limiter,
            flush_interval=flush_interval,
            flush_max_records=flush_max_records,
            max_pending=max_pending,
            close_timeout=close_timeout,
        )
        try:
            async with anyio.create_task_group() as tg:
                tg.start_soon(db._flusher)
                try:
                    yield db
                finally:
                    tg.cancel_scope.cancel()
        except BaseExceptionGroup as group:
            # The flusher does not fail, so a group holds what the caller's body raised:
            # give the caller its own exception back, not wrapped by our task group.
            if len(group.exceptions) != 1:
                raise
            inner = group.exceptions[0]
            raise inner from inner.__cause__
        finally:
            await db._close()

    @property
    def path(self) -> Path | None:
        return self.conn.path

    @property
    def pending(self) -> int:
        return len(self._pending)

    def statistics(self) -> DbStats:
        error = self._write_error
        return DbStats(
            pending=len(self._pending),
            records_written=self.conn.records_written,
            flushes=self.conn.flushes,
            dropped=self._dropped,
            write_error=None if error is None else f"{type(error).__name__}: {error}",
        )

    # ---- writes

    def write(self, statements: tuple[str, ...], params: tuple[Any, ...]) -> None:
        """Buffer one record (*statements* run with *params* at the next flush)."""
        self._pending.append((statements, params))
        if len(self._pending) >= self._flush_max:
            self._wake.set()
            # Only while the disk refuses writes is the buffer bounded (records are an
            # optimisation, memory is not); a healthy flusher just keeps writing.
            if self._write_error is not None and len(self._pending) > self._max_pending:
                self._pending.popleft()
                self._dropped += 1
                if self._dropped == 1:
                    log.warning(
                        "state store: cannot write and %d records are waiting; dropping the oldest",
                        self._max_pending,
                    )

    async def flush(self) -> None:
        """Write the buffer now; raises :class:`StateStoreError` if the file refuses it
        (the records stay buffered)."""
        await self._hop(None)

    async def _flusher(self) -> None:
        while True:
            with anyio.move_on_after(self._flush_interval):
                await self._wake.wait()
            self._wake = anyio.Event()
            if not self._pending:
                continue
            with contextlib.suppress(StateStoreError):  # kept and logged by _hop()
                await self._hop(None)

    def _write_failed(self, exc: BaseException) -> None:
        if self._write_error is None:
            log.warning("state store: cannot write to %s (will retry): %s", self.conn.label, exc)
        self._write_error = exc

    async def _close(self) -> None:
        conn = self.conn
        with anyio.move_on_after(self._close_timeout, shield=True) as scope:
            try:
                await self._hop(None)
            except Exception as exc:
                log.error(
                    "state store: could not write the last %d records to %s: %s",
                    len(self._pending),
                    conn.label,
                    exc,
                )
            await anyio.to_thread.run_sync(conn.close, limiter=self._limiter)
        if scope.cancelled_caught:
            log.warning(
                "state store: closing %s timed out; %d buffered records lost",
                conn.label,
                len(self._pending),
            )

    # ---- calls

    async def read(self, fn: Callable[[Connection], T]) -> T:
        """Write the buffer, then run *fn* (a read, or an unbuffered write), in one hop to
        the database's thread. A buffer the file refuses (disk full, read-only) stays
        buffered and *fn* still runs: failing it would end a whole run mid-way (hash
        lookups, journal checks) for an accelerator."""
        return cast(T, await self._hop(fn))

    async def _hop(self, fn: Callable[[Connection], T] | None) -> T | None:
        conn = self.conn
        failed: list[sqlite3.Error] = []

        def work() -> T | None:
            try:
                conn.flush_pending(self._pending)
            except sqlite3.OperationalError as exc:
                if fn is None:
                    raise
                failed.append(exc)
            return None if fn is None else fn(conn)

        try:
            result = await anyio.to_thread.run_sync(work, limiter=self._limiter)
        except sqlite3.Error as exc:
            if fn is None:
                self._write_failed(exc)
            raise StateStoreError(f"{conn.label}: {type(exc).__name__}: {exc}") from exc
        if failed:
            self._write_failed(failed[0])
        else:
            self._write_error = None
        return result


class Lookups:
    """How many keys the accessors of one store looked up (a counter they share)."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0


async def read_or(
    db: Database | None, fn: Callable[[Connection], T], default: Callable[[], T]
) -> T:
    """*fn* run by *db*, or *default()* when there is no database (the store that
    remembers nothing: callers never branch)."""
    if db is None:
        await anyio.lowlevel.checkpoint()
        return default()
    return await db.read(fn)


def no_rows() -> list[tuple[Any, ...]]:
    return []
