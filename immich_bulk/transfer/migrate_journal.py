"""The migration journal: what a server-to-server migration already did.

One journal per *pair*: (source server, source user) -> (target server, target user). It
records, per source asset, the target asset it became and a fingerprint of the metadata
last applied to it; and, per album, stack or tag ("links"), what was created on the target
and which target assets were already added to it. A re-run (after a crash, a kill, Ctrl-C)
reads it to skip work already done: nothing is uploaded twice (the target is asked about
every checksum anyway, and answers "duplicate" for a retried upload), metadata is not
re-applied when its fingerprint is unchanged, memberships already added are not re-sent.

Storage: the tables live in the shared state file (the one :class:`~.state.StateStore`
opens), with the prefix ``migrate_``, created on first use with ``CREATE TABLE IF NOT
EXISTS``; this module opens its own connection to that file (WAL mode and a busy timeout
make the two connections safe together). Without a state file (``state_path=None``) an
in-memory database gives the same interface for the length of one run.

Writes are buffered and written in one transaction every ``flush_interval`` seconds, on
:meth:`MigrationJournal.flush`, before every read, and when the journal is closed
(shielded from cancellation). A record lost to a hard kill only costs a little repeated
work: the target's checksum dedupe is the safety net, as for uploads.

No credential is ever stored: servers are recorded as :func:`~.state.server_key`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar

import anyio
import anyio.lowlevel
import anyio.to_thread
import attrs

from .state import StateStoreError, server_key

__all__ = ["AssetRecord", "LinkRecord", "MigrationJournal", "PairKey"]

T = TypeVar("T")

_CHUNK = 500
_BUSY_TIMEOUT = 10.0

#: The tables (and the index) this module owns in the state file.
SCHEMA: Final = (
    """CREATE TABLE IF NOT EXISTS migrate_pairs (
        id INTEGER PRIMARY KEY,
        source_key TEXT NOT NULL,
        source_user TEXT NOT NULL,
        target_key TEXT NOT NULL,
        target_user TEXT NOT NULL,
        created_at REAL NOT NULL,
        UNIQUE (source_key, source_user, target_key, target_user)
    )""",
    """CREATE TABLE IF NOT EXISTS migrate_assets (
        pair_id INTEGER NOT NULL,
        source_id TEXT NOT NULL,
        checksum BLOB NOT NULL CHECK (length(checksum) = 20),
        target_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('uploaded', 'existing')),
        meta_fp TEXT,
        recorded_at REAL NOT NULL,
        PRIMARY KEY (pair_id, source_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS migrate_links (
        pair_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        source_key TEXT NOT NULL,
        target_key TEXT NOT NULL,
        fp TEXT NOT NULL,
        recorded_at REAL NOT NULL,
        PRIMARY KEY (pair_id, kind, source_key)
    ) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS migrate_link_members (
        pair_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        source_key TEXT NOT NULL,
        target_asset_id TEXT NOT NULL,
        recorded_at REAL NOT NULL,
        PRIMARY KEY (pair_id, kind, source_key, target_asset_id)
    ) WITHOUT ROWID""",
)

_WRITES: Final = {
    # A row is replaced as a whole, but a NULL fingerprint never erases a known one for the
    # same target asset (recording the mapping again after a re-upload check must not make
    # the next run think the metadata was never applied... unless the target id changed).
    "asset": (
        "INSERT INTO migrate_assets "
        "(pair_id, source_id, checksum, target_id, status, meta_fp, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (pair_id, source_id) DO UPDATE SET "
        "checksum = excluded.checksum, status = excluded.status, "
        "meta_fp = CASE WHEN excluded.meta_fp IS NULL "
        "AND migrate_assets.target_id = excluded.target_id "
        "THEN migrate_assets.meta_fp ELSE excluded.meta_fp END, "
        "target_id = excluded.target_id, recorded_at = excluded.recorded_at"
    ),
    "link": (
        "INSERT OR REPLACE INTO migrate_links "
        "(pair_id, kind, source_key, target_key, fp, recorded_at) VALUES (?, ?, ?, ?, ?, ?)"
    ),
    "member": (
        "INSERT OR IGNORE INTO migrate_link_members "
        "(pair_id, kind, source_key, target_asset_id, recorded_at) VALUES (?, ?, ?, ?, ?)"
    ),
}


@attrs.frozen(kw_only=True)
class PairKey:
    """Which migration a journal belongs to (servers as :func:`server_key`, user ids)."""

    source_key: str
    source_user: str
    target_key: str
    target_user: str

    @classmethod
    def of(cls, source_url: str, source_user: str, target_url: str, target_user: str) -> PairKey:
        return cls(
            source_key=server_key(source_url),
            source_user=source_user.strip().lower(),
            target_key=server_key(target_url),
            target_user=target_user.strip().lower(),
        )


@attrs.frozen(kw_only=True)
class AssetRecord:
    """A source asset that reached the target."""

    source_id: str
    checksum: bytes
    target_id: str
    status: str  # uploaded (by a migration) | existing (the target had it)
    meta_fp: str | None  # fingerprint of the metadata applied; None: not yet
    recorded_at: float


@attrs.frozen(kw_only=True)
class LinkRecord:
    """An album, stack or tag applied on the target."""

    kind: str
    source_key: str
    target_key: str
    fp: str
    recorded_at: float


class _Db:
    """The connection; used only from worker threads, one at a time."""

    def __init__(self, conn: sqlite3.Connection, label: str) -> None:
        self.conn = conn
        self.label = label

    @classmethod
    def open(cls, path: Path | None) -> _Db:
        target = ":memory:" if path is None else os.fspath(path)
        conn = sqlite3.connect(
            target, timeout=_BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout={int(_BUSY_TIMEOUT * 1000)}")
            if path is not None:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("BEGIN IMMEDIATE")
            for statement in SCHEMA:
                conn.execute(statement)
            conn.execute("COMMIT")
        except BaseException:
            conn.close()
            raise
        return cls(conn, "in-memory journal" if path is None else os.fsdecode(path))

    def pair_id(self, key: PairKey) -> int:
        values = (key.source_key, key.source_user, key.target_key, key.target_user)
        where = "source_key = ? AND source_user = ? AND target_key = ? AND target_user = ?"
        row = self.conn.execute(f"SELECT id FROM migrate_pairs WHERE {where}", values).fetchone()
        if row is None:
            self.conn.execute(
                "INSERT OR IGNORE INTO migrate_pairs "
                "(source_key, source_user, target_key, target_user, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (*values, time.time()),
            )
            row = self.conn.execute(
                f"SELECT id FROM migrate_pairs WHERE {where}", values
            ).fetchone()
        return int(row[0])

    def write(self, ops: Sequence[tuple[str, tuple[Any, ...]]]) -> None:
        if not ops:
            return
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for kind, params in ops:
                conn.execute(_WRITES[kind], params)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def select_in(
        self, prefix: str, fixed: Sequence[Any], keys: Sequence[Any]
    ) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            sql = f"{prefix} IN ({', '.join('?' * len(chunk))})"
            rows.extend(self.conn.execute(sql, [*fixed, *chunk]).fetchall())
        return rows

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, params).fetchall()

    def close(self) -> None:
        self.conn.close()


class MigrationJournal:
    """The journal of one source -> target pair. Open it with :meth:`open`."""

    def __init__(self, db: _Db, pair_id: int, key: PairKey, *, flush_interval: float) -> None:
        self._db = db
        self._pair = pair_id
        self.key = key
        self._pending: deque[tuple[str, tuple[Any, ...]]] = deque()
        self._limiter = anyio.CapacityLimiter(1)
        self._flush_interval = flush_interval
        self._wake = anyio.Event()
        self.persistent = db.label != "in-memory journal"

    def __repr__(self) -> str:
        k = self.key
        return f"MigrationJournal({k.source_key!r} -> {k.target_key!r})"

    @classmethod
    @contextlib.asynccontextmanager
    async def open(
        cls, path: Path | None, key: PairKey, *, flush_interval: float = 0.5
    ) -> AsyncIterator[MigrationJournal]:
        """The journal of *key* in the state file *path* (None: in memory, this run only)."""
        limiter = anyio.CapacityLimiter(1)

        def opener() -> tuple[_Db, int]:
            db = _Db.open(path)
            try:
                return db, db.pair_id(key)
            except BaseException:
                db.close()
                raise

        try:
            db, pair = await anyio.to_thread.run_sync(opener, limiter=limiter)
        except sqlite3.Error as exc:
            shown = "memory" if path is None else os.fsdecode(path)
            raise StateStoreError(f"cannot open the migration journal in {shown}: {exc}") from exc
        journal = cls(db, pair, key, flush_interval=flush_interval)
        journal._limiter = limiter
        try:
            async with anyio.create_task_group() as tg:
                tg.start_soon(journal._flusher)
                try:
                    yield journal
                finally:
                    tg.cancel_scope.cancel()
        finally:
            with anyio.CancelScope(shield=True):
                try:
                    await journal._call(None)
                finally:
                    await anyio.to_thread.run_sync(db.close, limiter=limiter)

    # ---- plumbing

    async def _flusher(self) -> None:
        while True:
            with anyio.move_on_after(self._flush_interval):
                await self._wake.wait()
            self._wake = anyio.Event()
            if self._pending:
                with contextlib.suppress(StateStoreError):
                    await self._call(None)

    async def _call(self, fn: Callable[[_Db], T] | None) -> T | None:
        db = self._db
        pending = self._pending

        def work() -> T | None:
            ops = []
            while pending:
                ops.append(pending.popleft())
            try:
                db.write(ops)
            except BaseException:
                pending.extendleft(reversed(ops))
                raise
            return fn(db) if fn is not None else None

        try:
            return await anyio.to_thread.run_sync(work, limiter=self._limiter)
        except sqlite3.Error as exc:
            raise StateStoreError(f"migration journal ({db.label}): {exc}") from exc

    async def _rows(self, fn: Callable[[_Db], list[tuple[Any, ...]]]) -> list[tuple[Any, ...]]:
        rows = await self._call(fn)
        return rows or []

    def _write(self, kind: str, params: tuple[Any, ...]) -> None:
        self._pending.append((kind, params))
        if len(self._pending) >= 1000:
            self._wake.set()

    async def flush(self) -> None:
        """Write the buffered records now (shielded from cancellation)."""
        with anyio.CancelScope(shield=True):
            await self._call(None)

    # ---- assets

    async def assets(self, source_ids: Iterable[str]) -> dict[str, AssetRecord]:
        """The records of those source assets that reached the target."""
        keys = list(dict.fromkeys(source_ids))
        if not keys:
            await anyio.lowlevel.checkpoint()
            return {}
        rows = await self._rows(
            lambda db: db.select_in(
                "SELECT source_id, checksum, target_id, status, meta_fp, recorded_at "
                "FROM migrate_assets WHERE pair_id = ? AND source_id",
                (self._pair,),
                keys,
            )
        )
        return {
            str(r[0]): AssetRecord(
                source_id=str(r[0]),
                checksum=bytes(r[1]),
                target_id=str(r[2]),
                status=str(r[3]),
                meta_fp=None if r[4] is None else str(r[4]),
                recorded_at=float(r[5]),
            )
            for r in rows
        }

    async def target_ids(self, source_ids: Iterable[str]) -> dict[str, str]:
        """``{source asset id: target asset id}`` for those that reached the target."""
        return {k: v.target_id for k, v in (await self.assets(source_ids)).items()}

    def record_asset(
        self,
        source_id: str,
        *,
        checksum: bytes,
        target_id: str,
        status: str,
        meta_fp: str | None = None,
    ) -> None:
        """Record that *source_id* is *target_id* on the target (buffered). A ``None``
        fingerprint keeps the one recorded for the same target asset."""
        if status not in ("uploaded", "existing"):
            raise ValueError(f"status must be 'uploaded' or 'existing', not {status!r}")
        if len(checksum) != 20:
            raise ValueError("checksum must be the 20 raw bytes of a SHA-1")
        self._write(
            "asset",
            (self._pair, source_id, bytes(checksum), target_id, status, meta_fp, time.time()),
        )

    async def asset_count(self) -> int:
        rows = await self._rows(
            lambda db: db.query(
                "SELECT count(*) FROM migrate_assets WHERE pair_id = ?", (self._pair,)
            )
        )
        return int(rows[0][0]) if rows else 0

    # ---- links (albums, stacks, tags)

    async def link(self, kind: str, source_key: str) -> LinkRecord | None:
        rows = await self._rows(
            lambda db: db.query(
                "SELECT kind, source_key, target_key, fp, recorded_at FROM migrate_links "
                "WHERE pair_id = ? AND kind = ? AND source_key = ?",
                (self._pair, kind, source_key),
            )
        )
        if not rows:
            return None
        r = rows[0]
        return LinkRecord(
            kind=str(r[0]),
            source_key=str(r[1]),
            target_key=str(r[2]),
            fp=str(r[3]),
            recorded_at=float(r[4]),
        )

    def record_link(self, kind: str, source_key: str, *, target_key: str, fp: str) -> None:
        self._write("link", (self._pair, kind, source_key, target_key, fp, time.time()))

    async def link_members(self, kind: str, source_key: str, target_ids: Iterable[str]) -> set[str]:
        """Those of *target_ids* recorded as already added to the link."""
        keys = list(dict.fromkeys(target_ids))
        if not keys:
            await anyio.lowlevel.checkpoint()
            return set()
        rows = await self._rows(
            lambda db: db.select_in(
                "SELECT target_asset_id FROM migrate_link_members "
                "WHERE pair_id = ? AND kind = ? AND source_key = ? AND target_asset_id",
                (self._pair, kind, source_key),
                keys,
            )
        )
        return {str(r[0]) for r in rows}

    def record_link_members(self, kind: str, source_key: str, target_ids: Iterable[str]) -> None:
        now = time.time()
        for target_id in dict.fromkeys(target_ids):
            self._write("member", (self._pair, kind, source_key, target_id, now))
