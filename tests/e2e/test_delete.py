"""``upload --delete --delete-duplicates`` on the real server: a local file goes only when the
server holds, not trashed, an asset with the checksum of its bytes as they are when it is
deleted, together with every sidecar that was uploaded with it; a shared sidecar goes with
the last media file that takes it."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from immich_bulk import AsyncClient
from immich_bulk.models import (
    AssetBulkDeleteDto,
    AssetBulkUploadCheckDto,
    AssetBulkUploadCheckItem,
    AssetBulkUploadCheckResultAction,
    AssetBulkUploadCheckResultReason,
    ExifResponseDto,
)
from immich_bulk.samples import jpeg_bytes
from immich_bulk.transfer.events import ItemDone, TransferEvent
from tests.upload.helpers import WHEN, edit_in_place_keeping_mtime, xmp

from .real import RealUser, all_assets, run_cli, wait_for_jobs

DELETE = ("--delete", "--delete-duplicates")


def write_photo(path: Path, seed: int, size: int = 20_000) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = jpeg_bytes(seed, WHEN, size)
    path.write_bytes(data)
    return data


def upload(user: RealUser, lib: Path, state: Path | None, *extra: str) -> dict[str, Any]:
    """``immich-bulk upload LIB`` as the user; the JSON report."""
    where = ("--state", str(state)) if state is not None else ("--no-state",)
    done = run_cli(
        ["upload", str(lib), *where, "--json", "--no-progress", *extra],
        env=user.env(lib.parent / "home" / "state"),
        check=True,
    )
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def outcome(report: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [o for o in report["outcomes"] if Path(o["item"]).name == name]
    assert isinstance(found, dict)
    return found


def sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def b64(data: bytes) -> str:
    """The SHA-1 of *data* as the server reports checksums."""
    return base64.b64encode(hashlib.sha1(data).digest()).decode()


async def test_a_file_whose_only_server_copy_is_in_the_trash_stays(
    user: RealUser, client: AsyncClient, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    data = write_photo(lib / "p.jpg", 101)
    state = tmp_path / "state.sqlite3"
    asset_id = outcome(upload(user, lib, state), "p.jpg")["asset_id"]
    await client.assets.delete_assets(AssetBulkDeleteDto(ids=[asset_id]))  # to the trash
    # What Immich says of a trashed asset (the fake says the same): a duplicate, trashed
    (answer,) = (
        await client.assets.check_bulk_upload(
            AssetBulkUploadCheckDto(assets=[AssetBulkUploadCheckItem(id="0", checksum=sha1(data))])
        )
    ).results
    assert answer.action == AssetBulkUploadCheckResultAction.REJECT
    assert answer.reason == AssetBulkUploadCheckResultReason.DUPLICATE
    assert (answer.asset_id, answer.is_trashed) == (asset_id, True)
    assert (await client.assets.get_asset_info(asset_id)).is_trashed
    # the journal answers "already uploaded", then (no state) the server's check does
    for remembered in (state, None):
        found = outcome(upload(user, lib, remembered, *DELETE), "p.jpg")
        assert (lib / "p.jpg").read_bytes() == data
        assert found["status"] == "duplicate" and not found.get("deleted")
        assert found["kept"] == "the server's copy is in its trash"


async def test_a_sidecar_added_after_the_upload_stays_with_its_photo(
    user: RealUser, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    data = write_photo(lib / "p.jpg", 102)
    state = tmp_path / "state.sqlite3"
    upload(user, lib, state)
    (lib / "p.jpg.xmp").write_bytes(xmp("written after the upload"))
    for remembered in (state, None):
        found = outcome(upload(user, lib, remembered, *DELETE), "p.jpg")
        assert not found.get("deleted")
        assert "sidecar p.jpg.xmp is not on the server" in found["kept"]
        assert (lib / "p.jpg").read_bytes() == data
        assert (lib / "p.jpg.xmp").read_bytes() == xmp("written after the upload")


async def test_a_sidecar_shared_by_a_raw_and_a_jpeg_reaches_both_and_goes_last(
    user: RealUser, client: AsyncClient, admin: AsyncClient, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    jpeg = write_photo(lib / "a.jpg", 103)
    raw = write_photo(lib / "a.cr2", 104, size=30_000)
    (lib / "a.xmp").write_bytes(xmp("one caption for the pair"))
    report = upload(user, lib, tmp_path / "state.sqlite3", *DELETE, "--concurrency", "1")
    assert report["counts"] == {"uploaded": 2}
    assert all(o.get("deleted") for o in report["outcomes"])
    assert sorted(lib.iterdir()) == []
    await wait_for_jobs(admin)
    assets = await all_assets(client)
    assert sorted(a.original_file_name for a in assets) == ["a.cr2", "a.jpg"]
    assert {a.checksum for a in assets} == {b64(jpeg), b64(raw)}
    for asset in assets:  # each got the sidecar: its caption is the asset's description
        assert isinstance(asset.exif_info, ExifResponseDto)
        assert asset.exif_info.description == "one caption for the pair", asset.original_file_name


async def test_an_in_place_edit_with_its_mtime_put_back_is_uploaded_not_deleted(
    user: RealUser, client: AsyncClient, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    old = write_photo(lib / "p.jpg", 105)
    new = jpeg_bytes(106, WHEN, 20_000)
    state = tmp_path / "state.sqlite3"
    upload(user, lib, state)
    edit_in_place_keeping_mtime(lib / "p.jpg", new)
    found = outcome(upload(user, lib, state, *DELETE), "p.jpg")
    assert found["status"] == "uploaded" and found["checksum"] == sha1(new)
    assert {a.checksum for a in await all_assets(client)} == {b64(old), b64(new)}


async def test_a_file_edited_between_its_upload_and_its_deletion_stays(
    client: AsyncClient, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    data = write_photo(lib / "p.jpg", 107)
    edited = jpeg_bytes(108, WHEN, 20_000)

    def edit_once_uploaded(event: TransferEvent) -> None:
        if isinstance(event, ItemDone) and event.stage == "upload":
            (lib / "p.jpg").write_bytes(edited)

    report = await client.assets.upload(
        lib, state_path=None, on_event=edit_once_uploaded, delete=True, delete_duplicates=True
    )
    (found,) = report.outcomes()
    assert found.status == "uploaded" and found.checksum == sha1(data)
    assert not found.deleted and (lib / "p.jpg").read_bytes() == edited
    assert "content changed since it was hashed" in (found.kept or "")
