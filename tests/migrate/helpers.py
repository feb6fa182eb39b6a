"""A source and a target FakeImmich, and a small library that exercises every feature."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import attrs
import pytest

from immich_bulk import AsyncClient
from immich_bulk._http.retry import RetryPolicy
from immich_bulk.models import (
    AssetBulkUpdateDto,
    AssetVisibility,
    BulkIdsDto,
    CreateAlbumDto,
    StackCreateDto,
    TagUpsertDto,
    UpdateAssetDto,
)
from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import Asset, FakeImmich, FakeUser
from immich_bulk.transfer.migrate.engine import MigrateConfig

WHEN = dt.datetime(2020, 6, 1, 12, 0, tzinfo=dt.timezone.utc)


async def no_sleep(_: float) -> None:
    return None


#: Production retries without the waiting.
FAST = MigrateConfig(
    retry=RetryPolicy(
        max_attempts=6, retry_statuses=frozenset({429, 500, 502, 503, 504}), sleep=no_sleep
    ),
    check_flush_seconds=0.0,
)


def video_bytes(seed: int, size: int = 3000) -> bytes:
    head = b"\x00\x00\x00\x18ftypqt  \x00\x00\x02\x00qt  " + f"seed{seed}".encode()
    return head + bytes(size - len(head))


@attrs.define
class Side:
    fake: FakeImmich
    user: FakeUser
    client: AsyncClient


@attrs.define
class Library:
    photos: list[Asset]
    video: Asset
    still: Asset
    trashed: Asset

    @property
    def selected(self) -> list[Asset]:
        """What a default migration moves (not the trash)."""
        return [*self.photos, self.video, self.still]


@contextlib.asynccontextmanager
async def servers() -> AsyncIterator[tuple[Side, Side]]:
    """Two in-process fakes with one user each (the admins own nothing of interest)."""
    async with FakeImmich() as src, FakeImmich() as tgt:
        alice = src.create_user("alice@old.example")
        bob = tgt.create_user("alice@new.example")
        async with (
            src.client(src.create_api_key(alice)) as source,
            tgt.client(tgt.create_api_key(bob)) as target,
        ):
            yield Side(src, alice, source), Side(tgt, bob, target)


async def build_library(side: Side, photos: int = 12) -> Library:
    """p0..p11 with favourites, archive, description, rating, date, location; albums Trip,
    Best (p1 in both), Empty, Shared; a live photo; a stack with p11 as primary; tags;
    one trashed photo; and an asset of another user that must not move."""
    fake, user, client = side.fake, side.user, side.client
    made = [
        fake.add_asset(
            user,
            jpeg_bytes(i, WHEN + dt.timedelta(days=30 * i)),
            f"p{i}.jpg",
            file_created_at=WHEN + dt.timedelta(days=30 * i),
            is_favorite=i in (0, 2),
            visibility="archive" if i == 3 else "timeline",
            description="sunset at the lake" if i == 4 else "",
        )
        for i in range(photos)
    ]
    await client.assets.update_asset(made[5].id, UpdateAssetDto(rating=4))
    await client.assets.update_asset(
        made[6].id, UpdateAssetDto(date_time_original="2019-05-01T12:30:00+02:00")
    )
    await client.assets.update_asset(made[7].id, UpdateAssetDto(latitude=48.85, longitude=2.35))
    video = fake.add_asset(user, video_bytes(1), "IMG_0001.mov", file_created_at=WHEN)
    still = fake.add_asset(
        user,
        jpeg_bytes(1000, WHEN),
        "IMG_0001.heic",
        file_created_at=WHEN,
        live_photo_video_id=video.id,
    )
    trashed = fake.add_asset(user, jpeg_bytes(2000, WHEN), "gone.jpg", trashed=True)
    fake.add_asset(None, jpeg_bytes(3000, WHEN), "admins.jpg")  # another user's
    ids = [a.id for a in made]
    await client.albums.create_album(
        CreateAlbumDto(album_name="Trip", asset_ids=[*ids[0:3], ids[8]])
    )
    await client.albums.create_album(
        CreateAlbumDto(album_name="Best", asset_ids=[ids[1], ids[9], still.id])
    )
    await client.albums.create_album(CreateAlbumDto(album_name="Empty", description="nothing yet"))
    await client.stacks.create_stack(StackCreateDto(asset_ids=[ids[11], ids[10]]))
    tags = {
        t.value: t.id
        for t in await client.tags.upsert_tags(TagUpsertDto(tags=["people/bob", "trip"]))
    }
    all_tags = {t.value: t.id for t in await client.tags.get_all_tags()}
    await client.tags.tag_assets(all_tags["people/bob"], BulkIdsDto(ids=[ids[2]]))
    await client.tags.tag_assets(all_tags["people"], BulkIdsDto(ids=[ids[2], ids[3]]))
    await client.tags.tag_assets(tags["trip"], BulkIdsDto(ids=[ids[0]]))
    await client.assets.update_assets(
        AssetBulkUpdateDto(ids=[ids[3]], visibility=AssetVisibility.ARCHIVE)
    )
    return Library(photos=[fake.asset(i) for i in ids], video=video, still=still, trashed=trashed)  # type: ignore[misc]


def on_target(target: Side, asset: Asset) -> Asset:
    found = target.fake.asset_by_checksum(target.user, asset.checksum)
    assert found is not None, f"{asset.original_file_name} is not on the target"
    return found


def target_albums(target: Side) -> dict[str, set[bytes]]:
    """Album name -> checksums of its members, on the target."""
    fake = target.fake
    out: dict[str, set[bytes]] = {}
    for album in fake.albums(target.user):
        assert album.name not in out, f"album {album.name!r} exists twice"
        out[album.name] = {fake.state.assets[a].checksum for a in album.asset_ids}
    return out


def patch_call(
    monkeypatch: pytest.MonkeyPatch,
    client: AsyncClient,
    group: str,
    name: str,
    replace: Callable[..., Awaitable[Any]],
) -> Callable[..., Awaitable[Any]]:
    """Make ``client.<group>.<name>`` (and the same method of every view of *client*, such
    as an engine's ``client.with_retry(...)``) call ``replace(real, *args)``; returns the
    real method of *client* for checks."""
    cls = type(getattr(client, group))
    real = getattr(cls, name)

    async def patched(self: Any, *args: Any, **kwargs: Any) -> Any:
        bound = functools.partial(real, self)
        if self._client._root is client:
            return await replace(bound, *args, **kwargs)
        return await bound(*args, **kwargs)

    monkeypatch.setattr(cls, name, patched)
    return functools.partial(real, getattr(client, group))
