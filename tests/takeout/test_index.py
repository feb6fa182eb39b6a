"""The async index: update (reuse, one more part, changed and interrupted parts, bad
inputs, progress, cancellation), plan and problems, assets read back through the member
reader (zip, tgz, folder), the SHA-1 cache. Every test runs under asyncio and trio."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import anyio
import anyio.to_thread
import pytest

from immich_bulk.transfer.takeout import (
    IndexProgress,
    MemberReader,
    PartError,
    PlannedAsset,
    Sha1Reader,
    TakeoutIndex,
)
from immich_bulk.transfer.takeout import indexer as indexer_mod
from immich_bulk.transfer.takeout.parts import Listed, PartRef, Want

from .generator import PHOTOS, Layout, Manifest, build_cases, write_bulk_takeout, write_takeout
from .snapshot import logical

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def manifest() -> Manifest:
    return build_cases()


def _bytes_by_path(manifest: Manifest) -> dict[str, bytes]:
    return {e.path: e.data for e in manifest.entries}


class _Reads:
    """Counts the parts read, optionally failing after some members of one part."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, fail_part: str | None = None, after: int = 0
    ) -> None:
        self.parts: list[str] = []
        real = indexer_mod.iter_members

        def iter_members(part: PartRef, want: Want) -> Iterator[Listed]:
            self.parts.append(Path(part.path).name)
            for n, listed in enumerate(real(part, want)):
                if fail_part is not None and Path(part.path).name == fail_part and n == after:
                    raise OSError("simulated crash")
                yield listed

        monkeypatch.setattr(indexer_mod, "iter_members", iter_members)


async def _assets(index: TakeoutIndex) -> list[PlannedAsset]:
    out: list[PlannedAsset] = []
    async for batch in index.assets(batch=7):
        out.extend(batch)
    return out


async def test_second_run_reads_nothing(
    tmp_path: Path, manifest: Manifest, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = write_takeout(tmp_path / "parts", manifest, "zip")
    async with TakeoutIndex.open(tmp_path / "index.sqlite3") as index:
        first = await index.update(inputs)
        plan = await index.plan()
    assert [s.reused for s in first] == [False] * 4
    reads = _Reads(monkeypatch)
    async with TakeoutIndex.open(tmp_path / "index.sqlite3") as index:
        second = await index.update(inputs)
        assert await index.plan() == plan
    assert [s.reused for s in second] == [True] * 4
    assert [s.members for s in second] == [s.members for s in first]
    assert reads.parts == []


async def test_one_more_part_reads_only_that_part(
    tmp_path: Path, manifest: Manifest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """c01: the photo is in part 4, its sidecar in part 3 -- unmatched until part 4."""
    inputs = write_takeout(tmp_path / "parts", manifest, "zip")
    photo = f"{PHOTOS}/Photos from 2019/c01_split.jpg"
    async with TakeoutIndex.open(tmp_path / "index.sqlite3") as index:
        await index.update(inputs[:3])
        problems = [p async for batch in index.problems() for p in batch]
        assert any(
            p.path.endswith("c01_split.jpg.json") and p.kind == "orphan-json" for p in problems
        )
        reads = _Reads(monkeypatch)
        statuses = await index.update(inputs)
        assert reads.parts == [inputs[3].name]
        assert [s.reused for s in statuses] == [True, True, True, False]
        assets = {a.member.path: a for a in await _assets(index)}
    asset = assets[f"Takeout/{photo}"]
    assert (asset.outcome, asset.rule) == ("matched", "legacy")
    assert asset.sidecar is not None and asset.sidecar.title == "c01_split.jpg"


async def test_fewer_parts_rematch(tmp_path: Path, manifest: Manifest) -> None:
    """Parts left out of a run are not part of its Takeout (nor of its plan)."""
    inputs = write_takeout(tmp_path / "parts", manifest, "zip")
    async with TakeoutIndex.open(tmp_path / "index.sqlite3") as index:
        await index.update(inputs)
        full = await index.plan()
        await index.update(inputs[:2])
        fewer = await index.plan()
        await index.update(inputs)
        again = await index.plan()
    assert fewer.assets < full.assets
    assert [p for p, _, _ in fewer.parts] == [str(p) for p in inputs[:2]]
    assert again == full


async def test_changed_part_is_read_again(
    tmp_path: Path, manifest: Manifest, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = write_takeout(tmp_path / "parts", manifest, "zip")
    async with TakeoutIndex.open(tmp_path / "index.sqlite3") as index:
        await index.update(inputs)
        plan = await index.plan()
        st = inputs[1].stat()
        os.utime(inputs[1], ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        reads = _Reads(monkeypatch)
        statuses = await index.update(inputs)
        assert reads.parts == [inputs[1].name]
        assert [s.reused for s in statuses] == [True, False, True, True]
        assert await index.plan() == plan


async def test_interrupted_part_is_read_again(
    tmp_path: Path, manifest: Manifest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that dies in the middle of a part leaves it incomplete: read again, and the
    result is the same as an uninterrupted run's."""
    inputs = write_takeout(tmp_path / "parts", manifest, "zip")
    async with TakeoutIndex.open(tmp_path / "clean.sqlite3") as index:
        await index.update(inputs)
        clean = await index.plan()
    monkeypatch.setattr(indexer_mod, "BATCH", 10)  # commit in small batches
    _Reads(monkeypatch, fail_part=inputs[2].name, after=25)
    async with TakeoutIndex.open(tmp_path / "index.sqlite3") as index:
        with pytest.raises(OSError, match="simulated crash"):
            await index.update(inputs)
    monkeypatch.undo()
    reads = _Reads(monkeypatch)
    async with TakeoutIndex.open(tmp_path / "index.sqlite3") as index:
        statuses = await index.update(inputs)
        assert reads.parts == [inputs[2].name, inputs[3].name]
        assert [s.reused for s in statuses] == [True, True, False, False]
        plan = await index.plan()
    assert (plan.assets, plan.media, plan.json, plan.albums) == (
        clean.assets, clean.media, clean.json, clean.albums,
    )  # fmt: skip


async def test_bad_inputs_are_named_before_anything_is_read(
    tmp_path: Path, manifest: Manifest, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = write_takeout(tmp_path / "parts", manifest, "zip")
    fake = tmp_path / "takeout-002.zip"
    fake.write_text("not a zip")
    reads = _Reads(monkeypatch)
    async with TakeoutIndex.open(tmp_path / "index.sqlite3") as index:
        with pytest.raises(PartError, match=r"takeout-002\.zip") as info:
            await index.update([inputs[0], fake])
        assert "does not hold zip data" in str(info.value)
        with pytest.raises(PartError, match=r"missing\.zip"):
            await index.update([tmp_path / "missing.zip"])
        truncated = tmp_path / "truncated.zip"
        truncated.write_bytes(inputs[0].read_bytes()[:-30])
        with pytest.raises(PartError, match=r"truncated\.zip: does not hold zip data"):
            await index.update([truncated])
        damaged = tmp_path / "damaged.zip"
        data = inputs[0].read_bytes()
        at = data.rindex(b"PK\x01\x02")  # the last central directory entry
        damaged.write_bytes(data[:at] + b"XX" + data[at + 2 :])
        with pytest.raises(PartError, match=r"damaged\.zip: not a readable zip: damaged"):
            await index.update([damaged])
    assert reads.parts == ["damaged.zip"]


async def test_progress_reports_every_part(tmp_path: Path, manifest: Manifest) -> None:
    inputs = write_takeout(tmp_path / "parts", manifest, "tgz")
    events: list[IndexProgress] = []
    async with TakeoutIndex.open(tmp_path / "index.sqlite3") as index:
        await index.update(inputs, on_progress=events.append)
        await index.update(inputs, on_progress=events.append)
    done = [(e.part_number, e.reused) for e in events if e.done]
    assert done == [(n, False) for n in range(1, 5)] + [(n, True) for n in range(1, 5)]


async def test_cancelled_update_leaves_a_usable_index(tmp_path: Path) -> None:
    inputs = write_bulk_takeout(tmp_path / "parts", members=6000)
    async with TakeoutIndex.open(tmp_path / "index.sqlite3") as index:
        with anyio.CancelScope() as scope:

            def cancel(event: IndexProgress) -> None:
                if not event.done:
                    scope.cancel()

            await index.update(inputs, on_progress=cancel)
        assert scope.cancelled_caught
        statuses = await index.update(inputs)
        plan = await index.plan()
    assert statuses[0].reused is False  # cancelled while reading it: read again
    assert plan.media == {"matched": plan.members["media"]}
    assert plan.json == {"own": plan.members["json"] - len(plan.albums), "album": len(plan.albums)}


@pytest.mark.parametrize("layout", ["zip", "tgz", "dir"])
async def test_every_member_reads_back(tmp_path: Path, manifest: Manifest, layout: Layout) -> None:
    """Every asset's members open as streams with the right size and bytes (SHA-1
    computed while reading); a tgz is read in offset order."""
    inputs = write_takeout(tmp_path / "parts", manifest, layout)
    expected = _bytes_by_path(manifest)
    async with TakeoutIndex.open(tmp_path / "index.sqlite3") as index:
        await index.update(inputs)
        assets = await _assets(index)
    members = sorted((m for a in assets for m in a.members), key=lambda m: (m.part.path, m.offset))
    assert len(members) >= len(manifest.media)

    def read_all() -> list[tuple[str, int, bytes]]:
        out = []
        with MemberReader() as reader:
            for ref in members:
                with Sha1Reader(reader.open(ref)) as stream:
                    size = stream.size
                    while stream.read(4096):
                        pass
                    out.append((ref.name, size or 0, stream.digest()))
        return out

    results = await anyio.to_thread.run_sync(read_all)
    for ref, (name, size, digest) in zip(members, results, strict=True):
        data = expected[logical(ref.part.prefix, ref.path)]
        assert (size, digest) == (len(data), hashlib.sha1(data).digest()), name


async def test_sha1_cache_round_trip(tmp_path: Path, manifest: Manifest) -> None:
    inputs = write_takeout(tmp_path / "parts", manifest, "zip")
    async with TakeoutIndex.open(tmp_path / "index.sqlite3") as index:
        await index.update(inputs)
        assets = await _assets(index)
        ids = [a.member.id for a in assets[:5]]
        await index.record_sha1s({i: bytes([i % 256]) * 20 for i in ids})
        assert await index.sha1s([*ids, 10**9]) == {i: bytes([i % 256]) * 20 for i in ids}
        member = await index.member(ids[0])
        assert member == assets[0].member


async def test_problems_come_in_batches(tmp_path: Path, manifest: Manifest) -> None:
    inputs = write_takeout(tmp_path / "parts", manifest, "dir")
    async with TakeoutIndex.open(tmp_path / "index.sqlite3") as index:
        await index.update(inputs)
        sizes = [len(b) async for b in index.problems(batch=3)]
    assert sizes and all(s == 3 for s in sizes[:-1]) and 1 <= sizes[-1] <= 3


async def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """An extracted folder may hold a name that is not valid UTF-8: it is indexed,
    reported by its name, and read back (nothing skipped, no crash)."""
    folder = tmp_path / "extracted" / "Takeout" / PHOTOS / "Photos from 2020"
    folder.mkdir(parents=True)
    raw_name = b"caf\xe9 \xff.jpg"  # Latin-1, not UTF-8
    with open(os.path.join(os.fsencode(folder), raw_name), "wb") as f:
        f.write(b"\xff\xd8 a photo")
    (folder / "ok.jpg").write_bytes(b"\xff\xd8 another")
    (folder / "ok.jpg.json").write_text('{"title": "ok.jpg", "photoTakenTime": {"timestamp": "1"}}')
    async with TakeoutIndex.open(tmp_path / "index.sqlite3") as index:
        await index.update([tmp_path / "extracted"])
        problems = [p async for batch in index.problems() for p in batch]
        assets = await _assets(index)
    name = os.fsdecode(raw_name)
    assert [(p.kind, p.path.rsplit("/", 1)[-1]) for p in problems] == [("unmatched", name)]
    (odd,) = [a for a in assets if a.member.name == name]
    with MemberReader() as reader:
        assert reader.read_bytes(odd.member) == b"\xff\xd8 a photo"
