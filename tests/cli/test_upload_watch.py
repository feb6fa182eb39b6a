"""``immich-bulk upload --watch`` as a user runs it: files added while it runs are uploaded,
and Ctrl-C ends it cleanly (exit code 0, the summary, the state saved)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from immich_bulk.samples import jpeg_bytes
from tests.cli.conftest import Cli
from tests.upload.helpers import WHEN

HANG = 60  # seconds: a guard against a hang only


def uploaded(events: Path) -> list[str]:
    if not events.exists():
        return []
    names = []
    for line in events.read_text().splitlines():
        try:
            event = json.loads(line)
        except ValueError:  # the line being written
            continue
        if event.get("stage") == "upload" and event.get("status") == "uploaded":
            names.append(Path(event["item"]).name)
    return names


def wait_for(process: subprocess.Popen[str], events: Path, count: int) -> None:
    deadline = time.monotonic() + HANG
    while len(uploaded(events)) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, uploaded(events)
        time.sleep(0.05)


def test_watch_uploads_new_files_and_ctrl_c_ends_cleanly(cli: Cli, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "first.jpg").write_bytes(jpeg_bytes(101, WHEN))
    state, events = tmp_path / "state.db", tmp_path / "events.ndjson"
    process = cli.start(
        "upload",
        str(lib),
        "--watch",
        "--watch-interval",
        "0.05",
        "--watch-settle",
        "0",
        "--state",
        str(state),
        "--events",
        str(events),
    )
    try:
        wait_for(process, events, 1)
        temp = lib / "second.jpg.part"
        temp.write_bytes(jpeg_bytes(102, WHEN))
        os.replace(temp, lib / "second.jpg")
        wait_for(process, events, 2)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=HANG)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, stderr
    assert "watching" in stderr and "Traceback" not in stderr
    assert "2 uploaded" in stdout, stdout
    assert sorted(uploaded(events)) == ["first.jpg", "second.jpg"]
    names = sorted(a["originalFileName"] for a in cli.server.assets())
    assert names.count("second.jpg") == 1 and names.count("first.jpg") == 1
    # the state was saved: a plain re-run sends nothing
    again = cli.run("upload", str(lib), "--state", str(state), "--json")
    assert again.code == 0 and again.json()["counts"] == {"duplicate": 2}


def test_watch_flags_are_checked(cli: Cli, tmp_path: Path) -> None:
    alone = cli.run("upload", str(tmp_path), "--watch-settle", "1")
    assert alone.code == 2 and "--watch-settle only applies to --watch" in alone.stderr
    bad = cli.run("upload", str(tmp_path), "--watch", "--watch-interval", "0")
    assert bad.code == 2 and "watch_interval" in bad.stderr
    jobs = cli.run("upload", str(tmp_path), "--watch", "--wait-for-jobs")
    assert jobs.code == 2 and "wait_for_jobs" in jobs.stderr


def events_of(path: Path) -> list[dict[str, object]]:
    found = []
    for line in path.read_text().splitlines() if path.exists() else []:
        try:
            found.append(json.loads(line))
        except ValueError:
            continue
    return found


def wait_until(process: subprocess.Popen[str], events: Path, what: str) -> None:
    deadline = time.monotonic() + HANG
    while not any(what in json.dumps(e) for e in events_of(events)):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, events_of(events)[-5:]
        time.sleep(0.05)


def test_a_second_ctrl_c_ends_the_watch_at_once(cli: Cli, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "slow.jpg").write_bytes(jpeg_bytes(103, WHEN))
    state, events = tmp_path / "state.db", tmp_path / "events.ndjson"
    cli.server.add_fault("latency", match="uploadAsset", seconds=HANG, times=None)
    process = cli.start(
        "upload", str(lib), "--watch", "--watch-interval", "0.05", "--watch-settle", "0",
        "--state", str(state), "--events", str(events),
    )  # fmt: skip
    try:
        wait_until(process, events, '"event": "started"')  # slow.jpg is on its way
        process.send_signal(signal.SIGINT)
        wait_until(process, events, "stopping the watch")  # it waits for slow.jpg
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=HANG)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130, stderr
    assert "1 interrupted" in stdout and "Traceback" not in stderr
    assert state.exists()
