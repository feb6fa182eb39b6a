"""The hash cache: ``(dev, ino, size, mtime_ns, ctime_ns, generation) -> sha1``.

One row per inode (a changed file replaces its old row), so a re-run does not hash again
what it hashed before. ``st_dev`` and ``st_ino`` are unsigned 64-bit numbers, stored as
SQLite's signed INTEGER.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Iterable, Sequence
from typing import Final

import anyio
import anyio.lowlevel

from ..local.fsutil import FileIdentity, StrPath
from .db import QUERY_CHUNK, Connection, Database, Lookups, chunks, read_or
from .errors import StateStoreError

__all__ = ["HashCache", "select_hashes"]

_U64 = 1 << 64
_I63 = 1 << 63

_PUT: Final = (
    "INSERT OR REPLACE INTO hash_cache "
    "(dev, ino, size, mtime_ns, ctime_ns, generation, sha1, path, hashed_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
)


def s64(value: int) -> int:
    """An unsigned 64-bit number (st_dev, st_ino) as SQLite's signed INTEGER."""
    return value - _U64 if value >= _I63 else value


def path_blob(path: StrPath | None) -> bytes | None:
    return None if path is None else os.fsencode(path)


def select_hashes(
    conn: Connection, identities: Sequence[FileIdentity]
) -> dict[FileIdentity, bytes]:
    """The cached digests of *identities* (runs in the database's thread)."""
    # One indexed query per device and 500 inodes ("(dev, ino) IN (VALUES ...)" would
    # scan the whole table).
    by_dev: dict[int, list[FileIdentity]] = {}
    for ident in identities:
        by_dev.setdefault(ident.dev, []).append(ident)
    found: dict[FileIdentity, bytes] = {}
    for dev, idents in by_dev.items():
        for chunk in chunks(idents):
            inos = list({s64(i.ino) for i in chunk})
            sql = (
                "SELECT ino, size, mtime_ns, ctime_ns, generation, sha1 FROM hash_cache "
                f"WHERE dev = ? AND ino IN ({', '.join(['?'] * len(inos))})"
            )
            rows = conn.conn.execute(sql, [s64(dev), *inos]).fetchall()
            by_ino = {row[0]: row for row in rows}
            for ident in chunk:
                row = by_ino.get(s64(ident.ino))
                if row is not None and row[1:5] == (
                    ident.size,
                    ident.mtime_ns,
                    ident.ctime_ns,
                    s64(ident.generation),
                ):
                    found[ident] = bytes(row[5])
    return found


def _no_hashes() -> dict[FileIdentity, bytes]:
    return {}


class _Lookup:
    __slots__ = ("error", "event", "key", "value")

    def __init__(self, key: FileIdentity) -> None:
        self.key = key
        self.event = anyio.Event()
        self.value: bytes | None = None
        self.error: BaseException | None = None


class HashCache:
    """The hash cache of one store (``db`` None: remembers nothing)."""

    def __init__(self, db: Database | None, lookups: Lookups) -> None:
        self._db = db
        self._lookups = lookups
        self._waiting: list[_Lookup] = []
        self._leader = False

    async def get_hashes(self, identities: Iterable[FileIdentity]) -> dict[FileIdentity, bytes]:
        """The cached SHA-1 (20 bytes) of each identity that has one (one query per 500)."""
        keys = list(dict.fromkeys(identities))
        self._lookups.count += len(keys)
        if not keys:
            await anyio.lowlevel.checkpoint()
            return {}
        return await read_or(self._db, lambda c: select_hashes(c, keys), _no_hashes)

    async def get_hash(self, identity: FileIdentity) -> bytes | None:
        """The cached SHA-1 of one file, or None.

        Concurrent calls are coalesced: the first caller runs one query for everything
        asked meanwhile.
        """
        db = self._db
        if db is None:
            await anyio.lowlevel.checkpoint()
            return None
        slot = _Lookup(identity)
        self._waiting.append(slot)
        if self._leader:
            await slot.event.wait()
        else:
            self._leader = True
            try:
                with anyio.CancelScope(shield=True):
                    await anyio.lowlevel.checkpoint()  # let concurrent callers queue up
                    while self._waiting:
                        batch = self._waiting[:QUERY_CHUNK]
                        del self._waiting[:QUERY_CHUNK]
                        keys = [s.key for s in batch]
                        self._lookups.count += len(keys)
                        try:
                            found = await db.read(functools.partial(select_hashes, identities=keys))
                        except Exception as exc:
                            for s in batch:
                                s.error = exc
                                s.event.set()
                            continue
                        for s in batch:
                            s.value = found.get(s.key)
                            s.event.set()
            finally:
                self._leader = False
            await anyio.lowlevel.checkpoint_if_cancelled()
        if slot.error is not None:
            raise StateStoreError(str(slot.error)) from slot.error
        return slot.value

    def put_hash(self, identity: FileIdentity, sha1: bytes, path: StrPath | None = None) -> None:
        """Remember *sha1* for the file *identity* (buffered; *path* is for debugging)."""
        if len(sha1) != 20:
            raise ValueError("sha1 must be the 20 raw bytes of the digest")
        if self._db is None:
            return
        self._db.write(
            _PUT,
            (
                s64(identity.dev),
                s64(identity.ino),
                identity.size,
                identity.mtime_ns,
                identity.ctime_ns,
                s64(identity.generation),
                bytes(sha1),
                path_blob(path),
                time.time(),
            ),
        )
