"""Fixtures for the FakeImmich tests: a fresh fake per test and a spec-validating client."""

from __future__ import annotations

import hashlib
import random
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from immich_bulk.testing import FakeImmich
from immich_bulk.testing.media import _JPEG_8X8

from .spec_check import SpecChecker

SPEC_CHECKER = SpecChecker()


@pytest.fixture
def spec_checker() -> SpecChecker:
    return SPEC_CHECKER


@pytest.fixture
async def fake() -> AsyncIterator[FakeImmich]:
    async with FakeImmich() as instance:
        yield instance


@pytest.fixture
async def client(fake: FakeImmich) -> AsyncIterator[httpx.AsyncClient]:
    """httpx client on the fake (admin key); every 2xx JSON response is checked against the spec."""
    async with fake.httpx_client(event_hooks={"response": [SPEC_CHECKER.hook]}) as http:
        yield http


def make_jpeg(seed: str, size: int, width: int = 320, height: int = 240) -> bytes:
    """A JPEG of exactly ``size`` bytes whose header says ``width`` x ``height``.

    Built from a tiny valid JPEG plus COM segments of seeded random filler after the frame
    header, so different seeds give different SHA-1s.
    """
    base = bytearray(_JPEG_8X8)
    sof = base.index(b"\xff\xc0")
    base[sof + 5 : sof + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    need = size - len(base)
    rng = random.Random(seed)
    segments = []
    while need > 0:
        payload = min(need - 4, 65533)
        if payload < 0:
            raise ValueError("size too small")
        segments.append(b"\xff\xfe" + (payload + 2).to_bytes(2, "big") + rng.randbytes(payload))
        need -= payload + 4
    after_sof = sof + 2 + int.from_bytes(base[sof + 2 : sof + 4], "big")
    return bytes(base[:after_sof]) + b"".join(segments) + bytes(base[after_sof:])


def upload_form(
    data: bytes,
    filename: str = "img.jpg",
    *,
    device_asset_id: str | None = None,
    created: str = "2024-05-01T10:00:00.000Z",
    **fields: Any,
) -> dict[str, Any]:
    """``files=``/``data=`` kwargs for an httpx upload to ``POST /assets``."""
    form = {
        "deviceAssetId": device_asset_id or f"{filename}-{len(data)}",
        "deviceId": "pytest",
        "fileCreatedAt": created,
        "fileModifiedAt": created,
        **{k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in fields.items()},
    }
    return {"files": {"assetData": (filename, data, "application/octet-stream")}, "data": form}


def sha1_hex(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()
