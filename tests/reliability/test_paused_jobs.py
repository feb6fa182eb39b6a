"""``--pause-jobs`` across processes: a run killed with SIGKILL leaves the server's job
queues paused; a run that starts while it is still going leaves them alone; the next run
after it has died resumes them. Real processes, a real SIGKILL, one shared state file."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

from immich_bulk.testing import SubprocessServer
from immich_bulk.transfer.jobs import INGEST_QUEUES
from tests.reliability.helpers import (
    ROOT,
    Result,
    cli_command,
    cli_env,
    count_lines,
    make_library,
    read_events,
    run_cli,
)


def _jobs(env: dict[str, str], state: Path) -> Any:
    result = run_cli("jobs", "--state", str(state), "--json", env=env)
    assert result.code == 0, result.stderr
    return result.json()


def _paused(listing: Any) -> set[str]:
    return {name for name, queue in listing["queues"].items() if queue["paused"]}


def test_a_killed_run_leaves_queues_paused_for_the_next_run_and_not_for_a_concurrent_one(
    server: SubprocessServer, home: Path, tmp_path: Path
) -> None:
    make_library(tmp_path / "lib", 300, seed=44)
    state = tmp_path / "state.sqlite3"
    env = cli_env(home, server.url, server.api_key)  # pausing queues takes an admin key
    server.clear_faults()
    server.add_fault("latency", match="uploadAsset", seconds=0.02, times=None)
    assert _paused(_jobs(env, state)) == set()

    events = tmp_path / "events.ndjson"
    upload = ("upload", str(tmp_path / "lib"), "--state", str(state), "--no-progress")
    first = subprocess.Popen(
        cli_command(*upload, "--pause-jobs", "--events", str(events)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 60
        while count_lines(events) < 400 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert first.poll() is None, "the first run ended before it could be observed"

        # while it runs: its queues are paused and recorded as its own, and a second
        # command on the same state file leaves them alone
        listing = _jobs(env, state)
        assert _paused(listing) == set(INGEST_QUEUES)
        (record,) = listing["pausedBy"]
        assert record["running"] is True and record["run"].startswith(f"pid {first.pid} ")
        second: Result = run_cli("jobs", "--resume", "--state", str(state), env=env)
        assert second.code == 0, second.stderr
        assert "left alone" in second.stdout and "resumed: nothing" in second.stdout
        assert _paused(_jobs(env, state)) == set(INGEST_QUEUES)
    finally:
        first.kill()
        first.communicate()

    # killed: the queues stay paused, and the record says its run is gone
    listing = _jobs(env, state)
    assert _paused(listing) == set(INGEST_QUEUES)
    assert [r["running"] for r in listing["pausedBy"]] == [False]

    # the next upload (without --pause-jobs) resumes them first, then finishes the job
    server.clear_faults()
    after = tmp_path / "after.ndjson"
    third = run_cli(*upload, "--events", str(after), env=env)
    assert third.code == 0, third.stderr
    notices = [e["message"] for e in read_events(after) if e["event"] == "notice"]
    assert any("resumed job queues a previous run left paused" in n for n in notices), notices
    listing = _jobs(env, state)
    assert _paused(listing) == set() and listing["pausedBy"] == []
