"""Per server and user: the upload, album and download journals (:class:`ServerJournal`).

* uploads: ``sha1 -> asset id, "uploaded" | "duplicate"``, and the SHA-1 of the sidecar
  the server received with the asset, if any;
* albums: ``album name -> album id`` and the ``(album, asset)`` memberships already added;
* downloads: ``asset id -> local path, checksum, size, mtime``.

An account (server key, user id) is a row of ``accounts``; every journal row carries its id.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final, Literal, TypeVar, cast

import attrs

from ..local.fsutil import StrPath
from .db import Connection, Database, Lookups, no_rows, read_or
from .hashes import path_blob

__all__ = ["DownloadRecord", "ServerJournal", "UploadRecord", "UploadStatus", "account_id"]

T = TypeVar("T")

UploadStatus = Literal["uploaded", "duplicate"]
_UPLOAD_STATUSES: Final = ("uploaded", "duplicate")


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


_UPLOAD: Final = (
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
)
_FORGET_UPLOAD: Final = ("DELETE FROM uploads WHERE account_id = ? AND sha1 = ?",)
_ALBUM: Final = (
    "INSERT OR REPLACE INTO albums (account_id, name, album_id, recorded_at) VALUES (?, ?, ?, ?)",
)
_FORGET_ALBUM: Final = (
    "DELETE FROM albums WHERE account_id = ? AND album_id = ?",
    "DELETE FROM album_assets WHERE account_id = ? AND album_id = ?",
)
_ALBUM_ASSET: Final = (
    "INSERT OR IGNORE INTO album_assets (account_id, album_id, asset_id, recorded_at) "
    "VALUES (?, ?, ?, ?)",
)
_FORGET_ALBUM_ASSET: Final = (
    "DELETE FROM album_assets WHERE account_id = ? AND album_id = ? AND asset_id = ?",
)
_DOWNLOAD: Final = (
    "INSERT OR REPLACE INTO downloads "
    "(account_id, asset_id, path, checksum, size, mtime_ns, recorded_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
)
_FORGET_DOWNLOAD: Final = ("DELETE FROM downloads WHERE account_id = ? AND asset_id = ?",)


def account_id(conn: Connection, key: str, user_id: str) -> int:
    """The id of the account (server key, user id), created if new."""
    db = conn.conn
    select = "SELECT id FROM accounts WHERE server_key = ? AND user_id = ?"
    row = db.execute(select, (key, user_id)).fetchone()
    if row is not None:
        return int(row[0])
    db.execute(
        "INSERT OR IGNORE INTO accounts (server_key, user_id, created_at) VALUES (?, ?, ?)",
        (key, user_id, time.time()),
    )
    return int(db.execute(select, (key, user_id)).fetchone()[0])


def check_sha1(sha1: bytes) -> bytes:
    if not isinstance(sha1, (bytes, bytearray, memoryview)) or len(sha1) != 20:
        raise ValueError("sha1 must be the 20 raw bytes of the digest")
    return bytes(sha1)


def unique(values: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(values))


def _blob_path(blob: bytes | None) -> Path | None:
    return None if blob is None else Path(os.fsdecode(blob))


class ServerJournal:
    """What reached (or came from) one server for one user. Get it from
    :meth:`StateStore.journal`; writes are buffered like the store's."""

    def __init__(
        self, db: Database | None, lookups: Lookups, account: int, key: str, user_id: str
    ) -> None:
        self._db = db
        self._lookups = lookups
        self._account = account
        self.server_key = key
        """The normalised server URL (:func:`server_key`)."""
        self.user_id = user_id
        """The Immich user id (lower case)."""

    def __repr__(self) -> str:
        return f"ServerJournal({self.server_key!r}, user_id={self.user_id!r})"

    def _write(self, statements: tuple[str, ...], params: tuple[Any, ...]) -> None:
        if self._db is not None:
            self._db.write(statements, params)

    async def _select_in(
        self, prefix: str, fixed: tuple[Any, ...], keys: list[Any]
    ) -> list[tuple[Any, ...]]:
        self._lookups.count += len(keys)
        return await read_or(self._db, lambda c: c.select_in(prefix, fixed, keys), no_rows)

    # ---- uploads

    async def known_uploads(self, sha1s: Iterable[bytes]) -> dict[bytes, UploadRecord]:
        """The upload records of those *sha1s* already known (one query per 500)."""
        keys = unique(check_sha1(s) for s in sha1s)
        rows = await self._select_in(
            "SELECT sha1, asset_id, status, path, recorded_at, sidecar_sha1 FROM uploads "
            "WHERE account_id = ? AND sha1",
            (self._account,),
            keys,
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
        self._write(
            _UPLOAD,
            (
                self._account,
                check_sha1(sha1),
                str(asset_id),
                status,
                path_blob(path),
                time.time(),
                None if sidecar_sha1 is None else check_sha1(sidecar_sha1),
            ),
        )

    def forget_uploads(self, sha1s: Iterable[bytes]) -> None:
        """Drop upload records (e.g. the server no longer has those assets)."""
        for sha1 in unique(check_sha1(s) for s in sha1s):
            self._write(_FORGET_UPLOAD, (self._account, sha1))

    async def upload_count(self) -> int:
        """How many upload records this journal holds."""
        rows = await read_or(
            self._db,
            lambda c: c.query(
                "SELECT count(*) FROM uploads WHERE account_id = ?", (self._account,)
            ),
            lambda: [(0,)],
        )
        return int(rows[0][0])

    # ---- albums

    async def album_ids(self, names: Iterable[str] | None = None) -> dict[str, str]:
        """``{album name: album id}`` for *names* (all recorded albums when None)."""
        if names is None:
            rows = await read_or(
                self._db,
                lambda c: c.query(
                    "SELECT name, album_id FROM albums WHERE account_id = ?", (self._account,)
                ),
                no_rows,
            )
        else:
            rows = await self._select_in(
                "SELECT name, album_id FROM albums WHERE account_id = ? AND name",
                (self._account,),
                unique(str(n) for n in names),
            )
        return {str(r[0]): str(r[1]) for r in rows}

    async def flush(self) -> None:
        """Write every buffered record of the state store now (durable before a request
        whose effect must be found again after a crash)."""
        if self._db is not None:
            await self._db.flush()

    def record_album(self, name: str, album_id: str) -> None:
        """Record that album *name* is *album_id* on the server (buffered)."""
        self._write(_ALBUM, (self._account, str(name), str(album_id), time.time()))

    def forget_album(self, album_id: str) -> None:
        """Drop an album (by id) and its recorded memberships (e.g. it was deleted)."""
        self._write(_FORGET_ALBUM, (self._account, str(album_id)))

    async def album_assets(self, album_id: str, asset_ids: Iterable[str]) -> set[str]:
        """Those of *asset_ids* recorded as already added to *album_id*."""
        rows = await self._select_in(
            "SELECT asset_id FROM album_assets WHERE account_id = ? AND album_id = ? AND asset_id",
            (self._account, str(album_id)),
            unique(str(a) for a in asset_ids),
        )
        return {str(r[0]) for r in rows}

    def record_album_assets(self, album_id: str, asset_ids: Iterable[str]) -> None:
        """Record that *asset_ids* were added to *album_id* (buffered)."""
        now = time.time()
        for asset_id in unique(str(a) for a in asset_ids):
            self._write(_ALBUM_ASSET, (self._account, str(album_id), asset_id, now))

    def forget_album_assets(self, album_id: str, asset_ids: Iterable[str]) -> None:
        """Drop recorded memberships (e.g. the assets were removed from the album)."""
        for asset_id in unique(str(a) for a in asset_ids):
            self._write(_FORGET_ALBUM_ASSET, (self._account, str(album_id), asset_id))

    # ---- downloads

    async def downloads(self, asset_ids: Iterable[str]) -> dict[str, DownloadRecord]:
        """The download records of those *asset_ids* already placed locally."""
        rows = await self._select_in(
            "SELECT asset_id, path, checksum, size, mtime_ns, recorded_at FROM downloads "
            "WHERE account_id = ? AND asset_id",
            (self._account,),
            unique(str(a) for a in asset_ids),
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
            checksum = check_sha1(checksum)
        self._write(
            _DOWNLOAD,
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
        for asset_id in unique(str(a) for a in asset_ids):
            self._write(_FORGET_DOWNLOAD, (self._account, asset_id))
