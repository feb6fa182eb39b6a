"""Every engine's ``run()`` closes its event hub: ``async for event in
engine.hub.subscribe()`` ends when the run returns or raises, without the caller closing it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import pytest

from immich_bulk.errors import ImmichError
from immich_bulk.samples import write_sample_library
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer._engine import Engine
from immich_bulk.transfer.download.export import Exporter, ExportOptions
from immich_bulk.transfer.events import TransferEvent
from immich_bulk.transfer.migrate.engine import Migrator
from immich_bulk.transfer.state import StateStore
from immich_bulk.transfer.upload.engine import Uploader
from tests.migrate.helpers import build_library, servers

#: A hang guard only: without the hub closed the consumer waits forever.
HANG_GUARD = 60


@asynccontextmanager
async def engine_of(kind: str, tmp_path: Path, *, broken: bool) -> AsyncIterator[Engine[Any]]:
    """An engine of *kind* on a fresh fake; *broken*: its first server call fails."""
    async with StateStore.open(None) as store:
        if kind == "migrate":
            async with servers() as (src, tgt):
                await build_library(src)
                if broken:
                    src.fake.faults.fail(400, match="getMyUser", times=1, message="nope")
                yield Migrator(src.client, tgt.client, store=store)
            return
        async with FakeImmich() as fake, fake.client() as client:
            if kind == "upload":
                lib = write_sample_library(tmp_path / "lib", photos=3, extras=False)
                if broken:
                    fake.faults.fail(400, match="getSupportedMediaTypes", times=1, message="nope")
                yield Uploader(client, lib.root, store=store)
            else:
                write_sample_library(tmp_path / "lib", photos=3, extras=False)
                for path in sorted((tmp_path / "lib").rglob("*.jpg")):
                    fake.add_asset(None, path.read_bytes(), path.name)
                if broken:
                    fake.faults.fail(400, match="getMyUser", times=1, message="nope")
                yield Exporter(
                    client, tmp_path / "out", options=ExportOptions(everything=True), store=store
                )


async def consume_while(
    run: Callable[[], object], events: AsyncIterator[TransferEvent]
) -> list[str]:
    kinds: list[str] = []

    async def consume() -> None:
        async for event in events:
            kinds.append(event.kind)

    with anyio.fail_after(HANG_GUARD):
        async with anyio.create_task_group() as tg:
            tg.start_soon(consume)
            await run()  # type: ignore[misc]
    return kinds


@pytest.mark.parametrize("kind", ["upload", "export", "migrate"])
async def test_a_subscription_ends_when_the_run_returns(tmp_path: Path, kind: str) -> None:
    async with engine_of(kind, tmp_path, broken=False) as engine:
        events = engine.hub.subscribe()
        kinds = await consume_while(engine.run, events)
    assert kinds[-1] == "stage-done"
    assert "done" in kinds


@pytest.mark.parametrize("kind", ["upload", "export", "migrate"])
async def test_a_subscription_ends_when_the_run_raises(tmp_path: Path, kind: str) -> None:
    async with engine_of(kind, tmp_path, broken=True) as engine:
        events = engine.hub.subscribe()
        with pytest.raises(ImmichError, match="nope"):
            await engine.run()
        with anyio.fail_after(HANG_GUARD):
            kinds = [event.kind async for event in events]
    assert "done" not in kinds
