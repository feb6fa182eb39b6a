"""The server goes away in the middle of a run (stopped, or killed like a crash) and comes
back on the same data: the run retries and completes; if it stays away, the run stops with
exit code 4 and a resumable state, and a re-run completes. Exactly once either way."""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path
from typing import Any

import attrs
import pytest

from immich_bulk import RetryPolicy
from immich_bulk.cli import main as cli_main
from immich_bulk.testing import run_fake_server_subprocess
from tests.reliability.helpers import (
    ROOT,
    cli_command,
    cli_env,
    count_lines,
    final_files,
    leftovers,
    make_library,
    run_cli,
)


def _sorted_checksums(assets: list[dict[str, Any]]) -> list[str]:
    return sorted(a["checksum"] for a in assets)


@pytest.mark.parametrize("how", ["stop", "crash"])
def test_server_restarted_mid_upload_the_run_retries_and_completes(
    tmp_path: Path, how: str
) -> None:
    files = make_library(tmp_path / "lib", 300, copies=10, seed=41 if how == "stop" else 42)
    distinct = sorted(set(files.values()))
    state, events = tmp_path / "state.sqlite3", tmp_path / "events.ndjson"
    with run_fake_server_subprocess(data_dir=tmp_path / "server") as server:
        server.add_fault("latency", match="uploadAsset", seconds=0.01, times=None)
        env = cli_env(tmp_path, server.url, server.api_key)
        args = ("upload", str(tmp_path / "lib"), "--state", str(state), "--events", str(events))
        with open(tmp_path / "out.json", "wb") as out:
            process = subprocess.Popen(
                cli_command(*args, "--json", "--no-progress"),
                stdout=out,
                stderr=subprocess.PIPE,
                env=env,
                cwd=ROOT,
            )
            # wait until uploads are under way: ~6 events per file, ~50 files done
            while count_lines(events) < 1_200 and process.poll() is None:
                threading.Event().wait(0.01)
            assert process.poll() is None, "the upload finished before the restart"
            if how == "stop":
                server.stop()  # SIGTERM: in-flight requests get a second to finish
            else:
                server.kill()  # SIGKILL: a crash; what the server stored survives
            server.start()  # same data, same port; the fault plan is gone (fast again)
            _, stderr = process.communicate(timeout=120)
        assert process.returncode in (0, 4), stderr.decode()[-2000:]
        assert b"Traceback" not in stderr
        if process.returncode == 4:  # it gave up before the server was back: resume
            again = run_cli(*args, "--no-progress", env=env)
            assert again.code == 0, again.stderr
        else:
            report = json.loads((tmp_path / "out.json").read_text())
            assert report["ok"] and report["total"] == len(files)
            assert report["retries"] > 0  # the outage was noticed and retried
        assert _sorted_checksums(server.assets()) == distinct
        final = run_cli(*args, "--json", "--no-progress", env=env)
        assert final.code == 0
        assert final.json()["counts"] == {"duplicate": len(files)}


def test_server_restarted_mid_download_the_run_resumes_and_completes(tmp_path: Path) -> None:
    files = make_library(
        tmp_path / "lib", 8, seed=45, min_size=600_000, max_size=1_400_000, folders=2
    )
    by_name = {p.name: h for p, h in files.items()}
    state, events = tmp_path / "state.sqlite3", tmp_path / "events.ndjson"
    with run_fake_server_subprocess(data_dir=tmp_path / "server") as server:
        env = cli_env(tmp_path, server.url, server.api_key)
        assert run_cli("upload", str(tmp_path / "lib"), "--no-state", env=env).code == 0
        server.add_fault("throttle", match="downloadAsset", bytes_per_second=2_000_000, times=None)
        args = ("download", str(tmp_path / "out"), "--all", "--state", str(state))
        with open(tmp_path / "out.json", "wb") as out:
            process = subprocess.Popen(
                cli_command(*args, "--events", str(events), "--json", "--no-progress"),
                stdout=out,
                stderr=subprocess.PIPE,
                env=env,
                cwd=ROOT,
            )
            while count_lines(events) < 12 and process.poll() is None:  # bodies under way
                threading.Event().wait(0.01)
            assert process.poll() is None, "the download finished before the restart"
            server.kill()  # a crash in the middle of the bodies
            server.start()  # same data, same port, no throttling any more
            _, stderr = process.communicate(timeout=120)
        assert b"Traceback" not in stderr
        if process.returncode != 0:  # some assets gave up before the server was back
            assert process.returncode == 1, stderr.decode()[-2000:]
            assert run_cli(*args, "--no-progress", env=env).code == 0
        else:
            report = json.loads((tmp_path / "out.json").read_text())
            assert report["ok"] and report["retries"] > 0  # the crash was noticed, retried
        final = run_cli(*args, "--json", "--no-progress", env=env)
        assert final.code == 0 and final.json()["counts"] == {"present": len(files)}
    placed = final_files(tmp_path / "out")
    assert sorted(p.name for p in placed) == sorted(by_name)  # each once, no "(1a2b3c4d)" copy
    assert all(by_name[p.name] == digest for p, digest in placed.items())
    assert leftovers(tmp_path / "out") == []


def test_server_that_stays_down_stops_the_run_with_exit_4_and_a_rerun_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In-process ``immich-bulk upload`` (so that its retries can be made quick): the server
    is stopped for good mid-run. The run must not grind through every remaining file with
    full retries: it stops, exit code 4, state saved; a re-run once the server is back
    completes, exactly once."""
    from immich_bulk.transfer.config import UploadConfig

    async def no_wait(_: float) -> None:
        return None

    quick = RetryPolicy(max_attempts=3, backoff_base=0.0, sleep=no_wait)

    @attrs.frozen(kw_only=True)
    class QuickConfig(UploadConfig):  # the command's config, retries that do not wait
        retry: RetryPolicy = quick

    monkeypatch.setattr("immich_bulk.cli.cmd_upload.UploadConfig", QuickConfig)
    files = make_library(tmp_path / "lib", 200, seed=43)
    state, events = tmp_path / "state.sqlite3", tmp_path / "events.ndjson"
    with run_fake_server_subprocess(data_dir=tmp_path / "server") as server:
        server.add_fault("latency", match="uploadAsset", seconds=0.05, times=None)
        for name, value in cli_env(tmp_path, server.url, server.api_key).items():
            monkeypatch.setenv(name, value)
        args = ["upload", str(tmp_path / "lib"), "--state", str(state), "--no-progress"]

        def uploaded() -> int:
            try:
                return events.read_text().count('"stage":"upload","status":"uploaded"')
            except FileNotFoundError:
                return 0

        def stop_when_busy() -> None:  # once uploads are under way
            while uploaded() < 20:
                threading.Event().wait(0.01)
            # killed, not stopped: a graceful stop keeps closing connections for as long as
            # a loaded machine takes to shut down, and each such upload fails as one item
            server.kill()

        stopper = threading.Thread(target=stop_when_busy)
        stopper.start()
        code = cli_main([*args, "--events", str(events)])
        stopper.join()
        first = capsys.readouterr()
        assert code == 4, first.err
        assert "unreachable" in first.err and "Traceback" not in first.err
        assert "state saved" in first.out  # the summary says what finished
        done = sum(
            1 for line in events.read_text().splitlines() if '"stage":"upload","status"' in line
        )
        assert done < len(files)  # it stopped early instead of failing every file
        failed = sum(1 for line in events.read_text().splitlines() if '"event":"failed"' in line)
        # at most the uploads in flight (4 workers), not the rest; none when the kill
        # cut off a duplicate check (its files are interrupted, like those queued)
        assert failed <= 4

        server.start()
        code = cli_main([*args, "--json"])
        again = capsys.readouterr()
        assert code == 0, again.err
        report = json.loads(again.out)
        assert report["ok"] and report["total"] == len(files)
        assert _sorted_checksums(server.assets()) == sorted(set(files.values()))


async def test_download_from_a_server_that_stays_down_stops_early(tmp_path: Path) -> None:
    """As for uploads: once the server cannot be reached at all, an export should stop
    (interrupted, state saved) rather than fail every remaining asset one by one."""
    from immich_bulk import AsyncClient
    from immich_bulk.transfer.config import DownloadConfig
    from immich_bulk.transfer.events import ItemDone, TransferEvent

    async def no_wait(_: float) -> None:
        return None

    quick = RetryPolicy(max_attempts=3, backoff_base=0.0, sleep=no_wait)
    make_library(tmp_path / "lib", 60, seed=44, folders=1)
    with run_fake_server_subprocess(data_dir=tmp_path / "server") as server:
        seeded = run_cli(
            "upload", str(tmp_path / "lib"), "--no-state",
            env=cli_env(tmp_path, server.url, server.api_key),
        )  # fmt: skip
        assert seeded.code == 0
        server.add_fault("latency", match="downloadAsset", seconds=0.02, times=None)
        done = 0

        def stop_after_ten(event: TransferEvent) -> None:
            nonlocal done
            if isinstance(event, ItemDone) and event.status == "downloaded":
                done += 1
                if done == 10:
                    threading.Thread(target=server.stop).start()

        async with AsyncClient(server.url, api_key=server.api_key, retry=quick) as client:
            report = await client.download.export(
                tmp_path / "out",
                everything=True,
                state_path=tmp_path / "state.sqlite3",
                config=DownloadConfig(retry=quick, concurrency=4),
                on_event=stop_after_ten,
            )
    assert report.interrupted and report.failed <= 4
