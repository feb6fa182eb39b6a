"""A server going away slowly (``docker stop``: it keeps accepting connections for a while
and closes each one without answering) stops the run as unreachable after a few dropped
uploads in a row, instead of failing every remaining file one by one; a re-run against the
healthy server uploads the rest, exactly once.

The fake runs in process: a dropped connection reaches the client as an
``httpx.RemoteProtocolError`` before any answer, as it does from a server shutting down.
"""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest

from immich_bulk import RetryPolicy
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer._engine import DROPPED_IN_A_ROW
from immich_bulk.transfer.config import UploadConfig
from immich_bulk.transfer.events import ItemQueued, TransferEvent
from immich_bulk.transfer.upload.engine import upload
from tests.reliability.helpers import make_library

#: A guard against hangs only.
GUARD = 120


async def no_sleep(_: float) -> None:
    return None


@pytest.mark.parametrize("served", [0, 10])
async def test_uploads_dropped_without_an_answer_stop_the_run_as_unreachable(
    tmp_path: Path, served: int
) -> None:
    """*served*: the uploads answered before the server starts going away."""
    files = make_library(tmp_path / "lib", 60, seed=81)
    policy = RetryPolicy(max_attempts=3, backoff_base=0.0, sleep=no_sleep)
    config = UploadConfig(retry=policy, concurrency=4)
    state = tmp_path / "state.db"
    async with FakeImmich() as fake, fake.client() as client:
        rule = fake.faults.drop_request(match="uploadAsset", skip=served, times=None)
        found: list[str] = []

        def listener(event: TransferEvent) -> None:
            if isinstance(event, ItemQueued):
                found.append(event.item)

        with anyio.fail_after(GUARD):
            first = await upload(
                client, tmp_path / "lib", config=config, state_path=state, on_event=listener
            )
        assert first.stopped == "unreachable" and first.interrupted and not first.ok
        closed = f"closed the connections of {DROPPED_IN_A_ROW} requests in a row"
        assert closed in (first.stop_reason or "")
        assert first.count("uploaded") == served == len(fake.assets())
        # the failures that stopped it, and at most the other uploads in flight besides;
        # after answered uploads, each of those in flight when the drops began may still
        # succeed and reset the count (a done item: the server was answering)
        most = DROPPED_IN_A_ROW + config.concurrency - 1
        if served:
            most = DROPPED_IN_A_ROW * config.concurrency
        assert DROPPED_IN_A_ROW <= first.failed <= most
        # every file found has its one outcome; those not sent are there to resume
        assert sorted(o.item for o in first.outcomes()) == sorted(found)
        assert first.count("interrupted") == len(found) - served - first.failed

        fake.faults.remove(rule)
        with anyio.fail_after(GUARD):
            again = await upload(client, tmp_path / "lib", config=config, state_path=state)
        assert again.ok and again.stopped is None
        assert again.count("uploaded") == len(files) - served
        assert again.count("duplicate") == served  # the journal knew them
        assert sorted(a.checksum_hex for a in fake.assets()) == sorted(files.values())
