"""``immich-bulk demo``: the whole round trip against an embedded fake server.

Starts FakeImmich on a free loopback port (a separate process, real sockets), writes a
sample library (valid JPEGs with EXIF dates, two sidecars, a duplicate pair, a text file),
uploads it, uploads it again (everything is a duplicate: nothing is sent), downloads all of
it into a fresh folder, and checks every downloaded file's SHA-1 against the originals.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import anyio
import attrs

from ..client import AsyncClient
from ..samples import write_sample_library
from ..transfer.config import CONCURRENCY, Bounds, DownloadConfig, MiB, UploadConfig
from ..transfer.download.export import ExportOptions, export
from ..transfer.report import TransferReport
from ..transfer.upload.engine import UploadOptions, upload
from .context import EXIT_FAILED, EXIT_OK, CliError, Context


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="upload, re-upload, download and verify a sample library on a built-in fake server",
        description=__doc__,
    )
    parser.add_argument(
        "--photos", type=int, default=300, help="photos in the sample library, 1-100000 (300)"
    )
    parser.add_argument(
        "--size", type=int, default=64_000, help="bytes per photo, up to 64 MiB (%(default)s)"
    )
    parser.add_argument("--concurrency", type=int, default=4, help="1-64 (4)")
    parser.add_argument("--workdir", help="keep everything in this folder (default: temporary)")
    parser.add_argument("--no-progress", action="store_true", help="no progress on stderr")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.set_defaults(run=run, events=None)


@attrs.define
class Phase:
    name: str
    items: int
    megabytes: float
    seconds: float
    detail: str

    @property
    def speed(self) -> str:
        return f"{self.megabytes / self.seconds:.1f} MB/s" if self.seconds > 0 else "-"


def _hash_tree(root: Path) -> dict[bytes, list[Path]]:
    found: dict[bytes, list[Path]] = {}
    for folder, _, names in os.walk(root):
        for name in names:
            if name.lower().endswith((".jpg", ".jpeg")):
                path = Path(folder) / name
                found.setdefault(hashlib.sha1(path.read_bytes()).digest(), []).append(path)
    return found


async def _upload(
    client: AsyncClient, ctx: Context, library: Path, state: Path, concurrency: int
) -> TransferReport:
    _, report = await ctx.run_transfer(
        "upload",
        lambda on_event, on_start: upload(
            client,
            library,
            options=UploadOptions(album_from_folder=True),
            config=UploadConfig(concurrency=concurrency),
            state_path=state,
            on_event=on_event,
            on_start=on_start,
        ),
    )
    return report


async def _download(
    client: AsyncClient, ctx: Context, dest: Path, state: Path, concurrency: int
) -> TransferReport:
    _, report = await ctx.run_transfer(
        "download",
        lambda on_event, on_start: export(
            client,
            dest,
            options=ExportOptions(everything=True, layout="{yyyy}/{filename}"),
            config=DownloadConfig(concurrency=concurrency),
            state_path=state,
            on_event=on_event,
            on_start=on_start,
        ),
    )
    return report


#: The demo's own sizes (a sample library is written to disk first).
PHOTOS = Bounds(1, 100_000)
PHOTO_SIZE = Bounds(0, 64 * MiB, unit="bytes")


async def run(args: argparse.Namespace, ctx: Context) -> int:
    try:
        PHOTOS.check("--photos", args.photos)
        PHOTO_SIZE.check("--size", args.size)
        CONCURRENCY.check("--concurrency", args.concurrency)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    keep = args.workdir is not None
    work = Path(args.workdir) if keep else Path(tempfile.mkdtemp(prefix="immich-bulk-demo-"))
    work.mkdir(parents=True, exist_ok=True)
    out = ctx.stdout
    try:
        library = work / "library"
        if library.exists():
            shutil.rmtree(library)
        sample = await anyio.to_thread.run_sync(
            lambda: write_sample_library(library, photos=args.photos, size=args.size)
        )
        if not args.json:
            print(
                f"sample library: {sample.photos} photos, {sample.files} files, "
                f"{sample.bytes / 1e6:.1f} MB in {library}",
                file=out,
            )
        from ..testing import run_fake_server_subprocess  # imported only for the demo

        manager = run_fake_server_subprocess(data_dir=work / "server")
        server = await anyio.to_thread.run_sync(manager.__enter__)
        try:
            if not args.json:
                print(f"fake Immich server: {server.url}", file=out)
            phases, ok = await _round_trip(args, ctx, server.url, server.api_key, work, library)
        finally:
            await anyio.to_thread.run_sync(manager.__exit__, None, None, None)
    finally:
        if not keep:
            await anyio.to_thread.run_sync(lambda: shutil.rmtree(work, ignore_errors=True))
    if args.json:
        ctx.print_json({"ok": ok, "phases": [attrs.asdict(p) for p in phases]})
    else:
        print(f"\n{'phase':<12}{'items':>7}{'MB':>9}{'seconds':>9}{'speed':>13}  result", file=out)
        for p in phases:
            print(
                f"{p.name:<12}{p.items:>7}{p.megabytes:>9.1f}{p.seconds:>9.2f}{p.speed:>13}  "
                f"{p.detail}",
                file=out,
            )
        print(
            "\nOK: every photo is on the server once and came back intact"
            if ok
            else "\nFAILED: see the results above",
            file=out,
        )
    return EXIT_OK if ok else EXIT_FAILED


async def _round_trip(
    args: argparse.Namespace, ctx: Context, url: str, key: str, work: Path, library: Path
) -> tuple[list[Phase], bool]:
    state = work / "state.db"
    dest = work / "download"
    phases: list[Phase] = []
    ok = True
    async with AsyncClient(url, api_key=key) as client:
        started = time.monotonic()
        first = await _upload(client, ctx, library, state, args.concurrency)
        phases.append(
            Phase(
                "upload",
                first.total,
                first.bytes_transferred / 1e6,
                time.monotonic() - started,
                ", ".join(f"{n} {s}" for s, n in sorted(first.counts.items())),
            )
        )
        ok &= first.ok and first.count("uploaded") == args.photos
        started = time.monotonic()
        second = await _upload(client, ctx, library, state, args.concurrency)
        phases.append(
            Phase(
                "re-upload",
                second.total,
                second.bytes_transferred / 1e6,
                time.monotonic() - started,
                f"{second.count('duplicate')} duplicates, {second.count('uploaded')} sent",
            )
        )
        ok &= second.ok and second.count("uploaded") == 0
        started = time.monotonic()
        download = await _download(client, ctx, dest, state, args.concurrency)
        phases.append(
            Phase(
                "download",
                download.total,
                download.bytes_transferred / 1e6,
                time.monotonic() - started,
                ", ".join(f"{n} {s}" for s, n in sorted(download.counts.items())),
            )
        )
        ok &= download.ok and download.count("downloaded") == args.photos
    started = time.monotonic()
    originals = await anyio.to_thread.run_sync(_hash_tree, library)
    copies = await anyio.to_thread.run_sync(_hash_tree, dest)
    missing = set(originals) - set(copies)
    unexpected = set(copies) - set(originals)
    extra_copies = sum(len(paths) - 1 for paths in copies.values())
    verified = not missing and not unexpected and not extra_copies
    phases.append(
        Phase(
            "verify",
            len(copies),
            sum(p.stat().st_size for ps in copies.values() for p in ps) / 1e6,
            time.monotonic() - started,
            "every SHA-1 matches an original, each photo once"
            if verified
            else f"{len(missing)} missing, {len(unexpected)} unknown, {extra_copies} duplicated",
        )
    )
    return phases, ok and verified
