"""Error mapping, retries (with an injected sleep), redirects, and secrets never leaking."""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import immich_bulk
from immich_bulk import (
    ApiError,
    AsyncClient,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestTimeoutError,
    ResponseValidationError,
    RetryEvent,
    RetryPolicy,
    ServerError,
    TransportError,
    UnsafeRedirectError,
    observe_retries,
)
from immich_bulk._http.retry import parse_retry_after
from immich_bulk.models import (
    AlbumsAddAssetsDto,
    AssetBulkUploadCheckDto,
    AssetBulkUploadCheckResultReason,
    CreateAlbumDto,
)

SECRET = "sk-super-secret-api-key-0123456789"


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def make_client(
    respond: Callable[[httpx.Request], httpx.Response], *, sleeps: Sleeps | None = None, **kw: Any
) -> AsyncClient:
    policy = RetryPolicy(sleep=sleeps or Sleeps(), random=lambda: 0.5)
    return AsyncClient(
        "http://h:2283", api_key=SECRET, transport=httpx.MockTransport(respond), retry=policy, **kw
    )


def immich_error(status: int, message: Any, error: str) -> httpx.Response:
    return httpx.Response(
        status,
        json={"message": message, "error": error, "statusCode": status, "correlationId": "cid42"},
        headers={"x-immich-cid": "cid42"},
    )


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (429, RateLimitError),
        (500, ServerError),
        (503, ServerError),
        (413, ApiError),
    ],
)
async def test_status_maps_to_exception(status: int, cls: type[ApiError]) -> None:
    client = make_client(lambda r: immich_error(status, "it failed", "Some Error"))
    async with client:
        with pytest.raises(cls) as caught:
            await client.albums.get_album_info("00000000-0000-4000-8000-000000000001")
    exc = caught.value
    assert type(exc) is cls
    assert exc.status_code == status
    assert exc.method == "GET"
    assert exc.path == "/albums/00000000-0000-4000-8000-000000000001"
    assert exc.message == "it failed"
    assert exc.error == "Some Error"
    assert exc.correlation_id == "cid42"
    assert "it failed" in str(exc) and "cid42" in str(exc)


async def test_validation_messages_come_as_a_list() -> None:
    client = make_client(
        lambda r: immich_error(400, ["albumName must be a string", "x is bad"], "Bad Request")
    )
    async with client:
        with pytest.raises(BadRequestError) as caught:
            await client.albums.create_album(CreateAlbumDto(album_name="x"))
    assert caught.value.messages == ["albumName must be a string", "x is bad"]
    assert "albumName must be a string; x is bad" in str(caught.value)


async def test_error_pickles() -> None:
    client = make_client(lambda r: immich_error(404, "nope", "Not Found"))
    async with client:
        with pytest.raises(NotFoundError) as caught:
            await client.server.get_about_info()
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is NotFoundError and str(again) == str(caught.value)


async def test_malformed_response_names_the_field() -> None:
    client = make_client(lambda r: httpx.Response(200, json={"res": 5}))
    async with client:
        with pytest.raises(ResponseValidationError, match=r"\$\.res"):
            await client.server.ping_server()


@pytest.mark.parametrize(
    ("response", "match"),
    [
        (
            httpx.Response(200, text="<html>hi</html>", headers={"content-type": "text/html"}),
            "expected a JSON response",
        ),
        (
            httpx.Response(
                200, content=b'{"res": "po', headers={"content-type": "application/json"}
            ),
            "not valid JSON",
        ),
    ],
)
async def test_not_json(response: httpx.Response, match: str) -> None:
    client = make_client(lambda r: response)
    async with client:
        with pytest.raises(ResponseValidationError, match=match):
            await client.server.ping_server()


async def test_huge_response_is_refused() -> None:
    big = b'{"res": "' + b"x" * 5000 + b'"}'
    client = make_client(
        lambda r: httpx.Response(200, content=big, headers={"content-type": "application/json"}),
        max_response_bytes=1000,
    )
    async with client:
        with pytest.raises(ResponseValidationError, match="1000 bytes"):
            await client.server.ping_server()


async def test_unknown_fields_and_enum_values_from_a_newer_server() -> None:
    body = {
        "results": [
            {"id": "a", "action": "reject", "reason": "quantum-duplicate", "brandNew": {"x": 1}}
        ],
        "alsoNew": True,
    }
    client = make_client(lambda r: httpx.Response(200, json=body))
    async with client:
        result = await client.assets.check_bulk_upload(AssetBulkUploadCheckDto(assets=[]))
    reason = result.results[0].reason
    assert reason == "quantum-duplicate"
    assert isinstance(reason, AssetBulkUploadCheckResultReason)
    assert not reason.is_known


async def test_connection_errors_are_mapped_and_retried() -> None:
    calls = 0

    def respond(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    sleeps = Sleeps()
    client = make_client(respond, sleeps=sleeps)
    async with client:
        with pytest.raises(TransportError) as caught:
            await client.server.ping_server()
    assert calls == 4  # max_attempts
    assert len(sleeps.waits) == 3
    assert "ConnectError" in str(caught.value)
    assert not isinstance(caught.value, httpx.HTTPError)


async def test_timeouts_are_request_timeout_errors() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    client = make_client(respond)
    async with client:
        with pytest.raises(RequestTimeoutError):
            await client.server.ping_server()


@pytest.mark.parametrize("status", [429, 502, 503, 504])
async def test_transient_statuses_are_retried_with_backoff(status: int) -> None:
    answers = [immich_error(status, "busy", "x"), immich_error(status, "busy", "x")]

    def respond(request: httpx.Request) -> httpx.Response:
        return answers.pop(0) if answers else httpx.Response(200, json={"res": "pong"})

    sleeps = Sleeps()
    events: list[RetryEvent] = []
    client = make_client(respond, sleeps=sleeps, on_retry=events.append)
    async with client:
        with observe_retries() as observed:
            assert (await client.server.ping_server()).res == "pong"
    # full jitter with random()=0.5: 0.5 * base * 2**(n-1)
    assert sleeps.waits == [0.25, 0.5]
    assert [e.reason for e in events] == [str(status), str(status)]
    assert observed == events
    assert events[0].path == "/server/ping" and events[0].attempt == 1


async def test_retry_after_is_honoured() -> None:
    answers = [
        httpx.Response(429, json={"message": "slow down"}, headers={"retry-after": "7"}),
    ]

    def respond(request: httpx.Request) -> httpx.Response:
        return answers.pop(0) if answers else httpx.Response(200, json={"res": "pong"})

    sleeps = Sleeps()
    async with make_client(respond, sleeps=sleeps) as client:
        await client.server.ping_server()
    assert sleeps.waits == [7.0]


def test_retry_after_parsing() -> None:
    assert parse_retry_after("12") == 12.0
    assert parse_retry_after("junk") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert RetryPolicy().delay(1, retry_after=10_000) == 300.0


def test_backoff_is_bounded_full_jitter() -> None:
    policy = RetryPolicy(backoff_base=1.0, backoff_max=8.0, random=lambda: 1.0)
    assert [policy.delay(n) for n in range(1, 7)] == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert RetryPolicy(random=lambda: 0.0).delay(3) == 0.0
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)


async def test_non_idempotent_post_is_not_retried() -> None:
    calls = 0

    def respond(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return immich_error(503, "busy", "Service Unavailable")

    async with make_client(respond) as client:
        with pytest.raises(ServerError):
            await client.albums.create_album(CreateAlbumDto(album_name="once"))
    assert calls == 1


async def test_idempotent_put_is_retried() -> None:
    answers = [immich_error(502, "bad gateway", "x")]

    def respond(request: httpx.Request) -> httpx.Response:
        return answers.pop(0) if answers else httpx.Response(200, json={"success": True})

    async with make_client(respond) as client:
        result = await client.albums.add_assets_to_albums(
            AlbumsAddAssetsDto(album_ids=["a"], asset_ids=["b"])
        )
    assert result.success is True


async def test_same_origin_redirect_is_followed_for_get() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/thumbnail"):
            return httpx.Response(302, headers={"location": "/api/assets/a1/original"})
        assert request.headers["x-api-key"] == SECRET
        return httpx.Response(200, content=b"JPEG", headers={"content-type": "image/jpeg"})

    async with make_client(respond) as client:
        assert await client.assets.view_asset("a1") == b"JPEG"


async def test_redirect_to_another_host_is_refused_and_the_key_does_not_follow() -> None:
    hosts: list[str] = []

    def respond(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        return httpx.Response(302, headers={"location": "http://evil.example/steal"})

    async with make_client(respond) as client:
        with pytest.raises(UnsafeRedirectError) as caught:
            await client.server.get_about_info()
    assert hosts == ["h"]
    assert "evil.example" in str(caught.value)
    assert SECRET not in str(caught.value)


async def test_no_secret_in_reprs_errors_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    def respond(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("ping"):
            return immich_error(503, "down", "x")
        if request.url.path.endswith("about"):
            raise httpx.ConnectError("refused", request=request)
        return immich_error(401, "Invalid API key", "Unauthorized")

    texts: list[str] = []
    client = AsyncClient(
        "http://h:2283",
        api_key=SECRET,
        access_token=SECRET + "-tok",
        session_cookie=SECRET + "-ck",
        transport=httpx.MockTransport(respond),
        retry=RetryPolicy(sleep=Sleeps(), max_attempts=2),
    )
    texts.append(repr(client))
    texts.append(str(client))
    async with client:
        texts.append(repr(client.assets))
        for call in (
            client.server.ping_server,
            client.server.get_about_info,
            client.users.get_my_user,
        ):
            with pytest.raises(immich_bulk.ImmichError) as caught:
                await call()
            texts += [str(caught.value), repr(caught.value)]
            texts += [str(a) for a in caught.value.args]
    texts += [r.getMessage() for r in caplog.records]
    texts += [str(r.args) for r in caplog.records]
    joined = "\n".join(texts)
    assert "ConnectError" in joined and "Invalid API key" in joined  # we did capture things
    assert SECRET not in joined


def test_secret_wrapper_hides_itself() -> None:
    from immich_bulk._types import Secret

    secret = Secret(SECRET)
    assert SECRET not in repr(secret) and SECRET not in str(secret) and SECRET not in f"{secret}"
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    with pytest.raises(ValueError):
        Secret("")


def test_turning_tls_verification_off_warns(caplog: pytest.LogCaptureFixture) -> None:
    with pytest.warns(UserWarning, match="verification is turned off"):
        AsyncClient("https://h", api_key=SECRET, verify=False)
    assert any("verification is turned off" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("text", "micro"),
    [("2024-01-01T10:00:14.5Z", 500000), ("2024-01-01T10:00:14.50529+00:00", 505290),
     ("2024-01-01T10:00:14.123456789Z", 123456), ("2024-01-01T10:00:14Z", 0)],
)  # fmt: skip
def test_datetimes_with_any_number_of_fraction_digits(text: str, micro: int) -> None:
    import datetime as dt

    from immich_bulk._converter import converter

    parsed = converter.structure(text, dt.datetime)
    assert parsed.microsecond == micro and parsed.utcoffset() == dt.timedelta(0)
