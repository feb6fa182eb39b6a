"""Indexing a Google Takeout: time and peak memory, against bare ``zipfile`` baselines.

    python benchmarks/bench_takeout_index.py [--members 5000,100000] [--parts 4] [--repeat 1]

For each size, a synthetic Takeout of about ``--members`` members (half photos, half JSON
sidecars, 20 year folders, album copies of every 10th photo, files scattered over
``--parts`` zip parts; ``tests/takeout/generator.py``) is written once, then each method
runs in a **fresh process** (so peak RSS is its own) ``--repeat`` times, best time kept:

- **zipfile-list**: ``zipfile.ZipFile(part).infolist()`` for every part -- reading the
  central directories only, the least any indexer can do;
- **zipfile+json**: the same, plus reading and ``json.loads`` of every ``.json`` member
  (what any importer must read) -- everything held in memory, as ``zipfile`` does;
- **index**: ``TakeoutIndex.update`` on a fresh index file -- central directories,
  every JSON parsed, all of it written to SQLite, matching across parts (asyncio);
- **index-again**: ``update`` again on the same index (every part known: reused);
- **plan**: ``TakeoutIndex.plan`` (streams every asset from the index).

Peak RSS is the process's high-water mark (``VmHWM``); "Δ" subtracts the same process's
peak after its imports. Ratios are time(method) / time(baseline): > 1 means slower than the bare
listing. Prints a markdown table and writes JSON to ``benchmarks/out/bench_takeout_index.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

METHODS = ("zipfile-list", "zipfile+json", "index", "index-again", "plan")


def _rss_kib() -> int:
    """Peak RSS of this process. ``VmHWM`` where there is one: ``ru_maxrss`` survives
    ``exec`` on Linux, so a child would report the generating parent's peak."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _child(method: str, parts_dir: str, index_path: str) -> dict[str, Any]:
    import anyio

    from immich_bulk.transfer.takeout import TakeoutIndex

    parts = sorted(Path(parts_dir).glob("*.zip"))
    baseline = _rss_kib()
    started = time.perf_counter()
    count = 0
    if method == "zipfile-list":
        for part in parts:
            with zipfile.ZipFile(part) as zf:
                count += len(zf.infolist())
    elif method == "zipfile+json":
        parsed = []
        for part in parts:
            with zipfile.ZipFile(part) as zf:
                for info in zf.infolist():
                    count += 1
                    if info.filename.endswith(".json"):
                        parsed.append(json.loads(zf.read(info)))
    else:

        async def run() -> int:
            async with TakeoutIndex.open(index_path) as index:
                if method == "plan":
                    plan = await index.plan()
                    return plan.assets
                statuses = await index.update(parts)
                return sum(s.members for s in statuses)

        count = anyio.run(run)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_kib": _rss_kib(), "baseline_kib": baseline, "count": count}


def _run_child(method: str, parts_dir: Path, index_path: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", method, str(parts_dir), str(index_path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _measure(members: int, parts: int, repeat: int, work: Path) -> list[dict[str, Any]]:
    from tests.takeout.generator import write_bulk_takeout

    parts_dir = work / f"takeout-{members}"
    started = time.perf_counter()
    paths = write_bulk_takeout(parts_dir, members=members, parts=parts)
    generated = time.perf_counter() - started
    total = sum(len(zipfile.ZipFile(p).infolist()) for p in paths)
    size = sum(p.stat().st_size for p in paths)
    print(
        f"# {total} members in {parts} parts, {size / 1e6:.1f} MB, generated in {generated:.1f}s",
        file=sys.stderr,
    )
    rows = []
    best: dict[str, dict[str, Any]] = {}
    for _ in range(repeat):
        index_path = work / f"index-{members}.sqlite3"
        for stale in work.glob(f"index-{members}.sqlite3*"):
            stale.unlink()
        for method in METHODS:  # index-again and plan reuse the index just built
            result = _run_child(method, parts_dir, index_path)
            if method not in best or result["seconds"] < best[method]["seconds"]:
                best[method] = result
    for method in METHODS:
        r = best[method]
        rows.append(
            {
                "members": total,
                "method": method,
                "seconds": r["seconds"],
                "peak_mib": r["peak_kib"] / 1024,
                "delta_mib": (r["peak_kib"] - r["baseline_kib"]) / 1024,
                "vs_list": r["seconds"] / best["zipfile-list"]["seconds"],
                "vs_json": r["seconds"] / best["zipfile+json"]["seconds"],
                "count": r["count"],
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", default="5000,100000")
    parser.add_argument("--parts", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", nargs=3, metavar=("METHOD", "PARTS", "INDEX"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(*args.child)))
        return 0
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-takeout-") as tmp:
        for members in (int(m) for m in args.members.split(",")):
            rows.extend(_measure(members, args.parts, args.repeat, Path(tmp)))
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs")
    print(
        "| members | method | seconds | peak RSS MiB | Δ RSS MiB "
        "| × zipfile-list | × zipfile+json |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['members']} | {r['method']} | {r['seconds']:.2f} | {r['peak_mib']:.1f} | "
            f"{r['delta_mib']:.1f} | {r['vs_list']:.1f} | {r['vs_json']:.2f} |"
        )
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_takeout_index.json").write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
