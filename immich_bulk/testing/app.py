"""The ASGI application: routing, authentication, permissions, faults, counters, errors.

Order of processing per request (as in Immich's Nest pipeline, with the fault layer in front
like a proxy would be): match the route (404 ``Cannot GET /api/x`` otherwise) -> injected
faults -> authentication (401) -> admin-only / API key permission (403) -> path UUID
validation (400) -> the handler, or 501 for operations FakeImmich does not implement.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import anyio

from . import control
from .faults import ConnectionDropped, FaultRule
from .routing import default_router
from .web import (
    HANDLERS,
    Auth,
    ClientDisconnected,
    Ctx,
    FaultFlags,
    HeaderList,
    HTTPError,
    JSONResponse,
    Message,
    Receive,
    Request,
    Response,
    Scope,
    Send,
    error_response,
    is_uuid,
    status_phrase,
)

if TYPE_CHECKING:
    from .fake import FakeImmich

__all__ = ["FakeApp"]

log = logging.getLogger("immich_bulk.testing")

# Importing the route modules registers their handlers.
from . import (  # noqa: E402,F401
    routes_albums,
    routes_assets,
    routes_auth,
    routes_jobs,
    routes_media,
    routes_search,
    routes_server,
    routes_stacks_tags,
    routes_users,
)

#: How often a held request checks whether its ``hold`` rule is gone.
_HOLD_POLL_SECONDS = 0.02


class FakeApp:
    """ASGI 3 callable; ``fake.app``."""

    def __init__(self, fake: FakeImmich) -> None:
        self.fake = fake
        self._limiters: dict[int, anyio.CapacityLimiter] = {}

    def _capacity(self, rule: FaultRule) -> anyio.CapacityLimiter:
        """The limiter of a ``capacity`` rule (created in the server's event loop)."""
        limiter = self._limiters.get(rule.id)
        if limiter is None:
            limiter = self._limiters[rule.id] = anyio.CapacityLimiter(rule.slots)
        return limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            await self._http(scope, receive, send)
        elif kind == "lifespan":
            await _lifespan(receive, send)
        elif kind == "websocket":
            await send({"type": "websocket.close", "code": 1000})

    # ------------------------------------------------------------------ request pipeline

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        fake = self.fake
        counters = fake.counters
        cid = fake.new_cid()
        path: str = scope["path"]
        method: str = scope["method"]
        receive = _counting_receive(receive, fake)

        if path.startswith("/_fake/") and fake.control_enabled:
            counters.request("<control>")
            await control.handle(fake, Request(scope, receive), send)
            return

        op = "<unknown>"
        match = None
        if path == "/api" or path.startswith("/api/"):
            match = default_router.match(method, path[4:] or "/")
        if match is not None:
            op = match.route.operation_id
        counters.request(op)
        send = _status_recording_send(send, fake, op)

        if match is None:
            request = Request(scope, receive)
            if path == "/.well-known/immich" and method in ("GET", "HEAD"):
                resp: Response = JSONResponse({"api": {"endpoint": "/api"}})
            else:
                resp = error_response(HTTPError(404, f"Cannot {method} {path}"), cid)
            await request.drain()
            await _send_response(resp, send, cid, head=method == "HEAD")
            return

        fired = fake.faults.fire(op, method, match.route.path, path[4:])
        flags = FaultFlags()
        error_rule: FaultRule | None = None
        for rule in fired:
            counters.fault(rule.kind)
            if rule.kind == "latency":
                await anyio.sleep(fake.faults.jitter(rule))
            elif rule.kind == "error" and error_rule is None:
                error_rule = rule
            elif rule.kind == "throttle":
                if rule.direction in ("request", "both"):
                    receive = _throttled_receive(receive, rule.bytes_per_second)
                if rule.direction in ("response", "both"):
                    send = _throttled_send(send, rule.bytes_per_second)
            elif rule.kind == "drop_request":
                receive = _dropping_receive(receive, send, rule.after_bytes)
            elif rule.kind == "drop_response":
                send = _dropping_send(send, rule.after_bytes)
            elif rule.kind == "corrupt":
                flags.corrupt_offsets = list(rule.offsets) if rule.offsets is not None else []
            elif rule.kind == "etag_change":
                flags.bump_etag = True
            elif rule.kind == "ignore_range":
                dropped = (b"range", b"if-range")
                headers = [(k, v) for k, v in scope["headers"] if k.lower() not in dropped]
                scope = {**scope, "headers": headers}
            elif rule.kind == "slow_thumbnail":
                flags.thumb_delay = rule.seconds
            elif rule.kind == "capacity":
                async with self._capacity(rule):
                    await anyio.sleep(rule.seconds)
            elif rule.kind == "hold":
                # polled: a test beside a ThreadServer removes the rule from its own
                # thread, which cannot set an anyio.Event of this event loop
                while fake.faults.holding(rule):  # noqa: ASYNC110
                    await anyio.sleep(_HOLD_POLL_SECONDS)
        ctx = Ctx(fake, Request(scope, receive), match.route, match.params, cid, flags=flags)
        head = method == "HEAD"

        try:
            if error_rule is not None:
                await ctx.request.drain()
                resp = _fault_error(error_rule)
            else:
                resp = await self._dispatch(ctx)
                if not ctx.request.body_consumed:
                    await ctx.request.drain()
        except HTTPError as exc:
            await ctx.request.drain()
            resp = error_response(exc, cid)
        except ClientDisconnected:
            return
        except ConnectionDropped:
            raise
        except Exception:
            log.exception("FakeImmich: unhandled error in %s %s", method, path)
            resp = JSONResponse(
                {"message": "Internal server error", "statusCode": 500, "correlationId": cid}, 500
            )
        await _send_response(resp, send, cid, head=head)

    async def _dispatch(self, ctx: Ctx) -> Response:
        route = ctx.route
        if route.authenticated:
            ctx.auth_info = self.authenticate(ctx.request)
            self.authorize(ctx)
        bad = [
            f"{name} must be a UUID" for name in route.uuid_params if not is_uuid(ctx.params[name])
        ]
        if bad:
            raise HTTPError(400, bad)
        handler = HANDLERS.get(route.operation_id)
        if handler is None:
            raise HTTPError(
                501,
                f"FakeImmich does not implement {route.operation_id} ({route.method} {route.path})",
            )
        return await handler(ctx)

    # ------------------------------------------------------------------ auth

    def authenticate(self, request: Request) -> Auth:
        state = self.fake.state
        headers = request.headers
        if headers.get("x-immich-share-key") or headers.get("x-immich-share-slug"):
            raise HTTPError(401, "Invalid share key")
        token = (
            headers.get("x-immich-user-token")
            or headers.get("x-immich-session-token")
            or request.query.get("sessionKey")
            or _bearer(headers.get("authorization", ""))
            or request.cookies().get("immich_access_token")
        )
        api_key = headers.get("x-api-key") or request.query.get("apiKey")
        if token:
            session = state.sessions_by_token.get(token)
            user = state.users.get(session.user_id) if session else None
            if session is None or user is None or user.deleted_at is not None:
                raise HTTPError(401, "Invalid user token")
            return Auth(user, session=session)
        if api_key:
            key = state.api_keys_by_secret.get(api_key)
            user = state.users.get(key.user_id) if key else None
            if key is None or user is None or user.deleted_at is not None:
                raise HTTPError(401, "Invalid API key")
            return Auth(user, api_key=key)
        raise HTTPError(401, "Authentication required")

    @staticmethod
    def authorize(ctx: Ctx) -> None:
        auth = ctx.auth
        route = ctx.route
        if route.admin_only and not auth.user.is_admin:
            raise HTTPError(403, "Forbidden")
        perm = route.permission
        if auth.api_key is not None and perm is not None:
            granted = auth.api_key.permissions
            if "all" not in granted and perm not in granted:
                raise HTTPError(403, f"Missing required permission: {perm}")


# ---------------------------------------------------------------------- helpers


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def _bearer(value: str) -> str | None:
    scheme, _, token = value.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


async def _send_response(resp: Response, send: Send, cid: str, *, head: bool) -> None:
    prefix: HeaderList = [("x-powered-by", "Express")]
    if resp.add_cid:
        prefix.append(("x-immich-cid", cid))
    await resp.send(send, prefix, head=head)


def _fault_error(rule: FaultRule) -> Response:
    headers: HeaderList = []
    if rule.retry_after is not None:
        value = rule.retry_after
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        headers.append(("retry-after", str(value)))
    exc = HTTPError(rule.status, rule.message or f"{status_phrase(rule.status)} (injected fault)")
    resp = JSONResponse(exc.body(""), rule.status, before=headers)
    return resp


def _counting_receive(receive: Receive, fake: FakeImmich) -> Receive:
    async def wrapped() -> Message:
        message = await receive()
        body = message.get("body")
        if body:
            fake.counters.add("bytes_received", len(body))
        return message

    return wrapped


def _status_recording_send(send: Send, fake: FakeImmich, op: str) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            fake.counters.status(op, int(message["status"]))
        elif message["type"] == "http.response.body":
            body = message.get("body", b"")
            if body:
                fake.counters.add("bytes_sent", len(body))
        await send(message)

    return wrapped


def _throttled_send(send: Send, rate: float) -> Send:
    t0 = time.monotonic()
    sent = 0
    piece = max(1024, int(rate / 20))

    async def wrapped(message: Message) -> None:
        nonlocal sent
        if message["type"] != "http.response.body" or not message.get("body"):
            await send(message)
            return
        body: bytes = message["body"]
        more = message.get("more_body", False)
        for i in range(0, len(body), piece):
            part = body[i : i + piece]
            last = i + piece >= len(body)
            await send({"type": "http.response.body", "body": part, "more_body": more or not last})
            sent += len(part)
            wait = sent / rate - (time.monotonic() - t0)
            if wait > 0:
                await anyio.sleep(wait)

    return wrapped


def _throttled_receive(receive: Receive, rate: float) -> Receive:
    t0 = time.monotonic()
    got = 0

    async def wrapped() -> Message:
        nonlocal got
        message = await receive()
        got += len(message.get("body", b""))
        wait = got / rate - (time.monotonic() - t0)
        if wait > 0:
            await anyio.sleep(wait)
        return message

    return wrapped


async def _abort(send: Send) -> None:
    """Start a response that can never complete, then drop the connection."""
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [(b"content-type", b"application/json"), (b"content-length", b"1024")],
        }
    )
    raise ConnectionDropped


def _dropping_receive(receive: Receive, send: Send, after_bytes: int) -> Receive:
    got = 0
    dropped = False

    async def wrapped() -> Message:
        nonlocal got, dropped
        if dropped:
            return {"type": "http.disconnect"}
        message = await receive()
        got += len(message.get("body", b""))
        if got >= after_bytes or not message.get("more_body", False):
            dropped = True
            await _abort(send)
        return message

    return wrapped


def _dropping_send(send: Send, after_bytes: int) -> Send:
    sent = 0
    limit = after_bytes

    async def wrapped(message: Message) -> None:
        nonlocal sent, limit
        if message["type"] == "http.response.start":
            for name, value in message.get("headers", []):
                if name.lower() == b"content-length" and int(value) > 0:
                    limit = min(limit, int(value) - 1)
            await send(message)
            return
        if message["type"] != "http.response.body":
            await send(message)
            return
        body: bytes = message.get("body", b"")
        if sent + len(body) >= limit or not message.get("more_body", False):
            part = body[: max(0, limit - sent)]
            if part:
                await send({"type": "http.response.body", "body": part, "more_body": True})
            raise ConnectionDropped
        sent += len(body)
        await send(message)

    return wrapped
