"""Small hostile HTTP servers on raw sockets: they accept connections, then misbehave in
ways a framework would not let them (never answer, trickle bytes, stop reading).

Served in the test's own event loop (asyncio or trio) with :func:`serving`, or in a
background thread for command-line tests with :func:`serving_in_thread`.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import anyio
import anyio.abc

Handler = Callable[[anyio.abc.SocketStream], Awaitable[None]]

PONG = b'{"res":"pong"}'


class Seen:
    """What a hostile server saw: connections and request heads."""

    def __init__(self) -> None:
        self.connections = 0
        self.requests: list[bytes] = []


async def read_head(stream: anyio.abc.SocketStream) -> tuple[bytes, bytes]:
    """The request line and headers, and whatever of the body came with them."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = await stream.receive()
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    return head, rest


def content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


async def read_request(stream: anyio.abc.SocketStream) -> bytes:
    """A whole request (head and body); returns the head."""
    head, body = await read_head(stream)
    remaining = content_length(head) - len(body)
    while remaining > 0:
        remaining -= len(await stream.receive())
    return head


def response_head(status: int = 200, length: int = len(PONG)) -> bytes:
    return (
        f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    ).encode()


def _counting(handler: Handler, seen: Seen) -> Handler:
    async def handle(stream: anyio.abc.SocketStream) -> None:
        seen.connections += 1
        # the client giving up (the point of these servers) ends the handler
        async with stream:
            with contextlib.suppress(anyio.EndOfStream, anyio.BrokenResourceError, OSError):
                await handler(stream)

    return handle


@contextlib.asynccontextmanager
async def serving(handler: Handler) -> AsyncIterator[tuple[str, Seen]]:
    """*handler* serving each connection on 127.0.0.1; yields (base URL, what it saw)."""
    seen = Seen()
    listener = await anyio.create_tcp_listener(local_host="127.0.0.1")
    port = listener.extra(anyio.abc.SocketAttribute.local_port)
    async with anyio.create_task_group() as tg:
        tg.start_soon(listener.serve, _counting(handler, seen))
        try:
            yield f"http://127.0.0.1:{port}", seen
        finally:
            tg.cancel_scope.cancel()


# -- handlers ---------------------------------------------------------------------------


async def never_answer(stream: anyio.abc.SocketStream) -> None:
    """Accept, read whatever comes, never answer."""
    while True:
        await stream.receive()


def trickle(interval: float, *, head_first: bool) -> Handler:
    """Answer one byte every *interval* seconds (with *head_first*, the status line and
    headers come at once and only the body -- 3 KB of JSON -- trickles)."""
    body = b'{"res":"' + b"o" * 3000 + b'"}'

    async def handle(stream: anyio.abc.SocketStream) -> None:
        await read_request(stream)
        head = response_head(length=len(body))
        rest = body
        if head_first:
            await stream.send(head)
        else:
            rest = head + body
        for byte in rest:
            await stream.send(bytes([byte]))
            await anyio.sleep(interval)

    return handle


# -- the same servers in a thread, for command-line tests ----------------------------


@contextlib.contextmanager
def serving_in_thread(kind: str, *, interval: float = 1.0) -> Iterator[str]:
    """A blocking-socket server in a daemon thread (``"silent"``: accepts and never
    answers; ``"trickle"``: answers one byte every *interval* seconds). Yields the URL."""
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    stop = threading.Event()
    clients: list[socket.socket] = []

    def handle(conn: socket.socket) -> None:
        try:
            conn.settimeout(0.2)
            data = b""
            while b"\r\n\r\n" not in data and not stop.is_set():
                with contextlib.suppress(TimeoutError):
                    data += conn.recv(65536)
            answer = response_head() + PONG
            for byte in answer:
                if stop.is_set():
                    return
                if kind == "trickle":
                    conn.sendall(bytes([byte]))
                stop.wait(interval)
            while not stop.is_set():  # silent: hold the connection open
                stop.wait(0.2)
        except OSError:
            pass
        finally:
            conn.close()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            clients.append(conn)
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop.set()
        thread.join(5)
        server.close()
        deadline = time.monotonic() + 5
        while any(c.fileno() != -1 for c in clients) and time.monotonic() < deadline:
            time.sleep(0.05)
