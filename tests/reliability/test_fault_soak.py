"""Fault soak: 2,000 files up to an out-of-process fake and back down again, through random
faults on every route, with exact accounting of every fault the server injected.

The fake (``python -m immich_bulk.testing`` in a subprocess, real sockets) gets one seeded
fault plan matching every API request: 5xx and 429 + ``Retry-After`` answers, connections
dropped in the middle of the request body and of the response body, latency spikes and
throttled bandwidth. Then:

* **upload** -- every local file has exactly one outcome, the server ends with exactly one
  asset per distinct checksum and stored each one once;
* **export** -- every asset is downloaded, and every file written hashes to the original;
* **accounting** -- each injected error or dropped connection costs exactly one retry, and
  nothing else does (see :func:`_check_accounting`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from immich_bulk import AsyncClient, RetryEvent, RetryPolicy
from immich_bulk.testing import run_fake_server_subprocess
from immich_bulk.transfer.config import DownloadConfig, UploadConfig
from immich_bulk.transfer.events import ItemRetrying, TransferEvent
from tests.reliability.helpers import (
    final_files,
    fired_per_rule,
    leftovers,
    make_library,
    minus,
)

UNIQUE = 1_960
COPIES = 40  # second copies of some photos under other names: 2,000 files in all
SEED = 90_210
P = 0.008  # per rule and request: about 3% of the requests fail and are retried

#: The fault plan. Decisive rules (only the first that fires acts on a request) first.
RULES: list[dict[str, Any]] = [
    {"kind": "error", "status": 503, "times": None, "probability": P},
    {"kind": "error", "status": 502, "times": None, "probability": P / 2},
    {"kind": "error", "status": 429, "retry_after": 1, "times": None, "probability": P},
    # uploads are 1-12 KB: most are cut mid-body, small requests (JSON, GET) at their end
    {"kind": "drop_request", "after_bytes": 2_500, "times": None, "probability": P},
    # downloads are cut mid-body (JSON answers: before their last byte)
    {"kind": "drop_response", "after_bytes": 1_500, "times": None, "probability": P},
    {"kind": "latency", "seconds": 0.02, "jitter": 0.1, "times": None, "probability": 0.01},
    {
        "kind": "throttle",
        "bytes_per_second": 500_000,
        "direction": "both",
        "times": None,
        "probability": 0.02,
    },
]
ERROR_STATUS = {0: "503", 1: "502", 2: "429"}  # rule index -> the retry reason it causes
DROPS = (3, 4)


async def _no_wait(_: float) -> None:
    return None


#: High enough that the seed never exhausts it (P(12 failures in a row) ~ 1e-18); no real
#: waiting: the delay each retry *would* wait is still computed and checked.
POLICY = RetryPolicy(
    max_attempts=12,
    backoff_base=0.0,
    retry_statuses=frozenset({429, 500, 502, 503, 504}),
    sleep=_no_wait,
)


def _check_accounting(
    fired: Sequence[int], reasons: Sequence[str], delays: Sequence[float]
) -> None:
    """What the fake injected in one phase against what the client retried.

    ``fired``: how often each rule fired (from the fake's own counters). ``reasons`` /
    ``delays``: one entry per retry the client made (HTTP-level retries reported to
    ``AsyncClient(on_retry=...)``, plus the download engine's own retries, which resume a
    dropped body with a Range request and are counted per asset in the export report).

    The invariant is exact because each decisive fault ends exactly one try of one request
    -- an injected status is answered instead of the real one, a dropped connection ends
    the try with a transport error (or, for a request dropped before the server answered,
    a truncated 500) -- and the client retries every such try exactly once, while latency
    and throttling slow requests down without failing them. So:

    * retries because of 503 / 502 / 429 == what the matching error rule fired;
    * the other retries (transport errors, truncated 500s) == dropped requests + responses;
    * a 429 waited exactly its ``Retry-After: 1``, everything else 0 (``backoff_base=0``).
    """
    by_reason = Counter(reasons)
    for rule, status in ERROR_STATUS.items():
        assert by_reason.pop(status, 0) == fired[rule], (status, fired, reasons)
    drops = sum(fired[i] for i in DROPS)
    assert sum(by_reason.values()) == drops, (by_reason, fired)
    assert all(r == "500" or r.endswith("Error") for r in by_reason), by_reason
    assert len(reasons) == sum(fired[i] for i in ERROR_STATUS) + drops
    for reason, delay in zip(reasons, delays, strict=True):
        assert delay == (1.0 if reason == "429" else 0.0), (reason, delay)
    # every kind of fault happened in this phase (the soak exercises them all)
    assert all(n > 0 for n in fired), fired


async def test_two_thousand_files_up_and_down_through_random_faults(
    tmp_path: Path, anyio_backend: str
) -> None:
    files = make_library(tmp_path / "lib", UNIQUE, copies=COPIES, seed=7)
    assert len(files) == UNIQUE + COPIES
    distinct = set(files.values())
    assert len(distinct) == UNIQUE
    state = tmp_path / "state.sqlite3"
    http_retries: list[RetryEvent] = []
    export_retries: list[ItemRetrying] = []

    def on_export_event(event: TransferEvent) -> None:
        if isinstance(event, ItemRetrying):
            export_retries.append(event)

    # the fake runs on the same backend as the client
    with run_fake_server_subprocess(data_dir=tmp_path / "server", backend=anyio_backend) as srv:
        async with AsyncClient(
            srv.url, api_key=srv.api_key, retry=POLICY, on_retry=http_retries.append
        ) as client:
            await client.server.ping_server()
            srv.add_faults(RULES, seed=SEED)

            # ---------------------------------------------------------------- upload
            upload_config = UploadConfig(retry=POLICY, hash_workers=2)
            report = await client.assets.upload(
                tmp_path / "lib", state_path=state, config=upload_config
            )
            fired_up = fired_per_rule(srv)
            counters_up = srv.counters()
            up_retries = list(http_retries)

            # ---------------------------------------------------------------- export
            download_config = DownloadConfig(retry=POLICY, fsync=False)
            exported = await client.download.export(
                tmp_path / "out",
                everything=True,
                state_path=state,
                config=download_config,
                on_event=on_export_event,
            )
            fired_down = minus(fired_per_rule(srv), fired_up)
            srv.clear_faults()
            assets = srv.assets()

    # -- upload: one outcome per file, exactly one asset per distinct checksum ----------
    assert report.ok and not report.interrupted, report.failures[:5]
    outcomes = list(report.outcomes())
    assert report.total == len(outcomes) == len(files)
    assert {o.item: o.checksum for o in outcomes} == {str(p): h for p, h in files.items()}
    assert report.count("uploaded") + report.count("duplicate") == len(files)
    assert sorted(a["checksum"] for a in assets) == sorted(distinct)
    assert counters_up["uploadsStored"] == UNIQUE  # each distinct photo stored once
    by_id = {a["id"]: a["checksum"] for a in assets}
    assert all(by_id[o.asset_id] == o.checksum for o in outcomes if o.asset_id)
    # a duplicate is a second copy, or an upload whose answer was dropped (then retried)
    assert COPIES <= report.count("duplicate") <= COPIES + fired_up[DROPS[1]]

    # -- upload accounting ---------------------------------------------------------------
    upload_retries = [e for e in up_retries if e.op_id == "uploadAsset"]
    assert report.retries == sum(o.retries for o in outcomes) == len(upload_retries)
    _check_accounting(fired_up, [e.reason for e in up_retries], [e.delay for e in up_retries])

    # -- export: every asset downloaded and verified against the originals -------------------
    assert exported.ok, exported.failures[:5]
    assert exported.count("downloaded") == exported.total == UNIQUE
    written = final_files(tmp_path / "out")
    assert sorted(written.values()) == sorted(distinct)  # every file is an original, once
    assert leftovers(tmp_path / "out") == []
    assert exported.restarts == 0  # a drop resumes; nothing started over

    # -- export accounting: HTTP retries (the search) + the download engine's retries -------
    down_http = http_retries[len(up_retries) :]
    assert all(e.op_id != "downloadAsset" for e in down_http)  # downloads retry themselves
    export_outcome_retries = sum(o.retries for o in exported.outcomes())
    assert exported.retries == export_outcome_retries == len(export_retries)
    _check_accounting(
        fired_down,
        [e.reason for e in down_http] + [e.reason for e in export_retries],
        [e.delay for e in down_http] + [e.delay for e in export_retries],
    )
