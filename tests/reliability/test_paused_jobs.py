"""``--pause-jobs`` across processes: a run killed with SIGKILL leaves the server's job
queues paused; a run that starts while it is still going leaves them alone; the next run
after it has died resumes them. Real processes, a real SIGKILL, one shared state file."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from immich_bulk.testing import SubprocessServer
from immich_bulk.transfer.server.jobs import INGEST_QUEUES
from tests.reliability.helpers import (
    ROOT,
    Result,
    cli_command,
    cli_env,
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


def _held(server: SubprocessServer, rule: dict[str, Any]) -> int:
    """How many requests the fake's hold *rule* has caught so far."""
    (listed,) = [r for r in server.faults()["rules"] if r["id"] == rule["id"]]
    return int(listed["fired"])


def test_a_killed_run_leaves_queues_paused_for_the_next_run_and_not_for_a_concurrent_one(
    server: SubprocessServer, home: Path, tmp_path: Path
) -> None:
    make_library(tmp_path / "lib", 300, seed=44)
    state = tmp_path / "state.sqlite3"
    env = cli_env(home, server.url, server.api_key)  # pausing queues takes an admin key
    server.clear_faults()
    # the fake holds every upload until the test lets go: the run cannot finish (and resume
    # its queues) while the test observes it, however slow the machine
    hold = server.add_fault("hold", match="uploadAsset")
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
        # uploads start inside the paused block: one held means the queues are paused
        deadline = time.monotonic() + 120  # a hang guard only
        while _held(server, hold) == 0 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert first.poll() is None, "the first run ended before it reached its uploads"
        assert _held(server, hold) > 0, "the first run never reached its uploads"

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
        assert first.poll() is None  # all of the above saw a live run
    finally:
        first.kill()
        first.communicate()
    assert first.returncode == -signal.SIGKILL
    notices = [e["message"] for e in read_events(events) if e["event"] == "notice"]
    assert not any(n.startswith("resumed job queues") for n in notices), notices

    # killed: the queues stay paused, and the record says its run is gone
    listing = _jobs(env, state)
    assert _paused(listing) == set(INGEST_QUEUES)
    assert [r["running"] for r in listing["pausedBy"]] == [False]

    # the next upload (without --pause-jobs) resumes them first, then finishes the job
    server.clear_faults()  # lets the held uploads of the dead run go
    after = tmp_path / "after.ndjson"
    third = run_cli(*upload, "--events", str(after), env=env)
    assert third.code == 0, third.stderr
    notices = [e["message"] for e in read_events(after) if e["event"] == "notice"]
    assert any("resumed job queues a previous run left paused" in n for n in notices), notices
    listing = _jobs(env, state)
    assert _paused(listing) == set() and listing["pausedBy"] == []
