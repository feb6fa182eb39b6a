"""Typos in enum values are type errors (every line marked ``# error`` must be reported)."""

from __future__ import annotations

from immich_bulk import AsyncClient
from immich_bulk.models import AssetMediaSize, UpdateAssetDto


async def typos(client: AsyncClient, asset_id: str) -> None:
    await client.assets.view_asset(asset_id, size="thumbnale")  # error
    await client.assets.view_asset(asset_id, size=AssetMediaSize.THUMBNALE)  # error
    await client.assets.view_asset_to_file(asset_id, "out/", size="preveiw")  # error
    UpdateAssetDto(visibility="archived")  # error
