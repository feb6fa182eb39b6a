"""The upload engine under faults, interruption and memory pressure."""

from __future__ import annotations

import hashlib
import os
import tracemalloc
from pathlib import Path

import anyio
import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from immich_bulk import AsyncClient
from immich_bulk.samples import jpeg_bytes, write_sample_library
from immich_bulk.testing import (
    FakeImmich,
    run_fake_server_in_thread,
    run_fake_server_subprocess,
)
from immich_bulk.transfer.events import TransferEvent
from immich_bulk.transfer.state import StateStore
from immich_bulk.transfer.upload.engine import Uploader
from tests.upload.helpers import FAST_RETRY, WHEN, files_under, server_checksums


def distinct_checksums(root: Path) -> set[bytes]:
    return {hashlib.sha1(p.read_bytes()).digest() for p in files_under(root) if p.suffix == ".jpg"}


async def test_transient_errors_are_retried_and_counted(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=30, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        # disjoint windows of the upload requests: 1-5 -> 503, 13-14 -> 500, 21-23 -> 429
        fake.faults.fail(503, match="uploadAsset", times=5)
        fake.faults.fail(500, match="uploadAsset", times=2, skip=12)
        fake.faults.fail(429, match="uploadAsset", times=3, skip=20, retry_after=2)
        fake.faults.fail(502, match="checkBulkUpload", times=1)
        report = await client.assets.upload(lib.root, state_path=None, config=FAST_RETRY)
        assert report.ok, report.failures
        assert report.count("uploaded") == 30
        assert server_checksums(fake) == distinct_checksums(lib.root)
        injected_on_uploads = 5 + 2 + 3
        assert report.retries == injected_on_uploads  # per-file retries in the report
        assert fake.counters.faults["error"] == 5 + 2 + 3 + 1
        retried = [o for o in report.outcomes() if o.retries]
        assert sum(o.retries for o in retried) == injected_on_uploads


async def test_permanent_failure_is_reported_not_retried_forever(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=3, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        fake.faults.fail(503, match="uploadAsset", times=None)
        # each file's own retries (the circuit breaker, which stops a run sooner, is
        # tested in tests/reliability/test_hangs.py)
        config = attrs.evolve(FAST_RETRY, max_failures=100)
        report = await client.assets.upload(lib.root, state_path=None, config=config)
        assert report.failed == 3 and not report.ok
        attempts = FAST_RETRY.retry.max_attempts
        assert fake.counters.requests_to("uploadAsset") == 3 * attempts
        assert all("503" in (o.reason or "") for o in report.failures)


async def test_connection_dropped_mid_upload_over_real_sockets(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=12, size=300_000, extras=False)
    with run_fake_server_in_thread() as server:
        server.fake.faults.drop_request(after_bytes=100_000, match="uploadAsset", times=4)
        async with AsyncClient(server.url, api_key=server.api_key) as client:
            report = await client.assets.upload(lib.root, state_path=None, config=FAST_RETRY)
        assert report.ok, report.failures
        assert report.retries == 4
        assert server_checksums(server.fake) == distinct_checksums(lib.root)
        assert server.fake.counters.uploads_stored == 12
        # the bytes counted for a dropped try were rewound: the total is what arrived once
        assert report.bytes_transferred == sum(p.stat().st_size for p in files_under(lib.root))


async def test_slow_server_and_latency_spikes(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=10, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        fake.faults.latency(0.05, match="uploadAsset", jitter=0.05)
        report = await client.assets.upload(lib.root, state_path=None)
        assert report.ok and len(fake.assets()) == 10


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
@given(stop_after=st.integers(min_value=1, max_value=160), how=st.sampled_from(["stop", "cancel"]))
async def test_interrupted_anywhere_then_rerun_gives_exactly_once(
    tmp_path_factory: object, stop_after: int, how: str
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        lib = write_sample_library(root / "lib", photos=40, folders=3)
        state = root / "state.db"
        async with FakeImmich() as fake, fake.client() as client:
            seen = 0
            hashed_first: set[str] = set()

            async with StateStore.open(state) as store:
                uploader = Uploader(client, lib.root, store=store, config=FAST_RETRY)

                def count(event: TransferEvent) -> None:
                    nonlocal seen
                    seen += 1
                    if event.kind == "done" and getattr(event, "stage", "") == "hash":
                        hashed_first.add(event.item)  # type: ignore[attr-defined]
                    if seen == stop_after:
                        if how == "stop":
                            uploader.stop()
                        else:
                            scope.cancel()

                uploader.hub.add_listener(count)
                with anyio.CancelScope() as scope:
                    first = await uploader.run()
                    assert first.interrupted or first.ok
            # re-run until done
            second = await client.assets.upload(lib.root, state_path=state, config=FAST_RETRY)
            assert second.ok and not second.interrupted
            assert server_checksums(fake) == distinct_checksums(lib.root)
            assert len(fake.assets()) == len(distinct_checksums(lib.root))  # no duplicates
            # files hashed before the interruption were not hashed again
            assert second.hash.files_hashed <= 41 - len(hashed_first)


def _tree(lib: Path, files: int, huge_bytes: int) -> None:
    for folder in range(20):
        (lib / f"f{folder:02d}").mkdir(parents=True)
    for i in range(files):
        (lib / f"f{i % 20:02d}" / f"p{i:05d}.jpg").write_bytes(jpeg_bytes(i, WHEN))
    huge = lib / "video.mp4"
    huge.touch()
    os.truncate(huge, huge_bytes)  # sparse: no disk space used


@pytest.mark.slow
async def test_traced_memory_is_bounded_with_a_huge_file(tmp_path: Path) -> None:
    """Peak traced memory of the client (the server runs in another process)."""
    _tree(tmp_path / "lib", 2000, 1024**3)
    with run_fake_server_subprocess(data_dir=tmp_path / "server") as server:
        async with AsyncClient(server.url, api_key=server.api_key) as client:
            await client.server.ping_server()
            config = attrs.evolve(FAST_RETRY, concurrency=4, hash_workers=2)
            tracemalloc.start()
            try:
                report = await client.assets.upload(
                    tmp_path / "lib", state_path=None, config=config
                )
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
    assert report.ok and report.count("uploaded") == 2001
    # the README's bound (Uploading a library, Memory): under 32 MB with these settings; a
    # buffered 1 GB upload alone would be 1000 MB. The peak measured here is ~20 MB and does
    # not grow with the number of files.
    assert peak < 32 * 1024 * 1024, f"peak traced memory {peak / 1e6:.0f} MB"


@pytest.mark.slow
async def test_rss_stays_flat_for_20000_files_and_a_1gb_file(
    tmp_path: Path, anyio_backend: str
) -> None:
    """The full-size case, measured as peak RSS of a separate client process."""
    import json
    import subprocess
    import sys

    _tree(tmp_path / "lib", 20_000, 1024**3)
    with run_fake_server_subprocess(data_dir=tmp_path / "server") as server:
        run = await anyio.run_process(
            [
                sys.executable,
                "-m",
                "tests.upload.memory_probe",
                str(tmp_path / "lib"),
                server.url,
                server.api_key,
                anyio_backend,
            ],
            check=False,
            cwd=Path(__file__).resolve().parents[2],
            stderr=subprocess.PIPE,
        )
    assert run.returncode == 0, run.stderr.decode()[-2000:]
    result = json.loads(run.stdout)
    assert result["counts"] == {"uploaded": 20_001}
    grew_mib = (result["peak_kib"] - result["baseline_kib"]) / 1024
    assert grew_mib < 64, f"RSS grew by {grew_mib:.0f} MiB during the upload"
