"""A Google Photos Takeout imported into a real server: a generated Takeout of about 50
files in 3 zip parts (tests/takeout/small.py) shows the right dates, favourites, archive,
descriptions, places, people tags, albums (two with one title) and live photo there; so
does the same Takeout as .tgz parts and as an extracted folder; the command does the same
with the job queues paused; a re-run sends nothing."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
import pytest

from immich_bulk import AsyncClient
from immich_bulk.models import (
    AssetBulkUploadCheckDto,
    AssetBulkUploadCheckItem,
    QueueName,
    QueueUpdateDto,
)
from immich_bulk.transfer.server.jobs import INGEST_QUEUES
from tests.takeout.generator import Layout
from tests.takeout.small import Small, archive_path, build_small_takeout, check_server

from .media import video_bytes
from .real import RealUser, run_cli, wait_for_jobs


def _small(root: Path, layout: Layout = "zip") -> Small:
    return build_small_takeout(root, video=lambda seed: video_bytes(seed), layout=layout)


async def _locked_is_there(client: AsyncClient, small: Small, root: Path) -> None:
    """The locked-folder photo: an API key cannot list it, the checksum check finds it."""
    import zipfile

    data = None
    for part in small.inputs:
        with zipfile.ZipFile(part) as zf:
            if small.locked in zf.namelist():
                data = zf.read(small.locked)
    assert data is not None
    check = await client.assets.check_bulk_upload(
        AssetBulkUploadCheckDto(
            assets=[AssetBulkUploadCheckItem(id="x", checksum=hashlib.sha1(data).hexdigest())]
        )
    )
    assert check.results[0].reason == "duplicate"


async def test_import_shows_dates_flags_metadata_albums_and_live_photos(
    anyio_backend: str, client: AsyncClient, admin: AsyncClient, tmp_path: Path
) -> None:
    small = _small(tmp_path / "parts")
    state = tmp_path / "state.db"
    report = await client.assets.import_takeout(small.inputs, state_path=state)
    assert report.ok, report.failures
    await wait_for_jobs(admin)
    await check_server(client, small)
    await _locked_is_there(client, small, tmp_path)
    outcomes = {o.item.partition(".zip:")[2]: o for o in report.outcomes()}
    for path in small.skipped:
        assert outcomes[path].status == "skipped", path
    for path in small.orphans:
        assert "no media file" in (outcomes[path].reason or ""), path
    # a re-run sends nothing and changes nothing
    again = await client.assets.import_takeout(small.inputs, state_path=state)
    assert again.ok and again.count("uploaded") == 0, again.counts
    await check_server(client, small)


@pytest.mark.parametrize("layout", ["tgz", "dir"])
async def test_tgz_parts_and_an_extracted_folder_show_the_same(
    anyio_backend: str, client: AsyncClient, admin: AsyncClient, tmp_path: Path, layout: Layout
) -> None:
    small = _small(tmp_path / "parts", layout)
    state = tmp_path / "state.db"
    report = await client.assets.import_takeout(small.inputs, state_path=state)
    assert report.ok, report.failures
    assert report.tags is not None and report.tags["people"] == 2, report.tags
    await wait_for_jobs(admin)
    await check_server(client, small)
    outcomes = {archive_path(o.item): o for o in report.outcomes()}
    for path in small.skipped:
        assert outcomes[path].status == "skipped", path
    assert outcomes[small.locked].status == "uploaded"
    again = await client.assets.import_takeout(small.inputs, state_path=state)
    assert again.ok and again.count("uploaded") == 0, again.counts


@pytest.fixture
async def queues_left_running(admin: AsyncClient) -> AsyncIterator[None]:
    """The server's queues are shared by every test: all running again afterwards."""
    yield
    for name in INGEST_QUEUES:
        await admin.queues.update_queue(QueueName(name), QueueUpdateDto(is_paused=False))


def _json(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr[-3000:]}"
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.mark.usefixtures("queues_left_running")
async def test_the_command_with_queues_paused_then_waited_for(
    anyio_backend: str, admin_user: RealUser, admin: AsyncClient, tmp_path: Path
) -> None:
    small = _small(tmp_path / "parts")
    state = tmp_path / "state.db"
    base = ["--backend", anyio_backend, "takeout", *map(str, small.inputs), "--state", str(state)]
    plan = await anyio.to_thread.run_sync(
        lambda: run_cli([*base, "--dry-run", "--no-progress"], env=admin_user.env(state))
    )
    assert plan.returncode == 0, plan.stderr
    assert "Albums to create: 5" in plan.stdout and "orphan-json" in plan.stdout
    done = await anyio.to_thread.run_sync(
        lambda: run_cli(
            [*base, "--pause-jobs", "--wait-for-jobs", "--json", "--no-progress"],
            env=admin_user.env(state),
        )
    )
    result = _json(done)
    assert result["counts"].get("failed", 0) == 0
    async with admin_user.client() as client:
        await wait_for_jobs(admin)
        await check_server(client, small)


async def test_options_trash_partner_and_locked_on_a_real_server(
    anyio_backend: str, client: AsyncClient, admin: AsyncClient, tmp_path: Path
) -> None:
    small = _small(tmp_path / "parts")
    report = await client.assets.import_takeout(
        small.inputs,
        state_path=tmp_path / "state.db",
        include_trashed=True,
        include_partner=True,
        skip_locked=True,
    )
    assert report.ok, report.failures
    outcomes = {o.item.partition(".zip:")[2]: o for o in report.outcomes()}
    assert outcomes[small.locked].status == "skipped"
    trashed = [outcomes[p].asset_id for p in small.skipped if "partner" not in p]
    partner = next(outcomes[p] for p in small.skipped if "partner" in p)
    assert partner.status == "uploaded"
    for asset_id in trashed:
        assert asset_id is not None
        info = await client.assets.get_asset_info(asset_id)
        assert info.is_trashed, asset_id  # uploaded, then moved to the server's trash
    check = await client.assets.check_bulk_upload(
        AssetBulkUploadCheckDto(
            assets=[AssetBulkUploadCheckItem(id="x", checksum=partner.checksum or "")]
        )
    )
    assert check.results[0].reason == "duplicate" and not check.results[0].is_trashed
