"""Fixtures of the reliability suite: one out-of-process fake per module, a fresh user on it
per test (so tests never see each other's assets)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from immich_bulk.testing import SubprocessServer, run_fake_server_subprocess

_users = itertools.count(1)


@attrs.frozen
class User:
    email: str
    key: str = attrs.field(repr=False)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SubprocessServer]:
    with run_fake_server_subprocess(data_dir=tmp_path_factory.mktemp("fake")) as handle:
        yield handle


@pytest.fixture
def user(server: SubprocessServer, request: pytest.FixtureRequest) -> User:
    """A new user with an all-permission API key; the server's fault rules are cleared."""
    server.clear_faults()
    email = f"u{next(_users)}-{request.node.name[:40].lower()}@example.com".replace("[", "-")
    email = "".join(c if c.isalnum() or c in "@.-" else "-" for c in email)
    made = server.create_user(email)
    return User(made["email"], made["apiKey"])


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A private config and cache directory for CLI runs."""
    (tmp_path / "home").mkdir()
    return tmp_path / "home"
