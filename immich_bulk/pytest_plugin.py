"""pytest fixtures for testing code that talks to Immich, on an in-process FakeImmich.

Installed with the package (a ``pytest11`` entry point), so a test only names them::

    async def test_backup(fake_immich, immich_client, tmp_path):
        fake_immich.faults.fail(503, match="uploadAsset", times=2)
        await my_backup(immich_client, tmp_path)
        assert len(fake_immich.assets()) == 3

- ``fake_immich``: a fresh :class:`~immich_bulk.testing.FakeImmich` for each test;
- ``immich_client``: an :class:`~immich_bulk.AsyncClient` bound to it (in-process, no sockets);
- ``fake_immich_server``: the fake on a loopback port in a thread, for code that opens its
  own connections (``.url``, ``.api_key``, ``.fake``).

``@pytest.mark.fake_immich(seed=1, initialized=False, ...)`` passes arguments to the
``FakeImmich`` of a test. The async fixtures run through anyio's pytest plugin: an async
test that uses them runs on each backend the ``anyio_backend`` fixture names (define it in
``conftest.py`` to choose). Nothing here is imported until a fixture is used, so the
plugin costs a pytest run that does not use it next to nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .client import AsyncClient
    from .testing import FakeImmich, ThreadServer

__all__ = ["fake_immich", "fake_immich_server", "immich_client"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "fake_immich(**kwargs): arguments of the FakeImmich that the fake_immich and "
        "fake_immich_server fixtures make (data_dir, initialized, api_key, seed, "
        "thumbnail_delay)",
    )


def _fake_kwargs(request: pytest.FixtureRequest) -> dict[str, Any]:
    marker = request.node.get_closest_marker("fake_immich")
    if marker is None:
        return {}
    if marker.args:
        raise TypeError("@pytest.mark.fake_immich takes keyword arguments only")
    return dict(marker.kwargs)


@pytest.fixture
async def fake_immich(
    request: pytest.FixtureRequest, anyio_backend: object
) -> AsyncIterator[FakeImmich]:
    """A fresh in-memory Immich server: an admin and an all-permission key
    (``fake_immich.api_key``), faults in ``.faults``, counters in ``.counters``."""
    from .testing import FakeImmich

    async with FakeImmich(**_fake_kwargs(request)) as fake:
        yield fake


@pytest.fixture
async def immich_client(fake_immich: FakeImmich) -> AsyncIterator[AsyncClient]:
    """An ``AsyncClient`` with the admin's key, talking to ``fake_immich`` in-process."""
    async with fake_immich.client() as client:
        yield client


@pytest.fixture
def fake_immich_server(request: pytest.FixtureRequest) -> Iterator[ThreadServer]:
    """A FakeImmich served over real sockets on 127.0.0.1 (a thread with its own event
    loop): ``.url`` (``http://127.0.0.1:PORT/api``), ``.api_key``, ``.fake``."""
    from .testing import run_fake_server_in_thread

    with run_fake_server_in_thread(**_fake_kwargs(request)) as server:
        yield server
