"""The state store: the async face of one state file (see the package documentation)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Iterable
from pathlib import Path

import anyio
import anyio.lowlevel
import attrs

from ..local.fsutil import FileIdentity, StrPath
from .db import MAX_PENDING, Database, Lookups, read_or
from .hashes import HashCache
from .journal import ServerJournal, account_id
from .keys import DEFAULT_PATH, StatePath, resolve_state_path, server_key
from .migration import MigrationJournal, PairKey
from .queues import PausedQueueRecords, PausedQueues

__all__ = ["StateStats", "StateStore"]

log = logging.getLogger(__name__)


@attrs.frozen(kw_only=True)
class StateStats:
    """A snapshot of :meth:`StateStore.statistics`."""

    pending: int
    """Records buffered, not yet written."""
    records_written: int
    flushes: int
    lookups: int
    """Keys looked up (hashes, uploads, albums, downloads)."""
    dropped: int
    """Records dropped because the disk refused them for too long."""
    write_error: str | None = None
    """Why writing failed, while it fails (None once a write succeeds)."""


class StateStore:
    """The state store (see the package documentation). Create it with :meth:`open`."""

    def __init__(self, db: Database | None) -> None:
        self._db = db
        self._lookups = Lookups()
        self._hashes = HashCache(db, self._lookups)
        self._queues = PausedQueueRecords(db)

    # ---- lifecycle

    @classmethod
    @contextlib.asynccontextmanager
    async def open(
        cls,
        path: StatePath = DEFAULT_PATH,
        *,
        flush_interval: float = 0.2,
        flush_max_records: int = 1000,
        max_pending: int = MAX_PENDING,
        close_timeout: float = 5.0,
    ) -> AsyncIterator[StateStore]:
        """Open (creating, migrating or recovering as needed) the store at *path*.

        ``DEFAULT_PATH`` (the default) is :func:`default_state_path`; ``None`` gives a
        store that remembers nothing. On exit the buffer is written (shielded from
        cancellation, at most *close_timeout* seconds) and the file closed.
        """
        real = resolve_state_path(path)
        if real is None:
            yield cls(None)
            return
        async with Database.open(
            real,
            flush_interval=flush_interval,
            flush_max_records=flush_max_records,
            max_pending=max_pending,
            close_timeout=close_timeout,
        ) as db:
            yield cls(db)

    @property
    def path(self) -> Path | None:
        """The state file, or None for the store that remembers nothing."""
        return None if self._db is None else self._db.path

    @property
    def persistent(self) -> bool:
        """False for the store opened with ``path=None``."""
        return self._db is not None

    def statistics(self) -> StateStats:
        """Counters (a snapshot)."""
        db = self._db
        if db is None:
            return StateStats(
                pending=0, records_written=0, flushes=0, lookups=self._lookups.count, dropped=0
            )
        stats = db.statistics()
        return StateStats(
            pending=stats.pending,
            records_written=stats.records_written,
            flushes=stats.flushes,
            lookups=self._lookups.count,
            dropped=stats.dropped,
            write_error=stats.write_error,
        )

    async def flush(self, *, timeout: float = 5.0) -> bool:  # noqa: ASYNC109
        """Write the buffered records now.

        Shielded from cancellation for up to *timeout* seconds (a cancelled caller still
        gets its data written, then sees the cancellation). Returns False if the timeout
        expired first (the records stay buffered); raises :class:`StateStoreError` if
        the file refuses them.
        """
        done = False
        with anyio.move_on_after(timeout, shield=True):
            if self._db is not None:
                await self._db.flush()
            done = True
        if not done:
            log.warning(
                "state store: flush timed out after %.1fs with %d records buffered",
                timeout,
                self.statistics().pending,
            )
        await anyio.lowlevel.checkpoint()
        return done

    # ---- hash cache

    async def get_hashes(self, identities: Iterable[FileIdentity]) -> dict[FileIdentity, bytes]:
        """The cached SHA-1 (20 bytes) of each identity that has one (one query per 500)."""
        return await self._hashes.get_hashes(identities)

    async def get_hash(self, identity: FileIdentity) -> bytes | None:
        """The cached SHA-1 of one file, or None (concurrent calls share one query)."""
        return await self._hashes.get_hash(identity)

    def put_hash(self, identity: FileIdentity, sha1: bytes, path: StrPath | None = None) -> None:
        """Remember *sha1* for the file *identity* (buffered; *path* is for debugging)."""
        self._hashes.put_hash(identity, sha1, path)

    # ---- journals

    async def journal(self, server_url: str, user_id: str) -> ServerJournal:
        """The upload/album/download journal of one user on one server.

        *server_url* may be any URL of the server (it is reduced with :func:`server_key`,
        so credentials in it are never stored); *user_id* is the Immich user id.
        """
        key = server_key(server_url)
        user = str(user_id).strip().lower()
        if not user:
            raise ValueError("user_id must not be empty")
        account = await read_or(self._db, lambda c: account_id(c, key, user), int)
        return ServerJournal(self._db, self._lookups, account, key, user)

    @contextlib.asynccontextmanager
    async def migration_journal(self, key: PairKey) -> AsyncIterator[MigrationJournal]:
        """The migration journal of *key*, written through this store's connection and
        buffer (the store that remembers nothing gives an in-memory one, for one run)."""
        if self._db is None:
            async with MigrationJournal.open(None, key) as journal:
                yield journal
        else:
            yield await MigrationJournal.on(self._db, key)

    # ---- paused queues (written at once, not buffered; one record per server and run)

    async def set_paused_queues(
        self, server_url: str, queues: Iterable[str], *, owner: str
    ) -> None:
        """Record (durably, before returning) the queues run *owner* paused on a server;
        an empty list forgets that run's record."""
        await self._queues.set(server_url, queues, owner=owner)

    async def paused_queues(self, server_url: str) -> list[PausedQueues]:
        """The records of queues paused on one server, one per run that paused some."""
        return await self._queues.of_server(server_url)

    async def all_paused_queues(self) -> list[PausedQueues]:
        """Every record of paused queues, on any server (e.g. after a crash)."""
        return await self._queues.all()

    async def clear_paused_queues(self, server_url: str, *, owner: str) -> None:
        """Forget the record of run *owner* on a server (after resuming its queues)."""
        await self._queues.clear(server_url, owner=owner)
