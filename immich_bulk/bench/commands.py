"""Contenders that are whole commands: the official Immich CLI and ``immich-bulk`` itself.

A command is measured as a user meets it: from the moment it is started until it exits
(interpreter or Node start, imports, the work), with the CPU time of the process
(``RUSAGE_CHILDREN``) and its peak RSS (``VmHWM``, sampled from ``/proc/PID/status`` while
it runs: ``ru_maxrss`` of a child carries the launching process's own peak over ``exec``).

Every run gets a new, empty home directory (``HOME``, the XDG folders, the official CLI's
``IMMICH_CONFIG_DIR``), so neither a saved login nor a state file of an earlier run or of
the user is ever seen. The server and key are passed in the environment
(``IMMICH_INSTANCE_URL``, ``IMMICH_API_KEY``), which both CLIs read, rather than by a
``login URL KEY`` step: a key on a command line is readable by every user through the
process list. Every other inherited ``IMMICH_*`` variable is dropped (the official CLI
reads its options from such variables, e.g. ``IMMICH_UPLOAD_CONCURRENCY``).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

__all__ = [
    "CommandResult",
    "command_env",
    "find_official_cli",
    "official_cli_upload_argv",
    "official_cli_version",
    "ours_command",
    "ours_export_argv",
    "ours_upload_argv",
    "parse_official_cli_output",
    "run_measured",
]

#: How often the peak RSS of a running command is sampled.
RSS_POLL_SECONDS = 0.01


@attrs.frozen(kw_only=True)
class CommandResult:
    returncode: int
    wall_s: float
    cpu_s: float
    peak_rss_kib: int
    stdout: str
    stderr: str


def _vm_hwm_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _children_usage() -> tuple[float, int]:
    """(CPU seconds, largest ``ru_maxrss`` KiB) of the children waited for so far."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0, 0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    scale = 1024 if sys.platform == "darwin" else 1
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss // scale


def run_measured(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    cwd: str | None = None,
    timeout: float = 3600.0,
) -> CommandResult:
    """Run *argv* to its end (blocking); wall time, CPU time and peak RSS of the process.

    The caller must have no other child process running meanwhile (the CPU time is the
    difference of ``RUSAGE_CHILDREN``, which counts every child waited for).
    """
    cpu0, _ = _children_usage()
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        env=dict(env),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            value = _vm_hwm_kib(proc.pid)
            if value is not None:
                peak = max(peak, value)
            done.wait(RSS_POLL_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise
    finally:
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
    cpu1, maxrss = _children_usage()
    return CommandResult(
        returncode=proc.returncode,
        wall_s=wall,
        cpu_s=cpu1 - cpu0,
        # a process gone before the first sample: the kernel's figure, an upper bound
        peak_rss_kib=peak or maxrss,
        stdout=out.decode(errors="replace"),
        stderr=err.decode(errors="replace"),
    )


def command_env(base: Mapping[str, str], home: Path, url: str, api_key: str) -> dict[str, str]:
    """The environment of one command run: a fresh *home*, the server and key, no other
    ``IMMICH_*`` setting of the caller."""
    env = {k: v for k, v in base.items() if not k.startswith(("IMMICH_", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        IMMICH_CONFIG_DIR=str(home / ".config" / "immich"),
        IMMICH_INSTANCE_URL=url,
        IMMICH_API_KEY=api_key,
    )
    return env


def fresh_home(parent: str | None = None) -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="immich-bulk-bench-home-", dir=parent)


# ---------------------------------------------------------------------- the official CLI


def find_official_cli(given: str | None = None) -> list[str] | None:
    """The official CLI's command: *given* (a path or a command line such as
    ``"/opt/node24/bin/node /opt/immich-cli/bin/immich"``), else ``immich`` on ``PATH``."""
    if given:
        return shlex.split(given)
    found = shutil.which("immich")
    return [found] if found else None


def official_cli_version(cli: Sequence[str], *, timeout: float = 60.0) -> tuple[str | None, str]:
    """``(version, problem)``: the CLI's ``--version``, or None and why it cannot run."""
    try:
        out = subprocess.run(
            [*cli, "--version"],
            capture_output=True,
            text=True,
            timeout=timeout,
            env={k: v for k, v in os.environ.items() if not k.startswith("IMMICH_")},
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"cannot run {shlex.join(cli)}: {exc}"
    text = (out.stdout + out.stderr).strip()
    if out.returncode != 0:
        return None, f"{shlex.join(cli)} --version failed: {text[-300:] or out.returncode}"
    version = text.splitlines()[-1].strip() if text else "?"
    return version, ""


def official_cli_upload_argv(
    cli: Sequence[str], corpus: str, *, concurrency: int | None, progress: bool = False
) -> list[str]:
    """``immich upload --recursive [--concurrency N] [--no-progress] CORPUS``.

    ``concurrency=None`` keeps the CLI's default (1 upload at a time); ``--recursive``
    is needed by any setting (the corpus has sub-folders), so it is not a tuning choice.
    """
    argv = [*cli, "upload", "--recursive"]
    if concurrency is not None:
        argv += ["--concurrency", str(concurrency)]
    if not progress:
        argv.append("--no-progress")
    argv.append(corpus)
    return argv


_CLI_COUNTS = (
    ("uploaded", re.compile(r"Successfully uploaded (\d+) new asset")),
    ("duplicate", re.compile(r"Skipped (\d+) duplicate asset")),
    ("failed", re.compile(r"Failed to upload (\d+) asset")),
    ("known", re.compile(r"Found \d+ new files? and (\d+) duplicate")),
)


def parse_official_cli_output(text: str) -> dict[str, int]:
    """Counts from the CLI's summary lines (what a user reads).

    ``uploaded``: new assets; ``duplicate``: sent but already there (byte-identical
    copies within the run); ``known``: found on the server by the pre-check (not sent);
    ``failed``. A count the output does not mention is 0.
    """
    counts = {}
    for name, pattern in _CLI_COUNTS:
        found = pattern.search(text)
        counts[name] = int(found.group(1)) if found else 0
    if "All assets were already uploaded" in text and not counts["known"]:
        counts["known"] = -1  # present, count not printed
    return counts


# ---------------------------------------------------------------------- immich-bulk


def ours_command() -> list[str]:
    """``immich-bulk`` as its console script runs it, from this interpreter."""
    return [sys.executable, "-m", "immich_bulk"]


def ours_upload_argv(
    corpus: str,
    *,
    state: str | None,
    concurrency: int | None,
    pause_jobs: bool | None = None,
    progress: bool = False,
) -> list[str]:
    """``immich-bulk upload CORPUS [--state S] [--concurrency N] [--[no-]pause-jobs]``.

    ``state=None``, ``concurrency=None`` and ``pause_jobs=None`` keep the defaults (the
    state file in the user's cache folder, which :func:`command_env` points into the run's
    fresh home; the job queues paused "auto").
    """
    argv = [*ours_command(), "upload", corpus]
    if state is not None:
        argv += ["--state", state]
    if concurrency is not None:
        argv += ["--concurrency", str(concurrency)]
    if pause_jobs is not None:
        argv.append("--pause-jobs" if pause_jobs else "--no-pause-jobs")
    if not progress:
        argv.append("--no-progress")
    return argv


def ours_export_argv(
    dest: str, *, album: str, state: str, concurrency: int | None, layout: str = "{filename}"
) -> list[str]:
    """``immich-bulk download --album ID --layout L --state S DEST``."""
    argv = [*ours_command(), "download", "--album", album, "--layout", layout, "--state", state]
    if concurrency is not None:
        argv += ["--concurrency", str(concurrency)]
    argv += ["--no-progress", dest]
    return argv
