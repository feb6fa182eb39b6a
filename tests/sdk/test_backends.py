"""The same user code runs unchanged under anyio.run, asyncio.run and trio.run."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

import anyio
import httpx
import trio

from immich_bulk import AsyncClient


def respond(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200,
        json={
            "version": "v2.7.5",
            "versionUrl": "https://example.invalid",
            "licensed": False,
            "nodejs": "v24",
        },
    )


results: list[str] = []


async def main() -> None:
    async with AsyncClient(
        base_url="http://127.0.0.1:2283/api", api_key="k", transport=httpx.MockTransport(respond)
    ) as client:
        about = await client.server.get_about_info()
        results.append(about.version)


def test_anyio_asyncio_and_trio_run() -> None:
    results.clear()
    anyio.run(main)
    asyncio.run(main())
    trio.run(main)
    assert results == ["v2.7.5"] * 3


def test_missing_trio_fails_instead_of_skipping(tmp_path: Path) -> None:
    conftest = Path(__file__).resolve().parents[1] / "conftest.py"
    shutil.copy(conftest, tmp_path / "conftest.py")
    (tmp_path / "test_probe.py").write_text("async def test_probe():\n    pass\n")
    (tmp_path / "block_trio.py").write_text(
        "import sys\nsys.modules['trio'] = None  # as if trio were not installed\n"
    )
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import block_trio, sys, pytest; sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider',"
            " '-o', 'anyio_mode=auto', '-p', 'anyio', 'test_probe.py']))",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PYTHONPATH": str(tmp_path),
            "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
            "HYPOTHESIS_NO_PLUGINS": "1",
        },
    )
    assert run.returncode != 0, run.stdout
    assert "1 passed" in run.stdout and "1 error" in run.stdout, run.stdout
    assert "skipped" not in run.stdout
