"""Watch mode against the real server: a file added while watching ends up on the server
once (with the sidecar written beside it), through the library's handle and through
``immich-bulk upload --watch`` stopped with Ctrl-C."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import anyio

from immich_bulk import AsyncClient
from immich_bulk.transfer import UploadRun, WatchPolled
from immich_bulk.transfer.events import ItemDone, TransferEvent

from .media import photo, xmp
from .real import RealUser, every_asset, wait_for_jobs

T = dt.datetime(2018, 3, 4, 5, 6, 7)
HANG = 300  # seconds: a guard against a hang only


def uploaded(event: TransferEvent, name: str) -> bool:
    return (
        isinstance(event, ItemDone)
        and event.stage == "upload"
        and event.status == "uploaded"
        and Path(event.item).name == name
    )


async def until(run: UploadRun, done: Callable[[TransferEvent], bool]) -> None:
    with anyio.fail_after(HANG):
        async for event in run.events():
            if done(event):
                return
    raise AssertionError("the watch ended first")


def moved_in(path: Path, write: Callable[[Path], object]) -> None:
    """Write a file under a name the watch does not take, then give it its name."""
    temp = path.with_name(path.name + ".part")
    write(temp)
    os.replace(temp, path)


async def test_a_file_added_while_watching_is_uploaded_once_with_its_sidecar(
    client: AsyncClient, admin: AsyncClient, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    photo(lib / "a.jpg", 1, T)
    async with client.assets.start_upload(
        lib,
        state_path=tmp_path / "s.db",
        album="Watched",
        watch=True,
        watch_interval=0.1,
        watch_settle=0.5,
    ) as run:
        await until(run, lambda e: uploaded(e, "a.jpg"))
        moved_in(lib / "b.jpg.xmp", lambda p: xmp(p, description="added later"))
        moved_in(lib / "b.jpg", lambda p: photo(p, 2, T))
        await until(run, lambda e: uploaded(e, "b.jpg"))
        seen = [0]

        def three_more(event: TransferEvent) -> bool:
            seen[0] += isinstance(event, WatchPolled)
            return seen[0] >= 3

        await until(run, three_more)  # b.jpg seen again, unchanged: not sent again
    report = run.report
    assert report is not None and report.ok and not report.interrupted
    assert report.count("uploaded") == 2
    await wait_for_jobs(admin)
    assets = await every_asset(client)
    assert sorted(a.original_file_name for a in assets) == ["a.jpg", "b.jpg"]
    by_name = {a.original_file_name: a for a in assets}
    sha1 = hashlib.sha1((lib / "b.jpg").read_bytes()).digest()
    assert base64.b64decode(by_name["b.jpg"].checksum) == sha1
    detail = await client.assets.get_asset_info(by_name["b.jpg"].id)
    assert getattr(detail.exif_info, "description", None) == "added later"
    (album,) = await client.albums.get_all_albums()
    assert album.album_name == "Watched" and album.asset_count == 2


def uploaded_names(events: Path) -> list[str]:
    names = []
    for line in events.read_text().splitlines() if events.exists() else []:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("stage") == "upload" and event.get("status") == "uploaded":
            names.append(Path(event["item"]).name)
    return names


def wait_for(process: subprocess.Popen[str], events: Path, count: int) -> None:
    deadline = time.monotonic() + HANG
    while len(uploaded_names(events)) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, uploaded_names(events)
        time.sleep(0.1)


def watch_with_the_command(lib: Path, state: Path, env: dict[str, str], backend: str) -> str:
    events = state.with_name("events.ndjson")
    process = subprocess.Popen(
        [sys.executable, "-m", "immich_bulk", "--backend", backend, "upload", str(lib),
         "--watch", "--watch-interval", "0.1", "--watch-settle", "0.5",
         "--state", str(state), "--events", str(events)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_for(process, events, 1)
        moved_in(lib / "later.jpg", lambda p: photo(p, 12, T))
        wait_for(process, events, 2)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=HANG)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, stderr[-3000:]
    assert sorted(uploaded_names(events)) == ["first.jpg", "later.jpg"]
    return stdout


async def test_the_command_watches_until_ctrl_c(
    anyio_backend: str, user: RealUser, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    photo(lib / "first.jpg", 11, T)
    state = tmp_path / "s.db"
    stdout = await anyio.to_thread.run_sync(
        watch_with_the_command, lib, state, user.env(state), anyio_backend
    )
    assert "2 uploaded" in stdout
    async with user.client() as client:
        names = sorted(a.original_file_name for a in await every_asset(client))
    assert names == ["first.jpg", "later.jpg"]


async def test_repeated_uploads_on_one_client_keep_their_album_when_it_is_deleted(
    client: AsyncClient, tmp_path: Path
) -> None:
    """The album list is kept per client between calls; an album deleted on the server
    meanwhile is found out from the server's answer and made again."""
    lib = tmp_path / "lib"
    state = tmp_path / "s.db"
    photo(lib / "1.jpg", 21, T)
    first = await client.assets.upload(lib, state_path=state, album="Sync")
    photo(lib / "2.jpg", 22, T)
    second = await client.assets.upload(lib, state_path=state, album="Sync")
    assert first.ok and second.ok and second.count("uploaded") == 1
    (album,) = await client.albums.get_all_albums()
    assert album.asset_count == 2
    await client.albums.delete_album(album.id)
    photo(lib / "3.jpg", 23, T)
    third = await client.assets.upload(lib, state_path=state, album="Sync")
    assert third.ok and third.albums is not None and third.albums.created == 1
    (again,) = await client.albums.get_all_albums()
    assert again.id != album.id and again.album_name == "Sync" and again.asset_count == 3
