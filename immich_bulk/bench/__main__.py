"""``python -m immich_bulk.bench``: the benchmark harness (same as ``python -m benchmarks``)."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m immich_bulk.bench"))
