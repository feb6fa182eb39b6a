"""SHA-1 throughput of the hashing stage against coreutils ``sha1sum``.

    python benchmarks/bench_hashing.py [--files 200] [--size-mb 5] [--workers 2] [--repeat 5]

Writes ``files`` random files of ``size-mb`` MB to a temporary directory, reads them once
so both sides hash from the page cache, then, ``repeat`` times each, alternating:

- ``sha1sum``: ``workers`` processes in parallel, the files split round-robin between them;
- ``immich_bulk``: ``Hasher(max_workers=workers)`` (worker threads under a
  ``CapacityLimiter``, 1 MiB ``readinto`` chunks) fed by ``workers`` tasks, under anyio
  (asyncio backend), no state store (every file really hashed).

Prints the best and median wall time of each and the throughput ratio
(> 1: immich_bulk is faster). Digests are cross-checked. Timings on a shared machine
are noisy; the best-of-N ratio is the number to quote.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import anyio
from anyio.streams.memory import MemoryObjectReceiveStream

from immich_bulk.transfer import Hasher, HashResult, ScannedFile, ScanOptions, iter_scan


def make_files(directory: Path, count: int, size: int) -> list[Path]:
    block = os.urandom(size)
    paths = []
    for i in range(count):
        path = directory / f"{i:05}.jpg"
        # Vary every file a little so no two digests are equal.
        path.write_bytes(i.to_bytes(8, "little") + block[8:])
        paths.append(path)
    return paths


def warm(paths: list[Path]) -> None:
    for path in paths:
        with open(path, "rb") as f:
            while f.read(1 << 20):
                pass


def run_sha1sum(paths: list[Path], workers: int) -> tuple[float, dict[str, str]]:
    groups = [paths[i::workers] for i in range(workers)]
    started = time.perf_counter()
    procs = [
        subprocess.Popen(["sha1sum", *map(str, group)], stdout=subprocess.PIPE)
        for group in groups
        if group
    ]
    outputs = [p.communicate()[0] for p in procs]
    elapsed = time.perf_counter() - started
    digests = {}
    for out in outputs:
        for line in out.decode().splitlines():
            digest, _, name = line.partition("  ")
            digests[name] = digest
    return elapsed, digests


def run_hasher(items: list[ScannedFile], workers: int) -> tuple[float, dict[str, str]]:
    results: dict[str, HashResult] = {}

    async def main() -> float:
        hasher = Hasher(max_workers=workers)
        send, receive = anyio.create_memory_object_stream[ScannedFile](workers)

        async def worker(receive: MemoryObjectReceiveStream[ScannedFile]) -> None:
            async with receive:
                async for item in receive:
                    results[str(item.path)] = await hasher.hash(item)

        started = time.perf_counter()
        async with anyio.create_task_group() as tg:
            async with receive:
                for _ in range(workers):
                    tg.start_soon(worker, receive.clone())
            async with send:
                for item in items:
                    await send.send(item)
        return time.perf_counter() - started

    elapsed = anyio.run(main)
    return elapsed, {name: r.hex for name, r in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--size-mb", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None, help="where to write the files")
    args = parser.parse_args()
    if shutil.which("sha1sum") is None:
        sys.exit("sha1sum not found")

    size = int(args.size_mb * 1_000_000)
    total_mb = args.files * size / 1e6
    tmp = Path(tempfile.mkdtemp(prefix="bench-hashing-", dir=args.dir))
    try:
        paths = make_files(tmp, args.files, size)
        warm(paths)
        items = [
            item
            for item in iter_scan([tmp], ScanOptions(extensions={".jpg"}))
            if isinstance(item, ScannedFile)
        ]
        assert len(items) == args.files

        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(args.repeat):
            t, reference = run_sha1sum(paths, args.workers)
            theirs.append(t)
            t, digests = run_hasher(items, args.workers)
            ours.append(t)
            assert digests == reference, "digests differ from sha1sum"
        spot = paths[0]
        assert digests[str(spot)] == hashlib.sha1(spot.read_bytes()).hexdigest()
    finally:
        shutil.rmtree(tmp)

    coreutils = subprocess.run(["sha1sum", "--version"], capture_output=True, text=True)
    print(
        f"{args.files} files x {args.size_mb:g} MB = {total_mb:.0f} MB, page cache warm, "
        f"{args.workers} workers, best/median of {args.repeat}"
    )
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.machine()}, Python "
        f"{platform.python_version()}, {ssl.OPENSSL_VERSION}, "
        f"{coreutils.stdout.splitlines()[0]}"
    )
    for name, times in (
        (f"sha1sum x{args.workers} processes", theirs),
        ("immich_bulk Hasher", ours),
    ):
        best, median = min(times), statistics.median(times)
        print(
            f"  {name:28} best {best:6.3f}s ({total_mb / best:7.1f} MB/s)  "
            f"median {median:6.3f}s ({total_mb / median:7.1f} MB/s)"
        )
    print(
        f"ratio (immich_bulk / sha1sum throughput): best {min(theirs) / min(ours):.2f}x, "
        f"median {statistics.median(theirs) / statistics.median(ours):.2f}x"
    )


if __name__ == "__main__":
    main()
