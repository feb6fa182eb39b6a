"""The harness end to end on tiny corpora (a few seconds; nothing about speed is asserted)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import anyio
import pytest

from immich_bulk.bench import SuiteOptions, TuneOptions, run_suite
from immich_bulk.bench.cli import main
from immich_bulk.testing import run_fake_server_in_thread

pytestmark = pytest.mark.slow


def test_quick_run_against_the_default_fake(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(
        [
            "--quick",
            "--scenarios",
            "upload-small,hash-small",
            "--no-immichpy",
            "--no-plots",
            "--out",
            str(out),
            "--work-dir",
            str(tmp_path / "work"),
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert "| scenario | ours | baseline |" in printed
    data = json.loads((out / "results.json").read_text())
    kinds = {(c["scenario"], c["baseline"]["contender"]) for c in data["comparisons"]}
    assert ("upload-small", "bare httpx") in kinds
    assert any(s == "hash-small" for s, _ in kinds)
    for scenario in data["scenarios"]:
        for runs in scenario["runs"].values():
            assert all(r["error"] is None for r in runs)
    assert (out / "results.md").exists()
    assert not list((tmp_path / "work").iterdir())  # corpora removed


def test_a_real_server_keeps_its_own_assets(tmp_path: Path) -> None:
    """Against a server given by URL (here a fake in a thread): the benchmark uploads into
    its own album and, at the end, leaves exactly what was there before."""
    with run_fake_server_in_thread() as server:
        fake = server.fake
        mine = fake.add_asset(None, b"\xff\xd8 the user's own photo \xff\xd9", "mine.jpg")
        before = {a.id for a in fake.assets()}
        albums_before = {a.id for a in fake.albums()}
        options = SuiteOptions(
            url=server.url,
            api_key=server.api_key,
            scenarios=("upload-small",),
            quick=True,
            immichpy=False,
            out_dir=None,
            work_dir=tmp_path,
            log=lambda message: None,
        )
        tune = TuneOptions(
            files=4, size=3000, concurrency=(1, 2), hash_workers=(1,), check_batch_size=(), reps=1
        )
        result = anyio.run(lambda: run_suite(options, tune_options=tune))
        assert result.scenarios[0].comparisons, result.scenarios[0].notes
        assert result.tuning is not None
        assert set(result.tuning.recommendations) == {"concurrency", "hash_workers"}
        assert "UploadConfig(concurrency=" in result.tuning.to_markdown()
        assert {a.id for a in fake.assets()} == before
        assert fake.asset(mine.id) is not None
        assert {a.id for a in fake.albums()} == albums_before


def test_a_stopped_benchmark_still_cleans_up(tmp_path: Path) -> None:
    """SIGTERM (or Ctrl-C) in the middle of a run against a server: exit 130, and the
    server holds nothing of the benchmark (no asset, no album), nor does the disk."""
    with run_fake_server_in_thread() as server:
        fake = server.fake
        cmd = [
            sys.executable,
            "-m",
            "immich_bulk.bench",
            "--url",
            server.url,
            "--quick",
            "--scenarios",
            "upload-small",
            "--no-immichpy",
            "--repeat",
            "50",
            "--out",
            str(tmp_path / "out"),
            "--work-dir",
            str(tmp_path / "work"),
        ]
        env = {**os.environ, "IMMICH_API_KEY": server.api_key}
        proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env)
        assert proc.stderr is not None
        for line in proc.stderr:  # wait until uploads are under way
            if b"repetition 2/" in line:
                break
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 130, err.decode()
        assert fake.assets() == []
        assert fake.albums() == []
        assert not list((tmp_path / "work").iterdir())


def test_a_cli_that_reports_uploads_it_did_not_make_is_not_counted(tmp_path: Path) -> None:
    """The real-server table's contenders against the fake: a client is judged by what
    the server holds after its run, not by what it prints (the stub CLI claims success
    and uploads nothing)."""
    stub = tmp_path / "immich"
    stub.write_text(
        f"#!{sys.executable}\nimport sys\n"
        "if sys.argv[1:] == ['--version']:\n    print('2.7.5'); sys.exit(0)\n"
        "print('Successfully uploaded 20 new assets (400 kB)')\n"
    )
    stub.chmod(0o755)
    options = SuiteOptions(
        scenarios=("upload-defaults",),
        quick=True,
        immichpy=False,
        official_cli_command=str(stub),
        out_dir=None,
        work_dir=tmp_path / "work",
        log=lambda message: None,
    )
    result = anyio.run(run_suite, options)
    assert result.environment["versions"]["official_cli"] == "2.7.5"
    scenario = result.scenarios[0]
    ours = scenario.runs["ours (command, defaults)"]
    theirs = scenario.runs["official CLI 2.7.5 (defaults)"]
    assert [r.error for r in ours] == [None]
    assert theirs[0].error is not None and "the server holds 0 of" in theirs[0].error
    assert not scenario.comparisons
    assert any("no valid runs" in note for note in scenario.notes)


def test_immich_bulk_bench_reads_the_key_from_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``immich-bulk bench --url URL --key-file FILE``: no login, no key on the command
    line; the key never shows in the report."""
    from immich_bulk.cli import main as cli_main

    monkeypatch.delenv("IMMICH_API_KEY", raising=False)
    monkeypatch.setenv("IMMICH_BULK_CONFIG_DIR", str(tmp_path / "no-login"))
    with run_fake_server_in_thread() as server:
        key_file = tmp_path / "key.txt"
        key_file.write_text(server.api_key + "\n")
        code = cli_main(
            [
                "bench",
                "--url",
                server.url,
                "--key-file",
                str(key_file),
                "--quick",
                "--scenarios",
                "hash-small",
                "--no-immichpy",
                "--no-plots",
                "--out",
                str(tmp_path / "out"),
                "--work-dir",
                str(tmp_path / "work"),
            ]
        )
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "- target: Immich server at http://127.0.0.1:" in printed
    assert server.api_key not in printed
