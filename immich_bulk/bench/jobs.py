"""One measured client run in its own process: the job description and the launcher.

The parent sends a :class:`Job` as JSON on the child's stdin (never on the command line,
which other users can read: it holds the API key) and reads one JSON result from its
stdout. Each run is a fresh interpreter, so its peak RSS (``ru_maxrss``) belongs to that
run alone, and imports, caches and the event loop start cold for every contender alike.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import anyio
import attrs

from .stats import Run

__all__ = ["CONTENDERS", "ChildResult", "Job", "run_child"]

#: Implementation keys a child understands (see :mod:`immich_bulk.bench._child`).
CONTENDERS = (
    "ours-upload",
    "bare-upload",
    "immichpy-upload",
    "ours-export",
    "bare-download",
    "immichpy-download",
    "ours-hash",
    "sha1sum",
    "ours-command-upload",
    "ours-command-export",
    "official-cli-upload",
)


@attrs.frozen(kw_only=True)
class Job:
    contender: str
    """One of :data:`CONTENDERS`."""
    url: str = ""
    api_key: str = attrs.field(default="", repr=False)
    insecure: bool = False
    corpus: str = ""
    """The corpus root (uploads, hashing)."""
    manifest: str = ""
    """The corpus manifest (paths, checksums, sizes)."""
    concurrency: int = 4
    adaptive: bool = False
    """Our uploads: ``concurrency="auto"`` (adaptive, starting at ``concurrency``)."""
    hash_workers: int | None = None
    check_batch_size: int | None = None
    state_path: str | None = None
    """Our state file (None: no state)."""
    album: str | None = None
    """Uploads: add to this album (by name); exports: export this album (name or id)."""
    dest: str | None = None
    """Downloads: the destination folder."""
    ids_file: str | None = None
    """Downloads: asset ids, one per line."""
    fsync: bool | None = None
    """Our exports: ``DownloadConfig.fsync`` (None: the default)."""
    cpus: tuple[int, ...] | None = None
    """Pin the child to these CPUs (None: anywhere)."""
    backend: str = "asyncio"
    """Async backend of our contenders (the others need asyncio)."""
    pause_jobs: bool = False
    """Ours: pause the server's job queues during the upload (``pause_jobs``)."""
    defaults: bool = False
    """Commands: run with the command's own defaults (no ``--concurrency``, the default
    state file in the run's fresh home), as a user who sets nothing."""
    cli: tuple[str, ...] = ()
    """``official-cli-upload``: the official CLI's command (program and leading args)."""

    def to_json(self) -> str:
        data = attrs.asdict(self)
        data["cpus"] = list(self.cpus) if self.cpus is not None else None
        data["cli"] = list(self.cli)
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> Job:
        data = json.loads(text)
        if data.get("cpus") is not None:
            data["cpus"] = tuple(data["cpus"])
        data["cli"] = tuple(data.get("cli") or ())
        names = {a.name for a in attrs.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@attrs.frozen(kw_only=True)
class ChildResult:
    wall_s: float = 0.0
    cpu_s: float = 0.0
    peak_rss_kib: int = 0
    start_rss_kib: int = 0
    detail: Mapping[str, Any] = attrs.field(factory=dict)
    error: str | None = None


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # the same immich_bulk as the parent, also when it runs from a source checkout
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


async def run_child(job: Job, *, max_seconds: float = 3600.0) -> ChildResult:
    """Run *job* in a fresh interpreter and return what it measured.

    A crash, a timeout or an exception in the child comes back as ``error`` (with the tail
    of its stderr), never as an exception here.
    """
    cmd = [sys.executable, "-m", "immich_bulk.bench._child"]
    started = time.perf_counter()
    try:
        with anyio.fail_after(max_seconds):
            proc = await anyio.run_process(
                cmd, input=job.to_json().encode(), check=False, env=_child_env()
            )
    except TimeoutError:
        return ChildResult(error=f"timed out after {max_seconds:.0f} s")
    except OSError as exc:
        return ChildResult(error=f"could not start the child: {exc}")
    process_s = time.perf_counter() - started
    stderr = proc.stderr.decode(errors="replace").strip()
    lines = [ln for ln in proc.stdout.decode(errors="replace").splitlines() if ln.strip()]
    if proc.returncode != 0 or not lines:
        tail = stderr[-1500:] or "(no output)"
        return ChildResult(error=f"child exited with {proc.returncode}: {tail}")
    try:
        data = json.loads(lines[-1])
    except ValueError:
        return ChildResult(error=f"unreadable child output: {lines[-1][:200]}")
    return ChildResult(
        wall_s=float(data.get("wall_s", 0.0)),
        cpu_s=float(data.get("cpu_s", 0.0)),
        peak_rss_kib=int(data.get("peak_rss_kib", 0)),
        start_rss_kib=int(data.get("start_rss_kib", 0)),
        # the whole child: interpreter start, imports, preparation, the work
        detail={**(data.get("detail") or {}), "process_s": process_s},
        error=data.get("error"),
    )


def to_run(
    result: ChildResult,
    *,
    contender: str,
    files: int,
    size: int,
    server_cpu_s: float | None = None,
    error: str | None = None,
) -> Run:
    return Run(
        contender=contender,
        wall_s=result.wall_s,
        cpu_s=result.cpu_s,
        peak_rss_kib=result.peak_rss_kib,
        start_rss_kib=result.start_rss_kib,
        files=files,
        bytes=size,
        server_cpu_s=server_cpu_s,
        error=result.error or error,
        detail=dict(result.detail),
    )
