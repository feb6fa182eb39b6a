"""Tests of the SQLite state store (immich_bulk.transfer.state)."""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import sqlite3
import stat
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import anyio
import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from immich_bulk.transfer import state as state_mod
from immich_bulk.transfer.state import (
    SCHEMA_VERSION,
    FileIdentity,
    StateStore,
    StateStoreError,
    StateStoreVersionError,
    default_state_path,
    server_key,
)
from immich_bulk.transfer.state import db as state_db
from immich_bulk.transfer.state import hashes as state_hashes
from immich_bulk.transfer.state import schema as state_schema

SERVER = "https://photos.example.com"
REPO = Path(__file__).resolve().parents[2]
USER = "5d1f4c1e-0000-4000-8000-000000000001"


def sha(i: int | str) -> bytes:
    return hashlib.sha1(str(i).encode()).digest()


def raw_rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Read with a separate connection (what another process would see)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


async def wait_until(predicate: Any) -> None:
    """Poll *predicate* (a state visible only from another connection: no event to wait on)."""
    with anyio.fail_after(10):
        while not predicate():  # noqa: ASYNC110
            await anyio.sleep(0.01)


def corrupt_files(directory: Path) -> list[Path]:
    return [p for p in directory.iterdir() if ".corrupt-" in p.name and not p.name.endswith("-wal")]


def file_mode(path: Path) -> int | None:
    return stat.S_IMODE(path.stat().st_mode) if path.exists() else None


# --------------------------------------------------------------------------- server_key


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://photos.example.com", "https://photos.example.com"),
        ("https://photos.example.com/", "https://photos.example.com"),
        ("https://photos.example.com/api", "https://photos.example.com"),
        ("https://photos.example.com/api/", "https://photos.example.com"),
        ("HTTPS://Photos.Example.COM:443/api", "https://photos.example.com"),
        ("http://photos.example.com:80", "http://photos.example.com"),
        ("http://photos.example.com:2283/api", "http://photos.example.com:2283"),
        (
            "https://admin:hunter2@photos.example.com/api?apiKey=SECRET#frag",
            "https://photos.example.com",
        ),
        ("https://token@host.lan:8443/immich/api", "https://host.lan:8443/immich"),
        ("https://host.lan//immich//", "https://host.lan/immich"),
        ("http://[::1]:2283/api", "http://[::1]:2283"),
        ("http://192.168.1.5:2283", "http://192.168.1.5:2283"),
        ("https://host.example.com./", "https://host.example.com"),
    ],
)
def test_server_key(url: str, key: str) -> None:
    assert server_key(url) == key
    assert server_key(key) == key  # idempotent


@pytest.mark.parametrize(
    "url", ["photos.example.com", "ftp://x", "https://", "https://h:99999", ""]
)
def test_server_key_rejects(url: str) -> None:
    with pytest.raises(ValueError):
        server_key(url)


@given(
    user=st.text("abcXYZ:%", min_size=1, max_size=10),
    password=st.text("abc123!$&'()*+,;=", max_size=10),
    host=st.from_regex(r"[a-z][a-z0-9-]{0,10}(\.[a-z]{2,5}){0,2}", fullmatch=True),
    query=st.text("abc=&", max_size=10),
)
def test_server_key_never_keeps_credentials(
    user: str, password: str, host: str, query: str
) -> None:
    url = f"https://{user}:{password}@{host}/api?{query}"
    key = server_key(url)
    assert key == f"https://{host}"


# --------------------------------------------------------------------------- basics


async def test_hash_cache_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    big = FileIdentity(2**64 - 1, 2**63 + 5, 10, 123)  # unsigned 64-bit dev/ino
    ids = [FileIdentity(1, i, i * 10, 1_700_000_000_000_000_000 + i) for i in range(1200)]
    async with StateStore.open(db) as store:
        assert store.persistent and store.path == db
        for ident in ids:
            store.put_hash(ident, sha(ident.ino), f"/photos/{ident.ino}.jpg")
        store.put_hash(big, sha("big"))
        found = await store.get_hashes([*ids, big])  # > 500 keys: several queries
        assert len(found) == 1201 and found[big] == sha("big")
        assert all(found[i] == sha(i.ino) for i in ids)
        assert await store.get_hash(ids[7]) == sha(7)
        # Same inode with another size or mtime: a miss (the file changed).
        assert await store.get_hash(FileIdentity(1, 7, 71, ids[7].mtime_ns)) is None
        assert await store.get_hash(FileIdentity(1, 7, 70, ids[7].mtime_ns + 1)) is None
        assert await store.get_hash(FileIdentity(2, 7, 70, ids[7].mtime_ns)) is None
        # A new version replaces the old row (one row per inode).
        store.put_hash(FileIdentity(1, 7, 71, 5), sha("v2"))
        assert await store.get_hash(FileIdentity(1, 7, 71, 5)) == sha("v2")
        assert await store.get_hash(ids[7]) is None
        with pytest.raises(ValueError):
            store.put_hash(ids[0], b"short")
    assert raw_rows(db, "SELECT count(*) FROM hash_cache") == [(1201,)]
    async with StateStore.open(db) as store:
        assert await store.get_hash(big) == sha("big")


async def test_get_hash_coalesces_concurrent_lookups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = state_hashes.select_hashes

    def counting(conn: Any, identities: Any) -> Any:
        calls.append(len(identities))
        return real(conn, identities)

    monkeypatch.setattr(state_hashes, "select_hashes", counting)
    async with StateStore.open(tmp_path / "s.db") as store:
        for i in range(0, 200, 2):
            store.put_hash(FileIdentity(1, i, 1, 1), sha(i))
        results: dict[int, bytes | None] = {}

        async def one(i: int) -> None:
            results[i] = await store.get_hash(FileIdentity(1, i, 1, 1))

        async with anyio.create_task_group() as tg:
            for i in range(200):
                tg.start_soon(one, i)
    assert all(results[i] == (sha(i) if i % 2 == 0 else None) for i in range(200))
    assert sum(calls) == 200
    assert len(calls) < 20  # coalesced (typically 1 or 2 queries, not 200)


async def test_upload_journal(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    async with StateStore.open(db) as store:
        journal = await store.journal("https://key:secret@Photos.Example.com/api", USER.upper())
        assert journal.server_key == SERVER and journal.user_id == USER
        journal.record_upload(sha(1), asset_id="a1", path="/p/1.jpg")
        journal.record_upload(sha(2), asset_id="a2", status="duplicate")
        journal.record_upload(sha(3), asset_id="a3")
        journal.forget_uploads([sha(3)])
        known = await journal.known_uploads([sha(1), sha(2), sha(3), sha(4), sha(1)])
        assert set(known) == {sha(1), sha(2)}
        assert known[sha(1)].asset_id == "a1" and known[sha(1)].status == "uploaded"
        assert known[sha(1)].path == Path("/p/1.jpg")
        assert known[sha(2)].status == "duplicate" and known[sha(2)].path is None
        assert await journal.upload_count() == 2
        with pytest.raises(ValueError):
            journal.record_upload(sha(5), asset_id="x", status="bogus")  # type: ignore[arg-type]
        with pytest.raises(ValueError):
            journal.record_upload(b"123", asset_id="x")
        # Another user on the same server, and the same user elsewhere, are separate.
        other_user = await store.journal(SERVER, "other-user")
        other_server = await store.journal("http://other.lan:2283", USER)
        assert await other_user.known_uploads([sha(1)]) == {}
        assert await other_server.known_uploads([sha(1)]) == {}
        same = await store.journal(SERVER + "/", USER)
        assert set(await same.known_uploads([sha(1), sha(2)])) == {sha(1), sha(2)}
    # Credentials never reach the file.
    for name in os.listdir(tmp_path):
        assert b"secret" not in (tmp_path / name).read_bytes()


async def test_album_and_download_journals(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    async with StateStore.open(db) as store:
        j = await store.journal(SERVER, USER)
        j.record_album("Trip 2020", "album-1")
        j.record_album("Family", "album-2")
        assert await j.album_ids(["Trip 2020", "Nope"]) == {"Trip 2020": "album-1"}
        assert await j.album_ids() == {"Trip 2020": "album-1", "Family": "album-2"}
        j.record_album_assets("album-1", [f"asset-{i}" for i in range(700)])
        j.record_album_assets("album-1", ["asset-1"])  # again: no duplicate
        asked = [f"asset-{i}" for i in range(650, 750)]
        assert await j.album_assets("album-1", asked) == {f"asset-{i}" for i in range(650, 700)}
        assert await j.album_assets("album-2", asked) == set()
        j.forget_album_assets("album-1", ["asset-650"])
        assert "asset-650" not in await j.album_assets("album-1", asked)
        j.forget_album("album-1")
        assert await j.album_ids() == {"Family": "album-2"}
        assert await j.album_assets("album-1", asked) == set()

        weird = Path(os.fsdecode(b"2020/caf\xe9/\xff.jpg"))  # not UTF-8: kept exactly
        j.record_download("asset-9", path=weird, checksum=sha(9), size=12, mtime_ns=34)
        j.record_download("asset-8", path="a/b.jpg", checksum=None, size=1, mtime_ns=2)
        got = await j.downloads(["asset-9", "asset-8", "asset-7"])
        assert set(got) == {"asset-9", "asset-8"}
        assert got["asset-9"].path == weird and got["asset-9"].checksum == sha(9)
        assert (got["asset-9"].size, got["asset-9"].mtime_ns) == (12, 34)
        assert got["asset-8"].checksum is None
        j.forget_downloads(["asset-8"])
        assert set(await j.downloads(["asset-9", "asset-8"])) == {"asset-9"}
    async with StateStore.open(db) as store:
        j = await store.journal(SERVER, USER)
        assert (await j.downloads(["asset-9"]))["asset-9"].path == weird
        assert await j.album_ids() == {"Family": "album-2"}


async def test_paused_queues(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    async with StateStore.open(db) as store:
        assert await store.paused_queues(SERVER) == []
        await store.set_paused_queues(
            SERVER + "/api", ["thumbnailGeneration", "metadataExtraction"], owner="run-a"
        )
        # Written at once, not buffered: another process sees it immediately.
        assert len(raw_rows(db, "SELECT * FROM paused_queues")) == 1
        await store.set_paused_queues("http://other:2283", ["smartSearch"], owner="run-a")
        await store.set_paused_queues(SERVER, ["ocr"], owner="run-b")  # a second run's own
    async with StateStore.open(db) as store:
        first, second = await store.paused_queues(SERVER)
        assert first.queues == ("metadataExtraction", "thumbnailGeneration")
        assert first.server_key == SERVER and first.paused_at > 0 and first.owner == "run-a"
        assert (second.owner, second.queues) == ("run-b", ("ocr",))
        assert [(p.server_key, p.owner) for p in await store.all_paused_queues()] == [
            ("http://other:2283", "run-a"),
            (SERVER, "run-a"),
            (SERVER, "run-b"),
        ]
        # one run's record goes; the other run's stays
        await store.clear_paused_queues(SERVER, owner="run-a")
        assert [p.owner for p in await store.paused_queues(SERVER)] == ["run-b"]
        await store.set_paused_queues(SERVER, [], owner="run-b")  # empty list clears too
        await store.clear_paused_queues("http://other:2283", owner="run-a")
        assert await store.all_paused_queues() == []


async def test_a_version_1_store_keeps_its_paused_queues(tmp_path: Path) -> None:
    """Upgrading a state file of the first schema keeps what a killed run left paused (with
    no owner, which reads as a run that is gone)."""
    db = tmp_path / "v1.db"
    conn = sqlite3.connect(db)
    for statement in state_schema._SCHEMA_V1:
        conn.execute(statement)
    conn.execute("PRAGMA application_id = 1229802818")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO paused_queues VALUES (?, ?, ?)", (SERVER, '["smartSearch"]', 1234.5))
    conn.commit()
    conn.close()
    async with StateStore.open(db) as store:
        (record,) = await store.paused_queues(SERVER)
        assert (record.queues, record.paused_at, record.owner) == (("smartSearch",), 1234.5, "")
    assert raw_rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


async def test_the_hash_cache_tells_an_edit_with_the_mtime_put_back(tmp_path: Path) -> None:
    """Same inode, size and mtime, another ctime (an in-place edit followed by ``touch -r``)
    or generation (a reused inode number): a miss, so the file is hashed again."""
    ident = FileIdentity(1, 7, 70, 1_700_000_000_000_000_000, 1_700_000_000_500_000_000, 3)
    async with StateStore.open(tmp_path / "s.db") as store:
        store.put_hash(ident, sha("old"))
        assert await store.get_hash(ident) == sha("old")
        edited = FileIdentity(1, 7, 70, ident.mtime_ns, ident.ctime_ns + 1, 3)
        reused = FileIdentity(1, 7, 70, ident.mtime_ns, ident.ctime_ns, 4)
        assert await store.get_hash(edited) is None
        assert await store.get_hash(reused) is None
        assert await store.get_hashes([ident, edited, reused]) == {ident: sha("old")}


async def test_an_upload_record_keeps_the_sidecar_sent_with_its_asset(tmp_path: Path) -> None:
    """A later record of the same asset without a sidecar (a "duplicate" answer says nothing
    about it) keeps the sidecar known; a record of another asset forgets it."""
    async with StateStore.open(tmp_path / "s.db") as store:
        j = await store.journal(SERVER, USER)
        j.record_upload(sha(1), asset_id="a", sidecar_sha1=sha("xmp"))
        j.record_upload(sha(2), asset_id="b")
        assert (await j.known_uploads([sha(1)]))[sha(1)].sidecar_sha1 == sha("xmp")
        assert (await j.known_uploads([sha(2)]))[sha(2)].sidecar_sha1 is None
        j.record_upload(sha(1), asset_id="a", status="duplicate")
        record = (await j.known_uploads([sha(1)]))[sha(1)]
        assert (record.status, record.sidecar_sha1) == ("duplicate", sha("xmp"))
        j.record_upload(sha(1), asset_id="a", sidecar_sha1=sha("xmp v2"))
        assert (await j.known_uploads([sha(1)]))[sha(1)].sidecar_sha1 == sha("xmp v2")
        j.record_upload(sha(1), asset_id="c")  # the asset was replaced on the server
        record = (await j.known_uploads([sha(1)]))[sha(1)]
        assert (record.asset_id, record.sidecar_sha1) == ("c", None)
        with pytest.raises(ValueError):
            j.record_upload(sha(3), asset_id="d", sidecar_sha1=b"short")


def _version_2_file(db: Path) -> None:
    """A state file as version 2 left it: hash cache rows without ctime, uploads without
    sidecars, an album, a paused queue."""
    conn = sqlite3.connect(db)
    for statement in state_schema._SCHEMA_V1:
        conn.execute(statement)
    state_schema.MIGRATIONS[1](conn)
    conn.execute("PRAGMA application_id = 1229802818")
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "INSERT INTO hash_cache VALUES (?, ?, ?, ?, ?, ?, ?)", (1, 7, 70, 5, sha("old"), None, 1.0)
    )
    conn.execute(
        "INSERT INTO accounts (id, server_key, user_id, created_at) VALUES (1, ?, ?, 1.0)",
        (SERVER, USER),
    )
    conn.execute(
        "INSERT INTO uploads VALUES (1, ?, 'asset-1', 'uploaded', NULL, 2.0)", (sha("photo"),)
    )
    conn.execute("INSERT INTO albums VALUES (1, 'Trip', 'album-1', 3.0)")
    conn.execute("INSERT INTO paused_queues VALUES (?, 'run-a', '[\"ocr\"]', 4.0)", (SERVER,))
    conn.commit()
    conn.close()


async def test_a_version_2_store_upgrades_in_place(tmp_path: Path) -> None:
    """Opening a version 2 file migrates it where it is: the journal, albums and paused
    queues stay; the hash cache rows, which lack the ctime and cannot be trusted, go (each
    file is hashed once more); the new columns work."""
    db = tmp_path / "v2.db"
    _version_2_file(db)
    async with StateStore.open(db) as store:
        j = await store.journal(SERVER, USER)
        record = (await j.known_uploads([sha("photo")]))[sha("photo")]
        assert (record.asset_id, record.status, record.sidecar_sha1) == (
            "asset-1",
            "uploaded",
            None,
        )
        assert await j.album_ids() == {"Trip": "album-1"}
        assert [p.queues for p in await store.paused_queues(SERVER)] == [("ocr",)]
        assert await store.get_hash(FileIdentity(1, 7, 70, 5)) is None
        store.put_hash(FileIdentity(1, 7, 70, 5, 6, 0), sha("new"))
        j.record_upload(sha("photo"), asset_id="asset-1", sidecar_sha1=sha("xmp"))
    assert raw_rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)] == [(4,)]
    assert raw_rows(db, "SELECT ino, ctime_ns, sha1 FROM hash_cache") == [(7, 6, sha("new"))]
    assert raw_rows(db, "SELECT sidecar_sha1 FROM uploads") == [(sha("xmp"),)]
    assert not corrupt_files(tmp_path)


async def test_null_store_same_interface(tmp_path: Path) -> None:
    async with StateStore.open(None) as store:
        assert not store.persistent and store.path is None
        store.put_hash(FileIdentity(1, 2, 3, 4), sha(1))
        assert await store.get_hash(FileIdentity(1, 2, 3, 4)) is None
        assert await store.get_hashes([FileIdentity(1, 2, 3, 4)]) == {}
        j = await store.journal(SERVER, USER)
        j.record_upload(sha(1), asset_id="a")
        assert await j.known_uploads([sha(1)]) == {}
        assert await j.upload_count() == 0
        j.record_album("x", "y")
        assert await j.album_ids() == {}
        assert await j.album_assets("y", ["a"]) == set()
        assert await j.downloads(["a"]) == {}
        await store.set_paused_queues(SERVER, ["q"], owner="run")
        assert await store.paused_queues(SERVER) == []
        assert await store.all_paused_queues() == []
        assert await store.flush()
        assert store.statistics().pending == 0
    assert os.listdir(tmp_path) == []


async def test_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    calls: list[tuple[Any, ...]] = []

    def fake_cache_dir(*args: Any, **kwargs: Any) -> str:
        calls.append(args)
        return str(tmp_path / "cache" / "immich-bulk")

    monkeypatch.setattr(platformdirs, "user_cache_dir", fake_cache_dir)
    expected = tmp_path / "cache" / "immich-bulk" / "state.sqlite3"
    assert default_state_path() == expected
    async with StateStore.open() as store:
        assert store.path == expected
    assert expected.exists() and calls[0][0] == "immich-bulk"
    if os.name == "posix":
        assert stat.S_IMODE(expected.parent.stat().st_mode) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
async def test_file_mode_0600(tmp_path: Path) -> None:
    db = tmp_path / "new" / "state.sqlite3"
    old_umask = os.umask(0o022)
    try:
        async with StateStore.open(db) as store:
            j = await store.journal(SERVER, USER)
            j.record_upload(sha(1), asset_id="a")
            await store.flush()
            for suffix in ("", "-wal", "-shm"):
                assert file_mode(Path(str(db) + suffix)) == 0o600, suffix
        # An existing file with a looser mode is tightened.
        os.chmod(db, 0o644)
        async with StateStore.open(db):
            pass
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
    finally:
        os.umask(old_umask)


# --------------------------------------------------------------------------- batching


async def test_writes_are_batched_and_flushed_on_close(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    async with StateStore.open(db, flush_interval=3600, flush_max_records=10**6) as store:
        j = await store.journal(SERVER, USER)
        for i in range(100):
            j.record_upload(sha(i), asset_id=f"a{i}")
        assert store.statistics().pending == 100
        await anyio.sleep(0.05)
        assert raw_rows(db, "SELECT count(*) FROM uploads") == [(0,)]  # still buffered
        flushes = store.statistics().flushes
    assert raw_rows(db, "SELECT count(*) FROM uploads") == [(100,)]
    async with StateStore.open(db) as store:
        j = await store.journal(SERVER, USER)
        assert len(await j.known_uploads([sha(i) for i in range(100)])) == 100
        assert flushes == 0


async def test_flush_after_max_records(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    async with StateStore.open(db, flush_interval=3600, flush_max_records=50) as store:
        j = await store.journal(SERVER, USER)
        for i in range(120):
            j.record_upload(sha(i), asset_id=f"a{i}")
        await wait_until(lambda: store.statistics().records_written >= 100)
        assert raw_rows(db, "SELECT count(*) FROM uploads")[0][0] >= 100


async def test_flush_on_timer(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    async with StateStore.open(db, flush_interval=0.05) as store:
        j = await store.journal(SERVER, USER)
        j.record_upload(sha(1), asset_id="a1")
        await wait_until(lambda: raw_rows(db, "SELECT count(*) FROM uploads") == [(1,)])
        assert store.statistics().pending == 0


async def test_explicit_flush_and_read_your_writes(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    async with StateStore.open(db, flush_interval=3600, flush_max_records=10**6) as store:
        j = await store.journal(SERVER, USER)
        j.record_upload(sha(1), asset_id="a1")
        # A read sees buffered writes (it writes the buffer first, in the same hop).
        assert set(await j.known_uploads([sha(1)])) == {sha(1)}
        j.record_upload(sha(2), asset_id="a2")
        assert await store.flush() is True
        assert raw_rows(db, "SELECT count(*) FROM uploads") == [(2,)]


async def test_write_failure_keeps_records_and_retries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "s.db"
    real_write = state_db.Connection.write
    failures = [2]

    def flaky(self: Any, ops: Any) -> None:
        if failures[0]:
            failures[0] -= 1
            raise sqlite3.OperationalError("disk I/O error")
        real_write(self, ops)

    monkeypatch.setattr(state_db.Connection, "write", flaky)
    caplog.set_level(logging.WARNING, logger="immich_bulk.transfer.state")
    async with StateStore.open(db, flush_interval=0.02) as store:
        j = await store.journal(SERVER, USER)
        for i in range(10):
            j.record_upload(sha(i), asset_id=f"a{i}")
        await wait_until(lambda: store.statistics().records_written == 10)
    assert "cannot write" in caplog.text
    assert raw_rows(db, "SELECT count(*) FROM uploads") == [(10,)]


async def test_read_error_is_a_state_store_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Any, *args: Any) -> Any:
        raise sqlite3.OperationalError("database is locked")

    async with StateStore.open(tmp_path / "s.db") as store:
        j = await store.journal(SERVER, USER)
        monkeypatch.setattr(state_db.Connection, "select_in", broken)
        with pytest.raises(StateStoreError, match="database is locked"):
            await j.known_uploads([sha(1)])
        monkeypatch.setattr(state_hashes, "select_hashes", broken)
        with pytest.raises(StateStoreError):
            await store.get_hash(FileIdentity(1, 1, 1, 1))


async def test_hundred_thousand_uploads_rerun(tmp_path: Path) -> None:
    """A re-run of a finished 100,000-file upload answers from the journal (batched).

    Timings are printed, not asserted (speed lives in benchmarks/)."""
    db = tmp_path / "s.db"
    n = 100_000
    sha1s = [sha(i) for i in range(n)]
    started = time.perf_counter()
    async with StateStore.open(db) as store:
        j = await store.journal(SERVER, USER)
        for i, s in enumerate(sha1s):
            j.record_upload(s, asset_id=f"asset-{i}", path=f"/photos/{i}.jpg")
    written = time.perf_counter()
    async with StateStore.open(db) as store:
        j = await store.journal(SERVER, USER)
        known = 0
        for start in range(0, n, 5000):  # the check stage asks in batches
            known += len(await j.known_uploads(sha1s[start : start + 5000]))
    done = time.perf_counter()
    assert known == n
    print(f"\n100k uploads: write {written - started:.2f}s, re-run lookup {done - written:.2f}s")


# --------------------------------------------------------------------------- cancellation


async def test_cancelled_flush_still_writes(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    async with StateStore.open(db, flush_interval=3600, flush_max_records=10**6) as store:
        j = await store.journal(SERVER, USER)
        for i in range(20_000):
            j.record_upload(sha(i), asset_id=f"a{i}")
        with anyio.CancelScope() as scope:
            scope.cancel()
            await store.flush()  # shielded: completes, then the cancellation is seen
            pytest.fail("flush() did not raise the pending cancellation")
        assert scope.cancelled_caught
        assert store.statistics().pending == 0
        assert raw_rows(db, "SELECT count(*) FROM uploads") == [(20_000,)]


async def test_cancelled_body_still_flushes_on_close(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with anyio.CancelScope() as scope:  # cancelled once the records are buffered (no clock)
        async with StateStore.open(db, flush_interval=3600, flush_max_records=10**6) as store:
            j = await store.journal(SERVER, USER)
            for i in range(5000):
                j.record_upload(sha(i), asset_id=f"a{i}")
            scope.cancel()
            await anyio.sleep_forever()
    assert scope.cancelled_caught
    assert raw_rows(db, "SELECT count(*) FROM uploads") == [(5000,)]


async def test_cancellation_during_background_flush_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    async with StateStore.open(db, flush_interval=0.001, flush_max_records=100) as store:
        j = await store.journal(SERVER, USER)
        for round_ in range(20):
            with anyio.move_on_after(0.001):
                for i in range(500):
                    j.record_upload(sha(f"{round_}-{i}"), asset_id="a")
                await j.known_uploads([sha(0)])  # a read that may be cancelled mid-flight
    assert raw_rows(db, "SELECT count(*) FROM uploads") == [(10_000,)]


async def test_body_exception_not_wrapped(tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="mine"):
        async with StateStore.open(tmp_path / "s.db"):
            raise KeyError("mine")


# --------------------------------------------------------------------------- robustness


async def test_reopen_persistence(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    for round_ in range(3):
        async with StateStore.open(db) as store:
            j = await store.journal(SERVER, USER)
            j.record_upload(sha(round_), asset_id=f"a{round_}")
            assert await j.upload_count() == round_ + 1
    assert raw_rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert raw_rows(db, "PRAGMA journal_mode") == [("wal",)]


async def _populated(db: Path) -> None:
    async with StateStore.open(db) as store:
        j = await store.journal(SERVER, USER)
        for i in range(3000):
            j.record_upload(sha(i), asset_id=f"asset-{i:05}", path=f"/photos/{i}.jpg")
            store.put_hash(FileIdentity(1, i, i, i), sha(i))


def _corrupt_random_bytes(db: Path) -> None:
    db.write_bytes(os.urandom(8192))


def _corrupt_schema(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE TABLE uploads (oops' WHERE name = 'uploads'"
    )
    conn.commit()
    conn.close()


def _corrupt_pages(db: Path) -> None:
    data = bytearray(db.read_bytes())
    assert len(data) > 8 * 4096
    for offset in range(2 * 4096, len(data) - 4096, 4096):  # keep the header page
        data[offset + 8 : offset + 200] = os.urandom(192)
    db.write_bytes(bytes(data))


def _drop_table(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE albums")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "damage", [_corrupt_random_bytes, _corrupt_schema, _corrupt_pages, _drop_table]
)
async def test_corrupt_file_is_moved_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: Any
) -> None:
    db = tmp_path / "state.sqlite3"
    await _populated(db)
    damage(db)
    damaged = db.read_bytes()
    caplog.set_level(logging.WARNING, logger="immich_bulk.transfer.state")
    async with StateStore.open(db) as store:
        j = await store.journal(SERVER, USER)
        assert await j.known_uploads([sha(1)]) == {}  # a fresh, working store
        j.record_upload(sha(1), asset_id="new")
        assert set(await j.known_uploads([sha(1)])) == {sha(1)}
    aside = corrupt_files(tmp_path)
    assert len(aside) == 1, os.listdir(tmp_path)
    assert aside[0].read_bytes() == damaged
    assert "damaged" in caplog.text and aside[0].name in caplog.text


async def test_newer_schema_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    await _populated(db)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StateStoreVersionError) as info:
        async with StateStore.open(db):
            pass
    assert str(db) in str(info.value) and "newer" in str(info.value)
    assert info.value.found == SCHEMA_VERSION + 1
    assert db.read_bytes() == before  # left alone
    assert not corrupt_files(tmp_path)


async def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StateStoreError, match="another application"):
        async with StateStore.open(db):
            pass
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA application_id = 12345")
    conn.commit()
    conn.close()
    with pytest.raises(StateStoreError, match="not an immich-bulk state file"):
        async with StateStore.open(db):
            pass
    assert raw_rows(db, "SELECT name FROM sqlite_master") == [("customers",)]


async def test_unusable_location_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StateStoreError, match=r"dir\.db"):
        async with StateStore.open(tmp_path / "dir.db"):
            pass


async def test_migration_from_older_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.db"
    await _populated(db)

    def migrate_1_to_2(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE uploads ADD COLUMN device_asset_id TEXT")

    newer = [*state_schema.STATE.migrations, migrate_1_to_2]
    monkeypatch.setattr(state_schema, "STATE", attrs.evolve(state_schema.STATE, migrations=newer))
    async with StateStore.open(db) as store:
        j = await store.journal(SERVER, USER)
        assert len(await j.known_uploads([sha(1), sha(2)])) == 2
    assert raw_rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION + 1,)]
    columns = {row[1] for row in raw_rows(db, "PRAGMA table_info(uploads)")}
    assert "device_asset_id" in columns


async def test_two_stores_on_one_file(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    async with StateStore.open(db) as first, StateStore.open(db) as second:
        j1 = await first.journal(SERVER, USER)
        j2 = await second.journal(SERVER, USER)
        j1.record_upload(sha(1), asset_id="a")
        await first.flush()
        assert set(await j2.known_uploads([sha(1)])) == {sha(1)}


_KILL_SCRIPT = textwrap.dedent(
    """
    import anyio, hashlib, os, signal, sys
    from immich_bulk.transfer.state import StateStore

    async def main():
        opts = dict(flush_interval=3600, flush_max_records=10**9)
        async with StateStore.open(sys.argv[1], **opts) as store:
            j = await store.journal("https://photos.example.com", "u")
            for i in range(2000):
                j.record_upload(hashlib.sha1(str(i).encode()).digest(), asset_id=str(i))
            await store.flush()
            for i in range(2000, 3000):  # buffered, never flushed
                j.record_upload(hashlib.sha1(str(i).encode()).digest(), asset_id=str(i))
            print("ready", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    anyio.run(main)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
async def test_sigkill_leaves_a_usable_store(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    proc = await anyio.run_process(
        [sys.executable, "-c", _KILL_SCRIPT, str(db)],
        check=False,
        cwd=REPO,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    assert b"ready" in proc.stdout
    assert file_mode(Path(str(db) + "-wal")) is not None  # killed before a checkpoint
    async with StateStore.open(db) as store:
        j = await store.journal(SERVER, "u")
        assert await j.upload_count() == 2000  # flushed records survive; the buffer is lost
        j.record_upload(sha("after"), asset_id="x")
    assert raw_rows(db, "PRAGMA integrity_check") == [("ok",)]


def test_state_module_docstring_documents_the_trade_off() -> None:
    doc = state_mod.__doc__ or ""
    assert "SIGKILL" in doc and "de-duplicates by" in doc
