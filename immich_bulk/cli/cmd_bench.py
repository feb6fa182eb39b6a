"""``immich-bulk bench``: benchmark the transfer engine, or tune it for your server.

Without ``--url`` it measures against a local FakeImmich subprocess (nothing leaves the
machine). With ``--url`` (the key from ``--key``, ``$IMMICH_API_KEY`` or ``login``) it runs
against that server: it uploads synthetic, unique random photos into an album named
``immich-bulk-bench-<timestamp>`` and deletes exactly those assets and that album at the
end, also when interrupted. ``--tune`` sweeps the upload settings and prints the
recommended ones. See ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..bench.cli import add_arguments, redact_command, run_from_args
from .context import Context


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="benchmark against a local fake server (default) or yours; --tune recommends "
        "upload settings",
        description="Measure uploads, downloads, re-runs and hashing against baselines run "
        "on the same machine (a bare httpx loop, immichpy, sha1sum), or with --tune sweep "
        "the upload settings against a server and recommend values. Without --url the "
        "target is a local FakeImmich subprocess. Against a real server only synthetic "
        "assets are uploaded (into an album immich-bulk-bench-<timestamp>) and exactly "
        "those are deleted afterwards.",
    )
    add_arguments(parser)
    parser.set_defaults(run=run)


async def run(args: argparse.Namespace, ctx: Context) -> int:
    url = key = None
    if args.url and args.key_file:
        url = args.url  # the key is read from the file (again after every reset)
    elif args.url:
        creds = ctx.credentials()  # --key, then $IMMICH_API_KEY, then `immich-bulk login`
        url, key = creds.url, creds.key
    argv = sys.argv[1:]
    if "bench" in argv:
        argv = argv[argv.index("bench") + 1 :]
    command = f"immich-bulk bench {redact_command(argv)}".strip()

    def quiet(message: str) -> None:
        pass

    return await run_from_args(
        args,
        url=url,
        api_key=key,
        command=command,
        out=ctx.stdout,
        log=quiet if getattr(args, "quiet", 0) else None,
    )
