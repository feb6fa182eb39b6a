"""The Takeout index file: its SQLite connection, and how names are stored in it.

The index is what the importer knows about the parts it has read: every member (path,
size, CRC-32, where its bytes are), every JSON file's parsed record, the folder each
member sits in, and the outcome of matching media to sidecars. It lives on disk so that
memory stays flat however large the Takeout is, and so that a second run -- or a run given
one more part -- re-reads nothing it already knows (a part is known by path, size and
mtime; a folder by a digest of its listing).

Its tables (``takeout_*``) and their numbered migrations are declared with every other
table of the project in :mod:`immich_bulk.transfer.state.schema`, and the file is opened
by the state package's one SQLite wrapper (:class:`~immich_bulk.transfer.state.db.Connection`):
WAL, ``synchronous=NORMAL``, a busy timeout, ``PRAGMA application_id`` and
``PRAGMA user_version``, an integrity check on open, a damaged file moved aside
(``<name>.corrupt-<timestamp>``) and rebuilt -- it is a cache of the parts, so nothing is
lost --, a newer schema refused with a message naming the file, mode 0600. It is a file of
its own (beside the state file): rebuilding a damaged index never touches the journals.

Connections are used from one worker thread at a time (the caller serialises).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Final

from ..state import schema as _schema
from ..state.db import Connection
from .errors import TakeoutIndexError

__all__ = ["APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION", "connect", "db_text", "py_text"]

#: ``PRAGMA application_id`` of a Takeout index file ("IMBT").
APPLICATION_ID: Final = _schema.TAKEOUT_INDEX_APPLICATION_ID
#: ``MIGRATIONS[v]`` upgrades an index from version ``v`` to ``v + 1``.
MIGRATIONS: Final = _schema.TAKEOUT_INDEX_MIGRATIONS
#: The schema version this code writes.
SCHEMA_VERSION: Final = len(MIGRATIONS)


def _newer(path: Path, found: int, supported: int) -> TakeoutIndexError:
    return TakeoutIndexError(
        f"Takeout index {os.fsdecode(path)!r} has schema version {found}, written by a newer "
        f"immich-bulk (this one supports up to {supported}); upgrade immich-bulk or use "
        "another index file"
    )


_INDEX: Final = _schema.Schema(
    what="Takeout index",
    application_id=APPLICATION_ID,
    migrations=MIGRATIONS,
    expected_columns=_schema.TAKEOUT_INDEX_COLUMNS,
    error=TakeoutIndexError,
    newer=_newer,
)


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


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Open (creating, migrating or rebuilding as needed) the index at *path*.

    The connection is in autocommit mode (``isolation_level=None``): callers group writes
    with explicit ``BEGIN IMMEDIATE`` / ``COMMIT``.
    """
    return Connection.open(Path(path), _INDEX).conn
