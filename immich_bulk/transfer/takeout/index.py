"""The Takeout index as an async object: update it from parts, plan, stream assets.

``async with TakeoutIndex.open(path) as index:`` opens (or creates) the index file;
:meth:`TakeoutIndex.update` reads the parts given (reusing what it knows) and matches;
:meth:`TakeoutIndex.plan`, :meth:`TakeoutIndex.problems` and :meth:`TakeoutIndex.assets`
read the result. Every SQLite call runs in a worker thread under one
:class:`anyio.CapacityLimiter` (one connection), so the event loop never blocks on disk;
long updates check for cancellation between members.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import anyio
import anyio.from_thread
import anyio.to_thread
from anyio import CapacityLimiter

from .indexer import IndexOptions, IndexProgress, PartStatus, refresh
from .parts import PartKind, PartRef, identify_part
from .plan import (
    Plan,
    PlannedAsset,
    PlanOptions,
    Problem,
    build_plan,
    iter_assets,
    iter_problems,
)
from .reader import MemberReader, MemberRef
from .resolve import resolve
from .store import connect, py_text

__all__ = ["TakeoutIndex", "default_index_path"]

T = TypeVar("T")

_BATCH = 256


def default_index_path() -> Path:
    """``platformdirs.user_cache_dir("immich-bulk")/takeout-index.sqlite3``."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("immich-bulk", appauthor=False)) / (
        "takeout-index.sqlite3"
    )


class TakeoutIndex:
    """An open index file (see the module documentation)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, limiter: CapacityLimiter) -> None:
        self._conn = conn
        self._limiter = limiter
        self.path = path
        self._options = IndexOptions()

    @classmethod
    @contextlib.asynccontextmanager
    async def open(cls, path: str | os.PathLike[str]) -> AsyncIterator[TakeoutIndex]:
        """Open the index at *path* (created, migrated or rebuilt as needed)."""
        limiter = CapacityLimiter(1)
        real = Path(path)
        conn = await anyio.to_thread.run_sync(connect, real, limiter=limiter)
        try:
            yield cls(conn, real, limiter)
        finally:
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(conn.close, limiter=limiter)

    async def _run(self, fn: Callable[[], T]) -> T:
        return await anyio.to_thread.run_sync(fn, limiter=self._limiter)

    # ---- building

    async def update(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        *,
        options: IndexOptions | None = None,
        on_progress: Callable[[IndexProgress], None] | None = None,
    ) -> list[PartStatus]:
        """Index *inputs* (zip, tgz/tar parts, extracted folders), reusing every part
        already known, make them the active set, and match.

        Every input is checked before any is read: one that does not exist or is not a
        Takeout part raises :class:`~.errors.PartError` naming it. *on_progress* is called
        in the caller's thread (it must not block).
        """
        options = options or IndexOptions()
        self._options = options
        parts = [await self._run(functools.partial(identify_part, p)) for p in inputs]

        def report(event: IndexProgress) -> None:
            if on_progress is not None:
                anyio.from_thread.run_sync(on_progress, event)

        def work() -> list[PartStatus]:
            statuses = refresh(
                self._conn,
                parts,
                options,
                progress=report,
                check=anyio.from_thread.check_cancelled,
            )
            resolve(
                self._conn,
                images=options.image_extensions,
                videos=options.video_extensions,
                check=anyio.from_thread.check_cancelled,
            )
            return statuses

        return await anyio.to_thread.run_sync(work, limiter=self._limiter)

    # ---- reading

    async def plan(self, options: PlanOptions | None = None) -> Plan:
        """Counts, albums and outcomes of an import of the active parts."""
        return await self._run(lambda: build_plan(self._conn, options or PlanOptions()))

    async def _batches(self, make: Callable[[], Iterator[T]], size: int) -> AsyncIterator[list[T]]:
        iterator: Iterator[T] | None = None

        def next_batch() -> list[T]:
            nonlocal iterator
            if iterator is None:
                iterator = make()
            batch = []
            for item in iterator:
                batch.append(item)
                if len(batch) >= size:
                    break
            return batch

        while True:
            batch = await self._run(next_batch)
            if not batch:
                return
            yield batch

    async def problems(
        self, options: PlanOptions | None = None, *, batch: int = _BATCH
    ) -> AsyncIterator[list[Problem]]:
        """The problems of the report, in batches (by path inside their part)."""
        chosen = options or PlanOptions()
        async for items in self._batches(lambda: iter_problems(self._conn, chosen), batch):
            yield items

    async def assets(
        self, options: PlanOptions | None = None, *, batch: int = _BATCH
    ) -> AsyncIterator[list[PlannedAsset]]:
        """Every asset of the active parts, in batches (see :func:`.plan.iter_assets`)."""
        chosen = options or PlanOptions()
        async for items in self._batches(lambda: iter_assets(self._conn, chosen), batch):
            yield items

    async def member(self, member_id: int) -> MemberRef:
        """The member with id *member_id* (e.g. a live photo's video)."""
        return await self._run(lambda: _member(self._conn, member_id))

    # ---- what the upload side records

    async def sha1s(self, member_ids: Iterable[int]) -> dict[int, bytes]:
        """The SHA-1 recorded for those members (a member row lives as long as its part
        is unchanged, so a recorded digest is never stale)."""
        ids = list(dict.fromkeys(member_ids))

        def query() -> dict[int, bytes]:
            found: dict[int, bytes] = {}
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join("?" * len(chunk))
                for member_id, sha1 in self._conn.execute(
                    f"SELECT id, sha1 FROM takeout_members WHERE id IN ({marks}) "
                    "AND sha1 IS NOT NULL",
                    chunk,
                ):
                    found[int(member_id)] = bytes(sha1)
            return found

        return await self._run(query)

    async def record_sha1s(self, digests: dict[int, bytes]) -> None:
        """Remember the SHA-1 (20 bytes) of members (one transaction)."""
        rows = [(bytes(d), int(m)) for m, d in digests.items() if len(d) == 20]

        def write() -> None:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.executemany("UPDATE takeout_members SET sha1 = ? WHERE id = ?", rows)
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

        await self._run(write)

    @staticmethod
    def reader() -> MemberReader:
        """A new member reader: one per worker thread."""
        return MemberReader()


def _member(conn: sqlite3.Connection, member_id: int) -> MemberRef:
    row: Any = conn.execute(
        "SELECT m.id, m.path, m.name, m.size, m.csize, m.method, m.offset, m.crc32, "
        "m.mtime_ns, p.path, p.kind, p.size, p.mtime_ns, p.prefix FROM takeout_members m "
        "JOIN takeout_parts p ON p.id = m.part_id WHERE m.id = ?",
        (member_id,),
    ).fetchone()
    if row is None:
        raise KeyError(member_id)
    part = PartRef(py_text(row[9]), PartKind(row[10]), int(row[11]), int(row[12]), py_text(row[13]))
    return MemberRef(
        id=int(row[0]), part=part, path=py_text(row[1]), name=py_text(row[2]), size=int(row[3]),
        csize=int(row[4]), method=int(row[5]), offset=int(row[6]), crc32=row[7],
        mtime_ns=int(row[8]),
    )  # fmt: skip
