"""Shared test configuration.

Every async test runs under asyncio and trio. anyio's own ``anyio_backend`` fixture
quietly drops trio when it is not importable; this one fails the run instead.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("dev", max_examples=10, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(params=["asyncio", "trio"], scope="session")
def anyio_backend(request: pytest.FixtureRequest) -> str:
    backend: str = request.param
    if backend == "trio":
        import trio  # noqa: F401  (a missing trio must fail, not skip)
    return backend
