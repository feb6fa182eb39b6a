"""``immich-bulk download DEST``: export originals into a folder tree, incrementally."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import anyio

from ..errors import BadRequestError, TransferError
from ..models import MetadataSearchDto
from ..transfer.config import CONCURRENCY, DownloadConfig
from ..transfer.download.export import ExportOptions, export
from ..transfer.download.layout import DEFAULT_LAYOUT, LAYOUT_FIELDS
from ..transfer.overrides import apply_overrides
from ..transfer.server.search import search_filter
from .context import CliError, Context, add_common_options, state_path


def register(subparsers: Any) -> None:
    fields = " ".join("{" + name + "}" for name in LAYOUT_FIELDS)
    parser = subparsers.add_parser(
        "download",
        help="download originals into a folder tree (resumable, verified, incremental)",
        description="Download originals into DEST, verified against their checksums. A re-run "
        "downloads only what is missing; a file whose layout path changed is moved, not "
        f"downloaded again. Layout placeholders: {fields}.",
    )
    parser.add_argument("dest", metavar="DEST", help="destination folder")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--album", metavar="NAME|ID", help="one album (by name or id)")
    what.add_argument(
        "--search",
        metavar="JSON",
        help='a metadata search as JSON, e.g. \'{"takenAfter": "2020-01-01T00:00:00Z"}\'',
    )
    what.add_argument("--all", action="store_true", help="everything the user owns")
    parser.add_argument(
        "--layout", default=DEFAULT_LAYOUT, help="path template (default %(default)s)"
    )
    parser.add_argument("--concurrency", type=int, metavar="N", help="parallel downloads, 1-64 (4)")
    parser.add_argument("--no-verify", action="store_true", help="do not check SHA-1s")
    parser.add_argument("--dry-run", action="store_true", help="list what would be downloaded")
    state = parser.add_mutually_exclusive_group()
    state.add_argument("--state", metavar="FILE", help="state file (default: user cache dir)")
    state.add_argument("--no-state", action="store_true", help="remember nothing between runs")
    add_common_options(parser)
    parser.set_defaults(run=run)


def _search(text: str) -> MetadataSearchDto:
    """The ``--search`` filter, checked against the schema (never silently "everything")."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise CliError(f"--search is not valid JSON: {exc}") from None
    try:
        return search_filter(data, name="--search")
    except (TypeError, ValueError) as exc:
        raise CliError(str(exc)) from None


def _check_dest(text: str, *, create: bool) -> Path:
    """The destination folder, or a clear one-line error when it is not a writable one."""
    dest = Path(text).expanduser()
    if dest.exists() and not dest.is_dir():
        raise CliError(f"not a folder: {dest}")
    try:
        if create:
            dest.mkdir(parents=True, exist_ok=True)
        probe = dest if dest.exists() else next(p for p in dest.parents if p.exists())
        if not os.access(probe, os.W_OK | os.X_OK):
            raise PermissionError(f"no write permission on {probe}")
        if create:  # root ignores permissions: prove it by writing
            with tempfile.TemporaryFile(dir=dest):
                pass
    except OSError as exc:
        raise CliError(f"cannot write to {dest}: {exc}") from None
    return dest


def build_options(args: argparse.Namespace, ctx: Context) -> tuple[ExportOptions, DownloadConfig]:
    """The export's options and config from the command's flags (a bad value: CliError
    naming the flag)."""
    settings: dict[str, Any] = ctx.engine_settings()
    try:
        search = _search(args.search) if args.search else None
        if args.concurrency is not None:
            CONCURRENCY.check("--concurrency", args.concurrency)
        return apply_overrides(
            "export",
            None,
            ExportOptions,
            None,
            DownloadConfig,
            dict(
                album=args.album,
                search=search,
                everything=args.all,
                layout=args.layout,
                verify=not args.no_verify,
                dry_run=args.dry_run,
                concurrency=args.concurrency,
                **settings,
            ),
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None


async def run(args: argparse.Namespace, ctx: Context) -> int:
    options, config = build_options(args, ctx)
    dest = await anyio.to_thread.run_sync(lambda: _check_dest(args.dest, create=not args.dry_run))
    async with ctx.client() as client:
        try:
            _, report = await ctx.run_transfer(
                "download",
                lambda on_event, on_start: export(
                    client,
                    dest,
                    options=options,
                    config=config,
                    state_path=state_path(args),
                    on_event=on_event,
                    on_start=on_start,
                ),
            )
        except TransferError as exc:  # e.g. no such album: nothing was transferred
            raise CliError(str(exc)) from None
        except BadRequestError as exc:  # the listing refused: with --search, the query
            if args.search is None:
                raise
            raise CliError(f"the server refused --search: {exc}") from None
    return ctx.finish(report)
