"""The end-to-end suite: the SDK and the engines against a real Immich server.

Configured by environment (docs/testing.md):

- ``IMMICH_E2E_URL``: the server's API URL, e.g. ``http://127.0.0.1:2283/api``;
- ``IMMICH_E2E_KEY_FILE``: a file holding an admin API key (read after the reset);
- ``IMMICH_E2E_RESET`` (optional): a shell command that resets the server to a fresh admin and
  key, run once at the start of the session.

Without ``IMMICH_E2E_URL`` every test here is skipped, with one line in the header saying so.
Each test works as a new user of its own (created through the admin key), so the tests do not
see each other's assets and the server is reset only once per session.
"""

from __future__ import annotations

import os
import secrets
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest

from immich_bulk import AsyncClient

from .real import RealServer, RealUser, create_user

HERE = Path(__file__).parent
ENV_URL = "IMMICH_E2E_URL"
ENV_KEY_FILE = "IMMICH_E2E_KEY_FILE"
ENV_RESET = "IMMICH_E2E_RESET"


def _skip_reason() -> str | None:
    if not os.environ.get(ENV_URL):
        return f"no real Immich server configured (set {ENV_URL} and {ENV_KEY_FILE})"
    if not os.environ.get(ENV_KEY_FILE):
        return f"{ENV_URL} is set but {ENV_KEY_FILE} is not"
    return None


def pytest_report_header(config: pytest.Config) -> str:
    reason = _skip_reason()
    if reason is not None:
        return f"e2e: skipped: {reason}; see docs/testing.md"
    return f"e2e: against {os.environ[ENV_URL]}"


_SKIPPED = pytest.StashKey[int]()


# tryfirst: pytest-xdist reads the ``xdist_group`` marks in its own hook of this name, so
# they must be on the items before it runs.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = _skip_reason()
    skipped = 0
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)
            # One real server, one user per test, one reset per session: under
            # ``-n N --dist loadgroup`` all of them run in one worker, in order, while the
            # other workers run the rest of the suite.
            item.add_marker(pytest.mark.xdist_group("e2e"))
            if reason is not None:
                item.add_marker(pytest.mark.skip(reason=reason))
                skipped += 1
    config.stash[_SKIPPED] = skipped


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    skipped = config.stash.get(_SKIPPED, 0)
    if skipped:
        terminalreporter.write_line(
            f"e2e: {skipped} tests skipped: {_skip_reason()}; see docs/testing.md"
        )


@pytest.fixture(scope="session")
def real_server() -> RealServer:
    """The configured server, reset once per session when a reset command is given."""
    reset = os.environ.get(ENV_RESET)
    if reset:
        done = subprocess.run(reset, shell=True, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.fail(f"{ENV_RESET} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    url = os.environ[ENV_URL].rstrip("/")
    key = Path(os.environ[ENV_KEY_FILE]).read_text().strip()
    answer = httpx.get(f"{url}/server/version", timeout=30)
    answer.raise_for_status()
    version = answer.json()
    return RealServer(
        url=url,
        admin_key=key,
        version=f"{version['major']}.{version['minor']}.{version['patch']}",
    )


@pytest.fixture
async def admin(real_server: RealServer) -> AsyncIterator[AsyncClient]:
    """A client with the admin key."""
    async with AsyncClient(real_server.url, api_key=real_server.admin_key) as client:
        yield client


@pytest.fixture
async def user(real_server: RealServer, admin: AsyncClient) -> RealUser:
    """A new user of the server, with an API key holding every permission."""
    return await create_user(real_server, admin, name=f"e2e-{secrets.token_hex(4)}")


@pytest.fixture
async def client(user: RealUser) -> AsyncIterator[AsyncClient]:
    """A client of the new user."""
    async with user.client() as client:
        yield client


@pytest.fixture
async def other_user(real_server: RealServer, admin: AsyncClient) -> RealUser:
    """A second new user (the target of a migration, a stranger for permission checks)."""
    return await create_user(real_server, admin, name=f"e2e-other-{secrets.token_hex(4)}")


@pytest.fixture
async def admin_user(real_server: RealServer, admin: AsyncClient) -> RealUser:
    """A new admin (pausing the server's job queues takes one), with assets of its own."""
    return await create_user(
        real_server, admin, name=f"e2e-admin-{secrets.token_hex(4)}", is_admin=True
    )


__all__ = ["RealServer", "RealUser", "attrs"]
