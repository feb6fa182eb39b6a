"""What an import of the indexed Takeout would do: assets, albums, counts, problems.

:func:`iter_assets` streams the **assets**: media members of the Photos service grouped
into identical copies (same size and CRC-32; the upload confirms with SHA-1). Members of
an extracted folder have no CRC (it would take reading every byte): each is its own asset
here, and the upload's checksum finds the copies (the server answers "duplicate"). A
photo in ``Photos from 2020`` and in two album folders is one asset with three members and
two albums. Each asset carries the sidecar chosen for it (its best-matched member's: own
match first, year folder first), its albums, its live-photo partner, and a
**disposition** under :class:`PlanOptions`:

``upload`` (with visibility ``timeline``, ``archive`` or ``locked``) or a skip:
``skip-failed`` (``Failed Videos``), ``skip-motion`` (the video part of a Pixel motion
photo; the still carries it), ``skip-trashed`` (trash folder or ``trashed``),
``skip-partner`` (a partner's photo), ``skip-locked`` (Locked Folder, when asked),
``skip-unmatched`` (no sidecar, when asked).

:func:`build_plan` counts everything (what ``--dry-run`` prints, see :func:`render_plan`);
:func:`iter_problems` lists, by path inside their part, every file that needs a look:
unmatched and ambiguous media, JSON without media, unreadable JSON, skipped assets.
Memory: the folders and albums (thousands), one asset at a time.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from itertools import groupby
from typing import Any, Literal, TextIO

import attrs

from .folders import DirKind, album_metadata_name, is_photos_service, is_untitled
from .parts import PartKind, PartRef
from .reader import MemberRef
from .sidecar import AlbumSidecar, GeoPoint, MediaSidecar, sidecar_from_record
from .store import db_text, py_text

__all__ = [
    "Plan",
    "PlanOptions",
    "PlannedAlbum",
    "PlannedAsset",
    "Problem",
    "build_plan",
    "iter_assets",
    "iter_problems",
    "render_plan",
]

Visibility = Literal["timeline", "archive", "locked"]


@attrs.frozen(kw_only=True)
class PlanOptions:
    """Choices of the import (defaults follow what most users want)."""

    include_trashed: bool = False
    """Upload items from the trash (then trash them on the server)."""
    include_partner: bool = False
    """Upload photos a partner shared."""
    skip_locked: bool = False
    """Skip Locked Folder items (by default they go to Immich's locked folder)."""
    include_motion_videos: bool = False
    """Upload the video part of Pixel motion photos too (as ``.MP4``)."""
    untitled_albums: bool = False
    """Create albums for Google's "Untitled" albums (named after their folder)."""
    include_unmatched: bool = True
    """Upload media without a sidecar (dated from the file itself)."""


@attrs.frozen(kw_only=True)
class PlannedAlbum:
    key: int
    """Identifies the album in this index (its folder); two albums may share a title."""
    title: str
    folder: str
    description: str
    untitled: bool
    assets: int
    """Assets to upload into it."""


@attrs.frozen(kw_only=True)
class AssetMetadata:
    """What an asset carries into Immich, from its sidecar and its folders.

    ``taken`` (``photoTakenTime``, UTC) is the capture time to give Immich when the file
    has no date of its own (an EXIF date, with its zone, wins on the server); ``created``
    (the upload to Google) is a later fallback; neither is ever the zip's mtime.
    """

    file_name: str
    taken: int | None
    created: int | None
    location: GeoPoint | None
    description: str
    favorite: bool
    archived: bool
    trashed: bool
    locked: bool
    partner: bool
    people: tuple[str, ...]
    albums: tuple[int, ...]


@attrs.frozen(kw_only=True)
class PlannedAsset:
    """One photo or video to import (all identical copies of it)."""

    members: tuple[MemberRef, ...]
    """Its copies; read any (the first is the chosen one)."""
    outcome: str
    """The chosen member's match: ``matched``, ``fallback`` or ``unmatched``."""
    rule: str
    sidecar: MediaSidecar | None
    albums: tuple[int, ...]
    """:attr:`PlannedAlbum.key` of each album it belongs to."""
    disposition: str
    visibility: Visibility
    motion: bool
    """The video part of a Pixel motion photo."""
    live_video: int | None
    """Member id of its live-photo video (this asset is the still)."""
    live_still: int | None
    """Member id of its live-photo still (this asset is the video)."""
    trashed: bool = False
    """In Google's trash (a trash folder, or ``trashed`` in its JSON)."""

    @property
    def member(self) -> MemberRef:
        return self.members[0]

    @property
    def file_name(self) -> str:
        """The name to upload it as: the sidecar's title, else the archive name."""
        title = self.sidecar.title if self.sidecar is not None else ""
        return title or self.member.name

    @property
    def metadata(self) -> AssetMetadata:
        s = self.sidecar
        return AssetMetadata(
            file_name=self.file_name,
            taken=s.taken if s else None,
            created=s.created if s else None,
            location=s.location if s else None,
            description=s.description if s else "",
            favorite=bool(s and s.favorited),
            archived=self.visibility == "archive",
            trashed=self.disposition == "skip-trashed" or bool(s and s.trashed),
            locked=self.visibility == "locked",
            partner=bool(s and s.partner),
            people=s.people if s else (),
            albums=self.albums,
        )


@attrs.frozen(kw_only=True)
class Problem:
    """One file the report lists."""

    kind: str
    """``unmatched``, ``orphan-json``, ``contested-json``, ``bad-json`` or ``skipped``."""
    part: str
    path: str
    reason: str
    detail: str = ""


@attrs.frozen(kw_only=True)
class Plan:
    parts: tuple[tuple[str, str, int], ...]
    """``(path, kind, members)`` of each active part."""
    members: Mapping[str, int]
    """Members of the Photos service by role: media, motion, json, other."""
    other_services: Mapping[str, int]
    """Members outside the Photos service (ignored), by service folder."""
    media: Mapping[str, int]
    """Media and motion members by outcome: matched, fallback, unmatched."""
    rules: Mapping[str, int]
    """``outcome:rule`` -> members."""
    json: Mapping[str, int]
    """JSON members by outcome."""
    assets: int
    dispositions: Mapping[str, int]
    visibility: Mapping[str, int]
    """Assets to upload, by visibility."""
    metadata: Mapping[str, int]
    """Assets to upload with: a capture time, a location, a description, favourite,
    people, no sidecar."""
    live_pairs: int
    albums: tuple[PlannedAlbum, ...]
    bare_folders: tuple[tuple[str, int], ...]
    """Folders that are neither year folders nor albums (no album metadata), with their
    media count: their files are imported, no album is made."""


# --------------------------------------------------------------------------- queries


_ACTIVE = "JOIN takeout_parts p ON p.id = m.part_id AND p.active = 1"


@attrs.frozen
class _Dir:
    service: str
    folder: str
    kind: DirKind


class _Context:
    """Parts, folders and albums of the active set (small; loaded once)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.parts: dict[int, PartRef] = {}
        self.part_members: dict[int, int] = {}
        for row in conn.execute(
            "SELECT id, path, kind, size, mtime_ns, prefix, members FROM takeout_parts "
            "WHERE active = 1 ORDER BY path"
        ):
            self.parts[int(row[0])] = PartRef(
                py_text(row[1]), PartKind(row[2]), int(row[3]), int(row[4]), py_text(row[5])
            )
            self.part_members[int(row[0])] = int(row[6])
        self.dirs: dict[int, _Dir] = {
            int(r[0]): _Dir(py_text(r[1]), py_text(r[2]), DirKind(r[3]))
            for r in conn.execute("SELECT id, service, folder, kind FROM takeout_dirs")
        }
        self.photo_services = self._photo_services()
        self.albums = self._albums()

    def _photo_services(self) -> set[str]:
        services = {d.service for d in self.dirs.values() if d.service}
        photos = {s for s in services if is_photos_service(s)}
        photos |= {d.service for d in self.dirs.values() if d.service and d.kind is DirKind.YEAR}
        for service in services - photos:
            found = self.conn.execute(
                "SELECT 1 FROM takeout_sidecars s JOIN takeout_members m ON m.id = s.member_id "
                f"{_ACTIVE} JOIN takeout_dirs d ON d.id = m.dir_id "
                "WHERE d.service = ? AND s.kind = 'media' LIMIT 1",
                (db_text(service),),
            ).fetchone()
            if found:
                photos.add(service)
        return photos

    def is_photo_dir(self, dir_id: int) -> bool:
        return self.dirs[dir_id].service in self.photo_services

    def _albums(self) -> dict[int, tuple[AlbumSidecar, str]]:
        """Album folders with their metadata (the first album JSON, ``metadata.json``
        preferred) and the JSON's name."""
        rows = self.conn.execute(
            "SELECT m.dir_id, m.name, s.record FROM takeout_members m "
            f"{_ACTIVE} JOIN takeout_sidecars s ON s.member_id = m.id "
            "JOIN takeout_dirs d ON d.id = m.dir_id "
            "WHERE s.kind = 'album' AND d.kind = ?",
            (DirKind.ALBUM.value,),
        ).fetchall()
        best: dict[int, tuple[tuple[int, str], AlbumSidecar, str]] = {}
        for dir_id, name, record in rows:
            if not self.is_photo_dir(dir_id):
                continue
            album = sidecar_from_record(record)
            if not isinstance(album, AlbumSidecar):
                continue
            key = (0 if album_metadata_name(py_text(name)) else 1, py_text(name))
            if dir_id not in best or key < best[dir_id][0]:
                best[dir_id] = (key, album, py_text(name))
        return {d: (album, name) for d, (_, album, name) in best.items()}

    def photo_services_sql(self) -> tuple[str, tuple[str, ...]]:
        services = tuple(sorted(db_text(s) for s in self.photo_services))
        marks = ", ".join("?" * len(services)) or "NULL"
        return f"m.dir_id IN (SELECT id FROM takeout_dirs WHERE service IN ({marks}))", services


_ASSET_COLUMNS = (
    "m.id, m.part_id, m.dir_id, m.name, m.path, m.role, m.size, m.csize, m.method, m.offset, "
    "m.crc32, m.mtime_ns, x.outcome, x.rule, s.record, lp.video_id, lv.still_id, rm.dir_id"
)
_OUTCOME_RANK = {"matched": 0, "fallback": 1, "unmatched": 2}


def _asset_rows(ctx: _Context) -> Iterator[tuple[Any, ...]]:
    where, params = ctx.photo_services_sql()
    yield from ctx.conn.execute(
        f"SELECT {_ASSET_COLUMNS} FROM takeout_members m {_ACTIVE} "
        "JOIN takeout_matches x ON x.member_id = m.id "
        "LEFT JOIN takeout_sidecars s ON s.member_id = x.sidecar_id "
        "LEFT JOIN takeout_live_pairs lp ON lp.still_id = m.id "
        "LEFT JOIN takeout_live_pairs lv ON lv.video_id = m.id "
        "LEFT JOIN takeout_album_refs r ON r.member_id = m.id "
        "LEFT JOIN takeout_members rm ON rm.id = r.sidecar_id "
        f"WHERE m.role IN ('media', 'motion') AND {where} "
        "ORDER BY m.crc32 IS NULL, m.size, m.crc32, m.id",
        params,
    )


def _content_key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    if row[10] is not None:
        return ("crc", row[6], row[10])
    return ("member", row[0])  # no CRC (extracted folder): the upload's SHA-1 finds copies


def _album_title(ctx: _Context, dir_id: int) -> tuple[str, bool]:
    album, _ = ctx.albums[dir_id]
    folder = ctx.dirs[dir_id].folder
    if is_untitled(album.title) or (not album.title.strip() and is_untitled(folder)):
        return folder, True
    return album.title, False


def _disposition(
    options: PlanOptions,
    kinds: set[DirKind],
    motion: bool,
    sidecar: MediaSidecar | None,
    outcome: str,
) -> tuple[str, Visibility]:
    visibility: Visibility = "timeline"
    if DirKind.LOCKED in kinds:
        visibility = "locked"
    elif DirKind.ARCHIVE in kinds or (sidecar is not None and sidecar.archived):
        visibility = "archive"
    if DirKind.FAILED in kinds:
        return "skip-failed", visibility
    if motion and not options.include_motion_videos:
        return "skip-motion", visibility
    trashed = DirKind.TRASH in kinds or (sidecar is not None and sidecar.trashed)
    if trashed and not options.include_trashed:
        return "skip-trashed", visibility
    if sidecar is not None and sidecar.partner and not options.include_partner:
        return "skip-partner", visibility
    if visibility == "locked" and options.skip_locked:
        return "skip-locked", visibility
    if outcome == "unmatched" and not options.include_unmatched:
        return "skip-unmatched", visibility
    return "upload", visibility


def _assets(ctx: _Context, options: PlanOptions) -> Iterator[PlannedAsset]:
    for _, group in groupby(_asset_rows(ctx), key=_content_key):
        raw = list(group)
        refs = {int(r[17]) for r in raw if r[17] is not None}
        rows = list({r[0]: r for r in raw}.values())  # album refs may repeat a member
        chosen = min(
            rows,
            key=lambda r: (_OUTCOME_RANK[r[12]], ctx.dirs[r[2]].kind is not DirKind.YEAR, r[0]),
        )
        ordered = [chosen, *(r for r in rows if r is not chosen)]
        members = tuple(
            MemberRef(
                id=int(r[0]), part=ctx.parts[int(r[1])], path=py_text(r[4]), name=py_text(r[3]),
                size=int(r[6]), csize=int(r[7]), method=int(r[8]), offset=int(r[9]),
                crc32=r[10], mtime_ns=int(r[11]),
            )
            for r in ordered
        )  # fmt: skip
        record = sidecar_from_record(chosen[14]) if chosen[14] else None
        sidecar = record if isinstance(record, MediaSidecar) else None
        kinds = {ctx.dirs[r[2]].kind for r in rows}
        motion = chosen[5] == "motion"
        disposition, visibility = _disposition(options, kinds, motion, sidecar, chosen[12])
        albums = {int(r[2]) for r in rows if int(r[2]) in ctx.albums} | (refs & ctx.albums.keys())
        if not options.untitled_albums:
            albums = {a for a in albums if not _album_title(ctx, a)[1]}
        if visibility == "locked":
            albums = set()  # Immich removes locked assets from every album
        yield PlannedAsset(
            members=members,
            outcome=str(chosen[12]),
            rule=str(chosen[13]),
            sidecar=sidecar,
            albums=tuple(sorted(albums)),
            disposition=disposition,
            visibility=visibility,
            motion=motion,
            live_video=next((int(r[15]) for r in rows if r[15] is not None), None),
            live_still=next((int(r[16]) for r in rows if r[16] is not None), None),
            trashed=DirKind.TRASH in kinds or (sidecar is not None and sidecar.trashed),
        )


def iter_assets(conn: sqlite3.Connection, options: PlanOptions) -> Iterator[PlannedAsset]:
    """Every asset of the active parts (see the module documentation)."""
    yield from _assets(_Context(conn), options)


def _count(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> dict[str, int]:
    return {str(k): int(v) for k, v in conn.execute(sql, params)}


def _count_text(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> dict[str, int]:
    return {py_text(k): int(v) for k, v in conn.execute(sql, params)}


def build_plan(conn: sqlite3.Connection, options: PlanOptions) -> Plan:
    """Count what an import would do."""
    ctx = _Context(conn)
    where, params = ctx.photo_services_sql()
    members = _count(
        conn,
        f"SELECT m.role, count(*) FROM takeout_members m {_ACTIVE} WHERE {where} GROUP BY m.role",
        params,
    )
    other_services = _count_text(
        conn,
        f"SELECT d.service, count(*) FROM takeout_members m {_ACTIVE} "
        f"JOIN takeout_dirs d ON d.id = m.dir_id WHERE NOT ({where}) GROUP BY d.service",
        params,
    )
    media = _count(
        conn,
        f"SELECT x.outcome, count(*) FROM takeout_matches x JOIN takeout_members m "
        f"ON m.id = x.member_id {_ACTIVE} WHERE {where} GROUP BY x.outcome",
        params,
    )
    rules = _count(
        conn,
        f"SELECT x.outcome || ':' || x.rule, count(*) FROM takeout_matches x "
        f"JOIN takeout_members m ON m.id = x.member_id {_ACTIVE} WHERE {where} "
        "GROUP BY x.outcome, x.rule",
        params,
    )
    json_outcomes = _count(
        conn,
        f"SELECT j.outcome, count(*) FROM takeout_json j JOIN takeout_members m "
        f"ON m.id = j.member_id {_ACTIVE} WHERE {where} GROUP BY j.outcome",
        params,
    )
    dispositions: Counter[str] = Counter()
    visibility: Counter[str] = Counter()
    metadata: Counter[str] = Counter()
    album_counts: Counter[int] = Counter()
    assets = 0
    live = 0
    for asset in _assets(ctx, options):
        assets += 1
        dispositions[asset.disposition] += 1
        if asset.disposition != "upload":
            continue
        visibility[asset.visibility] += 1
        album_counts.update(asset.albums)
        live += asset.live_video is not None
        sidecar = asset.sidecar
        if sidecar is None:
            metadata["no sidecar"] += 1
            continue
        for label, present in (
            ("capture time", sidecar.taken is not None),
            ("location", sidecar.location is not None),
            ("description", bool(sidecar.description.strip())),
            ("favourite", sidecar.favorited),
            ("people", bool(sidecar.people)),
        ):
            metadata[label] += present
    albums = []
    for dir_id, (album, _) in sorted(ctx.albums.items(), key=lambda kv: ctx.dirs[kv[0]].folder):
        title, untitled = _album_title(ctx, dir_id)
        if untitled and not options.untitled_albums:
            continue
        albums.append(
            PlannedAlbum(
                key=dir_id,
                title=title,
                folder=ctx.dirs[dir_id].folder,
                description=album.full_description,
                untitled=untitled,
                assets=album_counts[dir_id],
            )
        )
    bare = conn.execute(
        f"SELECT m.dir_id, count(*) FROM takeout_members m {_ACTIVE} "
        "JOIN takeout_dirs d ON d.id = m.dir_id "
        f"WHERE d.kind = ? AND m.role IN ('media', 'motion') AND {where} GROUP BY m.dir_id",
        (DirKind.ALBUM.value, *params),
    ).fetchall()
    bare_folders = tuple(
        sorted((ctx.dirs[d].folder, int(n)) for d, n in bare if d not in ctx.albums)
    )
    return Plan(
        parts=tuple((p.path, p.kind.value, ctx.part_members[i]) for i, p in ctx.parts.items()),
        members=members,
        other_services=other_services,
        media=media,
        rules=rules,
        json=json_outcomes,
        assets=assets,
        dispositions=dict(dispositions),
        visibility=dict(visibility),
        metadata=dict(metadata),
        live_pairs=live,
        albums=tuple(albums),
        bare_folders=bare_folders,
    )


def iter_problems(conn: sqlite3.Connection, options: PlanOptions) -> Iterator[Problem]:
    """Every file the report lists, by path inside its part (unmatched media, JSON
    without media or unreadable, contested JSON, skipped assets)."""
    ctx = _Context(conn)
    where, params = ctx.photo_services_sql()
    for part, path, rule, detail in conn.execute(
        f"SELECT p.path, m.path, x.rule, x.detail FROM takeout_matches x "
        f"JOIN takeout_members m ON m.id = x.member_id {_ACTIVE} "
        f"WHERE x.outcome = 'unmatched' AND {where} ORDER BY p.path, m.path",
        params,
    ):
        yield Problem(
            kind="unmatched", part=py_text(part), path=py_text(path), reason=rule,
            detail=detail or "",
        )  # fmt: skip
    for part, path, outcome, detail, error in conn.execute(
        f"SELECT p.path, m.path, j.outcome, j.detail, s.error FROM takeout_json j "
        f"JOIN takeout_members m ON m.id = j.member_id {_ACTIVE} "
        "LEFT JOIN takeout_sidecars s ON s.member_id = j.member_id "
        f"WHERE j.outcome IN ('orphan', 'contested', 'bad') AND {where} "
        "ORDER BY p.path, m.path",
        params,
    ):
        kind = {"orphan": "orphan-json", "contested": "contested-json", "bad": "bad-json"}[outcome]
        reason = {
            "orphan": "no media file for this sidecar",
            "contested": "several media files fit this sidecar",
            "bad": error or "unreadable",
        }[outcome]
        yield Problem(
            kind=kind, part=py_text(part), path=py_text(path), reason=reason,
            detail=detail or "",
        )  # fmt: skip
    for asset in _assets(ctx, options):
        if asset.disposition != "upload":
            for member in asset.members:
                yield Problem(
                    kind="skipped", part=member.part.path, path=member.path,
                    reason=asset.disposition,
                )  # fmt: skip


# --------------------------------------------------------------------------- text


def _line(out: TextIO, label: str, counts: Mapping[str, int]) -> None:
    items = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
    out.write(f"  {label}: {items or 'none'}\n")


def render_plan(plan: Plan, out: TextIO, problems: Iterable[Problem] = ()) -> None:
    """The plan as text (what ``--dry-run`` prints), then the problems one per line."""
    out.write(f"Parts: {len(plan.parts)}\n")
    for path, kind, members in plan.parts:
        out.write(f"  {path} ({kind}, {members} members)\n")
    _line(out, "members", plan.members)
    if plan.other_services:
        named = {k or "(top level)": v for k, v in plan.other_services.items()}
        _line(out, "other services (ignored)", named)
    _line(out, "media", plan.media)
    _line(out, "rules", plan.rules)
    _line(out, "JSON", plan.json)
    out.write(f"Assets: {plan.assets}\n")
    _line(out, "dispositions", plan.dispositions)
    _line(out, "visibility", plan.visibility)
    _line(out, "metadata", plan.metadata)
    out.write(f"  live photos: {plan.live_pairs}\n")
    out.write(f"Albums to create: {len(plan.albums)}\n")
    for album in plan.albums:
        note = " (untitled)" if album.untitled else ""
        out.write(f"  {album.title!r}{note} from {album.folder!r}: {album.assets} assets\n")
    if plan.bare_folders:
        out.write("Folders without album metadata (no album made):\n")
        for folder, count in plan.bare_folders:
            out.write(f"  {folder!r}: {count} files\n")
    first = True
    for problem in problems:
        if first:
            out.write("Problems:\n")
            first = False
        detail = f" ({problem.detail})" if problem.detail else ""
        out.write(f"  {problem.kind}: {problem.part}:{problem.path}: {problem.reason}{detail}\n")
