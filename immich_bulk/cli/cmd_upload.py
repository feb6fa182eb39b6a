"""``immich-bulk upload PATH... [--files-from FILE]``: put every supported media file on the
server exactly once."""

from __future__ import annotations

import argparse
import base64
import functools
import os
import sys
from pathlib import Path
from typing import Any, BinaryIO

import anyio.to_thread

from ..models import AssetVisibility
from ..transfer.config import CONCURRENCY, RATE, WORKERS, UploadConfig
from ..transfer.local.scan import check_patterns
from ..transfer.overrides import AUTO, apply_overrides
from ..transfer.server.ratelimit import parse_rate
from ..transfer.upload.engine import UploadOptions, upload
from .context import CliError, Context, add_common_options, state_path
from .display import shown


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "upload",
        help="upload files and folders (duplicates are recognised and skipped)",
        description="Upload every supported photo and video under PATH... exactly once. "
        "Re-running resumes: unchanged files are not hashed again, uploaded ones not sent again.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    parser.add_argument(
        "--files-from",
        metavar="FILE",
        help="also upload the paths listed in FILE, one per line ('-': stdin), e.g. the "
        "failures of an earlier --json report",
    )
    parser.add_argument(
        "-0",
        "--null",
        action="store_true",
        help="with --files-from: paths end with NUL, not newline (find -print0)",
    )
    parser.add_argument(
        "--base64",
        action="store_true",
        help="with --files-from: each path is given as its bytes in base64 (any name, "
        "e.g. the item_b64 of a --json report)",
    )
    albums = parser.add_mutually_exclusive_group()
    albums.add_argument("--album", metavar="NAME", help="add everything to this album")
    albums.add_argument(
        "--album-from-folder", action="store_true", help="one album per folder, named after it"
    )
    parser.add_argument(
        "--concurrency",
        metavar="N|auto",
        help="parallel uploads, 1-64 (4), or auto to adapt",
    )
    parser.add_argument(
        "--limit-rate",
        metavar="RATE",
        help="cap the bandwidth, e.g. 20M (bytes/s; k, M, G; 1k-100G)",
    )
    add_pause_jobs_option(parser)
    parser.add_argument(
        "--wait-for-jobs", action="store_true", help="afterwards, wait for those jobs to finish"
    )
    parser.add_argument(
        "--hash-workers", type=int, metavar="N", help="hashing threads, 1-128 (CPUs)"
    )
    parser.add_argument("--dry-run", action="store_true", help="show what would be uploaded")
    parser.add_argument(
        "--delete", action="store_true", help="delete local files the server confirmed"
    )
    parser.add_argument(
        "--delete-duplicates", action="store_true", help="with --delete: also server duplicates"
    )
    parser.add_argument("--include", action="append", default=[], metavar="GLOB")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB")
    parser.add_argument("--include-hidden", action="store_true", help="also dot-files and dirs")
    parser.add_argument(
        "--no-recursive", action="store_true", help="only the files directly in each folder"
    )
    parser.add_argument("--skip-hash", action="store_true", help="no hashing and no pre-check")
    parser.add_argument(
        "--visibility",
        choices=("timeline", "archive", "hidden", "locked"),
        help="where the uploads go: hidden keeps them out of the timeline and albums' views; "
        "locked puts them in the locked folder, where the API key cannot see them afterwards",
    )
    parser.add_argument("--archive", action="store_true", help="same as --visibility archive")
    parser.add_argument("--favorite", action="store_true", help="mark uploads as favourites")
    parser.add_argument(
        "--recheck",
        action="store_true",
        help="trust no state: hash every file again, ask the server about each",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="keep running: also upload files that appear or change, until Ctrl-C",
    )
    parser.add_argument(
        "--watch-interval",
        type=float,
        metavar="SECONDS",
        help="with --watch: seconds between two looks at the folders (2)",
    )
    parser.add_argument(
        "--watch-settle",
        type=float,
        metavar="SECONDS",
        help="with --watch: a file is uploaded once unchanged for this long (2)",
    )
    state = parser.add_mutually_exclusive_group()
    state.add_argument("--state", metavar="FILE", help="state file (default: user cache dir)")
    state.add_argument("--no-state", action="store_true", help="remember nothing between runs")
    add_common_options(parser)
    parser.set_defaults(run=run)


def check_paths(paths: list[str]) -> list[Path]:
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        raise CliError(f"no such file or folder: {missing[0]}")
    return [Path(p) for p in paths]


def read_path_list(
    source: str, *, null: bool, stdin: BinaryIO, encoded: bool = False
) -> list[Path]:
    """The paths listed in *source* (a file, or ``-`` for *stdin*): one per line, or per
    NUL with *null*; blank entries are ignored, names that are not UTF-8 kept as bytes
    (``os.fsdecode``); with *encoded* each entry is the path's bytes in base64 (what the
    JSON report's ``item_b64`` holds, so any name survives a trip through text tools). A
    listed path that no longer exists is not an error here: the run reports it as a
    failure, like any file it cannot read."""
    try:
        if source == "-":
            data = stdin.read()
        else:
            with open(source, "rb") as handle:
                data = handle.read()
    except OSError as exc:
        raise CliError(f"cannot read --files-from {source!r}: {exc.strerror or exc}") from None
    if null:
        entries = data.split(b"\0")
    else:
        entries = [line.removesuffix(b"\r") for line in data.split(b"\n")]
    if encoded:
        entries = [_from_base64(source, n, e) for n, e in enumerate(entries, 1) if e.strip()]
    return [Path(os.fsdecode(entry)) for entry in entries if entry.strip()]


def _from_base64(source: str, number: int, entry: bytes) -> bytes:
    try:
        return base64.b64decode(entry.strip(), validate=True)
    except ValueError:
        raise CliError(
            f"--files-from {source!r}: entry {number} is not base64: "
            + shown(entry[:60].decode("utf-8", "backslashreplace"))
        ) from None


def upload_settings(
    args: argparse.Namespace, ctx: Context, *, adaptive: bool = True
) -> dict[str, Any]:
    """The :class:`UploadConfig` fields set by the flags the commands that upload share
    (``--concurrency``, ``--limit-rate``, ``--hash-workers``, ``--max-failures``); a bad
    value: ValueError naming the flag. *adaptive*: ``--concurrency auto`` is allowed."""
    settings: dict[str, Any] = ctx.engine_settings()
    value = getattr(args, "concurrency", None)
    if value is not None:
        text = str(value)
        if adaptive and text == AUTO:
            settings["concurrency"] = AUTO  # adapt, from the default
        elif not text.isdigit():
            wanted = "a number or auto" if adaptive else "a number"
            raise ValueError(f"--concurrency must be {wanted}, not {text!r}")
        else:
            CONCURRENCY.check("--concurrency", int(text))
            settings["concurrency"] = int(text)
    if getattr(args, "limit_rate", None):
        settings["max_bytes_per_second"] = parse_rate(args.limit_rate)
        RATE.check("--limit-rate", settings["max_bytes_per_second"])
    if getattr(args, "hash_workers", None) is not None:
        WORKERS.check("--hash-workers", args.hash_workers)
        settings["hash_workers"] = args.hash_workers
    return settings


def build_options(args: argparse.Namespace, ctx: Context) -> tuple[UploadOptions, UploadConfig]:
    """The upload's options and config from the command's flags (a bad value: CliError
    naming the flag)."""
    visibility = "archive" if args.archive else args.visibility
    try:
        check_patterns(args.include, option="--include")
        check_patterns(args.exclude, option="--exclude")
        settings = upload_settings(args, ctx)
        return apply_overrides(
            "upload",
            None,
            UploadOptions,
            None,
            UploadConfig,
            dict(
                album=args.album,
                album_from_folder=args.album_from_folder,
                include=args.include,
                exclude=args.exclude,
                include_hidden=args.include_hidden,
                recursive=not args.no_recursive,
                dry_run=args.dry_run,
                delete=args.delete,
                delete_duplicates=args.delete_duplicates,
                skip_hash=args.skip_hash,
                visibility=AssetVisibility(visibility) if visibility else None,
                favorite=args.favorite,
                recheck=args.recheck,
                pause_jobs=args.pause_jobs,
                wait_for_jobs=args.wait_for_jobs,
                **_watch_settings(args),
                **settings,
            ),
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None


def _watch_settings(args: argparse.Namespace) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    if args.watch:
        settings["watch"] = True
    for flag, name in (("--watch-interval", "watch_interval"), ("--watch-settle", "watch_settle")):
        value = getattr(args, name)
        if value is None:
            continue
        if not args.watch:
            raise ValueError(f"{flag} only applies to --watch")
        settings[name] = value
    if args.watch and args.files_from:
        raise ValueError("--watch watches PATH...: it does not take --files-from")
    return settings


async def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.null and not args.files_from:
        raise CliError("--null only applies to --files-from")
    if args.base64 and not args.files_from:
        raise CliError("--base64 only applies to --files-from")
    if args.archive and args.visibility not in (None, "archive"):
        raise CliError(f"--archive contradicts --visibility {args.visibility}")
    if not args.paths and not args.files_from:
        raise CliError("nothing to upload: give PATH... or --files-from FILE")
    paths = check_paths(args.paths)
    if args.files_from:
        listed = await anyio.to_thread.run_sync(
            functools.partial(
                read_path_list,
                args.files_from,
                null=args.null,
                stdin=sys.stdin.buffer,
                encoded=args.base64,
            )
        )
        if not listed:
            raise CliError(f"--files-from {args.files_from!r} lists no paths")
        paths += listed
    options, config = build_options(args, ctx)
    async with ctx.client() as client:
        # said once the server settings are known to be complete, not before their error
        if options.watch and not getattr(args, "quiet", 0):
            print(
                "immich-bulk: watching for new and changed files; Ctrl-C stops (state saved)",
                file=ctx.stderr,
                flush=True,
            )
        _, report = await ctx.run_transfer(
            "upload",
            lambda on_event, on_start: upload(
                client,
                paths,
                options=options,
                config=config,
                state_path=state_path(args),
                on_event=on_event,
                on_start=on_start,
            ),
        )
    return ctx.finish(report)


def add_pause_jobs_option(parser: argparse.ArgumentParser) -> None:
    """``--pause-jobs`` / ``--no-pause-jobs``; neither: "auto" (see ``UploadOptions``)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--pause-jobs",
        dest="pause_jobs",
        action="store_const",
        const=True,
        default="auto",
        help="pause the server's thumbnail/metadata jobs while uploading, from the start "
        "(admin key; default: paused once a few dozen files are to send, where the key "
        "may pause them)",
    )
    group.add_argument(
        "--no-pause-jobs",
        dest="pause_jobs",
        action="store_const",
        const=False,
        help="never pause the server's job queues",
    )
