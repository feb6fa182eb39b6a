"""The state package's one schema and one SQLite wrapper: every older file upgrades in place
with its data; the migration journal writes through the same connection, buffer and
flusher as the rest of the store (errors surfaced, the buffer bounded)."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from pathlib import Path
from typing import Any

import anyio
import pytest

from immich_bulk.transfer.state import (
    SCHEMA_VERSION,
    FileIdentity,
    MigrationJournal,
    PairKey,
    StateStore,
    StateStoreError,
)
from immich_bulk.transfer.state import db as state_db
from immich_bulk.transfer.state import schema as state_schema

FILES = Path(__file__).parent / "state_files"
SERVER = "https://photos.example.com"
USER = "user-1"
KEY = PairKey.of("https://old.example", "u1", "http://new.example:2283", "u2")


def sha(value: str) -> bytes:
    return hashlib.sha1(value.encode()).digest()


def raw_rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def old_file(path: Path, version: int) -> None:
    """A state file of schema *version*, from that version's SQL kept as test data."""
    conn = sqlite3.connect(path)
    conn.executescript((FILES / f"v{version}.sql").read_text())
    conn.close()
    assert raw_rows(path, "PRAGMA user_version") == [(version,)]


async def wait_until(predicate: Any) -> None:
    """Poll *predicate* (what the background flusher did: no event to wait on)."""
    with anyio.fail_after(10):  # a hang guard, not a timing assertion
        while not predicate():  # noqa: ASYNC110
            await anyio.sleep(0.01)


def test_every_older_version_has_a_file() -> None:
    assert sorted(p.name for p in FILES.glob("v*.sql")) == [
        f"v{v}.sql" for v in range(1, SCHEMA_VERSION)
    ]


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
async def test_an_older_file_upgrades_in_place_and_keeps_its_data(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "state.sqlite3"
    old_file(path, version)
    async with StateStore.open(path) as store:
        journal = await store.journal(SERVER, USER)
        record = (await journal.known_uploads([sha("photo")]))[sha("photo")]
        assert (record.asset_id, record.status, record.path) == (
            "asset-1",
            "uploaded",
            Path("a.jpg"),
        )
        assert record.sidecar_sha1 == (sha("xmp") if version >= 3 else None)
        assert await journal.album_ids() == {"Trip": "album-1"}
        assert await journal.album_assets("album-1", ["asset-1", "asset-2"]) == {"asset-1"}
        download = (await journal.downloads(["asset-9"]))["asset-9"]
        assert (download.path, download.checksum, download.size) == (Path("2/b.jpg"), sha("b"), 90)
        (paused,) = await store.paused_queues(SERVER)
        assert (paused.queues, paused.owner) == (("ocr",), "run-a" if version >= 2 else "")
        # hash rows older than version 3 lack the ctime: they cannot be trusted and go
        cached = await store.get_hash(FileIdentity(1, 7, 70, 5, 6, 0))
        assert cached == (sha("old") if version >= 3 else None)
        async with store.migration_journal(KEY) as migration:
            if version >= 3:  # the tables the journal created itself are kept, rows and all
                (asset,) = (await migration.assets(["s1"])).values()
                assert (asset.target_id, asset.meta_fp) == ("t1", "fp1")
                link = await migration.link("album", "a1")
                assert link is not None and link.target_key == "ta1"
                assert await migration.link_members("album", "a1", ["t1", "t2"]) == {"t1"}
            migration.record_asset("s2", checksum=sha("s2"), target_id="t2", status="existing")
            assert await migration.target_ids(["s2"]) == {"s2": "t2"}
        journal.record_upload(sha("new"), asset_id="asset-2")
    assert raw_rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert raw_rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert raw_rows(path, "SELECT count(*) FROM uploads") == [(2,)]


async def test_one_schema_declares_every_table(tmp_path: Path) -> None:
    """Every table of a state file is created by a numbered migration and checked on open:
    no module adds tables of its own on first use."""
    path = tmp_path / "state.sqlite3"
    async with StateStore.open(path) as store, store.migration_journal(KEY) as journal:
        journal.record_link("album", "a", target_key="b", fp="c")
    tables = {r[0] for r in raw_rows(path, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == set(state_schema.EXPECTED_COLUMNS)


async def test_the_migration_journal_writes_through_the_store(tmp_path: Path) -> None:
    """One connection, one buffer: the journal's records are the store's records (flushed,
    counted and closed with it)."""
    opened = StateStore.open(tmp_path / "s.db", flush_interval=3600)
    async with opened as store, store.migration_journal(KEY) as journal:
        journal.record_asset("s1", checksum=sha("s1"), target_id="t1", status="uploaded")
        journal.record_link_members("tag", "people", ["t1", "t2"])
        assert store.statistics().pending == 3
        assert await store.flush()
        assert store.statistics().records_written == 3
    assert raw_rows(tmp_path / "s.db", "SELECT count(*) FROM migrate_link_members") == [(2,)]


def _refuse_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(self: Any, ops: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(state_db.Connection, "write", refused)


async def test_the_migration_journals_write_errors_surface(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A write the file refuses in the background is logged and kept, and a flush raises
    it; once the file takes writes again every record is there."""
    caplog.set_level(logging.WARNING, logger="immich_bulk.transfer.state")
    path = tmp_path / "s.db"
    async with MigrationJournal.open(path, KEY, flush_interval=0.01) as journal:
        _refuse_writes(monkeypatch)
        journal.record_asset("s1", checksum=sha("s1"), target_id="t1", status="uploaded")
        await wait_until(lambda: "cannot write" in caplog.text)
        assert "disk is full" in caplog.text
        assert "disk is full" in (journal.statistics().write_error or "")
        with pytest.raises(StateStoreError, match="disk is full"):
            await journal.flush()
        monkeypatch.undo()
        await journal.flush()
        assert journal.statistics().write_error is None
        assert await journal.target_ids(["s1"]) == {"s1": "t1"}


async def test_the_migration_journals_buffer_is_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """While the file refuses writes, the records waiting are bounded: the oldest are
    dropped (counted, warned once) instead of memory growing for as long as the run."""
    caplog.set_level(logging.WARNING, logger="immich_bulk.transfer.state")
    bound = 2000
    async with MigrationJournal.open(
        tmp_path / "s.db", KEY, flush_interval=0.01, max_pending=bound
    ) as journal:
        _refuse_writes(monkeypatch)
        journal.record_asset("s0", checksum=sha("s0"), target_id="t0", status="uploaded")
        await wait_until(lambda: journal.statistics().write_error is not None)
        for i in range(1, 3 * bound):
            journal.record_asset(f"s{i}", checksum=sha("x"), target_id=f"t{i}", status="existing")
        stats = journal.statistics()
        assert stats.pending == bound
        assert stats.dropped == 2 * bound
        assert caplog.text.count("dropping the oldest") == 1
        monkeypatch.undo()
        await journal.flush()
        assert await journal.asset_count() == bound  # the newest records
        assert await journal.target_ids(["s0", f"s{3 * bound - 1}"]) == {
            f"s{3 * bound - 1}": f"t{3 * bound - 1}"
        }


async def test_the_in_memory_journal_uses_the_same_wrapper() -> None:
    async with StateStore.open(None) as store, store.migration_journal(KEY) as journal:
        assert not journal.persistent
        journal.record_asset("s", checksum=sha("s"), target_id="t", status="uploaded")
        assert await journal.target_ids(["s"]) == {"s": "t"}
        assert journal.statistics().records_written == 1


def test_the_takeout_index_is_declared_in_the_same_schema_module(tmp_path: Path) -> None:
    """The Takeout index is a file of its own (a rebuildable cache: its quarantine never
    takes the journals), opened by the same wrapper from tables declared beside the state
    file's."""
    from immich_bulk.transfer.takeout.store import connect

    conn = connect(tmp_path / "index.sqlite3")
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == set(state_schema.TAKEOUT_INDEX_COLUMNS)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == len(state_schema.TAKEOUT_INDEX_MIGRATIONS)
    finally:
        conn.close()
