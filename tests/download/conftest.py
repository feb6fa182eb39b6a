"""Fixtures for the download tests: a fake Immich (in-process or on a loopback socket),
clients on it, and small helpers to seed assets and look at what was written."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import anyio
import httpx
import pytest

from immich_bulk import AsyncClient
from immich_bulk.helpers.asset_files import AssetFileHelpers
from immich_bulk.testing import Asset, FakeImmich, ThreadServer, run_fake_server_in_thread
from immich_bulk.transfer.config import DownloadConfig
from immich_bulk.transfer.download.resumable import meta_path_for, part_path_for

WHEN = dt.datetime(2024, 5, 1, 10, 0, tzinfo=dt.timezone.utc)
#: Tests never sleep between retries.
FAST = DownloadConfig(chunk_size=64 * 1024)


def fast_config(**changes: object) -> DownloadConfig:
    """A download config whose retries do not wait."""
    import attrs

    from immich_bulk import RetryPolicy

    async def no_sleep(_: float) -> None:
        return None

    policy = RetryPolicy(
        max_attempts=4,
        backoff_base=0.0,
        retry_statuses=frozenset({429, 500, 502, 503, 504}),
        sleep=no_sleep,
    )
    return attrs.evolve(FAST, retry=policy, **changes)  # type: ignore[arg-type]


def data(seed: str, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


def add(
    fake: FakeImmich,
    name: str,
    size: int = 10_000,
    *,
    seed: str | None = None,
    when: dt.datetime = WHEN,
    **kwargs: object,
) -> Asset:
    """An asset with deterministic bytes (different per *seed*, default: the name)."""
    return fake.add_asset(
        None,
        data(seed or name, size),
        name,
        file_created_at=when,
        file_modified_at=when,
        **kwargs,  # type: ignore[arg-type]
    )


def files_under(root: Path) -> dict[str, bytes]:
    """Every regular file below *root* (relative posix path -> bytes)."""
    out: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[path.relative_to(root).as_posix()] = path.read_bytes()
    return out


def leftovers(root: Path) -> list[str]:
    """``.part`` / ``.meta`` files below *root*."""
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.name.endswith((".part", ".part.meta"))
    )


def assets_api(client: AsyncClient) -> AssetFileHelpers:
    """``client.assets`` when it has the file helpers, else the mixin on its own."""
    api = client.assets
    if isinstance(api, AssetFileHelpers):
        return api
    return AssetFileHelpers(client)


def plant_part(final: Path, content: bytes, *, etag: str, asset_id: str, checksum: str) -> None:
    """What an interrupted run leaves: ``<final>.part`` and its ``.meta``."""
    import json

    part = part_path_for(final)
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(content)
    meta = {
        "v": 1,
        "kind": "original",
        "id": asset_id,
        "checksum": checksum,
        "etag": etag,
        "last_modified": None,
        "total": None,
    }
    meta_path_for(part).write_text(json.dumps(meta))


@pytest.fixture
async def fake() -> AsyncIterator[FakeImmich]:
    async with FakeImmich() as instance:
        yield instance


@pytest.fixture
async def client(fake: FakeImmich) -> AsyncIterator[AsyncClient]:
    async with fake.client() as c:
        yield c


@pytest.fixture
def server() -> Iterator[ThreadServer]:
    """The fake on a loopback socket (real connections: drops happen mid-body)."""
    with run_fake_server_in_thread() as srv:
        yield srv


@pytest.fixture
async def socket_client(server: ThreadServer) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(server.url, api_key=server.api_key, timeout=30.0) as c:
        yield c


class Rewrite(httpx.AsyncBaseTransport):
    """Wraps a transport: edits requests and responses (servers that misbehave)."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        *,
        drop_request_headers: tuple[str, ...] = (),
        response_headers: dict[str, str] | None = None,
        status_map: dict[int, int] | None = None,
    ) -> None:
        self.inner = inner
        self.drop = drop_request_headers
        self.response_headers = response_headers or {}
        self.status_map = status_map or {}
        self.seen: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        for name in self.drop:
            if name in request.headers:
                del request.headers[name]
        self.seen.append(request)
        response = await self.inner.handle_async_request(request)
        if not self.response_headers and response.status_code not in self.status_map:
            return response
        headers = httpx.Headers(response.headers)
        for name, value in self.response_headers.items():
            headers[name] = value
        return httpx.Response(
            self.status_map.get(response.status_code, response.status_code),
            headers=headers,
            stream=response.stream,
            extensions=response.extensions,
        )


class Barrier(httpx.AsyncBaseTransport):
    """Holds every request for an original until *parties* of them have arrived."""

    def __init__(self, inner: httpx.AsyncBaseTransport, parties: int = 2) -> None:
        self.inner = inner
        self.parties = parties
        self.arrived = 0
        self.all_in: anyio.Event | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/original"):
            if self.all_in is None:
                self.all_in = anyio.Event()
            self.arrived += 1
            if self.arrived >= self.parties:
                self.all_in.set()
            await self.all_in.wait()
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()
