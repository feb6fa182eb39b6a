"""The migration journal: what a server-to-server migration already did.

One journal per *pair*: (source server, source user) -> (target server, target user). It
records, per source asset, the target asset it became and a fingerprint of the metadata
last applied to it; and, per album, stack or tag ("links"), what was created on the target
and which target assets were already added to it. A re-run (after a crash, a kill, Ctrl-C)
reads it to skip work already done: nothing is uploaded twice (the target is asked about
every checksum anyway, and answers "duplicate" for a retried upload), metadata is not
re-applied when its fingerprint is unchanged, memberships already added are not re-sent.

Storage: the ``migrate_*`` tables of the state file (schema version 4, :mod:`.schema`),
written through the state store's connection and write buffer
(:meth:`~.store.StateStore.migration_journal`); without a state file an in-memory database
gives the same interface for the length of one run. A record lost to a hard kill only costs
a little repeated work: the target's checksum dedupe is the safety net, as for uploads.

No credential is ever stored: servers are recorded as :func:`~.keys.server_key`.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any, Final

import anyio
import anyio.lowlevel
import attrs

from .db import MAX_PENDING, Connection, Database, DbStats
from .keys import server_key

__all__ = ["AssetRecord", "LinkRecord", "MigrationJournal", "PairKey"]

_ASSET: Final = (
    # A row is replaced as a whole, but a NULL fingerprint never erases a known one for the
    # same target asset (recording the mapping again after a re-upload check must not make
    # the next run think the metadata was never applied... unless the target id changed).
    "INSERT INTO migrate_assets "
    "(pair_id, source_id, checksum, target_id, status, meta_fp, recorded_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (pair_id, source_id) DO UPDATE SET "
    "checksum = excluded.checksum, status = excluded.status, "
    "meta_fp = CASE WHEN excluded.meta_fp IS NULL "
    "AND migrate_assets.target_id = excluded.target_id "
    "THEN migrate_assets.meta_fp ELSE excluded.meta_fp END, "
    "target_id = excluded.target_id, recorded_at = excluded.recorded_at",
)
_LINK: Final = (
    "INSERT OR REPLACE INTO migrate_links "
    "(pair_id, kind, source_key, target_key, fp, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
)
_MEMBER: Final = (
    "INSERT OR IGNORE INTO migrate_link_members "
    "(pair_id, kind, source_key, target_asset_id, recorded_at) VALUES (?, ?, ?, ?, ?)",
)


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


def _pair_id(conn: Connection, key: PairKey) -> int:
    values = (key.source_key, key.source_user, key.target_key, key.target_user)
    where = "source_key = ? AND source_user = ? AND target_key = ? AND target_user = ?"
    db = conn.conn
    row = db.execute(f"SELECT id FROM migrate_pairs WHERE {where}", values).fetchone()
    if row is None:
        db.execute(
            "INSERT OR IGNORE INTO migrate_pairs "
            "(source_key, source_user, target_key, target_user, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (*values, time.time()),
        )
        row = db.execute(f"SELECT id FROM migrate_pairs WHERE {where}", values).fetchone()
    return int(row[0])


class MigrationJournal:
    """The journal of one source -> target pair: from
    :meth:`~.store.StateStore.migration_journal`, or :meth:`open` on a file."""

    def __init__(self, db: Database, pair_id: int, key: PairKey) -> None:
        self._db = db
        self._pair = pair_id
        self.key = key
        self.persistent = db.path is not None

    def __repr__(self) -> str:
        k = self.key
        return f"MigrationJournal({k.source_key!r} -> {k.target_key!r})"

    @classmethod
    async def on(cls, db: Database, key: PairKey) -> MigrationJournal:
        """The journal of *key* in an open database (which owns the connection)."""
        return cls(db, await db.read(lambda c: _pair_id(c, key)), key)

    @classmethod
    @contextlib.asynccontextmanager
    async def open(
        cls,
        path: Path | None,
        key: PairKey,
        *,
        flush_interval: float = 0.5,
        max_pending: int = MAX_PENDING,
    ) -> AsyncIterator[MigrationJournal]:
        """The journal of *key* in the state file *path* (None: in memory, this run only).

        On a normal exit the buffer is written, and a file that refuses it raises
        :class:`~.errors.StateStoreError`."""
        async with Database.open(
            path, flush_interval=flush_interval, max_pending=max_pending
        ) as db:
            journal = await cls.on(db, key)
            yield journal
            await journal.flush()

    def statistics(self) -> DbStats:
        """The counters of the database the journal writes to."""
        return self._db.statistics()

    async def flush(self) -> None:
        """Write the buffered records now (shielded from cancellation)."""
        with anyio.CancelScope(shield=True):
            await self._db.flush()

    async def _rows(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        return await self._db.read(lambda c: c.query(sql, params))

    # ---- assets

    async def assets(self, source_ids: Iterable[str]) -> dict[str, AssetRecord]:
        """The records of those source assets that reached the target."""
        keys = list(dict.fromkeys(source_ids))
        if not keys:
            await anyio.lowlevel.checkpoint()
            return {}
        rows = await self._db.read(
            lambda c: c.select_in(
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
        self._db.write(
            _ASSET,
            (self._pair, source_id, bytes(checksum), target_id, status, meta_fp, time.time()),
        )

    async def asset_count(self) -> int:
        rows = await self._rows(
            "SELECT count(*) FROM migrate_assets WHERE pair_id = ?", (self._pair,)
        )
        return int(rows[0][0]) if rows else 0

    # ---- links (albums, stacks, tags)

    async def link(self, kind: str, source_key: str) -> LinkRecord | None:
        rows = await self._rows(
            "SELECT kind, source_key, target_key, fp, recorded_at FROM migrate_links "
            "WHERE pair_id = ? AND kind = ? AND source_key = ?",
            (self._pair, kind, source_key),
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
        self._db.write(_LINK, (self._pair, kind, source_key, target_key, fp, time.time()))

    async def link_members(self, kind: str, source_key: str, target_ids: Iterable[str]) -> set[str]:
        """Those of *target_ids* recorded as already added to the link."""
        keys = list(dict.fromkeys(target_ids))
        if not keys:
            await anyio.lowlevel.checkpoint()
            return set()
        rows = await self._db.read(
            lambda c: c.select_in(
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
            self._db.write(_MEMBER, (self._pair, kind, source_key, target_id, now))
