"""The Takeout index file: one SQLite database, its schema and numbered migrations.

The index is what the importer knows about the parts it has read: every member (path,
size, CRC-32, where its bytes are), every JSON file's parsed record, the folder each
member sits in, and the outcome of matching media to sidecars. It lives on disk so that
memory stays flat however large the Takeout is, and so that a second run -- or a run given
one more part -- re-reads nothing it already knows (a part is known by path, size and
mtime; a folder by a digest of its listing).

It follows the practices of the state store (:mod:`immich_bulk.transfer.state`): WAL,
``synchronous=NORMAL``, a busy timeout, ``PRAGMA application_id`` and numbered
migrations on ``PRAGMA user_version``, an integrity check on open, a damaged file moved
aside (``<name>.corrupt-<timestamp>``) and rebuilt -- it is a cache of the parts, so
nothing is lost --, a newer schema refused with a message naming the file, mode 0600.
Every table is prefixed ``takeout_`` and every statement of the schema is in
:data:`MIGRATIONS`, so the tables can move into the state store as its next migrations
unchanged.

Connections are used from one worker thread at a time (the caller serialises).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat as stat_mod
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from .errors import TakeoutIndexError

__all__ = ["APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION", "connect", "db_text", "py_text"]

log = logging.getLogger(__name__)

#: ``PRAGMA application_id`` of a Takeout index file ("IMBT").
APPLICATION_ID: Final = 0x494D4254
_BUSY_TIMEOUT = 10.0

_SCHEMA_V1: Final = (
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


def _migrate_0_to_1(conn: sqlite3.Connection) -> None:
    for statement in _SCHEMA_V1:
        conn.execute(statement)


#: ``MIGRATIONS[v]`` upgrades an index from version ``v`` to ``v + 1``. Append only.
MIGRATIONS: Final[list[Callable[[sqlite3.Connection], None]]] = [_migrate_0_to_1]
#: The schema version this code writes.
SCHEMA_VERSION: Final = len(MIGRATIONS)

_EXPECTED_COLUMNS: Final = {
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


def db_text(text: str) -> str:
    """*text* as stored: a name that is not valid Unicode (undecodable bytes carried as
    surrogates, ``os.fsdecode`` style) becomes NUL + the hex of its bytes -- reversible,
    and unambiguous (no file name holds a NUL)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "\0" + text.encode("utf-8", "surrogateescape").hex()
    return text


def py_text(value: str) -> str:
    """The inverse of :func:`db_text`."""
    if value.startswith("\0"):
        return bytes.fromhex(value[1:]).decode("utf-8", "surrogateescape")
    return value


class _Corrupt(Exception):
    pass


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(name, str):
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    return type(exc) is sqlite3.DatabaseError


def _prepare_file(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            if hasattr(os, "fchmod") and stat_mod.S_IMODE(os.fstat(fd).st_mode) & 0o077:
                os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
    except OSError as exc:
        raise TakeoutIndexError(
            f"cannot create or open the Takeout index {os.fsdecode(path)!r}: {exc.strerror or exc}"
        ) from exc


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
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
        raise TakeoutIndexError(
            f"the Takeout index {os.fsdecode(path)!r} is damaged and cannot be moved aside: {exc}"
        ) from exc
    return target


def _pragma(conn: sqlite3.Connection, name: str) -> Any:
    row = conn.execute(f"PRAGMA {name}").fetchone()
    return None if row is None else row[0]


def _check_and_migrate(conn: sqlite3.Connection, path: Path) -> None:
    shown = os.fsdecode(path)
    app_id = int(_pragma(conn, "application_id"))
    version = int(_pragma(conn, "user_version"))
    if app_id not in (0, APPLICATION_ID):
        raise TakeoutIndexError(
            f"{shown!r} is not an immich-bulk Takeout index (SQLite application id {app_id:#x})"
        )
    if version > SCHEMA_VERSION:
        raise TakeoutIndexError(
            f"Takeout index {shown!r} has schema version {version}, written by a newer "
            f"immich-bulk (this one supports up to {SCHEMA_VERSION}); upgrade immich-bulk or "
            "use another index file"
        )
    tables = {
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not str(row[0]).startswith("sqlite_")
    }
    if app_id == 0 and version == 0 and tables:
        raise TakeoutIndexError(
            f"{shown!r} is a SQLite database of another application, not a Takeout index"
        )
    if tables:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise _Corrupt("integrity check failed: " + "; ".join(map(str, problems)))
    if str(_pragma(conn, "journal_mode=WAL")).lower() != "wal":
        log.warning("Takeout index %s: WAL mode unavailable; using rollback journal", shown)
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"PRAGMA busy_timeout={int(_BUSY_TIMEOUT * 1000)}")
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if int(_pragma(conn, "user_version")) == version:  # not done by another process
                MIGRATIONS[version](conn)
                conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        version = int(_pragma(conn, "user_version"))
    for table, columns in _EXPECTED_COLUMNS.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if columns - have:
            missing = ", ".join(sorted(columns - have))
            raise _Corrupt(f"malformed schema: table {table!r} lacks {missing}")


def _connect_once(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            os.fspath(path), timeout=_BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise TakeoutIndexError(
            f"cannot open the Takeout index {os.fsdecode(path)!r}: {exc}"
        ) from exc
    ok = False
    try:
        _check_and_migrate(conn, path)
        ok = True
        return conn
    except sqlite3.DatabaseError as exc:
        if _is_corruption(exc):
            raise _Corrupt(str(exc)) from exc
        raise TakeoutIndexError(
            f"cannot use the Takeout index {os.fsdecode(path)!r}: {exc}"
        ) from exc
    finally:
        if not ok:
            conn.close()


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Open (creating, migrating or rebuilding as needed) the index at *path*.

    The connection is in autocommit mode (``isolation_level=None``): callers group writes
    with explicit ``BEGIN IMMEDIATE`` / ``COMMIT``.
    """
    real = Path(path)
    _prepare_file(real)
    try:
        return _connect_once(real)
    except _Corrupt as exc:
        aside = _move_aside(real)
        log.warning(
            "Takeout index %s is damaged (%s); moved it to %s and started a fresh one",
            os.fsdecode(real),
            exc,
            os.fsdecode(aside),
        )
    _prepare_file(real)
    try:
        return _connect_once(real)
    except _Corrupt as exc:
        raise TakeoutIndexError(
            f"cannot create a fresh Takeout index at {os.fsdecode(real)!r}: {exc}"
        ) from exc
