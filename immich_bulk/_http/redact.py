"""Keep credentials out of httpcore's DEBUG log.

httpcore logs every response's headers at DEBUG (``receive_response_headers.complete
return_value=(..., [(b'set-cookie', b'immich_access_token=...'), ...])``). Immich answers a
login with the session token in ``Set-Cookie``, so with DEBUG logging on (``-vv``, or a
library user's ``logging.basicConfig(level=logging.DEBUG)``) the token reached the log. The
filter installed here replaces the values of credential-bearing headers in those records
with ``[redacted]``; everything else is left as httpcore wrote it.
"""

from __future__ import annotations

import logging
import re

__all__ = ["CredentialFilter", "install"]

#: Header names whose values are credentials (request or response), as httpcore shows them:
#: ``(b'Set-Cookie', b'value')`` (or with double quotes when the value holds a quote).
_HEADER = re.compile(
    rb"""\(b(['"])(set-cookie|cookie|authorization|proxy-authorization|x-api-key|"""
    rb"""x-immich-user-token|x-immich-session-token|x-immich-share-key)\1,\s*"""
    rb"""b(['"])(?:(?!\3)[^\\]|\\.)*\3\)""",
    re.IGNORECASE,
)
_LOGGERS = ("httpcore.http11", "httpcore.http2", "httpcore.connection", "httpcore.proxy")


def _redact(text: str) -> str:
    raw = text.encode("utf-8", "surrogateescape")
    return _HEADER.sub(rb"(b'\2', b'[redacted]')", raw).decode("utf-8", "surrogateescape")


class CredentialFilter(logging.Filter):
    """Rewrites a record whose message shows a credential header (never drops one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is logging's problem, not ours
            return True
        lowered = message.lower()
        if (
            "cookie" in lowered
            or "authoriz" in lowered
            or "x-api-key" in lowered
            or ("x-immich-" in lowered)
        ):
            record.msg, record.args = _redact(message), ()
        return True


_FILTER = CredentialFilter()


def install() -> None:
    """Attach the filter to httpcore's loggers (idempotent)."""
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
