"""Models to and from their wire form keep their types."""

from __future__ import annotations

from typing import Any

from typing_extensions import assert_type

from immich_bulk.models import AlbumResponseDto, AssetResponseDto
from immich_bulk.serialization import from_dict, from_json, to_dict, to_json


def round_trip(asset: AssetResponseDto) -> AssetResponseDto:
    data: dict[str, Any] = asset.to_dict()
    assert_type(AssetResponseDto.from_dict(data), AssetResponseDto)
    assert_type(AssetResponseDto.from_json(asset.to_json(indent=2)), AssetResponseDto)
    assert_type(from_dict(AssetResponseDto, to_dict(asset)), AssetResponseDto)
    return from_json(AssetResponseDto, asset.to_json())


def albums(text: str) -> list[AlbumResponseDto]:
    parsed = from_json(list[AlbumResponseDto], text)
    assert_type(parsed, list[AlbumResponseDto])
    assert isinstance(to_json(parsed), str)
    return parsed
