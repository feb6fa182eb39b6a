"""What every command shares: options, the client, preflight checks, output and exit codes.

Exit codes (documented in the README):

====  ==============================================================
0     everything done
1     some items failed (they are listed)
2     usage or configuration error (bad option, no URL/key, wrong URL, missing path,
      a request the server refuses as invalid, a redirect to another host)
3     authentication or permission error (the run stops at the first refusal)
4     server unreachable or not responding (timeouts, persistent 5xx): stopped, resumable
5     a local write failed (disk full; the state or --events file cannot be written)
130   interrupted (state saved: a re-run resumes)
====  ==============================================================
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import IO, Any

import anyio
import attrs

if sys.version_info < (3, 11):  # pragma: no cover
    from exceptiongroup import BaseExceptionGroup

from .._http.timeouts import Timeouts
from ..client import DEFAULT_TIMEOUT, AsyncClient
from ..errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    ImmichError,
    NotFoundError,
    PermissionDeniedError,
    ResponseValidationError,
    ServerError,
    TransportError,
    UnsafeRedirectError,
)
from ..transfer._engine import (
    DISK_FULL,
    REFUSED,
    UNREACHABLE,
    UNRESPONSIVE,
    Runnable,
    stop_kind,
)
from ..transfer.events import Listener, TransferEvent
from ..transfer.report import TransferReport
from ..transfer.state import DEFAULT_PATH, StatePath, StateStoreError
from .config import Credentials, resolve
from .display import echo
from .progress import EventWriter, ProgressView

__all__ = [
    "EXIT_AUTH",
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_LOCAL",
    "EXIT_OK",
    "EXIT_UNREACHABLE",
    "EXIT_USAGE",
    "CliError",
    "Context",
    "add_common_options",
    "state_path",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_UNREACHABLE = 4
EXIT_LOCAL = 5
EXIT_INTERRUPTED = 130

#: The exit code of a run that stopped itself (``TransferReport.stopped``).
STOP_CODES = {
    UNREACHABLE: EXIT_UNREACHABLE,
    UNRESPONSIVE: EXIT_UNREACHABLE,
    REFUSED: EXIT_AUTH,
    DISK_FULL: EXIT_LOCAL,
}

log = logging.getLogger("immich_bulk.cli")


class CliError(Exception):
    """A user error: printed as one line (never a traceback), with an exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def add_common_options(parser: argparse.ArgumentParser, *, server: bool = True) -> None:
    """Options every transfer command has."""
    if server:
        group = parser.add_argument_group("server")
        group.add_argument("--url", help="server URL (default: $IMMICH_INSTANCE_URL or login)")
        group.add_argument(
            "--key",
            help="API key (default: $IMMICH_API_KEY or login; prefer those: flags show in ps)",
        )
        group.add_argument(
            "--insecure",
            action="store_true",
            help="do not verify the server's TLS certificate (prints a warning)",
        )
    net = parser.add_argument_group("timeouts")
    net.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="how long to wait for the server's answer (default 60; ping and the like: at most 10)",
    )
    net.add_argument(
        "--stall-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="fail a try when an upload or download moves (almost) nothing for this "
        "long (default 30)",
    )
    net.add_argument(
        "--max-failures",
        type=_count,
        metavar="N",
        help="stop the run when N tries of one kind of request fail in a row with a "
        "timeout or a server error (default 8)",
    )
    # -v/-q also after the command name (they default to the global ones)
    parser.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS)
    parser.add_argument("-q", "--quiet", action="count", default=argparse.SUPPRESS)
    out = parser.add_argument_group("output")
    out.add_argument("--json", action="store_true", help="print one JSON document (every item)")
    out.add_argument("--events", metavar="FILE", help="write NDJSON events to FILE ('-': stdout)")
    out.add_argument("--no-progress", action="store_true", help="no progress on stderr")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"not a positive number of seconds: {text!r}")
    return value


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def error_exit_code(exc: BaseException) -> int:
    """The exit code of an error that ended a command."""
    if isinstance(exc, CliError):
        return exc.code
    kind = stop_kind(exc)
    if kind is not None:
        return STOP_CODES[kind]
    if isinstance(exc, (TransportError, ServerError)):
        return EXIT_UNREACHABLE
    usage = (ValueError, ResponseValidationError, BadRequestError, UnsafeRedirectError)
    return EXIT_USAGE if isinstance(exc, usage) else EXIT_FAILED


class Context:
    """Per-invocation state: parsed options, output streams, and helpers for commands."""

    def __init__(self, args: argparse.Namespace, *, stdout: IO[str] | None = None) -> None:
        self.args = args
        self.stdout = stdout or sys.stdout
        self.stderr = sys.stderr
        self._events_file: IO[str] | None = None
        self._events: EventWriter | None = None

    # -- connection -------------------------------------------------------------------
    def credentials(self) -> Credentials:
        try:
            return resolve(getattr(self.args, "url", None), getattr(self.args, "key", None))
        except ValueError as exc:
            raise CliError(str(exc)) from None

    def make_client(self, url: str, key: str) -> AsyncClient:
        try:
            return AsyncClient(
                url,
                api_key=key,
                verify=not getattr(self.args, "insecure", False),
                timeout=self.timeouts(),
            )
        except ValueError as exc:
            raise CliError(str(exc).replace("base_url", "the server URL")) from None

    def timeouts(self) -> Timeouts:
        """The client's timeouts, with ``--timeout`` and ``--stall-timeout`` applied."""
        timeouts = DEFAULT_TIMEOUT
        answer = getattr(self.args, "timeout", None)
        if answer is not None:
            quick = min(answer, DEFAULT_TIMEOUT.quick or answer)
            timeouts = attrs.evolve(timeouts, answer=answer, quick=quick)
        stall = getattr(self.args, "stall_timeout", None)
        if stall is not None:
            timeouts = attrs.evolve(timeouts, stall=stall)
        return timeouts

    def engine_settings(self) -> dict[str, Any]:
        """Engine config fields set by the common options (``--max-failures``)."""
        failures = getattr(self.args, "max_failures", None)
        return {} if failures is None else {"max_failures": failures}

    @asynccontextmanager
    async def client(self, creds: Credentials | None = None) -> AsyncIterator[AsyncClient]:
        creds = creds or self.credentials()
        async with self.make_client(creds.url, creds.key) as client:
            await self.preflight(client)
            yield client

    async def preflight(self, client: AsyncClient) -> None:
        """Fail early with one clear line: unreachable, not Immich, wrong key, old server."""
        where = client.server_url
        try:
            await client.server.ping_server()
        except TransportError as exc:
            raise CliError(f"cannot reach {where}: {exc}", EXIT_UNREACHABLE) from None
        except (NotFoundError, ResponseValidationError) as exc:
            raise CliError(
                f"{where} does not look like an Immich server ({exc}); check the URL",
                EXIT_USAGE,
            ) from None
        except ApiError as exc:
            raise CliError(
                f"{where} answered the ping with an error: {exc}", EXIT_UNREACHABLE
            ) from None
        try:
            await client.users.get_my_user()
        except (AuthenticationError, PermissionDeniedError) as exc:
            message = "; ".join(exc.messages) or exc.error or "refused"
            raise CliError(f"{where} refused the API key: {message}", EXIT_AUTH) from None
        version = await client.server.get_server_version()
        self.check_version(f"v{version.major}.{version.minor}.{version.patch}")

    def check_version(self, version: str) -> None:
        from ..compat import MIN_SUPPORTED_VERSION, _version_tuple

        parsed = _version_tuple(version)
        if parsed is None or parsed < MIN_SUPPORTED_VERSION:
            minimum = "v" + ".".join(map(str, MIN_SUPPORTED_VERSION))
            self.warn(
                f"server {version} is older than {minimum}, the oldest this client supports; "
                "run `immich-bulk server-info` for the compatibility report"
            )

    # -- output -----------------------------------------------------------------------
    def warn(self, message: str) -> None:
        echo(f"warning: {message}", self.stderr, flush=True)

    def listeners(self, title: str) -> tuple[list[Callable[[TransferEvent], None]], ProgressView]:
        mode = "off" if getattr(self.args, "no_progress", False) else "auto"
        if getattr(self.args, "quiet", 0):
            mode = "off"
        view = ProgressView(title, mode=mode, stream=self.stderr)
        listeners: list[Callable[[TransferEvent], None]] = [view]
        target = getattr(self.args, "events", None)
        if target:
            if target == "-":
                stream = self.stdout
            else:
                try:
                    stream = open(target, "w", encoding="utf-8")  # noqa: SIM115 (closed in close())
                except OSError as exc:
                    raise CliError(f"cannot write events to {target}: {exc}") from None
                self._events_file = stream
            self._events = EventWriter(stream, name=target)
            listeners.append(self._events)
        return listeners, view

    def close(self) -> None:
        if self._events_file is not None:
            # a file that could not be written fails again when closed: said once already
            with contextlib.suppress(OSError):
                self._events_file.close()

    def finish(self, report: TransferReport) -> int:
        """Print the results (summary or JSON) on stdout and return the exit code."""
        if getattr(self.args, "events", None) == "-":
            EventWriter(self.stdout).write({"event": "report", **report.to_dict(outcomes=False)})
        elif getattr(self.args, "json", False):
            report.write_json(self.stdout)
        else:
            self.print_summary(report)
        return self.exit_code(report)

    def exit_code(self, report: TransferReport) -> int:
        """The exit code of a finished run (saying on stderr what the summary cannot)."""
        if report.stopped is not None:  # one line where errors go, whatever stdout holds
            print(f"immich-bulk: stopped: {report.stop_reason}", file=self.stderr)
        events = self._events
        if events is not None and events.failed is not None:
            self.warn(
                f"the events could not all be written to {events.name} ({events.failed}); "
                "that file is incomplete"
            )
        if report.stopped is not None:
            return STOP_CODES.get(report.stopped, EXIT_INTERRUPTED)
        if report.interrupted:
            return EXIT_INTERRUPTED
        if not report.state_saved or (events is not None and events.failed is not None):
            return EXIT_LOCAL
        return EXIT_FAILED if report.failed else EXIT_OK

    def print_summary(self, report: TransferReport) -> None:
        out = self.stdout
        print(report.summary(), file=out)
        for note in report.notes:
            echo(f"note: {note}", out)
        if report.failures:
            print(f"failed ({report.failed}):", file=out)
            for outcome in report.failures[:50]:
                echo(f"  {outcome.item}: {outcome.reason}", out)
            if report.failed > 50:
                print("  ... (--json lists them all)", file=out)
        if report.stopped is not None:
            print(
                f"stopped: {report.stop_reason}; state saved: run the same command again to resume",
                file=out,
            )
        elif report.interrupted:
            print("interrupted: state saved; run the same command again to resume", file=out)

    def print_json(self, data: Any) -> None:
        json.dump(data, self.stdout, indent=2, ensure_ascii=False, default=str)
        self.stdout.write("\n")

    # -- running engines ----------------------------------------------------------------
    async def run_transfer(
        self,
        title: str,
        start: Callable[[Listener, Callable[[Runnable[Any]], None]], Awaitable[TransferReport]],
    ) -> tuple[Runnable[Any], TransferReport]:
        """Run an engine the way the library does -- *start* calls its function
        (``upload(...)``, ``export(...)``, ``migrate(...)``) with this command's event
        listener (``on_event=``) and a callback receiving the engine (``on_start=``) --
        with progress and Ctrl-C handling (the first stops the engine cleanly, the second
        at once); returns the engine (for what it noticed) and its report."""
        listeners, view = self.listeners(title)
        engines: list[Runnable[Any]] = []

        def on_event(event: TransferEvent) -> None:
            for listener in listeners:
                listener(event)

        try:
            with single_group_error():
                async with anyio.create_task_group() as tg:

                    def started(engine: Runnable[Any]) -> None:
                        engines.append(engine)
                        tg.start_soon(view.run)
                        tg.start_soon(self._watch_signals, engine)

                    report = await start(on_event, started)
                    tg.cancel_scope.cancel()
        except StateStoreError as exc:
            raise CliError(str(exc)) from None
        return engines[0], report

    async def _watch_signals(self, engine: Runnable[Any]) -> None:
        signals = [signal.SIGINT, signal.SIGTERM]
        with anyio.open_signal_receiver(*signals) as received:
            count = 0
            async for _ in received:
                count += 1
                if count == 1:
                    self.warn("interrupted: stopping, saving state (Ctrl-C again to quit at once)")
                    engine.stop()
                elif count == 2 and getattr(engine, "draining", False):
                    # a watch finishing what was on its way: now at once, with its report
                    engine.stop()
                else:
                    raise KeyboardInterrupt


@contextlib.contextmanager
def single_group_error() -> Iterator[None]:
    """Give the caller the engine's own error, not a group of one."""
    try:
        yield
    except BaseExceptionGroup as group:
        if len(group.exceptions) == 1:
            raise group.exceptions[0] from group.exceptions[0].__cause__
        raise


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, ImmichError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def state_path(args: argparse.Namespace) -> StatePath:
    """The state file a command's ``--state`` / ``--no-state`` flags choose."""
    if getattr(args, "no_state", False):
        return None
    if getattr(args, "state", None):
        return Path(args.state)
    return DEFAULT_PATH
