"""A server given by URL with a key file and a reset command, its job queues, and the
real-server scenarios' bookkeeping; against FakeImmich (no real server needed)."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from immich_bulk.bench.target import BenchError, Target
from immich_bulk.testing import run_fake_server_in_thread
from immich_bulk.testing.server import ThreadServer


@pytest.fixture
def server() -> Iterator[ThreadServer]:
    with run_fake_server_in_thread() as running:
        yield running


def reset_script(tmp_path: Path, key: str, *, fail: bool = False) -> str:
    """A reset command: logs each call, writes the server's (new) key to the key file."""
    body = (
        "import sys\n"
        f"open({str(tmp_path / 'resets.log')!r}, 'a').write('reset\\n')\n"
        f"open({str(tmp_path / 'key.txt')!r}, 'w').write({key!r} + '\\n')\n"
        + ("print('no database', file=sys.stderr); sys.exit(4)\n" if fail else "")
    )
    script = tmp_path / "reset.py"
    script.write_text(body)
    return shlex.join([sys.executable, str(script)])


def resets(tmp_path: Path) -> int:
    log = tmp_path / "resets.log"
    return len(log.read_text().splitlines()) if log.exists() else 0


async def test_a_reset_command_runs_first_and_the_key_is_read_again(
    server: ThreadServer, tmp_path: Path
) -> None:
    key_file = tmp_path / "key.txt"
    key_file.write_text("a-stale-key-from-the-last-reset\n")
    target = await Target.remote(
        server.url, None, key_file=key_file, reset_cmd=reset_script(tmp_path, server.api_key)
    )
    try:
        assert resets(tmp_path) == 1
        assert target.api_key == server.api_key  # the stale key was never used
        assert target.fresh_per_run and target.resets == 1
        generation = target.generation
        await target.reset(["0" * 40])
        assert resets(tmp_path) == 2 and target.generation == generation + 1
        assert server.api_key not in repr(target)
    finally:
        await target.close()


async def test_a_failing_reset_command_stops_the_benchmark(
    server: ThreadServer, tmp_path: Path
) -> None:
    with pytest.raises(BenchError, match="reset command failed \\(4\\): no database"):
        await Target.remote(
            server.url,
            None,
            key_file=tmp_path / "key.txt",
            reset_cmd=reset_script(tmp_path, server.api_key, fail=True),
        )


async def test_an_empty_or_missing_key_file_is_named(server: ThreadServer, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    with pytest.raises(BenchError, match=r"empty\.txt is empty"):
        await Target.remote(server.url, None, key_file=empty)
    with pytest.raises(BenchError, match=r"cannot read the key file .*nope\.txt"):
        await Target.remote(server.url, None, key_file=tmp_path / "nope.txt")


async def test_without_a_reset_command_a_reset_purges(server: ThreadServer) -> None:
    fake = server.fake
    asset = fake.add_asset(None, b"\xff\xd8 bench \xff\xd9", "b.jpg")
    mine = fake.add_asset(None, b"\xff\xd8 the user's \xff\xd9", "m.jpg")
    target = await Target.remote(server.url, server.api_key)
    try:
        assert not target.fresh_per_run
        await target.reset([asset.checksum_hex])
        assert fake.asset(mine.id) is not None and fake.asset(asset.id) is None
    finally:
        await target.close()


async def test_queues_pause_and_resume_except_the_unpausable(server: ThreadServer) -> None:
    target = await Target.remote(server.url, server.api_key)
    try:
        changed = await target.set_queues_paused(True)
        assert changed and "backgroundTask" not in changed
        counts = await target.queue_counts()
        assert all(paused for name, (paused, _) in counts.items() if name != "backgroundTask")
        assert not counts["backgroundTask"][0]
        assert await target.set_queues_paused(True) == []  # nothing left to change
        assert sorted(await target.set_queues_paused(False)) == sorted(changed)
        assert await target.wait_for_jobs(max_seconds=60)
    finally:
        await target.close()
