"""Base class of the generated API groups: the three response modes of every operation."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Union

import anyio
import attrs

from .._types import UNSET, Unset
from ..files import UploadFile
from .operation import Op
from .request import PreparedRequest, prepare
from .response import ApiResponse, RawCall, RawResponse, parse_body

if TYPE_CHECKING:
    import httpx

    from ..client import AsyncClient
    from .retry import RetryPolicy
    from .timeouts import Timeouts

__all__ = ["ApiGroup", "HeadersArg", "Op", "RawCall", "TimeoutArg"]

#: Per-call timeout: a ``Timeouts``, seconds (every limit), an ``httpx.Timeout``, ``None``
#: for no limit, or ``UNSET`` for the client's (see :class:`~immich_bulk.Timeouts`).
TimeoutArg = Union["Timeouts", float, "httpx.Timeout", None, Unset]
#: Extra headers for one call.
HeadersArg = Mapping[str, str] | None


def _needs_stat(body: Any) -> bool:
    """True when a multipart body has a file given by path whose size is not known yet."""
    if isinstance(body, Mapping):
        values = list(body.values())
    else:
        values = [getattr(body, field.name) for field in attrs.fields(type(body))]
    return any(
        isinstance(v, os.PathLike) or (isinstance(v, UploadFile) and v.size is None) for v in values
    )


class ApiGroup:
    """One tag of the API. Instances are created by the client (``client.assets`` ...)."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"

    async def _prepare(self, op: Op, args: Mapping[str, Any]) -> PreparedRequest:
        if op.body is not None and op.body[1] == "multipart" and _needs_stat(args[op.body[0]]):
            # stats the files to size the body: keep that off the event loop
            return await anyio.to_thread.run_sync(prepare, op, args)
        return prepare(op, args)

    async def _parsed(self, op: Op, args: Mapping[str, Any]) -> Any:
        req = await self._prepare(op, args)
        response, body = await self._client._sender_for_call().send(
            op, req, preload=True, request_timeout=args.get("_request_timeout", UNSET)
        )
        return parse_body(op.returns, response, body, method=req.method, path=req.path)

    async def _json(self, op: Op, args: Mapping[str, Any]) -> Any:
        """The decoded JSON of *op*'s answer, not structured into models: for an engine
        that reads a few fields of thousands of records (sent, retried and checked as
        the parsed mode is)."""
        req = await self._prepare(op, args)
        response, body = await self._client._sender_for_call().send(
            op, req, preload=True, request_timeout=args.get("_request_timeout", UNSET)
        )
        return parse_body("json", response, body, method=req.method, path=req.path)

    async def _with_http_info(self, op: Op, args: Mapping[str, Any]) -> ApiResponse[Any]:
        req = await self._prepare(op, args)
        response, body = await self._client._sender_for_call().send(
            op, req, preload=True, request_timeout=args.get("_request_timeout", UNSET)
        )
        data = parse_body(op.returns, response, body, method=req.method, path=req.path)
        return ApiResponse(response.status_code, response.headers, data, body)

    def _without_preload_content(self, op: Op, args: Mapping[str, Any]) -> RawCall:
        timeout = args.get("_request_timeout", UNSET)
        args = dict(args)

        async def open_response(retry: RetryPolicy | None) -> RawResponse:
            req = await self._prepare(op, args)
            response, _ = await self._client._sender_for_call().send(
                op, req, preload=False, request_timeout=timeout, retry=retry
            )
            return RawResponse(response, returns=op.returns, method=req.method, path=req.path)

        return RawCall(open_response)
