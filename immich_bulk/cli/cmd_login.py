"""``immich-bulk login URL KEY`` and ``immich-bulk logout``: remember the server and key."""

from __future__ import annotations

import argparse
import getpass
import os
import select
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
        help="the API key (default: $IMMICH_API_KEY, else the first line of stdin when "
        "it is not a terminal, else asked for without echo); a key starting with '-' goes "
        "after `--`",
    )
    login.add_argument("--insecure", action="store_true", help="do not verify TLS certificates")
    login.set_defaults(run=run_login)
    logout = subparsers.add_parser("logout", help="forget the saved URL and key")
    logout.set_defaults(run=run_logout)


#: How long ``login`` waits for a key on a stdin that is not a terminal (an open pipe that
#: never delivers must not hang a script).
STDIN_WAIT_SECONDS = 30.0
_WAYS = "pipe the key in (echo KEY | immich-bulk login URL), set $IMMICH_API_KEY, or give KEY"
#: Longer than any API key (Immich's are 43 characters).
MAX_KEY_BYTES = 4096


async def run_login(args: argparse.Namespace, ctx: Context) -> int:
    key = args.key or os.environ.get("IMMICH_API_KEY") or ""
    if not key and sys.stdin.isatty():
        key = await anyio.to_thread.run_sync(getpass.getpass, "API key: ")
    elif not key:
        key = await _key_from_stdin()
    if not key:
        raise CliError("no API key: give it as KEY, in $IMMICH_API_KEY, or type it when asked")
    args.key = key
    async with ctx.client(Credentials(args.url, key, "arguments")) as client:
        me = await client.users.get_my_user()
        url = client.server_url
    try:
        path = await anyio.to_thread.run_sync(save_config, url, args.key)
    except OSError as exc:
        raise CliError(f"cannot save the login in {config_path()}: {exc}") from None
    echo(f"logged in to {url} as {me.email}; saved in {path} (readable only by you)", ctx.stdout)
    return 0


async def _key_from_stdin() -> str:
    """The key piped in (``echo KEY | immich-bulk login URL``: no shell history, no ``ps``),
    from the first line of stdin; never echoed, not even in an error."""
    line = await _read_line()
    if line is None:
        raise CliError(
            f"no API key: nothing arrived on stdin within {STDIN_WAIT_SECONDS:.0f} s; {_WAYS}"
        )
    if len(line) > MAX_KEY_BYTES:
        raise CliError(f"the API key on stdin is longer than {MAX_KEY_BYTES} bytes")
    try:
        key: str = line.decode("ascii").strip()
    except UnicodeDecodeError:
        raise CliError("the API key on stdin is not ASCII text") from None
    if not key:
        raise CliError(f"no API key: stdin (not a terminal) is empty; {_WAYS}")
    if any(c.isspace() or not c.isprintable() for c in key):
        raise CliError("the API key on stdin holds spaces or control characters")
    return key


async def _read_line() -> bytes | None:
    """The first line of stdin (at most MAX_KEY_BYTES + 1 bytes), or None when it has not
    arrived within STDIN_WAIT_SECONDS. Polls with ``select`` from the event loop: a thread
    stuck in a blocking read could not be abandoned (it kept the process alive after a
    timeout or Ctrl-C)."""
    try:
        fd = sys.stdin.fileno()
        select.select([fd], [], [], 0)
    except (OSError, ValueError):  # no selectable stdin (e.g. Windows pipes): just read
        line: bytes = await anyio.to_thread.run_sync(sys.stdin.buffer.readline, MAX_KEY_BYTES + 1)
        return line
    data = b""
    with anyio.move_on_after(STDIN_WAIT_SECONDS):
        while b"\n" not in data and len(data) <= MAX_KEY_BYTES:
            if not select.select([fd], [], [], 0)[0]:
                await anyio.sleep(0.05)
                continue
            chunk = os.read(fd, MAX_KEY_BYTES + 1 - len(data))
            if not chunk:
                break  # end of input
            data += chunk
        return data.split(b"\n", 1)[0]
    return None


async def run_logout(args: argparse.Namespace, ctx: Context) -> int:
    removed = delete_config()
    print("logged out" if removed else "not logged in", file=ctx.stdout)
    return 0
