"""Run one upload in a fresh process and print its memory use as JSON (used by the tests).

python -m tests.upload.memory_probe LIB URL API_KEY BACKEND
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

import anyio

from immich_bulk import AsyncClient
from immich_bulk.transfer.config import UploadConfig


def rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


async def main(lib: str, url: str, key: str) -> dict[str, object]:
    async with AsyncClient(url, api_key=key) as client:
        await client.server.ping_server()  # warm up: imports, connection pool
        baseline = rss_kib()
        report = await client.assets.upload(
            Path(lib), state_path=None, config=UploadConfig(concurrency=4, hash_workers=2)
        )
    return {
        "baseline_kib": baseline,
        "peak_kib": rss_kib(),
        "counts": dict(report.counts),
        "total": report.total,
    }


if __name__ == "__main__":
    lib, url, key, backend = sys.argv[1:5]
    print(json.dumps(anyio.run(main, lib, url, key, backend=backend)))
