"""``python -m immich_bulk migrate`` end to end: a real process between two subprocess fakes."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from immich_bulk import AsyncClient
from immich_bulk.models import BulkIdsDto
from immich_bulk.samples import write_sample_library
from immich_bulk.testing import SubprocessServer, run_fake_server_subprocess

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pair(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[SubprocessServer, SubprocessServer]]:
    with (
        run_fake_server_subprocess(data_dir=tmp_path_factory.mktemp("source")) as source,
        run_fake_server_subprocess(data_dir=tmp_path_factory.mktemp("target")) as target,
    ):
        yield source, target


def seed(server: SubprocessServer, root: Path, photos: int, album: str) -> dict[str, Any]:
    """A user on *server* with *photos* photos, all in *album*: its id, email and key."""
    user = server.create_user(f"{album.lower()}@example.com")
    lib = write_sample_library(root, photos=photos, extras=False, seed=len(album))

    async def upload() -> None:
        async with AsyncClient(server.url, api_key=user["apiKey"]) as client:
            report = await client.assets.upload(lib.root, state_path=None, album=album)
            assert report.ok

    asyncio.run(upload())
    return user


def migrate_cli(
    source: SubprocessServer,
    target: SubprocessServer,
    src_key: str,
    dst_key: str,
    home: Path,
    *args: str,
    env: dict[str, str] | None = None,
    start: bool = False,
) -> Any:
    command = [
        sys.executable, "-m", "immich_bulk", "migrate",
        "--from", source.url, "--to", target.url, "--to-key", dst_key, *args,
    ]  # fmt: skip
    environ = {
        **os.environ,
        "IMMICH_FROM_API_KEY": src_key,  # the source key from the environment, not a flag
        "IMMICH_BULK_CONFIG_DIR": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PYTHONPATH": str(ROOT),
        "IMMICH_INSTANCE_URL": "",
        "IMMICH_API_KEY": "",
        **(env or {}),
    }
    if start:
        return subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environ
        )
    return subprocess.run(command, capture_output=True, text=True, env=environ, timeout=120)


def test_migrate_verify_json_and_rerun(
    pair: tuple[SubprocessServer, SubprocessServer], tmp_path: Path
) -> None:
    source, target = pair
    src = seed(source, tmp_path / "lib", 12, "Holiday")
    dst = target.create_user("holiday-new@example.com")
    state = str(tmp_path / "state.sqlite3")
    first = migrate_cli(
        source, target, src["apiKey"], dst["apiKey"], tmp_path, "--verify", "--json",
        "--state", state,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["migrate"]["counts"] == {"migrated": 13}  # 12 photos and the album
    assert data["migrate"]["items"] == {"assets": 12, "albums": 1}
    assert data["verify"]["ok"] is True and data["verify"]["source_assets"] == 12
    assert len(target.assets(dst["email"])) == 12
    assert src["apiKey"] not in first.stdout + first.stderr
    assert dst["apiKey"] not in first.stdout + first.stderr

    # someone removes a photo from the album on the target; the journal says it was added,
    # so the re-run does not touch it -- but --verify sees it and says so (exit 1)
    async def remove_one() -> None:
        async with AsyncClient(target.url, api_key=dst["apiKey"]) as client:
            (album,) = await client.albums.get_all_albums()
            info = await client.albums.get_album_info(album.id)
            await client.albums.remove_asset_from_album(
                album.id, BulkIdsDto(ids=[info.assets[0].id])
            )

    asyncio.run(remove_one())
    second = migrate_cli(
        source, target, src["apiKey"], dst["apiKey"], tmp_path, "--verify", "--state", state,
        "--no-progress",
    )  # fmt: skip
    assert second.returncode == 1, second.stderr
    assert "13 exists" in second.stdout
    assert "1 differences (1 album_member)" in second.stdout
    assert "album_member: Holiday" in second.stdout
    # without the journal the album is completed again
    third = migrate_cli(
        source, target, src["apiKey"], dst["apiKey"], tmp_path, "--verify", "--no-state",
        "--events", "-",
    )  # fmt: skip
    assert third.returncode == 0, third.stderr
    lines = [json.loads(line) for line in third.stdout.splitlines()]
    assert lines[-2]["event"] == "report" and lines[-1]["event"] == "verify"
    assert lines[-1]["ok"] is True


def test_usage_errors_and_dry_run(
    pair: tuple[SubprocessServer, SubprocessServer], tmp_path: Path
) -> None:
    source, target = pair
    src = seed(source, tmp_path / "lib", 3, "Dry")
    dst = target.create_user("dry-new@example.com")
    missing = migrate_cli(source, target, src["apiKey"], dst["apiKey"], tmp_path, "--album", "Nope")
    assert missing.returncode == 2 and "'Nope'" in missing.stderr
    bad_date = migrate_cli(
        source, target, src["apiKey"], dst["apiKey"], tmp_path, "--taken-after", "yesterday"
    )
    assert bad_date.returncode == 2 and "--taken-after" in bad_date.stderr
    wrong_key = migrate_cli(source, target, "wrong", dst["apiKey"], tmp_path, "--no-state")
    assert wrong_key.returncode == 3 and source.url.removesuffix("/api") in wrong_key.stderr
    no_source = migrate_cli(
        source, target, src["apiKey"], dst["apiKey"], tmp_path, env={"IMMICH_FROM_API_KEY": ""}
    )
    assert no_source.returncode == 2 and "--from-key" in no_source.stderr
    dry = migrate_cli(
        source, target, src["apiKey"], dst["apiKey"], tmp_path, "--dry-run", "--no-state",
        "--json",
    )  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert report["dry_run"] is True and report["counts"] == {"would-migrate": 4}
    assert target.assets(dst["email"]) == []


def test_ctrl_c_stops_cleanly_and_a_rerun_completes(
    pair: tuple[SubprocessServer, SubprocessServer], tmp_path: Path
) -> None:
    source, target = pair
    src = seed(source, tmp_path / "lib", 20, "Slow")
    dst = target.create_user("slow-new@example.com")
    state = str(tmp_path / "state.sqlite3")
    events = tmp_path / "events.ndjson"
    target.add_fault("latency", match="uploadAsset", seconds=0.1, times=None)
    try:
        process = migrate_cli(
            source, target, src["apiKey"], dst["apiKey"], tmp_path, "--state", state,
            "--concurrency", "1", "--events", str(events), start=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            text = events.read_text() if events.exists() else ""
            if text.count('"status":"migrated"') >= 4:
                break
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
        assert process.returncode == 130, stderr
        assert "interrupted" in stdout
    finally:
        target.clear_faults()
    again = migrate_cli(
        source, target, src["apiKey"], dst["apiKey"], tmp_path, "--state", state, "--json",
        "--verify",
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    counts = json.loads(again.stdout)["migrate"]["counts"]
    assert counts.get("exists", 0) >= 4 and sum(counts.values()) == 21
    assert len(target.assets(dst["email"])) == 20
