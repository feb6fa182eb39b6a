"""The results of the three response modes, and parsing of response bodies."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs
import httpx

from .._converter import structure_json
from ..errors import ResponseValidationError
from .errors import map_transport_errors
from .timeouts import STREAM_WATCH, Stalled, StreamWatch

if TYPE_CHECKING:
    from .retry import RetryPolicy

__all__ = ["ApiResponse", "RawCall", "RawResponse", "parse_body"]

T = TypeVar("T")


@attrs.frozen
class ApiResponse(Generic[T]):
    """What a ``*_with_http_info`` method returns."""

    status_code: int
    headers: Mapping[str, str]  # case-insensitive
    data: T
    raw_data: bytes = attrs.field(repr=False)


def _result_type(returns: str) -> Any:
    from .. import models

    if returns == "[str]":
        return list[str]
    if returns.startswith("["):
        return list[getattr(models, returns[1:-1])]  # type: ignore[misc]
    return getattr(models, returns)


def parse_body(
    returns: str | None, response: httpx.Response, body: bytes, *, method: str, path: str
) -> Any:
    """The parsed result of an operation from its response body."""
    if returns is None:
        return None
    if returns == "bytes":
        return body
    content_type = response.headers.get("content-type", "")
    if content_type and "json" not in content_type.lower():
        raise ResponseValidationError(
            f"expected a JSON response, got {content_type.split(';')[0]!r}"
            " (is the URL an Immich server's API?)",
            method=method,
            path=path,
            body=body[:2048],
        )
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise ResponseValidationError(
            f"the response is not valid JSON ({exc})", method=method, path=path, body=body[:2048]
        ) from exc
    if returns == "json":
        return data
    try:
        return structure_json(data, _result_type(returns))
    except ResponseValidationError as exc:
        raise ResponseValidationError(
            str(exc), method=method, path=path, body=body[:2048]
        ) from exc.__cause__


class RawResponse:
    """A streaming response whose body has not been read (``*_without_preload_content``).

    Read it with :meth:`aiter_bytes` (or :meth:`aread`), then :meth:`aclose` it, or use it
    as ``async with``. Transport failures while reading raise immich_bulk errors.
    """

    def __init__(self, response: httpx.Response, *, returns: str | None, method: str, path: str):
        self._response = response
        self._returns = returns
        self._method = method
        self._path = path
        self._watch: StreamWatch | None = response.extensions.get(STREAM_WATCH)
        self._body: bytes | None = None
        self._raw: AsyncIterator[bytes] | None = None  # read_raw_into's place in the body

    @property
    def status_code(self) -> int:
        return self._response.status_code

    @property
    def headers(self) -> Mapping[str, str]:
        return self._response.headers

    @property
    def http_response(self) -> httpx.Response:
        """The underlying ``httpx.Response`` (an escape hatch; prefer the methods here)."""
        return self._response

    @property
    def num_bytes_downloaded(self) -> int:
        return self._response.num_bytes_downloaded

    async def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body, decoded (gzip etc. undone), in chunks."""
        async for chunk in self._watched(self._response.aiter_bytes(chunk_size)):
            yield chunk

    async def aiter_raw(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body exactly as sent, in chunks."""
        async for chunk in self._watched(self._response.aiter_raw(chunk_size)):
            yield chunk

    async def read_raw_into(self, into: list[bytes], limit: int) -> bool:
        """Append the next chunks of the body exactly as sent to *into*, until *limit*
        bytes came or the body ended (True at its end; empty chunks are left out).

        The same body as :meth:`aiter_raw`, for a caller that collects blocks (a download
        writing to disk): one stall watch per block rather than per chunk. Chunks that
        arrived before a failure stay in *into*. Do not mix it with the iterators."""
        if self._raw is None:
            self._raw = self._response.aiter_raw()
        chunks = self._raw
        watch = self._watch
        with map_transport_errors(self._method, self._path):
            if watch is None:  # a response the sender did not watch
                size = 0
                async for chunk in chunks:
                    if chunk:
                        into.append(chunk)
                        size += len(chunk)
                        if size >= limit:
                            return False
                return True
            try:
                ended = await watch.watch.read_into(chunks, into, limit)
            except Stalled:
                watch.stalled(watch.watch.describe())
                raise watch.watch.error(self._method, self._path) from None
            if ended:
                watch.done()
            return ended

    async def aread(self) -> bytes:
        if self._body is None:
            self._body = b"".join([chunk async for chunk in self.aiter_bytes()])
        return self._body

    async def _watched(self, chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
        """*chunks*, each read under the try's stall deadline (a body that stops moving
        raises RequestTimeoutError); transport errors as immich_bulk errors."""
        watch = self._watch
        with map_transport_errors(self._method, self._path):
            if watch is None:  # a response the sender did not watch
                async for chunk in chunks:
                    yield chunk
                return
            while True:
                try:
                    chunk = await watch.watch.next_chunk(chunks)  # never yields inside
                except StopAsyncIteration:
                    watch.done()
                    return
                except Stalled:
                    watch.stalled(watch.watch.describe())
                    raise watch.watch.error(self._method, self._path) from None
                yield chunk

    async def parse(self) -> Any:
        """Read the body and parse it as the parsed mode would."""
        body = await self.aread()
        return parse_body(self._returns, self._response, body, method=self._method, path=self._path)

    async def aclose(self) -> None:
        raw, self._raw = self._raw, None
        closer = getattr(raw, "aclose", None)  # an async generator left mid-body
        if closer is not None:
            await closer()
        await self._response.aclose()

    async def __aenter__(self) -> RawResponse:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"<RawResponse {self._method} {self._path} -> {self.status_code}>"


class RawCall:
    """A pending ``*_without_preload_content`` call: ``await`` it or ``async with`` it."""

    def __init__(
        self,
        opener: Callable[[RetryPolicy | None], Awaitable[RawResponse]],
        retry: RetryPolicy | None = None,
    ) -> None:
        self._opener = opener
        self._retry = retry
        self._response: RawResponse | None = None

    def with_retry(self, policy: RetryPolicy) -> RawCall:
        """This call, retried by *policy* instead of the client's (e.g. a single try for
        a caller that retries, and resumes, by itself)."""
        return RawCall(self._opener, policy)

    def __await__(self) -> Generator[Any, None, RawResponse]:
        return self._opener(self._retry).__await__()

    async def __aenter__(self) -> RawResponse:
        self._response = await self._opener(self._retry)
        return self._response

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._response is not None:
            await self._response.aclose()
