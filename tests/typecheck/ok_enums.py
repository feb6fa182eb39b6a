"""Enum parameters and fields take the enum; a value a newer server knows is explicit."""

from __future__ import annotations

from pathlib import Path

from immich_bulk import AsyncClient
from immich_bulk.models import AssetMediaSize, AssetVisibility, UpdateAssetDto


async def preview(client: AsyncClient, asset_id: str) -> bytes:
    return await client.assets.view_asset(asset_id, size=AssetMediaSize.PREVIEW)


async def preview_file(client: AsyncClient, asset_id: str) -> Path:
    return await client.assets.view_asset_to_file(asset_id, "out/", size=AssetMediaSize.PREVIEW)


def archive() -> UpdateAssetDto:
    return UpdateAssetDto(visibility=AssetVisibility.ARCHIVE)


def from_a_newer_server() -> AssetVisibility:
    return AssetVisibility("some-new-value")  # kept as an unknown member, not refused
