"""The second half of a migration: albums, stacks and tags, once the assets are there.

Each album, stack and tag of the source is one item of the report. Memberships are read
from the source page by page (a search per album or tag), mapped to target asset ids
through the migration journal, and applied on the target in batches; what the journal
says is done is not sent again. Only members that reached the target are added: an asset
outside the selection, or one that failed, is counted in the item's reason.

Tags: Immich's tag search includes the assets of descendant tags (``a`` finds what is
tagged ``a/b``), so for a tag with children the assets also found under a child are
looked up one by one, and the tag is applied only where the source has it explicitly.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import anyio
import attrs

from ..._types import UNSET
from ...errors import ImmichError
from ...models import (
    AlbumResponseDto,
    AssetOrder,
    AssetStackResponseDto,
    BulkIdsDto,
    CreateAlbumDto,
    StackCreateDto,
    StackUpdateDto,
    TagResponseDto,
    TagUpdateDto,
    TagUpsertDto,
    UpdateAlbumDto,
)
from .._engine import StageClock, single_errors
from ..events import EventHub, ItemDone, ItemFailed, ItemQueued
from ..report import Outcome, OutcomeLog
from ..server.albums import AlbumManager, AlbumProblem
from ..server.listing import own_albums, same_id
from .listing import MEMBER_PASSES, AssetLister, Selection
from .metadata import fingerprint

if TYPE_CHECKING:
    from ...client import AsyncClient
    from ..state import MigrationJournal, ServerJournal

__all__ = ["LinkMigrator", "LinkRun"]

_BATCH = 1000


def _chunks(items: list[str], size: int = _BATCH) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@attrs.frozen(kw_only=True)
class LinkRun:
    """What the links of a migration need from its run, passed in: the link phase reads
    these and reports through the callbacks, never through the migrator's own state."""

    source: AsyncClient
    target: AsyncClient
    source_user: str
    target_user: str
    selection: Selection
    preserve: frozenset[str]
    album_scopes: Sequence[str | None]
    """The selected albums' ids (``[None]``: every album)."""
    journal: MigrationJournal
    target_journal: ServerJournal | None
    hub: EventHub
    log: OutcomeLog
    clock: StageClock
    page_size: int
    album_batch_size: int
    link_concurrency: int
    finish: Callable[[Outcome], None]
    """Records the one outcome of an album, stack or tag."""
    problem: Callable[[str, str, str, BaseException | None], None]
    """``(item, stage, reason, exc)``: a failure that is not one item's."""
    note: Callable[..., None]
    """``(message, level="info")``: a line of the report's notes."""
    check_stop: Callable[[BaseException], bool]
    """Stops the run at a failure every other item would repeat (True: stopping)."""


class LinkMigrator:
    """Albums, stacks and tags of one migration run."""

    def __init__(self, run: LinkRun) -> None:
        self.m = run
        self.source = run.source
        self.target = run.target
        self.selection = run.selection
        self.counts: Counter[str] = Counter()
        self._album_problems: defaultdict[str, list[str]] = defaultdict(list)
        self._empty_albums: dict[str, str] = {}

    async def run(self) -> dict[str, int]:
        """Migrate the links; returns how many ended in each status."""
        preserve = self.m.preserve
        phases = (("albums", self._albums), ("stacks", self._stacks), ("tags", self._tags))
        for name, phase in phases:
            if name not in preserve:
                continue
            try:
                await phase()
            except ImmichError as exc:
                self.counts["failed"] += 1
                self.m.problem(f"{name}:*", "links", f"migrating the {name} stopped: {exc}", exc)
        return dict(sorted(self.counts.items()))

    # -- helpers ----------------------------------------------------------------------
    def _members(self, *, album_id: str | None = None, **extra: Any) -> AssetLister:
        """Every member (any visibility, trash included when selected) of one album or tag."""
        return AssetLister(
            self.source,
            self.m.source_user,
            Selection(include_trashed=self.selection.include_trashed),
            page_size=min(self.m.page_size, 1000),
            scopes=(album_id,),
            passes=MEMBER_PASSES,
            extra={"with_exif": False, **extra},
        )

    async def _member_ids(self, **extra: Any) -> set[str]:
        ids: set[str] = set()
        async for page in self._members(**extra).pages():
            ids.update(a.id for a in page)
        return ids

    def _queued(self, item: str) -> None:
        self.m.log.begin(item)
        self.m.hub.emit(ItemQueued(item=item))

    def _outcome(
        self,
        item: str,
        status: str,
        reason: str,
        *,
        target: str | None = None,
        exc: BaseException | None = None,
    ) -> None:
        """The one outcome of an album, stack or tag; a failure's *exc* may stop the run
        (the target gone: every other link would fail the same way)."""
        self.counts[status] += 1
        self.m.clock.touch()
        if status == "failed":
            self.m.hub.emit(ItemFailed(item=item, stage="links", reason=reason))
        else:
            self.m.hub.emit(ItemDone(item=item, stage="links", status=status, asset_id=target))
        self.m.finish(Outcome(item=item, status=status, reason=reason, asset_id=target))
        if exc is not None:
            self.m.check_stop(exc)

    # -- albums -----------------------------------------------------------------------
    async def _albums(self) -> None:
        m = self.m
        shared = await self.source.albums.get_all_albums(shared=True)
        foreign = [a for a in shared if not same_id(a.owner_id, m.source_user)]
        if foreign:
            m.note(
                f"{len(foreign)} albums shared with the source user by others are not "
                "migrated (their assets belong to other users)"
            )
        albums = await own_albums(self.source, m.source_user)
        if list(m.album_scopes) != [None]:
            wanted = set(m.album_scopes)
            albums = [a for a in albums if a.id in wanted]
        names = Counter(a.album_name for a in albums)
        for name, count in sorted(names.items()):
            if count > 1:
                m.note(f"{count} source albums are named {name!r}: merged into one on the target")

        def on_problem(problem: AlbumProblem) -> None:
            self._album_problems[problem.album].append(problem.reason)

        manager = AlbumManager(
            self.target,
            hub=m.hub,
            journal=m.target_journal,
            batch_size=m.album_batch_size,
            owner_id=m.target_user,
            on_problem=on_problem,
        )
        for album in albums:
            try:
                await self._album(manager, album)
            except ImmichError as exc:
                self._outcome(f"album:{album.album_name}", "failed", str(exc), exc=exc)

    async def _album(self, manager: AlbumManager, album: AlbumResponseDto) -> None:
        m = self.m
        name = album.album_name
        item = f"album:{name}"
        self._queued(item)
        if album.album_users:
            m.note(
                f"album {name!r} is shared with {len(album.album_users)} users on the source; "
                "the sharing is not recreated (users differ between servers)"
            )
        before = len(self._album_problems[name])
        existed = await manager.album_id(name) is not None or name in self._empty_albums
        listed = mapped = 0
        async for page in self._members(album_id=album.id).pages():
            ids = [a.id for a in page]
            listed += len(ids)
            targets = await m.journal.target_ids(ids)
            mapped += len(targets)
            if targets:
                await manager.add(name, targets.values())
        await manager.flush()
        album_id = await manager.album_id(name) or self._empty_albums.get(name)
        if album_id is None:
            named = self.selection.albums is not None  # chosen by name: made even if empty
            if mapped == 0 and self.selection.filters_assets and (listed or not named):
                why = "none of its assets is in the selection" if listed else "it is empty"
                self._outcome(item, "skipped", f"{name}: {why}")
                return
            created = await self.target.albums.create_album(
                CreateAlbumDto(album_name=name, description=album.description or UNSET)
            )
            album_id = created.id
            self._empty_albums[name] = album_id
            if m.target_journal is not None:
                m.target_journal.record_album(name, album_id)
        await self._album_properties(album, album_id)
        problems = self._album_problems[name][before:]
        missing = listed - mapped
        text = f"{name}: {mapped} assets on the target"
        if missing:
            text += f", {missing} not migrated (outside the selection, or failed)"
        if problems:
            self._outcome(
                item,
                "failed",
                f"{text}; {len(problems)} could not be added: {problems[0]}",
                target=album_id,
            )
        else:
            self._outcome(item, "exists" if existed else "migrated", text, target=album_id)

    async def _album_properties(self, album: AlbumResponseDto, album_id: str) -> None:
        """Description, sort order and cover of the album, when the source sets them."""
        props: dict[str, Any] = {}
        if album.description:
            props["description"] = album.description
        if album.order is not UNSET and album.order is not None and album.order != "desc":
            props["order"] = str(album.order)
        cover = album.album_thumbnail_asset_id
        if cover:
            mapped = await self.m.journal.target_ids([cover])
            if cover in mapped:
                props["cover"] = mapped[cover]
        fp = fingerprint({"album": album_id, **props})
        link = await self.m.journal.link("album", album.id)
        if props and (link is None or link.fp != fp):
            await self.target.albums.update_album_info(
                album_id,
                UpdateAlbumDto(
                    description=props.get("description", UNSET),
                    order=AssetOrder(props["order"]) if "order" in props else UNSET,
                    album_thumbnail_asset_id=props.get("cover", UNSET),
                ),
            )
        self.m.journal.record_link("album", album.id, target_key=album_id, fp=fp)

    # -- stacks -----------------------------------------------------------------------
    async def _stacks(self) -> None:
        m = self.m
        stacks = await self.source.stacks.search_stacks()
        outside = 0
        for stack in stacks:
            members = [a.id for a in stack.assets if same_id(a.owner_id, m.source_user)]
            if len(members) < 2:
                continue
            mapped = await m.journal.target_ids(members)
            if not mapped and self.selection.filters_assets:
                outside += 1
                continue
            item = f"stack:{stack.id}"
            self._queued(item)
            try:
                await self._stack(item, stack.primary_asset_id, members, mapped)
            except ImmichError as exc:
                self._outcome(item, "failed", str(exc), exc=exc)
        if outside:
            self.counts["outside"] += outside

    async def _stack(
        self, item: str, primary_source: str, members: list[str], mapped: dict[str, str]
    ) -> None:
        primary = mapped.get(primary_source)
        if primary is None or len(mapped) < 2:
            self._outcome(
                item,
                "skipped",
                f"only {len(mapped)} of its {len(members)} assets are on the target"
                + ("" if primary else ", not its primary asset"),
            )
            return
        ordered = [primary] + [mapped[s] for s in members if s in mapped and mapped[s] != primary]
        fp = fingerprint({"members": ordered})
        link = await self.m.journal.link("stack", item)
        extra = len(members) - len(mapped)
        text = f"{len(ordered)} assets, primary kept" + (
            f"; {extra} of its assets not migrated" if extra else ""
        )
        if link is not None and link.fp == fp:
            self._outcome(item, "exists", f"already stacked: {text}", target=link.target_key)
            return
        existing = await self._stacked(primary, ordered)
        if existing is not None:
            self.m.journal.record_link("stack", item, target_key=existing, fp=fp)
            self._outcome(item, "exists", f"already stacked: {text}", target=existing)
            return
        created = await self.target.stacks.create_stack(StackCreateDto(asset_ids=ordered))
        if created.primary_asset_id != primary:
            await self.target.stacks.update_stack(
                created.id, StackUpdateDto(primary_asset_id=primary)
            )
        self.m.journal.record_link("stack", item, target_key=created.id, fp=fp)
        self._outcome(item, "migrated", text, target=created.id)

    async def _stacked(self, primary: str, ordered: list[str]) -> str | None:
        """The target stack already headed by *primary* with all of *ordered*, if any."""
        info = await self.target.assets.get_asset_info(primary)
        stack = info.stack
        if not isinstance(stack, AssetStackResponseDto) or stack.primary_asset_id != primary:
            return None
        if stack.asset_count < len(ordered):
            return None
        members = {a.id for a in (await self.target.stacks.get_stack(stack.id)).assets}
        return stack.id if members.issuperset(ordered) else None

    # -- tags -------------------------------------------------------------------------
    async def _tags(self) -> None:
        tags = await self.source.tags.get_all_tags()
        if not tags:
            return
        children: defaultdict[str, list[str]] = defaultdict(list)
        for tag in tags:
            if isinstance(tag.parent_id, str) and tag.parent_id:
                children[tag.parent_id].append(tag.id)
        existing = {t.value: t for t in await self.target.tags.get_all_tags()}
        outside = 0
        for tag in sorted(tags, key=lambda t: t.value):
            try:
                explicit = await self._tagged(tag, children.get(tag.id, []))
                mapped = await self.m.journal.target_ids(explicit)
                if not mapped and explicit and self.selection.filters_assets:
                    outside += 1
                    continue
                item = f"tag:{tag.value}"
                self._queued(item)
                await self._tag(item, tag, existing.get(tag.value), mapped, len(explicit))
            except ImmichError as exc:
                self._outcome(f"tag:{tag.value}", "failed", str(exc), exc=exc)
        if outside:
            self.counts["outside"] += outside

    async def _tagged(self, tag: TagResponseDto, child_ids: list[str]) -> set[str]:
        """The source assets tagged with *tag* itself (not only with a descendant)."""
        found = await self._member_ids(tag_ids=[tag.id])
        if not child_ids or not found:
            return found
        below: set[str] = set()
        for child in child_ids:
            below |= await self._member_ids(tag_ids=[child])
        explicit = found - below
        unsure = sorted(found & below)
        limiter = anyio.CapacityLimiter(self.m.link_concurrency)

        async def check(asset_id: str) -> None:
            async with limiter:
                info = await self.source.assets.get_asset_info(asset_id)
            tags = info.tags if isinstance(info.tags, list) else []
            if any(t.id == tag.id for t in tags):
                explicit.add(asset_id)

        with single_errors():  # one failed lookup fails this tag (the caller's except)
            async with anyio.create_task_group() as tg:
                for asset_id in unsure:
                    tg.start_soon(check, asset_id)
        return explicit

    async def _tag(
        self,
        item: str,
        tag: TagResponseDto,
        existing: TagResponseDto | None,
        mapped: dict[str, str],
        explicit: int,
    ) -> None:
        m = self.m
        if existing is None:
            made = await self.target.tags.upsert_tags(TagUpsertDto(tags=[tag.value]))
            chosen = [t for t in made if t.value == tag.value] or made[-1:]
            if not chosen:
                raise ImmichError(f"the target did not create tag {tag.value!r}")
            target_tag = chosen[0]
        else:
            target_tag = existing
        color = tag.color if isinstance(tag.color, str) and tag.color else None
        if color is not None and target_tag.color != color:
            await self.target.tags.update_tag(target_tag.id, TagUpdateDto(color=color))
        done = await m.journal.link_members("tag", tag.value, mapped.values())
        todo = [t for t in dict.fromkeys(mapped.values()) if t not in done]
        problems: list[str] = []
        for batch in _chunks(todo):
            results = await self.target.tags.tag_assets(target_tag.id, BulkIdsDto(ids=batch))
            good = []
            for result in results:
                if result.success or result.error == "duplicate":
                    good.append(result.id)
                else:
                    problems.append(f"{result.id}: {result.error}")
            m.journal.record_link_members("tag", tag.value, good)
        m.journal.record_link("tag", tag.value, target_key=target_tag.id, fp=target_tag.id)
        missing = explicit - len(mapped)
        text = f"{tag.value}: {len(mapped)} assets tagged on the target"
        if missing:
            text += f", {missing} not migrated (outside the selection, or failed)"
        if problems:
            self._outcome(
                item,
                "failed",
                f"{text}; {len(problems)} failed: {problems[0]}",
                target=target_tag.id,
            )
        else:
            status = "migrated" if existing is None else "exists"
            self._outcome(item, status, text, target=target_tag.id)
