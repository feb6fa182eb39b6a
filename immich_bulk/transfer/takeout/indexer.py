"""Reading parts into the index (blocking; run in a worker thread).

:func:`refresh` brings the index up to date with the parts given to this run:

* a part already indexed with the same path, kind, size and mtime (a folder: the same
  listing digest) is **reused** -- not opened at all;
* a new part is read (:func:`.parts.iter_members`): every member is recorded with its
  folder and role, every JSON file parsed (:mod:`.sidecar`) and stored as a typed record;
* a part that changed, or whose reading was interrupted, is forgotten and read again;
* the parts given become the **active** set; matching (:mod:`.resolve`) only sees members
  of active parts, and folders touched by a part that joined or left are marked for
  re-matching.

Writes go in transactions of :data:`BATCH` members, so a run killed mid-part loses at
most the part it was reading (it is read again next time); memory holds one batch.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable, Sequence

import attrs

from .folders import dir_kind, locate
from .names import nfc, sanitize_title
from .parts import Listed, PartKind, PartRef, dir_fingerprint, iter_members
from .roles import IMAGE_EXTENSIONS, VIDEO_EXTENSIONS, member_role
from .sidecar import MediaSidecar, OtherJson, SidecarError, parse_sidecar, sidecar_record
from .store import db_text

__all__ = ["BATCH", "IndexOptions", "IndexProgress", "PartStatus", "iter_members", "refresh"]

#: Members written per transaction (what is held in memory meanwhile).
BATCH = 1000
_PROGRESS_EVERY = 1000
_CHECK_EVERY = 256  # members between checks for cancellation


def _extensions(value: frozenset[str] | set[str] | Sequence[str]) -> frozenset[str]:
    return frozenset(e.lower() if e.startswith(".") else "." + e.lower() for e in value)


@attrs.frozen(kw_only=True)
class IndexOptions:
    """What decides a member's role (changing it re-reads every part)."""

    image_extensions: frozenset[str] = attrs.field(default=IMAGE_EXTENSIONS, converter=_extensions)
    video_extensions: frozenset[str] = attrs.field(default=VIDEO_EXTENSIONS, converter=_extensions)
    max_json_bytes: int = 16 << 20
    """JSON files larger than this are not parsed (reported as bad)."""

    def signature(self) -> str:
        text = "|".join(
            (
                ",".join(sorted(self.image_extensions)),
                ",".join(sorted(self.video_extensions)),
                str(self.max_json_bytes),
            )
        )
        return hashlib.sha1(text.encode()).hexdigest()


@attrs.frozen(kw_only=True)
class IndexProgress:
    """Where indexing is (delivered every thousand members and at each part's end)."""

    part: str
    part_number: int
    """1-based position of *part* among the parts of this run."""
    parts: int
    members: int
    """Members of *part* recorded so far."""
    reused: bool
    done: bool


@attrs.frozen(kw_only=True)
class PartStatus:
    """One part of this run, after :func:`refresh`."""

    path: str
    kind: PartKind
    members: int
    reused: bool
    """Known from an earlier run: not read again."""
    seconds: float
    """Time spent reading it (in the run that read it)."""


ProgressFn = Callable[[IndexProgress], None]
CheckFn = Callable[[], None]


def _noop() -> None:
    pass


class _Writer:
    """Records the members of one part in batches."""

    def __init__(
        self, conn: sqlite3.Connection, part_id: int, part: PartRef, options: IndexOptions
    ) -> None:
        self.conn = conn
        self.part_id = part_id
        self.part = part
        self.options = options
        self.dirs: dict[tuple[str, str], int] = {}
        row = conn.execute("SELECT coalesce(max(id), 0) FROM takeout_members").fetchone()
        self.next_id = int(row[0]) + 1
        self.members: list[tuple[object, ...]] = []
        self.sidecars: list[tuple[object, ...]] = []
        self.count = 0

    def dir_id(self, service: str, folder: str) -> int:
        key = (db_text(service), db_text(folder))
        found = self.dirs.get(key)
        if found is not None:
            return found
        conn = self.conn
        conn.execute(
            "INSERT OR IGNORE INTO takeout_dirs (service, folder, kind, dirty) VALUES (?, ?, ?, 1)",
            (*key, dir_kind(folder).value),
        )
        conn.execute("UPDATE takeout_dirs SET dirty = 1 WHERE service = ? AND folder = ?", key)
        row = conn.execute(
            "SELECT id FROM takeout_dirs WHERE service = ? AND folder = ?", key
        ).fetchone()
        self.dirs[key] = int(row[0])
        return self.dirs[key]

    def add(self, listed: Listed) -> None:
        member = listed.member
        where = locate(nfc(self.part.prefix + member.path))
        dir_id = self.dir_id(where.service, where.folder)
        options = self.options
        role = member_role(where.name, options.image_extensions, options.video_extensions)
        member_id = self.next_id
        self.next_id += 1
        self.members.append(
            (
                member_id, self.part_id, dir_id, db_text(where.name), db_text(member.path), role,
                member.size,
                member.csize, member.method, member.offset, member.crc32, member.mtime_ns,
            )
        )  # fmt: skip
        if role == "json":
            self.sidecars.append(self._sidecar(member_id, listed))
        self.count += 1
        if len(self.members) >= BATCH:
            self.flush()

    def _sidecar(self, member_id: int, listed: Listed) -> tuple[object, ...]:
        if listed.error is not None:
            return (member_id, "bad", None, None, None, f"unreadable: {listed.error}")
        if listed.content is None:
            return (member_id, "bad", None, None, None, f"too large ({listed.member.size} bytes)")
        try:
            record = parse_sidecar(listed.content)
        except SidecarError as exc:
            return (member_id, "bad", None, None, None, str(exc))
        if isinstance(record, MediaSidecar):
            title = sanitize_title(record.title)
            return (member_id, "media", title, record.taken, sidecar_record(record), None)
        if isinstance(record, OtherJson):
            return (member_id, "other", None, None, sidecar_record(record), None)
        return (member_id, "album", record.title, record.date, sidecar_record(record), None)

    def flush(self) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(
                "INSERT INTO takeout_members (id, part_id, dir_id, name, path, role, size, "
                "csize, method, offset, crc32, mtime_ns) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.members,
            )
            conn.executemany(
                "INSERT INTO takeout_sidecars (member_id, kind, title, taken, record, error) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                self.sidecars,
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self.members.clear()
        self.sidecars.clear()


def _forget_part(conn: sqlite3.Connection, part_id: int) -> None:
    members = "SELECT id FROM takeout_members WHERE part_id = ?"
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "UPDATE takeout_dirs SET dirty = 1 WHERE id IN "
            "(SELECT DISTINCT dir_id FROM takeout_members WHERE part_id = ?)",
            (part_id,),
        )
        for table, column in (
            ("takeout_sidecars", "member_id"),
            ("takeout_matches", "member_id"),
            ("takeout_json", "member_id"),
            ("takeout_live_pairs", "still_id"),
            ("takeout_live_pairs", "video_id"),
            ("takeout_album_refs", "member_id"),
            ("takeout_album_refs", "sidecar_id"),
        ):
            conn.execute(f"DELETE FROM {table} WHERE {column} IN ({members})", (part_id,))
        conn.execute("DELETE FROM takeout_members WHERE part_id = ?", (part_id,))
        conn.execute("DELETE FROM takeout_parts WHERE id = ?", (part_id,))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _wipe(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in (
            "takeout_parts", "takeout_dirs", "takeout_members", "takeout_sidecars",
            "takeout_matches", "takeout_json", "takeout_album_refs", "takeout_live_pairs",
        ):  # fmt: skip
            conn.execute(f"DELETE FROM {table}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _read_part(
    conn: sqlite3.Connection,
    part: PartRef,
    fingerprint: str,
    options: IndexOptions,
    *,
    number: int,
    total: int,
    progress: ProgressFn | None,
    check: CheckFn,
) -> PartStatus:
    started = time.monotonic()
    cur = conn.execute(
        "INSERT INTO takeout_parts (path, kind, size, mtime_ns, fingerprint, prefix, indexed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            db_text(part.path),
            part.kind.value,
            part.size,
            part.mtime_ns,
            fingerprint,
            db_text(part.prefix),
            time.time(),
        ),
    )
    part_id = int(cur.lastrowid or 0)
    writer = _Writer(conn, part_id, part, options)
    limit = options.max_json_bytes

    def want(path: str, size: int) -> bool:
        return size <= limit and path.lower().endswith(".json")

    for listed in iter_members(part, want):
        writer.add(listed)
        if writer.count % _CHECK_EVERY == 0:
            check()
        if writer.count % _PROGRESS_EVERY == 0 and progress is not None:
            progress(
                IndexProgress(
                    part=part.path, part_number=number, parts=total,
                    members=writer.count, reused=False, done=False,
                )
            )  # fmt: skip
    writer.flush()
    seconds = time.monotonic() - started
    conn.execute(
        "UPDATE takeout_parts SET complete = 1, members = ?, seconds = ? WHERE id = ?",
        (writer.count, seconds, part_id),
    )
    return PartStatus(
        path=part.path, kind=part.kind, members=writer.count, reused=False, seconds=seconds
    )


def _set_active(conn: sqlite3.Connection, part_ids: Sequence[int]) -> None:
    marks = ", ".join("?" * len(part_ids)) or "NULL"
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "UPDATE takeout_dirs SET dirty = 1 WHERE id IN (SELECT DISTINCT m.dir_id "
            "FROM takeout_members m JOIN takeout_parts p ON p.id = m.part_id "
            f"WHERE p.active != (p.id IN ({marks})))",
            tuple(part_ids),
        )
        conn.execute(f"UPDATE takeout_parts SET active = (id IN ({marks}))", tuple(part_ids))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def refresh(
    conn: sqlite3.Connection,
    parts: Sequence[PartRef],
    options: IndexOptions,
    *,
    progress: ProgressFn | None = None,
    check: CheckFn = _noop,
) -> list[PartStatus]:
    """Index *parts* (reusing what is known) and make them the active set."""
    signature = options.signature()
    row = conn.execute("SELECT value FROM takeout_meta WHERE key = 'options'").fetchone()
    if row is None or row[0] != signature:
        _wipe(conn)
        conn.execute(
            "INSERT OR REPLACE INTO takeout_meta (key, value) VALUES ('options', ?)", (signature,)
        )
    unique = list({p.path: p for p in parts}.values())
    statuses: list[PartStatus] = []
    active: list[int] = []
    for number, part in enumerate(unique, 1):
        check()
        fingerprint = dir_fingerprint(part) if part.kind is PartKind.DIR else ""
        known = conn.execute(
            "SELECT id, kind, size, mtime_ns, fingerprint, prefix, complete, members, seconds "
            "FROM takeout_parts WHERE path = ?",
            (db_text(part.path),),
        ).fetchone()
        if known is not None:
            same = (known[1], known[2], known[3], known[4], known[5]) == (
                part.kind.value, part.size, part.mtime_ns, fingerprint, db_text(part.prefix),
            )  # fmt: skip
            if same and known[6]:
                active.append(int(known[0]))
                statuses.append(
                    PartStatus(
                        path=part.path, kind=part.kind, members=int(known[7]),
                        reused=True, seconds=float(known[8]),
                    )
                )  # fmt: skip
                if progress is not None:
                    progress(
                        IndexProgress(
                            part=part.path, part_number=number, parts=len(unique),
                            members=int(known[7]), reused=True, done=True,
                        )
                    )  # fmt: skip
                continue
            _forget_part(conn, int(known[0]))
        status = _read_part(
            conn, part, fingerprint, options,
            number=number, total=len(unique), progress=progress, check=check,
        )  # fmt: skip
        part_id = conn.execute(
            "SELECT id FROM takeout_parts WHERE path = ?", (db_text(part.path),)
        ).fetchone()[0]
        active.append(int(part_id))
        statuses.append(status)
        if progress is not None:
            progress(
                IndexProgress(
                    part=part.path, part_number=number, parts=len(unique),
                    members=status.members, reused=False, done=True,
                )
            )  # fmt: skip
    _set_active(conn, active)
    return statuses
