"""Command contenders: the official CLI's and immich-bulk's command lines, their fresh
homes, the counts read from the CLI's output, and the measuring of a subprocess. The
official CLI is replaced by a stub executable that records what it was given."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import attrs
import pytest

from immich_bulk.bench._child import run_job
from immich_bulk.bench.commands import (
    command_env,
    find_official_cli,
    official_cli_upload_argv,
    official_cli_version,
    ours_export_argv,
    ours_upload_argv,
    parse_official_cli_output,
    run_measured,
)
from immich_bulk.bench.corpus import CorpusSpec, write_corpus
from immich_bulk.bench.jobs import Job

KEY = "bench-secret-key-123"

# A stand-in for the official CLI: records argv, env and cwd, writes into its config dir
# (as `immich login` would), and prints the summary lines the real CLI prints.
STUB = r"""#!{python}
import json, os, sys
args = sys.argv[1:]
if args == ["--version"]:
    print("2.7.5")
    sys.exit(0)
cfg = os.environ.get("IMMICH_CONFIG_DIR", "")
os.makedirs(cfg, exist_ok=True)
with open(os.path.join(cfg, "auth.yml"), "w") as fh:
    fh.write("url: x\n")
with open({record!r}, "a") as fh:
    fh.write(json.dumps({{"argv": args, "cwd": os.getcwd(), "env": dict(os.environ)}}) + "\n")
print("Crawling for assets...")
print({summary!r})
"""


def make_stub(tmp_path: Path, summary: str = "Successfully uploaded 3 new assets (15 kB)") -> Path:
    record = tmp_path / "calls.jsonl"
    path = tmp_path / "immich"
    path.write_text(STUB.format(python=sys.executable, record=str(record), summary=summary))
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def calls(tmp_path: Path) -> list[dict[str, object]]:
    lines = (tmp_path / "calls.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


def test_official_cli_argv_keeps_its_defaults_unless_told() -> None:
    cli = ["/opt/node", "/opt/immich/bin/immich"]
    assert official_cli_upload_argv(cli, "/c", concurrency=4) == [
        *cli,
        "upload",
        "--recursive",
        "--concurrency",
        "4",
        "--no-progress",
        "/c",
    ]
    defaults = official_cli_upload_argv(cli, "/c", concurrency=None, progress=True)
    assert defaults == [*cli, "upload", "--recursive", "/c"]


def test_ours_argv() -> None:
    argv = ours_upload_argv("/c", state="/s.db", concurrency=4, pause_jobs=True)
    assert argv[:3] == [sys.executable, "-m", "immich_bulk"]
    assert argv[3:] == ["upload", "/c", "--state", "/s.db", "--concurrency", "4",
                        "--pause-jobs", "--no-progress"]  # fmt: skip
    assert ours_upload_argv("/c", state=None, concurrency=None, progress=True)[3:] == [
        "upload",
        "/c",
    ]
    assert "--no-pause-jobs" in ours_upload_argv("/c", state=None, concurrency=4, pause_jobs=False)
    export = ours_export_argv("/d", album="A1", state="/s.db", concurrency=None)
    assert export[3:] == ["download", "--album", "A1", "--layout", "{filename}",
                          "--state", "/s.db", "--no-progress", "/d"]  # fmt: skip


def test_cli_output_counts() -> None:
    first = (
        "Received 1020 files (184 MB), hashing...\n"
        "Found 1020 new files and 0 duplicates\n"
        "Successfully uploaded 1000 new assets (180 MB)\n"
        "Skipped 20 duplicate assets (3.6 MB)\n"
    )
    assert parse_official_cli_output(first) == {
        "uploaded": 1000,
        "duplicate": 20,
        "failed": 0,
        "known": 0,
    }
    rerun = (
        "Found 0 new files and 1020 duplicates\nAll assets were already uploaded, nothing to do.\n"
    )
    assert parse_official_cli_output(rerun)["known"] == 1020
    failed = "Successfully uploaded 0 new assets (0 B)\nFailed to upload 4 assets:\n- a.jpg - Error"
    assert parse_official_cli_output(failed)["failed"] == 4


def test_command_env_is_a_fresh_home_with_only_our_immich_settings(tmp_path: Path) -> None:
    base = {
        "PATH": "/bin",
        "HOME": "/root",
        "IMMICH_UPLOAD_CONCURRENCY": "9",
        "IMMICH_API_KEY": "someone-elses",
        "XDG_CACHE_HOME": "/root/.cache",
    }
    env = command_env(base, tmp_path, "http://s/api", KEY)
    assert env["PATH"] == "/bin" and env["HOME"] == str(tmp_path)
    assert "IMMICH_UPLOAD_CONCURRENCY" not in env
    assert env["IMMICH_API_KEY"] == KEY and env["IMMICH_INSTANCE_URL"] == "http://s/api"
    assert env["IMMICH_CONFIG_DIR"].startswith(str(tmp_path))
    assert all(env[k].startswith(str(tmp_path)) for k in env if k.startswith("XDG_"))


def test_find_and_version_of_the_official_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub = make_stub(tmp_path)
    assert find_official_cli(f"'{sys.executable}' '{stub}'") == [sys.executable, str(stub)]
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_official_cli(None) == [str(stub)]
    assert official_cli_version([str(stub)]) == ("2.7.5", "")
    old_node = tmp_path / "old"
    old_node.write_text(
        f"#!{sys.executable}\nimport sys\n"
        "print('The Immich CLI requires Node.js >=22.0.0, but you are running v20.20.2.',"
        " file=sys.stderr)\nsys.exit(1)\n"
    )
    old_node.chmod(0o755)
    version, problem = official_cli_version([str(old_node)])
    assert version is None and "requires Node.js" in problem
    version, problem = official_cli_version([str(tmp_path / "missing")])
    assert version is None and "cannot run" in problem


def test_official_cli_contender_runs_in_a_fresh_home_with_the_key_in_its_env(
    tmp_path: Path,
) -> None:
    stub = make_stub(tmp_path)
    corpus = write_corpus(CorpusSpec(name="c", files=3, size=3000), tmp_path / "corpora")
    job = Job(
        contender="official-cli-upload",
        url="http://127.0.0.1:1/api",
        api_key=KEY,
        corpus=str(corpus.root),
        manifest=str(corpus.manifest),
        concurrency=3,
        cli=(str(stub),),
    )
    result = run_job(job)
    assert result.get("error") is None, result
    assert result["detail"]["counts"]["uploaded"] == 3
    assert result["wall_s"] > 0 and result["peak_rss_kib"] > 0
    second = run_job(job)
    assert second.get("error") is None
    first_call, second_call = calls(tmp_path)
    assert first_call["argv"] == ["upload", "--recursive", "--concurrency", "3",
                                  "--no-progress", str(corpus.root)]  # fmt: skip
    assert KEY not in json.dumps(first_call["argv"])
    env = first_call["env"]
    assert isinstance(env, dict)
    assert env["IMMICH_API_KEY"] == KEY
    assert env["IMMICH_INSTANCE_URL"] == "http://127.0.0.1:1/api"
    # every run its own home, gone afterwards (with the auth file the CLI wrote there)
    second_env = second_call["env"]
    assert isinstance(second_env, dict)
    assert env["HOME"] != second_env["HOME"]
    assert env["IMMICH_CONFIG_DIR"].startswith(env["HOME"])
    assert first_call["cwd"] == env["HOME"]
    assert not os.path.exists(env["HOME"])

    defaults = run_job(attrs.evolve(job, defaults=True))
    assert defaults.get("error") is None
    assert calls(tmp_path)[-1]["argv"] == ["upload", "--recursive", str(corpus.root)]


def test_a_cli_run_with_failed_uploads_is_an_error_even_with_exit_code_0(
    tmp_path: Path,
) -> None:
    stub = make_stub(tmp_path, summary="Failed to upload 3 assets:")
    job = Job(contender="official-cli-upload", api_key=KEY, corpus="/c", cli=(str(stub),))
    result = run_job(job)
    assert "failed uploads" in result["error"]
    assert KEY not in result["error"]


def test_a_command_that_exits_non_zero_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.write_text(f"#!{sys.executable}\nimport sys\nprint('boom', file=sys.stderr)\nsys.exit(3)\n")
    bad.chmod(0o755)
    result = run_job(Job(contender="official-cli-upload", corpus="/c", cli=(str(bad),)))
    assert "exit code 3" in result["error"] and "boom" in result["error"]


def test_run_measured_reports_the_process(tmp_path: Path) -> None:
    result = run_measured(
        [sys.executable, "-c", "import sys; b = bytearray(30 * 2**20); print('ok')"],
        env=dict(os.environ),
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok"
    assert result.wall_s > 0 and result.cpu_s >= 0
    assert result.peak_rss_kib > 0
