"""``immich-bulk fake-server``: serve FakeImmich on a loopback port (for tests and demos)."""

from __future__ import annotations

from typing import Any


def register(subparsers: Any) -> None:
    # Listed here for --help; main() hands the arguments to immich_bulk.testing's own parser.
    subparsers.add_parser(
        "fake-server",
        help="serve FakeImmich, an Immich-compatible test server, on a port "
        "(--port 2283 --data DIR; see `immich-bulk fake-server --help`)",
        add_help=False,
    )
