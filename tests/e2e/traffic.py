"""What a client really sent and got: a transport that records each exchange."""

from __future__ import annotations

import attrs
import httpx


@attrs.frozen
class Exchange:
    method: str
    path: str  # without the API prefix, e.g. "/assets/<id>/original"
    request_headers: dict[str, str]
    status: int
    response_headers: dict[str, str]


class RecordingTransport(httpx.AsyncBaseTransport):
    """Passes every request to a real transport and records it with its answer's status and
    headers (bodies are not kept)."""

    def __init__(self, inner: httpx.AsyncBaseTransport | None = None) -> None:
        self.inner = inner or httpx.AsyncHTTPTransport()
        self.exchanges: list[Exchange] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        path = request.url.path
        self.exchanges.append(
            Exchange(
                method=request.method,
                path=path[path.find("/api") + 4 :] if "/api" in path else path,
                request_headers={k.lower(): v for k, v in request.headers.items()},
                status=response.status_code,
                response_headers={k.lower(): v for k, v in response.headers.items()},
            )
        )
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()

    def to(self, method: str, suffix: str) -> list[Exchange]:
        """The exchanges of *method* whose path ends with *suffix* (``"/original"``)."""
        return [e for e in self.exchanges if e.method == method and e.path.endswith(suffix)]

    def clear(self) -> None:
        self.exchanges.clear()
