"""Uploading into the archive, hidden or the locked folder: what an API key may do there
(as a real Immich v2.7.5 answers, which the fake follows; see tests/e2e/test_upload.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from immich_bulk.models import AssetVisibility
from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.report import AlbumTotals
from immich_bulk.transfer.upload.engine import UploadOptions
from tests.upload.helpers import WHEN


def test_locked_assets_cannot_be_put_in_an_album() -> None:
    for albums in ({"album": "A"}, {"album_from_folder": True}):
        with pytest.raises(ValueError, match="locked assets cannot be put in albums"):
            UploadOptions(visibility=AssetVisibility.LOCKED, **albums)
    UploadOptions(visibility=AssetVisibility.HIDDEN, album="A")  # hidden ones can


async def test_an_album_addition_the_server_refuses_is_reported_not_counted(
    tmp_path: Path,
) -> None:
    (tmp_path / "locked.jpg").write_bytes(jpeg_bytes(1, WHEN))
    (tmp_path / "shown.jpg").write_bytes(jpeg_bytes(2, WHEN))
    async with FakeImmich() as fake, fake.client() as client:
        await client.assets.upload(
            tmp_path / "locked.jpg", visibility=AssetVisibility.LOCKED, state_path=None
        )
        # the next run finds the locked photo on the server and cannot put it in the album
        report = await client.assets.upload(tmp_path, album="Trip", state_path=None)
        assert report.count("duplicate") == 1 and report.count("uploaded") == 1
        assert report.albums == AlbumTotals(created=1, added=1)
        assert report.notes == (
            "1 album additions failed: could not add to album: no_permission (1)",
        )
        (album,) = fake.albums()
        assert [fake.asset(a).original_file_name for a in album.asset_ids] == ["shown.jpg"]  # type: ignore[union-attr]


async def test_a_locked_upload_is_verified_by_checksum_before_it_is_deleted(
    tmp_path: Path,
) -> None:
    (tmp_path / "secret.jpg").write_bytes(jpeg_bytes(3, WHEN))
    (tmp_path / "secret.jpg.xmp").write_text("<x:xmpmeta/>")
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.upload(
            tmp_path, visibility=AssetVisibility.LOCKED, delete=True, state_path=None
        )
        (outcome,) = report.outcomes()
        assert outcome.status == "uploaded" and outcome.deleted
        assert list(tmp_path.iterdir()) == []
        assert fake.counters.requests_to("getAssetInfo", 400) == 1  # an API key cannot read it
        (asset,) = fake.assets()
        assert asset.visibility == "locked"
