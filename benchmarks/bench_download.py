"""Download throughput: our export against a bare httpx loop and immichpy, same run.

    python benchmarks/bench_download.py [--small 2000] [--small-kb 200] [--big 10]
                                        [--big-mb 100] [--concurrency 4] [--repeat 2]

One out-of-process FakeImmich (``run_fake_server_subprocess``) serves the same files to
three downloaders, each with the same concurrency, each writing every file to disk:

- **bare**: ``httpx.AsyncClient.stream`` + ``aiter_raw`` + a plain ``write`` per chunk, N
  workers: no listing, no ``.part`` file, no hashing, no fsync -- the practical limit;
- **immichpy** 4.2.3: ``client.assets.download_asset_to_file`` (its download helper), N at
  a time with an asyncio semaphore (what a user would build around it); and
  **immichpy-seq**: the same helper one file after another, as it is written (it has no
  concurrency of its own);
- **ours**: ``client.download.export(dest, search=..., layout="{filename}")``: listing
  through ``search/metadata``, ``.part`` files, SHA-1 verification, fsync, atomic rename,
  the state journal (a fresh SQLite file per run) -- the defaults;
- **ours-nofsync**: the same with ``DownloadConfig(fsync=False)``, to separate the cost of
  durability (the bare loop and immichpy leave everything dirty in the page cache) from the
  engine's own.

Datasets: ``--small`` files of ``--small-kb`` KB and ``--big`` files of ``--big-mb`` MB,
seeded once into the fake's data directory (in-process, then served by the subprocess).
Each method runs ``--repeat`` times per dataset (order rotated); the best run counts.
Ratios > 1 mean ours is faster. Prints a markdown table and writes JSON to
``benchmarks/out/bench_download.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from immich_bulk import AsyncClient  # noqa: E402
from immich_bulk.testing import FakeImmich, run_fake_server_subprocess  # noqa: E402

OUT = ROOT / "benchmarks" / "out"

Asset = tuple[str, str, int]  # id, file name, size


def seed(data_dir: Path, args: argparse.Namespace) -> dict[str, list[Asset]]:
    """Store the datasets in the fake's data directory (no HTTP)."""
    sets: dict[str, list[Asset]] = {"small": [], "big": []}
    scratch = data_dir.parent / "seed"
    scratch.mkdir()
    with FakeImmich(data_dir) as fake:
        admin = fake.admin
        assert admin is not None
        small_size = args.small_kb * 1024
        for i in range(args.small):
            data = os.urandom(small_size)
            asset = fake.add_asset(admin, data, f"small-{i:05d}.jpg")
            sets["small"].append((asset.id, asset.original_file_name, asset.size))
        big_size = args.big_mb * 1024 * 1024
        for i in range(args.big):
            path = scratch / f"big-{i:03d}.mp4"
            with open(path, "wb") as fh:
                fh.write(uuid.uuid4().bytes * 4096)  # a unique head, then zeros (sparse)
                fh.truncate(big_size)
            asset = fake.add_asset(admin, path, path.name)
            sets["big"].append((asset.id, asset.original_file_name, asset.size))
            path.unlink()
    return sets


# ---------------------------------------------------------------------- contenders


async def run_bare(url: str, key: str, assets: list[Asset], dest: Path, n: int) -> None:
    queue = list(assets)
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(
        base_url=url, headers={"x-api-key": key}, limits=limits, timeout=120
    ) as http:

        async def worker() -> None:
            while queue:
                asset_id, name, _ = queue.pop()
                async with http.stream("GET", f"/assets/{asset_id}/original") as resp:
                    resp.raise_for_status()
                    with open(dest / name, "wb") as fh:
                        async for chunk in resp.aiter_raw():
                            fh.write(chunk)

        await asyncio.gather(*(worker() for _ in range(n)))


async def run_immichpy(url: str, key: str, assets: list[Asset], dest: Path, n: int) -> None:
    from immichpy import AsyncClient as PyClient

    semaphore = asyncio.Semaphore(n)
    async with PyClient(api_key=key, base_url=url) as client:

        async def one(asset_id: str) -> None:
            async with semaphore:
                await client.assets.download_asset_to_file(id=uuid.UUID(asset_id), out_dir=dest)

        await asyncio.gather(*(one(a[0]) for a in assets))


async def run_immichpy_seq(url: str, key: str, assets: list[Asset], dest: Path) -> None:
    from immichpy import AsyncClient as PyClient

    async with PyClient(api_key=key, base_url=url) as client:
        for asset_id, _, _ in assets:
            await client.assets.download_asset_to_file(id=uuid.UUID(asset_id), out_dir=dest)


async def run_ours(
    url: str,
    key: str,
    assets: list[Asset],
    dest: Path,
    n: int,
    *,
    search_prefix: str,
    fsync: bool = True,
) -> None:
    from immich_bulk.models import MetadataSearchDto
    from immich_bulk.transfer import DownloadConfig

    async with AsyncClient(url, api_key=key) as client:
        report = await client.download.export(
            dest,
            search=MetadataSearchDto(original_file_name=search_prefix),
            layout="{filename}",
            config=DownloadConfig(concurrency=n, fsync=fsync),
            state_path=dest.parent / f"{dest.name}.state.sqlite3",
        )
    if report.count("downloaded") != len(assets) or not report.ok:
        raise RuntimeError(f"export did not download everything: {report.summary()}")


async def _bare(url: str, key: str, assets: list[Asset], n: int, dest: Path) -> None:
    await run_bare(url, key, assets, dest, n)


async def _immichpy(url: str, key: str, assets: list[Asset], n: int, dest: Path) -> None:
    await run_immichpy(url, key, assets, dest, n)


async def _immichpy_seq(url: str, key: str, assets: list[Asset], n: int, dest: Path) -> None:
    await run_immichpy_seq(url, key, assets, dest)


async def _ours(url: str, key: str, assets: list[Asset], n: int, prefix: str, dest: Path) -> None:
    await run_ours(url, key, assets, dest, n, search_prefix=prefix)


async def _ours_nofsync(
    url: str, key: str, assets: list[Asset], n: int, prefix: str, dest: Path
) -> None:
    await run_ours(url, key, assets, dest, n, search_prefix=prefix, fsync=False)


# ---------------------------------------------------------------------- measuring


async def _call(runner: Callable[[Path], Awaitable[None]], dest: Path) -> None:
    await runner(dest)


def measure(
    name: str,
    runner: Callable[[Path], Awaitable[None]],
    assets: list[Asset],
    work: Path,
) -> tuple[float, float, float]:
    """``(wall seconds, client CPU seconds, event-loop thread CPU seconds)`` of one run
    (CPU: user + system; steadier than wall time on a shared machine)."""
    dest = work / f"{name}-{time.monotonic_ns()}"
    dest.mkdir()
    os.sync()  # no dirty pages of an earlier run are flushed on this run's time
    cpu_before = _cpu()
    loop_before = time.thread_time()
    started = time.perf_counter()
    asyncio.run(_call(runner, dest))
    seconds = time.perf_counter() - started
    cpu = _cpu() - cpu_before
    loop_cpu = time.thread_time() - loop_before
    written = [p.stat().st_size for p in dest.iterdir() if p.is_file()]
    if len(written) != len(assets) or sum(written) != sum(a[2] for a in assets):
        raise RuntimeError(
            f"{name}: {len(written)} files / {sum(written)} bytes written, "
            f"expected {len(assets)} / {sum(a[2] for a in assets)}"
        )
    shutil.rmtree(dest)
    for state in work.glob("*.state.sqlite3*"):
        state.unlink()
    return seconds, cpu, loop_cpu


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--small-kb", type=int, default=200)
    parser.add_argument("--big", type=int, default=10)
    parser.add_argument("--big-mb", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)

    base = Path(tempfile.mkdtemp(prefix="bench-download-"))
    results: dict[str, dict[str, Any]] = {}
    try:
        t0 = time.perf_counter()
        data_dir = base / "data"
        sets = seed(data_dir, args)
        os.sync()
        seed_seconds = time.perf_counter() - t0
        print(f"seeded {sum(len(v) for v in sets.values())} assets in {seed_seconds:.1f} s")
        work = base / "work"
        work.mkdir()
        with run_fake_server_subprocess(data_dir=data_dir) as server:
            url, key, n = server.url, server.api_key, args.concurrency
            for label, assets in sets.items():
                if not assets:
                    continue
                prefix = f"{label}-"
                runners: dict[str, Callable[[Path], Awaitable[None]]] = {
                    "bare": functools.partial(_bare, url, key, assets, n),
                    "immichpy": functools.partial(_immichpy, url, key, assets, n),
                    "immichpy-seq": functools.partial(_immichpy_seq, url, key, assets, n),
                    "ours": functools.partial(_ours, url, key, assets, n, prefix),
                    "ours-nofsync": functools.partial(_ours_nofsync, url, key, assets, n, prefix),
                }
                times: dict[str, list[float]] = {k: [] for k in runners}
                cpus: dict[str, list[float]] = {k: [] for k in runners}
                loops: dict[str, list[float]] = {k: [] for k in runners}
                order = list(runners)
                for rep in range(args.repeat):
                    rotated = order[rep % len(order) :] + order[: rep % len(order)]
                    for name in rotated:
                        wall, cpu, loop = measure(name, runners[name], assets, work)
                        times[name].append(wall)
                        cpus[name].append(cpu)
                        loops[name].append(loop)
                total_bytes = sum(a[2] for a in assets)
                best = {k: min(v) for k, v in times.items()}
                results[label] = {
                    "files": len(assets),
                    "bytes": total_bytes,
                    "seconds": times,
                    "cpu_seconds": cpus,
                    "best": best,
                    "best_cpu": {k: min(v) for k, v in cpus.items()},
                    "files_per_s": {k: len(assets) / v for k, v in best.items()},
                    "mb_per_s": {k: total_bytes / 1e6 / v for k, v in best.items()},
                    "ours_vs_bare": best["bare"] / best["ours"],
                    "ours_vs_immichpy": best["immichpy"] / best["ours"],
                    "ours_vs_immichpy_seq": best["immichpy-seq"] / best["ours"],
                    "nofsync_vs_bare": best["bare"] / best["ours-nofsync"],
                    "cpu_ms_per_file": {k: 1000 * min(v) / len(assets) for k, v in cpus.items()},
                    "cpu_s_per_gb": {k: min(v) / (total_bytes / 1e9) for k, v in cpus.items()},
                    "loop_cpu_ms_per_file": {
                        k: 1000 * min(v) / len(assets) for k, v in loops.items()
                    },
                    "loop_cpu_s_per_gb": {
                        k: min(v) / (total_bytes / 1e9) for k, v in loops.items()
                    },
                }
                print(
                    f"{label} (wall s): "
                    + ", ".join(
                        f"{k} {', '.join(f'{t:.2f}' for t in v)} s" for k, v in times.items()
                    )
                )
    finally:
        shutil.rmtree(base, ignore_errors=True)

    print()
    print(
        f"| dataset (concurrency {args.concurrency}) | bare httpx | immichpy 4.2.3 "
        "| immichpy 4.2.3, one at a time | ours (export) | ours, fsync off | ours / bare "
        "| ours / immichpy | ours / immichpy one at a time | ours fsync off / bare |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results.values():
        cells = [
            f"{r['files_per_s'][k]:.0f} files/s, {r['mb_per_s'][k]:.0f} MB/s"
            for k in ("bare", "immichpy", "immichpy-seq", "ours", "ours-nofsync")
        ]
        print(
            f"| {r['files']} x {r['bytes'] // r['files'] // 1024} KB | "
            + " | ".join(cells)
            + f" | {r['ours_vs_bare']:.2f}x | {r['ours_vs_immichpy']:.2f}x"
            + f" | {r['ours_vs_immichpy_seq']:.2f}x | {r['nofsync_vs_bare']:.2f}x |"
        )
    print()
    print(
        "Client CPU, user + system (steadier than wall time on a busy machine): all threads"
        " / the event-loop thread alone (the GIL-bound part):"
    )
    print()
    names = ("bare", "immichpy", "immichpy-seq", "ours", "ours-nofsync")
    print("| dataset | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for r in results.values():
        small = r["bytes"] // r["files"] < 10 * 1024 * 1024
        per, loop_key = (
            ("cpu_ms_per_file", "loop_cpu_ms_per_file")
            if small
            else ("cpu_s_per_gb", "loop_cpu_s_per_gb")
        )
        unit = "ms/file" if small else "s/GB"
        print(
            f"| {r['files']} x {r['bytes'] // r['files'] // 1024} KB | "
            + " | ".join(f"{r[per][k]:.2f} / {r[loop_key][k]:.2f} {unit}" for k in names)
            + " |"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    payload = {
        "benchmark": "download",
        "args": vars(args),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "results": results,
    }
    (OUT / "bench_download.json").write_text(json.dumps(payload, indent=2), encoding="utf-8")
    print(f"\nJSON: {OUT / 'bench_download.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
