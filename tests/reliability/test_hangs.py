"""Nothing hangs: a server that never answers, trickles its answer, stops reading an upload
or fails every upload ends the call -- or the run -- with one clear error, and a transfer
that keeps moving never times out, however long it takes.

The servers are raw sockets (:mod:`tests.reliability.rawhttp`) or the fake behind a
misbehaving middleware, over real loopback connections. Timeouts are made short here (the
defaults are minutes); nothing below measures time: a hang is caught by a generous guard.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import anyio
import anyio.abc
import attrs
import pytest

from immich_bulk import AsyncClient, RequestTimeoutError, RetryPolicy, Timeouts
from immich_bulk.models import AssetMediaCreateDto
from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.config import DownloadConfig, UploadConfig
from immich_bulk.transfer.state import StateStore
from immich_bulk.transfer.upload.engine import Uploader
from tests.reliability.conftest import User
from tests.reliability.helpers import WHEN, cli_env, make_library, run_cli
from tests.reliability.rawhttp import (
    content_length,
    never_answer,
    read_head,
    read_request,
    response_head,
    serving,
    serving_in_thread,
    trickle,
)
from tests.reliability.test_hostile_server import Receive, Scope, Send, hostile_server

#: A guard against hangs only: every case below ends in seconds when nothing hangs.
GUARD = 120


async def no_sleep(_: float) -> None:
    return None


QUICK = RetryPolicy(max_attempts=4, backoff_base=0.0, sleep=no_sleep)
SHORT = Timeouts(connect=5.0, answer=1.0, quick=1.0, stall=1.0)
CREATED = b'{"id":"00000000-0000-4000-8000-000000000001","status":"created"}'


def upload_request(data: bytes) -> AssetMediaCreateDto:
    return AssetMediaCreateDto(
        asset_data=data,
        device_asset_id="d",
        device_id="pytest",
        file_created_at=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc),
        file_modified_at=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc),
    )


def client_of(url: str, timeouts: Timeouts = SHORT) -> AsyncClient:
    return AsyncClient(url, api_key="k", timeout=timeouts, retry=QUICK)


# ---------------------------------------------------------------------- one call


async def test_a_server_that_never_answers_fails_each_call_after_two_tries() -> None:
    """It accepts the connection and reads the request, then says nothing: each call ends
    with "no answer within N s" after two tries (a timed-out try is retried once), never
    after the minutes of a per-read timeout times every retry."""
    with anyio.fail_after(GUARD):
        async with serving(never_answer) as (url, seen), client_of(url) as client:
            with pytest.raises(RequestTimeoutError, match="no answer within 1 s"):
                await client.server.ping_server()
            assert seen.connections == 2
            with pytest.raises(RequestTimeoutError, match="no answer within 1 s"):
                await client.albums.get_all_albums()
            assert seen.connections == 4


@pytest.mark.parametrize("head_first", [False, True], ids=["head", "body"])
async def test_a_trickled_answer_fails_as_a_stall_in_every_response_mode(
    head_first: bool,
) -> None:
    """One byte every 50 ms: it moves, but 20 bytes a second is not a transfer. A trickled
    status line and headers exceed the answer timeout; a trickled body is a stall -- parsed,
    or streamed by the caller -- instead of a call that takes an hour."""
    expected = "the answer stalled" if head_first else "no answer within"
    with anyio.fail_after(GUARD):
        server = serving(trickle(0.05, head_first=head_first))
        async with server as (url, seen), client_of(url) as client:
            with pytest.raises(RequestTimeoutError, match=expected):
                await client.server.ping_server()
            assert seen.connections == 2
            call = client.assets.download_asset_without_preload_content("a")
            with pytest.raises(RequestTimeoutError, match=expected):
                async with call as response:
                    async for _ in response.aiter_bytes():
                        pass


async def test_a_server_that_stops_reading_an_upload_fails_it_as_a_stall() -> None:
    """The server reads the headers and then no more of the body: once the socket buffers
    are full nothing moves, and the try fails as a stalled request (then once more)."""

    async def stop_reading(stream: anyio.abc.SocketStream) -> None:
        await read_head(stream)
        await anyio.sleep_forever()

    with anyio.fail_after(GUARD):
        async with serving(stop_reading) as (url, seen), client_of(url) as client:
            with pytest.raises(RequestTimeoutError, match="the request stalled"):
                await client.assets.upload_asset(upload_request(b"\0" * (48 * 1024 * 1024)))
            assert seen.connections == 2


async def test_a_transfer_that_keeps_moving_never_times_out() -> None:
    """Slow but moving, in both directions, for several times the stall limit: a 24 MB
    upload read 256 KiB at a time, a 100 KB answer sent 2 KiB at a time. Neither fails:
    there is no total timeout, only a limit on standing still. (The upload is larger than
    the loopback socket buffers, so the client really waits on its writes.)"""
    answer = b'{"res":"' + b"o" * 100_000 + b'"}'

    async def slow(stream: anyio.abc.SocketStream) -> None:
        head, body = await read_head(stream)
        remaining = content_length(head) - len(body)
        while remaining > 0:
            await anyio.sleep(0.05)
            remaining -= len(await stream.receive(256 * 1024))
        if b"POST /api/assets " in head:
            await stream.send(response_head(201, len(CREATED)) + CREATED)
            return
        await stream.send(response_head(length=len(answer)))
        for start in range(0, len(answer), 2048):
            await stream.send(answer[start : start + 2048])
            await anyio.sleep(0.05)

    timeouts = attrs.evolve(SHORT, stall=2.0, answer=60.0)
    with anyio.fail_after(GUARD):
        async with serving(slow) as (url, seen), client_of(url, timeouts) as client:
            created = await client.assets.upload_asset(upload_request(b"\1" * 24_000_000))
            assert created.status == "created"
            pong = await client.server.ping_server()
            assert pong.res == "o" * 100_000
            assert seen.connections == 2


#: The body :func:`answer_at_once` sends.
ANSWER = b"x" * 300_000


async def answer_at_once(stream: anyio.abc.SocketStream) -> None:
    """A server that sends the whole of :data:`ANSWER` at once, then holds the connection."""
    await read_request(stream)
    await stream.send(response_head(length=len(ANSWER)) + ANSWER)
    await anyio.sleep_forever()


async def test_a_caller_that_reads_slowly_has_not_seen_the_server_stall() -> None:
    """A streamed answer is read at the caller's pace: pausing before the first chunk and
    between chunks (writing them to disk, or piping them into an upload that first waits
    for its own connection) is not the server standing still. Only the time spent waiting
    in reads counts toward the stall limit."""
    timeouts = attrs.evolve(SHORT, stall=0.5)
    with anyio.fail_after(GUARD):
        async with serving(answer_at_once) as (url, _), client_of(url, timeouts) as client:
            call = client.assets.download_asset_without_preload_content("a")
            received = 0
            async with call as response:
                await anyio.sleep(1.5)  # three times the stall limit
                async for chunk in response.aiter_bytes(16_384):
                    received += len(chunk)
                    if received < 64 * 1024:
                        await anyio.sleep(1)
            assert received == len(ANSWER)


async def test_a_trickled_body_read_in_blocks_fails_as_a_stall() -> None:
    """``read_raw_into`` (a download collecting blocks) watches the body as the iterators
    do: bytes that trickle in fail the read as a stall, with the chunks that came kept."""
    with anyio.fail_after(GUARD):
        async with serving(trickle(0.05, head_first=True)) as (url, _), client_of(url) as client:
            call = client.assets.download_asset_without_preload_content("a")
            got: list[bytes] = []
            with pytest.raises(RequestTimeoutError, match="the answer stalled"):
                async with call as response:
                    while not await response.read_raw_into(got, 1 << 20):
                        pass
            assert got  # what arrived before the stall was handed over


async def test_a_caller_that_reads_blocks_slowly_has_not_seen_the_server_stall() -> None:
    """Between blocks the caller writes to disk: that pause is not the server standing
    still, however long it lasts; only the time inside ``read_raw_into`` counts."""
    timeouts = attrs.evolve(SHORT, stall=0.5)
    with anyio.fail_after(GUARD):
        async with serving(answer_at_once) as (url, _), client_of(url, timeouts) as client:
            call = client.assets.download_asset_without_preload_content("a")
            got: list[bytes] = []
            async with call as response:
                await anyio.sleep(1.5)  # three times the stall limit
                while not await response.read_raw_into(got, 16_384):
                    if sum(map(len, got)) < 64 * 1024:
                        await anyio.sleep(1)
            assert b"".join(got) == ANSWER


async def test_the_wait_for_the_answer_to_an_upload_is_not_a_stall() -> None:
    """After the last byte of an upload the server stores the file before it answers, and
    no byte moves meanwhile: that wait is bounded by the answer timeout (which grows with
    the file's size in the engines), never by the stall limit."""

    async def think(stream: anyio.abc.SocketStream) -> None:
        await read_request(stream)
        await anyio.sleep(3)  # six times the stall limit below
        await stream.send(response_head(201, len(CREATED)) + CREATED)

    timeouts = attrs.evolve(SHORT, stall=0.5, answer=60.0)
    with anyio.fail_after(GUARD):
        async with serving(think) as (url, _), client_of(url, timeouts) as client:
            created = await client.assets.upload_asset(upload_request(b"\2" * 2_000_000))
            assert created.status == "created"


# ---------------------------------------------------------------------- a whole run


async def test_uploads_always_answered_500_stop_the_run_and_a_rerun_completes(
    tmp_path: Path,
) -> None:
    """``uploadAsset`` answers 500 to everything: the run stops after ``max_failures``
    failed tries in a row (not every file's full retries), says why, and keeps its state;
    once the server works again the same run uploads everything, exactly once."""
    files = make_library(tmp_path / "lib", 40, seed=71)
    policy = attrs.evolve(QUICK, max_attempts=6, retry_statuses=frozenset({500, 502, 503}))
    config = UploadConfig(retry=policy, max_failures=8, concurrency=4)
    state = tmp_path / "state.db"
    async with FakeImmich() as fake, fake.client() as client:
        rule = fake.faults.fail(500, match="uploadAsset", times=None)
        with anyio.fail_after(GUARD):
            async with StateStore.open(state) as store:
                first = await Uploader(client, tmp_path / "lib", config=config, store=store).run()
        assert first.stopped == "unresponsive" and first.interrupted and not first.ok
        assert "POST /assets" in (first.stop_reason or "")
        assert "answered 500" in (first.stop_reason or "")
        assert first.count("uploaded") == 0
        # the tries that tripped it, and at most those already in flight besides
        assert 8 <= fake.counters.requests_to("uploadAsset") <= 8 + config.concurrency
        fake.faults.remove(rule)
        async with StateStore.open(state) as store:
            again = await Uploader(client, tmp_path / "lib", config=config, store=store).run()
        assert again.ok and again.stopped is None
        assert again.count("uploaded") == len(fake.assets()) == len(set(files.values()))


def trickled_downloads(inner: Any) -> Any:
    """The fake's answer to ``GET /assets/{id}/original``, its body one byte per 0.1 s."""

    async def behaviour(scope: Scope, receive: Receive, send: Send) -> None:
        messages: list[dict[str, Any]] = []

        async def capture(message: dict[str, Any]) -> None:
            messages.append(message)

        await inner(scope, receive, capture)
        await send(messages[0])
        body = b"".join(m.get("body", b"") for m in messages[1:])
        for byte in body:
            await send({"type": "http.response.body", "body": bytes([byte]), "more_body": True})
            await anyio.sleep(0.1)
        await send({"type": "http.response.body", "body": b""})

    return behaviour


async def test_downloads_that_keep_stalling_stop_the_export(tmp_path: Path) -> None:
    """Every original trickles: each try stalls, and after ``max_failures`` of them in a
    row the export stops -- resumable, with the reason -- instead of trickling forever."""
    async with FakeImmich() as fake:
        for i in range(10):
            fake.add_asset(None, jpeg_bytes(900 + i, WHEN), f"t{i}.jpg")
        routes = {"GET /api/assets/[^/]+/original": trickled_downloads(fake.app)}
        config = DownloadConfig(retry=QUICK, max_failures=4)
        with anyio.fail_after(GUARD):
            async with (
                hostile_server(fake, routes) as url,
                AsyncClient(url, api_key=fake.api_key, timeout=SHORT) as client,
            ):
                report = await client.download.export(
                    tmp_path / "out", everything=True, config=config, state_path=None
                )
        assert report.stopped == "unresponsive" and report.interrupted
        assert "stalled" in (report.stop_reason or "")
        assert report.count("downloaded") == 0


# ---------------------------------------------------------------------- the command


@pytest.mark.parametrize("command", ["server-info", "upload"])
@pytest.mark.parametrize("kind", ["silent", "trickle"])
def test_the_command_against_a_server_that_never_answers_ends_with_one_line(
    kind: str, command: str, tmp_path: Path
) -> None:
    """The issue's cases: a server that accepts and never answers, and one that trickles a
    byte at a time. The command ends with exit code 4 and one line naming what timed out
    -- not after minutes, silently, or with an internal "cancel scope" message."""
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "a.jpg").write_bytes(jpeg_bytes(1, WHEN))
    args = [command] + ([str(tmp_path / "lib"), "--no-progress"] if command == "upload" else [])
    with serving_in_thread(kind, interval=0.5) as url:
        result = run_cli(*args, "--timeout", "2", env=cli_env(tmp_path, url, "k"), timeout=GUARD)
    assert result.code == 4, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith("immich-bulk: error: cannot reach")
    assert "no answer within 2 s" in lines[0] and "cancel scope" not in lines[0].lower()


def test_the_command_stops_when_every_upload_is_answered_500(
    tmp_path: Path, server: Any, user: User
) -> None:
    """``uploadAsset`` always 500 (the issue: 201 files took 12.5 minutes): the run stops
    after 8 failed tries in a row with exit code 4, one line saying what kept failing and
    the summary; the server saw those tries, not six per file. A re-run completes."""
    files = make_library(tmp_path / "lib", 60, seed=72)
    server.add_fault("error", match="uploadAsset", status=500, times=None)
    env = cli_env(tmp_path, server.url, user.key)
    args = ["upload", str(tmp_path / "lib"), "--state", str(tmp_path / "state.db"), "--no-progress"]
    first = run_cli(*args, env=env, timeout=GUARD)
    assert first.code == 4, first
    assert "immich-bulk: stopped: the server failed 8 tries of POST /assets" in first.stderr
    assert "Traceback" not in first.stderr
    assert "STOPPED (unresponsive" in first.stdout and "state saved" in first.stdout
    fired = server.faults()["rules"][0]["fired"]
    assert 8 <= fired <= 8 + 4  # the tries that tripped it and those in flight
    server.clear_faults()
    again = run_cli(*args, "--json", env=env, timeout=GUARD)
    assert again.code == 0, again
    assert again.json()["counts"].get("uploaded") == len(set(files.values()))
    assert len(server.assets(user.email)) == len(set(files.values()))
