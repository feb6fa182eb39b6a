"""Sending requests: credentials, timeouts, retries, redirects and error mapping."""

from __future__ import annotations

import copy
import datetime
import logging
import ssl
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

import anyio
import httpx

if sys.version_info < (3, 11):  # pragma: no cover
    from exceptiongroup import BaseExceptionGroup

from .._types import Secret, Unset
from ..errors import (
    ApiError,
    FileChangedError,
    ResponseValidationError,
    TransportError,
    UnsafeRedirectError,
)
from .breaker import current_breaker
from .errors import api_error, transport_error
from .multipart import StreamFailed
from .operation import Op
from .redact import install as _keep_credentials_out_of_httpcore_logs
from .request import PreparedRequest
from .retry import (
    RetryEvent,
    RetryPolicy,
    notify_observers,
    parse_retry_after,
)
from .timeouts import (
    STREAM_WATCH,
    Stalled,
    StreamWatch,
    Timeouts,
    Watch,
    as_timeouts,
    watched_body,
)

__all__ = ["Sender"]

log = logging.getLogger("immich_bulk.http")
# httpcore logs response headers at DEBUG, a login's Set-Cookie session token included
_keep_credentials_out_of_httpcore_logs()

_REDIRECTS = (301, 302, 303, 307, 308)
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
MAX_ERROR_BODY = 64 * 1024
MAX_REDIRECTS = 5


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    default = {"http": 80, "https": 443}.get(url.scheme)
    return (url.scheme, url.raw_host.decode("ascii", "replace"), url.port or default)


def _origin_text(origin: tuple[str, str, int | None]) -> str:
    scheme, host, port = origin
    host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{host}" + (f":{port}" if port is not None else "")


class _Account:
    """One request's record with the run's circuit breaker (if any): failed tries (5xx,
    timeouts, stalls) and successes of its operation."""

    def __init__(self, base_url: str, op: Op, req: PreparedRequest) -> None:
        self.breaker = current_breaker()
        self.key = f"{base_url} {op.op_id}"
        self.what = f"{req.method} {op.template}"

    @property
    def tripped(self) -> bool:
        return self.breaker is not None and self.breaker.tripped is not None

    def failed(self, reason: str) -> None:
        if self.breaker is not None:
            self.breaker.failed(self.key, self.what, reason)

    def succeeded(self) -> None:
        if self.breaker is not None:
            self.breaker.succeeded(self.key)


class Sender:
    """Sends prepared requests through one httpx client, with the client's credentials."""

    def __init__(
        self,
        *,
        http: httpx.AsyncClient,
        base_url: str,
        credentials: Mapping[str, Secret],
        headers: Mapping[str, str],
        retry: RetryPolicy,
        max_response_bytes: int,
        timeouts: Timeouts | None = None,
        on_retry: Callable[[RetryEvent], None] | None = None,
        direct: httpx.AsyncBaseTransport | None = None,
        keep_cookies: bool = True,
    ) -> None:
        self.http = http
        self.keep_cookies = keep_cookies
        #: The transport of a client this library made, called directly: ``http.send``
        #: adds nothing it needs (its redirects, auth and event hooks are unused here) but
        #: a cookie jar it would fill with a login's session cookie, and costs about a
        #: tenth of the CPU of a small download. None for a caller's own httpx client.
        self.direct = direct
        # the client's default headers (Accept, Accept-Encoding, ...) under lower-case
        # names, so that a request's own replace them as httpx's merge would
        self._defaults = {name.lower(): value for name, value in http.headers.items()}
        self.base_url = base_url
        self._base = httpx.URL(base_url)
        self._credentials = dict(credentials)
        self._headers = dict(headers)
        self.retry = retry
        self.max_response_bytes = max_response_bytes
        self.timeouts = timeouts or Timeouts()
        self.on_retry = on_retry

    def with_retry(self, retry: RetryPolicy) -> Sender:
        """This sender (same connections, credentials, timeouts) retrying by *retry*."""
        other = copy.copy(self)
        other.retry = retry
        return other

    def _request_headers(self, req: PreparedRequest) -> dict[str, str]:
        headers = dict(self._defaults) if self.direct is not None else {}
        for name, value in self._headers.items():
            headers[name.lower()] = value
        for name, secret in self._credentials.items():
            headers[name.lower()] = secret.reveal()
        for name, value in req.headers.items():
            headers[name.lower()] = value
        if req.multipart is not None:
            headers["content-type"] = req.multipart.content_type
            headers["content-length"] = str(req.multipart.content_length)
        return headers

    def _build(
        self,
        req: PreparedRequest,
        url: httpx.URL,
        params: Any,
        content: Any,
        timeouts: Timeouts,
        watch: Watch,
    ) -> httpx.Request:
        headers = self._request_headers(req)
        if self.direct is None:
            return self.http.build_request(
                req.method,
                url,
                params=params,
                headers=headers,
                content=content,
                timeout=timeouts.for_httpx(),
                extensions={"trace": watch.trace},
            )
        extensions = {"timeout": timeouts.for_httpx().as_dict(), "trace": watch.trace}
        return httpx.Request(
            req.method, url, params=params, headers=headers, content=content, extensions=extensions
        )

    async def _send_once(
        self, op: Op, req: PreparedRequest, timeouts: Timeouts, watch: Watch
    ) -> httpx.Response:
        url = httpx.URL(self.base_url + req.path)
        params: Any = req.params or None
        for _ in range(MAX_REDIRECTS + 1):
            content: Any = req.content
            if req.multipart is not None:
                content = watched_body(req.multipart.stream(), watch)
            request = self._build(req, url, params, content, timeouts, watch)
            response = await self._send_request(request, req)
            location = response.headers.get("location")
            if response.status_code not in _REDIRECTS or not location:
                return response
            await response.aclose()
            try:
                target = response.request.url.join(location)
                target.host  # noqa: B018 (decodes an IDNA name: a bad one, xn--, raises)
                where = _origin(target)
            except (httpx.InvalidURL, UnicodeError) as exc:
                raise UnsafeRedirectError(
                    f"{req.method} {req.path}: the server redirected to a URL that is not "
                    f"valid ({type(exc).__name__}: {exc}); not followed"
                ) from None
            if where != _origin(self._base):
                raise UnsafeRedirectError(
                    f"{req.method} {req.path}: the server redirected to another origin "
                    f"({_origin_text(where)}); not followed, so the credentials are not "
                    "sent there"
                )
            if req.method not in ("GET", "HEAD"):
                return response
            url, params = target, None
        raise TransportError("too many redirects", method=req.method, path=req.path)

    async def _send_request(self, request: httpx.Request, req: PreparedRequest) -> httpx.Response:
        """``http.send``, with what the connection layer may raise besides httpx errors (a
        host or port the socket layer refuses) as a TransportError naming the origin."""
        try:
            if self.direct is None:
                response = await self.http.send(request, stream=True, follow_redirects=False)
                if not self.keep_cookies:
                    self.http.cookies.clear()  # as the direct path, which stores none
                return response
            if self.http.is_closed:
                raise RuntimeError("Cannot send a request, as the client has been closed.")
            started = time.perf_counter()
            response = await self.direct.handle_async_request(request)
            response.request = request
            response.elapsed = datetime.timedelta(seconds=time.perf_counter() - started)
            return response
        except UnicodeError as exc:
            # through a caller's httpx client: it prepares the next request of a redirect
            # even when not following it, and a Location with a malformed host name (xn--)
            # fails there (the client's own URL was checked when it was made)
            raise UnsafeRedirectError(
                f"{req.method} {req.path}: the server redirected to a URL that is not valid "
                f"({type(exc).__name__}: {exc}); not followed"
            ) from exc
        except OverflowError as exc:
            raise self._connect_error(req, exc) from exc
        except BaseExceptionGroup as group:  # from the connection attempts' task group
            if not all(isinstance(e, Exception) for e in group.exceptions):
                raise
            raise self._connect_error(req, group.exceptions[0]) from group

    def _connect_error(self, req: PreparedRequest, exc: BaseException) -> TransportError:
        shown = _origin_text(_origin(self._base))
        return TransportError(
            f"cannot connect to {shown}: {type(exc).__name__}: {exc}",
            method=req.method,
            path=req.path,
        )

    async def send(
        self,
        op: Op,
        req: PreparedRequest,
        *,
        preload: bool,
        request_timeout: Any,
        retry: RetryPolicy | None = None,
    ) -> tuple[httpx.Response, bytes]:
        """Send *req*, retrying what is safe to retry; raise for error statuses.

        With ``preload`` the body is read (and a failure while reading it is retried like
        any other); otherwise the response is returned unread and the caller closes it
        (reading it is watched for stalls too: see :class:`~.response.RawResponse`).
        """
        policy = retry or self.retry
        timeouts = (
            self.timeouts
            if isinstance(request_timeout, Unset)
            else as_timeouts(request_timeout, self.timeouts)
        )
        account = _Account(self.base_url, op, req)
        attempt = timed_out = 0
        while True:
            attempt += 1
            started = time.perf_counter()
            response: httpx.Response | None = None
            reason = ""
            wait = 0.0
            watch = Watch(timeouts, timeouts.answer_for(op.op_id))
            safe = op.retry_safe and req.replayable
            try:
                with watch.guard():
                    response = await self._send_once(op, req, timeouts, watch)
                    watch.receiving()
                    status = response.status_code
                    log.debug(
                        "%s %s -> %s (%.0f ms, try %d)",
                        req.method,
                        req.path,
                        status,
                        1000 * (time.perf_counter() - started),
                        attempt,
                    )
                    if status >= 500:
                        account.failed(f"answered {status}")
                    if (
                        status in policy.retry_statuses
                        and safe
                        and attempt < policy.max_attempts
                        and not account.tripped
                    ):
                        retry_after = parse_retry_after(response.headers.get("retry-after"))
                        reason, wait = str(status), policy.delay(attempt, retry_after)
                    elif status >= 300 and status != 304:
                        body = await _read(response, MAX_ERROR_BODY, req, watch, truncate=True)
                        if status < 500:
                            account.succeeded()  # the server works; the request is refused
                        raise api_error(response, body, req.method, req.path)
                    elif not preload:
                        response.extensions[STREAM_WATCH] = StreamWatch(
                            watch, account.succeeded, account.failed
                        )
                        unread, response = response, None  # the caller closes it
                        return unread, b""
                    else:
                        body = await _read(
                            response, self.max_response_bytes, req, watch, truncate=False
                        )
                        account.succeeded()
                        return response, body
            except Stalled:
                error = watch.error(req.method, req.path)
                timed_out += 1
                account.failed(watch.describe())
                if (
                    not safe
                    or attempt >= policy.max_attempts
                    or timed_out >= policy.max_timeouts
                    or account.tripped
                ):
                    raise error from None
                reason, wait = "timeout", policy.delay(attempt)
            except StreamFailed as failed:
                # the body's source failed (a download piped into this upload): opened
                # again by the next try, in this same loop, so retries never multiply
                cause = failed.error
                transient = isinstance(cause, (TransportError, FileChangedError)) or (
                    isinstance(cause, ApiError) and cause.status_code in policy.retry_statuses
                )
                if not (transient and safe and attempt < policy.max_attempts):
                    raise cause from cause.__cause__  # as it was (connecting or not)
                retry_after = (
                    parse_retry_after(cause.headers.get("retry-after"))
                    if isinstance(cause, ApiError)
                    else None
                )
                reason, wait = f"source {type(cause).__name__}", policy.delay(attempt, retry_after)
            except httpx.HTTPError as exc:
                safe = isinstance(exc, _NOT_SENT) or safe
                if isinstance(exc, (httpx.ReadTimeout, httpx.WriteTimeout)):  # httpx's own
                    timed_out += 1
                    account.failed(type(exc).__name__)
                    safe = safe and timed_out < policy.max_timeouts and not account.tripped
                if not (safe and attempt < policy.max_attempts) or _certificate_refused(exc):
                    raise transport_error(exc, req.method, req.path) from exc
                reason, wait = type(exc).__name__, policy.delay(attempt)
            finally:
                if response is not None:
                    with anyio.CancelScope(shield=True):
                        await response.aclose()
            await self._retrying(policy, op, req, attempt, wait, reason)

    async def _retrying(
        self,
        policy: RetryPolicy,
        op: Op,
        req: PreparedRequest,
        attempt: int,
        wait: float,
        reason: str,
    ) -> None:
        status = int(reason) if reason.isdigit() else None
        event = RetryEvent(op.op_id, req.method, op.template, attempt, wait, reason, status)
        log.info(
            "retrying %s %s after %s (try %d of %d, waiting %.2f s)",
            req.method,
            op.template,
            reason,
            attempt,
            policy.max_attempts,
            wait,
        )
        notify_observers(event)
        if self.on_retry is not None:
            self.on_retry(event)
        await policy.sleep(wait)


async def _read(
    response: httpx.Response, limit: int, req: PreparedRequest, watch: Watch, *, truncate: bool
) -> bytes:
    """The body, at most *limit* bytes: cut there (error bodies) or refused (results)."""
    declared = response.headers.get("content-length", "")
    if not truncate and declared.isdigit() and int(declared) > limit:
        raise ResponseValidationError(
            f"the response declares {declared} bytes, more than the {limit} bytes allowed",
            method=req.method,
            path=req.path,
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        watch.moved(len(chunk))
        size += len(chunk)
        if size > limit:
            if truncate:
                chunks.append(chunk[: limit - (size - len(chunk))])
                break
            raise ResponseValidationError(
                f"the response is larger than the {limit} bytes allowed",
                method=req.method,
                path=req.path,
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _certificate_refused(exc: BaseException) -> bool:
    """True when the server's TLS certificate was refused: trying again cannot help, so the
    error is raised at once instead of after every retry and its backoff."""
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 8:
        if isinstance(current, ssl.SSLCertVerificationError):
            return True
        current = current.__cause__ or current.__context__
        seen += 1
    return False
