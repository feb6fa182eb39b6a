"""``immich-bulk login URL KEY`` and ``immich-bulk logout``: remember the server and key."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

import anyio

from .config import Credentials, config_path, delete_config, save_config
from .context import CliError, Context
from .display import echo


def register(subparsers: Any) -> None:
    login = subparsers.add_parser(
        "login",
        help="check URL and KEY and save them (file readable only by you)",
        description="Check that URL is an Immich server that accepts KEY, then save both in "
        f"{config_path()} (mode 0600). Commands then need no --url/--key.",
    )
    login.add_argument("url", metavar="URL")
    login.add_argument(
        "key",
        metavar="KEY",
        nargs="?",
        help="the API key (default: $IMMICH_API_KEY, else asked for without echo); "
        "a key starting with '-' goes after `--`",
    )
    login.add_argument("--insecure", action="store_true", help="do not verify TLS certificates")
    login.set_defaults(run=run_login)
    logout = subparsers.add_parser("logout", help="forget the saved URL and key")
    logout.set_defaults(run=run_logout)


async def run_login(args: argparse.Namespace, ctx: Context) -> int:
    key = args.key or os.environ.get("IMMICH_API_KEY") or ""
    if not key and sys.stdin.isatty():
        key = await anyio.to_thread.run_sync(getpass.getpass, "API key: ")
    if not key:
        raise CliError("no API key: give it as KEY, in $IMMICH_API_KEY, or type it when asked")
    args.key = key
    async with ctx.client(Credentials(args.url, key, "arguments")) as client:
        me = await client.users.get_my_user()
        url = client.server_url
    path = save_config(url, args.key)
    echo(f"logged in to {url} as {me.email}; saved in {path} (readable only by you)", ctx.stdout)
    return 0


async def run_logout(args: argparse.Namespace, ctx: Context) -> int:
    removed = delete_config()
    print("logged out" if removed else "not logged in", file=ctx.stdout)
    return 0
