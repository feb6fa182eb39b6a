"""Minimal ASGI plumbing: request wrapper, response types and the Immich error envelope.

No web framework: FakeImmich is a plain ASGI callable so that it runs under hypercorn on
asyncio or trio and in-process behind ``httpx.ASGITransport``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import anyio

if TYPE_CHECKING:
    from ._spec_routes import SpecRoute
    from .fake import FakeImmich
    from .state import ApiKey, Session, User

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
HeaderList = list[tuple[str, str]]

JSON_CONTENT_TYPE = "application/json; charset=utf-8"
MAX_JSON_BODY = 64 * 1024 * 1024


class HTTPError(Exception):
    """An Immich-shaped error response: ``{"message", "error", "statusCode", "correlationId"}``."""

    def __init__(
        self,
        status: int,
        message: str | list[str],
        *,
        error: str | None = None,
        headers: Iterable[tuple[str, str]] = (),
        with_error_key: bool = True,
        with_correlation_id: bool = True,
    ) -> None:
        super().__init__(message if isinstance(message, str) else "; ".join(message))
        self.status = status
        self.message = message
        self.error = error if error is not None else status_phrase(status)
        self.headers = list(headers)
        self.with_error_key = with_error_key
        self.with_correlation_id = with_correlation_id

    def body(self, cid: str) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message}
        if self.with_error_key:
            body["error"] = self.error
        body["statusCode"] = self.status
        if self.with_correlation_id:
            body["correlationId"] = cid
        return body


class ClientDisconnected(Exception):
    """The client went away while the request body was being read."""


def status_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def not_found_or_no_access(permission: str) -> HTTPError:
    return HTTPError(400, f"Not found or no {permission} access")


def express_etag(body: bytes) -> str:
    """Express's default ETag for a buffered body: ``"<len hex>-<sha1 base64, 27 chars>"``."""
    digest = base64.b64encode(hashlib.sha1(body).digest()).decode("ascii")[:27]
    return f'"{len(body):x}-{digest}"'


def dumps(data: Any) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# --------------------------------------------------------------------------- responses


class Response:
    """Base response. ``headers`` exclude ``x-powered-by``/``x-immich-cid``: the app adds those."""

    status: int = 200
    add_cid: bool = True

    def __init__(self, status: int = 200, headers: HeaderList | None = None) -> None:
        self.status = status
        self.headers: HeaderList = headers if headers is not None else []

    async def send(self, send: Send, prefix: HeaderList, *, head: bool) -> None:
        await send(_start(self.status, prefix + self.headers))
        await send({"type": "http.response.body", "body": b"", "more_body": False})


class BytesResponse(Response):
    def __init__(self, body: bytes, status: int = 200, headers: HeaderList | None = None) -> None:
        super().__init__(status, headers)
        self.body = body

    async def send(self, send: Send, prefix: HeaderList, *, head: bool) -> None:
        await send(_start(self.status, prefix + self.headers))
        await send(
            {"type": "http.response.body", "body": b"" if head else self.body, "more_body": False}
        )


class JSONResponse(BytesResponse):
    """``application/json`` with Express's Content-Length, ETag and Vary headers."""

    def __init__(
        self,
        data: Any,
        status: int = 200,
        headers: HeaderList | None = None,
        *,
        etag: bool = True,
        before: HeaderList | None = None,
    ) -> None:
        body = dumps(data)
        hdrs: HeaderList = list(before or [])
        hdrs += [("content-type", JSON_CONTENT_TYPE), ("content-length", str(len(body)))]
        if etag:
            hdrs.append(("etag", express_etag(body)))
        hdrs.append(("vary", "Accept-Encoding"))
        hdrs.extend(headers or [])
        super().__init__(body, status, hdrs)
        self.data = data


class EmptyResponse(Response):
    """204 No Content (or 304): no Content-Type, no body."""

    def __init__(self, status: int = 204, headers: HeaderList | None = None) -> None:
        super().__init__(status, headers)


class StreamResponse(Response):
    """A body produced by an async iterator (sent with chunked transfer encoding)."""

    def __init__(
        self, chunks: AsyncIterator[bytes], status: int = 200, headers: HeaderList | None = None
    ) -> None:
        super().__init__(status, headers)
        self.chunks = chunks

    async def send(self, send: Send, prefix: HeaderList, *, head: bool) -> None:
        await send(_start(self.status, prefix + self.headers))
        try:
            if not head:
                async for chunk in self.chunks:
                    if chunk:
                        await send({"type": "http.response.body", "body": chunk, "more_body": True})
        finally:
            aclose = getattr(self.chunks, "aclose", None)
            if aclose is not None:
                with anyio.CancelScope(shield=True):
                    await aclose()
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def _start(status: int, headers: HeaderList) -> Message:
    return {
        "type": "http.response.start",
        "status": status,
        "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers],
    }


def error_response(exc: HTTPError, cid: str) -> Response:
    resp = JSONResponse(exc.body(cid), exc.status, before=list(exc.headers))
    if not exc.with_correlation_id:
        # body-parser errors happen before Immich's middleware: no cid, no Vary (70c)
        resp.add_cid = False
        resp.headers = [h for h in resp.headers if h[0] != "vary"]
    return resp


# --------------------------------------------------------------------------- requests


class Request:
    """The parts of an ASGI HTTP request the handlers need, plus body helpers."""

    def __init__(self, scope: Scope, receive: Receive) -> None:
        self.scope = scope
        self._receive = receive
        self.method: str = scope["method"]
        self.full_path: str = scope["path"]
        self.query_string: bytes = scope.get("query_string", b"")
        headers: dict[str, str] = {}
        for raw_name, raw_value in scope.get("headers", []):
            name = raw_name.decode("latin-1").lower()
            value = raw_value.decode("latin-1")
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        self.headers = headers
        self.query: dict[str, str] = {}
        self.query_multi: dict[str, list[str]] = {}
        for key, value in parse_qsl(self.query_string.decode("latin-1"), keep_blank_values=True):
            self.query.setdefault(key, value)
            self.query_multi.setdefault(key, []).append(value)
        self.body_consumed = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    def cookies(self) -> dict[str, str]:
        jar: dict[str, str] = {}
        for part in self.headers.get("cookie", "").split(";"):
            name, sep, value = part.strip().partition("=")
            if sep:
                jar[name.strip()] = value.strip()
        return jar

    async def stream(self) -> AsyncIterator[bytes]:
        """Yield the body chunks as they arrive (each chunk once)."""
        if self.body_consumed:
            return
        while True:
            message = await self._receive()
            if message["type"] == "http.disconnect":
                self.body_consumed = True
                raise ClientDisconnected
            chunk: bytes = message.get("body", b"")
            if chunk:
                yield chunk
            if not message.get("more_body", False):
                self.body_consumed = True
                return

    async def body(self, limit: int = MAX_JSON_BODY) -> bytes:
        parts: list[bytes] = []
        size = 0
        async for chunk in self.stream():
            size += len(chunk)
            if size > limit:
                await self.drain()
                raise HTTPError(413, "request entity too large")
            parts.append(chunk)
        return b"".join(parts)

    async def drain(self) -> None:
        """Read and discard the rest of the body (Node dumps unread request bodies too)."""
        try:
            async for _ in self.stream():
                pass
        except ClientDisconnected:
            pass

    async def json(self) -> Any:
        """Parse a JSON body the way Nest's body-parser does.

        A body with another content type is not parsed at all: the DTO then sees ``{}`` and
        fails validation (transcript 70o). Malformed JSON is a 400 without correlation id (70c).
        """
        if not (self.content_type == "application/json" or self.content_type.endswith("+json")):
            await self.drain()
            return {}
        raw = await self.body()
        if not raw.strip():
            return {}
        try:
            return json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise HTTPError(400, str(exc), with_correlation_id=False) from None
        except json.JSONDecodeError as exc:
            raise HTTPError(400, v8_json_error(exc), with_correlation_id=False) from None


_JS_ERRORS = {
    "Expecting property name enclosed in double quotes": "Expected double-quoted property name",
    "Expecting ':' delimiter": "Expected ':' after property name",
    "Expecting ',' delimiter": "Expected ',' or '}' after property value",
    "Unterminated string starting at": "Unterminated string",
    "Extra data": "Unexpected non-whitespace character after JSON",
    "Invalid control character at": "Bad control character in string literal",
}


def v8_json_error(exc: json.JSONDecodeError) -> str:
    """Phrase a Python JSON error like Node 22's ``JSON.parse`` does."""
    where = f"at position {exc.pos} (line {exc.lineno} column {exc.colno})"
    if exc.msg == "Expecting value":
        if exc.pos >= len(exc.doc.rstrip()):
            return "Unexpected end of JSON input"
        token = exc.doc[exc.pos]
        snippet = exc.doc if len(exc.doc) <= 30 else exc.doc[:30] + "..."
        return f"Unexpected token '{token}', \"{snippet}\" is not valid JSON"
    for py_msg, js_msg in _JS_ERRORS.items():
        if exc.msg.startswith(py_msg):
            if js_msg.startswith("Expected ',' or '}'") and _in_array(exc.doc, exc.pos):
                js_msg = "Expected ',' or ']' after array element"
            glue = " " if js_msg.endswith("JSON") else " in JSON "
            return f"{js_msg}{glue}{where}"
    return f"{exc.msg} in JSON {where}"


def _in_array(doc: str, pos: int) -> bool:
    depth: list[str] = []
    in_string = False
    escaped = False
    for ch in doc[:pos]:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth.append(ch)
        elif ch in "]}" and depth:
            depth.pop()
    return bool(depth) and depth[-1] == "["


# --------------------------------------------------------------------------- handler context


@dataclass
class Auth:
    user: User
    api_key: ApiKey | None = None
    session: Session | None = None


@dataclass
class FaultFlags:
    """Per-request effects of fired fault rules that handlers must apply themselves."""

    corrupt_offsets: list[int] | None = None
    corrupt_fraction: float | None = None
    bump_etag: bool = False
    thumb_delay: float | None = None


@dataclass
class Ctx:
    fake: FakeImmich
    request: Request
    route: SpecRoute
    params: dict[str, str]
    cid: str
    auth_info: Auth | None = None
    flags: FaultFlags = field(default_factory=FaultFlags)

    @property
    def auth(self) -> Auth:
        if self.auth_info is None:  # pragma: no cover - routes without auth never ask
            raise HTTPError(401, "Authentication required")
        return self.auth_info

    @property
    def user(self) -> User:
        return self.auth.user

    @property
    def permission(self) -> str:
        return self.route.permission or "all"

    @property
    def elevated(self) -> bool:
        """A PIN-unlocked session: the only credentials that reach the locked folder."""
        session = self.auth_info.session if self.auth_info is not None else None
        return session is not None and session.is_elevated()


Handler = Callable[[Ctx], Awaitable[Response]]
HANDLERS: dict[str, Handler] = {}


def handler(*operation_ids: str) -> Callable[[Handler], Handler]:
    """Register a coroutine as the implementation of one or more spec operations."""

    def register(fn: Handler) -> Handler:
        for op in operation_ids:
            if op in HANDLERS:  # pragma: no cover - programming error
                raise RuntimeError(f"duplicate handler for {op}")
            HANDLERS[op] = fn
        return fn

    return register


_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


def is_uuid(value: object) -> bool:
    return isinstance(value, str) and _UUID_RE.match(value) is not None
