"""On-disk persistence of the fake's metadata: one SQLite table of JSON documents.

Each entity (user, API key, session, asset, album, stack, tag, queue, meta) is one row
``(kind, id, json)``, written on every change (WAL, ``synchronous=OFF``: survives a killed
process, which is what "restart the server mid-run" tests need) and read back at start-up.
The JSON codec tags the few non-JSON types (datetime, bytes, set, tuple) so a dataclass
round-trips without per-class code; fields missing in an old row take their defaults.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["Store", "decode", "encode", "from_document", "to_document"]

T = TypeVar("T")


def encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, bytes | bytearray):
        return {"$b": bytes(value).hex()}
    if isinstance(value, set | frozenset):
        return {"$set": [encode(v) for v in value]}
    if isinstance(value, tuple):
        return {"$tuple": [encode(v) for v in value]}
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, inner),) = value.items()
            if key == "$dt":
                return datetime.fromisoformat(inner)
            if key == "$b":
                return bytes.fromhex(inner)
            if key == "$set":
                return {decode(v) for v in inner}
            if key == "$tuple":
                return tuple(decode(v) for v in inner)
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def to_document(obj: Any) -> str:
    data = {f.name: encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    return json.dumps(data, separators=(",", ":"))


def from_document(cls: type[T], document: str) -> T:
    data = decode(json.loads(document))
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


class Store:
    """The SQLite file ``<data>/fake-immich.sqlite3``; usable from any thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS entities ("
            " kind TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (kind, id))"
        )

    def put_many(self, rows: Iterable[tuple[str, str, str]]) -> None:
        rows = list(rows)
        if not rows:
            return
        with self._lock:
            if len(rows) == 1:
                self._db.execute("INSERT OR REPLACE INTO entities VALUES (?, ?, ?)", rows[0])
            else:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO entities VALUES (?, ?, ?)", rows)
                self._db.execute("COMMIT")

    def delete_many(self, keys: Iterable[tuple[str, str]]) -> None:
        keys = list(keys)
        if not keys:
            return
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM entities WHERE kind = ? AND id = ?", keys)
            self._db.execute("COMMIT")

    def load(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        with self._lock:
            for kind, doc in self._db.execute("SELECT kind, doc FROM entities ORDER BY rowid"):
                out.setdefault(kind, []).append(doc)
        return out

    def close(self) -> None:
        with self._lock:
            self._db.close()
