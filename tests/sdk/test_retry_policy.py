"""Which policy a call retries by is set explicitly: the client's ``retry``, a view made by
``client.with_retry(policy)`` (what the transfer engines use for their config's policy), or
a raw call's ``with_retry``; never by how deeply the call is nested."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from immich_bulk import AsyncClient, RetryPolicy, ServerError
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.config import DownloadConfig


async def no_sleep(_: float) -> None:
    return None


ONCE = RetryPolicy(max_attempts=1, sleep=no_sleep)
PATIENT = RetryPolicy(max_attempts=4, sleep=no_sleep)


def counting(status_first: int, failures: int) -> tuple[list[str], httpx.MockTransport]:
    seen: list[str] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if len(seen) <= failures:
            return httpx.Response(status_first, json={"message": "busy"})
        return httpx.Response(200, json={"res": "pong"})

    return seen, httpx.MockTransport(respond)


async def test_a_view_retries_by_its_policy_and_the_client_by_its_own() -> None:
    seen, transport = counting(503, 2)
    async with AsyncClient("http://h:2283", api_key="k", transport=transport, retry=ONCE) as c:
        patient = c.with_retry(PATIENT)
        assert patient.retry_policy is PATIENT and c.retry_policy is ONCE
        assert (await patient.server.ping_server()).res == "pong"
        assert len(seen) == 3  # two 503s, then the answer
        seen.clear()
        with pytest.raises(ServerError):
            await c.server.ping_server()  # the client's own policy: one try
        assert len(seen) == 1


async def test_a_view_shares_the_connections_and_closes_with_its_client() -> None:
    _, transport = counting(503, 0)
    client = AsyncClient("http://h:2283", api_key="k", transport=transport)
    view = client.with_retry(PATIENT)
    assert view._http is client._http and view.base_url == client.base_url
    await view.aclose()  # closing a view leaves the client (and its pool) open
    assert not client.is_closed and not view.is_closed
    await view.server.ping_server()
    await client.aclose()
    assert view.is_closed
    with pytest.raises(RuntimeError, match="closed"):
        await view.server.ping_server()


async def test_a_raw_call_retries_by_the_policy_it_is_given() -> None:
    seen, transport = counting(503, 2)
    async with AsyncClient("http://h:2283", api_key="k", transport=transport, retry=PATIENT) as c:
        with pytest.raises(ServerError):
            await c.server.ping_server_without_preload_content().with_retry(ONCE)
        assert len(seen) == 1
        async with c.server.ping_server_without_preload_content() as response:
            assert response.status_code == 200  # the client's policy: retried
        assert len(seen) == 3


async def test_an_engine_retries_every_call_by_its_config(tmp_path: Path) -> None:
    """The export's first call (who am I) retried by the export's policy, not the
    client's single try."""
    async with FakeImmich() as fake:
        fake.add_asset(None, b"\xff\xd8\xff\xe0 photo", "a.jpg")
        async with fake.client(retry=ONCE) as client:
            fake.faults.fail(503, match="getMyUser", times=2)
            report = await client.download.export(
                tmp_path / "out",
                everything=True,
                state_path=None,
                config=DownloadConfig(retry=PATIENT),
            )
            assert report.ok and report.counts == {"downloaded": 1}, report.summary()
            fake.faults.fail(503, match="getMyUser", times=1)
            with pytest.raises(ServerError):
                await client.users.get_my_user()  # a plain call: the client's policy
