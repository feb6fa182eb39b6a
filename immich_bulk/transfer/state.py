"""The state store: one SQLite file that lets an interrupted run resume cheaply.

It holds

* the **hash cache** -- ``(dev, ino, size, mtime_ns, ctime_ns, generation) -> sha1`` (a
  :class:`FileIdentity`) -- so a re-run does not hash again what it hashed before (one row
  per inode: a changed file replaces its old row);
* per server and user (a :class:`ServerJournal`, from :meth:`StateStore.journal`):
  the **upload journal** (``sha1 -> asset id, "uploaded" | "duplicate"``, and the SHA-1 of
  the sidecar the server received with the asset, if any), the **album
  journal** (``album name -> album id`` and the ``(album, asset)`` memberships already
  added) and the **download journal** (``asset id -> local path, checksum, size, mtime``);
* the **paused job queues** (``(server, run) -> queues that run paused``), so a later run
  can resume queues a crashed run left paused, and leaves those of a live run alone.

Use it as ``async with StateStore.open(path) as store:``. ``path`` defaults to
``platformdirs.user_cache_dir("immich-bulk")/state.sqlite3``; ``None`` gives a store with
the same interface that remembers nothing (callers never branch).

Threads and batching: all SQLite access happens in worker threads under one
``CapacityLimiter(1)`` (one connection, ``check_same_thread=False``), so the event loop
never blocks on disk. Writes (``put_hash``, ``record_*``, ``forget_*``) are plain,
non-blocking method calls that append to a buffer; a background task writes the buffer in
one transaction every ``flush_interval`` seconds (0.2) or as soon as ``flush_max_records``
(1000) are waiting, and :meth:`StateStore.flush` and closing the store write it at once
(shielded from cancellation, with a timeout). Every read first writes the buffer, in the
same thread hop, so reads always see earlier writes. Lookups take many keys at once
(``get_hashes``, ``known_uploads``, ...); :meth:`StateStore.get_hash` coalesces
concurrent single lookups into one query.

Durability trade-off: the file is in WAL mode with ``synchronous=NORMAL``. A committed
transaction survives the process being killed (SIGKILL) at any point, and the file is
always consistent; a power loss may roll back the last few commits. What was still in the
write buffer when the process died (at most ~200 ms or 1000 records) is lost. That is
acceptable by design: the journal is an accelerator, not the source of truth -- a file
whose upload record was lost is checked against the server again (bulk upload check, or
the upload itself with its ``x-immich-checksum`` header), and Immich de-duplicates by
checksum, so it is never stored twice. Lost hash-cache rows only cost a re-hash.

Robustness: a file that is not a SQLite database, fails ``PRAGMA quick_check`` or has a
malformed schema is renamed to ``<name>.corrupt-<timestamp>`` (with its ``-wal``), a
warning is logged, and a fresh store is created. A file written by a newer schema version
raises :class:`StateStoreVersionError` naming the file; a SQLite file of another
application raises :class:`StateStoreError` (it is left alone). The file is created with
mode 0600 (its directory 0700) and never holds an API key, token or cookie: servers are
recorded as :func:`server_key` (scheme, host, port, path -- no user info, query or
fragment). Schema changes go through numbered migrations (``PRAGMA user_version``).
"""

from __future__ import annotations

import contextlib
import enum
import functools
import itertools
import json
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
from typing import Any, Final, Literal, TypeVar, cast
from urllib.parse import urlsplit

if sys.version_info < (3, 11):
    from exceptiongroup import BaseExceptionGroup

import anyio
import anyio.lowlevel
import anyio.to_thread
import attrs
from anyio import CapacityLimiter

from ..errors import ImmichError
from .local.fsutil import FileIdentity, StrPath

__all__ = [
    "DEFAULT_PATH",
    "SCHEMA_VERSION",
    "DownloadRecord",
    "FileIdentity",
    "PausedQueues",
    "ServerJournal",
    "StatePath",
    "StateStats",
    "StateStore",
    "StateStoreError",
    "StateStoreVersionError",
    "UploadRecord",
    "UploadStatus",
    "default_state_path",
    "server_key",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: The schema version this code writes (``PRAGMA user_version``).
SCHEMA_VERSION: Final = 3
#: ``PRAGMA application_id`` of an immich-bulk state file ("IMMB").
APPLICATION_ID: Final = 0x494D4D42

UploadStatus = Literal["uploaded", "duplicate"]
_UPLOAD_STATUSES: Final = ("uploaded", "duplicate")

_BUSY_TIMEOUT = 10.0  # seconds SQLite waits for another process's write lock
_QUERY_CHUNK = 500  # keys per IN (...) query
_MAX_PENDING = 500_000  # records kept in memory while the disk refuses them
_U64 = 1 << 64
_I63 = 1 << 63


class StateStoreError(ImmichError):
    """The state file cannot be opened or used (locked, read-only, not ours, ...)."""


class StateStoreVersionError(StateStoreError):
    """The state file was written by a newer immich-bulk (a newer schema version)."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"state file {os.fsdecode(path)!r} has schema version {found}, written by a newer "
            f"immich-bulk (this one supports up to {supported}); upgrade immich-bulk or use "
            "another state file"
        )


class _Corrupt(Exception):
    """Internal: the file is damaged and should be moved aside."""


class _Default(enum.Enum):
    DEFAULT = "default"


#: Sentinel for :meth:`StateStore.open`: the per-user default path.
DEFAULT_PATH: Final = _Default.DEFAULT
#: Where a state file lives: a path, ``DEFAULT_PATH`` (the user cache dir) or None (none).
StatePath = StrPath | _Default | None


def default_state_path() -> Path:
    """``platformdirs.user_cache_dir("immich-bulk")/state.sqlite3``."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("immich-bulk", appauthor=False)) / "state.sqlite3"


# --------------------------------------------------------------------------- server keys

_DEFAULT_PORTS = {"http": 80, "https": 443}


def server_key(url: str) -> str:
    """A server URL reduced to what identifies the server: ``scheme://host[:port][/path]``.

    The scheme and host are lower-cased, user info (credentials), query and fragment are
    dropped, a default port is dropped, and so are trailing slashes and a trailing
    ``/api`` (the API root and the web root name the same server). Idempotent.

    >>> server_key("HTTPS://user:secret@Photos.Example.com:443/api/?apiKey=x")
    'https://photos.example.com'
    """
    text = str(url).strip()
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ValueError("server URL must start with http:// or https://")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError("server URL has no host")
    port = parts.port  # ValueError for a malformed port
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[-1] == "api":
        segments.pop()
    path = "".join("/" + s for s in segments)
    return f"{scheme}://{netloc}{path}"


# --------------------------------------------------------------------------- records


@attrs.frozen(kw_only=True)
class UploadRecord:
    """A file that reached a server: its asset id and how (uploaded, or found duplicate)."""

    sha1: bytes
    asset_id: str
    status: UploadStatus
    path: Path | None
    recorded_at: float
    sidecar_sha1: bytes | None = None
    """The SHA-1 of the sidecar the server received with this asset (None: none, or not
    known to this state file)."""


@attrs.frozen(kw_only=True)
class DownloadRecord:
    """An asset placed locally by the download engine."""

    asset_id: str
    path: Path
    checksum: bytes | None
    size: int
    mtime_ns: int
    recorded_at: float


@attrs.frozen(kw_only=True)
class PausedQueues:
    """Job queues this tool paused on a server (to resume after a crash)."""

    server_key: str
    queues: tuple[str, ...]
    paused_at: float
    owner: str = ""
    """The run that paused them (``host/pid/start``, see :mod:`.jobs`); empty in records
    written before owners were recorded."""


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


# --------------------------------------------------------------------------- schema

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


#: ``_MIGRATIONS[v]`` upgrades a store from version ``v`` to ``v + 1``. Append only.
_MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _migrate_0_to_1,
    _migrate_1_to_2,
    _migrate_2_to_3,
]

#: Tables (and columns) the current schema must have; checked on every open.
_EXPECTED_COLUMNS: Final = {
    "meta": {"key", "value"},
    "hash_cache": {
        "dev",
        "ino",
        "size",
        "mtime_ns",
        "ctime_ns",
        "generation",
        "sha1",
        "path",
        "hashed_at",
    },
    "accounts": {"id", "server_key", "user_id", "created_at"},
    "uploads": {"account_id", "sha1", "asset_id", "status", "path", "recorded_at", "sidecar_sha1"},
    "albums": {"account_id", "name", "album_id", "recorded_at"},
    "album_assets": {"account_id", "album_id", "asset_id", "recorded_at"},
    "downloads": {"account_id", "asset_id", "path", "checksum", "size", "mtime_ns", "recorded_at"},
    "paused_queues": {"server_key", "owner", "queues", "paused_at"},
}

_WRITE_SQL: Final[dict[str, tuple[str, ...]]] = {
    "hash": (
        "INSERT OR REPLACE INTO hash_cache "
        "(dev, ino, size, mtime_ns, ctime_ns, generation, sha1, path, hashed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    "upload": (
        # A record without a sidecar keeps the sidecar known for the same asset (a later
        # "duplicate" answer says nothing about the sidecar sent with the first upload).
        "INSERT INTO uploads "
        "(account_id, sha1, asset_id, status, path, recorded_at, sidecar_sha1) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (account_id, sha1) DO UPDATE SET "
        "sidecar_sha1 = CASE WHEN excluded.sidecar_sha1 IS NOT NULL THEN excluded.sidecar_sha1 "
        "WHEN uploads.asset_id = excluded.asset_id THEN uploads.sidecar_sha1 END, "
        "asset_id = excluded.asset_id, status = excluded.status, path = excluded.path, "
        "recorded_at = excluded.recorded_at",
    ),
    "forget_upload": ("DELETE FROM uploads WHERE account_id = ? AND sha1 = ?",),
    "album": (
        "INSERT OR REPLACE INTO albums (account_id, name, album_id, recorded_at) "
        "VALUES (?, ?, ?, ?)",
    ),
    "forget_album": (
        "DELETE FROM albums WHERE account_id = ? AND album_id = ?",
        "DELETE FROM album_assets WHERE account_id = ? AND album_id = ?",
    ),
    "album_asset": (
        "INSERT OR IGNORE INTO album_assets (account_id, album_id, asset_id, recorded_at) "
        "VALUES (?, ?, ?, ?)",
    ),
    "forget_album_asset": (
        "DELETE FROM album_assets WHERE account_id = ? AND album_id = ? AND asset_id = ?",
    ),
    "download": (
        "INSERT OR REPLACE INTO downloads "
        "(account_id, asset_id, path, checksum, size, mtime_ns, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    "forget_download": ("DELETE FROM downloads WHERE account_id = ? AND asset_id = ?",),
}

_Op = tuple[str, tuple[Any, ...]]


def _s64(value: int) -> int:
    """An unsigned 64-bit number (st_dev, st_ino) as SQLite's signed INTEGER."""
    return value - _U64 if value >= _I63 else value


def _u64(value: int) -> int:
    return value + _U64 if value < 0 else value


def _path_blob(path: StrPath | None) -> bytes | None:
    return None if path is None else os.fsencode(path)


def _blob_path(blob: bytes | None) -> Path | None:
    return None if blob is None else Path(os.fsdecode(blob))


def _chunks(items: Sequence[T], size: int = _QUERY_CHUNK) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(name, str):
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    return type(exc) is sqlite3.DatabaseError


# --------------------------------------------------------------------------- sync side


class _Db:
    """The connection and every query; used only from the store's worker threads."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.records_written = 0
        self.flushes = 0

    # ---- opening

    @classmethod
    def open(cls, path: Path) -> _Db:
        _prepare_file(path)
        try:
            return cls(_connect(path), path)
        except _Corrupt as exc:
            aside = _move_aside(path)
            log.warning(
                "state file %s is damaged (%s); moved it to %s and started a fresh one",
                os.fsdecode(path),
                exc,
                os.fsdecode(aside),
            )
        _prepare_file(path)
        try:
            return cls(_connect(path), path)
        except _Corrupt as exc:
            raise StateStoreError(
                f"cannot create a fresh state file at {os.fsdecode(path)!r}: {exc}"
            ) from exc

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    # ---- writes

    def write(self, ops: Sequence[_Op]) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for kind, group in itertools.groupby(ops, key=itemgetter(0)):
                params = [p for _, p in group]
                for sql in _WRITE_SQL[kind]:
                    conn.executemany(sql, params)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self.records_written += len(ops)
        self.flushes += 1

    def flush_pending(self, pending: deque[_Op]) -> int:
        """Write everything in *pending* (taken in order); on failure put it back."""
        ops: list[_Op] = []
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

    def get_hashes(self, identities: Sequence[FileIdentity]) -> dict[FileIdentity, bytes]:
        # One indexed query per device and 500 inodes ("(dev, ino) IN (VALUES ...)"
        # would scan the whole table).
        by_dev: dict[int, list[FileIdentity]] = {}
        for ident in identities:
            by_dev.setdefault(ident.dev, []).append(ident)
        found: dict[FileIdentity, bytes] = {}
        for dev, idents in by_dev.items():
            for chunk in _chunks(idents):
                inos = list({_s64(i.ino) for i in chunk})
                sql = (
                    "SELECT ino, size, mtime_ns, ctime_ns, generation, sha1 FROM hash_cache "
                    f"WHERE dev = ? AND ino IN ({', '.join(['?'] * len(inos))})"
                )
                rows = self.conn.execute(sql, [_s64(dev), *inos]).fetchall()
                by_ino = {row[0]: row for row in rows}
                for ident in chunk:
                    row = by_ino.get(_s64(ident.ino))
                    if row is not None and row[1:5] == (
                        ident.size,
                        ident.mtime_ns,
                        ident.ctime_ns,
                        _s64(ident.generation),
                    ):
                        found[ident] = bytes(row[5])
        return found

    def account_id(self, key: str, user_id: str) -> int:
        conn = self.conn
        row = conn.execute(
            "SELECT id FROM accounts WHERE server_key = ? AND user_id = ?", (key, user_id)
        ).fetchone()
        if row is not None:
            return int(row[0])
        conn.execute(
            "INSERT OR IGNORE INTO accounts (server_key, user_id, created_at) VALUES (?, ?, ?)",
            (key, user_id, time.time()),
        )
        row = conn.execute(
            "SELECT id FROM accounts WHERE server_key = ? AND user_id = ?", (key, user_id)
        ).fetchone()
        return int(row[0])

    def select_in(
        self, sql_prefix: str, fixed: Sequence[Any], keys: Sequence[Any]
    ) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        for chunk in _chunks(keys):
            sql = f"{sql_prefix} IN ({', '.join(['?'] * len(chunk))})"
            rows.extend(self.conn.execute(sql, [*fixed, *chunk]).fetchall())
        return rows

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, params).fetchall()

    def execute_now(self, sql: str, params: Sequence[Any]) -> None:
        self.conn.execute(sql, params)


def _prepare_file(path: Path) -> None:
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
        raise StateStoreError(
            f"cannot create or open state file {os.fsdecode(path)!r}: {exc.strerror or exc}"
        ) from exc


def _move_aside(path: Path) -> Path:
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
        raise StateStoreError(
            f"state file {os.fsdecode(path)!r} is damaged and cannot be moved aside: {exc}"
        ) from exc
    return target


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            os.fspath(path),
            timeout=_BUSY_TIMEOUT,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        raise StateStoreError(f"cannot open state file {os.fsdecode(path)!r}: {exc}") from exc
    ok = False
    try:
        _check_and_migrate(conn, path)
        ok = True
        return conn
    except sqlite3.DatabaseError as exc:
        if _is_corruption(exc):
            raise _Corrupt(str(exc)) from exc
        raise StateStoreError(f"cannot use state file {os.fsdecode(path)!r}: {exc}") from exc
    finally:
        if not ok:
            conn.close()


def _pragma(conn: sqlite3.Connection, name: str) -> Any:
    row = conn.execute(f"PRAGMA {name}").fetchone()
    return None if row is None else row[0]


def _check_and_migrate(conn: sqlite3.Connection, path: Path) -> None:
    app_id = int(_pragma(conn, "application_id"))  # "file is not a database" shows here
    version = int(_pragma(conn, "user_version"))
    shown = os.fsdecode(path)
    if app_id not in (0, APPLICATION_ID):
        raise StateStoreError(
            f"{shown!r} is not an immich-bulk state file (SQLite application id {app_id:#x})"
        )
    if version > SCHEMA_VERSION:
        raise StateStoreVersionError(path, version, SCHEMA_VERSION)
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
            raise _Corrupt("integrity check failed: " + "; ".join(map(str, problems)))
    if str(_pragma(conn, "journal_mode=WAL")).lower() != "wal":
        log.warning("state file %s: WAL mode unavailable; using rollback journal", shown)
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"PRAGMA busy_timeout={int(_BUSY_TIMEOUT * 1000)}")
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = int(_pragma(conn, "user_version"))  # another process may have done it
            if current == version:
                _MIGRATIONS[version](conn)
                conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                if version == 0:
                    conn.execute(
                        "INSERT OR REPLACE INTO meta (key, value) VALUES ('created_at', ?)",
                        (str(time.time()),),
                    )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        version = int(_pragma(conn, "user_version"))
    for table, columns in _EXPECTED_COLUMNS.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        missing = columns - have
        if missing:
            raise _Corrupt(f"malformed schema: table {table!r} lacks {', '.join(sorted(missing))}")


# --------------------------------------------------------------------------- async side


class _Lookup:
    __slots__ = ("error", "event", "key", "value")

    def __init__(self, key: FileIdentity) -> None:
        self.key = key
        self.event = anyio.Event()
        self.value: bytes | None = None
        self.error: BaseException | None = None


class StateStore:
    """The state store (see the module documentation). Create it with :meth:`open`."""

    def __init__(
        self,
        db: _Db | None,
        *,
        limiter: CapacityLimiter | None = None,
        flush_interval: float = 0.2,
        flush_max_records: int = 1000,
        close_timeout: float = 5.0,
    ) -> None:
        self._db = db
        self._limiter = limiter if limiter is not None else CapacityLimiter(1)
        self._pending: deque[_Op] = deque()
        self._flush_interval = flush_interval
        self._flush_max = max(1, flush_max_records)
        self._close_timeout = close_timeout
        self._wake = anyio.Event()
        self._lookups: list[_Lookup] = []
        self._lookup_leader = False
        self._lookup_count = 0
        self._dropped = 0
        self._write_error_logged = False

    # ---- lifecycle

    @classmethod
    @contextlib.asynccontextmanager
    async def open(
        cls,
        path: StatePath = DEFAULT_PATH,
        *,
        flush_interval: float = 0.2,
        flush_max_records: int = 1000,
        close_timeout: float = 5.0,
    ) -> AsyncIterator[StateStore]:
        """Open (creating, migrating or recovering as needed) the store at *path*.

        ``DEFAULT_PATH`` (the default) is :func:`default_state_path`; ``None`` gives a
        store that remembers nothing. On exit the buffer is written (shielded from
        cancellation, at most *close_timeout* seconds) and the file closed.
        """
        if path is None:
            yield cls(None)
            return
        real = default_state_path() if isinstance(path, _Default) else Path(path)
        store_limiter = CapacityLimiter(1)
        db = await anyio.to_thread.run_sync(_Db.open, real, limiter=store_limiter)
        store = cls(
            db,
            limiter=store_limiter,
            flush_interval=flush_interval,
            flush_max_records=flush_max_records,
            close_timeout=close_timeout,
        )
        try:
            async with anyio.create_task_group() as tg:
                tg.start_soon(store._flusher)
                try:
                    yield store
                finally:
                    tg.cancel_scope.cancel()
        except BaseExceptionGroup as group:
            # The flusher never fails, so a group holds what the caller's body raised:
            # give the caller its own exception back, not wrapped by our task group.
            if len(group.exceptions) != 1:
                raise
            inner = group.exceptions[0]
            raise inner from inner.__cause__
        finally:
            await store._close()

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
        return StateStats(
            pending=len(self._pending),
            records_written=db.records_written if db else 0,
            flushes=db.flushes if db else 0,
            lookups=self._lookup_count,
            dropped=self._dropped,
        )

    async def flush(self, *, timeout: float = 5.0) -> bool:  # noqa: ASYNC109
        """Write the buffered records now.

        Shielded from cancellation for up to *timeout* seconds (a cancelled caller still
        gets its data written, then sees the cancellation). Returns False if the timeout
        expired first (the records stay buffered).
        """
        done = False
        with anyio.move_on_after(timeout, shield=True):
            await self._call(None)
            done = True
        if not done:
            log.warning(
                "state store: flush timed out after %.1fs with %d records buffered",
                timeout,
                len(self._pending),
            )
        await anyio.lowlevel.checkpoint()
        return done

    async def _close(self) -> None:
        db = self._db
        if db is None:
            return
        with anyio.move_on_after(self._close_timeout, shield=True) as scope:
            try:
                await self._call(None)
            except Exception as exc:
                log.error(
                    "state store: could not write the last %d records to %s: %s",
                    len(self._pending),
                    os.fsdecode(db.path),
                    exc,
                )
            await anyio.to_thread.run_sync(db.close, limiter=self._limiter)
        if scope.cancelled_caught:
            log.warning(
                "state store: closing %s timed out; %d buffered records lost",
                os.fsdecode(db.path),
                len(self._pending),
            )

    async def _flusher(self) -> None:
        while True:
            with anyio.move_on_after(self._flush_interval):
                await self._wake.wait()
            self._wake = anyio.Event()
            if not self._pending:
                continue
            try:
                await self._call(None)
            except StateStoreError as exc:
                if not self._write_error_logged:
                    self._write_error_logged = True
                    log.warning("state store: cannot write (will retry): %s", exc)
            else:
                self._write_error_logged = False

    # ---- plumbing

    async def _call(self, fn: Callable[[_Db], T] | None) -> T | None:
        """Write the buffer, then run *fn*, in one hop to the store's thread."""
        db = self._db
        if db is None:
            await anyio.lowlevel.checkpoint()
            return None

        def work() -> T | None:
            if fn is None:
                db.flush_pending(self._pending)
                return None
            try:
                db.flush_pending(self._pending)
            except sqlite3.OperationalError as exc:
                # The file cannot take the buffered records (its disk is full, it turned
                # read-only): they stay buffered and the flusher keeps trying, but a read
                # still works -- failing it ended the whole run mid-way (hash lookups,
                # journal checks), all uploads done or not.
                self._read_past_write_error(exc)
            return fn(db)

        try:
            return await anyio.to_thread.run_sync(work, limiter=self._limiter)
        except sqlite3.Error as exc:
            raise StateStoreError(
                f"state file {os.fsdecode(db.path)!r}: {type(exc).__name__}: {exc}"
            ) from exc

    def _read_past_write_error(self, exc: sqlite3.Error) -> None:
        if not self._write_error_logged:
            self._write_error_logged = True
            log.warning("state store: cannot write (will retry): %s", exc)

    async def _read(self, fn: Callable[[_Db], T], default: Callable[[], T]) -> T:
        """Run *fn* in the store's thread; *default()* for the store that remembers nothing."""
        if self._db is None:
            await anyio.lowlevel.checkpoint()
            return default()
        result = await self._call(fn)
        return cast(T, result)

    def _write(self, kind: str, params: tuple[Any, ...]) -> None:
        if self._db is None:
            return
        self._pending.append((kind, params))
        if len(self._pending) >= self._flush_max:
            self._wake.set()
            # Only while the disk refuses writes is the buffer bounded (records are an
            # optimisation, memory is not); a healthy flusher just keeps writing.
            if self._write_error_logged and len(self._pending) > _MAX_PENDING:
                self._pending.popleft()
                self._dropped += 1
                if self._dropped == 1:
                    log.warning(
                        "state store: cannot write and %d records are waiting; dropping the oldest",
                        _MAX_PENDING,
                    )

    # ---- hash cache

    async def get_hashes(self, identities: Iterable[FileIdentity]) -> dict[FileIdentity, bytes]:
        """The cached SHA-1 (20 bytes) of each identity that has one (one query per 500)."""
        keys = list(dict.fromkeys(identities))
        self._lookup_count += len(keys)
        if not keys:
            await anyio.lowlevel.checkpoint()
            return {}
        return await self._read(lambda db: db.get_hashes(keys), _no_hashes)

    async def get_hash(self, identity: FileIdentity) -> bytes | None:
        """The cached SHA-1 of one file, or None.

        Concurrent calls are coalesced: the first caller runs one query for everything
        asked meanwhile.
        """
        if self._db is None:
            await anyio.lowlevel.checkpoint()
            return None
        slot = _Lookup(identity)
        self._lookups.append(slot)
        if self._lookup_leader:
            await slot.event.wait()
        else:
            self._lookup_leader = True
            try:
                with anyio.CancelScope(shield=True):
                    await anyio.lowlevel.checkpoint()  # let concurrent callers queue up
                    while self._lookups:
                        batch = self._lookups[:_QUERY_CHUNK]
                        del self._lookups[:_QUERY_CHUNK]
                        keys = [s.key for s in batch]
                        self._lookup_count += len(keys)
                        try:
                            found = await self._read(
                                functools.partial(_Db.get_hashes, identities=keys), _no_hashes
                            )
                        except Exception as exc:
                            for s in batch:
                                s.error = exc
                                s.event.set()
                            continue
                        for s in batch:
                            s.value = found.get(s.key)
                            s.event.set()
            finally:
                self._lookup_leader = False
            await anyio.lowlevel.checkpoint_if_cancelled()
        if slot.error is not None:
            raise StateStoreError(str(slot.error)) from slot.error
        return slot.value

    def put_hash(self, identity: FileIdentity, sha1: bytes, path: StrPath | None = None) -> None:
        """Remember *sha1* for the file *identity* (buffered; *path* is for debugging)."""
        if len(sha1) != 20:
            raise ValueError("sha1 must be the 20 raw bytes of the digest")
        self._write(
            "hash",
            (
                _s64(identity.dev),
                _s64(identity.ino),
                identity.size,
                identity.mtime_ns,
                identity.ctime_ns,
                _s64(identity.generation),
                bytes(sha1),
                _path_blob(path),
                time.time(),
            ),
        )

    # ---- accounts

    async def journal(self, server_url: str, user_id: str) -> ServerJournal:
        """The upload/album/download journal of one user on one server.

        *server_url* may be any URL of the server (it is reduced with :func:`server_key`,
        so credentials in it are never stored); *user_id* is the Immich user id.
        """
        key = server_key(server_url)
        user = str(user_id).strip().lower()
        if not user:
            raise ValueError("user_id must not be empty")
        account = await self._read(lambda db: db.account_id(key, user), int)
        return ServerJournal(self, account, key, user)

    # ---- paused queues (written at once, not buffered; one record per server and run)

    async def set_paused_queues(
        self, server_url: str, queues: Iterable[str], *, owner: str
    ) -> None:
        """Record (durably, before returning) the queues run *owner* paused on a server;
        an empty list forgets that run's record."""
        key = server_key(server_url)
        names = sorted(set(queues))
        if not names:
            await self.clear_paused_queues(server_url, owner=owner)
            return
        await self._read(
            lambda db: db.execute_now(
                "INSERT OR REPLACE INTO paused_queues (server_key, owner, queues, paused_at) "
                "VALUES (?, ?, ?, ?)",
                (key, owner, json.dumps(names), time.time()),
            ),
            lambda: None,
        )

    async def paused_queues(self, server_url: str) -> list[PausedQueues]:
        """The records of queues paused on one server, one per run that paused some."""
        key = server_key(server_url)
        rows = await self._read(
            lambda db: db.query(
                "SELECT server_key, queues, paused_at, owner FROM paused_queues "
                "WHERE server_key = ? ORDER BY paused_at",
                (key,),
            ),
            _no_rows,
        )
        return [_paused(row) for row in rows]

    async def all_paused_queues(self) -> list[PausedQueues]:
        """Every record of paused queues, on any server (e.g. after a crash)."""
        rows = await self._read(
            lambda db: db.query(
                "SELECT server_key, queues, paused_at, owner FROM paused_queues "
                "ORDER BY server_key, paused_at"
            ),
            _no_rows,
        )
        return [_paused(row) for row in rows]

    async def clear_paused_queues(self, server_url: str, *, owner: str) -> None:
        """Forget the record of run *owner* on a server (after resuming its queues)."""
        key = server_key(server_url)
        await self._read(
            lambda db: db.execute_now(
                "DELETE FROM paused_queues WHERE server_key = ? AND owner = ?", (key, owner)
            ),
            lambda: None,
        )


def _no_rows() -> list[tuple[Any, ...]]:
    return []


def _no_hashes() -> dict[FileIdentity, bytes]:
    return {}


def _paused(row: tuple[Any, ...]) -> PausedQueues:
    return PausedQueues(
        server_key=str(row[0]),
        queues=tuple(json.loads(row[1])),
        paused_at=float(row[2]),
        owner=str(row[3]),
    )


def _check_sha1(sha1: bytes) -> bytes:
    if not isinstance(sha1, (bytes, bytearray, memoryview)) or len(sha1) != 20:
        raise ValueError("sha1 must be the 20 raw bytes of the digest")
    return bytes(sha1)


def _unique(values: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(values))


class ServerJournal:
    """What reached (or came from) one server for one user. Get it from
    :meth:`StateStore.journal`; writes are buffered like the store's."""

    def __init__(self, store: StateStore, account_id: int, key: str, user_id: str) -> None:
        self._store = store
        self._account = account_id
        self.server_key = key
        """The normalised server URL (:func:`server_key`)."""
        self.user_id = user_id
        """The Immich user id (lower case)."""

    def __repr__(self) -> str:
        return f"ServerJournal({self.server_key!r}, user_id={self.user_id!r})"

    # ---- uploads

    async def known_uploads(self, sha1s: Iterable[bytes]) -> dict[bytes, UploadRecord]:
        """The upload records of those *sha1s* already known (one query per 500)."""
        keys = _unique(_check_sha1(s) for s in sha1s)
        store = self._store
        store._lookup_count += len(keys)
        rows = await store._read(
            lambda db: db.select_in(
                "SELECT sha1, asset_id, status, path, recorded_at, sidecar_sha1 FROM uploads "
                "WHERE account_id = ? AND sha1",
                (self._account,),
                keys,
            ),
            _no_rows,
        )
        return {
            bytes(r[0]): UploadRecord(
                sha1=bytes(r[0]),
                asset_id=str(r[1]),
                status=cast(UploadStatus, r[2]),
                path=_blob_path(r[3]),
                recorded_at=float(r[4]),
                sidecar_sha1=None if r[5] is None else bytes(r[5]),
            )
            for r in rows
        }

    def record_upload(
        self,
        sha1: bytes,
        *,
        asset_id: str,
        status: UploadStatus = "uploaded",
        path: StrPath | None = None,
        sidecar_sha1: bytes | None = None,
    ) -> None:
        """Record that the file with *sha1* is asset *asset_id* on the server (buffered).

        *sidecar_sha1* is the SHA-1 of the sidecar the server received with the asset;
        without one, the sidecar already recorded for the same asset stays recorded.
        """
        if status not in _UPLOAD_STATUSES:
            raise ValueError(f"status must be one of {_UPLOAD_STATUSES}, not {status!r}")
        self._store._write(
            "upload",
            (
                self._account,
                _check_sha1(sha1),
                str(asset_id),
                status,
                _path_blob(path),
                time.time(),
                None if sidecar_sha1 is None else _check_sha1(sidecar_sha1),
            ),
        )

    def forget_uploads(self, sha1s: Iterable[bytes]) -> None:
        """Drop upload records (e.g. the server no longer has those assets)."""
        for sha1 in _unique(_check_sha1(s) for s in sha1s):
            self._store._write("forget_upload", (self._account, sha1))

    async def upload_count(self) -> int:
        """How many upload records this journal holds."""
        rows = await self._store._read(
            lambda db: db.query(
                "SELECT count(*) FROM uploads WHERE account_id = ?", (self._account,)
            ),
            lambda: [(0,)],
        )
        return int(rows[0][0])

    # ---- albums

    async def album_ids(self, names: Iterable[str] | None = None) -> dict[str, str]:
        """``{album name: album id}`` for *names* (all recorded albums when None)."""
        store = self._store
        if names is None:
            rows = await store._read(
                lambda db: db.query(
                    "SELECT name, album_id FROM albums WHERE account_id = ?", (self._account,)
                ),
                _no_rows,
            )
        else:
            keys = _unique(str(n) for n in names)
            store._lookup_count += len(keys)
            rows = await store._read(
                lambda db: db.select_in(
                    "SELECT name, album_id FROM albums WHERE account_id = ? AND name",
                    (self._account,),
                    keys,
                ),
                _no_rows,
            )
        return {str(r[0]): str(r[1]) for r in rows}

    def record_album(self, name: str, album_id: str) -> None:
        """Record that album *name* is *album_id* on the server (buffered)."""
        self._store._write("album", (self._account, str(name), str(album_id), time.time()))

    def forget_album(self, album_id: str) -> None:
        """Drop an album (by id) and its recorded memberships (e.g. it was deleted)."""
        self._store._write("forget_album", (self._account, str(album_id)))

    async def album_assets(self, album_id: str, asset_ids: Iterable[str]) -> set[str]:
        """Those of *asset_ids* recorded as already added to *album_id*."""
        keys = _unique(str(a) for a in asset_ids)
        store = self._store
        store._lookup_count += len(keys)
        rows = await store._read(
            lambda db: db.select_in(
                "SELECT asset_id FROM album_assets WHERE account_id = ? AND album_id = ? "
                "AND asset_id",
                (self._account, str(album_id)),
                keys,
            ),
            _no_rows,
        )
        return {str(r[0]) for r in rows}

    def record_album_assets(self, album_id: str, asset_ids: Iterable[str]) -> None:
        """Record that *asset_ids* were added to *album_id* (buffered)."""
        now = time.time()
        for asset_id in _unique(str(a) for a in asset_ids):
            self._store._write("album_asset", (self._account, str(album_id), asset_id, now))

    def forget_album_assets(self, album_id: str, asset_ids: Iterable[str]) -> None:
        """Drop recorded memberships (e.g. the assets were removed from the album)."""
        for asset_id in _unique(str(a) for a in asset_ids):
            self._store._write("forget_album_asset", (self._account, str(album_id), asset_id))

    # ---- downloads

    async def downloads(self, asset_ids: Iterable[str]) -> dict[str, DownloadRecord]:
        """The download records of those *asset_ids* already placed locally."""
        keys = _unique(str(a) for a in asset_ids)
        store = self._store
        store._lookup_count += len(keys)
        rows = await store._read(
            lambda db: db.select_in(
                "SELECT asset_id, path, checksum, size, mtime_ns, recorded_at FROM downloads "
                "WHERE account_id = ? AND asset_id",
                (self._account,),
                keys,
            ),
            _no_rows,
        )
        return {
            str(r[0]): DownloadRecord(
                asset_id=str(r[0]),
                path=Path(os.fsdecode(r[1])),
                checksum=None if r[2] is None else bytes(r[2]),
                size=int(r[3]),
                mtime_ns=int(r[4]),
                recorded_at=float(r[5]),
            )
            for r in rows
        }

    def record_download(
        self,
        asset_id: str,
        *,
        path: StrPath,
        checksum: bytes | None,
        size: int,
        mtime_ns: int,
    ) -> None:
        """Record that asset *asset_id* was placed at *path* (relative to the export root)."""
        if checksum is not None:
            checksum = _check_sha1(checksum)
        self._store._write(
            "download",
            (
                self._account,
                str(asset_id),
                os.fsencode(path),
                checksum,
                int(size),
                int(mtime_ns),
                time.time(),
            ),
        )

    def forget_downloads(self, asset_ids: Iterable[str]) -> None:
        """Drop download records (e.g. the local file is gone)."""
        for asset_id in _unique(str(a) for a in asset_ids):
            self._store._write("forget_download", (self._account, asset_id))
