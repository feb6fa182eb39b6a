"""``python -m immich_bulk.testing``: run a FakeImmich server until SIGINT/SIGTERM.

    python -m immich_bulk.testing --port 2283 --data ./fake-data [--host 127.0.0.1]
                                  [--api-key KEY] [--backend asyncio|trio] [--print-url]

Prints the API URL and the admin API key. With ``--data`` the state persists in that
directory, so a restarted server sees the same users, keys and assets. ``--print-url``
prints one JSON line instead (``{"url", "apiKey", "port", "pid"}``) for programs.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sys
from collections.abc import Sequence

import anyio

from .fake import FakeImmich
from .server import _url, bind_socket, serve

__all__ = ["build_parser", "main", "run"]


def build_parser(prog: str = "python -m immich_bulk.testing") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Serve FakeImmich, an in-memory Immich v2.7.5 stand-in for tests.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default %(default)s)")
    parser.add_argument(
        "--port", type=int, default=2283, help="port to bind, 0 for any (default %(default)s)"
    )
    parser.add_argument(
        "--data",
        metavar="DIR",
        default=None,
        help="persist state and files in DIR (default: a temporary directory, removed at exit)",
    )
    parser.add_argument("--api-key", metavar="KEY", default=None, help="admin API key to accept")
    parser.add_argument("--backend", choices=("asyncio", "trio"), default="asyncio")
    parser.add_argument("--seed", type=int, default=0, help="seed of the fault plan's RNG")
    parser.add_argument(
        "--thumbnail-delay",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="thumbnails become available this long after an upload",
    )
    parser.add_argument(
        "--uninitialized",
        action="store_true",
        help="start without an admin (POST /api/auth/admin-sign-up creates one)",
    )
    parser.add_argument(
        "--print-url",
        action="store_true",
        help='print one JSON line {"url", "apiKey", "port", "pid"} once listening',
    )
    return parser


async def _serve_until_signal(fake: FakeImmich, sock: socket.socket) -> None:
    stop = anyio.Event()

    async def watch_signals() -> None:
        with anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
            async for _ in signals:
                stop.set()
                return

    async with anyio.create_task_group() as tg:
        tg.start_soon(watch_signals)
        await serve(fake, sock=sock, shutdown_event=stop)
        tg.cancel_scope.cancel()


def run(args: argparse.Namespace) -> int:
    """Run the server described by parsed ``args`` (see :func:`build_parser`)."""
    fake = FakeImmich(
        args.data,
        api_key=args.api_key,
        initialized=not args.uninitialized,
        seed=args.seed,
        thumbnail_delay=args.thumbnail_delay,
    )
    try:
        sock = bind_socket(args.host, args.port)
        name = sock.getsockname()
        url = _url(name, args.host)
        if args.print_url:
            info = {"url": url, "apiKey": fake.api_key, "port": name[1], "pid": os.getpid()}
            print(json.dumps(info), flush=True)
        else:
            where = f"{args.data} (persistent)" if args.data else "a temporary directory"
            print(f"FakeImmich (Immich v2.7.5 API) listening on {url}", flush=True)
            print(f"API key: {fake.api_key or '(none: not initialized)'}", flush=True)
            print(f"Data: {where}. Stop with Ctrl+C.", flush=True)
        anyio.run(_serve_until_signal, fake, sock, backend=args.backend)
    finally:
        fake.close()
    return 0


def main(argv: Sequence[str] | None = None, *, prog: str = "python -m immich_bulk.testing") -> int:
    args = build_parser(prog).parse_args(list(argv) if argv is not None else None)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
