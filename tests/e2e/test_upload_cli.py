"""``immich-bulk upload`` as a user runs it, against a real server, on the backend of the test
(``--backend``): albums from folders with the job queues paused, a dry run, deleting what
the server holds, and a run killed with SIGKILL and run again."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import signal
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
import pytest

from immich_bulk import AsyncClient
from immich_bulk.models import AssetVisibility, QueueName, QueueUpdateDto
from immich_bulk.transfer.server.jobs import INGEST_QUEUES

from .media import photo, xmp
from .real import RealUser, every_asset, run_cli

T = dt.datetime(2016, 7, 8, 9, 10, 11)


def report(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr[-3000:]}"
    result: dict[str, Any] = json.loads(done.stdout)
    return result


async def paused_queues(admin: AsyncClient) -> set[str]:
    return {str(q.name) for q in await admin.queues.get_queues() if q.is_paused}


@pytest.fixture
async def queues_left_running(admin: AsyncClient) -> AsyncIterator[None]:
    """The server's queues are shared by every test: all running again afterwards."""
    yield
    for name in INGEST_QUEUES:
        await admin.queues.update_queue(QueueName(name), QueueUpdateDto(is_paused=False))


@pytest.mark.usefixtures("queues_left_running")
async def test_albums_from_folders_with_the_queues_paused_and_waited_for(
    anyio_backend: str, admin_user: RealUser, admin: AsyncClient, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    photo(lib / "Trip" / "a.jpg", 1, T)
    xmp(lib / "Trip" / "a.jpg.xmp", description="first day", rating=3)
    photo(lib / "Trip" / "b.jpg", 2, T)
    xmp(lib / "Trip" / "b.xmp", description="second day")
    photo(lib / "Home" / "c.jpg", 3, T)
    await admin.queues.update_queue(QueueName.OCR, QueueUpdateDto(is_paused=True))

    done = await anyio.to_thread.run_sync(
        lambda: run_cli(
            ["--backend", anyio_backend, "upload", str(lib), "--album-from-folder",
             "--pause-jobs", "--wait-for-jobs", "--json", "--state", str(tmp_path / "s.db")],
            env=admin_user.env(tmp_path / "s.db"),
        )
    )  # fmt: skip

    result = report(done)
    assert result["counts"] == {"uploaded": 3}
    assert set(result["paused_jobs"]) == set(INGEST_QUEUES) - {"ocr"}
    assert await paused_queues(admin) == {"ocr"}  # only what it paused was resumed
    async with admin_user.client() as client:
        albums = {a.album_name: a.asset_count for a in await client.albums.get_all_albums()}
        assert albums == {"Trip": 2, "Home": 1}
        # --wait-for-jobs: what the server reads from the sidecars is there on return
        described = {a.original_file_name: a.exif_info for a in await every_asset(client)}
    assert {n: getattr(e, "description", None) for n, e in described.items()} == {
        "a.jpg": "first day",
        "b.jpg": "second day",
        "c.jpg": "",
    }


async def test_a_dry_run_then_delete_into_the_archive(
    anyio_backend: str, user: RealUser, client: AsyncClient, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    photo(lib / "one.jpg", 10, T)
    xmp(lib / "one.xmp", description="with its sidecar")
    photo(lib / "two.jpg", 11, T)
    (lib / "notes.txt").write_text("stays")
    base = ["--backend", anyio_backend, "upload", str(lib), "--json", "--no-state"]

    dry = await anyio.to_thread.run_sync(
        lambda: run_cli([*base, "--dry-run", "--delete"], env=user.env())
    )
    assert report(dry)["counts"] == {"would-upload": 2, "skipped": 1}
    assert await every_asset(client, with_deleted=True) == []
    assert sorted(p.name for p in lib.iterdir()) == ["notes.txt", "one.jpg", "one.xmp", "two.jpg"]

    # not an admin: --pause-jobs says so once and carries on
    real = await anyio.to_thread.run_sync(
        lambda: run_cli(
            [*base, "--delete", "--visibility", "archive", "--favorite", "--pause-jobs"],
            env=user.env(),
        )
    )
    result = report(real)
    assert result["counts"] == {"uploaded": 2, "skipped": 1}
    assert all(o["deleted"] for o in result["outcomes"] if o["status"] == "uploaded")
    assert real.stderr.count("needs an admin API key") == 1
    assert sorted(p.name for p in lib.iterdir()) == ["notes.txt"]
    assets = await every_asset(client)
    assert sorted(a.original_file_name for a in assets) == ["one.jpg", "two.jpg"]
    assert all(a.visibility == AssetVisibility.ARCHIVE and a.is_favorite for a in assets)


def _count_uploads(events: Path) -> int:
    if not events.exists():
        return 0
    lines = events.read_text().splitlines()[:-1]  # the last line may be half written
    events_ = [json.loads(line) for line in lines]
    return sum(1 for e in events_ if e["event"] == "done" and e.get("stage") == "upload")


def _hashes_saved(state: Path) -> int:
    """Hashes the running command has written to its state file so far."""
    if not state.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(f"{state.as_uri()}?mode=ro", uri=True)) as db:
            return int(db.execute("SELECT count(*) FROM hash_cache").fetchone()[0])
    except sqlite3.Error:  # not created yet, or busy
        return 0


@pytest.mark.usefixtures("queues_left_running")
async def test_a_run_killed_with_sigkill_resumes_without_duplicates_or_hashing_again(
    anyio_backend: str, admin_user: RealUser, admin: AsyncClient, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    photos = 24
    for n in range(photos):
        photo(lib / f"p{n:02d}.jpg", 100 + n, T, size=60_000)
    state = tmp_path / "state.sqlite3"
    events = tmp_path / "events.ndjson"
    env = admin_user.env(state)
    command = ["--backend", anyio_backend, "upload", str(lib), "--state", str(state),
               "--pause-jobs", "--no-progress"]  # fmt: skip

    # 1. a slow run (300 kB/s), killed part way
    first = await anyio.open_process(
        [sys.executable, "-m", "immich_bulk", *command, "--limit-rate", "300k",
         "--concurrency", "2", "--events", str(events)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    async with first:
        try:
            with anyio.fail_after(120):
                # killed once a few photos are on the server and every hash is saved (the
                # state file takes them within a fraction of a second; under load, later)
                while _count_uploads(events) < 3 or _hashes_saved(state) < photos:
                    assert first.returncode is None, "the run ended before it was killed"
                    await anyio.sleep(0.05)
        finally:
            first.send_signal(signal.SIGKILL)
            await first.wait()
    async with admin_user.client() as client:
        uploaded_before = len(await every_asset(client))
    assert 3 <= uploaded_before < photos
    assert await paused_queues(admin) == set(INGEST_QUEUES)  # left paused by the killed run
    listing = report(
        await anyio.to_thread.run_sync(
            lambda: run_cli(["jobs", "--state", str(state), "--json"], env=env)
        )
    )
    (record,) = listing["pausedBy"]  # the state file says who paused them, and that it died
    assert record["running"] is False and set(record["queues"]) == set(INGEST_QUEUES)

    # 2. run again: the leftover queues are resumed, the rest is uploaded, nothing hashed again
    second = report(await anyio.to_thread.run_sync(lambda: run_cli([*command, "--json"], env=env)))
    assert second["counts"].get("failed") is None
    assert second["counts"].get("uploaded", 0) + second["counts"].get("duplicate", 0) == photos
    assert second["counts"].get("uploaded", 0) <= photos - uploaded_before
    assert second["hash"]["files_hashed"] == 0 and second["hash"]["cache_hits"] == photos
    assert await paused_queues(admin) == set()

    # 3. and again: everything is known, nothing sent or hashed
    third = report(await anyio.to_thread.run_sync(lambda: run_cli([*command, "--json"], env=env)))
    assert third["counts"] == {"duplicate": photos} and third["bytes"] == 0
    assert third["hash"]["files_hashed"] == 0
    async with admin_user.client() as client:
        names = sorted(a.original_file_name for a in await every_asset(client, with_deleted=True))
    assert names == [f"p{n:02d}.jpg" for n in range(photos)]  # exactly one asset per photo
