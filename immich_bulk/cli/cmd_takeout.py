"""``immich-bulk takeout PATH...``: import a Google Photos Takeout (zip/tgz parts or
extracted folders) with its dates, favourites, archive, descriptions, places, albums and
live photos."""

from __future__ import annotations

import argparse
import io
from pathlib import Path
from typing import Any

from ..transfer.config import UploadConfig
from ..transfer.overrides import apply_overrides
from ..transfer.takeout import TakeoutError, TakeoutIndex, render_plan
from ..transfer.takeout.importer import TakeoutImporter, TakeoutOptions, import_takeout
from .cmd_upload import add_pause_jobs_option, check_paths, upload_settings
from .context import CliError, Context, add_common_options, state_path
from .display import echo


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "takeout",
        help="import a Google Photos Takeout (zip parts or extracted folders)",
        description="Import a Google Photos Takeout: every part is indexed first (nothing is "
        "extracted), each photo gets the date, place, description, favourite and archive "
        "state of its JSON, albums are made from album folders, live photos are linked. "
        "Re-running resumes; giving one more part reads only that part.",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="Takeout .zip/.tgz parts or extracted folders"
    )
    parser.add_argument("--dry-run", action="store_true", help="print the plan, upload nothing")
    parser.add_argument(
        "--include-trashed",
        action="store_true",
        help="also import photos from Google's trash (then put them in the server's trash)",
    )
    parser.add_argument(
        "--include-partner", action="store_true", help="also import photos a partner shared"
    )
    parser.add_argument(
        "--skip-locked",
        action="store_true",
        help="skip Locked Folder items (default: into the server's locked folder)",
    )
    parser.add_argument(
        "--include-motion-videos",
        action="store_true",
        help="also upload the video part of Pixel motion photos",
    )
    parser.add_argument(
        "--untitled-albums",
        action="store_true",
        help="create albums for Google's untitled albums (named after their folder)",
    )
    parser.add_argument(
        "--skip-unmatched",
        action="store_true",
        help="skip media without a JSON sidecar (default: upload, dated from the file)",
    )
    parser.add_argument("--concurrency", metavar="N", help="parallel uploads (4)")
    parser.add_argument("--limit-rate", metavar="RATE", help="cap the bandwidth, e.g. 20M")
    add_pause_jobs_option(parser)
    parser.add_argument(
        "--wait-for-jobs", action="store_true", help="afterwards, wait for those jobs to finish"
    )
    parser.add_argument(
        "--recheck", action="store_true", help="ask the server again about photos already sent"
    )
    parser.add_argument(
        "--index", metavar="FILE", help="Takeout index file (default: beside the state file)"
    )
    state = parser.add_mutually_exclusive_group()
    state.add_argument("--state", metavar="FILE", help="state file (default: user cache dir)")
    state.add_argument("--no-state", action="store_true", help="remember nothing between runs")
    add_common_options(parser)
    parser.set_defaults(run=run)


async def _print_plan(ctx: Context, importer: TakeoutImporter, options: TakeoutOptions) -> None:
    if importer.plan is None or importer.index_path is None:
        return
    problems = []
    async with TakeoutIndex.open(importer.index_path) as index:
        async for batch in index.problems(options.plan_options()):
            problems.extend(batch)
    text = io.StringIO()
    render_plan(importer.plan, text, problems)
    for line in text.getvalue().splitlines():
        echo(line, ctx.stdout)  # names from the archive, escaped like every other line


def build_options(args: argparse.Namespace, ctx: Context) -> tuple[TakeoutOptions, UploadConfig]:
    """The import's options and config from the command's flags (a bad value: CliError
    naming the flag)."""
    try:
        settings = upload_settings(args, ctx, adaptive=False)
        return apply_overrides(
            "import_takeout",
            None,
            TakeoutOptions,
            None,
            UploadConfig,
            dict(
                include_trashed=args.include_trashed,
                include_partner=args.include_partner,
                skip_locked=args.skip_locked,
                include_motion_videos=args.include_motion_videos,
                untitled_albums=args.untitled_albums,
                include_unmatched=not args.skip_unmatched,
                dry_run=args.dry_run,
                recheck=args.recheck,
                pause_jobs=args.pause_jobs,
                wait_for_jobs=args.wait_for_jobs,
                index_path=Path(args.index) if args.index else None,
                **settings,
            ),
            auto=False,
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None


async def run(args: argparse.Namespace, ctx: Context) -> int:
    paths = check_paths(args.paths)
    options, config = build_options(args, ctx)
    async with ctx.client() as client:
        try:
            engine, report = await ctx.run_transfer(
                "takeout",
                lambda on_event, on_start: import_takeout(
                    client,
                    paths,
                    options=options,
                    config=config,
                    state_path=state_path(args),
                    on_event=on_event,
                    on_start=on_start,
                ),
            )
        except TakeoutError as exc:
            raise CliError(str(exc)) from None
    assert isinstance(engine, TakeoutImporter)  # what import_takeout runs
    importer = engine
    if args.dry_run and not args.json and getattr(args, "events", None) != "-":
        await _print_plan(ctx, importer, options)
    return ctx.finish(report)  # a run that stopped itself exits with its reason's code
