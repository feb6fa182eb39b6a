"""The index file: created with its schema (0600), reopened, refused when newer or not
ours (naming the file), moved aside and rebuilt when damaged."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from immich_bulk.transfer.takeout.errors import TakeoutIndexError
from immich_bulk.transfer.takeout.store import APPLICATION_ID, SCHEMA_VERSION, connect


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_created_with_its_schema_and_private(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "index.sqlite3"
    conn = connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert all(t.startswith("takeout_") for t in _tables(conn))
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    connect(path).close()  # reopens


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    connect(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(TakeoutIndexError, match="newer immich-bulk") as info:
        connect(path)
    assert str(path) in str(info.value)


def test_another_applications_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE mine (x)")
    with pytest.raises(TakeoutIndexError, match="another application"):
        connect(path)
    with sqlite3.connect(path) as raw:
        assert _tables(raw) == {"mine"}


def test_a_damaged_index_is_moved_aside_and_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "index.sqlite3"
    path.write_bytes(b"garbage, not a database" * 100)
    with caplog.at_level(logging.WARNING):
        conn = connect(path)
    conn.close()
    aside = [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1
    assert "damaged" in caplog.text
