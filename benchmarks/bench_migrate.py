"""Server-to-server migration: streamed (no disk) against download-to-disk-then-upload.

    python benchmarks/bench_migrate.py [--photos 2000] [--kb 200] [--concurrency 4]
                                       [--repeat 2]

Two out-of-process FakeImmich servers (``run_fake_server_subprocess``). The source is
seeded once with ``immich_bulk.samples.write_sample_library(photos=N, size=KB*1000)``
through the upload engine; every measured run gets a fresh, empty target server (started
outside the timing). Contenders, all with the same concurrency:

- **migrate**: ``immich_bulk.transfer.migrate_library(source, target)`` with the default
  ``preserve`` (so it also sets favourites, capture dates etc. with one ``PUT`` per asset,
  which the baseline does not do): list -> check -> stream each original from the source's
  download into the target's upload, nothing on disk;
- **disk**: the same engine the other way round: ``source.download.export(folder,
  everything=True)`` (``.part`` files, SHA-1 verification, fsync, atomic rename), then
  ``target.assets.upload(folder)`` (scan, hash, check, upload);
- **disk-nofsync**: the same with ``DownloadConfig(fsync=False)`` (a faster, less safe
  export), to show the margin without the fsync cost.

Each contender runs ``--repeat`` times (order rotated, after one unmeasured warm-up run);
the best run counts. Ratios > 1 mean migrate is faster. The CPU seconds each process
(client, source server, target server) spent are measured too: where all three compete
for few cores, the wall-clock ratio approaches the ratio of total CPU; with a core each,
migrate keeps both servers busy at once while the baseline uses them one after the other.
Prints a markdown table and writes JSON to ``benchmarks/out/bench_migrate.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from immich_bulk import AsyncClient  # noqa: E402
from immich_bulk.samples import write_sample_library  # noqa: E402
from immich_bulk.testing import SubprocessServer, run_fake_server_subprocess  # noqa: E402
from immich_bulk.transfer import (  # noqa: E402
    DownloadConfig,
    MigrateConfig,
    UploadConfig,
    migrate_library,
)

OUT = ROOT / "benchmarks" / "out"

Runner = Callable[[AsyncClient, AsyncClient, Path], Awaitable[int]]


async def seed(url: str, key: str, root: Path) -> tuple[int, int]:
    async with AsyncClient(url, api_key=key) as client:
        report = await client.assets.upload(root, state_path=None)
    if not report.ok:
        raise RuntimeError(f"seeding failed: {report.summary()}")
    return report.count("uploaded"), report.bytes_transferred


async def run_migrate(source: AsyncClient, target: AsyncClient, work: Path, n: int) -> int:
    report = await migrate_library(
        source, target, config=MigrateConfig(concurrency=n), state_path=work / "state.sqlite3"
    )
    if not report.ok:
        raise RuntimeError(f"migrate failed: {report.summary()}")
    return report.count("migrated")


async def run_disk(
    source: AsyncClient, target: AsyncClient, work: Path, n: int, *, fsync: bool
) -> int:
    folder = work / "export"
    exported = await source.download.export(
        folder,
        everything=True,
        layout="{filename}",
        config=DownloadConfig(concurrency=n, fsync=fsync),
        state_path=work / "export.sqlite3",
    )
    if not exported.ok:
        raise RuntimeError(f"export failed: {exported.summary()}")
    uploaded = await target.assets.upload(
        folder, config=UploadConfig(concurrency=n), state_path=work / "upload.sqlite3"
    )
    if not uploaded.ok:
        raise RuntimeError(f"upload failed: {uploaded.summary()}")
    return uploaded.count("uploaded")


async def _timed(
    runner: Callable[[AsyncClient, AsyncClient, Path], Awaitable[int]],
    source: tuple[str, str],
    target: tuple[str, str],
    work: Path,
) -> tuple[float, int]:
    async with (
        AsyncClient(source[0], api_key=source[1]) as src,
        AsyncClient(target[0], api_key=target[1]) as tgt,
    ):
        started = time.perf_counter()
        moved = await runner(src, tgt, work)
        return time.perf_counter() - started, moved


def process_cpu(pid: int | None = None) -> float:
    """CPU seconds (user + system) of this process, or of another one (Linux /proc)."""
    if pid is None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(
    name: str,
    runner: Callable[[AsyncClient, AsyncClient, Path], Awaitable[int]],
    source: SubprocessServer,
    base: Path,
    expected: int,
) -> tuple[float, dict[str, float]]:
    """Wall seconds of one run, and the CPU seconds each process spent on it."""
    work = base / f"{name}-{time.monotonic_ns()}"
    work.mkdir()
    with run_fake_server_subprocess(data_dir=work / "target-data") as target:
        os.sync()  # no dirty pages of an earlier run are flushed on this run's time
        pids = {
            "source": source.process.pid if source.process else None,
            "target": target.process.pid if target.process else None,
        }
        before = {k: process_cpu(p) for k, p in pids.items()} | {"client": process_cpu()}
        seconds, moved = asyncio.run(
            _timed(runner, (source.url, source.api_key), (target.url, target.api_key), work)
        )
        after = {k: process_cpu(p) for k, p in pids.items()} | {"client": process_cpu()}
        if moved != expected or len(target.assets()) != expected:
            raise RuntimeError(f"{name}: moved {moved}, the target has {len(target.assets())}")
    shutil.rmtree(work)
    return seconds, {k: round(after[k] - before[k], 2) for k in before}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=2000)
    parser.add_argument("--kb", type=int, default=200, help="file size in KB (1000 bytes)")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    n = args.concurrency

    base = Path(tempfile.mkdtemp(prefix="bench-migrate-"))
    results: dict[str, Any] = {}
    try:
        library = write_sample_library(
            base / "library", photos=args.photos, size=args.kb * 1000, extras=False
        )
        del library
        with run_fake_server_subprocess(data_dir=base / "source-data") as source:
            t0 = time.perf_counter()
            count, total_bytes = asyncio.run(seed(source.url, source.api_key, base / "library"))
            print(f"seeded the source with {count} photos in {time.perf_counter() - t0:.1f} s")
            shutil.rmtree(base / "library")

            async def migrate_runner(s: AsyncClient, t: AsyncClient, w: Path) -> int:
                return await run_migrate(s, t, w, n)

            async def disk_runner(s: AsyncClient, t: AsyncClient, w: Path) -> int:
                return await run_disk(s, t, w, n, fsync=True)

            async def nofsync_runner(s: AsyncClient, t: AsyncClient, w: Path) -> int:
                return await run_disk(s, t, w, n, fsync=False)

            runners: dict[str, Runner] = {
                "migrate": migrate_runner,
                "disk": disk_runner,
                "disk-nofsync": nofsync_runner,
            }
            times: dict[str, list[float]] = {k: [] for k in runners}
            cpu: dict[str, list[dict[str, float]]] = {k: [] for k in runners}
            # a first, unmeasured run warms the source up (page cache, search cache)
            measure("warm-up", migrate_runner, source, base, count)
            order = list(runners)
            for rep in range(args.repeat):
                rotated = order[rep % len(order) :] + order[: rep % len(order)]
                for name in rotated:
                    seconds, spent = measure(name, runners[name], source, base, count)
                    times[name].append(seconds)
                    cpu[name].append(spent)
                    print(f"{name}: {seconds:.2f} s, CPU s {spent}")
        best = {k: min(v) for k, v in times.items()}
        best_cpu = {k: cpu[k][times[k].index(best[k])] for k in times}
        results = {
            "cpu_seconds": cpu,
            "cpu_seconds_of_best": best_cpu,
            "files": count,
            "bytes": total_bytes,
            "seconds": times,
            "best": best,
            "assets_per_s": {k: count / v for k, v in best.items()},
            "mb_per_s": {k: total_bytes / 1e6 / v for k, v in best.items()},
            "migrate_vs_disk": best["disk"] / best["migrate"],
            "migrate_vs_disk_nofsync": best["disk-nofsync"] / best["migrate"],
        }
    finally:
        shutil.rmtree(base, ignore_errors=True)

    print()
    print(
        "| method | assets/s | MB/s | best of runs (s) | migrate speed-up "
        "| CPU s: client / source / target |"
    )
    print("|---|---|---|---|---|---|")
    labels = {
        "migrate": "migrate (streamed, no disk)",
        "disk": "export to disk, then upload",
        "disk-nofsync": "export to disk (no fsync), then upload",
    }
    for key, label in labels.items():
        ratio = results["best"][key] / results["best"]["migrate"]
        print(
            f"| {label} | {results['assets_per_s'][key]:.0f} | {results['mb_per_s'][key]:.1f} | "
            f"{results['best'][key]:.2f} | {'-' if key == 'migrate' else f'{ratio:.2f}x'} | "
            + " / ".join(f"{best_cpu[key][p]:.1f}" for p in ("client", "source", "target"))
            + " |"
        )
    print(
        f"\n{results['files']} photos x {args.kb} KB, concurrency {n}, "
        f"{args.repeat} runs each, two subprocess fakes"
    )
    OUT.mkdir(parents=True, exist_ok=True)
    payload = {
        "benchmark": "migrate",
        "args": vars(args),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg(),
        "results": results,
    }
    (OUT / "bench_migrate.json").write_text(json.dumps(payload, indent=2), encoding="utf-8")
    print(f"\nJSON: {OUT / 'bench_migrate.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
