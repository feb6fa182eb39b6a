"""Command line of the benchmark harness, shared by ``python -m benchmarks``,
``python -m immich_bulk.bench`` and ``immich-bulk bench``."""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import anyio

__all__ = ["add_arguments", "build_parser", "main", "options_from_args", "run_from_args"]

T = TypeVar("T")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def add_arguments(parser: argparse.ArgumentParser, *, server: bool = True) -> None:
    """The harness's options; with *server* also ``--url``, ``--key``/``--api-key`` and
    ``--insecure``."""
    from .suite import ALIASES, SCENARIOS

    if server:
        group = parser.add_argument_group("server (default: a local FakeImmich subprocess)")
        group.add_argument("--url", help="benchmark this Immich server instead of the fake")
        group.add_argument(
            "--key",
            "--api-key",
            dest="key",
            help="its API key (default: $IMMICH_API_KEY); the user needs asset upload, "
            "delete and album permissions",
        )
        group.add_argument(
            "--key-file",
            type=Path,
            metavar="FILE",
            help="read the API key from FILE (again after every --reset-cmd)",
        )
        group.add_argument("--insecure", action="store_true", help="do not verify TLS")
        group.add_argument(
            "--reset-cmd",
            metavar="CMD",
            help="shell command that replaces the server by a fresh, empty one (a throwaway "
            "test server only!); run before every measured upload, not timed",
        )
    what = parser.add_argument_group("what to run")
    what.add_argument(
        "--scenarios",
        action="append",
        metavar="LIST",
        help="comma-separated scenario keys or groups (default: standard; with --url: "
        "real): " + ", ".join([*SCENARIOS, *ALIASES]),
    )
    what.add_argument("--quick", action="store_true", help="tiny sizes, one repetition (smoke)")
    what.add_argument("--tune", action="store_true", help="sweep upload settings and recommend")
    what.add_argument("--list", action="store_true", help="list the scenarios and exit")
    how = parser.add_argument_group("how")
    how.add_argument("--repeat", type=int, metavar="N", help="repetitions (default 3; quick 1)")
    how.add_argument(
        "--concurrency", type=int, default=4, metavar="N", help="for every contender (4)"
    )
    how.add_argument(
        "--out",
        type=Path,
        default=Path("benchmarks/out"),
        metavar="DIR",
        help="reports (%(default)s)",
    )
    how.add_argument("--work-dir", type=Path, metavar="DIR", help="corpora go here (temp dir)")
    how.add_argument("--keep-work", action="store_true", help="keep the corpora afterwards")
    how.add_argument("--no-immichpy", action="store_true", help="skip the immichpy baselines")
    how.add_argument(
        "--immich-cli",
        metavar="CMD",
        help="the official Immich CLI's command, e.g. a path, or 'NODE PATH' for a Node "
        "other than the one on PATH (default: immich on PATH)",
    )
    how.add_argument(
        "--no-immich-cli", action="store_true", help="skip the official CLI's baselines"
    )
    how.add_argument("--no-pin", action="store_true", help="do not pin server and clients")
    how.add_argument("--no-plots", action="store_true", help="write no PNG plots")
    how.add_argument("--tune-files", type=int, metavar="N", help="tuning corpus files (400)")
    how.add_argument(
        "--tune-size", type=int, metavar="BYTES", help="tuning corpus file size (250000)"
    )


def build_parser(prog: str = "python -m benchmarks") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Benchmark immich_bulk against baselines measured in the same run "
        "(a bare httpx loop, immichpy, sha1sum). See docs/benchmarks.md.",
    )
    add_arguments(parser)
    return parser


def options_from_args(
    args: argparse.Namespace,
    *,
    url: str | None = None,
    api_key: str | None = None,
    command: str = "",
) -> tuple[Any, Any]:
    """``(SuiteOptions, TuneOptions | None)`` from parsed arguments (ValueError if bad)."""
    import attrs

    from .suite import ALIASES, SuiteOptions, expand_scenarios
    from .tuning import TuneOptions

    if args.concurrency < 1:
        raise ValueError("--concurrency must be at least 1")
    if args.repeat is not None and args.repeat < 1:
        raise ValueError("--repeat must be at least 1")
    if args.scenarios:
        scenarios = expand_scenarios(args.scenarios)
    else:
        scenarios = () if args.tune else ALIASES["real" if url else "standard"]
    reset_cmd = getattr(args, "reset_cmd", None)
    key_file = getattr(args, "key_file", None)
    if (reset_cmd or key_file) and not url:
        raise ValueError("--reset-cmd and --key-file need --url")
    tune = None
    if args.tune:
        tune = TuneOptions.quick() if args.quick else TuneOptions()
        if args.tune_files is not None:
            tune = attrs.evolve(tune, files=args.tune_files)
        if args.tune_size is not None:
            tune = attrs.evolve(tune, size=args.tune_size)
        if args.repeat is not None:
            tune = attrs.evolve(tune, reps=args.repeat)
    options = SuiteOptions(
        url=url,
        api_key=api_key,
        key_file=key_file,
        reset_cmd=reset_cmd,
        insecure=getattr(args, "insecure", False),
        scenarios=scenarios,
        quick=args.quick,
        repeat=args.repeat,
        concurrency=args.concurrency,
        out_dir=args.out,
        work_dir=args.work_dir,
        keep_work=args.keep_work,
        immichpy=not args.no_immichpy,
        official_cli=not args.no_immich_cli,
        official_cli_command=args.immich_cli,
        pin=not args.no_pin,
        plots=not args.no_plots,
        command=command,
    )
    return options, tune


def list_scenarios() -> str:
    from .suite import ALIASES, SCENARIOS

    lines = [f"  {k:<14} {v}" for k, v in SCENARIOS.items()]
    lines.append("groups: " + "; ".join(f"{k} = {', '.join(v)}" for k, v in ALIASES.items()))
    return "\n".join(lines)


async def run_from_args(
    args: argparse.Namespace,
    *,
    url: str | None = None,
    api_key: str | None = None,
    command: str = "",
    out: Any = None,
    log: Callable[[str], None] | None = None,
) -> int:
    """Run what the arguments ask for; print the report; return an exit code.

    0 when every run worked (a missed goal is a result, not an error), 1 when some run
    failed, 2 on bad arguments.
    """
    import attrs

    from .report import render_markdown
    from .suite import run_suite
    from .target import BenchError

    stream = out or sys.stdout
    if args.list:
        print(list_scenarios(), file=stream)
        return EXIT_OK
    try:
        options, tune = options_from_args(args, url=url, api_key=api_key, command=command)
        if log is not None:
            options = attrs.evolve(options, log=log)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = await _until_signalled(lambda: run_suite(options, tune_options=tune))
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if result is None:
        print("interrupted: the benchmark's assets and album were deleted", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(render_markdown(result), file=stream)
    failed = [
        run
        for scenario in result.scenarios
        for runs in scenario.runs.values()
        for run in runs
        if not run.ok
    ]
    errors = [s for s in result.scenarios if s.error]
    return EXIT_FAILED if failed or errors else EXIT_OK


async def _until_signalled(run: Callable[[], Awaitable[T]]) -> T | None:
    """``await run()``, cancelled by SIGINT or SIGTERM (None then).

    Cancelling runs the suite's cleanup (shielded): against a real server the benchmark's
    assets and album are deleted also when the run is stopped.
    """
    result: list[T] = []

    async def watch(scope: anyio.CancelScope) -> None:
        try:
            with anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
                async for _ in signals:
                    scope.cancel()
                    return
        except (NotImplementedError, ValueError):  # no signals here (Windows, a thread)
            await anyio.sleep_forever()

    failure: list[Exception] = []
    async with anyio.create_task_group() as tg:
        tg.start_soon(watch, tg.cancel_scope)
        try:
            result.append(await run())
        except Exception as exc:  # re-raised as itself, not inside an ExceptionGroup
            failure.append(exc)
        tg.cancel_scope.cancel()
    if failure:
        raise failure[0]
    return result[0] if result else None


def main(argv: Sequence[str] | None = None, *, prog: str = "python -m benchmarks") -> int:
    args = build_parser(prog).parse_args(list(argv) if argv is not None else None)
    url = args.url
    key = args.key or (os.environ.get("IMMICH_API_KEY") if url and not args.key_file else None)
    if url and not key and not args.key_file:
        print("error: --url needs --key-file, --key or $IMMICH_API_KEY", file=sys.stderr)
        return EXIT_USAGE
    command = f"{prog} {redact_command(sys.argv[1:] if argv is None else argv)}".strip()

    async def run() -> int:
        return await run_from_args(args, url=url, api_key=key, command=command)

    try:
        return anyio.run(run)
    except KeyboardInterrupt:
        print("interrupted (the benchmark's assets were deleted)", file=sys.stderr)
        return EXIT_INTERRUPTED


def redact_command(argv: Sequence[str]) -> str:
    """The command line for the report, with any API key replaced by ``***``."""
    out: list[str] = []
    hide = False
    for arg in argv:
        if hide:
            out.append("***")
            hide = False
            continue
        name, eq, _ = arg.partition("=")
        if name in ("--key", "--api-key"):
            if eq:
                out.append(f"{name}=***")
            else:
                out.append(arg)
                hide = True
            continue
        out.append(arg)
    return shlex.join(out)
