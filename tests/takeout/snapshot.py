"""What the index says about a generated Takeout, keyed by logical path (for asserts)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

import attrs

from immich_bulk.transfer.takeout.folders import locate
from immich_bulk.transfer.takeout.indexer import IndexOptions, PartStatus, refresh
from immich_bulk.transfer.takeout.names import nfc
from immich_bulk.transfer.takeout.parts import identify_part
from immich_bulk.transfer.takeout.plan import (
    Plan,
    PlannedAsset,
    PlanOptions,
    Problem,
    build_plan,
    iter_assets,
    iter_problems,
)
from immich_bulk.transfer.takeout.resolve import resolve
from immich_bulk.transfer.takeout.store import connect, py_text


def logical(prefix: str, path: str) -> str:
    where = locate(nfc(prefix + path))
    return "/".join(p for p in (where.service, where.folder, where.name) if p)


@attrs.define
class Snapshot:
    matches: dict[str, list[tuple[str, str, str | None, str]]]
    """Media path -> [(outcome, rule, sidecar path, detail)] per member."""
    json: dict[str, list[str]]
    """JSON path -> outcomes per member."""
    assets: dict[str, PlannedAsset]
    """Media path -> its asset."""
    asset_list: list[PlannedAsset]
    plan: Plan
    problems: list[Problem]
    album_folders: dict[int, str]
    member_paths: dict[int, str]
    statuses: list[PartStatus]

    def albums_of(self, path: str) -> frozenset[str]:
        return frozenset(self.album_folders[a] for a in self.assets[path].albums)


def index_sync(
    index_path: Path, inputs: list[Path], options: IndexOptions | None = None
) -> tuple[sqlite3.Connection, list[PartStatus]]:
    options = options or IndexOptions()
    conn = connect(index_path)
    statuses = refresh(conn, [identify_part(p) for p in inputs], options)
    resolve(conn, images=options.image_extensions, videos=options.video_extensions)
    return conn, statuses


def snapshot(
    conn: sqlite3.Connection, statuses: list[PartStatus], options: PlanOptions | None = None
) -> Snapshot:
    options = options or PlanOptions()
    member_paths: dict[int, str] = {}
    for member_id, prefix, path in conn.execute(
        "SELECT m.id, p.prefix, m.path FROM takeout_members m "
        "JOIN takeout_parts p ON p.id = m.part_id AND p.active = 1"
    ):
        member_paths[int(member_id)] = logical(py_text(prefix), py_text(path))
    matches: dict[str, list[tuple[str, str, str | None, str]]] = defaultdict(list)
    for member_id, outcome, rule, sidecar_id, detail in conn.execute(
        "SELECT member_id, outcome, rule, sidecar_id, detail FROM takeout_matches"
    ):
        if member_id in member_paths:
            sidecar = member_paths.get(sidecar_id) if sidecar_id is not None else None
            matches[member_paths[member_id]].append((outcome, rule, sidecar, detail or ""))
    json: dict[str, list[str]] = defaultdict(list)
    for member_id, outcome in conn.execute("SELECT member_id, outcome FROM takeout_json"):
        if member_id in member_paths:
            json[member_paths[member_id]].append(outcome)
    assets: dict[str, PlannedAsset] = {}
    asset_list = list(iter_assets(conn, options))
    for asset in asset_list:
        for member in asset.members:
            assets[logical(member.part.prefix, member.path)] = asset
    album_folders = {
        int(r[0]): str(r[1]) for r in conn.execute("SELECT id, folder FROM takeout_dirs")
    }
    return Snapshot(
        matches=dict(matches),
        json=dict(json),
        assets=assets,
        asset_list=asset_list,
        plan=build_plan(conn, options),
        problems=list(iter_problems(conn, options)),
        album_folders=album_folders,
        member_paths=member_paths,
        statuses=statuses,
    )
