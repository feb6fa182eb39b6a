"""Compare two libraries after a migration and list every difference.

:func:`verify_migration` lists the source (with the same selection as the migration) and
the whole target library, page by page, into a temporary SQLite database (so memory stays
flat for any library size), then compares them by checksum:

==================  ===============================================================
kind                the difference
==================  ===============================================================
``unlisted``        a server counts more assets than its search lists: not all compared
``missing``         a source asset is not on the target (no asset with its checksum)
``trash``           trashed on one side only
``favorite``        the favourite flag differs
``visibility``      timeline / archive / hidden / locked differs
``description``     the source's description is not the target's
``rating``          the source's rating is not the target's
``date``            the capture date (dateTimeOriginal) differs (to the second)
``location``        latitude/longitude differ
``live_photo``      a still is not linked to the same motion video on the target
``album_missing``   a source album has no album of that name on the target
``album_member``    an asset on the target is missing from the album of that name
``stack``           a stack is missing, or its primary asset or members differ
``tag``             an asset on the target lacks a tag (by value) it has on the source
==================  ===============================================================

Assets only on the target are counted (``target_only``) but are not differences: a target
may hold more than what was migrated. Fields the migration was told not to preserve are
not compared.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import attrs

from ...errors import ImmichError
from ...models import AssetResponseDto, ExifResponseDto
from ..events import EventHub, Listener, Notice
from ..local.hashing import parse_checksum
from ..overrides import VerifyOverrides, apply_overrides
from ..server.listing import own_albums, same_id
from ..state.db import Connection, Database
from .listing import MEMBER_PASSES, AssetLister, Selection, pick_albums
from .options import MigrateConfig, MigrateOptions

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ...client import AsyncClient

__all__ = ["DIFFERENCE_KINDS", "Difference", "MigrationDiff", "verify_migration"]

T = TypeVar("T")

DIFFERENCE_KINDS = (
    "unlisted",
    "missing",
    "trash",
    "favorite",
    "visibility",
    "description",
    "rating",
    "date",
    "location",
    "live_photo",
    "album_missing",
    "album_member",
    "stack",
    "tag",
)
#: Differences kept in memory on the diff (all of them are in ``differences()``).
MAX_IN_MEMORY = 1000


@attrs.frozen(kw_only=True)
class Difference:
    """One difference between the source and the target."""

    kind: str
    detail: str
    checksum: str | None = None  # SHA-1, hex
    source_id: str | None = None
    target_id: str | None = None
    name: str | None = None  # a file name, an album name or a tag value

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in attrs.asdict(self).items() if v is not None}


class MigrationDiff:
    """The result of :func:`verify_migration`: counts per kind, the differences (spooled
    to a temporary file, read back by :meth:`differences`), and the library sizes."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="immich-bulk-diff-")  # noqa: SIM115
        self.counts: Counter[str] = Counter()
        self.first: list[Difference] = []
        """The first differences (up to 1000), in memory."""
        self.source_assets = 0
        self.target_assets = 0
        self.target_only = 0
        """Target assets with no counterpart in the source selection (not a difference)."""
        self.albums_compared = 0
        self.stacks_compared = 0
        self.tags_compared = 0
        self.notes: list[str] = []
        self.seconds = 0.0

    def add(self, difference: Difference) -> None:
        self.counts[difference.kind] += 1
        if len(self.first) < MAX_IN_MEMORY:
            self.first.append(difference)
        line = json.dumps(difference.to_dict(), ensure_ascii=True, separators=(",", ":"))
        self._file.write(line.encode("ascii") + b"\n")

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def ok(self) -> bool:
        """True when nothing differs."""
        return self.total == 0

    def differences(self) -> Iterator[Difference]:
        """Every difference, in the order found."""
        self._file.flush()
        with open(self._file.fileno(), "rb", closefd=False) as reader:
            reader.seek(0)
            for line in reader:
                yield Difference(**json.loads(line))

    def summary(self) -> str:
        head = (
            f"verify: {self.source_assets} source assets, {self.target_assets} target assets "
            f"({self.target_only} only on the target), {self.albums_compared} albums, "
            f"{self.stacks_compared} stacks, {self.tags_compared} tags compared: "
        )
        if self.ok:
            return head + "no differences"
        parts = ", ".join(f"{n} {kind}" for kind, n in sorted(self.counts.items()))
        return head + f"{self.total} differences ({parts})"

    def to_dict(self, *, differences: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": "verify",
            "ok": self.ok,
            "source_assets": self.source_assets,
            "target_assets": self.target_assets,
            "target_only": self.target_only,
            "albums": self.albums_compared,
            "stacks": self.stacks_compared,
            "tags": self.tags_compared,
            "counts": dict(sorted(self.counts.items())),
            "seconds": round(self.seconds, 3),
            "notes": list(self.notes),
        }
        if differences:
            data["differences"] = [d.to_dict() for d in self.differences()]
        return data

    def close(self) -> None:
        self._file.close()

    def __repr__(self) -> str:
        return f"<MigrationDiff ok={self.ok} differences={self.total}>"


# --------------------------------------------------------------------------- storage

_TABLES = (
    """CREATE TABLE {side} (checksum BLOB PRIMARY KEY, id TEXT NOT NULL, name TEXT,
        fav INTEGER, vis TEXT, trashed INTEGER, descr TEXT, rating INTEGER, dto TEXT,
        lat REAL, lon REAL, live TEXT)""",
    "CREATE INDEX {side}_by_id ON {side} (id)",
    "CREATE TABLE {side}_extra (id TEXT PRIMARY KEY, checksum BLOB NOT NULL)",
    "CREATE TABLE {side}_album (name TEXT NOT NULL, checksum BLOB NOT NULL, "
    "PRIMARY KEY (name, checksum))",
    "CREATE TABLE {side}_album_name (name TEXT PRIMARY KEY, source_id TEXT)",
    "CREATE TABLE {side}_stack (stack TEXT NOT NULL, checksum BLOB NOT NULL, "
    "is_primary INTEGER NOT NULL, PRIMARY KEY (stack, checksum))",
    "CREATE INDEX {side}_stack_by_checksum ON {side}_stack (checksum)",
    "CREATE TABLE {side}_tag (value TEXT NOT NULL, checksum BLOB NOT NULL, "
    "PRIMARY KEY (value, checksum))",
)


class _Sql:
    """The comparison's working storage: a scratch database of the state package's one
    SQLite wrapper (its thread, its error type), in a temporary directory."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def insert(self, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            await self.db.read(lambda c: c.insert_now(sql, rows))

    async def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return await self.db.read(lambda c: c.query(sql, params))


def _sha1(value: str) -> bytes | None:
    try:
        return parse_checksum(value)
    except ValueError:
        return None


def _second(value: Any) -> str | None:
    if not isinstance(value, dt.datetime):
        return None
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)
    return aware.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()


def _row(asset: AssetResponseDto) -> tuple[Any, ...] | None:
    sha1 = _sha1(asset.checksum)
    if sha1 is None:
        return None
    exif = asset.exif_info
    descr = rating = dto = lat = lon = None
    if isinstance(exif, ExifResponseDto):
        descr = exif.description if isinstance(exif.description, str) else None
        rating = int(exif.rating) if isinstance(exif.rating, (int, float)) else None
        dto = _second(exif.date_time_original)
        lat = exif.latitude if isinstance(exif.latitude, (int, float)) else None
        lon = exif.longitude if isinstance(exif.longitude, (int, float)) else None
    live = asset.live_photo_video_id if isinstance(asset.live_photo_video_id, str) else None
    return (
        sha1,
        asset.id,
        asset.original_file_name,
        int(bool(asset.is_favorite)),
        str(asset.visibility),
        int(bool(asset.is_trashed)),
        descr,
        rating,
        dto,
        lat,
        lon,
        live,
    )


# --------------------------------------------------------------------------- the check


class _Verifier:
    def __init__(
        self,
        source: AsyncClient,
        target: AsyncClient,
        selection: Selection,
        preserve: frozenset[str],
        page_size: int,
        hub: EventHub,
        sql: _Sql,
    ) -> None:
        self.source = source
        self.target = target
        self.selection = selection
        self.preserve = preserve
        self.page_size = page_size
        self.hub = hub
        self.sql = sql
        self.diff = MigrationDiff()
        self.source_user = ""
        self.target_user = ""

    def _notice(self, message: str) -> None:
        self.hub.emit(Notice(message=message))

    async def run(self) -> MigrationDiff:
        started = time.monotonic()
        self.source_user = (await self.source.users.get_my_user()).id
        self.target_user = (await self.target.users.get_my_user()).id
        scopes: list[str | None] = [None]
        source_albums = await own_albums(self.source, self.source_user)
        if self.selection.albums is not None:
            source_albums, missing = pick_albums(source_albums, self.selection.albums)
            if missing:
                raise ValueError("no album of the source user is named " + ", ".join(missing))
            scopes = [a.id for a in source_albums]
        self._notice("verify: listing the source")
        await self._list_side("src", self.source, self.source_user, self.selection, scopes)
        self._notice("verify: listing the target")
        everything = Selection(include_trashed=True)
        await self._list_side("tgt", self.target, self.target_user, everything, [None])
        await self._resolve_live()
        if "albums" in self.preserve:
            await self._albums(source_albums)
        if "stacks" in self.preserve:
            await self._stacks()
        if "tags" in self.preserve:
            await self._tags()
        await self._compare()
        self.diff.seconds = time.monotonic() - started
        return self.diff

    async def _list_side(
        self,
        side: str,
        client: AsyncClient,
        user: str,
        selection: Selection,
        scopes: Sequence[str | None],
    ) -> None:
        passes = list(MEMBER_PASSES) if side == "tgt" else None
        lister = AssetLister(
            client,
            user,
            selection,
            page_size=self.page_size,
            scopes=scopes,
            passes=passes,
            check_counts=True,
        )
        count = 0
        async for page in lister.pages():
            rows = [r for r in (_row(a) for a in page) if r is not None]
            count += len(rows)
            await self.sql.insert(
                f"INSERT OR IGNORE INTO {side} VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows
            )
        if lister.refused:
            where = "source" if side == "src" else "target"
            self.diff.notes.append(
                f"the {where}'s locked folder could not be listed (it needs a PIN session)"
            )
        where = "source" if side == "src" else "target"
        for visibility, missing in lister.shortfalls:
            self._add(
                "unlisted",
                f"the {where} counts {missing} more {visibility} assets than its search "
                "returned (assets whose metadata is not extracted yet); they were not compared",
                (None, None, None, visibility),
            )
        if side == "src":
            self.diff.source_assets = count
        else:
            self.diff.target_assets = count

    async def _resolve_live(self) -> None:
        """Motion parts the source selection did not list (a filter left them out)."""
        if "live_photos" not in self.preserve:
            return
        rows = await self.sql.query(
            "SELECT DISTINCT s.live FROM src s WHERE s.live IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM src v WHERE v.id = s.live)"
        )
        extra = []
        for (video_id,) in rows:
            try:
                info = await self.source.assets.get_asset_info(video_id)
            except ImmichError:
                continue
            sha1 = _sha1(info.checksum)
            if sha1 is not None:
                extra.append((video_id, sha1))
        await self.sql.insert("INSERT OR IGNORE INTO src_extra VALUES (?, ?)", extra)

    async def _members(
        self, client: AsyncClient, user: str, **extra: Any
    ) -> AsyncIterator[list[bytes]]:
        lister = AssetLister(
            client,
            user,
            Selection(include_trashed=True),
            page_size=self.page_size,
            passes=MEMBER_PASSES,
            scopes=(extra.pop("album_id", None),),
            extra={"with_exif": False, **extra},
        )
        async for page in lister.pages():
            yield [s for s in (_sha1(a.checksum) for a in page) if s is not None]

    async def _albums(self, source_albums: Iterable[Any]) -> None:
        for album in source_albums:
            self.diff.albums_compared += 1
            await self.sql.insert(
                "INSERT OR IGNORE INTO src_album_name VALUES (?, ?)", [(album.album_name, album.id)]
            )
            async for sums in self._members(self.source, self.source_user, album_id=album.id):
                await self.sql.insert(
                    "INSERT OR IGNORE INTO src_album VALUES (?, ?)",
                    [(album.album_name, s) for s in sums],
                )
        names = {n for (n,) in await self.sql.query("SELECT name FROM src_album_name")}
        for album in await own_albums(self.target, self.target_user):
            if album.album_name not in names:
                continue
            await self.sql.insert(
                "INSERT OR IGNORE INTO tgt_album_name VALUES (?, ?)", [(album.album_name, album.id)]
            )
            async for sums in self._members(self.target, self.target_user, album_id=album.id):
                await self.sql.insert(
                    "INSERT OR IGNORE INTO tgt_album VALUES (?, ?)",
                    [(album.album_name, s) for s in sums],
                )

    async def _stacks(self) -> None:
        for side, client, user in (
            ("src", self.source, self.source_user),
            ("tgt", self.target, self.target_user),
        ):
            rows = []
            for stack in await client.stacks.search_stacks():
                for asset in stack.assets:
                    sha1 = _sha1(asset.checksum)
                    if sha1 is not None and same_id(asset.owner_id, user):
                        rows.append((stack.id, sha1, int(asset.id == stack.primary_asset_id)))
            await self.sql.insert(f"INSERT OR IGNORE INTO {side}_stack VALUES (?, ?, ?)", rows)

    async def _tags(self) -> None:
        source_tags = await self.source.tags.get_all_tags()
        target_tags = {t.value: t for t in await self.target.tags.get_all_tags()}
        for tag in source_tags:
            self.diff.tags_compared += 1
            async for sums in self._members(self.source, self.source_user, tag_ids=[tag.id]):
                await self.sql.insert(
                    "INSERT OR IGNORE INTO src_tag VALUES (?, ?)", [(tag.value, s) for s in sums]
                )
            other = target_tags.get(tag.value)
            if other is None:
                continue
            async for sums in self._members(self.target, self.target_user, tag_ids=[other.id]):
                await self.sql.insert(
                    "INSERT OR IGNORE INTO tgt_tag VALUES (?, ?)", [(tag.value, s) for s in sums]
                )

    # ---- comparison

    def _add(self, kind: str, detail: str, row: Sequence[Any] = ()) -> None:
        checksum, source_id, target_id, name = (list(row) + [None] * 4)[:4]
        self.diff.add(
            Difference(
                kind=kind,
                detail=detail,
                checksum=bytes(checksum).hex() if checksum is not None else None,
                source_id=source_id,
                target_id=target_id,
                name=name,
            )
        )

    async def _compare(self) -> None:
        q = self.sql.query
        diff = self.diff
        diff.target_only = (
            await q(
                "SELECT count(*) FROM tgt t WHERE NOT EXISTS "
                "(SELECT 1 FROM src s WHERE s.checksum = t.checksum)"
            )
        )[0][0]
        for row in await q(
            "SELECT s.checksum, s.id, NULL, s.name FROM src s WHERE NOT EXISTS "
            "(SELECT 1 FROM tgt t WHERE t.checksum = s.checksum) ORDER BY s.name"
        ):
            self._add("missing", "not on the target", row)
        pair = (
            "SELECT s.checksum, s.id, t.id, s.name, {cols} "
            "FROM src s JOIN tgt t USING (checksum) WHERE {cond}"
        )
        checks: list[tuple[str, str, str, str]] = [
            ("trash", "s.trashed, t.trashed", "s.trashed != t.trashed", "trashed {4} -> {5}"),
        ]
        if "favorite" in self.preserve:
            checks.append(("favorite", "s.fav, t.fav", "s.fav != t.fav", "favourite {4} -> {5}"))
        visibility_cond = "s.vis != t.vis"
        if "archive" not in self.preserve:
            visibility_cond += (
                " AND NOT (s.vis IN ('archive','timeline') AND t.vis IN ('archive','timeline'))"
            )
        checks.append(("visibility", "s.vis, t.vis", visibility_cond, "visibility {4} -> {5}"))
        if "description" in self.preserve:
            checks.append(
                (
                    "description",
                    "s.descr, t.descr",
                    "coalesce(s.descr, '') != '' AND coalesce(t.descr, '') != s.descr",
                    "description {4!r} -> {5!r}",
                )
            )
        if "rating" in self.preserve:
            checks.append(
                (
                    "rating",
                    "s.rating, t.rating",
                    "coalesce(s.rating, 0) != 0 AND coalesce(t.rating, 0) != s.rating",
                    "rating {4} -> {5}",
                )
            )
        if "date_time_original" in self.preserve:
            checks.append(
                (
                    "date",
                    "s.dto, t.dto",
                    "s.dto IS NOT NULL AND t.dto IS NOT NULL AND s.dto != t.dto",
                    "taken {4} -> {5}",
                )
            )
        if "location" in self.preserve:
            checks.append(
                (
                    "location",
                    "s.lat, s.lon, t.lat, t.lon",
                    "s.lat IS NOT NULL AND s.lon IS NOT NULL AND (t.lat IS NULL OR t.lon IS NULL "
                    "OR abs(s.lat - t.lat) > 1e-5 OR abs(s.lon - t.lon) > 1e-5)",
                    "location ({4}, {5}) -> ({6}, {7})",
                )
            )
        for kind, cols, cond, text in checks:
            for row in await q(pair.format(cols=cols, cond=cond)):
                self._add(kind, text.format(*row), row)
        if "live_photos" in self.preserve:
            for row in await q(
                "SELECT s.checksum, s.id, t.id, s.name, "
                "coalesce((SELECT v.checksum FROM src v WHERE v.id = s.live), "
                "(SELECT e.checksum FROM src_extra e WHERE e.id = s.live)) AS want, "
                "(SELECT v.checksum FROM tgt v WHERE v.id = t.live) AS have "
                "FROM src s JOIN tgt t USING (checksum) WHERE s.live IS NOT NULL"
            ):
                want, have = row[4], row[5]
                if want is None:
                    continue  # the source's motion part is unreadable: nothing to compare
                if have is None:
                    self._add("live_photo", "not linked to its motion video", row)
                elif bytes(have) != bytes(want):
                    self._add("live_photo", "linked to another video", row)
        if "albums" in self.preserve:
            await self._compare_albums()
        if "stacks" in self.preserve:
            await self._compare_stacks()
        if "tags" in self.preserve:
            for row in await q(
                "SELECT st.checksum, s.id, t.id, st.value FROM src_tag st "
                "JOIN src s ON s.checksum = st.checksum JOIN tgt t ON t.checksum = st.checksum "
                "WHERE NOT EXISTS (SELECT 1 FROM tgt_tag tt "
                "WHERE tt.value = st.value AND tt.checksum = st.checksum)"
            ):
                self._add("tag", f"not tagged {row[3]!r} on the target", row)

    async def _compare_albums(self) -> None:
        q = self.sql.query
        selected = (
            "EXISTS (SELECT 1 FROM src_album a JOIN src s USING (checksum) WHERE a.name = n.name)"
        )
        cond = "1" if not self.selection.filters_assets else selected
        for (name,) in await q(
            f"SELECT n.name FROM src_album_name n WHERE {cond} AND NOT EXISTS "
            "(SELECT 1 FROM tgt_album_name t WHERE t.name = n.name) ORDER BY n.name"
        ):
            self._add(
                "album_missing", "no album of that name on the target", (None, None, None, name)
            )
        for row in await q(
            "SELECT a.checksum, s.id, t.id, a.name FROM src_album a "
            "JOIN src s USING (checksum) JOIN tgt t USING (checksum) "
            "WHERE EXISTS (SELECT 1 FROM tgt_album_name n WHERE n.name = a.name) "
            "AND NOT EXISTS (SELECT 1 FROM tgt_album b WHERE b.name = a.name "
            "AND b.checksum = a.checksum) ORDER BY a.name"
        ):
            self._add("album_member", f"not in album {row[3]!r} on the target", row)

    async def _compare_stacks(self) -> None:
        q = self.sql.query
        stacks = await q(
            "SELECT st.stack, st.checksum, st.is_primary FROM src_stack st "
            "JOIN src s USING (checksum) ORDER BY st.stack"
        )
        by_stack: dict[str, list[tuple[bytes, bool]]] = {}
        for stack, checksum, primary in stacks:
            by_stack.setdefault(stack, []).append((bytes(checksum), bool(primary)))
        for stack, members in by_stack.items():
            if len(members) < 2:
                continue
            self.diff.stacks_compared += 1
            primary = next((c for c, p in members if p), None)
            if primary is None:
                continue  # the primary is outside the selection
            found = await q(
                "SELECT t.stack FROM tgt_stack t WHERE t.checksum = ? AND t.is_primary = 1",
                (primary,),
            )
            row = (primary, None, None, f"stack {stack}")
            if not found:
                self._add("stack", "its primary asset heads no stack on the target", row)
                continue
            have = {
                bytes(c)
                for (c,) in await q(
                    "SELECT checksum FROM tgt_stack WHERE stack = ?", (found[0][0],)
                )
            }
            lacking = [c for c, _ in members if c not in have]
            if lacking:
                self._add(
                    "stack", f"{len(lacking)} of its assets are not in the target's stack", row
                )


async def verify_migration(
    source: AsyncClient,
    target: AsyncClient,
    *,
    options: MigrateOptions | None = None,
    config: MigrateConfig | None = None,
    on_event: Listener | None = None,
    **overrides: Unpack[VerifyOverrides],
) -> MigrationDiff:
    """Compare the source selection with the target library; see the module docs.

    Give the migration's *options* (its selection and *preserve*; or those fields as
    keywords: *albums*, *taken_after*, ..., *preserve*) and *config* (its ``page_size``;
    or ``page_size=``). ``diff.ok`` is True when nothing differs; ``diff.differences()``
    lists every difference.
    """
    options, config = apply_overrides(
        "verify_migration",
        options,
        MigrateOptions,
        config,
        MigrateConfig,
        overrides,
        nested={"selection": Selection},
        allowed=VerifyOverrides.__annotations__,
    )
    selection, wanted, page_size = options.selection, options.preserve, config.page_size
    hub = EventHub([on_event] if on_event else None)
    try:
        with tempfile.TemporaryDirectory(prefix="immich-bulk-verify-") as directory:
            opener = functools.partial(
                Connection.scratch,
                Path(directory) / "verify.sqlite3",
                [statement.format(side=side) for side in ("src", "tgt") for statement in _TABLES],
                "the verification's scratch database",
            )
            async with Database.over(opener) as db:
                verifier = _Verifier(
                    source, target, selection, wanted, min(page_size, 1000), hub, _Sql(db)
                )
                return await verifier.run()
    finally:
        hub.close()
