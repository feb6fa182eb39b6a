"""``immich-bulk server-info``: version, user, media types, and compatibility with this client."""

from __future__ import annotations

import argparse
from typing import Any

from .._version import __version__
from ..api import IMMICH_VERSION
from .context import Context, add_common_options
from .display import echo


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "server-info",
        help="show the server's version, your user, media types and compatibility",
    )
    parser.add_argument(
        "--all-issues", action="store_true", help="list every compatibility note, not only problems"
    )
    add_common_options(parser)
    parser.set_defaults(run=run)


async def run(args: argparse.Namespace, ctx: Context) -> int:
    async with ctx.client() as client:
        about = await client.server.get_about_info()
        me = await client.users.get_my_user()
        media = await client.server.get_supported_media_types()
        report = await client.check_compatibility()
        url = client.server_url
    shown = [i for i in report.issues if args.all_issues or i.severity != "info"]
    if args.json:
        ctx.print_json(
            {
                "url": url,
                "serverVersion": about.version,
                "client": {"version": __version__, "generatedFrom": f"v{IMMICH_VERSION}"},
                "user": {"id": me.id, "email": me.email, "name": me.name, "isAdmin": me.is_admin},
                "mediaTypes": {
                    "image": media.image,
                    "video": media.video,
                    "sidecar": media.sidecar,
                },
                "compatible": report.compatible,
                "issues": [
                    {
                        "severity": i.severity,
                        "kind": i.kind,
                        "where": i.where,
                        "detail": i.detail,
                        "usedByEngine": i.used_by_engine,
                    }
                    for i in shown
                ],
            }
        )
        return 0
    out = ctx.stdout
    echo(f"server:  {url} ({about.version})", out)
    admin = ", admin" if me.is_admin else ""
    echo(f"user:    {me.name} <{me.email}>{admin}", out)
    echo(f"client:  immich-bulk {__version__}, generated from Immich v{IMMICH_VERSION}", out)
    echo(f"images:  {' '.join(media.image)}", out)
    echo(f"videos:  {' '.join(media.video)}", out)
    echo(f"sidecar: {' '.join(media.sidecar)}", out)
    echo(f"compatibility: {report.summary()}", out)
    for issue in shown[:40]:
        flag = " [used by transfers]" if issue.used_by_engine else ""
        echo(f"  {issue.severity}: {issue.kind} {issue.where}: {issue.detail}{flag}", out)
    if len(shown) > 40:
        echo(f"  ... {len(shown) - 40} more (--json lists them all)", out)
    return 0
