"""immich_bulk: an async SDK for the Immich photo server, with a bulk transfer engine.

Runs under asyncio and trio (through anyio). Start with :class:`AsyncClient`; models are
in :mod:`immich_bulk.models`, exceptions in :mod:`immich_bulk.errors`.
"""

from __future__ import annotations

from ._http.response import ApiResponse, RawCall, RawResponse
from ._http.retry import RetryEvent, RetryPolicy, observe_retries
from ._http.timeouts import Timeouts
from ._types import UNSET, Unset, is_set
from ._version import __version__
from .api import IMMICH_VERSION
from .client import AsyncClient
from .errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    ChecksumMismatchError,
    ConflictError,
    ContentMismatchError,
    FileChangedError,
    ImmichError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestTimeoutError,
    ResponseValidationError,
    ResumeError,
    ServerError,
    SizeMismatchError,
    TransferError,
    TransportError,
    UnsafeRedirectError,
)
from .files import UploadFile

__all__ = [
    "IMMICH_VERSION",
    "UNSET",
    "ApiError",
    "ApiResponse",
    "AsyncClient",
    "AuthenticationError",
    "BadRequestError",
    "ChecksumMismatchError",
    "ConflictError",
    "ContentMismatchError",
    "FileChangedError",
    "ImmichError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RawCall",
    "RawResponse",
    "RequestTimeoutError",
    "ResponseValidationError",
    "ResumeError",
    "RetryEvent",
    "RetryPolicy",
    "ServerError",
    "SizeMismatchError",
    "Timeouts",
    "TransferError",
    "TransportError",
    "UnsafeRedirectError",
    "Unset",
    "UploadFile",
    "__version__",
    "is_set",
    "observe_retries",
]
