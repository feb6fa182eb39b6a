"""A server going away slowly (``docker stop``: it keeps accepting connections for a while
and closes each one without answering) stops the run as unreachable after a few dropped
uploads in a row, instead of failing every remaining file one by one; a re-run against the
healthy server uploads the rest, exactly once.

The fake runs in process: a dropped connection reaches the client as an
``httpx.RemoteProtocolError`` before any answer, as it does from a server shutting down.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import pytest

from immich_bulk import AsyncClient, RetryPolicy
from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import FakeImmich, run_fake_server_subprocess
from immich_bulk.transfer._engine import DROPPED_IN_A_ROW
from immich_bulk.transfer.config import UploadConfig
from immich_bulk.transfer.events import ItemDone, ItemQueued, TransferEvent
from immich_bulk.transfer.migrate.engine import MigrateConfig, migrate
from immich_bulk.transfer.upload.engine import upload
from tests.reliability.helpers import WHEN, make_library

#: A guard against hangs only.
GUARD = 120


async def no_sleep(_: float) -> None:
    return None


def until_set(event: anyio.Event) -> Callable[[float], Awaitable[None]]:
    """A retry "sleep" that lasts until *event*: the retry of a request cut off by a
    killed server waits until the process is gone, so that it is refused (a retry made
    while a loaded machine still tears the process down is accepted, then reset)."""

    async def sleep(_: float) -> None:
        await event.wait()

    return sleep


@pytest.mark.parametrize("served", [0, 10])
async def test_uploads_dropped_without_an_answer_stop_the_run_as_unreachable(
    tmp_path: Path, served: int
) -> None:
    """*served*: the uploads answered before the server starts going away."""
    files = make_library(tmp_path / "lib", 60, seed=81)
    policy = RetryPolicy(max_attempts=3, backoff_base=0.0, sleep=no_sleep)
    config = UploadConfig(retry=policy, concurrency=4)
    state = tmp_path / "state.db"
    async with FakeImmich() as fake, fake.client() as client:
        rule = fake.faults.drop_request(match="uploadAsset", skip=served, times=None)
        found: list[str] = []

        def listener(event: TransferEvent) -> None:
            if isinstance(event, ItemQueued):
                found.append(event.item)

        with anyio.fail_after(GUARD):
            first = await upload(
                client, tmp_path / "lib", config=config, state_path=state, on_event=listener
            )
        assert first.stopped == "unreachable" and first.interrupted and not first.ok
        closed = f"closed the connections of {DROPPED_IN_A_ROW} requests in a row"
        assert closed in (first.stop_reason or "")
        assert first.count("uploaded") == served == len(fake.assets())
        # the failures that stopped it, and at most the other uploads in flight besides;
        # after answered uploads, each of those in flight when the drops began may still
        # succeed and reset the count (a done item: the server was answering)
        most = DROPPED_IN_A_ROW + config.concurrency - 1
        if served:
            most = DROPPED_IN_A_ROW * config.concurrency
        assert DROPPED_IN_A_ROW <= first.failed <= most
        # every file found has its one outcome; those not sent are there to resume
        assert sorted(o.item for o in first.outcomes()) == sorted(found)
        assert first.count("interrupted") == len(found) - served - first.failed

        fake.faults.remove(rule)
        with anyio.fail_after(GUARD):
            again = await upload(client, tmp_path / "lib", config=config, state_path=state)
        assert again.ok and again.stopped is None
        assert again.count("uploaded") == len(files) - served
        assert again.count("duplicate") == served  # the journal knew them
        assert sorted(a.checksum_hex for a in fake.assets()) == sorted(files.values())


async def test_a_duplicate_check_cut_off_by_a_dead_server_stops_without_failing_its_files(
    tmp_path: Path,
) -> None:
    """The server dies (SIGKILL: connections refused from then on) while one duplicate
    check holds most of the library. That one request failing is the run's stop
    ("unreachable"), not a failure of every file it carried: they were never checked, and
    are reported interrupted like the files still queued, for a re-run to do."""
    files = make_library(tmp_path / "lib", 40, seed=82)
    dead = anyio.Event()
    policy = RetryPolicy(max_attempts=3, backoff_base=0.0, sleep=until_set(dead))
    config = UploadConfig(retry=policy, concurrency=4)
    with run_fake_server_subprocess(data_dir=tmp_path / "server") as server:
        # the first check waits until every file is hashed; the second (all the rest) is held
        first = server.add_fault("hold", match="checkBulkUpload", times=1)
        second = server.add_fault("hold", match="checkBulkUpload", skip=1, times=None)
        hashed: list[str] = []

        def listener(event: TransferEvent) -> None:
            if isinstance(event, ItemDone) and event.stage == "hash":
                hashed.append(event.item)

        def fired(rule: dict[str, Any]) -> bool:
            rules = server.faults()["rules"]
            return any(r["fired"] for r in rules if r["id"] == rule["id"])

        async def until(condition: Callable[[], bool]) -> None:
            while True:
                if await anyio.to_thread.run_sync(condition):
                    return
                await anyio.sleep(0.02)

        async def kill_when_held() -> None:
            await until(lambda: len(hashed) == len(files) and fired(first))
            await anyio.to_thread.run_sync(server.control, "DELETE", f"faults?id={first['id']}")
            await until(lambda: fired(second))
            await anyio.to_thread.run_sync(server.kill)
            dead.set()

        async with AsyncClient(server.url, api_key=server.api_key) as client:
            with anyio.fail_after(GUARD):
                async with anyio.create_task_group() as tg:
                    tg.start_soon(kill_when_held)
                    report = await upload(
                        client, tmp_path / "lib", config=config, state_path=None,
                        on_event=listener,
                    )  # fmt: skip
    assert report.stopped == "unreachable" and report.interrupted
    # the first check's files (one or a few) may have been uploading when it died
    held = len(files) - report.count("uploaded") - report.failed
    assert report.failed <= config.concurrency
    assert report.count("interrupted") == held >= len(files) - 2 * config.concurrency
    assert len(list(report.outcomes())) == len(files)


async def test_a_migration_whose_target_dies_during_its_duplicate_check_fails_nothing(
    tmp_path: Path,
) -> None:
    """As for uploads: the target killed while it holds the first duplicate check stops
    the migration as unreachable; the assets of that check are interrupted, not failed."""
    async with FakeImmich() as src:
        alice = src.create_user("alice@old.example")
        for n in range(12):
            src.add_asset(alice, jpeg_bytes(8_300 + n, WHEN), f"m{n}.jpg")
        with run_fake_server_subprocess(data_dir=tmp_path / "target") as target:
            held = target.add_fault("hold", match="checkBulkUpload", times=None)
            dead = anyio.Event()

            async def kill_when_held() -> None:
                while True:
                    rules = (await anyio.to_thread.run_sync(target.faults))["rules"]
                    if any(r["fired"] for r in rules if r["id"] == held["id"]):
                        break
                    await anyio.sleep(0.02)
                await anyio.to_thread.run_sync(target.kill)
                dead.set()

            policy = RetryPolicy(max_attempts=3, backoff_base=0.0, sleep=until_set(dead))
            async with (
                src.client(src.create_api_key(alice)) as source,
                AsyncClient(target.url, api_key=target.api_key) as dest,
            ):
                with anyio.fail_after(GUARD):
                    async with anyio.create_task_group() as tg:
                        tg.start_soon(kill_when_held)
                        report = await migrate(
                            source, dest, config=MigrateConfig(retry=policy), state_path=None
                        )
    assert report.stopped == "unreachable" and report.interrupted
    assert report.failed == 0 and report.count("migrated") == 0
    assert report.count("interrupted") >= 1
