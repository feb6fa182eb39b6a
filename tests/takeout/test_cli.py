"""``immich-bulk takeout`` as a user runs it (a child process against the fake server):
the plan of a dry run, the import and its re-run, a bad part named before anything is read."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Cli, cli, server

from .small import build_small_takeout

__all__ = ["cli", "server"]  # the command's fixtures


def test_dry_run_prints_the_plan_then_the_import_and_its_rerun(cli: Cli, tmp_path: Path) -> None:
    small = build_small_takeout(tmp_path / "parts")
    parts = [str(p) for p in small.inputs]
    state = str(tmp_path / "state.db")
    plan = cli.run("takeout", *parts, "--state", state, "--dry-run")
    assert plan.code == 0, plan.stderr
    assert "Albums to create: 5" in plan.stdout
    assert "orphan-json:" in plan.stdout and "gone.jpg.json" in plan.stdout
    assert "would-upload" in plan.stdout
    done = cli.run("takeout", *parts, "--state", state, "--json")
    assert done.code == 0, done.stderr
    report = done.json()
    assert report["counts"]["uploaded"] == len(small.photos) + 1  # and the locked one
    again = cli.run("takeout", *parts, "--state", state)
    assert again.code == 0, again.stderr
    assert "uploaded" not in again.stdout.split(":", 1)[1].split(";")[0]


def test_a_part_that_is_not_a_takeout_is_named_before_anything_is_read(
    cli: Cli, tmp_path: Path
) -> None:
    small = build_small_takeout(tmp_path / "parts")
    bad = tmp_path / "notes.zip"
    bad.write_bytes(b"not a zip at all")
    result = cli.run("takeout", *map(str, small.inputs), str(bad), "--state", str(tmp_path / "s"))
    assert result.code != 0
    assert "notes.zip" in result.stderr and "Traceback" not in result.stderr
    missing = cli.run("takeout", str(tmp_path / "nowhere.zip"), "--state", str(tmp_path / "s"))
    assert missing.code != 0 and "nowhere.zip" in missing.stderr


def test_max_failures_stops_the_import_after_that_many_failed_tries(
    cli: Cli, tmp_path: Path
) -> None:
    """``--max-failures`` reaches the import: a server failing every upload stops the run
    after N failed tries in a row (the common flags are the upload's)."""
    small = build_small_takeout(tmp_path / "parts")
    key = cli.server.create_user("max-failures@example.com")["apiKey"]  # has none of them
    cli.server.add_fault("error", match="uploadAsset", status=503, times=None)
    cli.server.reset_counters()
    result = cli.run(
        "takeout", *map(str, small.inputs), "--state", str(tmp_path / "state.db"),
        "--concurrency", "1", "--max-failures", "2", "--json",
        env={"IMMICH_API_KEY": key},
    )  # fmt: skip
    report = result.json()
    assert report["stopped"] == "unresponsive", result.stderr
    assert cli.server.counters()["requests"].get("uploadAsset", 0) == 2


def test_concurrency_must_be_a_number(cli: Cli, tmp_path: Path) -> None:
    small = build_small_takeout(tmp_path / "parts")
    result = cli.run("takeout", *map(str, small.inputs), "--no-state", "--concurrency", "auto")
    assert result.code != 0
    assert "--concurrency must be a number, not 'auto'" in result.stderr
