"""Downloads into one folder at the same time, against the real server: two assets with the
same ``originalFileName`` both arrive, each holding exactly its asset's bytes; the same
asset twice at once gives one file; a user without a profile image leaves nothing."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from pathlib import Path

import anyio
import httpx
import pytest

from immich_bulk import AsyncClient, NotFoundError
from immich_bulk.models import AssetMediaCreateDto
from immich_bulk.samples import jpeg_bytes
from tests.download.conftest import Barrier

from .real import RealUser

WHEN = dt.datetime(2021, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc)
SIZE = 3_000_000  # a few MiB: several write blocks each, so the two downloads interleave


async def _upload(client: AsyncClient, seed: int, name: str) -> str:
    created = await client.assets.upload_asset(
        AssetMediaCreateDto(
            asset_data=jpeg_bytes(seed, WHEN.replace(tzinfo=None), size=SIZE),
            device_asset_id=f"concurrent-{seed}",
            device_id="e2e",
            file_created_at=WHEN,
            file_modified_at=WHEN,
            filename=name,
        )
    )
    return created.id


def _sha1_base64(path: Path) -> str:
    return base64.b64encode(hashlib.sha1(path.read_bytes()).digest()).decode()


async def _at_once(user: RealUser, ids: list[str], out_dir: Path) -> list[Path]:
    """Download *ids* concurrently; the requests are held until all have been sent."""
    paths: dict[int, Path] = {}
    transport = Barrier(httpx.AsyncHTTPTransport(), parties=len(set(ids)))
    async with user.client(transport=transport) as client:

        async def one(index: int) -> None:
            paths[index] = await client.assets.download_asset_to_file(ids[index], out_dir)

        with anyio.fail_after(300):  # a hang guard only
            async with anyio.create_task_group() as tg:
                for index in range(len(ids)):
                    tg.start_soon(one, index)
    return [paths[i] for i in range(len(ids))]


async def test_two_assets_with_one_name_downloaded_at_once_both_arrive(
    user: RealUser, client: AsyncClient, tmp_path: Path
) -> None:
    ids = [await _upload(client, seed, "IMG_0001.JPG") for seed in (71, 72)]
    checksums = {i: (await client.assets.get_asset_info(i)).checksum for i in ids}
    assert len(set(checksums.values())) == 2
    out_dir = tmp_path / "photos"  # does not exist yet: a folder all the same
    paths = await _at_once(user, ids, out_dir)
    assert paths[0] != paths[1]
    for asset_id, path in zip(ids, paths, strict=True):
        assert path.parent == out_dir
        assert path.name in ("IMG_0001.JPG", f"IMG_0001 ({asset_id[:8]}).JPG")
        assert _sha1_base64(path) == checksums[asset_id]
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(p.name for p in paths)


async def test_one_asset_downloaded_twice_at_once_gives_one_file(
    user: RealUser, client: AsyncClient, tmp_path: Path
) -> None:
    asset_id = await _upload(client, 73, "IMG_0002.JPG")
    checksum = (await client.assets.get_asset_info(asset_id)).checksum
    paths = await _at_once(user, [asset_id, asset_id], tmp_path)
    assert paths[0] == paths[1] == tmp_path / "IMG_0002.JPG"
    assert _sha1_base64(paths[0]) == checksum
    assert [p.name for p in tmp_path.iterdir()] == ["IMG_0002.JPG"]


@pytest.mark.parametrize("filename", [None, "me.jpg"])
async def test_a_user_without_a_profile_image_gets_a_clear_error_and_nothing_on_disk(
    user: RealUser, client: AsyncClient, tmp_path: Path, filename: str | None
) -> None:
    with pytest.raises(NotFoundError, match="does not have a profile image"):
        await client.users.get_profile_image_to_file(
            user.id, tmp_path / "avatars" / "2024", filename=filename
        )
    assert list(tmp_path.iterdir()) == []
