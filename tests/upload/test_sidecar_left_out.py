"""A duplicate whose sidecar the server does not hold says so (upload/sidecars.py).

Immich takes a sidecar only with a new asset. A caption added or edited in ``p.jpg.xmp``
after ``p.jpg`` was uploaded, or the sidecar of a second copy of a photo whose asset was made
from a copy without one, never reaches the server: the file's outcome (and a note of the
report, and a warning) says so, instead of a bare "duplicate". Where nothing is known of the
sidecar the asset received (found on the server, no state), nothing is said.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from immich_bulk import AsyncClient
from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.config import UploadConfig
from immich_bulk.transfer.events import Notice, TransferEvent
from immich_bulk.transfer.report import Outcome, TransferReport, UploadReport
from tests.upload.helpers import WHEN, edit_in_place_keeping_mtime, xmp

NOT_ON_SERVER = "its sidecar {name} is not on the server: the asset{made} was uploaded {sent}, \
and Immich takes one only with a new asset"
NOTE = (
    "{n} duplicates have a sidecar the server does not hold (Immich takes a sidecar only "
    "with a new asset): their outcomes say which"
)


def photo(path: Path, seed: int) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = jpeg_bytes(seed, WHEN, 20_000)
    path.write_bytes(data)
    return data


def by_name(report: TransferReport) -> dict[str, Outcome]:
    return {str(Path(o.item).relative_to(Path(o.item).parents[1])): o for o in report.outcomes()}


async def upload(
    client: AsyncClient, root: Path, state: Path | None, warnings: list[str] | None = None
) -> UploadReport:
    def listener(event: TransferEvent) -> None:
        if warnings is not None and isinstance(event, Notice) and event.level == "warning":
            warnings.append(event.message)

    return await client.assets.upload(
        root,
        state_path=state,
        config=UploadConfig(concurrency=2, hash_workers=1),
        on_event=listener,
    )


@pytest.mark.parametrize("change", ["added", "edited", "edited-keeping-mtime"])
async def test_a_sidecar_added_or_edited_after_the_upload_is_named(
    tmp_path: Path, change: str
) -> None:
    lib = tmp_path / "lib"
    photo(lib / "p.jpg", 1)
    photo(lib / "q.jpg", 2)
    (lib / "q.xmp").write_bytes(xmp("unchanged"))
    sidecar = lib / "p.jpg.xmp"
    if change != "added":
        sidecar.write_bytes(xmp("the first caption"))
    state = tmp_path / "state.sqlite3"
    async with FakeImmich() as fake, fake.client() as client:
        first = await upload(client, lib, state)
        assert first.count("uploaded") == 2 and first.notes == ()
        if change == "edited-keeping-mtime":  # the hash cache must not answer for it
            edit_in_place_keeping_mtime(sidecar, xmp("the other caption"))
        else:
            sidecar.write_bytes(xmp("a caption written after the upload"))
        warnings: list[str] = []
        again = await upload(client, lib, state, warnings)
        # without the state file, nothing is known of what the asset received
        unknown = await upload(client, lib, None)
        assert len(fake.assets()) == 2
    sent = "without a sidecar" if change == "added" else "with another sidecar"
    said = NOT_ON_SERVER.format(name="p.jpg.xmp", made="", sent=sent)
    outcomes = by_name(again)
    assert outcomes["lib/p.jpg"].status == "duplicate"
    assert outcomes["lib/p.jpg"].reason == f"already uploaded (journal); {said}"
    assert outcomes["lib/q.jpg"].reason == "already uploaded (journal)"  # its own sidecar
    assert again.ok and again.notes == (NOTE.format(n=1),)
    assert warnings == [f"{lib / 'p.jpg'}: {said}"]
    assert unknown.notes == ()
    assert {o.reason for o in unknown.outcomes()} == {"the server already has it"}


@pytest.mark.parametrize("batch", [1, 1000], ids=["checked-apart", "checked-together"])
async def test_a_copy_whose_sidecar_did_not_go_up_with_the_asset_is_named(
    tmp_path: Path, batch: int
) -> None:
    """Two copies of one photo in one run: one asset is made from the first found (one
    hashing thread: the scan's order), and the second copy's sidecar stays behind. Checked
    with the first (one batch), the second copy waits for it; checked after its upload (one
    file per batch, or a batch sent early), the journal tells what that upload sent, looked
    up first or once the server's check found the asset."""
    lib = tmp_path / "lib"
    data = photo(lib / "a" / "p.jpg", 3)
    photo(lib / "b" / "p.jpg", 3)
    (lib / "b" / "p.jpg.xmp").write_bytes(xmp("only on the second copy"))
    photo(lib / "c" / "p.jpg", 3)  # a third copy, without a sidecar: nothing to say
    config = UploadConfig(concurrency=2, hash_workers=1, check_batch_size=batch)
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.upload(
            lib, state_path=tmp_path / "state.sqlite3", config=config
        )
        (asset,) = fake.assets()
        assert asset.checksum_hex == hashlib.sha1(data).hexdigest()
        assert asset.sidecar_file is None
    outcomes = by_name(report)
    assert outcomes["a/p.jpg"].status == "uploaded"
    assert outcomes["b/p.jpg"].status == outcomes["c/p.jpg"].status == "duplicate"
    waited = f"same content as {lib / 'a' / 'p.jpg'}"
    said = NOT_ON_SERVER.format(
        name="p.jpg.xmp", made=f" (made from {lib / 'a' / 'p.jpg'})", sent="without a sidecar"
    )
    checked = NOT_ON_SERVER.format(name="p.jpg.xmp", made="", sent="without a sidecar")
    assert outcomes["b/p.jpg"].reason in (
        f"{waited}; {said}",
        f"already uploaded (journal); {checked}",
        f"the server already has it; {checked}",
    )
    assert outcomes["c/p.jpg"].reason in (
        waited,
        "already uploaded (journal)",
        "the server already has it",
    )
    assert report.notes == (NOTE.format(n=1),)


async def test_copies_with_the_same_sidecar_say_nothing(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    for folder in ("a", "b"):
        photo(lib / folder / "p.jpg", 4)
        (lib / folder / "p.xmp").write_bytes(xmp("the same caption"))
    async with FakeImmich() as fake, fake.client() as client:
        report = await upload(client, lib, tmp_path / "state.sqlite3")
        again = await upload(client, lib, tmp_path / "state.sqlite3")
        assert len(fake.assets()) == 1
    assert report.count("uploaded") == 1 and report.count("duplicate") == 1
    assert report.notes == () and again.notes == ()
    assert {o.reason for o in again.outcomes()} == {"already uploaded (journal)"}
