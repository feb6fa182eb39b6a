"""Paused job queues: ``(server, run) -> queues that run paused``, so a later run can
resume queues a crashed run left paused, and leaves those of a live run alone. Written at
once (not buffered): a pause must be on disk before the server is told."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from typing import Any

import attrs

from .db import Database, no_rows, read_or
from .keys import server_key

__all__ = ["PausedQueueRecords", "PausedQueues"]


@attrs.frozen(kw_only=True)
class PausedQueues:
    """Job queues this tool paused on a server (to resume after a crash)."""

    server_key: str
    queues: tuple[str, ...]
    paused_at: float
    owner: str = ""
    """The run that paused them (``host/pid/start``, see :mod:`.jobs`); empty in records
    written before owners were recorded."""


def _paused(row: tuple[Any, ...]) -> PausedQueues:
    return PausedQueues(
        server_key=str(row[0]),
        queues=tuple(json.loads(row[1])),
        paused_at=float(row[2]),
        owner=str(row[3]),
    )


def _nothing() -> None:
    return None


class PausedQueueRecords:
    """The paused-queue records of one store (``db`` None: remembers nothing)."""

    def __init__(self, db: Database | None) -> None:
        self._db = db

    async def set(self, server_url: str, queues: Iterable[str], *, owner: str) -> None:
        key = server_key(server_url)
        names = sorted(set(queues))
        if not names:
            await self.clear(server_url, owner=owner)
            return
        await read_or(
            self._db,
            lambda c: c.execute_now(
                "INSERT OR REPLACE INTO paused_queues (server_key, owner, queues, paused_at) "
                "VALUES (?, ?, ?, ?)",
                (key, owner, json.dumps(names), time.time()),
            ),
            _nothing,
        )

    async def of_server(self, server_url: str) -> list[PausedQueues]:
        key = server_key(server_url)
        rows = await read_or(
            self._db,
            lambda c: c.query(
                "SELECT server_key, queues, paused_at, owner FROM paused_queues "
                "WHERE server_key = ? ORDER BY paused_at",
                (key,),
            ),
            no_rows,
        )
        return [_paused(row) for row in rows]

    async def all(self) -> list[PausedQueues]:
        rows = await read_or(
            self._db,
            lambda c: c.query(
                "SELECT server_key, queues, paused_at, owner FROM paused_queues "
                "ORDER BY server_key, paused_at"
            ),
            no_rows,
        )
        return [_paused(row) for row in rows]

    async def clear(self, server_url: str, *, owner: str) -> None:
        key = server_key(server_url)
        await read_or(
            self._db,
            lambda c: c.execute_now(
                "DELETE FROM paused_queues WHERE server_key = ? AND owner = ?", (key, owner)
            ),
            _nothing,
        )
