"""FakeImmich behind hypercorn on a loopback port (a background thread with its own loop)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import partial

import anyio
import httpx
import pytest

from immich_bulk.testing import FakeImmich, ThreadServer, run_fake_server_in_thread, serve

from .conftest import SPEC_CHECKER, make_jpeg, upload_form


@pytest.fixture(scope="module", params=["asyncio", "trio"])
def server(request: pytest.FixtureRequest) -> Iterator[ThreadServer]:
    """One server per hypercorn backend for the module (faults reset per test)."""
    with run_fake_server_in_thread(backend=request.param) as srv:
        yield srv


@pytest.fixture
def srv(server: ThreadServer) -> Iterator[ThreadServer]:
    """The module's server with no fault rules left over from other tests."""
    server.fake.faults.clear()
    yield server
    server.fake.faults.clear()


def http_client(server: ThreadServer, api_key: str | None = None) -> httpx.AsyncClient:
    """A client on the socket; its 2xx JSON responses are checked against the spec."""
    return httpx.AsyncClient(
        base_url=server.url,
        headers={"x-api-key": api_key or server.api_key},
        timeout=30,
        limits=httpx.Limits(max_connections=32),
        event_hooks={"response": [SPEC_CHECKER.hook]},
    )


async def test_upload_download_over_sockets(srv: ThreadServer) -> None:
    data = make_jpeg(f"loop-{id(srv)}", 3 * 1024 * 1024 + 17)
    async with http_client(srv) as http:
        created = await http.post("/assets", **upload_form(data, "big.jpg"))
        assert created.status_code in (200, 201)
        asset_id = created.json()["id"]
        got = await http.get(f"/assets/{asset_id}/original")
        assert got.content == data
        part = await http.get(f"/assets/{asset_id}/original", headers={"range": "bytes=-1000"})
        assert part.status_code == 206 and part.content == data[-1000:]
        archive = await http.post("/download/archive", json={"assetIds": [asset_id]})
        assert archive.headers.get("transfer-encoding") == "chunked"
        assert data in archive.content
    assert srv.fake.asset(asset_id) is not None


async def test_concurrent_uploads_over_sockets(srv: ThreadServer) -> None:
    user = srv.fake.create_user(f"conc-{id(object())}@example.com")
    key = srv.fake.create_api_key(user)
    blobs = [make_jpeg(f"sock{i}", 30_000 + i) for i in range(8)]
    statuses: list[int] = []
    async with http_client(srv, key) as http:

        async def upload(n: int) -> None:
            resp = await http.post("/assets", **upload_form(blobs[n % 8], f"s{n}.jpg"))
            statuses.append(resp.status_code)

        async with anyio.create_task_group() as tg:
            for n in range(64):
                tg.start_soon(upload, n)
    assert statuses.count(201) == 8 and statuses.count(200) == 56
    checksums = sorted(a.checksum_hex for a in srv.fake.assets(user))
    assert checksums == sorted(hashlib.sha1(b).hexdigest() for b in blobs)


async def test_dropped_connection_mid_response(srv: ThreadServer) -> None:
    data = make_jpeg(f"drop-{id(object())}", 2 * 1024 * 1024)
    asset = srv.fake.add_asset(None, data, "drop.jpg")
    srv.fake.faults.drop_response(after_bytes=300_000, match="downloadAsset")
    received = bytearray()
    async with http_client(srv) as http:
        with pytest.raises(httpx.TransportError):
            async with http.stream("GET", f"/assets/{asset.id}/original") as resp:
                assert resp.status_code == 200
                async for chunk in resp.aiter_bytes():
                    received += chunk
        assert len(received) == 300_000
        assert bytes(received) == data[:300_000]
        # the server is fine afterwards; resume with Range + If-Range
        etag = resp.headers["etag"]
        rest = await http.get(
            f"/assets/{asset.id}/original",
            headers={"range": f"bytes={len(received)}-", "if-range": etag},
        )
        assert rest.status_code == 206
        assert bytes(received) + rest.content == data


async def test_dropped_connection_mid_upload(srv: ThreadServer) -> None:
    user = srv.fake.create_user(f"dropup-{id(object())}@example.com")
    key = srv.fake.create_api_key(user)
    srv.fake.faults.drop_request(after_bytes=200_000, match="uploadAsset")
    data = make_jpeg("dropup", 1024 * 1024)
    async with httpx.AsyncClient(base_url=srv.url, headers={"x-api-key": key}, timeout=30) as http:
        with pytest.raises(httpx.TransportError):
            await http.post("/assets", **upload_form(data))
        assert srv.fake.assets(user) == []
        again = await http.post("/assets", **upload_form(data))
        assert again.status_code == 201


async def test_control_channel(srv: ThreadServer) -> None:
    srv.reset_counters()
    rule = srv.add_fault("error", status=503, match="pingServer", times=1, retry_after=2)
    assert rule["kind"] == "error"
    async with http_client(srv) as http:
        first = await http.get("/server/ping")
        second = await http.get("/server/ping")
    assert (first.status_code, first.headers["retry-after"]) == (503, "2")
    assert second.status_code == 200
    counters = srv.counters()
    assert counters["statuses"]["pingServer"] == {"503": 1, "200": 1}
    assert srv.faults()["rules"][0]["fired"] == 1
    srv.clear_faults()
    made = srv.create_user(f"ctl-{id(object())}@example.com")
    assert made["apiKey"]
    assert srv.assets(made["email"]) == []


async def test_serve_in_current_loop(anyio_backend: str) -> None:
    async with FakeImmich() as fake:
        stop = anyio.Event()
        async with anyio.create_task_group() as tg:
            url = await tg.start(partial(serve, fake, shutdown_event=stop))
            async with httpx.AsyncClient(base_url=url, headers={"x-api-key": fake.api_key}) as http:
                assert (await http.get("/server/ping")).json() == {"res": "pong"}
                assert (await http.get("/users/me")).status_code == 200
            stop.set()
