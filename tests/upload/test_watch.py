"""Watch mode and the upload handle against the fake: new and changed files are fed into
one long-lived run, once they stop changing, and nothing is sent twice.

No test races a timer: files are created or grown from an event listener, which runs in
the engine's task between two polls, and the tests wait for events (with generous hang
guards), never for time to pass.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import anyio
import pytest

from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer import UploadRun, WatchPolled
from immich_bulk.transfer.events import ItemDone, ItemQueued, ItemSkipped, TransferEvent
from immich_bulk.transfer.local.scan import ScanOptions
from immich_bulk.transfer.overrides import UploadOverrides
from immich_bulk.transfer.upload.watch import FolderWatcher, Poll
from tests.upload.helpers import WHEN, xmp

HANG = 60  # seconds: only a guard against a hang, never reached by a passing test
FAST: UploadOverrides = {"watch": True, "watch_interval": 0.01, "watch_settle": 0.0}

ALBUMS: UploadOverrides = {**FAST, "album_from_folder": True}


def photo(n: int) -> bytes:
    return jpeg_bytes(n, WHEN)


def put(path: Path, data: bytes) -> None:
    """Write *path* whole at once (a temporary name, then a rename), as copy tools do."""
    temp = path.with_name(path.name + ".part")
    temp.write_bytes(data)
    os.replace(temp, path)


def uploaded(event: TransferEvent, name: str | None = None) -> bool:
    return (
        isinstance(event, ItemDone)
        and event.stage == "upload"
        and (name is None or Path(event.item).name == name)
    )


async def until(run: UploadRun, done: Callable[[TransferEvent], bool]) -> list[TransferEvent]:
    """The events of *run* up to the first one *done* accepts."""
    seen: list[TransferEvent] = []
    with anyio.fail_after(HANG):
        async for event in run.events():
            seen.append(event)
            if done(event):
                return seen
    raise AssertionError(f"the run ended first: {seen[-5:]}")


async def polls(run: UploadRun, count: int) -> None:
    """Let the watch look at its folders *count* more times."""
    left = [count]

    def done(event: TransferEvent) -> bool:
        if isinstance(event, WatchPolled):
            left[0] -= 1
        return left[0] <= 0

    await until(run, done)


async def test_a_file_that_appears_while_watching_is_uploaded_once(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    put(lib / "a.jpg", photo(1))
    async with FakeImmich() as fake, fake.client() as client:
        async with client.assets.start_upload(lib, state_path=tmp_path / "s.db", **FAST) as run:
            await until(run, lambda e: uploaded(e, "a.jpg"))
            put(lib / "b.jpg", photo(2))
            await until(run, lambda e: uploaded(e, "b.jpg"))
            await polls(run, 5)  # b.jpg is seen again, unchanged: not sent again
        report = run.report
        assert report is not None
        assert report.count("uploaded") == 2 and report.ok and not report.interrupted
        assert fake.counters.requests_to("uploadAsset") == 2
        assert {a.original_file_name for a in fake.assets()} == {"a.jpg", "b.jpg"}


async def test_a_file_being_written_waits_until_it_stops_changing(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    data = jpeg_bytes(7, WHEN, size=64 * 1024)
    parts = [data[i : i + 8192] for i in range(0, len(data), 8192)]
    queued_at: list[int] = []
    written = [0]  # parts written so far
    last_write = [0]  # the poll after which the last part was written

    def grow(event: TransferEvent) -> None:  # between two polls, in the engine's task
        if isinstance(event, ItemQueued) and event.item.endswith("growing.jpg"):
            queued_at.append(written[0])
        if isinstance(event, WatchPolled) and event.round >= 2 and written[0] < len(parts):
            with open(lib / "growing.jpg", "ab") as handle:
                handle.write(parts[written[0]])
            written[0] += 1
            last_write[0] = event.round

    async with FakeImmich() as fake, fake.client() as client:
        async with client.assets.start_upload(
            lib, state_path=tmp_path / "s.db", on_event=grow, **FAST
        ) as run:
            await until(run, lambda e: uploaded(e, "growing.jpg"))
            await polls(run, 3)
        report = run.report
        assert report is not None and report.ok
        assert queued_at == [len(parts)]  # taken once, complete
        assert fake.counters.requests_to("uploadAsset") == 1
        (asset,) = fake.assets()
        assert asset.checksum == hashlib.sha1(data).digest()


async def test_a_sidecar_follows_its_photo_and_one_too_late_is_reported(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()

    def write(event: TransferEvent) -> None:
        # the sidecar comes one poll after its photo: the photo waits for it
        if isinstance(event, WatchPolled) and event.round == 1:
            put(lib / "a.jpg", photo(1))
        if isinstance(event, WatchPolled) and event.round == 2:
            put(lib / "a.jpg.xmp", xmp("with a caption"))

    async with FakeImmich() as fake, fake.client() as client:
        async with client.assets.start_upload(
            lib, state_path=tmp_path / "s.db", on_event=write, **FAST
        ) as run:
            await until(run, lambda e: uploaded(e, "a.jpg"))
            put(lib / "a.xmp", b"")  # not the sidecar a.jpg has: a.jpg.xmp wins
            put(lib / "b.jpg", photo(2))
            await until(run, lambda e: uploaded(e, "b.jpg"))
            put(lib / "b.jpg.xmp", xmp("too late"))
            events = await until(
                run, lambda e: isinstance(e, ItemSkipped) and e.item.endswith("b.jpg.xmp")
            )
            await polls(run, 3)
        report = run.report
        assert report is not None
        assert fake.counters.requests_to("uploadAsset") == 2
        with_sidecar = [a.original_file_name for a in fake.assets() if a.sidecar_file]
        assert with_sidecar == ["a.jpg"]
        late = [e for e in events if isinstance(e, ItemSkipped) and "b.jpg.xmp" in e.item]
        assert "after b.jpg was uploaded" in late[0].reason
        outcomes = {Path(o.item).name: o for o in report.outcomes()}
        assert outcomes["b.jpg.xmp"].status == "skipped"
        assert outcomes["a.xmp"].status == "skipped"  # the orphan, once the watch ended
        assert "without a media file" in (outcomes["a.xmp"].reason or "")
        assert report.count("uploaded") == 2 and report.failed == 0


async def test_stop_ends_cleanly_and_a_restart_sends_nothing_again(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    (lib / "trip").mkdir(parents=True)
    for n in range(3):
        put(lib / "trip" / f"{n}.jpg", photo(n))
    state = tmp_path / "s.db"
    async with FakeImmich() as fake, fake.client() as client:
        done: list[TransferEvent] = []
        async with client.assets.start_upload(lib, state_path=state, **ALBUMS) as run:

            def three(event: TransferEvent) -> bool:
                if uploaded(event):
                    done.append(event)
                return len(done) == 3

            await until(run, three)
            run.stop()
            report = await run.wait()
        assert report.ok and not report.interrupted and report.state_saved
        assert report.count("uploaded") == 3
        assert run.report is report
        (album,) = fake.albums()
        assert len(album.asset_ids) == 3
        sent = fake.counters.requests_to("uploadAsset")

        # the restart: the journal and the hash cache answer, nothing is sent or hashed
        async with client.assets.start_upload(lib, state_path=state, **ALBUMS) as again:
            await until(
                again, lambda e: isinstance(e, WatchPolled) and e.files == 3 and e.pending == 0
            )
            await polls(again, 2)
        second = again.report
        assert second is not None and second.ok and not second.interrupted
        assert fake.counters.requests_to("uploadAsset") == sent
        assert second.count("duplicate") == 3 and second.hash.files_hashed == 0


async def test_a_stop_while_a_file_is_still_changing_says_so(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    growing = lib / "growing.jpg"

    def grow(event: TransferEvent) -> None:
        if isinstance(event, WatchPolled):
            with open(growing, "ab") as handle:
                handle.write(b"x" * 100)

    async with FakeImmich() as fake, fake.client() as client:
        async with client.assets.start_upload(
            lib, state_path=tmp_path / "s.db", on_event=grow, **FAST
        ) as run:
            await polls(run, 4)
        report = run.report
        assert report is not None and report.interrupted
        (outcome,) = list(report.outcomes())
        assert outcome.status == "interrupted" and "still changing" in (outcome.reason or "")
        assert fake.counters.requests_to("uploadAsset") == 0


async def test_the_handle_gives_events_stop_and_the_report_of_a_plain_upload(
    tmp_path: Path,
) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    for n in range(20):
        put(lib / f"{n:02}.jpg", photo(n))
    async with FakeImmich() as fake, fake.client() as client:
        async with client.assets.start_upload(lib, state_path=None, concurrency=1) as run:
            events = await until(run, uploaded)
            run.stop()
        report = run.report
        assert report is not None and report.interrupted
        assert any(isinstance(e, ItemQueued) for e in events)
        assert 1 <= report.count("uploaded") < 20
        assert report.count("uploaded") + report.count("interrupted") == report.total
        # the plain call is unchanged, and the block waits for a plain upload to end
        async with client.assets.start_upload(lib, state_path=None) as whole:
            pass
        assert whole.report is not None and whole.report.ok and whole.done
        plain = await client.assets.upload(lib, state_path=None)
        assert plain.count("duplicate") == 20
        assert fake.counters.requests_to("uploadAsset") <= 20 + 1


async def test_an_error_in_the_block_stops_the_run_and_keeps_its_report(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    put(lib / "a.jpg", photo(1))
    async with FakeImmich() as fake, fake.client() as client:
        with pytest.raises(LookupError):
            async with client.assets.start_upload(lib, state_path=None, **FAST) as run:
                await until(run, uploaded)
                raise LookupError("the caller's own error")
        assert run.report is not None and run.report.count("uploaded") == 1
        assert len(fake.assets()) == 1


async def test_set_up_lookups_are_made_once_per_client(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    async with FakeImmich() as fake, fake.client() as client:
        for n in range(4):  # a program syncing a folder with repeated calls
            put(lib / f"{n}.jpg", photo(n))
            report = await client.assets.upload(lib, state_path=tmp_path / "s.db", album="Sync")
            assert report.ok
        counts = fake.counters
        assert counts.requests_to("getSupportedMediaTypes") == 1
        assert counts.requests_to("getMyUser") == 1
        assert counts.requests_to("getAllAlbums") == 1
        assert counts.requests_to("createAlbum") == 1
        (album,) = fake.albums()
        assert len(album.asset_ids) == 4

        # the album was deleted meanwhile: the kept list is dropped, the album made again
        await client.albums.delete_album(album.id)
        put(lib / "9.jpg", photo(9))
        report = await client.assets.upload(lib, state_path=tmp_path / "s.db", album="Sync")
        assert report.ok and report.albums is not None and report.albums.created == 1
        assert counts.requests_to("getAllAlbums") == 2
        (again,) = fake.albums()
        assert again.id != album.id and len(again.asset_ids) == 5  # every file, from the journal

        # another client asks for itself
        async with fake.client() as other:
            await other.assets.upload(lib, state_path=None, dry_run=True)
        assert counts.requests_to("getSupportedMediaTypes") == 2


def test_watch_options_are_checked() -> None:
    from immich_bulk.transfer import UploadOptions

    with pytest.raises(ValueError, match="watch_interval"):
        UploadOptions(watch=True, watch_interval=0)
    with pytest.raises(ValueError, match="watch_settle"):
        UploadOptions(watch=True, watch_settle=-1)
    with pytest.raises(ValueError, match="wait_for_jobs"):
        UploadOptions(watch=True, wait_for_jobs=True)


# -- the watcher on its own, with a clock of the test's ----------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def watcher_for(root: Path, clock: Clock, settle: float = 2.0) -> FolderWatcher:
    options = ScanOptions(extensions={".jpg", ".xmp"}, sidecar_extensions={".xmp"})
    return FolderWatcher([root], options, settle=settle, clock=clock)


def names(poll: Poll) -> list[str]:
    return [item.path.name for item in poll.items]


def test_the_watcher_waits_settle_seconds_of_no_change(tmp_path: Path) -> None:
    clock = Clock()
    old = tmp_path / "old.jpg"
    old.write_bytes(photo(1))
    past = time.time() - 60
    os.utime(old, (past, past))  # the ctime stays recent: not old enough to trust
    watcher = watcher_for(tmp_path, clock)
    assert names(watcher.poll()) == []
    clock.now += 1
    assert names(watcher.poll()) == []  # unchanged for 1 s of 2
    (tmp_path / "new.jpg").write_bytes(b"partial")
    clock.now += 1.5
    assert names(watcher.poll()) == ["old.jpg"]
    with open(tmp_path / "new.jpg", "ab") as handle:
        handle.write(b" and more")
    clock.now += 5
    assert names(watcher.poll()) == []  # it changed since: the wait starts again
    clock.now += 1.9
    assert names(watcher.poll()) == []
    clock.now += 0.1
    assert names(watcher.poll()) == ["new.jpg"]
    clock.now += 10
    assert names(watcher.poll()) == []  # handed over once


def test_files_already_settled_at_the_start_are_taken_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(photo(1))
    watcher = watcher_for(tmp_path, Clock())
    watcher._wall_clock = lambda: time.time() + 60  # the file's times are a minute old
    assert names(watcher.poll()) == ["a.jpg"]


def test_a_passing_temporary_file_is_not_reported_a_lasting_one_once(tmp_path: Path) -> None:
    clock = Clock()
    watcher = watcher_for(tmp_path, clock, settle=0)
    assert names(watcher.poll()) == []
    (tmp_path / "a.jpg.crdownload").write_bytes(b"x")
    (tmp_path / "notes.txt").write_bytes(b"x")
    assert names(watcher.poll()) == []  # seen once
    (tmp_path / "a.jpg.crdownload").unlink()
    assert names(watcher.poll()) == ["notes.txt"]  # seen twice: skipped, with a reason
    assert names(watcher.poll()) == []  # and only once
