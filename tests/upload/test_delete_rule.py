"""``delete=True`` never loses anything (immich_bulk/transfer/deletion.py), against the fake.

A local file is removed only when the server holds, not trashed, an asset whose checksum
equals the SHA-1 of the file's bytes as they are at the moment of deletion, together with
every sidecar that belongs to it and was uploaded with it; a sidecar shared by several media
files goes with the last of them.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from immich_bulk import AsyncClient
from immich_bulk.models import AssetBulkDeleteDto
from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.config import UploadConfig
from immich_bulk.transfer.events import ItemDone, TransferEvent
from immich_bulk.transfer.report import Outcome, TransferReport, UploadReport
from immich_bulk.transfer.state import FileIdentity, StateStore
from tests.upload.helpers import WHEN, edit_in_place_keeping_mtime, server_checksums, xmp


def photo(path: Path, seed: int, size: int = 20_000) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = jpeg_bytes(seed, WHEN, size)
    path.write_bytes(data)
    return data


def only(report: TransferReport, name: str) -> Outcome:
    (found,) = [o for o in report.outcomes() if Path(o.item).name == name]
    return found


def sidecar_on_server(fake: FakeImmich, data: bytes) -> bytes | None:
    asset = fake.asset_by_checksum(None, hashlib.sha1(data).digest())
    assert asset is not None
    if asset.sidecar_file is None:
        return None
    return (fake.state.root / asset.sidecar_file).read_bytes()


async def upload(
    client: AsyncClient,
    root: Path,
    state: Path | None,
    *,
    delete: bool = False,
    recheck: bool = False,
) -> UploadReport:
    """Upload *root*; with *delete*, ``--delete --delete-duplicates``."""
    return await client.assets.upload(
        root,
        state_path=state,
        config=UploadConfig(concurrency=2),
        delete=delete,
        delete_duplicates=delete,
        recheck=recheck,
    )


# ------------------------------------------------------------------------ the trash


@pytest.mark.parametrize("answer", ["bulk-check", "journal", "upload"])
async def test_a_file_whose_only_server_copy_is_in_the_trash_is_kept(
    tmp_path: Path, answer: str
) -> None:
    """The server's copy is in its trash, which may be emptied at any time: whoever says
    "the server has it" (the bulk check, the state journal, the upload's own "duplicate"
    answer), the local file stays, and the outcome says why."""
    lib = tmp_path / "lib"
    data = photo(lib / "p.jpg", 1)
    state = tmp_path / "state.sqlite3"
    async with FakeImmich() as fake, fake.client() as client:
        if answer == "upload":
            # trashed on the server between the bulk check and the upload
            def trash_on_accept(event: TransferEvent) -> None:
                if isinstance(event, ItemDone) and event.status == "accepted":
                    fake.add_asset(None, data, "p.jpg", trashed=True)

            report = await client.assets.upload(
                lib, state_path=None, on_event=trash_on_accept, delete=True, delete_duplicates=True
            )
        else:
            await upload(client, lib, state)
            (asset,) = fake.assets()
            await client.assets.delete_assets(AssetBulkDeleteDto(ids=[asset.id]))
            report = await upload(client, lib, state if answer == "journal" else None, delete=True)
        (asset,) = fake.assets()
        assert asset.is_trashed
    outcome = only(report, "p.jpg")
    assert (lib / "p.jpg").read_bytes() == data
    assert outcome.status == "duplicate" and not outcome.deleted
    assert outcome.kept == "the server's copy is in its trash"
    assert {"bulk-check": "trash", "journal": "journal", "upload": "already had"}[answer] in (
        outcome.reason or ""
    )
    assert any("kept" in note for note in report.notes)


# ------------------------------------------------------------------------ sidecars


@pytest.mark.parametrize("remembered", [True, False], ids=["journal", "no-state"])
@pytest.mark.parametrize("change", ["added", "edited"])
async def test_a_sidecar_the_server_never_received_is_kept_with_its_photo(
    tmp_path: Path, change: str, remembered: bool
) -> None:
    """``p.jpg`` was uploaded; then ``p.jpg.xmp`` was added or edited (a new caption). The
    server has no way to take a sidecar for an asset it already has, so the photo and its
    sidecar both stay (the caption is not lost, and stays next to its photo)."""
    lib = tmp_path / "lib"
    data = photo(lib / "p.jpg", 2)
    sidecar = lib / "p.jpg.xmp"
    if change == "edited":
        sidecar.write_bytes(xmp("the first caption"))
    state = tmp_path / "state.sqlite3"
    async with FakeImmich() as fake, fake.client() as client:
        await upload(client, lib, state)
        sidecar.write_bytes(xmp("a caption written after the upload"))
        report = await upload(client, lib, state if remembered else None, delete=True)
        on_server = sidecar_on_server(fake, data)
    outcome = only(report, "p.jpg")
    assert (lib / "p.jpg").read_bytes() == data
    assert sidecar.read_bytes() == xmp("a caption written after the upload")
    assert not outcome.deleted
    assert (
        outcome.kept
        == "its sidecar p.jpg.xmp is not on the server (added or changed after the upload)"
    )
    assert on_server == (xmp("the first caption") if change == "edited" else None)


@pytest.mark.parametrize("when", ["same-run", "re-run"])
async def test_a_sidecar_uploaded_with_its_photo_goes_with_it(tmp_path: Path, when: str) -> None:
    """The other side of the rule: what the server received (in this run, or as the journal
    remembers) is deleted, photo and sidecar."""
    lib = tmp_path / "lib"
    data = photo(lib / "p.jpg", 3)
    (lib / "p.xmp").write_bytes(xmp("kept on the server"))
    state = tmp_path / "state.sqlite3"
    async with FakeImmich() as fake, fake.client() as client:
        if when == "re-run":
            await upload(client, lib, state)
        report = await upload(client, lib, state, delete=True)
        assert sidecar_on_server(fake, data) == xmp("kept on the server")
    assert only(report, "p.jpg").deleted and only(report, "p.jpg").kept is None
    assert sorted(lib.iterdir()) == []
    assert report.notes == ()


@pytest.mark.parametrize("concurrency", [1, 4])
async def test_a_sidecar_shared_by_a_raw_and_a_jpeg_goes_with_the_last(
    tmp_path: Path, concurrency: int
) -> None:
    """``a.jpg`` and ``a.cr2`` both take ``a.xmp``: the first one deleted leaves it for the
    other, whose upload still carries it; the last one takes it (also when both finish at
    once)."""
    lib = tmp_path / "lib"
    jpeg = photo(lib / "a.jpg", 4)
    raw = photo(lib / "a.cr2", 5, size=30_000)
    (lib / "a.xmp").write_bytes(xmp("one caption for both"))
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.upload(
            lib,
            state_path=None,
            config=UploadConfig(concurrency=concurrency),
            delete=True,
            delete_duplicates=True,
        )
        assert report.ok, report.failures
        assert sidecar_on_server(fake, jpeg) == xmp("one caption for both")
        assert sidecar_on_server(fake, raw) == xmp("one caption for both")
    assert report.count("uploaded") == 2
    assert all(o.deleted for o in report.outcomes())
    assert sorted(lib.iterdir()) == []


@pytest.mark.parametrize("why", ["excluded", "not-given", "on-server-without-it"])
async def test_a_shared_sidecar_stays_while_another_photo_needs_it(
    tmp_path: Path, why: str
) -> None:
    """``a.xmp`` also belongs to ``a.cr2``, which stays: not part of this upload (excluded,
    or not among the files given), or on the server without the sidecar (so kept itself).
    The sidecar stays with it."""
    lib = tmp_path / "lib"
    photo(lib / "a.jpg", 6)
    raw = photo(lib / "a.cr2", 7, size=30_000)
    (lib / "a.xmp").write_bytes(xmp("one caption for both"))
    async with FakeImmich() as fake, fake.client() as client:
        if why == "on-server-without-it":
            fake.add_asset(None, raw, "a.cr2")
        paths: Path | list[Path] = [lib / "a.jpg"] if why == "not-given" else lib
        report = await client.assets.upload(
            paths,
            state_path=None,
            exclude=["*.cr2"] if why == "excluded" else [],
            config=UploadConfig(concurrency=1),
            delete=True,
            delete_duplicates=True,
        )
    assert report.ok, report.failures
    assert only(report, "a.jpg").deleted
    assert sorted(p.name for p in lib.iterdir()) == ["a.cr2", "a.xmp"]
    assert (lib / "a.xmp").read_bytes() == xmp("one caption for both")
    if why == "on-server-without-it":
        assert "sidecar a.xmp is not on the server" in (only(report, "a.cr2").kept or "")


# ------------------------------------------------------------------------ stale hashes


async def test_an_in_place_edit_with_the_mtime_put_back_is_uploaded_before_any_delete(
    tmp_path: Path,
) -> None:
    """Same size, same mtime (``touch -r``), new bytes: the hash cache must not answer with
    the old digest (it is keyed by the ctime too), so the new content is uploaded -- and
    only then may the file go."""
    lib = tmp_path / "lib"
    old = photo(lib / "p.jpg", 8)
    new = jpeg_bytes(9, WHEN, 20_000)
    state = tmp_path / "state.sqlite3"
    async with FakeImmich() as fake, fake.client() as client:
        await upload(client, lib, state)
        edit_in_place_keeping_mtime(lib / "p.jpg", new)
        report = await upload(client, lib, state, delete=True)
        assert server_checksums(fake) == {hashlib.sha1(old).digest(), hashlib.sha1(new).digest()}
    outcome = only(report, "p.jpg")
    assert outcome.status == "uploaded" and outcome.checksum == hashlib.sha1(new).hexdigest()
    assert report.hash.files_hashed == 1


@pytest.mark.parametrize("recheck", [False, True])
async def test_a_stale_hash_cache_entry_never_deletes_a_file(tmp_path: Path, recheck: bool) -> None:
    """A hash-cache row that lies (the file's identity, another photo's digest -- what a
    filesystem without a reliable ctime can leave): with ``recheck`` the file is hashed
    again and uploaded; without, the delete reads the file before unlinking it, keeps it,
    and puts the right digest in the cache, so the next run uploads it."""
    lib = tmp_path / "lib"
    other = photo(tmp_path / "elsewhere" / "other.jpg", 10)
    mine = photo(lib / "p.jpg", 11)
    state = tmp_path / "state.sqlite3"
    async with FakeImmich() as fake, fake.client() as client:
        await upload(client, tmp_path / "elsewhere", state)
        async with StateStore.open(state) as store:
            store.put_hash(
                FileIdentity.from_stat((lib / "p.jpg").stat()), hashlib.sha1(other).digest()
            )
        report = await upload(client, lib, state, recheck=recheck, delete=True)
        if not recheck:
            outcome = only(report, "p.jpg")
            assert outcome.status == "duplicate" and not outcome.deleted
            assert "content changed since it was hashed" in (outcome.kept or "")
            assert (lib / "p.jpg").read_bytes() == mine
            report = await upload(client, lib, state, delete=True)
        assert hashlib.sha1(mine).digest() in server_checksums(fake)
    outcome = only(report, "p.jpg")
    assert outcome.status == "uploaded" and outcome.checksum == hashlib.sha1(mine).hexdigest()


@pytest.mark.parametrize("change", ["edited", "touched"])
async def test_a_file_changed_between_its_upload_and_its_deletion(
    tmp_path: Path, change: str
) -> None:
    """The file is looked at again just before it is unlinked: edited since the upload, it
    stays (its new bytes are not on the server); only touched (same bytes), it goes."""
    lib = tmp_path / "lib"
    data = photo(lib / "p.jpg", 12)
    edited = jpeg_bytes(13, WHEN, 20_000)

    def change_on_upload(event: TransferEvent) -> None:
        if isinstance(event, ItemDone) and event.stage == "upload":
            if change == "edited":
                (lib / "p.jpg").write_bytes(edited)
            else:
                os.utime(lib / "p.jpg", (1_600_000_000, 1_600_000_000))

    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.upload(
            lib, state_path=None, on_event=change_on_upload, delete=True, delete_duplicates=True
        )
        assert server_checksums(fake) == {hashlib.sha1(data).digest()}
    outcome = only(report, "p.jpg")
    assert outcome.status == "uploaded"
    if change == "edited":
        assert not outcome.deleted and (lib / "p.jpg").read_bytes() == edited
        assert "content changed since it was hashed" in (outcome.kept or "")
    else:
        assert outcome.deleted and not (lib / "p.jpg").exists()
