"""Serve a FakeImmich on a real socket: in the current event loop, a thread, or a subprocess.

* :func:`serve` runs hypercorn in the current task (asyncio or trio) until an event is set.
* :func:`run_fake_server_in_thread` starts a thread with its own event loop; the test keeps
  direct access to ``server.fake``.
* :func:`run_fake_server_subprocess` runs ``python -m immich_bulk.testing`` in another
  process, which can be stopped, killed and started again on the same data directory and
  port ("server restart mid-run" tests). Faults and counters go through the ``/_fake/``
  control endpoints, wrapped by :class:`FakeServer` methods (available on both handles).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import anyio
import anyio.from_thread
import anyio.lowlevel
import httpx
from hypercorn.config import Config

from .fake import FakeImmich
from .faults import ConnectionDropped
from .web import Receive, Scope, Send

__all__ = [
    "FakeServer",
    "SubprocessServer",
    "ThreadServer",
    "bind_socket",
    "build_config",
    "run_fake_server_in_thread",
    "run_fake_server_subprocess",
    "serve",
]


def running_on_trio() -> bool:
    """True inside a trio event loop (hypercorn has one serve() per backend)."""
    trio = sys.modules.get("trio")
    if trio is None:
        return False
    try:
        trio.lowlevel.current_task()
    except RuntimeError:
        return False
    return True


log = logging.getLogger("immich_bulk.testing")


def bind_socket(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A listening TCP socket (so clients can connect before the server loop runs)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


def build_config(sock: socket.socket) -> Config:
    """hypercorn config serving on an already bound socket (ownership moves to hypercorn)."""
    config = Config()
    config.bind = [f"fd://{sock.detach()}"]
    config.accesslog = None
    config.loglevel = "WARNING"
    config.include_server_header = False
    config.graceful_timeout = 1.0
    config.keep_alive_timeout = 30.0
    return config


class _SocketApp:
    """Turns :class:`ConnectionDropped` into an aborted connection under hypercorn.

    The fake app has already sent part of a response; returning without finishing it makes
    hypercorn close the socket mid-message.
    """

    def __init__(self, fake: FakeImmich) -> None:
        self.fake = fake

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.fake.app(scope, receive, send)
        except ConnectionDropped:
            return


def _url(sock_name: tuple[Any, ...], host: str) -> str:
    port = sock_name[1]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/api"


async def serve(
    fake: FakeImmich,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    sock: socket.socket | None = None,
    shutdown_event: anyio.Event | None = None,
    task_status: anyio.abc.TaskStatus[str] = anyio.TASK_STATUS_IGNORED,
) -> None:
    """Serve ``fake`` with hypercorn until ``shutdown_event`` is set (or cancelled).

    ``task_status.started`` receives the API URL, so ``url = await tg.start(serve, fake)``.
    """
    if sock is None:
        sock = bind_socket(host, port)
    url = _url(sock.getsockname(), host)
    config = build_config(sock)
    event = shutdown_event or anyio.Event()
    app = _SocketApp(fake)
    task_status.started(url)
    if running_on_trio():
        from hypercorn.trio import serve as trio_serve

        await trio_serve(app, config, shutdown_trigger=event.wait)  # type: ignore[arg-type]
    else:
        from hypercorn.asyncio import serve as asyncio_serve

        await asyncio_serve(app, config, shutdown_trigger=event.wait)  # type: ignore[arg-type]


# ---------------------------------------------------------------------- handles


class FakeServer:
    """A fake on a socket: ``url`` (``http://127.0.0.1:PORT/api``), ``api_key`` and the
    control channel (works for thread and subprocess servers alike)."""

    url: str = ""
    api_key: str = ""

    @property
    def base_url(self) -> str:
        return self.url[: -len("/api")]

    def control(self, method: str, path: str, body: Any = None) -> Any:
        with httpx.Client(base_url=self.base_url, timeout=30.0) as http:
            resp = http.request(method, f"/_fake/{path}", json=body)
        resp.raise_for_status()
        return resp.json()

    def counters(self) -> dict[str, Any]:
        result: dict[str, Any] = self.control("GET", "counters")
        return result

    def reset_counters(self) -> None:
        self.control("POST", "reset-counters")

    def add_fault(self, kind: str, **rule: Any) -> dict[str, Any]:
        """Add one rule (the fields of :class:`~immich_bulk.testing.FaultRule`)."""
        added: dict[str, Any] = self.control("POST", "faults", {"kind": kind, **rule})["rules"][0]
        return added

    def add_faults(self, rules: Sequence[dict[str, Any]], seed: int | None = None) -> list[Any]:
        body: dict[str, Any] = {"rules": list(rules)}
        if seed is not None:
            body["seed"] = seed
        added: list[Any] = self.control("POST", "faults", body)["rules"]
        return added

    def faults(self) -> dict[str, Any]:
        result: dict[str, Any] = self.control("GET", "faults")
        return result

    def clear_faults(self) -> None:
        self.control("DELETE", "faults")

    def set_thumbnail_delay(self, seconds: float) -> None:
        self.control("POST", "settings", {"thumbnailDelay": seconds})

    def create_user(
        self, email: str, name: str = "", password: str = "password", is_admin: bool = False
    ) -> dict[str, Any]:
        """Create a user with an all-permission key: ``{"id", "email", "apiKey"}``."""
        body = {"email": email, "name": name or email, "password": password, "isAdmin": is_admin}
        result: dict[str, Any] = self.control("POST", "users", body)
        return result

    def assets(self, user: str | None = None) -> list[dict[str, Any]]:
        path = "assets" if user is None else f"assets?{'email' if '@' in user else 'userId'}={user}"
        result: list[dict[str, Any]] = self.control("GET", path)
        return result

    def touch_asset(self, asset_id: str) -> int:
        return int(self.control("POST", "touch", {"assetId": asset_id})["mtimeMs"])


class ThreadServer(FakeServer):
    """hypercorn in a background thread with its own event loop."""

    def __init__(
        self, fake: FakeImmich, *, host: str = "127.0.0.1", port: int = 0, backend: str = "asyncio"
    ) -> None:
        self.fake = fake
        self.host = host
        self.port = port
        self.backend = backend
        self.api_key = fake.api_key
        self._thread: threading.Thread | None = None
        self._token: Any = None
        self._event: anyio.Event | None = None
        self._error: BaseException | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        sock = bind_socket(self.host, self.port)
        self.port = sock.getsockname()[1]
        self.url = _url(sock.getsockname(), self.host)
        ready = threading.Event()

        async def main() -> None:
            self._token = anyio.lowlevel.current_token()
            self._event = anyio.Event()
            ready.set()
            await serve(self.fake, sock=sock, host=self.host, shutdown_event=self._event)

        def run() -> None:
            try:
                anyio.run(main, backend=self.backend)
            except BaseException as exc:  # pragma: no cover - reported by stop()
                self._error = exc
                ready.set()

        self._thread = threading.Thread(target=run, name="fake-immich-server", daemon=True)
        self._thread.start()
        ready.wait(30)

    def stop(self, timeout: float = 10.0) -> None:
        thread = self._thread
        if thread is None:
            return
        if thread.is_alive() and self._event is not None:
            with contextlib.suppress(RuntimeError):
                anyio.from_thread.run_sync(self._event.set, token=self._token)
        thread.join(timeout)
        self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise RuntimeError("the fake server thread failed") from error

    def restart(self) -> None:
        self.stop()
        self.start()


@contextlib.contextmanager
def run_fake_server_in_thread(
    data_dir: str | os.PathLike[str] | None = None,
    port: int = 0,
    *,
    host: str = "127.0.0.1",
    backend: str = "asyncio",
    fake: FakeImmich | None = None,
    **fake_kwargs: Any,
) -> Iterator[ThreadServer]:
    """``with run_fake_server_in_thread() as server:`` -> ``server.url``, ``server.fake``."""
    own = fake is None
    the_fake = fake if fake is not None else FakeImmich(data_dir, **fake_kwargs)
    server = ThreadServer(the_fake, host=host, port=port, backend=backend)
    try:
        server.start()
        yield server
    finally:
        try:
            server.stop()
        finally:
            if own:
                the_fake.close()


class SubprocessServer(FakeServer):
    """``python -m immich_bulk.testing`` in a child process; :meth:`stop`/:meth:`start` keep
    the data directory and the port, so a client sees the same server come back."""

    def __init__(
        self,
        *,
        port: int = 0,
        data_dir: str | os.PathLike[str] | None = None,
        host: str = "127.0.0.1",
        api_key: str | None = None,
        backend: str = "asyncio",
        startup_timeout: float = 30.0,
        extra_args: Sequence[str] = (),
    ) -> None:
        self._own_dir: str | None = None
        if data_dir is None:
            self._own_dir = tempfile.mkdtemp(prefix="fake-immich-proc-")
            data_dir = Path(self._own_dir) / "data"
        self.data_dir = Path(data_dir)
        self.host = host
        self.port = port
        self.backend = backend
        self.startup_timeout = startup_timeout
        self.extra_args = list(extra_args)
        self.fixed_api_key = api_key
        self.log_path = self.data_dir.parent / f"{self.data_dir.name}.fake-immich.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def command(self) -> list[str]:
        cmd = [
            sys.executable, "-m", "immich_bulk.testing", "--host", self.host,
            "--port", str(self.port), "--data", str(self.data_dir), "--print-url",
            "--backend", self.backend,
        ]  # fmt: skip
        if self.fixed_api_key:
            cmd += ["--api-key", self.fixed_api_key]
        return cmd + self.extra_args

    def start(self) -> None:
        if self.running:
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        proc = subprocess.Popen(
            self.command(),
            stdout=subprocess.PIPE,
            stderr=self._log,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        self.process = proc
        lines: queue.Queue[bytes] = queue.Queue()

        def pump() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                lines.put(line)
            lines.put(b"")

        threading.Thread(target=pump, name="fake-immich-stdout", daemon=True).start()
        try:
            line = lines.get(timeout=self.startup_timeout)
        except queue.Empty:
            self.kill()
            raise RuntimeError(f"fake server did not start; log: {self._tail()}") from None
        if not line:
            self.stop()
            raise RuntimeError(f"fake server exited at start-up; log: {self._tail()}")
        info = json.loads(line)
        self.url = info["url"]
        self.api_key = info["apiKey"]
        self.port = int(info["port"])

    def _tail(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return "(no log)"

    def stop(self, timeout: float = 15.0) -> None:
        """Graceful stop (SIGTERM), killing the process if it does not exit in time."""
        proc = self.process
        if proc is not None:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def kill(self) -> None:
        """Abrupt stop (SIGKILL), like a crash; the data written so far survives."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.stop()

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        self.stop()
        if self._own_dir is not None:
            shutil.rmtree(self._own_dir, ignore_errors=True)
            self._own_dir = None


@contextlib.contextmanager
def run_fake_server_subprocess(
    port: int = 0,
    data_dir: str | os.PathLike[str] | None = None,
    *,
    host: str = "127.0.0.1",
    api_key: str | None = None,
    backend: str = "asyncio",
    startup_timeout: float = 30.0,
    extra_args: Sequence[str] = (),
) -> Iterator[SubprocessServer]:
    """``with run_fake_server_subprocess(data_dir=tmp) as server:`` (started; stopped at exit)."""
    server = SubprocessServer(
        port=port,
        data_dir=data_dir,
        host=host,
        api_key=api_key,
        backend=backend,
        startup_timeout=startup_timeout,
        extra_args=extra_args,
    )
    try:
        server.start()
        yield server
    finally:
        server.close()
