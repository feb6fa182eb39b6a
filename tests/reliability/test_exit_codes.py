"""The command's exit code says what happened, as the README's table promises, and the
summary is printed whenever work was done: a key without a permission (or revoked
mid-run) stops at the first refusal with 3; a full disk stops a download with 5, said even
without progress output; a state file that cannot be written keeps the summary (5); a
redirect to another origin, a search the server refuses and a login that cannot be saved
are configuration errors (2)."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from immich_bulk import RetryPolicy
from immich_bulk.cli import main as cli_main
from immich_bulk.models import Permission
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.config import UploadConfig
from immich_bulk.transfer.events import TransferEvent
from immich_bulk.transfer.state import StateStore
from immich_bulk.transfer.upload.engine import Uploader
from tests.reliability.conftest import User
from tests.reliability.helpers import Recorder, app_in_thread, cli_env, make_library, run_cli
from tests.reliability.test_hostile_server import Hostile, _redirect

GUARD = 120


def limited_key(server: Any, user: User, *, without: set[str]) -> str:
    """A new API key of *user* holding every permission but those in *without*."""
    permissions = [p.value for p in Permission if p.value != "all" and p.value not in without]
    answer = httpx.post(
        f"{server.url}/api-keys",
        headers={"x-api-key": user.key},
        json={"name": "limited", "permissions": permissions},
        timeout=30,
    )
    answer.raise_for_status()
    secret: str = answer.json()["secret"]
    return secret


def requests_to(server: Any, operation: str) -> int:
    return int(server.counters()["requests"].get(operation, 0))


# ---------------------------------------------------------------------- permissions


@pytest.mark.parametrize("skip_hash", [False, True], ids=["checked", "skip-hash"])
def test_a_key_without_the_upload_permission_stops_at_the_first_refusal(
    skip_hash: bool, tmp_path: Path, server: Any, user: User
) -> None:
    """It used to fail every file after its retries and exit 1. Now the first 403 stops
    the run: exit code 3, one line naming the missing permission, and the server was
    asked once (the duplicate check) -- or, without hashing, by the uploads in flight."""
    make_library(tmp_path / "lib", 40, seed=91)
    key = limited_key(server, user, without={"asset.upload"})
    server.reset_counters()
    args = ["upload", str(tmp_path / "lib"), "--no-state", "--no-progress"]
    result = run_cli(
        *args, *(["--skip-hash"] if skip_hash else []), env=cli_env(tmp_path, server.url, key)
    )
    assert result.code == 3, result
    assert "Traceback" not in result.stderr
    assert "stopped: the server refuses this API key" in result.stderr
    assert "asset.upload" in result.stderr
    assert "STOPPED (refused" in result.stdout  # the summary
    if skip_hash:
        assert 1 <= requests_to(server, "uploadAsset") <= 4  # the uploads in flight
    else:
        assert requests_to(server, "checkBulkUpload") == 1
        assert requests_to(server, "uploadAsset") == 0


def test_a_key_without_the_download_permission_stops_at_the_first_refusal(
    tmp_path: Path, server: Any, user: User
) -> None:
    make_library(tmp_path / "lib", 20, seed=92)
    uploaded = run_cli(
        "upload", str(tmp_path / "lib"), "--no-state", "--no-progress",
        env=cli_env(tmp_path, server.url, user.key),
    )  # fmt: skip
    assert uploaded.code == 0, uploaded
    key = limited_key(server, user, without={"asset.download"})
    server.reset_counters()
    result = run_cli(
        "download", str(tmp_path / "out"), "--all", "--no-state", "--no-progress",
        env=cli_env(tmp_path, server.url, key),
    )  # fmt: skip
    assert result.code == 3, result
    assert "asset.download" in result.stderr and "Traceback" not in result.stderr
    assert 1 <= requests_to(server, "downloadAsset") <= 4  # the downloads in flight


async def test_a_key_revoked_mid_run_stops_the_run(tmp_path: Path) -> None:
    """The key is deleted on the server after five uploads: the next request is refused
    (401) and the run stops there, resumable, instead of failing every remaining file."""
    make_library(tmp_path / "lib", 40, seed=93)

    async def no_wait(_: float) -> None:
        return None

    config = UploadConfig(retry=RetryPolicy(backoff_base=0.0, sleep=no_wait), concurrency=2)
    async with FakeImmich() as fake:
        secret = fake.create_api_key(fake.create_user("r@example.com"))
        uploads = 0

        def revoke_after_five(event: TransferEvent) -> None:
            nonlocal uploads
            if getattr(event, "status", None) == "uploaded":
                uploads += 1
                if uploads == 5:
                    fake.state.delete_api_key(fake.state.api_keys_by_secret[secret])

        async with fake.client(api_key=secret) as client, StateStore.open(None) as store:
            uploader = Uploader(client, tmp_path / "lib", config=config, store=store)
            uploader.hub.add_listener(revoke_after_five)
            with anyio.fail_after(GUARD):
                report = await uploader.run()
        assert report.stopped == "refused" and report.interrupted
        assert report.count("uploaded") >= 5
        # refused: the requests in flight (uploads, one duplicate check), not every file
        counters = fake.counters
        refused = counters.requests_to("uploadAsset", 401) + counters.requests_to(
            "checkBulkUpload", 401
        )
        assert 1 <= refused <= config.concurrency + 1
        assert report.count("failed") < 40 - 5


# ---------------------------------------------------------------------- configuration


def test_a_redirect_to_another_origin_is_a_configuration_error_naming_the_port(
    tmp_path: Path,
) -> None:
    other = Recorder()
    with app_in_thread(other) as elsewhere:
        fake = FakeImmich()
        try:
            there = elsewhere.replace("127.0.0.1", "localhost")
            routes = {"GET /api/users/me": _redirect(f"{there}/api/users/me")}
            with app_in_thread(Hostile(fake.app, routes)) as url:
                result = run_cli("server-info", env=cli_env(tmp_path, url + "/api", fake.api_key))
        finally:
            fake.close()
    port = there.rsplit(":", 1)[1]
    assert result.code == 2, result
    assert f"http://localhost:{port}" in result.stderr and "Traceback" not in result.stderr


def test_a_search_the_server_refuses_is_a_usage_error(
    tmp_path: Path, server: Any, user: User
) -> None:
    server.add_fault("error", match="searchAssets", status=400, message="size must be <= 1000")
    result = run_cli(
        "download", str(tmp_path / "out"), "--search", '{"isFavorite": true}', "--no-state",
        env=cli_env(tmp_path, server.url, user.key),
    )  # fmt: skip
    assert result.code == 2, result
    assert "the server refused --search" in result.stderr and "Traceback" not in result.stderr


def test_a_login_that_cannot_be_saved_is_a_configuration_error(
    tmp_path: Path, server: Any, user: User
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    env = cli_env(tmp_path, "", "", IMMICH_BULK_CONFIG_DIR=str(blocker / "immich-bulk"))
    result = run_cli("login", server.url, user.key, env=env)
    assert result.code == 2, result
    assert "cannot save the login" in result.stderr and "Traceback" not in result.stderr
    assert user.key not in result.stderr


# ---------------------------------------------------------------------- local disk


def _fail_writes_under(
    monkeypatch: pytest.MonkeyPatch, root: Path, *, after_bytes: int
) -> Callable[[], int]:
    """Make writes to files below *root* fail with ENOSPC once *after_bytes* were
    written there (a disk filling up); returns a counter of the refused writes."""
    written = 0
    refused = 0
    real_write, real_writev = os.write, os.writev

    def below(fd: int) -> bool:
        try:
            return os.readlink(f"/proc/self/fd/{fd}").startswith(str(root))
        except OSError:
            return False

    def charge(fd: int, size: int) -> None:
        nonlocal written, refused
        if below(fd):
            if written + size > after_bytes:
                refused += 1
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            written += size

    def write(fd: int, data: Any) -> int:
        charge(fd, len(data))
        return real_write(fd, data)

    def writev(fd: int, buffers: Any) -> int:
        buffers = list(buffers)
        charge(fd, sum(len(b) for b in buffers))
        return real_writev(fd, buffers)

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "writev", writev)
    return lambda: refused


def test_a_full_disk_stops_a_download_with_exit_5_and_says_so_without_progress(
    tmp_path: Path,
    server: Any,
    user: User,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """It used to exit 130 ("interrupted"), and with ``--no-progress`` the "disk is full"
    notice was never shown. (In-process, so that writes below DEST can be made to fail.)"""
    make_library(tmp_path / "lib", 30, seed=94)
    for name, value in cli_env(tmp_path, server.url, user.key).items():
        monkeypatch.setenv(name, value)
    assert cli_main(["upload", str(tmp_path / "lib"), "--no-state", "--no-progress"]) == 0
    capsys.readouterr()
    dest = tmp_path / "out"
    refused = _fail_writes_under(monkeypatch, dest, after_bytes=60_000)
    code = cli_main(["download", str(dest), "--all", "--no-progress"])
    out, err = capsys.readouterr()
    assert refused() >= 1
    assert code == 5, (out, err)
    assert "disk is full" in out and "disk is full" in err  # the summary, and one line
    assert "STOPPED (disk-full" in out and "Traceback" not in err


def test_a_state_file_that_cannot_be_written_keeps_the_summary(
    tmp_path: Path,
    server: Any,
    user: User,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The state file's disk fills mid-run: every upload still succeeds, the summary is
    printed with a note, and the exit code is 5 (a local write failed) -- not 2 with no
    summary. (The state store's writes are made to fail as SQLite fails on a full disk.)"""
    from immich_bulk.transfer.state import db as state_db

    files = make_library(tmp_path / "lib", 40, seed=95)
    for name, value in cli_env(tmp_path, server.url, user.key).items():
        monkeypatch.setenv(name, value)
    real_write = state_db.Connection.write
    calls = 0

    def write(self: Any, ops: Any) -> None:
        nonlocal calls
        calls += 1
        if calls > 2:  # the first flushes go through, then the disk is full
            raise sqlite3.OperationalError("database or disk is full")
        real_write(self, ops)

    monkeypatch.setattr(state_db.Connection, "write", write)
    state = tmp_path / "state.db"
    code = cli_main(["upload", str(tmp_path / "lib"), "--state", str(state), "--no-progress"])
    out, err = capsys.readouterr()
    assert calls > 2
    assert code == 5, (out, err)
    assert f"{len(files)} uploaded" in out
    assert "the state file could not be written" in out and "Traceback" not in err
    monkeypatch.setattr(state_db.Connection, "write", real_write)
    again = cli_main(["upload", str(tmp_path / "lib"), "--state", str(state), "--json"])
    assert again == 0  # the next run checks with the server: nothing uploaded twice
    assert len(server.assets(user.email)) == len(files)
