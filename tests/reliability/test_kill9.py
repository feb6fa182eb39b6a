"""``kill -9`` at random points, then run again until done.

``immich-bulk upload`` and ``immich-bulk download`` run in a child process that is
SIGKILLed after a random number of events (several fixed seeds), then started again, until
a run finishes by itself. After every kill and at the end:

* the server holds each distinct photo at most once, and at the end exactly once;
* no file is hashed twice: after a kill the state file's hash cache is read, and the next
  run hashes exactly the files it does not hold (and takes the others from it);
* a final name in the download folder always holds verified bytes: a half-written download
  exists only as ``.part``, and a re-run resumes it.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from immich_bulk.testing import SubprocessServer
from tests.reliability.conftest import User
from tests.reliability.crashpoint import POINTS
from tests.reliability.helpers import (
    ROOT,
    cli_command,
    cli_env,
    final_files,
    hash_cache_paths,
    kill_after_lines,
    leftovers,
    make_library,
    read_events,
    run_cli,
)

MAX_KILLS = 3


def _server_checksums(server: SubprocessServer, user: User) -> list[str]:
    return sorted(a["checksum"] for a in server.assets(user.email))


@pytest.mark.parametrize("seed", [11, 22, 33])
def test_upload_killed_at_random_points_is_exactly_once_without_rehashing(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path, seed: int
) -> None:
    files = make_library(tmp_path / "lib", 400, copies=20, seed=seed, max_size=4_000)
    distinct = sorted(set(files.values()))
    state = tmp_path / "state.sqlite3"
    env = cli_env(home, server.url, user.key)
    # uploads take a little while, so kills land in every stage, uploads included
    server.add_fault("latency", match="uploadAsset", seconds=0.004, times=None)
    rng = random.Random(seed)
    cached_before: set[bytes] = set()
    kills = 0
    for run in range(MAX_KILLS + 1):
        events = tmp_path / f"events-{run}.ndjson"
        output = tmp_path / f"report-{run}.json"
        args: tuple[str, ...] = ("upload", str(tmp_path / "lib"), "--state", str(state))
        args += ("--events", str(events), "--hash-workers", "1")
        with open(output, "wb") as stdout:
            process = subprocess.Popen(
                cli_command(*args, "--json", "--no-progress"),
                stdout=stdout,
                stderr=subprocess.PIPE,
                env=env,
                cwd=ROOT,
            )
            # about 6 events per file: kill anywhere in the first 1600 (the last run: never)
            target = rng.randint(1, 1600) if run < MAX_KILLS else 10**9
            killed = kill_after_lines(process, events, target)
            _, stderr = process.communicate()
        run_events = read_events(events)
        # the hashes this run computed were all missing from the cache it started with,
        # and the ones it took from the cache were all there
        hashed = [e for e in run_events if e["event"] == "done" and e["stage"] == "hash"]
        fresh = {os.fsencode(e["item"]) for e in hashed if not e["cached"]}
        reused = {os.fsencode(e["item"]) for e in hashed if e["cached"]}
        assert not fresh & cached_before, "a file was hashed again"
        assert reused <= cached_before
        if len(hashed) == len(files):  # this run got through hashing: exactly the rest
            assert fresh == {os.fsencode(p) for p in files} - cached_before
        on_server = _server_checksums(server, user)
        assert len(on_server) == len(set(on_server)), "an asset was stored twice"
        assert set(on_server) <= set(distinct)
        if killed:
            kills += 1
            cached_before = hash_cache_paths(state)
            assert cached_before <= {os.fsencode(p) for p in files}
            continue
        assert process.returncode == 0, stderr.decode()[-2000:]
        report = json.loads(output.read_text())
        break
    else:  # pragma: no cover
        raise AssertionError("the last run was killed")
    assert kills >= 1
    assert report["ok"] and report["total"] == len(files)
    assert report["counts"].get("uploaded", 0) + report["counts"].get("duplicate", 0) == len(files)
    assert {o["item"] for o in report["outcomes"]} == {str(p) for p in files}
    # exactly the files the cache did not hold were hashed in the last run
    missing = {os.fsencode(p) for p in files} - cached_before
    assert report["hash"]["files_hashed"] == len(missing)
    assert report["hash"]["cache_hits"] == len(files) - len(missing)
    assert _server_checksums(server, user) == distinct  # exactly once


def _usable_parts(dest: Path) -> int:
    """Bytes in ``.part`` files that have their ``.meta`` (what a re-run resumes from)."""
    total = 0
    for part in dest.rglob("*.part"):
        if Path(f"{part}.meta").exists():
            total += part.stat().st_size
    return total


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_download_killed_at_random_points_never_promotes_a_part_file(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path, seed: int
) -> None:
    files = make_library(
        tmp_path / "lib", 6, seed=seed, min_size=1_200_000, max_size=2_600_000, folders=2
    )
    by_name = {p.name: h for p, h in files.items()}
    env = cli_env(home, server.url, user.key)
    seeded = run_cli("upload", str(tmp_path / "lib"), "--no-state", env=env)
    assert seeded.code == 0, seeded.stderr
    # slow downloads (per request), so that kills land in the middle of bodies
    server.add_fault("throttle", match="downloadAsset", bytes_per_second=4_000_000, times=None)
    dest, state = tmp_path / "export", tmp_path / "state.sqlite3"
    rng = random.Random(seed)
    report: dict[str, Any] = {}
    for run in range(MAX_KILLS + 1):
        events, out = tmp_path / f"events-{run}.ndjson", tmp_path / f"report-{run}.json"
        resumable = _usable_parts(dest) if dest.exists() else 0
        args = ("download", str(dest), "--all", "--state", str(state), "--events", str(events))
        with open(out, "wb") as stdout:
            process = subprocess.Popen(
                cli_command(*args, "--concurrency", "2", "--json", "--no-progress"),
                stdout=stdout,
                stderr=subprocess.PIPE,
                env=env,
                cwd=ROOT,
            )
            # a whole run is ~30 events (queued, started, one per MiB written, done)
            target = rng.randint(3, 26) if run < MAX_KILLS else 10**9
            killed = kill_after_lines(process, events, target)
            _, stderr = process.communicate()
        # whatever the moment of the kill: every final name holds the asset's exact bytes
        for path, digest in final_files(dest).items():
            assert by_name[path.name] == digest, f"{path} holds bytes that are not the asset's"
        if killed:
            continue
        assert process.returncode == 0, stderr.decode()[-2000:]
        report = json.loads(out.read_text())
        # what earlier runs left in usable .part files was resumed, not downloaded again
        assert report["resumed_bytes"] == resumable
        break
    assert report["ok"], report
    written = final_files(dest)
    assert sorted(p.name for p in written) == sorted(by_name)
    assert leftovers(dest) == []


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
@pytest.mark.parametrize("point", POINTS)
def test_download_killed_right_after_each_file_step_leaves_nothing_behind(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path, point: str, backend: str
) -> None:
    """The windows the random kills above can only hit by chance, hit on purpose: a kill
    just after a ``.meta`` is written, just after one is removed, and just after a ``.part``
    gets its final name. Whatever the step, the final names hold the assets' bytes, and
    the next complete run resumes what can be resumed and leaves no ``.part``/``.meta``."""
    files = make_library(
        tmp_path / "lib", 3, seed=9, min_size=1_200_000, max_size=1_600_000, folders=1
    )
    by_name = {p.name: h for p, h in files.items()}
    env = cli_env(home, server.url, user.key)
    seeded = run_cli("upload", str(tmp_path / "lib"), "--no-state", env=env)
    assert seeded.code == 0, seeded.stderr
    dest, state = tmp_path / "export", tmp_path / "state.sqlite3"
    args = ["--backend", backend, "download", str(dest), "--all", "--state", str(state)]
    args += ["--concurrency", "1", "--json", "--no-progress"]
    # the second time: the first file is through, the second one at that very step
    crash = [sys.executable, "-m", "tests.reliability.crashpoint", point, "2", *args]
    crashed = subprocess.run(crash, capture_output=True, env=env, cwd=ROOT, timeout=120)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr.decode()[-2000:]
    for path, digest in final_files(dest).items():
        assert by_name[path.name] == digest, f"{path} holds bytes that are not the asset's"
    resumable = _usable_parts(dest)
    done = run_cli(*args, env=env)
    assert done.code == 0, done.stderr
    report = done.json()
    assert report["ok"] and report["resumed_bytes"] == resumable
    assert sorted(p.name for p in final_files(dest)) == sorted(by_name)
    assert leftovers(dest) == []
