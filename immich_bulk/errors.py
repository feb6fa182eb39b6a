"""Exceptions raised by immich_bulk.

Every public call raises only these; no bare ``httpx`` exception escapes. The tree::

    ImmichError
    ├── ApiError                     the server answered with a non-success status
    │   ├── BadRequestError          400 (validation; also "not found or no access")
    │   ├── AuthenticationError      401
    │   ├── PermissionDeniedError    403
    │   ├── NotFoundError            404
    │   ├── ConflictError            409
    │   ├── RateLimitError           429 (``retry_after`` in seconds, if the server said)
    │   └── ServerError              5xx
    ├── TransportError               no usable answer: connection refused, reset, TLS, ...
    │   └── RequestTimeoutError      a connect, read, write or pool timeout
    ├── ResponseValidationError      the answer does not fit the API contract
    ├── UnsafeRedirectError          a redirect to another host (credentials never follow it)
    └── TransferError                the bulk engine and the *_to_file helpers
        ├── ChecksumMismatchError    downloaded bytes do not match the asset's checksum
        ├── FileChangedError         a local file changed between hashing and upload
        └── ResumeError              a download could not be resumed within its attempts

``ApiError`` carries ``status_code``, ``method``, ``path`` (never the query string),
and Immich's ``message``, ``error`` and ``correlation_id``. No exception text or repr
ever contains an API key, an access token or a cookie.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "ApiError",
    "AuthenticationError",
    "BadRequestError",
    "ChecksumMismatchError",
    "ConflictError",
    "FileChangedError",
    "ImmichError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTimeoutError",
    "ResponseValidationError",
    "ResumeError",
    "ServerError",
    "TransferError",
    "TransportError",
    "UnsafeRedirectError",
    "api_error_for_status",
]


class ImmichError(Exception):
    """Base class of every exception raised by immich_bulk."""


class ApiError(ImmichError):
    """The server answered with a status that is not a success."""

    def __init__(
        self,
        *,
        status_code: int,
        method: str,
        path: str,
        message: str | list[str] | None = None,
        error: str | None = None,
        correlation_id: str | None = None,
        body: bytes = b"",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status_code = status_code
        self.method = method
        self.path = path
        self.message = message
        self.error = error
        self.correlation_id = correlation_id
        self.body = body
        self.headers: Mapping[str, str] = dict(headers or {})
        super().__init__(self._describe())

    @property
    def messages(self) -> list[str]:
        """Immich's message as a list (validation errors come as several)."""
        if self.message is None:
            return []
        return list(self.message) if isinstance(self.message, list) else [self.message]

    def _describe(self) -> str:
        text = "; ".join(self.messages) or self.error or "no message"
        cid = f" (correlation id {self.correlation_id})" if self.correlation_id else ""
        return f"{self.method} {self.path} -> {self.status_code}: {text}{cid}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_api_error, (type(self), self.__dict__.copy()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._describe()!r})"


def _rebuild_api_error(cls: type[ApiError], state: dict[str, Any]) -> ApiError:
    exc = cls.__new__(cls)
    exc.__dict__.update(state)
    Exception.__init__(exc, exc._describe())
    return exc


class BadRequestError(ApiError):
    """400: validation failed, or (Immich's way) the id is unknown or not yours."""


class AuthenticationError(ApiError):
    """401: no credentials, or a wrong API key or token."""


class PermissionDeniedError(ApiError):
    """403: the credentials lack a permission (e.g. an API key without ``album.create``)."""


class NotFoundError(ApiError):
    """404: no such route or media (thumbnails not generated yet answer 404)."""


class ConflictError(ApiError):
    """409."""


class RateLimitError(ApiError):
    """429; ``retry_after`` holds the server's Retry-After in seconds when it sent one."""

    @property
    def retry_after(self) -> float | None:
        from ._http.retry import parse_retry_after

        return parse_retry_after(self.headers.get("retry-after"))


class ServerError(ApiError):
    """5xx."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def api_error_for_status(status_code: int) -> type[ApiError]:
    """The ApiError subclass raised for *status_code*."""
    if status_code >= 500:
        return ServerError
    return _BY_STATUS.get(status_code, ApiError)


class TransportError(ImmichError):
    """The request got no usable answer (connection refused or reset, DNS, TLS, protocol)."""

    def __init__(self, message: str, *, method: str = "", path: str = "") -> None:
        self.method = method
        self.path = path
        where = f"{method} {path}: " if method else ""
        super().__init__(f"{where}{message}")


class RequestTimeoutError(TransportError):
    """A connect, read, write or connection-pool timeout."""


class ResponseValidationError(ImmichError):
    """A response body that does not fit the API contract (the message names the field path)."""

    def __init__(
        self, message: str, *, method: str = "", path: str = "", body: bytes = b""
    ) -> None:
        self.method = method
        self.path = path
        self.body = body
        where = f"{method} {path}: " if method else ""
        super().__init__(f"{where}{message}")


class UnsafeRedirectError(ImmichError):
    """The server redirected to another origin; the request is not followed with credentials."""


class TransferError(ImmichError):
    """A transfer (upload or download of a file) could not be completed safely."""


class ChecksumMismatchError(TransferError):
    """The downloaded bytes do not hash to the checksum the server reports for the asset."""

    def __init__(self, message: str, *, expected: str, actual: str) -> None:
        self.expected = expected
        self.actual = actual
        super().__init__(message)


class FileChangedError(TransferError):
    """A local file changed (size, mtime or content) after it was hashed."""


class ContentMismatchError(FileChangedError):
    """The bytes being uploaded do not hash to the SHA-1 given for them (the file changed
    after it was hashed, or a piped source sent other bytes): the upload was cut before
    its last byte, so the server stored nothing."""


class SizeMismatchError(FileChangedError):
    """A file or stream being uploaded is not the size given for it (it shrank or grew, or
    a piped source ended early or sent more): the upload was cut, nothing was stored."""


class ResumeError(TransferError):
    """A download kept restarting (e.g. the ETag changed on every request) and gave up."""
