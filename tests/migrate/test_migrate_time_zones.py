"""Capture dates keep the very zone name Immich shows on the source (``UTC``, ``UTC+2``,
``UTC+0``), whether the asset is uploaded or the target already had it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from immich_bulk.models import AssetResponseDto, UpdateAssetDto
from immich_bulk.samples import jpeg_bytes
from immich_bulk.transfer.migrate.engine import migrate
from immich_bulk.transfer.migrate.metadata import (
    PRESERVE_ALL,
    offset_tag,
    sidecar_xmp,
    still_to_apply,
)
from tests.migrate.helpers import FAST, WHEN, on_target, servers, video_bytes

from .test_migrate_units import _asset as _base


def _asset(**exif: Any) -> AssetResponseDto:
    """The units' asset (2024-01-01 00:00 UTC, zone UTC+1, rating 3...) with *exif* changed."""
    base = _base()
    assert base.exif_info
    return attrs.evolve(base, exif_info=attrs.evolve(base.exif_info, **exif))


@pytest.mark.parametrize(
    ("zone", "tag"),
    [
        ("UTC", "+00:00"), ("UTC+2", "+02:00"), ("UTC-3:30", "-03:30"), ("UTC+5:30", "+05:30"),
        ("UTC+0", None), ("Europe/Paris", None), (None, None), ("garbage", None),
    ],
)  # fmt: skip
def test_the_offset_tag_is_written_for_the_zones_immich_names_after_it(
    zone: str | None, tag: str | None
) -> None:
    when = dt.datetime(2019, 5, 1, 10, 30, tzinfo=dt.timezone.utc)
    assert offset_tag(zone, when) == tag
    sidecar = sidecar_xmp(_asset(time_zone=zone), PRESERVE_ALL)
    assert sidecar is not None
    written = b'exif:OffsetTimeOriginal="' in sidecar
    assert written == (tag is not None)
    if tag is not None:
        assert f'exif:OffsetTimeOriginal="{tag}"'.encode() in sidecar


async def test_zones_arrive_with_the_names_the_source_shows() -> None:
    async with servers() as (src, tgt):
        video = src.fake.add_asset(src.user, video_bytes(7), "clip.mov", file_created_at=WHEN)
        named = [
            src.fake.add_asset(src.user, jpeg_bytes(n, WHEN), f"p{n}.jpg", file_created_at=WHEN)
            for n in range(3)
        ]
        for asset, value in zip(
            named,
            ["2019-05-01T12:30:00+02:00", "2019-05-01T12:30:00Z", "2019-05-01T12:30:00"],
            strict=True,
        ):
            await src.client.assets.update_asset(asset.id, UpdateAssetDto(date_time_original=value))
        zones = {a.original_file_name: src.fake.asset(a.id).time_zone for a in [video, *named]}  # type: ignore[union-attr]
        assert zones == {"clip.mov": "UTC", "p0.jpg": "UTC+2", "p1.jpg": "UTC+0", "p2.jpg": "UTC+0"}

        report = await migrate(src.client, tgt.client, state_path=None, config=FAST)

        assert report.ok and report.count("migrated") == 4, report.summary()
        for asset in [video, *named]:
            copy = on_target(tgt, asset)
            source = src.fake.asset(asset.id)
            assert source is not None
            assert (copy.time_zone, copy.local_date_time) == (
                source.time_zone,
                source.local_date_time,
            ), asset.original_file_name
            taken = source.date_time_original or source.file_created_at
            assert (copy.date_time_original or copy.file_created_at) == taken


async def test_an_asset_the_target_had_gets_only_what_it_lacks() -> None:
    async with servers() as (src, tgt):
        data = video_bytes(8)
        video = src.fake.add_asset(src.user, data, "clip.mov", file_created_at=WHEN)
        await src.client.assets.update_asset(video.id, UpdateAssetDto(description="the beach"))
        tgt.fake.add_asset(tgt.user, data, "clip.mov", file_created_at=WHEN)  # a phone backup
        tgt.fake.counters.reset()

        report = await migrate(src.client, tgt.client, state_path=None, config=FAST)

        assert report.ok and report.counts == {"exists": 1}, report.summary()
        copy = on_target(tgt, video)
        assert copy.description == "the beach"
        assert copy.time_zone == "UTC"  # not rewritten: a PUT of the date would make it UTC+0
        assert tgt.fake.counters.requests_to("updateAsset") == 1

        again = await migrate(src.client, tgt.client, state_path=None, config=FAST)
        assert again.ok and again.counts == {"exists": 1}
        assert tgt.fake.counters.requests_to("updateAsset") == 1  # nothing left to change


def test_still_to_apply_keeps_a_position_whole() -> None:
    source = _asset()
    target: AssetResponseDto = _asset(latitude=1.5, longitude=9.0)
    update = {"latitude": 1.5, "longitude": 2.5, "rating": 3, "isFavorite": True}
    assert still_to_apply(update, source, target) == {"latitude": 1.5, "longitude": 2.5}
