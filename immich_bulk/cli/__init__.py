"""The ``immich-bulk`` command (also ``python -m immich_bulk``).

Each sub-command lives in its own module ``cmd_<name>.py`` exposing ``register(subparsers)``
and an async ``run(args, ctx) -> int``. User errors end with one line on stderr and an exit
code from :mod:`immich_bulk.cli.context`, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import logging
import os
import sys
from collections.abc import Sequence

import anyio

if sys.version_info < (3, 11):  # pragma: no cover
    from exceptiongroup import BaseExceptionGroup

from .._version import __version__
from ..errors import ImmichError
from .context import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    CliError,
    Context,
    error_exit_code,
)
from .display import echo, shown

__all__ = ["build_parser", "main"]

COMMANDS = (
    "upload",
    "download",
    "migrate",
    "takeout",
    "demo",
    "login",
    "server_info",
    "jobs",
    "bench",
    "fake_server",
)


#: The command words of the modules whose name is not the word itself.
_MODULE_OF = {"logout": "login", "server-info": "server_info"}


def _command_module(argv: Sequence[str]) -> str | None:
    """The module of the command *argv* names (None: no command word, or an unknown one):
    the parser then registers only that command, and a run imports only what it uses."""
    args = iter(argv)
    for arg in args:
        if arg == "--backend":
            next(args, None)
        elif arg == "--" or arg in ("-h", "--help"):
            return None
        elif not arg.startswith("-"):
            name = _MODULE_OF.get(arg, arg)
            return name if name in COMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command's parser; with *only* (a module of :data:`COMMANDS`) the parser of
    that command alone, for a run of it."""
    parser = argparse.ArgumentParser(
        prog="immich-bulk",
        description="Move whole photo libraries into, out of, and between Immich servers.",
        epilog="Exit codes: 0 done, 1 some items failed, 2 usage or configuration error, "
        "3 authentication or permission error, 4 server unreachable or not responding, "
        "5 a local write failed (disk full), 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"immich-bulk {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    parser.add_argument("-q", "--quiet", action="count", default=0, help="less output")
    parser.add_argument(
        "--backend",
        choices=("asyncio", "trio"),
        default="asyncio",
        help="async backend to run on (trio needs the 'trio' extra)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        try:
            module = importlib.import_module(f"{__name__}.cmd_{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.cmd_{name}":
                raise
            continue
        module.register(subparsers)
    return parser


class _ShownFormatter(logging.Formatter):
    """Log messages name files and servers' answers: escaped like every other line."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = shown(record.message)
        return super().formatMessage(record)


def _setup_logging(verbose: int, quiet: int) -> None:
    level = logging.WARNING - 10 * verbose + 10 * quiet
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_ShownFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=max(logging.DEBUG, min(logging.CRITICAL, level)), handlers=[handler])
    if verbose < 2:  # httpx logs every request at INFO
        logging.getLogger("httpx").setLevel(logging.WARNING)
        logging.getLogger("httpcore").setLevel(logging.WARNING)


def _tolerant_stdout() -> None:
    """Let stdout print any file name. A name that is not valid UTF-8 is carried as lone
    surrogates (``os.fsdecode``); a strict UTF-8 stdout (e.g. ``LANG=en_US.UTF-8``) raised
    UnicodeEncodeError while printing the summary of such a file, which ended the command
    with exit code 2 and half a summary. They are shown escaped instead (``\\udcff``), as
    stderr already does by default; ``--json`` output is ASCII and unaffected."""
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
        with contextlib.suppress(ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["fake-server"]:  # its own parser, shared with python -m immich_bulk.testing
        from ..testing.__main__ import main as fake_main

        return fake_main(argv[1:], prog="immich-bulk fake-server")
    parser = build_parser(_command_module(argv))
    args = parser.parse_args(argv)
    _tolerant_stdout()
    _setup_logging(args.verbose, args.quiet)
    if getattr(args, "run", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if args.backend == "trio":
        try:
            import trio  # noqa: F401
        except ImportError:
            print("immich-bulk: error: --backend trio needs the trio extra", file=sys.stderr)
            return EXIT_USAGE
    ctx = Context(args)
    try:
        code: int = anyio.run(args.run, args, ctx, backend=args.backend)
        return code
    except BaseException as exc:
        return _exit_for(_unwrap(exc))
    finally:
        ctx.close()


def _unwrap(exc: BaseException) -> BaseException:
    """The one error inside (nested) task-group exception groups, if there is just one."""
    while isinstance(exc, BaseExceptionGroup) and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]
    return exc


def _exit_for(exc: BaseException) -> int:
    if isinstance(exc, CliError):
        echo(f"immich-bulk: error: {exc}", sys.stderr)
        return exc.code
    if isinstance(exc, KeyboardInterrupt):
        print("immich-bulk: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    if isinstance(exc, BrokenPipeError):  # stdout closed early (`| head`): no traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    if isinstance(exc, (ImmichError, ValueError, OSError)):
        echo(f"immich-bulk: error: {exc}", sys.stderr)
        return error_exit_code(exc)
    raise exc
