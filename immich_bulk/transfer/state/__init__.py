"""The state package: one SQLite file that lets an interrupted run resume cheaply.

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
  can resume queues a crashed run left paused, and leaves those of a live run alone;
* the **migration journal** (per source -> target pair, from
  :meth:`StateStore.migration_journal`): the target asset each source asset became, the
  metadata applied, the albums, stacks and tags created and their members.

The package: :mod:`.db` is the one SQLite wrapper (connection, thread confinement, the
bounded write buffer and its flusher, corruption quarantine), :mod:`.schema` the one schema
authority (numbered migrations for every table), :mod:`.store` the :class:`StateStore`,
and one module of typed accessors per concern (:mod:`.hashes`, :mod:`.journal`,
:mod:`.queues`, :mod:`.migration`).

Use it as ``async with StateStore.open(path) as store:``. ``path`` defaults to
``platformdirs.user_cache_dir("immich-bulk")/state.sqlite3``; ``None`` gives a store with
the same interface that remembers nothing (callers never branch).

Threads and batching: all SQLite access happens in worker threads under one
``CapacityLimiter(1)`` (one connection, ``check_same_thread=False``), so the event loop
never blocks on disk. Writes (``put_hash``, ``record_*``, ``forget_*``) are plain,
non-blocking method calls that append to a buffer; a background task writes the buffer in
one transaction every ``flush_interval`` seconds (0.2) or as soon as ``flush_max_records``
(1000) are waiting, and :meth:`StateStore.flush` and closing the store write it at once
(shielded from cancellation, with a timeout). A write the file refuses is retried, logged
(a warning) and raised by :meth:`StateStore.flush`; while it is refused, at most 500,000
records wait (older ones are dropped and counted). Every read first writes the buffer, in the
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

from ..local.fsutil import FileIdentity
from .errors import StateStoreError, StateStoreVersionError
from .journal import DownloadRecord, ServerJournal, UploadRecord, UploadStatus
from .keys import DEFAULT_PATH, StatePath, default_state_path, server_key
from .migration import AssetRecord, LinkRecord, MigrationJournal, PairKey
from .queues import PausedQueues
from .schema import APPLICATION_ID, SCHEMA_VERSION
from .store import StateStats, StateStore

__all__ = [
    "APPLICATION_ID",
    "DEFAULT_PATH",
    "SCHEMA_VERSION",
    "AssetRecord",
    "DownloadRecord",
    "FileIdentity",
    "LinkRecord",
    "MigrationJournal",
    "PairKey",
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
