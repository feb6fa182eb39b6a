"""A run stopped (Ctrl-C, ``stop()``) with items in flight reports them: every item found
gets an outcome, ``interrupted`` for those it did not finish -- never "0 items: nothing to
do" for a run that was busy with a file."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio
import pytest

from immich_bulk import RetryPolicy
from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import FakeImmich, SubprocessServer
from immich_bulk.transfer.config import DownloadConfig, UploadConfig
from immich_bulk.transfer.events import ItemDone, ItemQueued, ItemStarted, TransferEvent
from immich_bulk.transfer.migrate.engine import MigrateConfig, migrate
from immich_bulk.transfer.report import TransferReport
from immich_bulk.transfer.upload.engine import upload
from tests.reliability.conftest import User
from tests.reliability.helpers import ROOT, WHEN, cli_command, cli_env, make_library, read_events


def _stop_when_started(stage: str) -> tuple[list[Any], Callable[[TransferEvent], None]]:
    """An on_start sink and an on_event listener that stops the engine as soon as the
    first item of *stage* starts (so exactly that item is in flight)."""
    engines: list[Any] = []

    def listener(event: TransferEvent) -> None:
        if isinstance(event, ItemStarted) and event.stage == stage:
            engines[0].stop()

    return engines, listener


def _check_interrupted(report: TransferReport, items: set[str]) -> None:
    outcomes = list(report.outcomes())
    assert report.interrupted and not report.ok
    assert sorted(o.item for o in outcomes) == sorted(items)  # each item exactly once
    assert report.total == len(items) == sum(report.counts.values())
    assert report.count("interrupted") >= 1
    for outcome in outcomes:
        if outcome.status == "interrupted":
            assert outcome.reason == "the run was interrupted before it finished"
    assert f"{report.count('interrupted')} interrupted" in report.summary()
    assert "INTERRUPTED" in report.summary() and "nothing to do" not in report.summary()


async def test_an_upload_stopped_with_a_file_in_flight_reports_it(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"p{n}.jpg").write_bytes(jpeg_bytes(7_700 + n, WHEN, size=50_000))
    engines, listener = _stop_when_started("upload")
    async with FakeImmich() as fake, fake.client() as client:
        report = await upload(
            client, tmp_path, config=UploadConfig(concurrency=1), state_path=None,
            on_event=listener, on_start=engines.append,
        )  # fmt: skip
    _check_interrupted(report, {str(p) for p in tmp_path.iterdir()})


@pytest.mark.parametrize("how", ["stop", "breaker"])
async def test_an_upload_stopped_mid_run_gives_every_file_it_found_an_outcome(
    tmp_path: Path, how: str
) -> None:
    """200 files with small buffers between the stages (so files wait in each of them), the
    run stopped once 50 are uploaded: by ``stop()`` (Ctrl-C), or by the circuit breaker
    (every later upload answered 500). Every file the run found (``ItemQueued``) has
    exactly one outcome -- uploaded, failed, or ``interrupted`` for those not sent -- and
    a re-run uploads exactly the others."""
    files = make_library(tmp_path / "lib", 200, seed=91)

    async def no_sleep(_: float) -> None:
        return None

    quick = RetryPolicy(max_attempts=3, backoff_base=0.0, sleep=no_sleep)
    config = UploadConfig(concurrency=4, backlog=8, check_batch_size=8, max_failures=8, retry=quick)
    state = tmp_path / "state.db"
    engines: list[Any] = []
    found: list[str] = []
    uploaded = 0

    def listener(event: TransferEvent) -> None:
        nonlocal uploaded
        if isinstance(event, ItemQueued):
            found.append(event.item)
        elif isinstance(event, ItemDone) and event.status == "uploaded":
            uploaded += 1
            if uploaded == 50 and how == "stop":
                engines[0].stop()

    async with FakeImmich() as fake, fake.client() as client:
        if how == "breaker":
            rule = fake.faults.fail(500, match="uploadAsset", skip=50, times=None)
        with anyio.fail_after(120):  # a hang guard only
            report = await upload(
                client, tmp_path / "lib", config=config, state_path=state,
                on_event=listener, on_start=engines.append,
            )  # fmt: skip
        outcomes = list(report.outcomes())
        assert report.interrupted and report.stopped == (None if how == "stop" else "unresponsive")
        assert sorted(o.item for o in outcomes) == sorted(found)  # each exactly once
        # stop(): called at the 50th upload. The breaker: the server answered the first 50
        # tries, but it may trip while a few of them are still in flight (at most one per
        # worker not busy failing), which it interrupts; the re-run finds them on the server
        least = 50 if how == "stop" else 50 - (config.concurrency - 1)
        assert report.count("uploaded") >= least
        assert set(report.counts) <= {"uploaded", "failed", "interrupted"}
        if how == "stop":
            assert report.failed == 0
        else:
            # the tries that tripped it; an upload in flight that succeeds resets the count
            assert report.failed <= config.max_failures * config.concurrency
            fake.faults.remove(rule)
        with anyio.fail_after(120):
            again = await upload(client, tmp_path / "lib", config=config, state_path=state)
        assert again.ok and again.total == len(files)
        assert again.count("uploaded") + again.count("duplicate") == len(files)
        assert sorted(a.checksum_hex for a in fake.assets()) == sorted(files.values())


async def test_an_export_stopped_with_a_download_in_flight_reports_it(tmp_path: Path) -> None:
    engines, listener = _stop_when_started("download")
    async with FakeImmich() as fake, fake.client() as client:
        ids = {fake.add_asset(None, jpeg_bytes(7_800 + n, WHEN), f"d{n}.jpg").id for n in range(3)}
        report = await client.download.export(
            tmp_path / "out", everything=True, state_path=None,
            config=DownloadConfig(concurrency=1), on_event=listener, on_start=engines.append,
        )  # fmt: skip
    _check_interrupted(report, ids)


async def test_a_migration_stopped_with_a_transfer_in_flight_reports_it() -> None:
    engines, listener = _stop_when_started("migrate")
    async with FakeImmich() as src, FakeImmich() as tgt:
        alice = src.create_user("alice@old.example")
        bob = tgt.create_user("alice@new.example")
        ids = {src.add_asset(alice, jpeg_bytes(7_900 + n, WHEN), f"m{n}.jpg").id for n in range(3)}
        async with (
            src.client(src.create_api_key(alice)) as source,
            tgt.client(tgt.create_api_key(bob)) as target,
        ):
            report = await migrate(
                source, target, config=MigrateConfig(concurrency=1), concurrency=1,
                state_path=None, on_event=listener, on_start=engines.append,
            )  # fmt: skip
    outcomes = {o.item for o in report.outcomes()}
    assert ids <= outcomes  # every listed asset has its outcome (links may add more)
    _check_interrupted(report, outcomes)


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_ctrl_c_with_a_file_in_flight_says_what_was_not_finished(
    backend: str, server: SubprocessServer, user: User, home: Path, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "big.jpg").write_bytes(jpeg_bytes(7_990, WHEN, size=300_000))
    events = tmp_path / "events.ndjson"
    process = subprocess.Popen(
        cli_command(
            *("--backend", backend, "upload", str(lib), "--no-state", "--no-progress"),
            *("--limit-rate", "1k", "--events", str(events)),
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(home, server.url, user.key),
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 120  # a hang guard only
        while not any(
            e["event"] == "started" and e.get("stage") == "upload"
            for e in (read_events(events) if events.exists() else [])
        ):
            assert process.poll() is None and time.monotonic() < deadline, "never started"
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)  # 300 KB at 1 KiB/s: still in flight
        stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:  # pragma: no cover - a hung child fails the test
            process.kill()
            process.wait()
    out = stdout.decode()
    assert process.returncode == 130, (out, stderr.decode())
    assert out.startswith("upload: 1 items: 1 interrupted;"), out
    assert "INTERRUPTED (re-run to resume)" in out and "nothing to do" not in out
