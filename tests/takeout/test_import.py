"""The Takeout import against the fake server: every case of the generated Takeout ends up
on the server as the manifest says (assets, albums, flags, metadata, live photos), every
file is reported once, and re-runs resume."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from immich_bulk.models import CreateAlbumDto
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.events import ItemDone, TransferEvent
from immich_bulk.transfer.report import Outcome, TakeoutReport, TransferReport
from immich_bulk.transfer.takeout.importer import TakeoutOptions
from immich_bulk.transfer.takeout.sidecar import GeoPoint, MediaSidecar
from immich_bulk.transfer.takeout.xmp import sidecar_xmp

from .generator import PHOTOS, Layout, Manifest, build_cases, write_takeout
from .small import archive_path, build_small_takeout, check_server

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def _logical(outcome: Outcome, manifest: Manifest) -> str | None:
    """The manifest's path (``Google Photos/folder/name``) of an outcome's member."""
    _, _, inner = outcome.item.rpartition(":")
    inner = unicodedata.normalize("NFC", inner.split("Takeout/", 1)[-1])
    return inner if inner in manifest.media or inner in manifest.jsons else None


def _by_path(report: TransferReport, manifest: Manifest) -> dict[str, Outcome]:
    found: dict[str, Outcome] = {}
    for outcome in report.outcomes():
        path = _logical(outcome, manifest)
        if path is not None and path in manifest.media:
            assert path not in found or found[path].asset_id == outcome.asset_id, path
            found[path] = outcome
    return found


@pytest.fixture(scope="module")
def manifest() -> Manifest:
    return build_cases()


@pytest.mark.parametrize("layout", ["zip", "dir"])
async def test_every_case_reaches_the_server_as_planned(
    tmp_path: Path, manifest: Manifest, layout: Layout
) -> None:
    inputs = write_takeout(tmp_path / "parts", manifest, layout)
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.import_takeout(inputs, state_path=tmp_path / "state.db")
        assert report.ok, report.failures
        outcomes = _by_path(report, manifest)
        # every media file of the Photos service has exactly one outcome
        assert set(outcomes) == set(manifest.media)
        assets = {a.id: a for a in fake.assets()}
        asset_of: dict[str, str] = {}
        for path, expect in manifest.media.items():
            outcome = outcomes[path]
            if expect.disposition != "upload":
                assert outcome.status == "skipped", (path, outcome)
                continue
            assert outcome.status in ("uploaded", "duplicate"), (path, outcome)
            assert outcome.asset_id in assets, path
            asset = assets[outcome.asset_id]
            assert asset.visibility == expect.visibility or (
                expect.visibility == "timeline" and asset.visibility == "hidden"  # live video
            ), path
            if layout == "zip" and expect.asset:
                asset_of.setdefault(expect.asset, outcome.asset_id)
                assert asset_of[expect.asset] == outcome.asset_id, path  # copies: one asset
        # one asset per distinct content uploaded
        uploaded = {o.asset_id for o in outcomes.values() if o.status != "skipped"}
        assert len(assets) == len(uploaded)
        # JSON without media, and unreadable JSON, are reported
        reported = {
            _logical(o, manifest): o for o in report.outcomes() if o.reason and "json:" in o.reason
        }
        for path, json_expect in manifest.jsons.items():
            if json_expect.outcome in ("orphan", "bad"):
                assert path in reported, path
        # albums: by folder (two with one title stay apart), holding what the manifest says
        albums = fake.albums()
        assert Counter(a.name for a in albums) == Counter(manifest.albums.values())
        members: dict[str, set[str]] = {}
        for path, expect in manifest.media.items():
            if expect.disposition != "upload":
                continue
            folders = expect.albums if layout == "zip" else expect.albums_alone(path.split("/")[1])
            for folder in folders:
                members.setdefault(manifest.albums[folder], set()).add(outcomes[path].asset_id)  # type: ignore[arg-type]
        by_title: dict[str, set[str]] = {}
        for album in albums:
            by_title.setdefault(album.name, set()).update(album.asset_ids)
        assert by_title == members
        # metadata of the JSON
        for path, facts in manifest.facts.items():
            if path not in outcomes or outcomes[path].status == "skipped":
                continue
            asset = assets[outcomes[path].asset_id]  # type: ignore[index]
            if facts.get("favorited"):
                assert asset.is_favorite, path
            if "description" in facts:
                assert asset.description == facts["description"], path
            if facts.get("location"):
                lat, lon = facts["location"]
                assert (round(asset.latitude or 0, 4), round(asset.longitude or 0, 4)) == (
                    lat,
                    lon,
                ), path
            if "location" in facts and facts["location"] is None:
                assert asset.latitude is None, path
            if facts.get("live_video"):
                video = assets[outcomes[facts["live_video"]].asset_id]  # type: ignore[index]
                assert asset.live_photo_video_id == video.id, path
                assert video.visibility == "hidden", path
        # the capture time of a file without its own date comes from photoTakenTime
        heic = f"{PHOTOS}/Photos from 2020/c39_IMG_0001.HEIC"
        assert assets[outcomes[heic].asset_id].file_created_at == dt.datetime.fromtimestamp(  # type: ignore[index]
            1_550_000_000, dt.timezone.utc
        )


async def test_rerun_and_one_more_part_read_and_send_only_what_is_new(
    tmp_path: Path, manifest: Manifest
) -> None:
    inputs = write_takeout(tmp_path / "parts", manifest, "zip")
    state = tmp_path / "state.db"
    async with FakeImmich() as fake, fake.client() as client:
        first = await client.assets.import_takeout(inputs[:-1], state_path=state)
        assert first.ok, first.failures
        count = len(fake.assets())
        second = await client.assets.import_takeout(inputs, state_path=state)
        assert second.ok, second.failures
        assert isinstance(second, TakeoutReport)  # typed, like the upload's report
        assert [p.reused for p in second.parts] == [True] * (len(inputs) - 1) + [False]
        assert second.to_dict()["takeout"]["parts"][-1]["reused"] is False
        assert second.count("uploaded") == len(fake.assets()) - count
        events: list[TransferEvent] = []
        third = await client.assets.import_takeout(inputs, state_path=state, on_event=events.append)
        assert third.count("uploaded") == 0 and third.ok
        assert all(p.reused for p in third.parts)
        hashed = [e for e in events if isinstance(e, ItemDone) and e.stage == "hash"]
        assert hashed and all(e.cached for e in hashed)  # no member read again
        assert len(fake.assets()) == len({o.asset_id for o in third.outcomes() if o.asset_id})


async def test_options_bring_in_what_is_skipped_by_default(
    tmp_path: Path, manifest: Manifest
) -> None:
    inputs = write_takeout(tmp_path / "parts", manifest, "zip")
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.import_takeout(
            inputs,
            state_path=tmp_path / "state.db",
            include_trashed=True,
            include_partner=True,
            skip_locked=True,
        )
        assert report.ok, report.failures
        by_path = _by_path(report, manifest)
        locked = by_path[f"{PHOTOS}/Locked Folder/c13_secret.jpg"]
        assert locked.status == "skipped" and "Locked" in (locked.reason or "")
        partner = by_path[f"{PHOTOS}/Photos from 2020/c16_partner.jpg"]
        assert partner.status == "uploaded"
        trashed = by_path[f"{PHOTOS}/Trash/c11_bin.jpg"]
        assert trashed.status == "uploaded"
        asset = fake.asset(trashed.asset_id)  # type: ignore[arg-type]
        assert asset is not None and asset.is_trashed  # into the server's trash
        assert not any(a.visibility == "locked" for a in fake.assets())


async def test_dry_run_uploads_nothing_and_plans_everything(
    tmp_path: Path, manifest: Manifest
) -> None:
    inputs = write_takeout(tmp_path / "parts", manifest, "zip")
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.import_takeout(
            inputs, state_path=tmp_path / "state.db", dry_run=True
        )
        assert fake.assets() == [] and fake.albums() == []
        assert report.plan is not None and report.albums is None
        assert report.count("would-upload") == report.plan.dispositions["upload"]


async def test_the_same_bytes_in_a_year_folder_and_three_albums_are_one_asset_in_three(
    tmp_path: Path,
) -> None:
    from immich_bulk.samples import jpeg_bytes

    from .generator import Entry, MediaExpect, album_json, sidecar_json

    photo = jpeg_bytes(77, dt.datetime(2019, 5, 5, 10, 0))
    m = Manifest()
    folders = ["Photos from 2019", "Album one", "Album two", "Album three"]
    for n, folder in enumerate(folders):
        m.entries.append(Entry(f"{PHOTOS}/{folder}/x.jpg", photo, (n % 2 + 1,)))
        m.entries.append(
            Entry(f"{PHOTOS}/{folder}/x.jpg.json", sidecar_json("x.jpg", 1_557_050_400), (1,))
        )
        if n:
            m.entries.append(Entry(f"{PHOTOS}/{folder}/metadata.json", album_json(folder), (2,)))
        m.media[f"{PHOTOS}/{folder}/x.jpg"] = MediaExpect(case="c03", outcome="matched", rule="")
    inputs = write_takeout(tmp_path / "parts", m, "zip")
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.import_takeout(inputs, state_path=tmp_path / "state.db")
        assert report.ok, report.failures
        assert report.count("uploaded") == 1 and report.count("duplicate") == 3
        assert len(fake.assets()) == 1
        albums = fake.albums()
        assert sorted(a.name for a in albums) == ["Album one", "Album three", "Album two"]
        assert all(list(a.asset_ids) == [fake.assets()[0].id] for a in albums)


def test_the_xmp_carries_description_and_place_and_no_date() -> None:
    sidecar = MediaSidecar(
        title="a.jpg", taken=1, created=None, modified=None,
        geo=GeoPoint(-33.86, 151.21), geo_exif=None, description="a < b & c",
        favorited=False, archived=False, trashed=False, partner=False, origin=None, people=(),
    )  # fmt: skip
    xmp = sidecar_xmp(sidecar)
    assert xmp is not None
    from immich_bulk.testing.metadata import read_sidecar

    read = read_sidecar(xmp)
    assert read.description == "a < b & c"
    assert (read.latitude, read.longitude) == (-33.86, 151.21)
    assert read.taken is None
    import attrs

    assert sidecar_xmp(attrs.evolve(sidecar, geo=None, description=" ")) is None


async def test_the_index_lives_beside_the_state_file(tmp_path: Path, manifest: Manifest) -> None:
    inputs = write_takeout(tmp_path / "parts", manifest, "zip")
    async with FakeImmich() as fake, fake.client() as client:
        await client.assets.import_takeout(inputs, state_path=tmp_path / "state.db", dry_run=True)
    assert (tmp_path / "state.db.takeout").exists()
    _ = TakeoutOptions()


@pytest.mark.parametrize("layout", ["zip", "tgz", "dir"])
async def test_a_small_takeout_of_real_photos_shows_right_on_the_server(
    tmp_path: Path, layout: Layout
) -> None:
    small = build_small_takeout(tmp_path / "parts", layout=layout)
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.import_takeout(small.inputs, state_path=tmp_path / "s.db")
        assert report.ok, report.failures
        await check_server(client, small)
        statuses = {archive_path(o.item): o for o in report.outcomes()}
        for path in small.skipped:
            assert statuses[path].status == "skipped", path
        for path in small.orphans:
            assert "no media file" in (statuses[path].reason or ""), path
        locked = statuses[small.locked]
        assert locked.status == "uploaded"
        assert fake.asset(locked.asset_id).visibility == "locked"  # type: ignore[arg-type,union-attr]


async def test_motion_videos_when_asked_are_uploaded_as_mp4(
    tmp_path: Path, manifest: Manifest
) -> None:
    inputs = write_takeout(tmp_path / "parts", manifest, "zip")
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.import_takeout(
            inputs, state_path=tmp_path / "state.db", include_motion_videos=True
        )
        assert report.ok, report.failures
        motion = [p for p, e in manifest.media.items() if e.disposition == "skip-motion"]
        outcomes = _by_path(report, manifest)
        for path in motion:
            assert outcomes[path].status == "uploaded", (path, outcomes[path])
            asset = fake.asset(outcomes[path].asset_id)  # type: ignore[arg-type]
            assert asset is not None and asset.type == "VIDEO", path
            assert asset.original_file_name.lower().endswith(".mp4"), asset.original_file_name


async def test_the_video_of_an_archived_live_photo_is_hidden_not_archived(
    tmp_path: Path,
) -> None:
    from .generator import Entry, MediaExpect, heic_bytes, mp4_bytes, sidecar_json

    m = Manifest()
    folder = f"{PHOTOS}/Photos from 2020"
    m.entries.append(Entry(f"{folder}/IMG_7.HEIC", heic_bytes(7), (1,)))
    m.entries.append(Entry(f"{folder}/IMG_7.MP4", mp4_bytes(7), (2,)))
    side = sidecar_json("IMG_7.HEIC", 1_580_000_000, extra={"archived": True})
    m.entries.append(Entry(f"{folder}/IMG_7.HEIC.json", side, (1,)))
    for name in ("IMG_7.HEIC", "IMG_7.MP4"):
        m.media[f"{folder}/{name}"] = MediaExpect(case="c37", outcome="matched", rule="")
    inputs = write_takeout(tmp_path / "parts", m, "zip")
    async with FakeImmich() as fake, fake.client() as client:
        report = await client.assets.import_takeout(inputs, state_path=tmp_path / "state.db")
        assert report.ok, report.failures
        by_type = {a.type: a for a in fake.assets()}
        assert by_type["IMAGE"].visibility == "archive"
        assert by_type["IMAGE"].live_photo_video_id == by_type["VIDEO"].id
        assert by_type["VIDEO"].visibility == "hidden"


async def test_stopped_mid_import_reports_every_file_and_a_rerun_finishes_exactly_once(
    tmp_path: Path, manifest: Manifest
) -> None:
    from immich_bulk.transfer.config import UploadConfig
    from immich_bulk.transfer.takeout.importer import TakeoutImporter, import_takeout

    inputs = write_takeout(tmp_path / "parts", manifest, "zip")
    state = tmp_path / "state.db"
    engines: list[TakeoutImporter] = []

    def stop_after_some(event: TransferEvent) -> None:
        uploads = isinstance(event, ItemDone) and event.stage == "upload"
        if uploads and engines and (engines[0].log.counts.get("uploaded", 0) >= 10):
            engines[0].stop()

    async with FakeImmich() as fake, fake.client() as client:
        first = await import_takeout(
            client, inputs, config=UploadConfig(concurrency=1), state_path=state,
            on_event=stop_after_some, on_start=engines.append,
        )  # fmt: skip
        assert first.interrupted and first.count("interrupted") > 0
        assert set(_by_path(first, manifest)) == set(manifest.media)  # each has its outcome
        assert 10 <= len(fake.assets()) < 110
        second = await client.assets.import_takeout(inputs, state_path=state)
        assert second.ok and not second.interrupted, second.failures
        uploaded = {o.asset_id for o in _by_path(second, manifest).values() if o.asset_id}
        assert len(fake.assets()) == len(uploaded) == 110


async def test_an_album_whose_answer_was_lost_is_not_made_twice(
    tmp_path: Path, manifest: Manifest
) -> None:
    """The server makes an album but its answer never arrives (the connection drops; or
    the run is killed right then), so the journal has no id for it: the next run takes that
    album instead of making a second one -- and still leaves the user's own album of the
    same title alone."""
    inputs = write_takeout(tmp_path / "parts", manifest, "zip")
    state = tmp_path / "state.db"
    titles = Counter(manifest.albums.values())
    title = sorted(titles)[0]
    async with FakeImmich() as fake, fake.client() as client:
        own = await client.albums.create_album(CreateAlbumDto(album_name=title))
        lost = fake.faults.drop_response(match="createAlbum", times=1)
        first = await client.assets.import_takeout(inputs, state_path=state)
        assert lost.fired == 1 and first.albums is not None
        assert first.albums.created == sum(titles.values()) - 1  # one made, its answer lost
        second = await client.assets.import_takeout(inputs, state_path=state)
        assert second.ok, second.failures
        made = Counter(a.name for a in fake.albums() if a.id != own.id)
        assert made == titles  # one per album folder, none twice
        assert not next(a for a in fake.albums() if a.id == own.id).asset_ids
