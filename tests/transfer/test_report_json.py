"""A report's JSON (``report.to_dict()``, what ``--json`` and ``--events`` print) is pinned
byte for byte: a fixed run of each engine on the fake gives the text in ``golden/``, with
what differs from run to run (durations, ids, the temporary folder) normalized. A change
of the report's types must not change a byte of what scripts read."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from immich_bulk.samples import write_sample_library
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.config import UploadConfig
from immich_bulk.transfer.download.export import ExportOptions, export
from immich_bulk.transfer.migrate.engine import migrate
from immich_bulk.transfer.report import (
    AlbumTotals,
    Outcome,
    Status,
    TransferReport,
    UploadReport,
)
from immich_bulk.transfer.upload.engine import UploadOptions, upload
from tests.migrate.helpers import FAST, build_library, servers

GOLDEN = Path(__file__).parent / "golden"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _fixed(value: Any, tmp: str) -> Any:
    if isinstance(value, str):
        return _UUID.sub("<uuid>", value.replace(tmp, "<tmp>"))
    if isinstance(value, list):
        return [_fixed(v, tmp) for v in value]
    if isinstance(value, dict):
        return {k: _fixed(v, tmp) for k, v in value.items()}
    return value


def normalized(report: TransferReport, tmp: Path) -> str:
    """The report's JSON text, keys in their order, with durations zeroed, ids and the
    temporary folder replaced, and the outcomes (which finish in any order) sorted."""
    data = _fixed(report.to_dict(), str(tmp))
    data["seconds"] = 0
    data["stage_seconds"] = dict.fromkeys(data["stage_seconds"], 0)
    if "hash" in data:
        data["hash"]["seconds"] = 0
    if "rate_limit" in data:
        data["rate_limit"]["waited_seconds"] = 0
    data["outcomes"].sort(key=json.dumps)
    return json.dumps(data, indent=1) + "\n"


def check(name: str, text: str) -> None:
    assert text == (GOLDEN / f"report_{name}.json").read_text()


async def test_an_upload_report_is_unchanged(tmp_path: Path) -> None:
    library = write_sample_library(tmp_path / "lib", photos=4, folders=2)  # + copy, sidecars
    config = UploadConfig(  # one hash worker: which copy of a file leads is fixed
        adaptive=True,
        adapt_window_seconds=60,
        max_bytes_per_second=10**9,
        concurrency=2,
        hash_workers=1,
    )
    options = UploadOptions(album="Golden", pause_jobs=True)
    async with FakeImmich() as fake, fake.client() as client:
        report = await upload(client, library.root, options=options, config=config, state_path=None)
    check("upload", normalized(report, tmp_path))


async def test_an_export_report_is_unchanged(tmp_path: Path) -> None:
    library = write_sample_library(tmp_path / "lib", photos=4, folders=2, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        for path in sorted(library.root.rglob("*.jpg")):
            fake.add_asset(None, path.read_bytes(), path.name)
        state = tmp_path / "state.sqlite3"
        await export(
            client, tmp_path / "out", options=ExportOptions(everything=True), state_path=state
        )
        moved = ExportOptions(everything=True, layout="{yyyy}/{filename}")
        report = await export(client, tmp_path / "out", options=moved, state_path=state)
    check("export", normalized(report, tmp_path))


async def test_a_migrate_report_is_unchanged(tmp_path: Path) -> None:
    async with servers() as (src, tgt):
        await build_library(src)
        report = await migrate(src.client, tgt.client, state_path=None, config=FAST)
    check("migrate", normalized(report, tmp_path))


def test_a_status_is_its_string_and_an_unknown_one_is_refused() -> None:
    outcome = Outcome(item="a.jpg", status="uploaded")
    assert outcome.status == "uploaded"  # what scripts compared it with
    assert outcome.status is Status.UPLOADED
    assert Outcome(item="b.jpg", status=Status.WOULD_MOVE).ok
    assert json.dumps(outcome.to_dict()) == '{"item": "a.jpg", "status": "uploaded"}'
    assert Outcome.from_dict(outcome.to_dict()) == outcome
    with pytest.raises(ValueError, match="uploadd"):
        Outcome(item="c.jpg", status="uploadd")  # a typo fails at once, not in a report


async def test_typed_figures_and_the_old_extra_mapping_agree(tmp_path: Path) -> None:
    library = write_sample_library(tmp_path / "lib", photos=2, folders=1, extras=False)
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.upload(library.root, album="A", state_path=None)
    assert isinstance(report, UploadReport)
    assert report.hash.files_hashed == 2 and report.albums == AlbumTotals(created=1, added=2)
    assert report.concurrency is None and report.rate_limit is None
    assert report.paused_jobs is None
    assert report.extra == report.details() == {k: report.to_dict()[k] for k in ("hash", "albums")}
    assert list(report.counts) == ["uploaded"] and type(next(iter(report.counts))) is str
