"""The one schema authority: every table of the project's SQLite files, in numbered migrations.

Two files have a schema: the **state file** (:data:`STATE`: hash cache, journals, paused
queues, migration journal) and the **Takeout index** (``takeout_*`` tables, a cache of the
parts that is rebuilt when damaged, so it is a file of its own beside the state file: its
quarantine never takes the journals with it). Both are opened by :mod:`.db`, which calls
:func:`check_and_migrate` with their :class:`Schema`.

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
The Takeout index: 1 parts, folders, members, sidecars, matches, album references, live
photo pairs.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any, Final

import attrs

from .errors import StateStoreError, StateStoreVersionError

__all__ = [
    "APPLICATION_ID",
    "EXPECTED_COLUMNS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "STATE",
    "TAKEOUT_INDEX_APPLICATION_ID",
    "TAKEOUT_INDEX_COLUMNS",
    "TAKEOUT_INDEX_MIGRATIONS",
    "Corrupt",
    "Migration",
    "Schema",
    "check_and_migrate",
]

log = logging.getLogger(__name__)

#: ``PRAGMA application_id`` of an immich-bulk state file ("IMMB").
APPLICATION_ID: Final = 0x494D4D42
BUSY_TIMEOUT: Final = 10.0  # seconds SQLite waits for another process's write lock


Migration = Callable[[sqlite3.Connection], None]


class Corrupt(Exception):
    """Internal: the file is damaged and should be moved aside."""


@attrs.frozen(kw_only=True)
class Schema:
    """What a kind of file holds and how its errors read."""

    what: str
    """How messages name the file ("state file")."""
    application_id: int
    migrations: Sequence[Migration]
    """``migrations[v]`` upgrades a file from version ``v`` to ``v + 1``."""
    expected_columns: Mapping[str, AbstractSet[str]]
    error: Callable[[str], Exception]
    """The error for a file that cannot be used (not ours, locked, unwritable)."""
    newer: Callable[[Path, int, int], Exception]
    """The error for a file of a newer version (path, found, supported)."""

    @property
    def version(self) -> int:
        return len(self.migrations)


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
EXPECTED_COLUMNS: Final[Mapping[str, AbstractSet[str]]] = {
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

#: The state file.
STATE: Final = Schema(
    what="state file",
    application_id=APPLICATION_ID,
    migrations=tuple(MIGRATIONS),
    expected_columns=EXPECTED_COLUMNS,
    error=StateStoreError,
    newer=StateStoreVersionError,
)


def _pragma(conn: sqlite3.Connection, name: str) -> Any:
    row = conn.execute(f"PRAGMA {name}").fetchone()
    return None if row is None else row[0]


def check_and_migrate(conn: sqlite3.Connection, path: Path | None, schema: Schema) -> None:
    """Check that *conn* is a file of *schema* this code can use and bring it to the
    current version. Raises :class:`Corrupt` for a damaged file, ``schema.error`` for a
    file that is not ours and ``schema.newer`` for a newer one.

    *path* None: an in-memory database (no WAL)."""
    what = schema.what
    current_version = schema.version
    app_id = int(_pragma(conn, "application_id"))  # "file is not a database" shows here
    version = int(_pragma(conn, "user_version"))
    shown = ":memory:" if path is None else os.fsdecode(path)
    if app_id not in (0, schema.application_id):
        raise schema.error(
            f"{shown!r} is not an immich-bulk {what} (SQLite application id {app_id:#x})"
        )
    if version > current_version:
        raise schema.newer(Path(shown), version, current_version)
    tables = {
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not str(row[0]).startswith("sqlite_")
    }
    if app_id == 0 and version == 0 and tables:
        raise schema.error(
            f"{shown!r} is a SQLite database of another application (tables: "
            f"{', '.join(sorted(tables)[:5])}), not an immich-bulk {what}"
        )
    if tables:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise Corrupt("integrity check failed: " + "; ".join(map(str, problems)))
    if path is not None and str(_pragma(conn, "journal_mode=WAL")).lower() != "wal":
        log.warning("%s %s: WAL mode unavailable; using rollback journal", what, shown)
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT * 1000)}")
    while version < current_version:
        conn.execute("BEGIN IMMEDIATE")
        try:
            found = int(_pragma(conn, "user_version"))  # another process may have done it
            if found == version:
                schema.migrations[version](conn)
                conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute(f"PRAGMA application_id = {schema.application_id}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        version = int(_pragma(conn, "user_version"))
    for table, columns in schema.expected_columns.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        missing = columns - have
        if missing:
            raise Corrupt(f"malformed schema: table {table!r} lacks {', '.join(sorted(missing))}")


# --------------------------------------------------------------------------- Takeout index

_TAKEOUT_V1: Final = (
    """CREATE TABLE takeout_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID""",
    # One row per input ever indexed. ``active``: given to the current run; matching
    # only sees members of active parts. ``complete``: every member was recorded (a
    # run killed mid-part leaves 0, and the part is read again).
    """CREATE TABLE takeout_parts (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('zip', 'tar', 'tgz', 'dir')),
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        prefix TEXT NOT NULL,
        members INTEGER NOT NULL DEFAULT 0,
        complete INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 0,
        indexed_at REAL NOT NULL,
        seconds REAL NOT NULL DEFAULT 0
    )""",
    # A folder of the Takeout (service + folder), across all parts.
    """CREATE TABLE takeout_dirs (
        id INTEGER PRIMARY KEY,
        service TEXT NOT NULL,
        folder TEXT NOT NULL,
        kind TEXT NOT NULL,
        dirty INTEGER NOT NULL DEFAULT 1,
        UNIQUE (service, folder)
    )""",
    # role: media | motion | json | other. offset: zip local header, tar data offset.
    """CREATE TABLE takeout_members (
        id INTEGER PRIMARY KEY,
        part_id INTEGER NOT NULL,
        dir_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        path TEXT NOT NULL,
        role TEXT NOT NULL,
        size INTEGER NOT NULL,
        csize INTEGER NOT NULL,
        method INTEGER NOT NULL,
        offset INTEGER NOT NULL,
        crc32 INTEGER,
        mtime_ns INTEGER NOT NULL,
        sha1 BLOB
    )""",
    "CREATE INDEX takeout_members_by_dir ON takeout_members (dir_id, name)",
    "CREATE INDEX takeout_members_by_part ON takeout_members (part_id)",
    "CREATE INDEX takeout_members_by_content ON takeout_members (size, crc32)",
    # The parsed JSON of a json member. kind: media | album | other | bad.
    """CREATE TABLE takeout_sidecars (
        member_id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        title TEXT,
        taken INTEGER,
        record TEXT,
        error TEXT
    )""",
    "CREATE INDEX takeout_sidecars_by_title ON takeout_sidecars (title, taken)",
    # The outcome of every media/motion member: matched | fallback | unmatched.
    """CREATE TABLE takeout_matches (
        member_id INTEGER PRIMARY KEY,
        outcome TEXT NOT NULL CHECK (outcome IN ('matched', 'fallback', 'unmatched')),
        rule TEXT NOT NULL,
        sidecar_id INTEGER,
        detail TEXT
    )""",
    "CREATE INDEX takeout_matches_by_sidecar ON takeout_matches (sidecar_id)",
    # The outcome of every json member: own | borrowed | album | album-ref | orphan |
    # contested | duplicate | other | bad.
    """CREATE TABLE takeout_json (
        member_id INTEGER PRIMARY KEY,
        outcome TEXT NOT NULL,
        detail TEXT
    )""",
    # Album folders holding only JSON: the media (elsewhere) each JSON stands for.
    """CREATE TABLE takeout_album_refs (
        sidecar_id INTEGER NOT NULL,
        member_id INTEGER NOT NULL,
        PRIMARY KEY (sidecar_id, member_id)
    ) WITHOUT ROWID""",
    # Live photos: a still and its video (same folder and stem).
    """CREATE TABLE takeout_live_pairs (
        still_id INTEGER PRIMARY KEY,
        video_id INTEGER NOT NULL,
        evidence TEXT NOT NULL
    )""",
)


def _takeout_0_to_1(conn: sqlite3.Connection) -> None:
    for statement in _TAKEOUT_V1:
        conn.execute(statement)


#: ``TAKEOUT_INDEX_MIGRATIONS[v]`` upgrades an index from version ``v`` to ``v + 1``.
#: Append only.
TAKEOUT_INDEX_MIGRATIONS: Final[Sequence[Migration]] = (_takeout_0_to_1,)
#: ``PRAGMA application_id`` of a Takeout index file ("IMBT").
TAKEOUT_INDEX_APPLICATION_ID: Final = 0x494D4254
#: Tables (and columns) the current Takeout index must have; checked on every open.
TAKEOUT_INDEX_COLUMNS: Final[Mapping[str, AbstractSet[str]]] = {
    "takeout_meta": {"key", "value"},
    "takeout_parts": {
        "id", "path", "kind", "size", "mtime_ns", "fingerprint", "prefix", "members",
        "complete", "active", "indexed_at", "seconds",
    },
    "takeout_dirs": {"id", "service", "folder", "kind", "dirty"},
    "takeout_members": {
        "id", "part_id", "dir_id", "name", "path", "role", "size", "csize", "method",
        "offset", "crc32", "mtime_ns", "sha1",
    },
    "takeout_sidecars": {"member_id", "kind", "title", "taken", "record", "error"},
    "takeout_matches": {"member_id", "outcome", "rule", "sidecar_id", "detail"},
    "takeout_json": {"member_id", "outcome", "detail"},
    "takeout_album_refs": {"sidecar_id", "member_id"},
    "takeout_live_pairs": {"still_id", "video_id", "evidence"},
}  # fmt: skip
