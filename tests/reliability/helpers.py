"""Shared helpers of the reliability suite: libraries with known checksums, a CLI runner,
the state file seen from outside, serving any ASGI app on a loopback port, and a way to
make a child process feel file permissions even when the tests run as root."""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import functools
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import anyio
import anyio.from_thread
import anyio.lowlevel
import attrs
from hypercorn.config import Config

from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import FakeServer
from immich_bulk.testing.server import bind_socket, build_config, running_on_trio

ROOT = Path(__file__).resolve().parents[2]
WHEN = dt.datetime(2021, 6, 1, 12, 0, 0)
ASGIApp = Callable[..., Any]


def sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def sha1_file(path: Path) -> str:
    return sha1(path.read_bytes())


def make_library(
    root: Path,
    count: int,
    *,
    seed: int,
    copies: int = 0,
    min_size: int = 1_000,
    max_size: int = 12_000,
    folders: int = 10,
) -> dict[Path, str]:
    """*count* distinct JPEGs (sizes between *min_size* and *max_size*) in *folders*
    sub-folders, plus *copies* byte-identical copies of some of them under other names.
    Returns every file with its SHA-1 (hex)."""
    out: dict[Path, str] = {}
    span = max(1, max_size - min_size)
    for i in range(count):
        folder = root / f"f{i % folders:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = jpeg_bytes(seed * 1_000_000 + i, WHEN, size=min_size + (i * 7919) % span)
        path = folder / f"p{seed}-{i:05d}.jpg"
        path.write_bytes(data)
        out[path] = sha1(data)
    originals = sorted(out)
    for n in range(copies):
        source = originals[(n * 37) % len(originals)]
        copy = root / "copies" / f"copy-{n:04d}.jpg"
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(source.read_bytes())
        out[copy] = out[source]
    return out


def final_files(dest: Path) -> dict[Path, str]:
    """Every file below *dest* that is not a ``.part``/``.meta`` leftover, with its SHA-1."""
    return {
        p: sha1_file(p)
        for p in sorted(dest.rglob("*"))
        if p.is_file() and not p.name.endswith((".part", ".part.meta")) and not p.is_symlink()
    }


def leftovers(dest: Path) -> list[Path]:
    return sorted(p for p in dest.rglob("*") if p.name.endswith((".part", ".part.meta")))


# ---------------------------------------------------------------------- the state file


def hash_cache_paths(state: Path) -> set[bytes]:
    """The paths (as bytes) of the hash-cache rows a state file holds, read from outside
    (no immich_bulk code): what a run killed at that point left for the next one."""
    if not state.exists():
        return set()
    conn = sqlite3.connect(f"file:{state}?mode=ro", uri=True)
    try:
        return {bytes(row[0]) for row in conn.execute("SELECT path FROM hash_cache")}
    finally:
        conn.close()


def state_bytes(state: Path) -> bytes:
    """The state file and its WAL/SHM side files, as bytes (to grep for secrets)."""
    data = b""
    for suffix in ("", "-wal", "-shm", "-journal"):
        side = Path(f"{state}{suffix}")
        if side.exists():
            data += side.read_bytes()
    return data


# ---------------------------------------------------------------------- the CLI


@attrs.frozen
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def cli_env(home: Path, url: str = "", key: str = "", **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "IMMICH_INSTANCE_URL": url,
        "IMMICH_API_KEY": key,
        "IMMICH_BULK_CONFIG_DIR": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PYTHONPATH": str(ROOT),
        **extra,
    }
    env.pop("COLUMNS", None)
    return env


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "immich_bulk", *args]


def run_cli(
    *args: str,
    env: Mapping[str, str],
    timeout: float = 120,
    preexec_fn: Callable[[], None] | None = None,
    stdin: bytes | None = None,
) -> Result:
    done = subprocess.run(
        cli_command(*args),
        capture_output=True,
        env=dict(env),
        timeout=timeout,
        cwd=ROOT,
        preexec_fn=preexec_fn,
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
    )
    # decode like a terminal would; a name that is not UTF-8 must not break the test itself
    return Result(
        done.returncode,
        done.stdout.decode("utf-8", "backslashreplace"),
        done.stderr.decode("utf-8", "backslashreplace"),
    )


def count_lines(path: Path) -> int:
    try:
        with open(path, "rb") as handle:
            return sum(1 for _ in handle)
    except FileNotFoundError:
        return 0


def kill_after_lines(
    process: subprocess.Popen[bytes], events: Path, lines: int, *, limit: float = 120
) -> bool:
    """SIGKILL *process* once *events* has at least *lines* lines. Returns False when the
    process ended on its own first. (*limit* only guards against a hung child.)"""
    deadline = time.monotonic() + limit
    while process.poll() is None and time.monotonic() < deadline:
        if count_lines(events) >= lines:
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.005)
    if process.poll() is None:  # pragma: no cover - a hung child fails the test below
        process.kill()
        process.wait()
        raise AssertionError("the child process hung")
    return False


def read_events(path: Path) -> list[dict[str, Any]]:
    """The complete NDJSON lines of an events file (a SIGKILL may cut the last one)."""
    out = []
    for line in path.read_bytes().splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out


# ---------------------------------------------------------------------- permissions

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2


def permission_checked_preexec() -> Callable[[], None] | None:
    """A ``preexec_fn`` under which a child process is refused files it has no permission
    for, or None when the tests do not run as root (permissions already apply).

    Root ignores file modes through the CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH
    capabilities. Switching to ``nobody`` would be the classic way, but the interpreter may
    live where nobody can reach it (here: under /root, mode 0700); dropping those two
    capabilities from the bounding set before ``exec`` gives the same effect -- the child
    keeps uid 0, and the kernel checks every file's mode bits against it.
    """
    if os.geteuid() != 0:
        return None
    libc = ctypes.CDLL(None, use_errno=True)

    def drop() -> None:
        for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
            if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")

    return drop


def can_drop_capabilities() -> bool:
    preexec = permission_checked_preexec()
    if preexec is None:
        return True
    probe = subprocess.run(
        [sys.executable, "-c", "print(1)"], preexec_fn=preexec, capture_output=True, check=False
    )
    return probe.returncode == 0


# ---------------------------------------------------------------------- ASGI on a socket


async def serve_app(
    app: ASGIApp,
    *,
    config: Config | None = None,
    shutdown: anyio.Event,
    task_status: anyio.abc.TaskStatus[str] = anyio.TASK_STATUS_IGNORED,
) -> None:
    """Serve *app* with hypercorn on 127.0.0.1 (a free port) until *shutdown* is set;
    ``task_status`` gets the base URL (``http://127.0.0.1:PORT``)."""
    sock = bind_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    cfg = build_config(sock)
    if config is not None:  # TLS settings
        cfg.certfile, cfg.keyfile = config.certfile, config.keyfile
    scheme = "https" if cfg.certfile else "http"
    task_status.started(f"{scheme}://127.0.0.1:{port}")
    if running_on_trio():
        from hypercorn.trio import serve as trio_serve

        await trio_serve(app, cfg, shutdown_trigger=shutdown.wait)
    else:
        from hypercorn.asyncio import serve as asyncio_serve

        await asyncio_serve(app, cfg, shutdown_trigger=shutdown.wait)


@contextlib.contextmanager
def app_in_thread(app: ASGIApp, *, config: Config | None = None) -> Iterator[str]:
    """*app* served in a background thread (its own asyncio loop): yields the base URL."""
    ready = threading.Event()
    box: dict[str, Any] = {}

    async def main() -> None:
        box["token"] = anyio.lowlevel.current_token()
        box["event"] = event = anyio.Event()
        async with anyio.create_task_group() as tg:
            box["url"] = await tg.start(
                functools.partial(serve_app, app, config=config, shutdown=event)
            )
            ready.set()

    def run() -> None:
        try:
            anyio.run(main)
        except BaseException as exc:  # pragma: no cover - surfaced below
            box["error"] = exc
            ready.set()

    thread = threading.Thread(target=run, name="asgi-test-server", daemon=True)
    thread.start()
    ready.wait(30)
    if "error" in box:
        raise RuntimeError("the test server failed to start") from box["error"]
    try:
        yield str(box["url"])
    finally:
        anyio.from_thread.run_sync(box["event"].set, token=box["token"])
        thread.join(10)


class Recorder:
    """An ASGI app that records every request it gets (the "other host" of a redirect)."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, list[tuple[bytes, bytes]]]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        self.requests.append((scope["method"], scope["path"], list(scope["headers"])))
        body = b'{"res":"pong"}'
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body})

    def saw(self, secret: str) -> bool:
        needle = secret.encode()
        return any(
            needle in path.encode() or any(needle in v for _, v in headers)
            for _, path, headers in self.requests
        )


def fired_per_rule(server: FakeServer) -> list[int]:
    return [int(rule["fired"]) for rule in server.faults()["rules"]]


def minus(after: Sequence[int], before: Sequence[int]) -> list[int]:
    return [a - b for a, b in zip(after, before, strict=True)]
