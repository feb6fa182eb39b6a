"""A ``T | Unset`` is not a ``T`` until narrowed (lines marked ``# error`` must be reported)."""

from __future__ import annotations

from immich_bulk.models import AssetResponseDto, ExifResponseDto


def camera(asset: AssetResponseDto) -> object:
    return asset.exif_info.make  # error


def make(exif: ExifResponseDto) -> str:
    if exif.make is not None:
        return exif.make  # error
    return ""
