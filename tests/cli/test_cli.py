"""The immich-bulk command end to end: a real process against a real (fake) server."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import stat
import time
from itertools import count
from pathlib import Path

import httpx

from immich_bulk.samples import jpeg_bytes, write_sample_library
from immich_bulk.transfer.server.jobs import AUTO_PAUSE_MIN_FILES, INGEST_QUEUES
from tests.cli.conftest import Cli

_seeds = count(1000)


def library(root: Path, photos: int, **kw: object) -> Path:
    return write_sample_library(root, photos=photos, seed=next(_seeds), **kw).root  # type: ignore[arg-type]


def test_upload_prints_a_summary_and_reruns_instantly(cli: Cli, tmp_path: Path) -> None:
    lib = library(tmp_path / "lib", 25)
    first = cli.run("upload", str(lib), "--album-from-folder", "--state", str(tmp_path / "s.db"))
    assert first.code == 0, first.stderr
    assert "25 uploaded" in first.stdout and "1 duplicate" in first.stdout
    assert "1 skipped" in first.stdout  # README.txt
    second = cli.run("upload", str(lib), "--state", str(tmp_path / "s.db"), "--json")
    assert second.code == 0
    report = second.json()
    assert report["counts"] == {"duplicate": 26, "skipped": 1}
    assert report["total"] == len(report["outcomes"]) == 27
    assert all(o["status"] in ("duplicate", "skipped") for o in report["outcomes"])
    assert report["hash"]["files_hashed"] == 0  # nothing hashed twice


def test_json_lists_every_file_with_its_outcome(cli: Cli, tmp_path: Path) -> None:
    lib = library(tmp_path / "lib", 5)
    result = cli.run("upload", str(lib), "--no-state", "--json", "--album", "J")
    assert result.code == 0
    report = result.json()
    items = {Path(o["item"]).name: o for o in report["outcomes"]}
    assert items["README.txt"]["status"] == "skipped"
    uploaded = [o for o in report["outcomes"] if o["status"] == "uploaded"]
    assert len(uploaded) == 5
    for outcome in uploaded:
        assert len(outcome["checksum"]) == 40 and outcome["asset_id"]
        assert outcome["albums"] == ["J"]
    assert result.stderr.count("\n") < 5  # stdout has the results, stderr is nearly quiet


def test_events_file_is_ndjson(cli: Cli, tmp_path: Path) -> None:
    lib = library(tmp_path / "lib", 4, extras=False)
    events = tmp_path / "events.ndjson"
    result = cli.run("upload", str(lib), "--no-state", "--events", str(events))
    assert result.code == 0
    lines = [json.loads(line) for line in events.read_text().splitlines()]
    kinds = [e["event"] for e in lines]
    assert kinds.count("queued") == 4 and "stage-done" in kinds
    done = [e for e in lines if e["event"] == "done" and e["stage"] == "upload"]
    assert len(done) == 4 and all(e["status"] == "uploaded" for e in done)


def test_events_to_stdout_end_with_the_report(cli: Cli, tmp_path: Path) -> None:
    lib = library(tmp_path / "lib", 3, extras=False)
    result = cli.run("upload", str(lib), "--no-state", "--events", "-")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[-1]["event"] == "report" and lines[-1]["counts"] == {"uploaded": 3}


def test_exit_code_1_when_some_files_fail(cli: Cli, tmp_path: Path) -> None:
    lib = library(tmp_path / "lib", 6, extras=False)
    cli.server.add_fault("error", match="uploadAsset", status=400, times=2, message="bad file")
    result = cli.run("upload", str(lib), "--no-state")
    assert result.code == 1
    assert "failed (2)" in result.stdout and "bad file" in result.stdout
    assert "4 uploaded" in result.stdout


def test_files_from_reruns_exactly_the_failures_of_a_json_report(cli: Cli, tmp_path: Path) -> None:
    lib = library(tmp_path / "lib", 6, extras=False)
    cli.server.add_fault("error", match="uploadAsset", status=400, times=2, message="bad file")
    first = cli.run("upload", str(lib), "--no-state", "--json")
    assert first.code == 1
    failed = sorted(o["item"] for o in first.json()["outcomes"] if o["status"] == "failed")
    assert len(failed) == 2
    listing = tmp_path / "failed.txt"
    listing.write_text("\n".join(failed) + "\n\n")  # blank lines are ignored
    again = cli.run("upload", "--files-from", str(listing), "--no-state", "--json")
    assert again.code == 0, again.stderr
    report = again.json()
    assert sorted(o["item"] for o in report["outcomes"]) == failed  # only those, not the folder
    assert report["counts"] == {"uploaded": 2}
    # the same list on stdin: both are on the server now
    piped = cli.run(
        "upload", "--files-from", "-", "--no-state", "--json", stdin=listing.read_text()
    )
    assert piped.code == 0 and piped.json()["counts"] == {"duplicate": 2}


def test_files_from_nul_separated_takes_any_name_and_reports_missing_ones(
    cli: Cli, tmp_path: Path
) -> None:
    lib = library(tmp_path / "lib", 2, extras=False)
    odd = tmp_path / "odd"
    odd.mkdir()
    names = [b"new\nline.jpg", b" spaced .jpg", b"caf\xe9.jpg"]  # the last is not UTF-8
    for seed, name in enumerate(names, start=next(_seeds)):
        (Path(os.fsdecode(os.fsencode(odd) + b"/" + name))).write_bytes(
            jpeg_bytes(seed, dt.datetime(2021, 5, 1, tzinfo=dt.timezone.utc))
        )
    entries = [os.fsencode(odd) + b"/" + name for name in names]
    entries += [os.fsencode(lib), os.fsencode(tmp_path / "gone.jpg")]
    listing = tmp_path / "list.bin"
    listing.write_bytes(b"\0".join(entries) + b"\0")
    result = cli.run("upload", "--files-from", str(listing), "-0", "--no-state", "--json")
    assert result.code == 1  # the missing file is a failure, the rest goes up
    report = result.json()
    assert report["counts"] == {"uploaded": 5, "failed": 1}
    (missing,) = [o for o in report["outcomes"] if o["status"] == "failed"]
    assert missing["item"].endswith("gone.jpg") and "does not exist" in missing["reason"]
    # misuse is a usage error, never a traceback
    for args, message in (
        (("--files-from", str(tmp_path / "nope.txt")), "cannot read --files-from"),
        (("--files-from", str(tmp_path / "empty.txt")), "lists no paths"),
        ((str(lib), "-0"), "--null only applies to --files-from"),
        ((), "nothing to upload"),
    ):
        (tmp_path / "empty.txt").write_text("\n")
        bad = cli.run("upload", *args, "--no-state")
        assert bad.code == 2 and message in bad.stderr, (args, bad.stderr)
        assert "Traceback" not in bad.stderr


def test_exit_codes_for_user_errors(cli: Cli, tmp_path: Path) -> None:
    missing = cli.run("upload", str(tmp_path / "nope"))
    assert missing.code == 2 and "no such file or folder" in missing.stderr
    assert "Traceback" not in missing.stderr
    bad_option = cli.run("upload", str(tmp_path), "--concurrency", "0")
    assert bad_option.code == 2 and "--concurrency must be between 1 and 64" in bad_option.stderr
    usage = cli.run("upload")
    assert usage.code == 2 and "nothing to upload" in usage.stderr
    no_config = cli.run(
        "upload", str(tmp_path), env={"IMMICH_INSTANCE_URL": "", "IMMICH_API_KEY": ""}
    )
    assert no_config.code == 2 and "no server URL" in no_config.stderr
    wrong_key = cli.run("upload", str(tmp_path), env={"IMMICH_API_KEY": "wrong"})
    assert wrong_key.code == 3 and "Invalid API key" in wrong_key.stderr
    unreachable = cli.run(
        "upload", str(tmp_path), env={"IMMICH_INSTANCE_URL": "http://127.0.0.1:9"}
    )
    assert unreachable.code == 4 and "cannot reach" in unreachable.stderr
    not_immich = cli.run(
        "upload", str(tmp_path), env={"IMMICH_INSTANCE_URL": cli.server.url + "/not-immich"}
    )
    assert not_immich.code == 2 and "does not look like an Immich server" in not_immich.stderr
    for result in (missing, no_config, wrong_key, unreachable, not_immich):
        assert "Traceback" not in result.stderr
        assert cli.server.api_key not in result.stderr + result.stdout


def test_progress_lines_when_not_a_terminal(cli: Cli, tmp_path: Path) -> None:
    lib = library(tmp_path / "lib", 30, extras=False)
    cli.server.add_fault("latency", match="uploadAsset", seconds=0.05, times=None)
    result = cli.run(
        "upload",
        str(lib),
        "--no-state",
        "--concurrency",
        "1",
        env={"IMMICH_BULK_PROGRESS_INTERVAL": "0.3"},
    )
    assert result.code == 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("[upload")]
    assert len(lines) >= 2, result.stderr
    assert "uploading" in lines[-1] and "files" in lines[-1]
    quiet = cli.run("upload", str(lib), "--no-state", "--no-progress")
    assert quiet.stderr == ""


def test_ctrl_c_stops_cleanly_and_a_rerun_completes(cli: Cli, tmp_path: Path) -> None:
    lib = library(tmp_path / "lib", 40, extras=False)
    state = tmp_path / "state.db"
    events = tmp_path / "events.ndjson"
    cli.server.add_fault("latency", match="uploadAsset", seconds=0.1, times=None)
    process = cli.start(
        "upload", str(lib), "--state", str(state), "--concurrency", "1", "--events", str(events)
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        text = events.read_text() if events.exists() else ""
        done = text.count('"stage":"upload","status":"uploaded"')
        if done >= 5:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stdout and "resume" in stdout
    cli.server.clear_faults()
    again = cli.run("upload", str(lib), "--state", str(state), "--json")
    assert again.code == 0
    counts = again.json()["counts"]
    assert counts.get("uploaded", 0) + counts.get("duplicate", 0) == 40
    assert counts.get("uploaded", 0) < 40  # what finished before Ctrl-C was not sent again
    names = {a["originalFileName"] for a in cli.server.assets()}
    assert {p.name for p in lib.rglob("*.jpg")} <= names


def test_login_saves_a_private_config_and_logout_removes_it(cli: Cli, tmp_path: Path) -> None:
    env = {"IMMICH_INSTANCE_URL": "", "IMMICH_API_KEY": ""}
    login = cli.run("login", cli.server.url, cli.server.api_key, env=env)
    assert login.code == 0 and "logged in" in login.stdout
    config = tmp_path / "config" / "auth.json"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert stat.S_IMODE(config.parent.stat().st_mode) == 0o700
    info = cli.run("server-info", "--json", env=env)
    assert info.code == 0 and info.json()["serverVersion"] == "v2.7.5"
    assert cli.server.api_key not in login.stdout + info.stdout
    assert cli.run("logout").stdout.strip() == "logged out"
    assert not config.exists()
    bad = cli.run("login", cli.server.url, "wrong", env=env)
    assert bad.code == 3 and not config.exists()


def test_server_info(cli: Cli) -> None:
    result = cli.run("server-info")
    assert result.code == 0
    assert "v2.7.5" in result.stdout and ".jpg" in result.stdout and "compatib" in result.stdout
    data = cli.run("server-info", "--json").json()
    assert ".xmp" in data["mediaTypes"]["sidecar"] and data["user"]["isAdmin"] is True


def test_python_dash_m_and_version(cli: Cli) -> None:
    result = cli.run("--version")
    assert result.code == 0 and result.stdout.startswith("immich-bulk ")
    helped = cli.run("--help")
    assert "upload" in helped.stdout and "Exit codes" in helped.stdout


def test_fake_server_command_serves(tmp_path: Path) -> None:
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "immich_bulk", "fake-server", "--port", "0", "--print-url"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    try:
        assert process.stdout is not None
        info = json.loads(process.stdout.readline())
        import httpx

        assert httpx.get(info["url"] + "/server/ping").json() == {"res": "pong"}
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
    assert process.returncode == 0


def test_download_exports_and_reruns_download_nothing(cli: Cli, tmp_path: Path) -> None:
    lib = library(tmp_path / "lib", 8, extras=False)
    assert cli.run("upload", str(lib), "--album", "Dl", "--no-state").code == 0
    state = str(tmp_path / "dl.db")
    out = tmp_path / "out"
    first = cli.run("download", str(out), "--album", "Dl", "--layout", "{album}/{filename}",
                    "--state", state, "--json")  # fmt: skip
    assert first.code == 0, first.stderr
    assert first.json()["counts"] == {"downloaded": 8}
    assert sorted(p.name for p in (out / "Dl").iterdir()) == sorted(
        p.name for p in lib.rglob("*.jpg")
    )
    again = cli.run("download", str(out), "--album", "Dl", "--layout", "{album}/{filename}",
                    "--state", state, "--json")  # fmt: skip
    assert again.code == 0 and again.json()["counts"] == {"present": 8}


def test_download_user_errors(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    not_a_folder = cli.run("download", str(tmp_path / "file"), "--all")
    assert not_a_folder.code == 2 and "not a folder" in not_a_folder.stderr
    bad_search = cli.run("download", str(tmp_path / "o"), "--search", "{nope")
    assert bad_search.code == 2 and "not valid JSON" in bad_search.stderr
    no_album = cli.run("download", str(tmp_path / "o"), "--album", "No Such Album")
    assert no_album.code == 2 and "No Such Album" in no_album.stderr
    assert "Traceback" not in not_a_folder.stderr + bad_search.stderr + no_album.stderr
    missing_choice = cli.run("download", str(tmp_path / "o"))
    assert missing_choice.code == 2


def test_login_takes_the_key_from_the_environment_or_after_a_double_dash(
    cli: Cli, tmp_path: Path
) -> None:
    from_env = cli.run("login", cli.server.url, env={"IMMICH_INSTANCE_URL": ""})
    assert from_env.code == 0 and "logged in" in from_env.stdout
    dashed = cli.run("login", "--", cli.server.url, cli.server.api_key)
    assert dashed.code == 0
    missing = cli.run("login", cli.server.url, env={"IMMICH_API_KEY": ""}, stdin="")
    assert missing.code == 2 and "no API key" in missing.stderr


def test_upload_visibility_hidden_and_its_refusals(cli: Cli, tmp_path: Path) -> None:
    lib = library(tmp_path / "lib", 2, extras=False)
    hidden = cli.run("upload", str(lib), "--no-state", "--visibility", "hidden", "--json")
    assert hidden.code == 0, hidden.stderr
    ids = [o["asset_id"] for o in hidden.json()["outcomes"] if o["status"] == "uploaded"]
    key = {"x-api-key": cli.server.api_key}
    seen = {
        httpx.get(f"{cli.server.url}/assets/{i}", headers=key).json()["visibility"] for i in ids
    }
    assert len(ids) == 2 and seen == {"hidden"}
    clash = cli.run("upload", str(lib), "--visibility", "locked", "--album", "A")
    assert clash.code == 2 and "locked assets cannot be put in albums" in clash.stderr
    both = cli.run("upload", str(lib), "--visibility", "hidden", "--archive")
    assert both.code == 2 and "--archive contradicts --visibility hidden" in both.stderr


def test_upload_pauses_job_queues_by_default_and_says_so(cli: Cli, tmp_path: Path) -> None:
    """An admin key and a few dozen files to send: paused, said on stderr, resumed;
    ``--no-pause-jobs`` keeps the queues running."""
    lib = library(tmp_path / "lib", AUTO_PAUSE_MIN_FILES + 4, extras=False)
    first = cli.run("upload", str(lib), "--no-state")
    assert first.code == 0, first.stderr
    assert "paused the server's job queues while uploading" in first.stderr
    assert "--no-pause-jobs keeps them running" in first.stderr
    assert "resumed job queues: " + ", ".join(INGEST_QUEUES) in first.stderr
    jobs = cli.run("jobs", "--json")
    assert jobs.code == 0 and not any(q["paused"] for q in jobs.json()["queues"].values())
    other = library(tmp_path / "other", AUTO_PAUSE_MIN_FILES + 4, extras=False)
    unpaused = cli.run("upload", str(other), "--no-state", "--no-pause-jobs")
    assert unpaused.code == 0, unpaused.stderr
    assert "uploaded" in unpaused.stdout and "paused" not in unpaused.stderr
    both = cli.run("upload", str(other), "--pause-jobs", "--no-pause-jobs")
    assert both.code == 2 and "not allowed with argument" in both.stderr
