"""The one schema authority of the state file: every table, in numbered migrations.

``PRAGMA user_version`` is the schema version of a file; ``MIGRATIONS[v]`` upgrades a file
from version ``v`` to ``v + 1`` inside one ``BEGIN IMMEDIATE`` transaction, so a file is
always at one version, and two processes opening an old file at once migrate it once.
Migrations are append-only: a released one is never edited (an older file must upgrade
the way it always did); a change is a new migration. Every open checks that the tables
and columns of the current version are there (:data:`EXPECTED_COLUMNS`); a file that
lacks one is damaged (see :mod:`.db`).

Versions: 1 the hash cache, upload/album/download journals and paused queues; 2 paused
queues per run; 3 the hash cache keyed by ctime and generation, the sidecar of an upload;
4 the migration journal (tables a previous release created on first use: kept as they are).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from .errors import StateStoreError, StateStoreVersionError

__all__ = [
    "APPLICATION_ID",
    "EXPECTED_COLUMNS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Corrupt",
    "check_and_migrate",
]

log = logging.getLogger(__name__)

#: ``PRAGMA application_id`` of an immich-bulk state file ("IMMB").
APPLICATION_ID: Final = 0x494D4D42
BUSY_TIMEOUT: Final = 10.0  # seconds SQLite waits for another process's write lock


class Corrupt(Exception):
    """Internal: the file is damaged and should be moved aside."""


_SCHEMA_V1: Final = (
    """CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE hash_cache (
        dev INTEGER NOT NULL,
        ino INTEGER NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        sha1 BLOB NOT NULL CHECK (length(sha1) = 20),
        path BLOB,
        hashed_at REAL NOT NULL,
        PRIMARY KEY (dev, ino)
    ) WITHOUT ROWID""",
    """CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        server_key TEXT NOT NULL,
        user_id TEXT NOT NULL,
        created_at REAL NOT NULL,
        UNIQUE (server_key, user_id)
    )""",
    """CREATE TABLE uploads (
        account_id INTEGER NOT NULL,
        sha1 BLOB NOT NULL CHECK (length(sha1) = 20),
        asset_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('uploaded', 'duplicate')),
        path BLOB,
        recorded_at REAL NOT NULL,
        PRIMARY KEY (account_id, sha1)
    ) WITHOUT ROWID""",
    """CREATE TABLE albums (
        account_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        album_id TEXT NOT NULL,
        recorded_at REAL NOT NULL,
        PRIMARY KEY (account_id, name)
    ) WITHOUT ROWID""",
    "CREATE INDEX albums_by_id ON albums (account_id, album_id)",
    """CREATE TABLE album_assets (
        account_id INTEGER NOT NULL,
        album_id TEXT NOT NULL,
        asset_id TEXT NOT NULL,
        recorded_at REAL NOT NULL,
        PRIMARY KEY (account_id, album_id, asset_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE downloads (
        account_id INTEGER NOT NULL,
        asset_id TEXT NOT NULL,
        path BLOB NOT NULL,
        checksum BLOB,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        recorded_at REAL NOT NULL,
        PRIMARY KEY (account_id, asset_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX downloads_by_path ON downloads (account_id, path)",
    """CREATE TABLE paused_queues (
        server_key TEXT PRIMARY KEY,
        queues TEXT NOT NULL,
        paused_at REAL NOT NULL
    ) WITHOUT ROWID""",
)


def _migrate_0_to_1(conn: sqlite3.Connection) -> None:
    for statement in _SCHEMA_V1:
        conn.execute(statement)
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('created_at', ?)", (str(time.time()),)
    )


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    # paused queues per run (server, owner): two runs against one server, sharing the
    # state file, no longer overwrite or resume each other's record
    conn.execute(
        """CREATE TABLE paused_queues_v2 (
            server_key TEXT NOT NULL,
            owner TEXT NOT NULL,
            queues TEXT NOT NULL,
            paused_at REAL NOT NULL,
            PRIMARY KEY (server_key, owner)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        "INSERT INTO paused_queues_v2 (server_key, owner, queues, paused_at) "
        "SELECT server_key, '', queues, paused_at FROM paused_queues"
    )
    conn.execute("DROP TABLE paused_queues")
    conn.execute("ALTER TABLE paused_queues_v2 RENAME TO paused_queues")


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    # The hash cache is keyed by the inode change time (and generation) too: without it, a
    # file edited in place whose mtime was put back kept its old digest, was taken for
    # "already uploaded" and could be deleted. Old rows lack the ctime, so they cannot be
    # trusted: they go (each file is hashed once more).
    conn.execute("DELETE FROM hash_cache")
    conn.execute("ALTER TABLE hash_cache ADD COLUMN ctime_ns INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE hash_cache ADD COLUMN generation INTEGER NOT NULL DEFAULT 0")
    # The sidecar the server received with an asset: a local sidecar is deleted only when
    # its bytes are those.
    conn.execute(
        "ALTER TABLE uploads ADD COLUMN sidecar_sha1 BLOB "
        "CHECK (sidecar_sha1 IS NULL OR length(sidecar_sha1) = 20)"
    )


def _migrate_3_to_4(conn: sqlite3.Connection) -> None:
    # The migration journal: per (source server, user) -> (target server, user) pair, the
    # target asset each source asset became and the metadata fingerprint applied; per
    # album, stack or tag ("link") what was created on the target and its members. Until
    # version 4 the journal created these tables itself on first use, so a version 3 file
    # may hold them already, with their rows: IF NOT EXISTS keeps those.
    conn.execute(
        """CREATE TABLE IF NOT EXISTS migrate_pairs (
            id INTEGER PRIMARY KEY,
            source_key TEXT NOT NULL,
            source_user TEXT NOT NULL,
            target_key TEXT NOT NULL,
            target_user TEXT NOT NULL,
            created_at REAL NOT NULL,
            UNIQUE (source_key, source_user, target_key, target_user)
        )"""
    )
    conn.execute(
        """CREATE TABLE IF NOT EXISTS migrate_assets (
            pair_id INTEGER NOT NULL,
            source_id TEXT NOT NULL,
            checksum BLOB NOT NULL CHECK (length(checksum) = 20),
            target_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('uploaded', 'existing')),
            meta_fp TEXT,
            recorded_at REAL NOT NULL,
            PRIMARY KEY (pair_id, source_id)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """CREATE TABLE IF NOT EXISTS migrate_links (
            pair_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            source_key TEXT NOT NULL,
            target_key TEXT NOT NULL,
            fp TEXT NOT NULL,
            recorded_at REAL NOT NULL,
            PRIMARY KEY (pair_id, kind, source_key)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """CREATE TABLE IF NOT EXISTS migrate_link_members (
            pair_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            source_key TEXT NOT NULL,
            target_asset_id TEXT NOT NULL,
            recorded_at REAL NOT NULL,
            PRIMARY KEY (pair_id, kind, source_key, target_asset_id)
        ) WITHOUT ROWID"""
    )


#: ``MIGRATIONS[v]`` upgrades a file from version ``v`` to ``v + 1``. Append only.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _migrate_0_to_1,
    _migrate_1_to_2,
    _migrate_2_to_3,
    _migrate_3_to_4,
]
#: The schema version this code writes (``PRAGMA user_version``).
SCHEMA_VERSION: int = len(MIGRATIONS)

#: Tables (and columns) the current schema must have; checked on every open.
EXPECTED_COLUMNS: Final = {
    "meta": {"key", "value"},
    "hash_cache": {
        "dev", "ino", "size", "mtime_ns", "ctime_ns", "generation", "sha1", "path", "hashed_at",
    },
    "accounts": {"id", "server_key", "user_id", "created_at"},
    "uploads": {"account_id", "sha1", "asset_id", "status", "path", "recorded_at", "sidecar_sha1"},
    "albums": {"account_id", "name", "album_id", "recorded_at"},
    "album_assets": {"account_id", "album_id", "asset_id", "recorded_at"},
    "downloads": {"account_id", "asset_id", "path", "checksum", "size", "mtime_ns", "recorded_at"},
    "paused_queues": {"server_key", "owner", "queues", "paused_at"},
    "migrate_pairs": {
        "id", "source_key", "source_user", "target_key", "target_user", "created_at",
    },
    "migrate_assets": {
        "pair_id", "source_id", "checksum", "target_id", "status", "meta_fp", "recorded_at",
    },
    "migrate_links": {"pair_id", "kind", "source_key", "target_key", "fp", "recorded_at"},
    "migrate_link_members": {
        "pair_id", "kind", "source_key", "target_asset_id", "recorded_at",
    },
}  # fmt: skip


def _pragma(conn: sqlite3.Connection, name: str) -> Any:
    row = conn.execute(f"PRAGMA {name}").fetchone()
    return None if row is None else row[0]


def check_and_migrate(conn: sqlite3.Connection, path: Path | None) -> None:
    """Check that *conn* is a state file this code can use and bring it to the current
    version. Raises :class:`Corrupt` for a damaged file, :class:`StateStoreError` for a
    file that is not ours and :class:`StateStoreVersionError` for a newer one.

    *path* None: an in-memory database (no WAL, nothing to check)."""
    # The module globals are read at call time (a test may add a migration).
    version_now = SCHEMA_VERSION
    app_id = int(_pragma(conn, "application_id"))  # "file is not a database" shows here
    version = int(_pragma(conn, "user_version"))
    shown = ":memory:" if path is None else os.fsdecode(path)
    if app_id not in (0, APPLICATION_ID):
        raise StateStoreError(
            f"{shown!r} is not an immich-bulk state file (SQLite application id {app_id:#x})"
        )
    if version > version_now:
        raise StateStoreVersionError(Path(shown), version, version_now)
    tables = {
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not str(row[0]).startswith("sqlite_")
    }
    if app_id == 0 and version == 0 and tables:
        raise StateStoreError(
            f"{shown!r} is a SQLite database of another application (tables: "
            f"{', '.join(sorted(tables)[:5])}), not an immich-bulk state file"
        )
    if tables:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise Corrupt("integrity check failed: " + "; ".join(map(str, problems)))
    if path is not None and str(_pragma(conn, "journal_mode=WAL")).lower() != "wal":
        log.warning("state file %s: WAL mode unavailable; using rollback journal", shown)
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT * 1000)}")
    while version < version_now:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = int(_pragma(conn, "user_version"))  # another process may have done it
            if current == version:
                MIGRATIONS[version](conn)
                conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        version = int(_pragma(conn, "user_version"))
    for table, columns in EXPECTED_COLUMNS.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        missing = columns - have
        if missing:
            raise Corrupt(f"malformed schema: table {table!r} lacks {', '.join(sorted(missing))}")
