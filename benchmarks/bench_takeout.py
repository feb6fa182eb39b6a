"""Importing a Google Takeout against uploading the same photos already extracted.

    python benchmarks/bench_takeout.py [--photos 5000] [--size 16384] [--parts 4]
        [--repeat 2] [--url URL --key-file FILE]

A synthetic Takeout of ``--photos`` photos (real JPEGs of about ``--size`` bytes, each
with its JSON sidecar; an album folder holding a copy of every 10th photo; members spread
over ``--parts`` zip parts, photos stored, JSON deflated) is written once, and the same
photos are extracted into a folder tree. Then, in the same command and against the same
server, each contender runs as a user runs it (``python -m immich_bulk``, a child
process, a fresh state file, a fresh user of the server so neither finds the other's
uploads), alternating, ``--repeat`` times (the best time kept):

- **upload**: ``immich-bulk upload EXTRACTED`` (the baseline: the photos already on disk);
- **takeout**: ``immich-bulk takeout PARTS...`` (indexing included, every photo streamed
  from its zip with its metadata, the album made);
- **takeout-again**: the same command again (every part known, every photo in the journal).

Without ``--url`` the server is the fake one (``immich-bulk fake-server`` in a child
process); with ``--url`` and ``--key-file`` (an admin API key) a real Immich, on which a
user is created per run, and each run starts once the server's job queues are idle (no
contender pays for the thumbnails of another's photos). "vs upload" is
time(upload) / time(method): the import's speed as a fraction of the baseline's (1.0 = as
fast; the goal is at least 0.9). Peak RSS is the
child's own. Prints a markdown table and writes JSON to ``benchmarks/out/bench_takeout.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import secrets
import shutil
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


def _write(root: Path, photos: int, size: int, parts: int) -> tuple[list[Path], Path, int]:
    """The Takeout's parts, the extracted tree, and the bytes of media."""
    from immich_bulk.samples import jpeg_bytes
    from tests.takeout.generator import EXPORT, PHOTOS, album_json, sidecar_json

    paths = [root / f"{EXPORT}-{n:03d}.zip" for n in range(1, parts + 1)]
    tree = root / "extracted"
    zips = [zipfile.ZipFile(p, "w") for p in paths]
    total = 0
    start = dt.datetime(2010, 1, 1)

    def put(n: int, name: str, data: bytes, stored: bool) -> None:
        info = zipfile.ZipInfo(name, (2024, 7, 12, 11, 23, 41))
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        zips[n % parts].writestr(info, data)

    try:
        put(0, f"Takeout/{PHOTOS}/Best of/metadata.json", album_json("Best of"), False)
        for i in range(photos):
            data = jpeg_bytes(i, start + dt.timedelta(hours=i), size=size)
            total += len(data)
            year = f"Photos from {2010 + i // 1000}"
            name = f"IMG_{i:06d}.jpg"
            side = sidecar_json(name, 1_262_304_000 + i * 3600)
            put(i, f"Takeout/{PHOTOS}/{year}/{name}", data, True)
            put(i + 1, f"Takeout/{PHOTOS}/{year}/{name}.json", side, False)
            target = tree / year / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            if i % 10 == 0:
                put(i + 2, f"Takeout/{PHOTOS}/Best of/{name}", data, True)
                put(i + 3, f"Takeout/{PHOTOS}/Best of/{name}.json", side, False)
    finally:
        for z in zips:
            z.close()
    return paths, tree, total


def _run(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run ``immich-bulk ARGS --json`` in a child; its time, peak RSS and report."""
    command = [sys.executable, "-m", "immich_bulk", *args, "--json", "--no-progress"]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    # the child is reaped by communicate(); RUSAGE_CHILDREN keeps the largest peak so far,
    # so each contender's peak is read in a process of its own (see _measure)
    if process.returncode != 0:
        raise SystemExit(
            f"{' '.join(args[:1])} failed ({process.returncode}):\n{err.decode()[-3000:]}"
        )
    report = json.loads(out)
    return {"seconds": seconds, "counts": report["counts"], "ok": report["ok"]}


def _measure(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """:func:`_run` in a fresh Python process, so ``RUSAGE_CHILDREN`` is this run's alone."""
    code = (
        "import json, resource, sys; sys.path.insert(0, sys.argv[1]); "
        "from benchmarks.bench_takeout import _run; "
        "r = _run(json.loads(sys.argv[2]), dict(__import__('os').environ)); "
        "r['peak_rss_kib'] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
        "print(json.dumps(r))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), json.dumps(args)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


class _Server:
    """Fresh users on the fake server (a child process) or on a real Immich."""

    def __init__(self, url: str | None, key_file: str | None, workdir: Path) -> None:
        self.url = url
        self.admin_key = Path(key_file).read_text().strip() if key_file else None
        self._fake: Any = None
        if url is None:
            from immich_bulk.testing import SubprocessServer

            self._fake = SubprocessServer(data_dir=workdir / "fake")
            self._fake.start()
            self.url = self._fake.url

    def user(self) -> str:
        """A new user's API key."""
        name = f"bench-{secrets.token_hex(4)}"
        if self._fake is not None:
            return str(self._fake.create_user(f"{name}@example.com")["apiKey"])
        import anyio

        from tests.e2e.real import RealServer, create_user

        async def make() -> str:
            from immich_bulk import AsyncClient

            assert self.url is not None and self.admin_key is not None
            server = RealServer(url=self.url, admin_key=self.admin_key, version="")
            async with AsyncClient(self.url, api_key=self.admin_key) as admin:
                return (await create_user(server, admin, name=name)).api_key

        return anyio.run(make)

    def drain(self) -> None:
        """Wait until a real server's job queues are idle (thumbnails and metadata of the
        previous run's photos), so that no contender runs against another's backlog."""
        if self._fake is not None:
            return
        import anyio

        from immich_bulk import AsyncClient

        async def wait() -> None:
            assert self.url is not None and self.admin_key is not None
            async with AsyncClient(self.url, api_key=self.admin_key) as admin:
                idle = 0
                while idle < 2:
                    queues = await admin.queues.get_queues()
                    busy = sum(
                        q.statistics.active + q.statistics.waiting + q.statistics.delayed
                        for q in queues
                        if not q.is_paused
                    )
                    idle = idle + 1 if busy == 0 else 0
                    await anyio.sleep(1)

        anyio.run(wait)

    def close(self) -> None:
        if self._fake is not None:
            self._fake.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=int, default=5000)
    parser.add_argument("--size", type=int, default=16384, help="bytes per photo")
    parser.add_argument("--parts", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--url", help="a real Immich API URL (default: the fake server)")
    parser.add_argument("--key-file", help="with --url: a file holding an admin API key")
    args = parser.parse_args()
    if bool(args.url) != bool(args.key_file):
        parser.error("--url and --key-file go together")
    workdir = Path(tempfile.mkdtemp(prefix="bench-takeout-"))
    server = None
    try:
        parts, tree, total = _write(workdir, args.photos, args.size, args.parts)
        server = _Server(args.url, args.key_file, workdir)
        best: dict[str, dict[str, Any]] = {}
        for n in range(args.repeat):
            runs = {
                "upload": ["upload", str(tree)],
                "takeout": ["takeout", *map(str, parts)],
            }
            order = list(runs) if n % 2 == 0 else list(reversed(runs))
            for method in order:
                key = server.user()
                state = workdir / f"state-{method}-{n}.db"
                env = {
                    **os.environ, "IMMICH_INSTANCE_URL": str(server.url), "IMMICH_API_KEY": key,
                    "XDG_CACHE_HOME": str(workdir / f"cache-{method}-{n}"),
                    "IMMICH_BULK_CONFIG_DIR": str(workdir / "config"), "PYTHONPATH": str(ROOT),
                }  # fmt: skip
                server.drain()
                results = {method: _measure([*runs[method], "--state", str(state)], env)}
                if method == "takeout":
                    server.drain()
                    again = _measure([*runs[method], "--state", str(state)], env)
                    results["takeout-again"] = again
                for name, result in results.items():
                    if name not in best or result["seconds"] < best[name]["seconds"]:
                        best[name] = result
        baseline = best["upload"]["seconds"]
        print(f"{args.photos} photos of ~{args.size} B ({total / 1e6:.0f} MB) in {args.parts} "
              f"zip parts, server: {'real ' + str(args.url) if args.url else 'fake'}, "
              f"best of {args.repeat}\n")  # fmt: skip
        print("| method | seconds | photos/s | vs upload | peak RSS MiB | outcomes |")
        print("|---|---:|---:|---:|---:|---|")
        for name in ("upload", "takeout", "takeout-again"):
            r = best[name]
            counts = ", ".join(f"{k} {v}" for k, v in sorted(r["counts"].items()))
            rate, ratio = args.photos / r["seconds"], baseline / r["seconds"]
            rss = r["peak_rss_kib"] / 1024
            print(
                f"| {name} | {r['seconds']:.2f} | {rate:.0f} | {ratio:.2f} | {rss:.0f} | {counts} |"
            )
        out = ROOT / "benchmarks" / "out"
        out.mkdir(exist_ok=True)
        (out / "bench_takeout.json").write_text(
            json.dumps(
                {"photos": args.photos, "size": args.size, "parts": args.parts,
                 "server": args.url or "fake", "python": platform.python_version(),
                 "results": best},
                indent=1,
            )
        )  # fmt: skip
    finally:
        if server is not None:
            server.close()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
