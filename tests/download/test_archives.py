"""Zip archives: split by archiveSize, streamed to .zip.part, renamed, never half-named."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from immich_bulk import AsyncClient, TransportError
from immich_bulk.models import CreateAlbumDto
from immich_bulk.testing import FakeImmich

from .conftest import add, fast_config, leftovers

KB = 1024


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


async def test_archives_are_split_and_named(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    assets = [add(fake, f"p{n}.jpg", 30 * KB) for n in range(3)]
    paths = await client.download.download_archive_to_file(
        asset_ids=[a.id for a in assets], out_dir=tmp_path, archive_size=1, config=fast_config()
    )
    assert [p.name for p in paths] == [f"immich-assets-{n}.zip" for n in (1, 2, 3)]
    assert fake.counters.requests_to("getDownloadInfo") == 1
    assert fake.counters.requests_to("downloadArchive") == 3
    found: dict[str, bytes] = {}
    for path in paths:
        found.update(members(path))
    assert found == {a.original_file_name: fake.read_asset(a.id) for a in assets}
    assert leftovers(tmp_path) == []


async def test_one_archive_for_an_album_and_file_names_for_several(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    a = add(fake, "a.jpg")
    b = add(fake, "b.jpg")
    album = await client.albums.create_album(
        CreateAlbumDto(album_name="Summer / 2024", asset_ids=[a.id, b.id])
    )
    (one,) = await client.download.download_archive_to_file(album_id=album.id, out_dir=tmp_path)
    assert one.name == "Summer _ 2024.zip"
    assert set(members(one)) == {"a.jpg", "b.jpg"}
    several = await client.download.download_archive_to_file(
        asset_ids=[a.id, b.id], out_dir=tmp_path / "out", filename="holiday.zip", archive_size=1
    )
    assert [p.name for p in several] == ["holiday-1.zip", "holiday-2.zip"]
    assert all(p.parent == tmp_path / "out" for p in several)


async def test_nothing_to_download_gives_no_archive(client: AsyncClient, tmp_path: Path) -> None:
    me = await client.users.get_my_user()
    assert await client.download.download_archive_to_file(user_id=me.id, out_dir=tmp_path) == []
    with pytest.raises(ValueError, match="exactly one"):
        await client.download.download_archive_to_file(out_dir=tmp_path)


async def test_a_failed_archive_leaves_no_file(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    a = add(fake, "a.jpg", 50 * KB)
    fake.faults.drop_response(after_bytes=10 * KB, match="downloadArchive", times=None)
    with pytest.raises(TransportError):
        await client.download.download_archive_to_file(
            asset_ids=[a.id], out_dir=tmp_path, config=fast_config()
        )
    assert list(tmp_path.iterdir()) == []
    assert fake.counters.requests_to("downloadArchive") == 4  # retried from the start


async def test_a_transient_failure_starts_the_archive_again(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    a = add(fake, "a.jpg", 50 * KB)
    fake.faults.fail(503, match="downloadArchive", times=1)
    (path,) = await client.download.download_archive_to_file(
        asset_ids=[a.id], out_dir=tmp_path, config=fast_config()
    )
    assert members(path) == {"a.jpg": fake.read_asset(a.id)}
    assert leftovers(tmp_path) == []
