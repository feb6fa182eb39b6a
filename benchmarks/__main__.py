"""``python -m benchmarks [--quick] [--scenarios a,b] [--tune] [--url URL --key KEY]``.

Runs the standard benchmark suite of :mod:`immich_bulk.bench` (from the repository root,
so this checkout's ``immich_bulk`` is the one measured). See docs/benchmarks.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from immich_bulk.bench.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(prog="python -m benchmarks"))
