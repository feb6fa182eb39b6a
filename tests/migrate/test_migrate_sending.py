"""The migration sends through the one upload sender (transfer/sending.py), whose retry
loop is the only one: a fault costs at most the policy's tries, never tries times tries."""

from __future__ import annotations

from immich_bulk.samples import jpeg_bytes
from immich_bulk.transfer.events import ItemRetrying, TransferEvent
from immich_bulk.transfer.migrate.engine import migrate
from tests.migrate.helpers import FAST, WHEN, servers


async def test_a_source_that_keeps_failing_is_tried_as_often_as_the_policy_says() -> None:
    async with servers() as (src, tgt):
        src.fake.add_asset(src.user, jpeg_bytes(1, WHEN), "a.jpg")
        src.fake.faults.fail(503, match="downloadAsset", times=None)
        report = await migrate(src.client, tgt.client, state_path=None, config=FAST)
        assert report.failed == 1 and not report.ok
        # the download's own retries, once (the old second loop around them made it 6 x 6)
        assert src.fake.counters.requests_to("downloadAsset") == FAST.retry.max_attempts
        assert tgt.fake.counters.requests_to("uploadAsset") == 0


async def test_an_upload_that_keeps_failing_is_tried_as_often_as_the_policy_says() -> None:
    async with servers() as (src, tgt):
        src.fake.add_asset(src.user, jpeg_bytes(1, WHEN), "a.jpg")
        tgt.fake.faults.fail(503, match="uploadAsset", times=None)
        events: list[TransferEvent] = []
        report = await migrate(
            src.client, tgt.client, state_path=None, config=FAST, on_event=events.append
        )
        assert report.failed == 1 and not report.ok
        tries = FAST.retry.max_attempts
        assert tgt.fake.counters.requests_to("uploadAsset") == tries
        # each try downloads the original again: the first, then once per retry
        assert src.fake.counters.requests_to("downloadAsset") == tries
        (failure,) = report.failures
        assert failure.retries == tries - 1
        assert sum(isinstance(e, ItemRetrying) for e in events) == tries - 1
