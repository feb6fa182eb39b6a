"""Fault injection, in-process (ASGI transport). Socket-level drops are in test_loopback.py.

Only lower bounds are asserted for time (a sleep guarantees them); speed lives in benchmarks.
"""

from __future__ import annotations

import hashlib
import io
import time
import zipfile
from collections.abc import Callable

import anyio
import httpx
import pytest

from immich_bulk.testing import FAULT_KINDS, ConnectionDropped, FakeImmich, FaultPlan, FaultRule
from immich_bulk.testing.faults import default_times

from .conftest import make_jpeg, upload_form


async def test_error_fault_then_recovery(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    rule = fake.faults.fail(503, match="uploadAsset", times=2, retry_after=3)
    data = make_jpeg("e", 5000)
    first = await client.post("/assets", **upload_form(data))
    second = await client.post("/assets", **upload_form(data))
    third = await client.post("/assets", **upload_form(data))
    assert [first.status_code, second.status_code, third.status_code] == [503, 503, 201]
    assert first.headers["retry-after"] == "3"
    assert first.json()["statusCode"] == 503 and first.json()["error"] == "Service Unavailable"
    assert rule.fired == 2 and rule.exhausted
    assert fake.counters.faults["error"] == 2
    assert fake.counters.uploads_stored == 1
    assert fake.counters.requests_to("uploadAsset", 503) == 2
    assert fake.counters.bytes_received > 3 * 5000  # the failed bodies were read (drained)


async def test_rate_limit_and_skip(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    fake.faults.rate_limit(match="GET /server/*", retry_after=7)
    fake.faults.fail(502, match="getServerVersion", skip=1, times=1)
    assert (await client.get("/server/ping")).status_code == 429
    assert (await client.get("/server/ping")).status_code == 200
    statuses = [(await client.get("/server/version")).status_code for _ in range(3)]
    assert statuses == [200, 502, 200]


@pytest.mark.parametrize(
    "pattern",
    ["downloadAsset", "download*", "GET /assets/*/original", "GET /assets/{id}/original", None],
)
async def test_match_patterns(
    fake: FakeImmich, client: httpx.AsyncClient, pattern: str | None
) -> None:
    asset = fake.add_asset(None, make_jpeg("m", 500), "m.jpg")
    fake.faults.fail(500, match=pattern, times=1)
    assert (await client.get(f"/assets/{asset.id}/original")).status_code == 500
    assert (await client.get(f"/assets/{asset.id}/original")).status_code == 200


async def test_probability_is_deterministic(anyio_backend: str) -> None:
    async def run(seed: int) -> list[int]:
        async with FakeImmich(seed=seed) as fake:
            fake.faults.fail(500, match="pingServer", times=None, probability=0.5)
            async with fake.httpx_client() as http:
                return [(await http.get("/server/ping")).status_code for _ in range(20)]

    a, b, c = await run(1), await run(1), await run(2)
    assert a == b
    assert 500 in a and 200 in a
    assert a != c


async def test_latency(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    fake.faults.latency(0.2, match="pingServer", times=1)
    start = time.monotonic()
    assert (await client.get("/server/ping")).status_code == 200
    assert time.monotonic() - start >= 0.2
    assert fake.counters.faults["latency"] == 1


async def test_drop_request_in_process(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    fake.faults.drop_request(after_bytes=10_000, match="uploadAsset")
    data = make_jpeg("d", 50_000)
    with pytest.raises(httpx.RemoteProtocolError) as info:
        await client.post("/assets", **upload_form(data))
    assert isinstance(info.value, ConnectionDropped)
    assert fake.assets() == []
    assert not any((fake.data_dir / "tmp").iterdir())
    assert (await client.post("/assets", **upload_form(data))).status_code == 201


async def test_drop_response_in_process(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    asset = fake.add_asset(None, make_jpeg("r", 100_000), "r.jpg")
    fake.faults.drop_response(after_bytes=1000, match="downloadAsset")
    with pytest.raises(httpx.RemoteProtocolError):
        await client.get(f"/assets/{asset.id}/original")
    assert fake.counters.faults["drop_response"] == 1
    assert (await client.get(f"/assets/{asset.id}/original")).status_code == 200


async def test_throttle(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    asset = fake.add_asset(None, make_jpeg("slow", 60_000), "slow.jpg")
    fake.faults.throttle(200_000, match="downloadAsset", times=1)
    start = time.monotonic()
    resp = await client.get(f"/assets/{asset.id}/original")
    assert len(resp.content) == 60_000
    assert time.monotonic() - start >= 0.25
    fake.faults.throttle(200_000, match="uploadAsset", direction="request", times=1)
    start = time.monotonic()
    up = await client.post("/assets", **upload_form(make_jpeg("up", 60_000)))
    assert up.status_code == 201
    assert time.monotonic() - start >= 0.25


async def test_corrupt(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    data = make_jpeg("c", 10_000)
    asset = fake.add_asset(None, data, "c.jpg")
    fake.faults.corrupt(times=1)
    bad = (await client.get(f"/assets/{asset.id}/original")).content
    assert len(bad) == len(data)
    assert [i for i in range(len(data)) if bad[i] != data[i]] == [5000]
    fake.faults.corrupt(offsets=[3, 9000], times=1)
    part = (
        await client.get(f"/assets/{asset.id}/original", headers={"range": "bytes=8000-"})
    ).content
    assert [8000 + i for i in range(len(part)) if part[i] != data[8000 + i]] == [9000]
    good = (await client.get(f"/assets/{asset.id}/original")).content
    assert hashlib.sha1(good).digest() == asset.checksum


async def test_etag_change(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    asset = fake.add_asset(None, make_jpeg("etag", 5000), "e.jpg")
    url = f"/assets/{asset.id}/original"
    before = (await client.head(url)).headers["etag"]
    fake.faults.change_etag(times=1)
    resumed = await client.get(url, headers={"range": "bytes=100-", "if-range": before})
    assert resumed.status_code == 200  # the file "changed": full body, new validators
    after = resumed.headers["etag"]
    assert after != before
    assert (await client.head(url)).headers["etag"] == after
    fake.faults.change_etag()  # every request
    tags = {(await client.head(url)).headers["etag"] for _ in range(3)}
    assert len(tags) == 3
    assert fake.touch_asset(asset.id) > 0


async def test_slow_thumbnails(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    fake.faults.slow_thumbnails(0.3, times=1)
    slow = (await client.post("/assets", **upload_form(make_jpeg("t1", 700)))).json()["id"]
    quick = (await client.post("/assets", **upload_form(make_jpeg("t2", 700)))).json()["id"]
    assert (await client.get(f"/assets/{slow}/thumbnail")).status_code == 404
    assert (await client.get(f"/assets/{quick}/thumbnail")).status_code == 200
    await anyio.sleep(0.35)
    assert (await client.get(f"/assets/{slow}/thumbnail")).status_code == 200


async def test_control_endpoints_in_process(fake: FakeImmich) -> None:
    async with fake.httpx_client(base_url="http://fake-immich") as http:
        added = await http.post(
            "/_fake/faults",
            json={"rules": [{"kind": "error", "status": 504, "match": "pingServer"}], "seed": 5},
        )
        assert added.status_code == 201
        assert (await http.get("/api/server/ping")).status_code == 504
        listed = (await http.get("/_fake/faults")).json()
        assert listed["seed"] == 5 and listed["rules"][0]["fired"] == 1
        counters = (await http.get("/_fake/counters")).json()
        assert counters["requests"]["pingServer"] == 1 and counters["faults"] == {"error": 1}
        await http.post("/_fake/reset-counters")
        assert (await http.get("/_fake/counters")).json()["requests"] == {"<control>": 1}
        await http.delete("/_fake/faults")
        assert (await http.get("/_fake/faults")).json()["rules"] == []
        user = (await http.post("/_fake/users", json={"email": "z@example.com"})).json()
        assert (await http.get("/api/users/me", headers={"x-api-key": user["apiKey"]})).json()[
            "email"
        ] == "z@example.com"
        bad = await http.post("/_fake/faults", json={"kind": "explode"})
        assert bad.status_code == 400


def test_rule_validation() -> None:
    with pytest.raises(ValueError):
        FaultRule("nope")
    with pytest.raises(ValueError):
        FaultRule.from_dict({"kind": "error", "colour": "red"})
    rule = FaultRule.from_dict({"kind": "latency", "seconds": 1.5, "match": ["a", "b"]})
    assert rule.matches("b", "GET", "/x", "/x") and not rule.matches("c", "GET", "/x", "/x")


async def test_corrupt_archive(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    asset = fake.add_asset(None, make_jpeg("zipc", 3000), "zipc.jpg")
    fake.faults.corrupt(match="downloadArchive", times=1)
    body = (await client.post("/download/archive", json={"assetIds": [asset.id]})).content
    with zipfile.ZipFile(io.BytesIO(body)) as zf, pytest.raises(zipfile.BadZipFile):
        zf.read("zipc.jpg")  # CRC mismatch


# ---------------------------------------------------------------------- how often by default

#: The FaultPlan method that makes each kind of rule.
MAKERS = {
    "latency": "latency",
    "error": "fail",
    "drop_request": "drop_request",
    "drop_response": "drop_response",
    "throttle": "throttle",
    "corrupt": "corrupt",
    "etag_change": "change_etag",
    "ignore_range": "ignore_range",
    "slow_thumbnail": "slow_thumbnails",
    "capacity": "capacity",
    "hold": "hold",
}


@pytest.mark.parametrize("kind", FAULT_KINDS)
def test_a_rule_fires_as_often_however_it_is_made(kind: str) -> None:
    """Left out, ``times`` is the kind's default whether the rule comes from a FaultPlan
    method, from ``FaultRule(...)`` or from a posted dict."""
    import inspect

    assert set(MAKERS) == set(FAULT_KINDS)
    plan = FaultPlan()
    made = getattr(plan, MAKERS[kind])
    params = inspect.signature(made).parameters
    by_method = made(**{n: 1 for n, p in params.items() if p.default is inspect.Parameter.empty})
    expected = default_times(kind)
    assert by_method.times == expected
    assert FaultRule(kind).times == expected
    assert FaultRule.from_dict({"kind": kind}).times == expected
    assert expected == (1 if kind in ("error", "drop_request", "drop_response") else None)


async def test_a_posted_capacity_rule_holds_for_every_request(fake: FakeImmich) -> None:
    async with fake.httpx_client(base_url="http://fake-immich") as http:
        rule = {"kind": "capacity", "slots": 1, "seconds": 0, "match": "pingServer"}
        added = (await http.post("/_fake/faults", json=rule)).json()["rules"][0]
        assert added["times"] is None
        for _ in range(3):
            assert (await http.get("/api/server/ping")).status_code == 200
        (listed,) = (await http.get("/_fake/faults")).json()["rules"]
    assert listed["fired"] == 3 and fake.counters.faults["capacity"] == 3


async def _until(check: Callable[[], bool]) -> None:
    """Poll *check*: a fault's counter, which has no event to wait on."""
    with anyio.fail_after(30):  # a hang guard only
        while not check():  # noqa: ASYNC110
            await anyio.sleep(0.005)


async def test_a_hold_keeps_requests_waiting_until_its_rule_is_removed(
    fake: FakeImmich, client: httpx.AsyncClient
) -> None:
    rule = fake.faults.hold(match="pingServer")
    answered: list[int] = []

    async def ping() -> None:
        answered.append((await client.get("/server/ping")).status_code)

    async with anyio.create_task_group() as tg:
        tg.start_soon(ping)
        tg.start_soon(ping)
        await _until(lambda: rule.fired == 2)
        assert (await client.get("/server/version")).status_code == 200  # others pass
        assert answered == []
        fake.faults.remove(rule)
    assert answered == [200, 200] and fake.counters.faults["hold"] == 2


async def test_a_posted_hold_lets_go_when_the_plan_is_cleared(fake: FakeImmich) -> None:
    async with (
        fake.httpx_client(base_url="http://fake-immich") as http,
        anyio.create_task_group() as tg,
    ):
        added = (await http.post("/_fake/faults", json={"kind": "hold"})).json()["rules"][0]
        assert added["times"] is None
        answered: list[int] = []

        async def ping() -> None:
            answered.append((await http.get("/api/server/ping")).status_code)

        tg.start_soon(ping)
        await _until(lambda: fake.counters.faults.get("hold", 0) == 1)
        (listed,) = (await http.get("/_fake/faults")).json()["rules"]  # control: not held
        assert listed["fired"] == 1 and answered == []
        await http.delete("/_fake/faults")
    assert answered == [200]


def test_times_must_be_a_count_or_none() -> None:
    with pytest.raises(ValueError, match="times"):
        FaultRule("error", times=-2)
