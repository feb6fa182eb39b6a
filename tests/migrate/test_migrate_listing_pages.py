"""The source listing pages like every engine's (see transfer/listing.py): an asset the
search repeats on the next page (the library changed between pages) migrates once, and
owner ids compare without case. And a failure's kind is read from its type."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from immich_bulk import SizeMismatchError
from immich_bulk.models import AssetVisibility, UserAdminResponseDto
from immich_bulk.samples import jpeg_bytes
from immich_bulk.transfer.migrate.engine import Migrator, migrate
from tests.migrate.helpers import FAST, WHEN, Side, patch_call, servers


def _photos(side: Side, count: int) -> list[str]:
    return [
        side.fake.add_asset(
            side.user,
            jpeg_bytes(i, WHEN + dt.timedelta(days=i)),
            f"p{i}.jpg",
            file_created_at=WHEN + dt.timedelta(days=i),
        ).id
        for i in range(count)
    ]


async def test_an_asset_repeated_on_the_next_page_migrates_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with servers() as (src, tgt):
        ids = _photos(src, 5)
        calls = 0

        async def shifting(real: Any, dto: Any) -> Any:
            # after the first timeline page, an older asset arrives: the oldest-first
            # listing shifts by one and page 2 starts with the last asset of page 1
            nonlocal calls
            answer = await real(dto)
            calls += 1
            if calls == 1 and dto.visibility == AssetVisibility.TIMELINE:
                src.fake.add_asset(
                    src.user,
                    jpeg_bytes(99, WHEN - dt.timedelta(days=1)),
                    "late.jpg",
                    file_created_at=WHEN - dt.timedelta(days=1),
                )
            return answer

        patch_call(monkeypatch, src.client, "search", "search_assets", shifting)
        config = attrs.evolve(FAST, page_size=3)
        report = await migrate(src.client, tgt.client, state_path=None, config=config)
        migrated = [o.item for o in report.outcomes() if o.status == "migrated"]
        assert sorted(migrated) == sorted(ids)  # each once; the late one is the next run's
        # the asset pushed out of this run's listing is counted, not lost
        assert [o.item for o in report.failures] == ["list:timeline"]


async def test_owner_ids_compare_without_case(monkeypatch: pytest.MonkeyPatch) -> None:
    async with servers() as (src, tgt):
        ids = _photos(src, 4)

        async def shouting(real: Any) -> UserAdminResponseDto:
            me: UserAdminResponseDto = await real()
            return attrs.evolve(me, id=me.id.upper())

        patch_call(monkeypatch, src.client, "users", "get_my_user", shouting)
        config = attrs.evolve(FAST, page_size=3)
        report = await migrate(src.client, tgt.client, state_path=None, config=config)
        assert report.ok, report.failures
        assert report.count("migrated") == 4
        assert {o.item for o in report.outcomes()} == set(ids)


async def test_a_stream_cut_short_is_reported_as_such_whatever_the_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The failure kind comes from the exception's type: a stream that ended early is
    not a checksum mismatch because the file is called checksum.jpg."""
    async with servers() as (src, tgt):
        src.fake.add_asset(src.user, jpeg_bytes(1, WHEN), "checksum.jpg")

        async def cut(self: Migrator, item: Any, state: Any) -> Any:
            raise SizeMismatchError("checksum.jpg: the source ended 3 bytes early")

        monkeypatch.setattr(Migrator, "_transfer", cut)
        report = await migrate(src.client, tgt.client, state_path=None, config=FAST)
        (failure,) = report.failures
        assert "cut short" in (failure.reason or ""), failure.reason
        assert "do not match the asset's checksum" not in (failure.reason or "")
