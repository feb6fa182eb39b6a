"""Tests of SHA-1 hashing (immich_bulk.transfer.local.hashing)."""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import anyio
import pytest
from hypothesis import given
from hypothesis import strategies as st

from immich_bulk.errors import ChecksumMismatchError, FileChangedError
from immich_bulk.transfer.local import hashing
from immich_bulk.transfer.local.hashing import (
    FileIdentity,
    Hasher,
    HashResult,
    StreamHasher,
    parse_checksum,
    sha1_base64,
    sha1_file,
    sha1_hex,
)
from immich_bulk.transfer.local.scan import ScannedFile, ScanOptions, iter_scan
from immich_bulk.transfer.state import StateStore
from tests.upload.helpers import bump_ctime, edit_in_place_keeping_mtime

from .test_scan import IS_ROOT, make_deep_file


def scanned(path: Path) -> ScannedFile:
    (item,) = iter_scan([path], ScanOptions(extensions={path.suffix or ".bin"}))
    assert isinstance(item, ScannedFile)
    return item


# --------------------------------------------------------------------------- sha1_file


@given(data=st.binary(max_size=20_000), chunk=st.sampled_from([4096, 5000, 1 << 20]))
def test_sha1_file_matches_hashlib(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, chunk: int
) -> None:
    path = tmp_path_factory.mktemp("h") / "f.bin"
    path.write_bytes(data)
    result = sha1_file(path, chunk_size=chunk)
    assert result.sha1 == hashlib.sha1(data).digest()
    assert result.size == len(data)
    assert result.mtime_ns == path.stat().st_mtime_ns
    assert not result.from_cache
    assert result.hex == hashlib.sha1(data).hexdigest()


@pytest.mark.parametrize(
    "size", [0, 1, 4095, 4096, 4097, (1 << 20) - 1, 1 << 20, 3 * (1 << 20) + 7]
)
def test_sha1_file_sizes(tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    assert sha1_file(path).sha1 == hashlib.sha1(data).digest()
    assert sha1_file(path, chunk_size=4096).sha1 == hashlib.sha1(data).digest()


def test_sha1_file_progress_callback(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"x" * 10_000)
    seen: list[int] = []
    sha1_file(path, chunk_size=4096, on_chunk=seen.append)
    assert seen == [4096, 4096, 1808]


def test_changed_while_hashing(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"a" * 50_000)

    def grow(_: int) -> None:
        with open(path, "ab") as f:
            f.write(b"more")

    with pytest.raises(FileChangedError, match="changed while it was hashed"):
        sha1_file(path, chunk_size=4096, on_chunk=grow)


def test_rewritten_same_size_while_hashing(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"a" * 50_000)
    st0 = path.stat()
    calls: list[int] = []

    def rewrite(_: int) -> None:
        if not calls:
            with open(path, "r+b") as f:
                f.write(b"b")
            os.utime(path, ns=(st0.st_atime_ns, st0.st_mtime_ns + 1_000_000))
        calls.append(1)

    with pytest.raises(FileChangedError):
        sha1_file(path, chunk_size=4096, on_chunk=rewrite)


def test_rewritten_with_its_mtime_put_back_while_hashing(tmp_path: Path) -> None:
    """Same size and mtime before and after, other bytes: only the ctime tells."""
    path = tmp_path / "f.bin"
    path.write_bytes(b"a" * 50_000)
    st0 = path.stat()
    calls: list[int] = []

    def rewrite(_: int) -> None:
        if not calls:
            with open(path, "r+b") as f:
                f.write(b"b")
            bump_ctime(path, st0)
        calls.append(1)

    with pytest.raises(FileChangedError, match="ctime"):
        sha1_file(path, chunk_size=4096, on_chunk=rewrite)


def test_edited_since_scan_with_its_mtime_put_back(tmp_path: Path) -> None:
    path = tmp_path / "a.jpg"
    path.write_bytes(b"old")
    item = scanned(path)
    edit_in_place_keeping_mtime(path, b"new")
    with pytest.raises(FileChangedError, match="since it was scanned"):
        sha1_file(path, expected=item.identity)
    assert scanned(path).identity.ctime_ns == path.stat().st_ctime_ns != item.ctime_ns


def test_changed_since_scan(tmp_path: Path) -> None:
    path = tmp_path / "a.jpg"
    path.write_bytes(b"old")
    item = scanned(path)
    path.write_bytes(b"newer")
    with pytest.raises(FileChangedError, match="since it was scanned"):
        sha1_file(path, expected=item.identity)
    # Same size, other mtime.
    item = scanned(path)
    st0 = path.stat()
    os.utime(path, ns=(st0.st_atime_ns, st0.st_mtime_ns + 5_000_000_000))
    with pytest.raises(FileChangedError):
        sha1_file(path, expected=item.identity)
    # Replaced by another file (other inode).
    item = scanned(path)
    tmp = tmp_path / "tmp"
    tmp.write_bytes(b"newer")
    os.utime(tmp, ns=(st0.st_atime_ns, item.mtime_ns))
    os.replace(tmp, path)
    with pytest.raises(FileChangedError):
        sha1_file(path, expected=item.identity)


def test_vanished_and_not_regular(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        sha1_file(tmp_path / "missing")
    with pytest.raises(FileChangedError, match="regular file"):
        sha1_file(tmp_path)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo")
        with pytest.raises(FileChangedError, match="regular file"):  # and does not hang
            sha1_file(tmp_path / "fifo")


def test_non_utf8_and_very_long_paths(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/\xff\xfe.jpg"
    with open(raw, "wb") as f:
        f.write(b"abc")
    assert sha1_file(os.fsdecode(raw)).sha1 == hashlib.sha1(b"abc").digest()
    deep = make_deep_file(tmp_path, 5000, data=b"deep data")
    try:
        result = sha1_file(deep)
        assert result.sha1 == hashlib.sha1(b"deep data").digest()
        assert result.size == 9
    finally:
        shutil.rmtree(tmp_path / ("d" * 200))


# --------------------------------------------------------------------------- conversions


def test_checksum_conversions() -> None:
    digest = hashlib.sha1(b"immich").digest()
    hexa = digest.hex()
    b64 = base64.b64encode(digest).decode()
    assert sha1_hex(digest) == hexa
    assert sha1_base64(digest) == b64
    assert parse_checksum(hexa) == digest
    assert parse_checksum(hexa.upper()) == digest
    assert parse_checksum(f"  {b64}\n") == digest
    assert parse_checksum(b64.rstrip("=")) == digest
    assert parse_checksum(base64.urlsafe_b64encode(digest).decode()) == digest
    for bad in [
        "",
        "xyz",
        hexa[:-1],
        hexa + "0",
        "g" * 40,
        b64[:-2],
        base64.b64encode(b"x" * 21).decode(),
    ]:
        with pytest.raises(ValueError):
            parse_checksum(bad)
    result = HashResult(digest, 6, 0)
    assert result.base64 == b64 and result.hex == hexa


@given(st.binary(min_size=20, max_size=20))
def test_checksum_round_trip(digest: bytes) -> None:
    assert parse_checksum(sha1_hex(digest)) == digest
    assert parse_checksum(sha1_base64(digest)) == digest


def test_stream_hasher() -> None:
    h = StreamHasher()
    data = os.urandom(100_000)
    for i in range(0, len(data), 7_000):
        h.update(memoryview(data)[i : i + 7_000])
    assert h.size == len(data)
    digest = hashlib.sha1(data).digest()
    assert h.digest() == digest
    assert h.hexdigest() == digest.hex()
    assert h.base64digest() == sha1_base64(digest)
    assert h.matches(digest) and h.matches(digest.hex()) and h.matches(sha1_base64(digest))
    h.verify(sha1_base64(digest))
    with pytest.raises(ChecksumMismatchError) as info:
        h.verify(hashlib.sha1(b"other").digest(), what="asset 1234")
    assert info.value.actual == sha1_base64(digest)
    assert "asset 1234" in str(info.value)


# --------------------------------------------------------------------------- Hasher


async def test_hasher_without_store(tmp_path: Path) -> None:
    path = tmp_path / "a.jpg"
    path.write_bytes(b"hello")
    hasher = Hasher()
    item = scanned(path)
    first = await hasher.hash(item)
    second = await hasher.hash(item)
    assert first == second and first.sha1 == hashlib.sha1(b"hello").digest()
    assert await hasher.lookup([item]) == [None]
    stats = hasher.statistics()
    assert (stats.files_hashed, stats.cache_hits, stats.bytes_hashed) == (2, 0, 10)
    assert hasher.limiter.total_tokens == (os.cpu_count() or 1)


async def test_hasher_cache_hit_skips_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.jpg"
    path.write_bytes(b"content")
    item = scanned(path)
    db = tmp_path / "state.sqlite3"
    async with StateStore.open(db) as store:
        hasher = Hasher(store)
        first = await hasher.hash(item)
        assert not first.from_cache
        # Make reading impossible: a second hash must come from the cache. chmod keeps
        # size and mtime (it changes ctime only), so the identity still matches.
        os.chmod(path, 0)
        assert path.stat().st_mtime_ns == item.mtime_ns

        def no_reading(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError("the file was read despite a cache hit")

        monkeypatch.setattr(hashing, "sha1_file", no_reading)
        second = await hasher.hash(item)
        assert second.from_cache and second == first
        stats = hasher.statistics()
        assert (stats.files_hashed, stats.cache_hits, stats.bytes_hashed) == (1, 1, 7)
    # And after re-opening the store (a re-run).
    async with StateStore.open(db) as store:
        hasher = Hasher(store)
        third = await hasher.hash(item)
        assert third.from_cache and third == first
        assert await hasher.lookup([item]) == [third]
        assert hasher.statistics().cache_hits == 2
    os.chmod(path, 0o644)
    monkeypatch.undo()
    # A modified file misses the cache and is read again.
    path.write_bytes(b"content changed")
    item2 = scanned(path)
    async with StateStore.open(db) as store:
        hasher = Hasher(store)
        fourth = await hasher.hash(item2)
        assert not fourth.from_cache and fourth.sha1 == hashlib.sha1(b"content changed").digest()


@pytest.mark.skipif(IS_ROOT, reason="running as root: chmod 000 does not stop root")
async def test_hasher_cache_hit_on_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "a.jpg"
    path.write_bytes(b"content")
    item = scanned(path)
    async with StateStore.open(tmp_path / "s.db") as store:
        hasher = Hasher(store)
        first = await hasher.hash(item)
        os.chmod(path, 0)
        try:
            assert (await hasher.hash(item)) == first
            with pytest.raises(PermissionError):
                await hasher.hash(item, use_cache=False)
        finally:
            os.chmod(path, 0o644)


async def test_hasher_lookup_batch(tmp_path: Path) -> None:
    items = []
    for i in range(30):
        p = tmp_path / f"{i}.jpg"
        p.write_bytes(str(i).encode())
        items.append(scanned(p))
    async with StateStore.open(tmp_path / "s.db") as store:
        hasher = Hasher(store, max_workers=2)
        for item in items[::2]:
            await hasher.hash(item)
        found = await hasher.lookup(items)
        assert [r is not None for r in found] == [i % 2 == 0 for i in range(30)]
        assert found[4] is not None and found[4].sha1 == hashlib.sha1(b"4").digest()
        assert hasher.statistics().cache_hits == 15


async def test_hasher_concurrency_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lock = threading.Lock()
    active = 0
    peak = 0
    real = hashing.sha1_file

    def tracking(*args: Any, **kwargs: Any) -> HashResult:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        try:
            time.sleep(0.01)
            return real(*args, **kwargs)
        finally:
            with lock:
                active -= 1

    monkeypatch.setattr(hashing, "sha1_file", tracking)
    items = []
    for i in range(12):
        p = tmp_path / f"{i}.jpg"
        p.write_bytes(os.urandom(1000))
        items.append(scanned(p))
    hasher = Hasher(max_workers=2)
    results: dict[int, HashResult] = {}

    async def one(i: int) -> None:
        results[i] = await hasher.hash(items[i])

    with anyio.fail_after(20):
        async with anyio.create_task_group() as tg:
            for i in range(12):
                tg.start_soon(one, i)
    assert 1 <= peak <= 2
    assert len(results) == 12
    assert hasher.statistics().in_flight == 0
    hasher.limiter.total_tokens = 3  # live-tunable


async def test_hasher_failures_counted(tmp_path: Path) -> None:
    path = tmp_path / "a.jpg"
    path.write_bytes(b"x")
    item = scanned(path)
    path.write_bytes(b"changed!")
    hasher = Hasher()
    with pytest.raises(FileChangedError):
        await hasher.hash(item)
    path.unlink()
    with pytest.raises(FileNotFoundError):
        await hasher.hash(item)
    stats = hasher.statistics()
    assert (stats.failures, stats.files_hashed) == (2, 0)


async def test_hasher_cancellation_stops_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.jpg"
    path.write_bytes(os.urandom(4096 * 400))
    item = scanned(path)
    started = threading.Event()
    chunks: list[int] = []
    real = hashing.sha1_file

    def slow(*args: Any, on_chunk: Any, **kwargs: Any) -> HashResult:
        def chunk(n: int) -> None:
            chunks.append(n)
            started.set()
            time.sleep(0.002)
            on_chunk(n)

        return real(*args, on_chunk=chunk, **kwargs)

    monkeypatch.setattr(hashing, "sha1_file", slow)
    hasher = Hasher(chunk_size=4096)
    with anyio.fail_after(20):
        async with anyio.create_task_group() as tg:
            tg.start_soon(hasher.hash, item)
            await anyio.to_thread.run_sync(started.wait)
            tg.cancel_scope.cancel()
    # The thread stopped long before the 400 chunks of the file.
    assert len(chunks) < 400
    stats = hasher.statistics()
    assert (stats.files_hashed, stats.failures, stats.in_flight) == (0, 0, 0)


async def test_hasher_identity_protocol(tmp_path: Path) -> None:
    """Anything with ``path`` and ``identity`` can be hashed (e.g. a downloaded file)."""
    path = tmp_path / "x.bin"
    path.write_bytes(b"abc")

    class Local:
        def __init__(self, p: Path) -> None:
            self.path = p
            self.identity = FileIdentity.from_stat(p.stat())

    result = await Hasher().hash(Local(path))
    assert result.sha1 == hashlib.sha1(b"abc").digest()
