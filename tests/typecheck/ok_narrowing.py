"""``x is not UNSET``, ``is_set(x)``, ``isinstance`` and truthiness narrow ``T | Unset``."""

from __future__ import annotations

from typing_extensions import assert_type

from immich_bulk import UNSET, Unset, is_set
from immich_bulk.models import AssetResponseDto, ExifResponseDto, UpdateAssetDto


def camera(asset: AssetResponseDto) -> str:
    exif = asset.exif_info
    if exif is not UNSET:
        assert_type(exif, ExifResponseDto)
        make = exif.make
        if is_set(make):
            assert_type(make, "str | None")
            return make or "unknown"
        assert_type(make, Unset)
        return "unknown"
    return "no exif"


def rating(dto: UpdateAssetDto) -> float:
    if dto.rating is UNSET:
        return 0.0
    assert_type(dto.rating, "float | None")
    return dto.rating or 0.0


def description(dto: UpdateAssetDto) -> str:
    if not isinstance(dto.description, Unset):
        assert_type(dto.description, str)
        return dto.description
    return ""


def title(dto: UpdateAssetDto) -> str:
    if dto.description:  # UNSET is falsy, and typed so
        assert_type(dto.description, str)
        return dto.description
    return "untitled"


def clear_rating() -> UpdateAssetDto:
    return UpdateAssetDto(description="x", rating=None, visibility=UNSET)
