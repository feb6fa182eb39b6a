"""Fixtures for end-to-end CLI tests: a fake server in a subprocess, and a CLI runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from immich_bulk.testing import SubprocessServer, run_fake_server_subprocess

ROOT = Path(__file__).resolve().parents[2]


@attrs.frozen
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


class Cli:
    """Runs `python -m immich_bulk ...` against a server, with a private config dir."""

    def __init__(self, server: SubprocessServer, home: Path) -> None:
        self.server = server
        self.env = {
            **os.environ,
            "IMMICH_INSTANCE_URL": server.url,
            "IMMICH_API_KEY": server.api_key,
            "IMMICH_BULK_CONFIG_DIR": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "PYTHONPATH": str(ROOT),
        }
        self.env.pop("COLUMNS", None)

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "immich_bulk", *args]

    def run(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        timeout: float = 120,
        stdin: str | None = None,
    ) -> Result:
        done = subprocess.run(
            self.command(*args),
            capture_output=True,
            text=True,
            env={**self.env, **(env or {})},
            timeout=timeout,
            cwd=ROOT,
            input=stdin,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def start(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(
            self.command(*args),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**self.env, **(env or {})},
            cwd=ROOT,
        )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SubprocessServer]:
    with run_fake_server_subprocess(data_dir=tmp_path_factory.mktemp("server")) as handle:
        yield handle


@pytest.fixture
def cli(server: SubprocessServer, tmp_path: Path) -> Cli:
    server.clear_faults()
    return Cli(server, tmp_path)
