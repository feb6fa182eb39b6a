"""Server-aware uploads: job queues paused and always resumed, adaptive concurrency, rate cap."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import anyio
import attrs
import pytest

from immich_bulk import RetryPolicy
from immich_bulk.samples import write_sample_library
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.config import UploadConfig
from immich_bulk.transfer.events import Notice, TransferEvent
from immich_bulk.transfer.server.adaptive import AdaptiveConcurrency
from immich_bulk.transfer.server.jobs import (
    AUTO_PAUSE_MIN_FILES,
    INGEST_QUEUES,
    JobControl,
    owner_alive,
    process_owner,
)
from immich_bulk.transfer.server.ratelimit import RateLimiter, parse_rate
from immich_bulk.transfer.state import StateStore
from immich_bulk.transfer.upload.engine import UploadOptions


def paused(fake: FakeImmich) -> set[str]:
    return {name for name, queue in fake.state.queues.items() if queue.is_paused}


async def test_queues_paused_during_the_upload_and_resumed_after(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=8, extras=False)
    seen_paused: list[set[str]] = []
    async with FakeImmich() as fake, fake.client() as client:

        def watch(event: TransferEvent) -> None:
            if event.kind == "done" and getattr(event, "stage", "") == "upload":
                seen_paused.append(paused(fake))

        report = await client.assets.upload(
            lib.root, state_path=tmp_path / "s.db", pause_jobs=True, on_event=watch
        )
        assert report.ok
        assert seen_paused and all(s == set(INGEST_QUEUES) for s in seen_paused)
        assert paused(fake) == set()
        assert report.paused_jobs == tuple(INGEST_QUEUES)
        # thumbnails were held back while paused, and generated once resumed
        asset = fake.assets()[0]
        assert (await client.assets.view_asset(asset.id))[:2] in (b"\xff\xd8", b"RI")
        async with StateStore.open(tmp_path / "s.db") as store:
            assert await store.paused_queues(client.base_url) == []


async def test_queues_resumed_after_an_exception(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=4, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        fake.faults.fail(400, match="getAllAlbums", times=None)  # the album stage blows up
        with pytest.raises(BaseException) as caught:
            await client.assets.upload(lib.root, state_path=None, pause_jobs=True, album="A")
        assert "getAllAlbums" in repr(caught.value) or "/albums" in repr(caught.value)
        assert paused(fake) == set()


async def test_queues_resumed_after_cancellation(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=20, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        fake.faults.latency(0.05, match="uploadAsset")
        was_paused: list[set[str]] = []
        with anyio.CancelScope() as scope:

            def cancel_on_first(event: TransferEvent) -> None:
                if event.kind == "started" and not was_paused:
                    was_paused.append(paused(fake))
                    scope.cancel()

            await client.assets.upload(
                lib.root, state_path=None, pause_jobs=True, on_event=cancel_on_first
            )
        assert scope.cancelled_caught
        assert was_paused == [set(INGEST_QUEUES)]
        assert paused(fake) == set()


class UploadWatch:
    """The fake's paused queues at each finished upload, and the run's notices."""

    def __init__(self, fake: FakeImmich) -> None:
        self.fake = fake
        self.paused_at_done: list[set[str]] = []
        self.notices: list[Notice] = []

    def __call__(self, event: TransferEvent) -> None:
        if event.kind == "done" and getattr(event, "stage", "") == "upload":
            self.paused_at_done.append(paused(self.fake))
        if isinstance(event, Notice):
            self.notices.append(event)


async def test_auto_pauses_once_a_few_dozen_files_are_to_send(tmp_path: Path) -> None:
    """The default ("auto") with an admin key: paused from the threshold on, resumed after,
    and said so."""
    lib = write_sample_library(tmp_path / "lib", photos=AUTO_PAUSE_MIN_FILES + 10, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        watch = UploadWatch(fake)
        report = await client.assets.upload(lib.root, state_path=tmp_path / "s.db", on_event=watch)
        assert report.ok and report.count("uploaded") == AUTO_PAUSE_MIN_FILES + 10
        # the file that crossed the threshold was sent after the pause: the last ones too
        assert watch.paused_at_done[-1] == set(INGEST_QUEUES)
        assert report.paused_jobs == tuple(INGEST_QUEUES)
        assert paused(fake) == set()  # resumed
        said = [n.message for n in watch.notices]
        assert any(m.startswith("paused the server's job queues") for m in said), said
        assert any(m.startswith("resumed job queues") for m in said), said
        async with StateStore.open(tmp_path / "s.db") as store:
            assert await store.paused_queues(client.base_url) == []


async def test_queues_that_cannot_be_paused_for_want_of_an_answer_do_not_end_the_run(
    tmp_path: Path,
) -> None:
    """Every try to pause a queue ends with the connection closed unanswered (a server
    going away, or a flaky proxy): the run carries on unpaused, says so, and what it did
    pause is resumed. It used to end the run with that error and no summary."""
    lib = write_sample_library(tmp_path / "lib", photos=AUTO_PAUSE_MIN_FILES + 4, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        fake.faults.drop_request(match="PUT /queues/metadataExtraction", times=None)
        watch = UploadWatch(fake)
        config = UploadConfig(retry=RetryPolicy(max_attempts=2, backoff_base=0.0, sleep=_no_sleep))
        report = await client.assets.upload(
            lib.root, state_path=None, config=config, on_event=watch
        )
        assert report.ok and report.count("uploaded") == AUTO_PAUSE_MIN_FILES + 4
        said = [n.message for n in watch.notices]
        assert any(m.startswith("could not pause the job queues") for m in said), said
        assert paused(fake) == set()  # the queues paused before the failure are resumed
        assert report.paused_jobs is None


async def _no_sleep(_: float) -> None:
    return None


async def test_auto_leaves_a_small_run_alone(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=AUTO_PAUSE_MIN_FILES - 1, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        watch = UploadWatch(fake)
        report = await client.assets.upload(lib.root, state_path=None, on_event=watch)
        assert report.ok and report.count("uploaded") == AUTO_PAUSE_MIN_FILES - 1
        assert all(s == set() for s in watch.paused_at_done) and watch.paused_at_done
        assert report.paused_jobs is None and watch.notices == []


async def test_auto_counts_files_to_send_not_files_found(tmp_path: Path) -> None:
    """A re-run whose files the server has already: nothing to send, nothing paused."""
    lib = write_sample_library(tmp_path / "lib", photos=AUTO_PAUSE_MIN_FILES + 5, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        await client.assets.upload(lib.root, state_path=None, pause_jobs=False)
        watch = UploadWatch(fake)
        report = await client.assets.upload(lib.root, state_path=None, on_event=watch)
        assert report.ok and report.count("duplicate") == AUTO_PAUSE_MIN_FILES + 5
        assert report.paused_jobs is None and watch.notices == []


async def test_auto_with_a_users_key_uploads_unpaused_without_a_word(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=AUTO_PAUSE_MIN_FILES + 2, extras=False)
    async with FakeImmich() as fake:
        user = fake.create_user("carol@example.com", "Carol")
        async with fake.client(api_key=fake.create_api_key(user)) as client:
            watch = UploadWatch(fake)
            report = await client.assets.upload(lib.root, state_path=None, on_event=watch)
        assert report.ok and report.count("uploaded") == AUTO_PAUSE_MIN_FILES + 2
        assert watch.notices == [] and report.paused_jobs is None
        assert paused(fake) == set()


async def test_pause_jobs_false_never_pauses(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=AUTO_PAUSE_MIN_FILES + 2, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        watch = UploadWatch(fake)
        report = await client.assets.upload(
            lib.root, state_path=None, pause_jobs=False, on_event=watch
        )
        assert report.ok and all(s == set() for s in watch.paused_at_done)
        assert report.paused_jobs is None and watch.notices == []


def ended_process() -> int:
    """The pid of a process that has ended (a run killed with SIGKILL, say)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], check=True, capture_output=True
    )
    return int(child.stdout)


async def test_a_killed_run_is_followed_by_a_resume(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=3, extras=False)
    state = tmp_path / "s.db"
    async with FakeImmich() as fake, fake.client() as client:
        async with StateStore.open(state) as store:  # a run that paused, then was killed
            owner = process_owner(ended_process())
            await JobControl(client, store, owner=owner).pause()
        assert paused(fake) == set(INGEST_QUEUES)
        notices: list[str] = []

        def collect(event: TransferEvent) -> None:
            if isinstance(event, Notice):
                notices.append(event.message)

        report = await client.assets.upload(lib.root, state_path=state, on_event=collect)
        assert report.ok
        assert paused(fake) == set()
        assert any("a previous run left paused" in n for n in notices)
        async with StateStore.open(state) as store:
            assert await store.paused_queues(client.base_url) == []


async def test_a_run_still_going_keeps_its_queues_paused(tmp_path: Path) -> None:
    """Two runs sharing one state file: the second neither resumes nor forgets the queues
    the first paused, whether it pauses jobs itself or not; the first resumes them."""
    lib = write_sample_library(tmp_path / "lib", photos=3, extras=False)
    state = tmp_path / "s.db"
    async with FakeImmich() as fake, fake.client() as client, StateStore.open(state) as store:
        first = JobControl(client, store)  # this process: alive
        assert await first.pause() == list(INGEST_QUEUES)
        for pause_jobs in (False, True):
            report = await client.assets.upload(lib.root, state_path=state, pause_jobs=pause_jobs)
            assert report.ok and not report.paused_jobs
            assert paused(fake) == set(INGEST_QUEUES)
            (record,) = await store.paused_queues(client.base_url)
            assert record.owner == first.owner
        # a live run in another process is left alone too ...
        await store.clear_paused_queues(client.base_url, owner=first.owner)
        sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
        async with await anyio.open_process(sleeper) as other:
            elsewhere = process_owner(other.pid)
            await store.set_paused_queues(client.base_url, INGEST_QUEUES, owner=elsewhere)
            assert await JobControl(client, store).resume_leftovers() == []
            assert paused(fake) == set(INGEST_QUEUES)
            other.kill()
        # ... until it has ended (and been reaped)
        assert set(await JobControl(client, store).resume_leftovers()) == set(INGEST_QUEUES)
        assert paused(fake) == set() and await store.paused_queues(client.base_url) == []


def test_run_owners_name_one_process() -> None:
    me = process_owner()
    assert me != process_owner()  # two runs of one process are two owners
    assert owner_alive(me) is True
    host, pid, start, _ = me.split("/")
    assert owner_alive(f"{host}/{pid}/{int(start or 0) + 1}/x") is False  # a reused pid
    assert owner_alive(process_owner(ended_process())) is False
    assert owner_alive(f"elsewhere.{host}/{pid}/{start}/x") is None  # another host: unknown
    assert owner_alive("") is False  # a record of the first state-file version


async def test_a_queue_paused_before_stays_paused(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=3, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        fake.state.queues["smartSearch"].is_paused = True  # the admin's choice
        report = await client.assets.upload(lib.root, state_path=None, pause_jobs=True)
        assert "smartSearch" not in (report.paused_jobs or ())
        assert paused(fake) == {"smartSearch"}


async def test_without_an_admin_key_it_says_so_once_and_carries_on(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=3, extras=False)
    async with FakeImmich() as fake:
        user = fake.create_user("bob@example.com", "Bob")
        async with fake.client(api_key=fake.create_api_key(user)) as client:
            notices: list[Notice] = []
            report = await client.assets.upload(
                lib.root,
                state_path=None,
                pause_jobs=True,
                on_event=lambda e: notices.append(e) if isinstance(e, Notice) else None,
            )
        assert report.ok and report.count("uploaded") == 3
        warnings = [n for n in notices if "admin API key" in n.message]
        assert len(warnings) == 1 and warnings[0].level == "warning"
        assert paused(fake) == set()


async def test_adaptive_concurrency_drives_a_real_run(tmp_path: Path) -> None:
    """The controller is wired into the run: it probes upward from 1 and reports each
    change, within its bounds. Where it settles depends on wall-clock throughput, which a
    loaded machine distorts: convergence on the capacity is pinned in virtual time by
    test_adaptive_controller_logic_in_virtual_time."""
    lib = write_sample_library(tmp_path / "lib", photos=500, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        fake.faults.capacity(4, 0.02, match="uploadAsset")  # 4 at a time, 20 ms each
        config = UploadConfig(
            adaptive=True, concurrency=1, max_concurrency=12, adapt_window_seconds=0.4
        )
        report = await client.assets.upload(lib.root, state_path=None, config=config)
    assert report.ok and report.concurrency is not None
    levels = [c.level for c in report.concurrency.changes]
    assert levels and max(levels) >= 2  # it probed above its start
    assert all(1 <= level <= 12 for level in levels)
    assert 1 <= report.concurrency.final <= 12


def test_adaptive_controller_logic_in_virtual_time() -> None:
    """A simulated server whose throughput grows with concurrency up to 4, then is flat."""
    now = [0.0]
    limiter = anyio.CapacityLimiter(1)
    control = AdaptiveConcurrency(
        limiter, start=1, maximum=10, window_seconds=1.0, clock=lambda: now[0]
    )
    capacity, work, levels = 4, 0.0, []
    for step in range(3000):  # 30 virtual seconds in 10 ms steps
        now[0] = step * 0.01
        work += min(control.level, capacity) * 1_000_000 * 0.01
        while work >= 100_000:
            work -= 100_000
            control.completed(100_000, 0.05)
        levels.append(control.level)
    settled = levels[1500:]
    assert max(set(settled), key=settled.count) == capacity  # holds at the capacity
    assert max(settled) <= capacity + 1  # only short probes one level up
    assert limiter.total_tokens == control.level
    before = control.level
    control.failed()
    now[0] += 1.1
    control.completed(1, 0.05)
    assert control.level < before  # errors cut the level


async def test_rate_limiter_holds_the_rate_in_virtual_time() -> None:
    now = [0.0]

    async def fake_sleep(seconds: float) -> None:
        now[0] += seconds
        await anyio.lowlevel.checkpoint()

    limiter = RateLimiter(1_000_000, clock=lambda: now[0], sleep=fake_sleep)
    sent = 0

    async def worker() -> None:
        nonlocal sent
        while now[0] < 10.0:
            await limiter.consume(64 * 1024)
            sent += 64 * 1024

    async with anyio.create_task_group() as tg:
        for _ in range(4):
            tg.start_soon(worker)
    assert 0.9 * 10_000_000 <= sent <= 1.1 * 10_000_000


async def test_rate_cap_is_never_exceeded_in_a_real_upload(tmp_path: Path) -> None:
    lib = write_sample_library(tmp_path / "lib", photos=12, size=250_000, extras=False)
    cap = 1_000_000
    async with FakeImmich() as fake, fake.client() as client:
        started = time.monotonic()
        report = await client.assets.upload(
            lib.root, state_path=None, max_bytes_per_second=cap, concurrency=4
        )
        elapsed = time.monotonic() - started
    assert report.ok
    # an upper bound only (a slow machine can only make it slower): within 10% of the cap
    assert report.bytes_transferred / elapsed <= cap * 1.1
    assert report.rate_limit is not None and report.rate_limit.waited_seconds > 0


@pytest.mark.parametrize(
    ("text", "value"), [("20M", 20 * 1024**2), ("500k", 500 * 1024), ("1G", 1024**3), ("64", 64)]
)
def test_parse_rate(text: str, value: int) -> None:
    assert parse_rate(text) == value


@pytest.mark.parametrize("text", ["", "fast", "-1M", "0"])
def test_parse_rate_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError, match="rate"):
        parse_rate(text)


def test_options_are_recorded() -> None:
    options = UploadOptions(pause_jobs=True, wait_for_jobs=True)
    assert attrs.asdict(options)["pause_jobs"] is True


async def test_wait_for_jobs_reports_pending_jobs_until_drained(tmp_path: Path) -> None:
    from immich_bulk.transfer.events import JobsPending

    lib = write_sample_library(tmp_path / "lib", photos=5, extras=False)
    pending: list[int] = []
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.upload(
            lib.root,
            state_path=None,
            pause_jobs=True,
            wait_for_jobs=True,
            on_event=lambda e: pending.append(e.pending) if isinstance(e, JobsPending) else None,
        )
    assert report.ok
    assert pending and pending[-1] == 0  # it waited until nothing was left
