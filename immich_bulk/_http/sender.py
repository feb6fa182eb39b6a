"""Sending requests: credentials, timeouts, retries, redirects and error mapping."""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Callable, Mapping
from typing import Any

import anyio
import httpx

from .._types import Secret, Unset
from ..errors import ResponseValidationError, TransportError, UnsafeRedirectError
from .errors import api_error, transport_error
from .operation import Op
from .redact import install as _keep_credentials_out_of_httpcore_logs
from .request import PreparedRequest
from .retry import (
    RetryEvent,
    RetryPolicy,
    current_policy,
    notify_observers,
    parse_retry_after,
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
    return (url.scheme, url.host, url.port or default)


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
        on_retry: Callable[[RetryEvent], None] | None = None,
    ) -> None:
        self.http = http
        self.base_url = base_url
        self._base = httpx.URL(base_url)
        self._credentials = dict(credentials)
        self._headers = dict(headers)
        self.retry = retry
        self.max_response_bytes = max_response_bytes
        self.on_retry = on_retry

    def _request_headers(self, req: PreparedRequest) -> dict[str, str]:
        headers = dict(self._headers)
        headers.update((name, secret.reveal()) for name, secret in self._credentials.items())
        headers.update(req.headers)
        if req.multipart is not None:
            headers["Content-Type"] = req.multipart.content_type
            headers["Content-Length"] = str(req.multipart.content_length)
        return headers

    async def _send_once(
        self, op: Op, req: PreparedRequest, request_timeout: Any
    ) -> httpx.Response:
        url = httpx.URL(self.base_url + req.path)
        params: Any = req.params or None
        timeout_value: Any = (
            httpx.USE_CLIENT_DEFAULT
            if isinstance(request_timeout, Unset)
            else _timeout(request_timeout)
        )
        for _ in range(MAX_REDIRECTS + 1):
            content: Any = req.content
            if req.multipart is not None:
                content = req.multipart.stream()
            request = self.http.build_request(
                req.method,
                url,
                params=params,
                headers=self._request_headers(req),
                content=content,
                timeout=timeout_value,
            )
            response = await self.http.send(request, stream=True, follow_redirects=False)
            location = response.headers.get("location")
            if response.status_code not in _REDIRECTS or not location:
                return response
            target = response.request.url.join(location)
            await response.aclose()
            if _origin(target) != _origin(self._base):
                raise UnsafeRedirectError(
                    f"{req.method} {req.path}: the server redirected to another origin "
                    f"({target.scheme}://{target.host}); not followed, so the credentials "
                    "are not sent there"
                )
            if req.method not in ("GET", "HEAD"):
                return response
            url, params = target, None
        raise TransportError("too many redirects", method=req.method, path=req.path)

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
        any other); otherwise the response is returned unread and the caller closes it.
        """
        policy = retry or current_policy() or self.retry
        attempt = 0
        while True:
            attempt += 1
            started = time.perf_counter()
            response: httpx.Response | None = None
            reason = ""
            wait = 0.0
            try:
                response = await self._send_once(op, req, request_timeout)
                status = response.status_code
                log.debug(
                    "%s %s -> %s (%.0f ms, try %d)",
                    req.method,
                    req.path,
                    status,
                    1000 * (time.perf_counter() - started),
                    attempt,
                )
                if (
                    status in policy.retry_statuses
                    and op.retry_safe
                    and req.replayable
                    and attempt < policy.max_attempts
                ):
                    retry_after = parse_retry_after(response.headers.get("retry-after"))
                    reason, wait = str(status), policy.delay(attempt, retry_after)
                elif status >= 300 and status != 304:
                    body = await _read(response, MAX_ERROR_BODY, req, truncate=True)
                    raise api_error(response, body, req.method, req.path)
                elif not preload:
                    unread, response = response, None  # the caller closes it
                    return unread, b""
                else:
                    body = await _read(response, self.max_response_bytes, req, truncate=False)
                    return response, body
            except httpx.HTTPError as exc:
                safe = isinstance(exc, _NOT_SENT) or (op.retry_safe and req.replayable)
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
    response: httpx.Response, limit: int, req: PreparedRequest, *, truncate: bool
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


def _timeout(value: Any) -> httpx.Timeout:
    if isinstance(value, httpx.Timeout):
        return value
    return httpx.Timeout(value)
