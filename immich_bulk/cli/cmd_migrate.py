"""``immich-bulk migrate``: move one user's library from one Immich server to another.

::

    immich-bulk migrate --from https://old.example --from-key OLDKEY \\
                        --to https://new.example --to-key NEWKEY --verify

The target defaults to the usual server (``--url``/``--key`` style resolution:
``$IMMICH_INSTANCE_URL``/``$IMMICH_API_KEY`` or ``immich-bulk login``); the source can
come from ``$IMMICH_FROM_URL``/``$IMMICH_FROM_API_KEY`` (keys in flags show in ``ps``).
Exit codes as for every command; ``--verify`` adds 1 when the libraries differ.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from typing import Any

from ..transfer.config import CONCURRENCY
from ..transfer.migrate.engine import (
    PRESERVE_ALL,
    PRESERVE_FIELDS,
    MigrateConfig,
    MigrateOptions,
    MigrationDiff,
    Selection,
    migrate,
    verify_migration,
)
from ..transfer.migrate.listing import ASSET_TYPES
from ..transfer.overrides import apply_overrides
from ..transfer.report import TransferReport
from .config import Credentials, resolve
from .context import (
    EXIT_FAILED,
    EXIT_OK,
    CliError,
    Context,
    add_common_options,
    state_path,
)
from .display import echo
from .progress import EventWriter

ENV_FROM_URL = "IMMICH_FROM_URL"
ENV_FROM_KEY = "IMMICH_FROM_API_KEY"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "migrate",
        help="copy a library from one Immich server to another (albums, live photos, ...)",
        description="Copy one user's library from a source Immich server to a target one, "
        "streaming each original straight from the source into the target (nothing is "
        "written to disk). Keeps file names, dates, favourites, archive state, descriptions, "
        "ratings, locations, albums, live photos, stacks and tags. Re-running resumes; what "
        "the target already has is never transferred again.",
    )
    src = parser.add_argument_group("source (where the library is now)")
    src.add_argument("--from", dest="from_url", metavar="URL", help=f"(or ${ENV_FROM_URL})")
    src.add_argument(
        "--from-key", metavar="KEY", help=f"source API key (or ${ENV_FROM_KEY}; flags show in ps)"
    )
    tgt = parser.add_argument_group("target (where it goes)")
    tgt.add_argument(
        "--to", dest="to_url", metavar="URL", help="(default: $IMMICH_INSTANCE_URL or login)"
    )
    tgt.add_argument("--to-key", metavar="KEY", help="target API key (or $IMMICH_API_KEY)")
    tgt.add_argument(
        "--insecure", action="store_true", help="do not verify TLS certificates (both servers)"
    )
    sel = parser.add_argument_group("what to migrate (default: everything but the trash)")
    sel.add_argument(
        "--album",
        action="append",
        metavar="NAME",
        help="only the assets of this album (name or id; repeatable); only these albums "
        "are recreated",
    )
    sel.add_argument("--taken-after", metavar="DATE", help="e.g. 2020-01-01 (UTC)")
    sel.add_argument("--taken-before", metavar="DATE", help="e.g. 2021-12-31T23:59:59")
    sel.add_argument("--favorites-only", action="store_true", help="only favourites")
    sel.add_argument(
        "--type",
        action="append",
        dest="types",
        metavar="TYPE",
        choices=sorted(ASSET_TYPES) + sorted(t.lower() for t in ASSET_TYPES),
        help="only IMAGE, VIDEO, AUDIO or OTHER (repeatable)",
    )
    sel.add_argument("--no-archived", action="store_true", help="leave archived assets out")
    sel.add_argument(
        "--include-trashed", action="store_true", help="also the trash (into the target's trash)"
    )
    sel.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="WHAT",
        choices=sorted(PRESERVE_FIELDS) + sorted(f.replace("_", "-") for f in PRESERVE_FIELDS),
        help="do not carry this (repeatable): " + ", ".join(sorted(PRESERVE_FIELDS)),
    )
    run_group = parser.add_argument_group("running")
    run_group.add_argument(
        "--concurrency", type=int, metavar="N", help="transfers in flight, 1-64 (4)"
    )
    run_group.add_argument(
        "--dry-run", action="store_true", help="list and compare only; change nothing"
    )
    run_group.add_argument(
        "--verify",
        action="store_true",
        help="afterwards, compare both libraries and list every difference (exit 1 if any)",
    )
    state = run_group.add_mutually_exclusive_group()
    state.add_argument("--state", metavar="FILE", help="state file (default: user cache dir)")
    state.add_argument("--no-state", action="store_true", help="remember nothing between runs")
    add_common_options(parser, server=False)
    parser.set_defaults(run=run)


def parse_when(value: str | None, option: str) -> dt.datetime | None:
    """An ISO date or date-time; a naive one is UTC."""
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise CliError(
            f"{option}: not a date (use YYYY-MM-DD or an ISO date-time): {value!r}"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def source_credentials(args: argparse.Namespace) -> Credentials:
    url = args.from_url or os.environ.get(ENV_FROM_URL)
    key = args.from_key or os.environ.get(ENV_FROM_KEY)
    if not url:
        raise CliError(f"no source server: pass --from URL (or set ${ENV_FROM_URL})")
    if not key:
        raise CliError(f"no source API key: pass --from-key KEY (or set ${ENV_FROM_KEY})")
    return Credentials(url, key, "flags" if args.from_url else "environment")


def target_credentials(args: argparse.Namespace) -> Credentials:
    try:
        return resolve(args.to_url, args.to_key)
    except ValueError as exc:
        raise CliError(str(exc).replace("--url", "--to").replace("--key", "--to-key")) from None


def build_options(args: argparse.Namespace) -> tuple[MigrateOptions, MigrateConfig]:
    """The migration's options and config from the command's flags (a bad value:
    CliError naming the flag)."""
    try:
        taken_after = parse_when(args.taken_after, "--taken-after")
        taken_before = parse_when(args.taken_before, "--taken-before")
        skipped = {s.replace("-", "_") for s in args.skip}
        if args.concurrency is not None:
            CONCURRENCY.check("--concurrency", args.concurrency)
        failures = getattr(args, "max_failures", None)
        return apply_overrides(
            "migrate",
            None,
            MigrateOptions,
            None,
            MigrateConfig,
            dict(
                albums=args.album,
                taken_after=taken_after,
                taken_before=taken_before,
                favorites_only=args.favorites_only,
                asset_types=args.types,
                include_archived=not args.no_archived,
                include_trashed=args.include_trashed,
                preserve=PRESERVE_ALL - skipped,
                dry_run=args.dry_run,
                concurrency=args.concurrency,
                **({"max_failures": failures} if failures else {}),
            ),
            nested={"selection": Selection},
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None


async def run(args: argparse.Namespace, ctx: Context) -> int:
    options, config = build_options(args)
    source_creds = source_credentials(args)
    target_creds = target_credentials(args)
    diff: MigrationDiff | None = None
    async with ctx.client(source_creds) as source, ctx.client(target_creds) as target:
        _, report = await ctx.run_transfer(
            "migrate",
            lambda on_event, on_start: migrate(
                source,
                target,
                options=options,
                config=config,
                state_path=state_path(args),
                on_event=on_event,
                on_start=on_start,
            ),
        )
        if args.verify and not options.dry_run and not report.interrupted:
            diff = await verify_migration(source, target, options=options, config=config)
    try:
        return finish(ctx, args, report, diff)
    finally:
        if diff is not None:
            diff.close()


def finish(
    ctx: Context, args: argparse.Namespace, report: TransferReport, diff: MigrationDiff | None
) -> int:
    """Print the report (and the verification) and return the exit code."""
    if diff is None:
        return ctx.finish(report)
    if getattr(args, "events", None) == "-":
        writer = EventWriter(ctx.stdout)
        writer.write({"event": "report", **report.to_dict(outcomes=False)})
        writer.write({"event": "verify", **diff.to_dict()})
    elif args.json:
        ctx.print_json({"migrate": report.to_dict(), "verify": diff.to_dict()})
    else:
        ctx.print_summary(report)
        print(diff.summary(), file=ctx.stdout)
        for note in diff.notes:
            echo(f"note: {note}", ctx.stdout)
        for n, difference in enumerate(diff.differences()):
            if n == 50:
                print(f"  ... ({diff.total - 50} more; --json lists them all)", file=ctx.stdout)
                break
            what = difference.name or difference.checksum or ""
            echo(f"  {difference.kind}: {what}: {difference.detail}", ctx.stdout)
    code = ctx.exit_code(report)
    return EXIT_FAILED if code == EXIT_OK and not diff.ok else code
