"""On the real server: a key without a permission the work needs -- or revoked mid-run --
stops the command at the first refusal with exit code 3 (not a failure per file and 1),
and a large upload's wait for the answer is not mistaken for a stall."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path

import anyio
import pytest

from immich_bulk import AsyncClient, Timeouts
from immich_bulk.models import APIKeyCreateDto, LoginCredentialDto, MetadataSearchDto, Permission
from immich_bulk.samples import jpeg_bytes

from .real import RealUser, all_assets, run_cli

WHEN = dt.datetime(2022, 3, 4, 5, 6, 7)


async def _session(user: RealUser) -> AsyncClient:
    async with AsyncClient(user.server.url) as anonymous:
        login = await anonymous.authentication.login(
            LoginCredentialDto(email=user.email, password=user.password)
        )
    return AsyncClient(user.server.url, access_token=login.access_token)


async def limited_key(user: RealUser, *, without: set[str]) -> tuple[str, str]:
    """(id, secret) of a new API key of *user* with every permission but *without*."""
    permissions = [p for p in Permission if p.value != "all" and p.value not in without]
    async with await _session(user) as session:
        key = await session.api_keys.create_api_key(
            APIKeyCreateDto(name="limited", permissions=permissions)
        )
    return key.api_key.id, key.secret


def library(root: Path, count: int, seed: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (root / f"s{seed}-{i:03d}.jpg").write_bytes(jpeg_bytes(seed * 1000 + i, WHEN))
    return root


def failed(stdout: str) -> int:
    """The failure count of a summary line ("... 4 failed, 8 interrupted ...")."""
    found = re.search(r"(\d+) failed", stdout)
    return int(found.group(1)) if found else 0


def env_with_key(user: RealUser, key: str, tmp_path: Path) -> dict[str, str]:
    env = user.env(tmp_path / "state.db")
    env["IMMICH_API_KEY"] = key
    return env


async def test_a_key_without_asset_upload_stops_the_upload_with_exit_3(
    user: RealUser, tmp_path: Path
) -> None:
    lib = library(tmp_path / "lib", 20, seed=501)
    _, key = await limited_key(user, without={"asset.upload"})
    for extra in ([], ["--skip-hash"]):  # refused by the duplicate check, or by the upload
        done = run_cli(
            ["upload", str(lib), "--no-state", "--no-progress", *extra],
            env=env_with_key(user, key, tmp_path),
        )
        assert done.returncode == 3, (done.stdout, done.stderr)
        assert "Missing required permission: asset.upload" in done.stderr
        assert "STOPPED (refused" in done.stdout and "Traceback" not in done.stderr
        if extra:  # the uploads in flight when the first refusal came, not one per file
            assert 1 <= failed(done.stdout) <= 4
        else:  # the one refused check stops the run: its files are interrupted, not failed
            assert failed(done.stdout) == 0 and " interrupted" in done.stdout
    async with user.client() as client:
        assert await all_assets(client) == []


async def test_a_key_without_asset_download_stops_the_download_with_exit_3(
    user: RealUser, tmp_path: Path
) -> None:
    lib = library(tmp_path / "lib", 12, seed=502)
    run_cli(["upload", str(lib), "--no-state", "--no-progress"], env=user.env(), check=True)
    _, key = await limited_key(user, without={"asset.download"})
    done = run_cli(
        ["download", str(tmp_path / "out"), "--all", "--no-state", "--no-progress"],
        env=env_with_key(user, key, tmp_path),
    )
    assert done.returncode == 3, (done.stdout, done.stderr)
    assert "Missing required permission: asset.download" in done.stderr
    assert 1 <= failed(done.stdout) <= 4  # the requests in flight, not one per file
    assert not list((tmp_path / "out").rglob("*.jpg"))


async def test_a_key_revoked_mid_upload_stops_it_with_exit_3(
    user: RealUser, tmp_path: Path
) -> None:
    """The key is deleted on the server while the command uploads: the next request is
    answered 401 and the run stops there, its summary saying what was done."""
    lib = library(tmp_path / "lib", 150, seed=503)
    key_id, key = await limited_key(user, without=set())
    events, out, err = (tmp_path / name for name in ("events.ndjson", "out.txt", "err.txt"))
    command = [sys.executable, "-m", "immich_bulk", "upload", str(lib), "--no-state",
               "--no-progress", "--concurrency", "1", "--events", str(events)]  # fmt: skip
    with out.open("wb") as stdout_file, err.open("wb") as stderr_file, anyio.fail_after(600):
        process = await anyio.open_process(
            command, env=env_with_key(user, key, tmp_path), stdout=stdout_file, stderr=stderr_file
        )
        async with process:
            while process.returncode is None:
                if events.exists() and events.read_text().count('"status":"uploaded"') >= 5:
                    break
                await anyio.sleep(0.05)
            async with await _session(user) as session:
                await session.api_keys.delete_api_key(key_id)
            await process.wait()
    stdout, stderr = out.read_text(), err.read_text()
    assert process.returncode == 3, (stdout, stderr)
    assert "stopped: the server refuses this API key" in stderr
    async with user.client() as client:
        uploaded = len(await all_assets(client))
    assert 5 <= uploaded < 150  # it stopped, it did not fail every remaining file
    assert stdout.count("401") <= 2


@pytest.mark.skipif(os.environ.get("IMMICH_E2E_BIG") is None, reason="set IMMICH_E2E_BIG=1")
async def test_a_big_upload_is_not_a_stall_while_the_server_stores_it(
    user: RealUser, tmp_path: Path
) -> None:
    """300 MB with a stall limit of 2 s: the server's silence between the last byte and
    its answer is the answer phase, not a stall (set IMMICH_E2E_BIG=1: it takes a while)."""
    big = tmp_path / "big.mp4"
    with big.open("wb") as handle:
        block = os.urandom(1024 * 1024)
        for n in range(300):
            handle.write(block[:-8] + n.to_bytes(8, "big"))
    timeouts = Timeouts(stall=2.0)
    async with user.client(timeout=timeouts) as client:
        report = await client.assets.upload(big, state_path=None)
        assert report.ok and report.count("uploaded") == 1, report.failures
        found = await client.search.search_assets(MetadataSearchDto(original_file_name="big"))
        assert found.assets.total == 1
