"""Every edge case of the Takeout notes' test plan (section 7), against the index.

One test per case and layout: ``test_case[<layout>-cNN-<case>]`` checks each media file
of case NN (outcome, rule, sidecar, disposition, visibility, albums, copies) and each JSON
file (outcome) against the generator's ground truth, then the case's own facts (dates,
flags, geo, live pairs, ...). Case numbers are the notes' (c00: non-asset files).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from immich_bulk.transfer.takeout.plan import PlanOptions, build_plan, iter_assets
from immich_bulk.transfer.takeout.sidecar import MediaSidecar
from immich_bulk.transfer.takeout.store import connect

from .conftest import Indexed
from .generator import PHOTOS, build_cases

CASES = build_cases().cases


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _folder(path: str) -> str:
    return path.split("/")[1] if path.count("/") >= 2 else ""


def check_media(ix: Indexed, case: str) -> None:
    snap = ix.snap
    for path, exp in ix.manifest.media.items():
        if exp.case != case:
            continue
        got = snap.matches.get(path)
        assert got, f"{path}: not indexed"
        for outcome, rule, sidecar, detail in got:
            assert (outcome, rule, sidecar) == (exp.outcome, exp.rule, exp.sidecar), (
                f"{path}: {detail}"
            )
        asset = snap.assets[path]
        assert (asset.disposition, asset.visibility) == (exp.disposition, exp.visibility), path
        if ix.layout == "dir":
            assert snap.albums_of(path) == exp.albums_alone(_folder(path)), path
        else:
            assert snap.albums_of(path) == exp.albums, path
            same = {p for p, e in ix.manifest.media.items() if e.asset == exp.asset}
            members = {p for p, a in snap.assets.items() if a is asset}
            assert members == same, f"{path}: copies {members} != {same}"


def check_json(ix: Indexed, case: str) -> None:
    for path, exp in ix.manifest.jsons.items():
        if exp.case != case:
            continue
        got = ix.snap.json.get(path)
        assert got, f"{path}: not indexed"
        copies = ix.manifest.facts.get(path, {}).get("copies", 1)
        if ix.layout == "dir":
            copies = 1  # one file where parts overlap
        assert sorted(got) == sorted([exp.outcome] + ["duplicate"] * (copies - 1)), path


def check_facts(ix: Indexed, case: str) -> None:
    snap = ix.snap
    for path, facts in ix.manifest.facts.items():
        exp = ix.manifest.media.get(path)
        if exp is None or exp.case != case:
            continue
        asset = snap.assets[path]
        sidecar = asset.sidecar
        assert isinstance(sidecar, MediaSidecar), path
        for key, want in facts.items():
            if key == "location":
                loc = sidecar.location
                assert (None if loc is None else [loc.latitude, loc.longitude]) == want, path
            elif key == "geo_exif":
                geo = sidecar.geo_exif
                assert geo is not None and [geo.latitude, geo.longitude] == want, path
            elif key == "people":
                assert list(sidecar.people) == want, path
            elif key == "live_video":
                video = snap.member_paths.get(asset.live_video) if asset.live_video else None
                assert video == want, path
            else:
                assert getattr(sidecar, key) == want, (path, key)


def _extra_c02(ix: Indexed) -> None:
    path = f"{PHOTOS}/Photos from 2019/c02_twice.jpg"
    members = len(ix.snap.matches[path])
    assert members == (1 if ix.layout == "dir" else 2)
    assert len(ix.snap.assets[path].members) == members


def _extra_c03(ix: Indexed) -> None:
    path = f"{PHOTOS}/Photos from 2018/c03_trip.jpg"
    if ix.layout != "dir":
        assert len(ix.snap.assets[path].members) == 3
        assert ix.snap.assets[path].member.path.endswith("Photos from 2018/c03_trip.jpg")


def _extra_c04(ix: Indexed) -> None:
    year = ix.snap.assets[f"{PHOTOS}/Photos from 2018/c04_copy.jpg"]
    album = ix.snap.assets[f"{PHOTOS}/c04 Album/c04_copy.jpg"]
    assert year is not album


def _extra_c06(ix: Indexed) -> None:
    for path in ix.manifest.ignored:
        assert path not in ix.snap.assets
    assert set(ix.snap.plan.other_services) == {"", "Contacts", "Keep"}


def _extra_c07(ix: Indexed) -> None:
    titles = {a.folder: (a.title, a.description) for a in ix.snap.plan.albums}
    assert titles["c07 Old"][0] == "Seven old"
    assert titles["c07 Classic"][0] == "Seven classic"
    assert titles["c07 New"] == ("Seven new", "A day out\nLisbon")
    assert titles["c07 Français"][0] == "Sept"


def _extra_c08(ix: Indexed) -> None:
    summers = [a for a in ix.snap.plan.albums if a.title == "c08 Summer"]
    assert sorted(a.folder for a in summers) == ["c08 Summer", "c08 Summer(1)"]
    assert len({a.key for a in summers}) == 2


def _extra_c09(ix: Indexed) -> None:
    assert not [a for a in ix.snap.plan.albums if a.untitled]
    conn = connect(ix.index_path)
    try:
        plan = build_plan(conn, PlanOptions(untitled_albums=True))
        untitled = {a.folder: a.title for a in plan.albums if a.untitled}
        assert untitled == {"Untitled(1)": "Untitled(1)", "Sans titre(9)": "Sans titre(9)"}
    finally:
        conn.close()


def _extra_c11(ix: Indexed) -> None:
    skipped = {(p.path.split("/")[-1], p.reason) for p in ix.snap.problems if p.kind == "skipped"}
    assert {("c11_bin.jpg", "skip-trashed"), ("c11_trashed.jpg", "skip-trashed")} <= skipped
    conn = connect(ix.index_path)
    try:
        kept = [
            a for a in iter_assets(conn, PlanOptions(include_trashed=True))
            if a.member.name.startswith("c11_")
        ]  # fmt: skip
        assert [a.disposition for a in kept] == ["upload", "upload"]
    finally:
        conn.close()


def _extra_c12(ix: Indexed) -> None:
    meta = ix.snap.assets[f"{PHOTOS}/Archive/c12_folder.jpg"].metadata
    assert (meta.archived, meta.locked) == (True, False)


def _extra_c13(ix: Indexed) -> None:
    meta = ix.snap.assets[f"{PHOTOS}/Locked Folder/c13_secret.jpg"].metadata
    assert (meta.locked, meta.albums) == (True, ())
    conn = connect(ix.index_path)
    try:
        locked = [
            a for a in iter_assets(conn, PlanOptions(skip_locked=True))
            if a.member.name == "c13_secret.jpg"
        ]  # fmt: skip
        assert [a.disposition for a in locked] == ["skip-locked"]
    finally:
        conn.close()


def _extra_c15(ix: Indexed) -> None:
    meta = ix.snap.assets[f"{PHOTOS}/Photos from 2020/c15_fav.jpg"].metadata
    assert meta.favorite and meta.file_name == "c15_fav.jpg"


def _extra_c14(ix: Indexed) -> None:
    skipped = {(p.path.split("/")[-1], p.reason) for p in ix.snap.problems if p.kind == "skipped"}
    assert ("c14_broken.mp4", "skip-failed") in skipped


def _extra_c16(ix: Indexed) -> None:
    conn = connect(ix.index_path)
    try:
        partner = [
            a for a in iter_assets(conn, PlanOptions(include_partner=True))
            if a.member.name == "c16_partner.jpg"
        ]  # fmt: skip
        assert [a.disposition for a in partner] == ["upload"]
        assert partner[0].sidecar is not None and partner[0].sidecar.partner
    finally:
        conn.close()


def _extra_c35(ix: Indexed) -> None:
    problem = [p for p in ix.snap.problems if p.path.endswith("c35_nojson.jpg")]
    assert [(p.kind, p.reason) for p in problem] == [("unmatched", "no-sidecar")]
    conn = connect(ix.index_path)
    try:
        kept = [
            a for a in iter_assets(conn, PlanOptions(include_unmatched=False))
            if a.member.name == "c35_nojson.jpg"
        ]  # fmt: skip
        assert [a.disposition for a in kept] == ["skip-unmatched"]
    finally:
        conn.close()


def _extra_c36(ix: Indexed) -> None:
    orphans = {p.path.split("/")[-1] for p in ix.snap.problems if p.kind == "orphan-json"}
    assert {"c36_gone.jpg.json", "c34_IMG_1.jpg.json"} <= orphans


def _extra_c38(ix: Indexed) -> None:
    conn = connect(ix.index_path)
    try:
        motion = [a for a in iter_assets(conn, PlanOptions(include_motion_videos=True)) if a.motion]
        assert len(motion) == 3
        assert {a.disposition for a in motion} == {"upload"}
    finally:
        conn.close()


def _extra_c40(ix: Indexed) -> None:
    bad = [p for p in ix.snap.problems if p.kind == "bad-json"]
    assert [(p.path.split("/")[-1], p.reason) for p in bad] == [
        ("c40_bad.jpg.json", "not UTF-8 (byte 52)")
    ]
    if ix.layout == "zip":
        methods = {
            a.member.name: a.member.method
            for a in ix.snap.asset_list
            if a.member.name in ("c40_stored.jpg", "c40_deflated.jpg", "c40_zip64.jpg")
        }
        assert methods == {"c40_stored.jpg": 0, "c40_deflated.jpg": 8, "c40_zip64.jpg": 8}


EXTRA: dict[str, Callable[[Indexed], None]] = {
    "c02": _extra_c02,
    "c03": _extra_c03,
    "c04": _extra_c04,
    "c06": _extra_c06,
    "c07": _extra_c07,
    "c08": _extra_c08,
    "c09": _extra_c09,
    "c11": _extra_c11,
    "c12": _extra_c12,
    "c13": _extra_c13,
    "c14": _extra_c14,
    "c15": _extra_c15,
    "c16": _extra_c16,
    "c35": _extra_c35,
    "c36": _extra_c36,
    "c38": _extra_c38,
    "c40": _extra_c40,
}


@pytest.mark.parametrize(
    "case", sorted(CASES), ids=[f"{c}-{_slug(CASES[c])}" for c in sorted(CASES)]
)
def test_case(indexed: Indexed, case: str) -> None:
    check_media(indexed, case)
    check_json(indexed, case)
    check_facts(indexed, case)
    extra = EXTRA.get(case)
    if extra is not None:
        extra(indexed)


def test_every_file_has_one_outcome(indexed: Indexed) -> None:
    """Every media and JSON member of the Photos service has exactly one outcome, and
    the manifest names every one of them (nothing silently skipped)."""
    snap = indexed.snap
    media = {p for p in snap.matches if not any(p.startswith(s) for s in ("Contacts/", "Keep/"))}
    assert media == set(indexed.manifest.media)
    assert set(snap.json) == set(indexed.manifest.jsons) | {"Keep/c06_note.json"}
    for path, outcomes in snap.matches.items():
        assert all(o in ("matched", "fallback", "unmatched") for o, *_ in outcomes), path


def test_plan_counts_add_up(indexed: Indexed) -> None:
    plan = indexed.snap.plan
    assert sum(plan.media.values()) == plan.members["media"] + plan.members.get("motion", 0)
    assert sum(plan.dispositions.values()) == plan.assets
    assert sum(plan.visibility.values()) == plan.dispositions["upload"]
    assert plan.assets == len(indexed.snap.asset_list)
