"""The one boundary where httpx exceptions and error responses become immich_bulk errors."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator

import httpx

from ..errors import ApiError, RequestTimeoutError, TransportError, api_error_for_status

__all__ = ["api_error", "map_transport_errors", "transport_error"]


#: What an httpx timeout means, said plainly: under anyio its own text is the internal
#: "Cancelled via cancel scope ..." of the cancellation that ended the wait.
_TIMEOUTS = {
    httpx.ConnectTimeout: "the connection could not be opened in time",
    httpx.PoolTimeout: "no free connection in time (all of the client's are busy)",
    httpx.ReadTimeout: "the server sent nothing in time",
    httpx.WriteTimeout: "the server took nothing in time",
}


def transport_error(exc: httpx.HTTPError, method: str, path: str) -> TransportError:
    """An httpx exception as a TransportError (its message never carries headers)."""
    kind = type(exc).__name__
    detail = str(exc) or _cause_text(exc) or kind
    for timeout, text in _TIMEOUTS.items():
        if isinstance(exc, timeout):
            detail = text
    cls = RequestTimeoutError if isinstance(exc, httpx.TimeoutException) else TransportError
    error = cls(f"{kind}: {detail}", method=method, path=path)
    error.__cause__ = exc
    return error


def _cause_text(exc: BaseException) -> str:
    """The first non-empty message down the chain of causes. Under trio a failed TLS
    handshake arrives as httpx.ConnectError('') <- httpcore <- trio.BrokenResourceError('')
    <- ssl.SSLCertVerificationError('[SSL: CERTIFICATE_VERIFY_FAILED] ...'): the error
    said only "ConnectError: ConnectError", not that the certificate was refused."""
    seen = 0
    current = exc.__cause__ or exc.__context__
    while current is not None and seen < 8:
        text = str(current)
        if text:
            return text
        current = current.__cause__ or current.__context__
        seen += 1
    return ""


@contextlib.contextmanager
def map_transport_errors(method: str, path: str) -> Iterator[None]:
    try:
        yield
    except httpx.HTTPError as exc:
        raise transport_error(exc, method, path) from exc


def api_error(response: httpx.Response, body: bytes, method: str, path: str) -> ApiError:
    """The ApiError for an error response, with Immich's message, error and correlation id."""
    message: str | list[str] | None = None
    error = None
    correlation_id = response.headers.get("x-immich-cid")
    try:
        payload = json.loads(body) if body else None
    except ValueError:
        payload = None
    if isinstance(payload, dict):
        raw_message = payload.get("message")
        if isinstance(raw_message, list):
            message = [str(m) for m in raw_message]
        elif raw_message is not None:
            message = str(raw_message)
        if isinstance(payload.get("error"), str):
            error = payload["error"]
        if isinstance(payload.get("correlationId"), str):
            correlation_id = payload["correlationId"]
    elif body:
        message = body[:200].decode("utf-8", "replace").strip() or None
    if error is None:
        error = response.reason_phrase or None
    cls = api_error_for_status(response.status_code)
    return cls(
        status_code=response.status_code,
        method=method,
        path=path,
        message=message,
        error=error,
        correlation_id=correlation_id,
        body=body[:4096],
        headers={k: v for k, v in response.headers.items() if k.lower() != "set-cookie"},
    )
