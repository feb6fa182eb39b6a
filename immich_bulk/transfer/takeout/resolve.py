"""Matching over the index (blocking; run in a worker thread).

:func:`resolve` runs :func:`.matcher.match_folder` on every folder marked dirty (its
members gathered from every active part, so a photo in part 4 meets its sidecar in part
3), writes each member's outcome, and then decides what needs the whole Takeout:

* ``copy`` fallback: a media file still without a sidecar takes the one of an identical
  copy elsewhere (same size and CRC-32) -- an album copy whose sidecar is missing.
  Members of extracted folders have no CRC until read: only those that may be copies
  (same size as a member with a sidecar; then same name) are read, and their CRC kept;
* album references: an album folder that holds only JSON (no media) names its photos by
  title and capture time; each such JSON is tied to the matched media with the same title
  and time in other folders (their album membership), instead of being an orphan.

One folder at a time is in memory; the cross-folder steps stream rows from SQLite.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable
from itertools import groupby

from .errors import MemberError
from .folders import DirKind
from .matcher import JsonInfo, match_folder
from .parts import PartKind, PartRef, RawMember, open_dir_member
from .roles import media_kind
from .store import py_text

__all__ = ["resolve"]

_ACTIVE = "JOIN takeout_parts p ON p.id = m.part_id AND p.active = 1"


def _transaction(conn: sqlite3.Connection, fn: Callable[[], None]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        fn()
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _match_dir(
    conn: sqlite3.Connection, dir_id: int, images: frozenset[str], videos: frozenset[str]
) -> None:
    rows = conn.execute(
        "SELECT m.id, m.name, m.role, s.kind, s.title, s.taken FROM takeout_members m "
        f"{_ACTIVE} LEFT JOIN takeout_sidecars s ON s.member_id = m.id "
        "WHERE m.dir_id = ? AND m.role IN ('media', 'motion', 'json') ORDER BY m.name, p.id",
        (dir_id,),
    ).fetchall()
    media_ids: dict[str, list[int]] = {}
    motion: list[str] = []
    jsons: list[JsonInfo] = []
    json_ids: dict[str, int] = {}
    duplicates: list[tuple[int, str]] = []
    for name, group in groupby(rows, key=lambda r: py_text(r[1])):
        members = list(group)
        role = members[0][2]
        if role != "json":
            media_ids[name] = [int(r[0]) for r in members]
            if role == "motion":
                motion.append(name)
            continue
        # the same JSON path in several parts: the first readable copy speaks for all
        chosen = next((r for r in members if r[3] != "bad"), members[0])
        json_ids[name] = int(chosen[0])
        jsons.append(JsonInfo(name, str(chosen[3]), str(chosen[4] or ""), chosen[5]))
        duplicates.extend((int(r[0]), name) for r in members if r is not chosen)
    result = match_folder(
        [n for n in media_ids if n not in set(motion)],
        jsons,
        motion=motion,
        kind_of=lambda n: media_kind(n, images, videos),
    )
    match_rows = []
    for name, match in result.media.items():
        sidecar_id = json_ids[match.sidecar] if match.sidecar else None
        for member_id in media_ids[name]:
            match_rows.append((member_id, match.outcome, match.rule, sidecar_id, match.detail))
    json_rows = [(json_ids[n], o.outcome, o.detail) for n, o in result.json.items()]
    json_rows += [(mid, "duplicate", f"same path as member {json_ids[n]}") for mid, n in duplicates]
    pair_rows = [
        (media_ids[still][0], media_ids[video][0], evidence)
        for still, video, evidence in result.live_pairs
    ]

    def write() -> None:
        in_dir = "SELECT id FROM takeout_members WHERE dir_id = ?"
        for table, column in (
            ("takeout_matches", "member_id"),
            ("takeout_json", "member_id"),
            ("takeout_live_pairs", "still_id"),
        ):
            conn.execute(f"DELETE FROM {table} WHERE {column} IN ({in_dir})", (dir_id,))
        conn.executemany(
            "INSERT OR REPLACE INTO takeout_matches (member_id, outcome, rule, sidecar_id, detail) "
            "VALUES (?, ?, ?, ?, ?)",
            match_rows,
        )
        conn.executemany(
            "INSERT OR REPLACE INTO takeout_json (member_id, outcome, detail) VALUES (?, ?, ?)",
            json_rows,
        )
        conn.executemany(
            "INSERT OR REPLACE INTO takeout_live_pairs (still_id, video_id, evidence) "
            "VALUES (?, ?, ?)",
            pair_rows,
        )
        conn.execute("UPDATE takeout_dirs SET dirty = 0 WHERE id = ?", (dir_id,))

    _transaction(conn, write)


def _dir_crc(conn: sqlite3.Connection, member_id: int) -> int | None:
    """Read a folder member once to get its CRC-32 (recorded); None if it cannot be read."""
    row = conn.execute(
        "SELECT p.path, p.kind, p.size, p.mtime_ns, p.prefix, m.path, m.size, m.mtime_ns, "
        "m.crc32 FROM takeout_members m JOIN takeout_parts p ON p.id = m.part_id "
        "WHERE m.id = ?",
        (member_id,),
    ).fetchone()
    if row is None:
        return None
    if row[8] is not None:
        return int(row[8])
    if row[1] != PartKind.DIR.value:
        return None
    part = PartRef(py_text(row[0]), PartKind.DIR, int(row[2]), int(row[3]), py_text(row[4]))
    member = RawMember(
        path=py_text(row[5]), size=int(row[6]), csize=int(row[6]), method=0, offset=0,
        crc32=None, mtime_ns=int(row[7]),
    )  # fmt: skip
    crc = 0
    try:
        with open_dir_member(part, member) as stream:
            while chunk := stream.read(1 << 20):
                crc = zlib.crc32(chunk, crc)
    except (MemberError, OSError):
        return None
    conn.execute("UPDATE takeout_members SET crc32 = ? WHERE id = ?", (crc, member_id))
    return crc


def _copies(conn: sqlite3.Connection) -> None:
    conn.execute(
        "UPDATE takeout_matches SET outcome = 'unmatched', rule = 'no-sidecar', "
        "sidecar_id = NULL, detail = '' WHERE rule = 'copy'"
    )
    pending = conn.execute(
        "SELECT m.id, m.size, m.crc32, m.name FROM takeout_matches x "
        f"JOIN takeout_members m ON m.id = x.member_id {_ACTIVE} "
        "WHERE x.rule = 'no-sidecar' AND m.role = 'media' ORDER BY m.id"
    ).fetchall()
    with_sidecar = (
        f"FROM takeout_members m {_ACTIVE} JOIN takeout_matches x ON x.member_id = m.id "
        "WHERE x.sidecar_id IS NOT NULL AND x.rule != 'copy' AND m.size = ?"
    )
    by_crc = (
        f"SELECT x.sidecar_id, m.path, p.path {with_sidecar} AND m.crc32 = ? "
        "ORDER BY x.outcome = 'matched' DESC, m.id LIMIT 1"
    )
    unsummed = f"SELECT m.id {with_sidecar} AND m.name = ? AND m.crc32 IS NULL"
    updates = []
    for member_id, size, crc, name in pending:
        if conn.execute(f"SELECT 1 {with_sidecar} LIMIT 1", (size,)).fetchone() is None:
            continue  # nothing of that size has a sidecar: no copy to borrow from
        if crc is None:
            crc = _dir_crc(conn, member_id)  # an extracted folder has no CRC to compare
            if crc is None:
                continue
        found = conn.execute(by_crc, (size, crc)).fetchone()
        if found is None:
            # folder copies are checksummed only when they might be a copy: same name
            for (candidate,) in conn.execute(unsummed, (size, name)).fetchall():
                _dir_crc(conn, candidate)
            found = conn.execute(by_crc, (size, crc)).fetchone()
        if found is not None:
            detail = f"identical copy {py_text(found[1])} in {py_text(found[2])}"
            updates.append(("fallback", "copy", found[0], detail, member_id))
    conn.executemany(
        "UPDATE takeout_matches SET outcome = ?, rule = ?, sidecar_id = ?, detail = ? "
        "WHERE member_id = ?",
        updates,
    )


def _album_refs(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM takeout_album_refs")
    conn.execute(
        "UPDATE takeout_json SET outcome = 'orphan', detail = '' WHERE outcome = 'album-ref'"
    )
    orphans = conn.execute(
        "SELECT j.member_id, s.title, s.taken, m.dir_id FROM takeout_json j "
        f"JOIN takeout_members m ON m.id = j.member_id {_ACTIVE} "
        "JOIN takeout_dirs d ON d.id = m.dir_id AND d.kind = ? "
        "JOIN takeout_sidecars s ON s.member_id = j.member_id "
        "WHERE j.outcome = 'orphan' AND s.kind = 'media' AND s.taken IS NOT NULL",
        (DirKind.ALBUM.value,),
    ).fetchall()
    targets_sql = (
        "SELECT x.member_id FROM takeout_sidecars s "
        "JOIN takeout_matches x ON x.sidecar_id = s.member_id "
        f"JOIN takeout_members m ON m.id = x.member_id {_ACTIVE} "
        "WHERE s.title = ? AND s.taken = ? AND s.kind = 'media' AND m.dir_id != ? "
        "AND m.role = 'media'"
    )
    for json_id, title, taken, dir_id in orphans:
        targets = [r[0] for r in conn.execute(targets_sql, (title, taken, dir_id))]
        if not targets:
            continue
        conn.executemany(
            "INSERT OR IGNORE INTO takeout_album_refs (sidecar_id, member_id) VALUES (?, ?)",
            [(json_id, t) for t in targets],
        )
        conn.execute(
            "UPDATE takeout_json SET outcome = 'album-ref', detail = ? WHERE member_id = ?",
            (f"stands for {len(targets)} file(s) in other folders", json_id),
        )


def resolve(
    conn: sqlite3.Connection,
    *,
    images: frozenset[str],
    videos: frozenset[str],
    check: Callable[[], None] = lambda: None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Match every dirty folder, then the cross-folder steps; returns the folders matched."""
    dirty = [int(r[0]) for r in conn.execute("SELECT id FROM takeout_dirs WHERE dirty = 1")]
    for done, dir_id in enumerate(dirty, 1):
        check()
        _match_dir(conn, dir_id, images, videos)
        if progress is not None:
            progress(done, len(dirty))
    if dirty:

        def cross() -> None:
            _copies(conn)
            _album_refs(conn)

        _transaction(conn, cross)
    return len(dirty)
