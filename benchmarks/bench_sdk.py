"""SDK micro-benchmarks, each as a ratio against immichpy==4.2.3 measured in the same run.

    pip install -e '.[bench]'
    python benchmarks/bench_sdk.py [--payloads 10000] [--repeat 5]

- import time: a fresh interpreter importing the package (best of N), and the cost of
  having one endpoint and its model ready to use;
- structuring N ``AssetResponseDto`` payloads (a real v2.7.5 response, ids varied) into
  model objects, and back: ``AssetResponseDto.from_dict`` / ``to_dict`` on both sides
  (cattrs here, pydantic in immichpy).

Ratios > 1 mean immich_bulk is faster. Absolute times are noisy on a shared 2-core
machine; the ratios are the point.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ASSET_JSON = Path(__file__).resolve().parents[1] / "tests" / "sdk" / "data" / "asset.json"

IMPORTS = {
    "floor: import httpx, attrs, cattrs, anyio": "import httpx, attrs, cattrs, anyio",
    "import immich_bulk": "import immich_bulk",
    "immich_bulk: client + assets group + AssetResponseDto": (
        "from immich_bulk import AsyncClient\n"
        "from immich_bulk.api.assets import AssetsApi\n"
        "from immich_bulk.models import AssetResponseDto"
    ),
    "import immichpy": "import immichpy",
    "immichpy: client + assets api + AssetResponseDto": (
        "from immichpy import AsyncClient\n"
        "from immichpy.client.generated.api.assets_api import AssetsApi\n"
        "from immichpy.client.generated.models.asset_response_dto import AssetResponseDto"
    ),
}


def import_seconds(code: str, repeat: int) -> float:
    probe = f"import time\nt = time.perf_counter()\n{code}\nprint(time.perf_counter() - t)"
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True
        )
        runs.append(float(out.stdout.strip()))
    return min(runs)


def payloads(count: int) -> list[dict[str, Any]]:
    base = json.loads(ASSET_JSON.read_text(encoding="utf-8"))
    items = []
    for _ in range(count):
        item = dict(base)
        item["id"] = str(uuid.uuid4())
        items.append(item)
    return items


def best_of(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payloads", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    rows: list[tuple[str, str, str, str]] = []
    imports = {name: import_seconds(code, args.repeat) for name, code in IMPORTS.items()}
    for ours, theirs in (
        ("import immich_bulk", "import immichpy"),
        (
            "immich_bulk: client + assets group + AssetResponseDto",
            "immichpy: client + assets api + AssetResponseDto",
        ),
    ):
        rows.append(
            (
                ours.replace("immich_bulk: ", "").replace("import immich_bulk", "import package"),
                f"{imports[ours] * 1000:.0f} ms",
                f"{imports[theirs] * 1000:.0f} ms",
                f"{imports[theirs] / imports[ours]:.1f}x",
            )
        )

    from immichpy.client.generated.models.asset_response_dto import (
        AssetResponseDto as TheirAsset,
    )

    from immich_bulk.models import AssetResponseDto
    from immich_bulk.serialization import prepare

    data = payloads(args.payloads)
    prepare(AssetResponseDto)  # cattrs builds its code on first use: not part of the timing
    ours_list = [AssetResponseDto.from_dict(d) for d in data]
    theirs_list = [TheirAsset.from_dict(d) for d in data]
    assert len(ours_list) == len(theirs_list) == args.payloads
    assert theirs_list[0] is not None
    assert ours_list[0].checksum == theirs_list[0].checksum
    ours_t, theirs_t = [], []
    for _ in range(args.repeat):  # interleaved, so both see the same machine load
        ours_t.append(best_of(lambda: [AssetResponseDto.from_dict(d) for d in data], 1))
        theirs_t.append(best_of(lambda: [TheirAsset.from_dict(d) for d in data], 1))
    rows.append(
        (
            f"structure {args.payloads:,} AssetResponseDto",
            f"{min(ours_t) * 1000:.0f} ms",
            f"{min(theirs_t) * 1000:.0f} ms",
            f"{min(theirs_t) / min(ours_t):.2f}x",
        )
    )
    ours_u = best_of(lambda: [a.to_dict() for a in ours_list], args.repeat)
    theirs_u = best_of(lambda: [t.to_dict() for t in theirs_list if t], args.repeat)
    rows.append(
        (
            f"unstructure {args.payloads:,} AssetResponseDto",
            f"{ours_u * 1000:.0f} ms",
            f"{theirs_u * 1000:.0f} ms",
            f"{theirs_u / ours_u:.2f}x",
        )
    )

    print(
        f"python {sys.version.split()[0]}; floor ({next(iter(IMPORTS))}): "
        f"{imports[next(iter(IMPORTS))] * 1000:.0f} ms"
    )
    print("| measure | immich_bulk | immichpy 4.2.3 | ratio (immichpy / ours) |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    spread = statistics.pstdev(ours_t) / statistics.mean(ours_t) if len(ours_t) > 1 else 0.0
    print(f"(structuring: best of {args.repeat}, run-to-run spread {spread:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
