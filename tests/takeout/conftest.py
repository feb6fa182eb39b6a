"""Fixtures: the generated Takeout of every notes case, written and indexed once per
layout (zip parts, tgz parts, one extracted folder)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from .generator import Layout, Manifest, build_cases, write_takeout
from .snapshot import Snapshot, index_sync, snapshot


@attrs.frozen
class Indexed:
    layout: Layout
    root: Path
    inputs: list[Path]
    index_path: Path
    manifest: Manifest
    snap: Snapshot


@pytest.fixture(scope="session")
def manifest() -> Manifest:
    return build_cases()


@pytest.fixture(scope="session", params=["zip", "tgz", "dir"])
def indexed(
    request: pytest.FixtureRequest, manifest: Manifest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Indexed]:
    layout: Layout = request.param
    root = tmp_path_factory.mktemp(f"takeout-{layout}")
    inputs = write_takeout(root / "parts", manifest, layout)
    index_path = root / "index.sqlite3"
    conn, statuses = index_sync(index_path, inputs)
    try:
        yield Indexed(layout, root, inputs, index_path, manifest, snapshot(conn, statuses))
    finally:
        conn.close()
