"""Where the API spec lives for tests (it is data outside the repo; tests skip without it)."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

SPEC_PATH = Path(
    os.environ.get(
        "IMMICH_SPEC",
        Path(__file__).resolve().parents[2] / "shared/openapi/immich-openapi-specs.v2.7.5.json",
    )
)
TRANSCRIPTS = Path(
    os.environ.get(
        "IMMICH_TRANSCRIPTS", Path(__file__).resolve().parents[2] / "shared/immich-transcripts"
    )
)


def spec_bytes() -> bytes:
    if not SPEC_PATH.is_file():
        pytest.skip(f"the Immich spec is not at {SPEC_PATH} (set IMMICH_SPEC to run this test)")
    return SPEC_PATH.read_bytes()


@lru_cache(maxsize=1)
def _spec() -> dict[str, Any]:
    return json.loads(SPEC_PATH.read_bytes())  # type: ignore[no-any-return]


def spec() -> dict[str, Any]:
    spec_bytes()
    return _spec()
