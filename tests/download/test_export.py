"""Bulk export: layouts, incremental re-runs, moves, collisions, safety, interruption."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import anyio
import pytest

from immich_bulk import AsyncClient, TransferError
from immich_bulk.models import AlbumsAddAssetsDto, CreateAlbumDto, MetadataSearchDto
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.download.export import Exporter
from immich_bulk.transfer.events import ItemStarted, TransferEvent
from immich_bulk.transfer.report import TransferReport
from tests.migrate.helpers import patch_call

from .conftest import add, fast_config, files_under, leftovers

KB = 1024
MAY = dt.datetime(2024, 5, 1, 10, 0, tzinfo=dt.timezone.utc)
JUNE = dt.datetime(2023, 6, 2, 8, 0, tzinfo=dt.timezone.utc)


async def export(
    client: AsyncClient, dest: Path, state: Path | None, **kwargs: Any
) -> TransferReport:
    kwargs.setdefault("everything", True)
    kwargs.setdefault("config", fast_config())
    return await client.download.export(dest, state_path=state, **kwargs)


async def test_export_everything_then_rerun_downloads_nothing(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    a = add(fake, "a.jpg", 30 * KB, when=MAY)
    b = add(fake, "b.mp4", 50 * KB, when=JUNE)
    dest, state = tmp_path / "out", tmp_path / "state.sqlite3"
    report = await export(client, dest, state)
    assert report.kind == "export" and report.ok
    assert report.counts == {"downloaded": 2}
    assert report.total == 2 and report.bytes_transferred == 80 * KB
    assert files_under(dest) == {
        "2024/05/a.jpg": fake.read_asset(a.id),
        "2023/06/b.mp4": fake.read_asset(b.id),
    }
    outcome = {o.asset_id: o for o in report.outcomes()}
    assert outcome[a.id].path == str(dest / "2024" / "05" / "a.jpg")
    assert outcome[a.id].checksum == fake.asset(a.id).checksum.hex()  # type: ignore[union-attr]

    fake.counters.reset()
    again = await export(client, dest, state)
    assert again.counts == {"present": 2}
    assert fake.counters.requests_to("downloadAsset") == 0
    assert fake.counters.requests_to("getAssetInfo") == 0
    assert again.bytes_transferred == 0
    assert leftovers(dest) == []


async def test_rerun_without_a_journal_recognises_files_by_hashing(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    for n in range(3):
        add(fake, f"p{n}.jpg", 20 * KB)
    dest = tmp_path / "out"
    await export(client, dest, None, layout="{filename}")
    fake.counters.reset()
    again = await export(client, dest, None, layout="{filename}")
    assert again.counts == {"present": 3}
    assert fake.counters.requests_to("downloadAsset") == 0
    assert sorted(files_under(dest)) == ["p0.jpg", "p1.jpg", "p2.jpg"]  # no "~1" copies


@pytest.mark.parametrize("left", [(".part.meta",), (".part", ".part.meta"), (".part",)])
async def test_a_rerun_removes_what_an_interrupted_run_left_next_to_a_placed_file(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path, left: tuple[str, ...]
) -> None:
    """A run killed just after a file got its final name (and before it was recorded) left
    that file and, from an older version or a power loss, its ``.part``/``.meta``: the next
    run recognises the file and removes those leftovers."""
    a = add(fake, "a.jpg", 30 * KB, when=MAY)
    dest = tmp_path / "out"
    final = dest / "2024" / "05" / "a.jpg"
    final.parent.mkdir(parents=True)
    final.write_bytes(fake.read_asset(a.id))
    for suffix in left:
        Path(f"{final}{suffix}").write_bytes(b"{}" if suffix.endswith("meta") else b"xx")
    report = await export(client, dest, tmp_path / "state.sqlite3")
    assert report.counts == {"present": 1}
    assert fake.counters.requests_to("downloadAsset") == 0
    assert leftovers(dest) == []
    assert files_under(dest) == {"2024/05/a.jpg": fake.read_asset(a.id)}


async def test_layout_change_moves_files_instead_of_downloading(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    a = add(fake, "a.jpg", when=MAY)
    b = add(fake, "b.jpg", when=JUNE)
    dest, state = tmp_path / "out", tmp_path / "state.sqlite3"
    await export(client, dest, state, layout="{yyyy}/{mm}/{filename}")
    fake.counters.reset()
    moved = await export(client, dest, state, layout="{date}/{filename}")
    assert moved.counts == {"present": 2}
    assert {o.reason for o in moved.outcomes()} == {
        "moved from 2024/05/a.jpg",
        "moved from 2023/06/b.jpg",
    }
    assert fake.counters.requests_to("downloadAsset") == 0
    assert files_under(dest) == {
        "2024-05-01/a.jpg": fake.read_asset(a.id),
        "2023-06-02/b.jpg": fake.read_asset(b.id),
    }
    assert sorted(p.name for p in dest.iterdir()) == ["2023-06-02", "2024-05-01"]  # pruned
    fake.counters.reset()
    settled = await export(client, dest, state, layout="{date}/{filename}")
    assert settled.counts == {"present": 2}
    assert {o.reason for o in settled.outcomes()} == {"already exported"}


async def test_same_names_get_stable_suffixes(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    first = add(fake, "IMG_0001.JPG", seed="one")
    second = add(fake, "IMG_0001.JPG", seed="two")
    third = add(fake, "img_0001.jpg", seed="three")  # collides on case-insensitive disks
    dest, state = tmp_path / "out", tmp_path / "state.sqlite3"
    report = await export(client, dest, state, layout="{filename}")
    assert report.counts == {"downloaded": 3}
    by_asset = {o.asset_id: Path(str(o.path)).name for o in report.outcomes()}
    names = set(by_asset.values())
    assert len(names) == 3
    for asset in (first, second, third):
        name = by_asset[asset.id]
        assert name.lower() == "img_0001.jpg" or f"({asset.id[:8]})" in name
        assert (dest / name).read_bytes() == fake.read_asset(asset.id)
    fake.counters.reset()
    again = await export(client, dest, state, layout="{filename}")
    assert again.counts == {"present": 3}
    assert {o.asset_id: Path(str(o.path)).name for o in again.outcomes()} == by_asset
    assert fake.counters.requests_to("downloadAsset") == 0


async def test_deleted_and_modified_local_files_are_replaced(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    a = add(fake, "a.jpg", 10 * KB)
    b = add(fake, "b.jpg", 10 * KB)
    c = add(fake, "c.jpg", 10 * KB)
    dest, state = tmp_path / "out", tmp_path / "state.sqlite3"
    await export(client, dest, state, layout="{filename}")
    (dest / "a.jpg").unlink()
    (dest / "b.jpg").write_bytes(b"edited locally")
    os.utime(dest / "c.jpg", ns=(10**18, 10**18))  # touched, same bytes
    fake.counters.reset()
    report = await export(client, dest, state, layout="{filename}")
    assert report.counts == {"downloaded": 2, "present": 1}
    assert fake.counters.requests_to("downloadAsset") == 2
    assert files_under(dest) == {
        "a.jpg": fake.read_asset(a.id),
        "b.jpg": fake.read_asset(b.id),
        "c.jpg": fake.read_asset(c.id),
    }


async def test_dry_run_writes_nothing(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    add(fake, "a.jpg")
    add(fake, "b.jpg")
    dest = tmp_path / "out"
    report = await export(client, dest, tmp_path / "state.sqlite3", dry_run=True)
    assert report.dry_run and report.counts == {"would-download": 2}
    assert not dest.exists()
    assert fake.counters.requests_to("downloadAsset") == 0
    real = await export(client, dest, tmp_path / "state.sqlite3")
    assert real.counts == {"downloaded": 2}


async def test_album_export_by_name_and_album_layout(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    a = add(fake, "a.jpg")
    b = add(fake, "b.jpg")
    loose = add(fake, "loose.jpg")
    await client.albums.create_album(CreateAlbumDto(album_name="Trip/2024", asset_ids=[a.id]))
    home = await client.albums.create_album(CreateAlbumDto(album_name="Home", asset_ids=[b.id]))
    await client.albums.add_assets_to_albums(
        AlbumsAddAssetsDto(album_ids=[home.id], asset_ids=[a.id])
    )
    state = tmp_path / "state.sqlite3"
    by_name = await export(
        client, tmp_path / "trip", state, everything=False, album="Trip/2024",
        layout="{album}/{filename}",
    )  # fmt: skip
    assert by_name.counts == {"downloaded": 1}
    assert sorted(files_under(tmp_path / "trip")) == ["Trip_2024/a.jpg"]
    by_id = await export(client, tmp_path / "home", state, everything=False, album=home.id)
    assert by_id.counts == {"downloaded": 2}
    # everything by album: an asset in two albums goes to the first by name, once
    all_out = tmp_path / "all"
    report = await export(client, all_out, state, layout="{album}/{filename}")
    assert report.counts == {"downloaded": 3}
    assert files_under(all_out) == {
        "Home/a.jpg": fake.read_asset(a.id),
        "Home/b.jpg": fake.read_asset(b.id),
        "loose.jpg": fake.read_asset(loose.id),
    }
    with pytest.raises(TransferError, match="no album named"):
        await export(client, tmp_path / "x", state, everything=False, album="Nope")


async def test_archived_assets_are_exported_with_everything_and_with_their_album(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    """Immich searches the timeline alone when no visibility is named: the archive is
    listed on its own, or every archived photo would be missing from the export."""
    shown = add(fake, "shown.jpg")
    archived = add(fake, "archived.jpg", visibility="archive")
    loose = add(fake, "loose.jpg", visibility="archive")
    trip = await client.albums.create_album(
        CreateAlbumDto(album_name="Trip", asset_ids=[shown.id, archived.id])
    )
    state = tmp_path / "state.sqlite3"
    everything = await export(client, tmp_path / "all", state, layout="{filename}")
    assert sorted(files_under(tmp_path / "all")) == ["archived.jpg", "loose.jpg", "shown.jpg"]
    assert everything.counts == {"downloaded": 3}
    album = await export(client, tmp_path / "trip", state, everything=False, album=trip.id)
    assert album.counts == {"downloaded": 2}
    by_album = await export(client, tmp_path / "by", state, layout="{album}/{filename}")
    assert files_under(tmp_path / "by") == {
        "Trip/archived.jpg": fake.read_asset(archived.id),
        "Trip/shown.jpg": fake.read_asset(shown.id),
        "loose.jpg": fake.read_asset(loose.id),
    }
    assert by_album.counts == {"downloaded": 3}


async def test_search_and_asset_id_exports(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    fav = add(fake, "fav.jpg", is_favorite=True)
    plain = add(fake, "plain.jpg")
    state = tmp_path / "state.sqlite3"
    report = await export(
        client, tmp_path / "fav", state, everything=False,
        search=MetadataSearchDto(is_favorite=True), layout="{filename}",
    )  # fmt: skip
    assert report.counts == {"downloaded": 1}
    assert list(files_under(tmp_path / "fav")) == ["fav.jpg"]
    unknown = "00000000-0000-4000-8000-000000000000"
    ids = await export(
        client, tmp_path / "ids", state, everything=False,
        asset_ids=[plain.id, unknown, fav.id], layout="{id}.{ext}",
    )  # fmt: skip
    assert ids.counts == {"downloaded": 2, "failed": 1}
    assert ids.failures[0].item == unknown and not ids.ok
    assert sorted(files_under(tmp_path / "ids")) == sorted([f"{plain.id}.jpg", f"{fav.id}.jpg"])


async def test_live_photo_motion_part_goes_next_to_the_still(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    video = add(fake, "IMG_1.MOV", 20 * KB, when=JUNE)
    still = add(fake, "IMG_1.HEIC", 20 * KB, when=MAY, live_photo_video_id=video.id)
    dest, state = tmp_path / "out", tmp_path / "state.sqlite3"
    report = await export(client, dest, state)
    assert report.counts == {"downloaded": 2}
    assert files_under(dest) == {
        "2024/05/IMG_1.HEIC": fake.read_asset(still.id),
        "2024/05/IMG_1.MOV": fake.read_asset(video.id),
    }
    fake.counters.reset()
    again = await export(client, dest, state)
    assert again.counts == {"present": 2}
    assert fake.counters.requests_to("downloadAsset") == 0
    assert fake.counters.requests_to("getAssetInfo") == 0
    without = await export(client, tmp_path / "stills", state, live_photos=False)
    assert without.counts == {"downloaded": 1}
    # the video asked for by id too: listed once, placed once
    both = await export(
        client, tmp_path / "ids", state, everything=False, asset_ids=[still.id, video.id]
    )
    assert both.counts == {"downloaded": 2}
    assert len(files_under(tmp_path / "ids")) == 2


async def test_one_bad_asset_does_not_stop_the_others(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    good = [add(fake, f"good{n}.jpg") for n in range(3)]
    bad = add(fake, "bad.jpg", 40 * KB)
    fake.faults.corrupt(match=f"GET /assets/{bad.id}/original")
    dest = tmp_path / "out"
    report = await export(client, dest, tmp_path / "state.sqlite3", layout="{filename}")
    assert report.counts == {"downloaded": 3, "failed": 1}
    (failure,) = report.failures
    assert failure.asset_id == bad.id and failure.error == "ChecksumMismatchError"
    assert sorted(files_under(dest)) == sorted(f"good{n}.jpg" for n in range(3))
    assert leftovers(dest) == []
    assert len(good) == 3


async def test_hostile_original_file_names_stay_inside_dest(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    for n, name in enumerate(["../../escape.jpg", "/etc/x.jpg", "a\\b.jpg", "CON.jpg",
                              "ctl\x01\x1f.jpg", "y" * 600 + ".jpg"]):  # fmt: skip
        add(fake, name, seed=f"h{n}")
    dest = tmp_path / "out"
    report = await export(client, dest, tmp_path / "state.sqlite3", layout="{album}/{filename}")
    assert report.counts == {"downloaded": 6}
    written = files_under(dest)
    assert all("/" not in name for name in written), sorted(written)
    assert "_._.._escape.jpg" in written and "_CON.jpg" in written and "a_b.jpg" in written
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("state")) == ["out"]


async def test_a_symlink_planted_in_dest_is_not_followed(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    add(fake, "a.jpg", when=MAY)
    add(fake, "b.jpg", when=JUNE)
    dest, outside = tmp_path / "out", tmp_path / "outside"
    dest.mkdir()
    outside.mkdir()
    os.symlink(outside, dest / "2024")
    report = await export(client, dest, tmp_path / "state.sqlite3")
    assert report.counts == {"downloaded": 1, "failed": 1}
    assert report.failures[0].error == "UnsafePathError"
    assert list(outside.iterdir()) == []
    assert list(files_under(dest)) == ["2023/06/b.jpg"]


async def test_a_second_export_into_the_same_directory_is_refused(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    fcntl = pytest.importorskip("fcntl")
    add(fake, "a.jpg")
    dest = tmp_path / "out"
    dest.mkdir()
    fd = os.open(dest, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(TransferError, match="another export"):
            await export(client, dest, None)
    finally:
        os.close(fd)
    assert (await export(client, dest, None)).counts == {"downloaded": 1}


async def test_stop_gives_an_interrupted_report_and_a_rerun_finishes(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    for n in range(6):
        add(fake, f"p{n}.jpg", 30 * KB)
    fake.faults.latency(0.05, match="downloadAsset")
    dest, state = tmp_path / "out", tmp_path / "state.sqlite3"
    holder: list[Exporter] = []

    def on_event(event: TransferEvent) -> None:
        if isinstance(event, ItemStarted):
            holder[0].stop()

    report = await client.download.export(
        dest, everything=True, layout="{filename}", state_path=state, config=fast_config(),
        on_event=on_event, on_start=holder.append,
    )  # fmt: skip
    assert report.interrupted and not report.ok
    assert report.count("downloaded") < 6
    fake.faults.clear()
    done = await export(client, dest, state, layout="{filename}")
    assert done.count("downloaded") + done.count("present") == 6 and done.ok
    assert len(files_under(dest)) == 6 and leftovers(dest) == []


async def test_events_describe_each_asset(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    asset = add(fake, "a.jpg", 100 * KB)
    events: list[TransferEvent] = []
    await client.download.export(
        tmp_path / "out", everything=True, state_path=None, on_event=events.append
    )
    kinds = [e.kind for e in events if getattr(e, "item", None) == asset.id]
    assert kinds[0] == "queued" and kinds[1] == "started" and kinds[-1] == "done"
    assert sum(e.delta for e in events if e.kind == "bytes") == 100 * KB  # type: ignore[attr-defined]
    assert {e.kind for e in events} >= {"stage-done"}


async def test_concurrent_workers_share_names_safely(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    assets = [add(fake, "same.jpg", 8 * KB, seed=f"s{n}") for n in range(12)]
    dest = tmp_path / "out"
    report = await export(client, dest, None, layout="{filename}", concurrency=6)
    assert report.counts == {"downloaded": 12}
    contents = files_under(dest)
    assert sorted(contents.values()) == sorted(fake.read_asset(a.id) for a in assets)


async def test_memory_stays_flat_for_a_large_file(
    server: object, socket_client: AsyncClient, tmp_path: Path
) -> None:
    import tracemalloc

    from immich_bulk.testing import ThreadServer

    assert isinstance(server, ThreadServer)
    big = tmp_path / "big.mp4"
    size = 200 * 1024 * KB
    with open(big, "wb") as fh:
        fh.write(b"unique head" * 100)
        fh.truncate(size)  # sparse
    asset = await anyio.to_thread.run_sync(lambda: server.fake.add_asset(None, big, "big.mp4"))
    big.unlink()
    dest = tmp_path / "out"
    tracemalloc.start()
    try:
        report = await socket_client.download.export(
            dest, asset_ids=[asset.id], layout="{filename}", state_path=None
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.counts == {"downloaded": 1}
    assert (dest / "big.mp4").stat().st_size == size
    assert peak < 24 * 1024 * KB, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.0f} MB file"


async def test_stopped_download_keeps_its_part_and_the_rerun_resumes(
    server: object, socket_client: AsyncClient, tmp_path: Path
) -> None:
    from immich_bulk.testing import ThreadServer
    from immich_bulk.transfer.events import BytesTransferred

    assert isinstance(server, ThreadServer)
    fake = server.fake
    asset = add(fake, "slow.mp4", 3 * 1024 * KB)
    fake.faults.throttle(4 * 1024 * KB, match="downloadAsset")
    dest, state = tmp_path / "out", tmp_path / "state.sqlite3"
    holder: list[Exporter] = []
    seen = 0

    def on_event(event: TransferEvent) -> None:
        nonlocal seen
        if isinstance(event, BytesTransferred):
            seen += event.delta
            if seen >= 1024 * KB:
                holder[0].stop()

    report = await socket_client.download.export(
        dest, everything=True, layout="{filename}", state_path=state,
        config=fast_config(chunk_size=256 * KB), on_event=on_event, on_start=holder.append,
    )  # fmt: skip
    assert report.interrupted and report.counts == {"interrupted": 1}  # in flight, reported
    assert not (dest / "slow.mp4").exists()
    assert leftovers(dest) == ["slow.mp4.part", "slow.mp4.part.meta"]
    kept = (dest / "slow.mp4.part").stat().st_size
    assert kept >= 1024 * KB

    fake.faults.clear()
    fake.counters.reset()
    done = await export(socket_client, dest, state, layout="{filename}")
    assert done.counts == {"downloaded": 1}
    (outcome,) = done.outcomes()
    assert outcome.reason == f"resumed at byte {kept}"
    assert fake.counters.requests_to("downloadAsset", 206) == 1
    assert (dest / "slow.mp4").read_bytes() == fake.read_asset(asset.id)
    assert leftovers(dest) == []


async def test_a_full_disk_stops_the_export(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from immich_bulk.transfer.download import resumable as download
    from immich_bulk.transfer.events import Notice

    for n in range(5):
        add(fake, f"p{n}.jpg")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(download._Part, "finish", full)
    events: list[TransferEvent] = []
    report = await client.download.export(
        tmp_path / "out", everything=True, state_path=None, concurrency=1,
        config=fast_config(), on_event=events.append,
    )  # fmt: skip
    assert report.interrupted and report.failed >= 1 and report.total == 5
    assert report.count("interrupted") >= 1  # what the full disk left undone, each reported
    assert report.failures[0].error == "OSError"
    assert any(isinstance(e, Notice) and "disk is full" in e.message for e in events)


async def test_an_asset_repeated_on_the_next_page_is_exported_once(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = [add(fake, f"p{i}.jpg", 2 * KB, when=MAY + dt.timedelta(days=i)) for i in range(5)]
    calls = 0

    async def shifting(real: Any, dto: Any) -> Any:
        # an asset newer than all arrives after page 1: the newest-first listing shifts
        # by one and page 2 starts with the last asset of page 1
        nonlocal calls
        answer = await real(dto)
        calls += 1
        if calls == 1:
            add(fake, "late.jpg", 2 * KB, when=MAY + dt.timedelta(days=30))
        return answer

    patch_call(monkeypatch, client, "search", "search_assets", shifting)
    report = await export(client, tmp_path / "out", None, config=fast_config(page_size=3))
    assert report.ok, report.failures
    exported = [o.item for o in report.outcomes()]
    assert sorted(exported) == sorted(a.id for a in made)
