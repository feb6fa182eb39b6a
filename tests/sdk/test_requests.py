"""Request building for every parameter and body kind, and the three response modes."""

from __future__ import annotations

import contextlib
import datetime as dt
import email.parser
import email.policy
import json
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from immich_bulk import UNSET, ApiResponse, AsyncClient, RawResponse, UploadFile
from immich_bulk.client import normalize_base_url
from immich_bulk.models import (
    AssetBulkDeleteDto,
    AssetBulkUploadCheckDto,
    AssetBulkUploadCheckItem,
    AssetMediaCreateDto,
    AssetMediaSize,
    AssetVisibility,
    BulkIdsDto,
    UpdateAssetDto,
)

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A MockTransport handler that records requests and answers from a table."""

    def __init__(self, respond: Handler | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.bodies: list[bytes] = []
        self.respond = respond or (lambda r: httpx.Response(200, json={}))

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(await request.aread())
        self.requests.append(request)
        return self.respond(request)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


def client_for(recorder: Recorder, **kwargs: Any) -> AsyncClient:
    kwargs.setdefault("api_key", "k")
    return AsyncClient("http://immich.test:2283", transport=httpx.MockTransport(recorder), **kwargs)


ASSET_JSON = json.loads((Path(__file__).parent / "data" / "asset.json").read_text(encoding="utf-8"))


async def test_path_parameters_are_quoted_and_checked() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json=ASSET_JSON))
    async with client_for(rec) as client:
        asset = await client.assets.get_asset_info("a/b c")
        assert asset.id == ASSET_JSON["id"]
        assert rec.last.url.raw_path == b"/api/assets/a%2Fb%20c"
        with pytest.raises(ValueError, match="'id' must not be empty"):
            await client.assets.get_asset_info("")


async def test_query_parameters_booleans_dates_enums_and_arrays() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json=[]))
    async with client_for(rec) as client:
        await client.timeline.get_time_buckets(
            is_favorite=False,
            visibility=AssetVisibility.ARCHIVE,
            with_partners=True,
            album_id="00000000-0000-4000-8000-000000000001",
        )
        params = rec.last.url.params
        assert params["isFavorite"] == "false"
        assert params["withPartners"] == "true"
        assert params["visibility"] == "archive"
        assert "tagId" not in params  # UNSET is never sent
        await client.search.search_large_assets(
            album_ids=["a1", "a2"], person_ids=[], min_file_size=5
        )
        assert rec.last.url.params.get_list("albumIds") == ["a1", "a2"]
        assert rec.last.url.params["minFileSize"] == "5"
        assert "personIds" not in rec.last.url.params


async def test_datetime_query_parameter() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json=[]))
    async with client_for(rec) as client:
        when = dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.timezone.utc)
        await client.users_admin.search_users_admin(with_deleted=True)
        assert rec.last.url.params["withDeleted"] == "true"
        await client.search.search_large_assets(taken_after=when)
        assert rec.last.url.params["takenAfter"] == "2024-05-01T12:30:00+00:00"


async def test_json_body_leaves_unset_out_and_sends_null() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json=ASSET_JSON))
    async with client_for(rec) as client:
        await client.assets.update_asset(
            "id1", UpdateAssetDto(description="hi", rating=None, is_favorite=UNSET)
        )
        assert rec.last.method == "PUT"
        assert rec.last.headers["content-type"] == "application/json"
        assert json.loads(rec.bodies[-1]) == {"description": "hi", "rating": None}


async def test_list_body_and_enum_in_body() -> None:
    rec = Recorder(
        lambda r: httpx.Response(
            200,
            json={
                "results": [
                    {"id": "1", "action": "reject", "reason": "duplicate", "assetId": "x"},
                    {"id": "2", "action": "accept"},
                ]
            },
        )
    )
    async with client_for(rec) as client:
        result = await client.assets.check_bulk_upload(
            AssetBulkUploadCheckDto(
                assets=[
                    AssetBulkUploadCheckItem(id="1", checksum="aa"),
                    AssetBulkUploadCheckItem(id="2", checksum="bb"),
                ]
            )
        )
        assert [r.action for r in result.results] == ["reject", "accept"]
        assert json.loads(rec.bodies[-1]) == {
            "assets": [{"checksum": "aa", "id": "1"}, {"checksum": "bb", "id": "2"}]
        }


async def test_header_parameter_and_multipart_with_file(tmp_path: Path) -> None:
    photo = tmp_path / "été photo.jpg"
    photo.write_bytes(b"\xff\xd8" + bytes(range(256)) * 100)
    sidecar = tmp_path / "x.xmp"
    sidecar.write_bytes(b"<xmp/>")
    rec = Recorder(lambda r: httpx.Response(201, json={"id": "n1", "status": "created"}))
    async with client_for(rec) as client:
        result = await client.assets.upload_asset_with_http_info(
            AssetMediaCreateDto(
                asset_data=photo,
                sidecar_data=UploadFile(sidecar, content_type="application/xml"),
                device_asset_id="dev-1",
                device_id="pytest",
                file_created_at=dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc),
                file_modified_at=dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc),
                is_favorite=True,
                visibility=AssetVisibility.ARCHIVE,
            ),
            x_immich_checksum="0" * 40,
        )
    assert result.status_code == 201
    assert result.data.status == "created"
    request = rec.last
    assert request.headers["x-immich-checksum"] == "0" * 40
    body = rec.bodies[-1]
    assert int(request.headers["content-length"]) == len(body)
    assert "transfer-encoding" not in request.headers
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode() + body
    )
    parts = {p.get_param("name", header="content-disposition"): p for p in message.iter_parts()}
    assert parts["assetData"].get_payload(decode=True) == photo.read_bytes()
    assert parts["assetData"].get_content_type() == "image/jpeg"
    assert parts["sidecarData"].get_payload(decode=True) == b"<xmp/>"
    assert parts["deviceAssetId"].get_payload(decode=True) == b"dev-1"
    assert parts["isFavorite"].get_payload(decode=True) == b"true"
    assert parts["visibility"].get_payload(decode=True) == b"archive"
    assert parts["fileCreatedAt"].get_payload(decode=True) == b"2024-01-02T03:04:05+00:00"


async def test_octet_stream_bytes_parsed_and_streamed_raw() -> None:
    payload = bytes(range(256)) * 1000
    rec = Recorder(
        lambda r: httpx.Response(
            200, content=payload, headers={"content-type": "application/octet-stream"}
        )
    )
    async with client_for(rec) as client:
        assert await client.assets.download_asset("id1") == payload
        info = await client.assets.view_asset_with_http_info("id1", size=AssetMediaSize.PREVIEW)
        assert isinstance(info, ApiResponse)
        assert info.raw_data == payload
        assert rec.last.url.params["size"] == "preview"
        async with client.assets.download_asset_without_preload_content("id1") as raw:
            assert isinstance(raw, RawResponse)
            assert raw.status_code == 200
            chunks = [c async for c in raw.aiter_bytes(4096)]
        assert b"".join(chunks) == payload
        raw = await client.assets.download_asset_without_preload_content("id1")
        try:
            assert await raw.aread() == payload
        finally:
            await raw.aclose()


async def test_with_http_info_and_raw_parse() -> None:
    rec = Recorder(
        lambda r: httpx.Response(200, json=[{"id": "a", "success": True}], headers={"x-t": "1"})
    )
    async with client_for(rec) as client:
        info = await client.albums.add_assets_to_album_with_http_info("alb", _bulk_ids())
        assert info.status_code == 200
        assert info.headers["X-T"] == "1"
        assert info.data[0].success is True
        assert json.loads(info.raw_data) == [{"id": "a", "success": True}]
        async with client.albums.add_assets_to_album_without_preload_content(
            "alb", _bulk_ids()
        ) as raw:
            parsed = await raw.parse()
        assert parsed[0].id == "a"


def _bulk_ids() -> BulkIdsDto:
    return BulkIdsDto(ids=["a"])


async def test_no_content_returns_none() -> None:
    rec = Recorder(lambda r: httpx.Response(204))
    async with client_for(rec) as client:
        result = await client.assets.delete_assets(  # type: ignore[func-returns-value]
            AssetBulkDeleteDto(ids=["a"], force=True)
        )
        assert result is None
        assert json.loads(rec.bodies[-1]) == {"ids": ["a"], "force": True}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("http://h:2283", "http://h:2283/api"),
        ("http://h:2283/", "http://h:2283/api"),
        ("http://h:2283/api", "http://h:2283/api"),
        ("http://h:2283/api/", "http://h:2283/api"),
        ("https://photos.example.com/immich", "https://photos.example.com/immich/api"),
    ],
)
def test_base_url_with_or_without_api(given: str, expected: str) -> None:
    assert normalize_base_url(given) == expected


@pytest.mark.parametrize(
    "bad", ["", "ftp://h", "h:2283", "http://user:pw@h/api", "http://h/api?x=1"]
)
def test_bad_base_url_is_a_clear_error(bad: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        normalize_base_url(bad)


@pytest.mark.parametrize(
    ("kwargs", "header", "value"),
    [
        ({"api_key": "key-1"}, "x-api-key", "key-1"),
        ({"access_token": "tok-1"}, "authorization", "Bearer tok-1"),
        ({"session_cookie": "ck-1"}, "cookie", "immich_access_token=ck-1"),
    ],
)
async def test_auth_modes(kwargs: dict[str, Any], header: str, value: str) -> None:
    rec = Recorder(lambda r: httpx.Response(200, json={"res": "pong"}))
    async with AsyncClient(
        "http://h:2283/api", transport=httpx.MockTransport(rec), **kwargs
    ) as client:
        await client.server.ping_server()
    assert rec.last.headers[header] == value


async def test_caller_supplied_http_client_is_used_and_not_closed() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json={"res": "pong"}))
    async with httpx.AsyncClient(transport=httpx.MockTransport(rec)) as http:
        async with AsyncClient("http://h:2283", api_key="k", http_client=http) as client:
            await client.server.ping_server()
        assert not http.is_closed
        assert len(rec.requests) == 1
    with pytest.raises(ValueError, match="either http_client or transport"):
        AsyncClient("http://h", http_client=http, transport=httpx.MockTransport(rec))


async def test_closed_client_refuses_calls() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json={"res": "pong"}))
    client = client_for(rec)
    async with client:
        pass
    assert client.is_closed
    with pytest.raises(RuntimeError, match="closed"):
        await client.server.ping_server()
    with pytest.raises(RuntimeError, match="closed"):
        async with client:
            pass


async def test_per_call_headers_and_timeout() -> None:
    seen: dict[str, Any] = {}

    def respond(request: httpx.Request) -> httpx.Response:
        seen["timeout"] = request.extensions.get("timeout")
        return httpx.Response(200, json={"res": "pong"})

    rec = Recorder(respond)
    async with client_for(rec) as client:
        await client.server.ping_server(_headers={"x-trace": "t1"}, _request_timeout=3.5)
    assert rec.last.headers["x-trace"] == "t1"
    # httpx enforces connecting and the pool; answers and stalls are the watch's
    assert seen["timeout"]["connect"] == seen["timeout"]["pool"] == 3.5
    assert seen["timeout"]["read"] is None


async def test_low_level_request_for_undocumented_paths() -> None:
    rec = Recorder(lambda r: httpx.Response(200, json={"openapi": "3.0.0", "paths": {}}))
    async with client_for(rec) as client:
        response = await client.request("GET", "/spec.json")
    assert response.data["openapi"] == "3.0.0"
    assert rec.last.url.path == "/api/spec.json"


async def test_its_own_transport_and_a_callers_client_send_the_same_request() -> None:
    """A client this library makes calls its transport directly (no httpx ``send``); the
    request must be the one a caller's httpx client sends: URL, query and headers."""

    def empty(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=[])

    direct, through = Recorder(empty), Recorder(empty)
    async with client_for(direct) as client:
        await client.timeline.get_time_buckets(is_favorite=True, _headers={"X-Trace": "t"})
    mock = httpx.MockTransport(through)
    async with (
        httpx.AsyncClient(transport=mock) as http,
        AsyncClient("http://immich.test:2283", api_key="k", http_client=http) as c,
    ):
        await c.timeline.get_time_buckets(is_favorite=True, _headers={"X-Trace": "t"})
    assert str(direct.last.url) == str(through.last.url)
    assert direct.last.method == through.last.method == "GET"

    def headers(request: httpx.Request) -> list[tuple[str, str]]:
        return sorted((name.lower(), value) for name, value in request.headers.multi_items())

    assert headers(direct.last) == headers(through.last)
    assert dict(headers(direct.last))["x-trace"] == "t"
    assert dict(headers(direct.last))["user-agent"].startswith("immich-bulk/")


async def test_a_session_cookie_the_server_sets_is_not_sent_back() -> None:
    """Credentials are only what the client was given: a login's ``Set-Cookie`` (Immich
    sends one) must not turn later calls into calls of that session."""

    def respond(request: httpx.Request) -> httpx.Response:
        cookie = "immich_access_token=session-1; Path=/; HttpOnly"
        return httpx.Response(200, json={"res": "pong"}, headers={"Set-Cookie": cookie})

    rec = Recorder(respond)
    async with client_for(rec) as client:
        await client.server.ping_server()
        await client.server.ping_server()
    assert "cookie" not in rec.last.headers
    assert rec.last.headers["x-api-key"] == "k"


class _RecordingProxy:
    """A plain-HTTP proxy stand-in on loopback: answers every request with ``{}`` and
    keeps each request line (a proxied request names the absolute URL)."""

    def __init__(self, extra_headers: bytes = b"") -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.extra = extra_headers
        self.lines: list[str] = []
        self.heads: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = self.sock.accept()
                with conn:
                    head = b""
                    while b"\r\n\r\n" not in head:
                        data = conn.recv(65536)
                        if not data:
                            break
                        head += data
                    self.heads.append(head)
                    self.lines.append(head.split(b"\r\n", 1)[0].decode("latin-1"))
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        + self.extra
                        + b"Content-Length: 2\r\nConnection: close\r\n\r\n{}"
                    )

    def close(self) -> None:
        self.sock.close()


def _proxy_env(monkeypatch: pytest.MonkeyPatch, proxy: _RecordingProxy) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")


async def test_a_proxy_in_the_environment_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a proxy configured, httpx chooses the transport per URL: the client must go
    through it rather than its own direct transport."""
    proxy = _RecordingProxy()
    try:
        _proxy_env(monkeypatch, proxy)
        async with AsyncClient("http://immich.test:2283", api_key="k") as client:
            response = await client.request("GET", "/server/ping")
        assert response.data == {}
        assert proxy.lines == ["GET http://immich.test:2283/api/server/ping HTTP/1.1"]
    finally:
        proxy.close()


async def test_through_a_proxy_no_session_cookie_is_sent_back_either(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    proxy = _RecordingProxy(b"Set-Cookie: immich_access_token=session-1; Path=/\r\n")
    try:
        _proxy_env(monkeypatch, proxy)
        async with AsyncClient("http://immich.test:2283", api_key="k") as client:
            await client.request("GET", "/server/ping")
            await client.request("GET", "/server/ping")
        assert len(proxy.heads) == 2
        assert b"cookie:" not in proxy.heads[1].lower().replace(b"set-cookie", b"")
    finally:
        proxy.close()
