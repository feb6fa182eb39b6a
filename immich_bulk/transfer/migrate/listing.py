"""Listing a user's library through the paged search API, one small page at a time.

``POST /search/metadata`` pages (``page``/``size``, ``nextPage``), one *pass* per visibility
(Immich's default visibility filter differs between versions, so every pass names its
visibility explicitly and the passes never overlap): timeline, archive, locked (needs a
PIN-unlocked session; an API key is refused, which is reported, not fatal), hidden (the
motion parts of live photos). ``withDeleted`` adds the trash to each pass.

The pages come from :func:`.listing.search_pages` (repeats across pages dropped). Only the
caller's own assets are kept: a search may return a partner's assets (the
timeline includes partners who share theirs) or another member's assets of a shared album.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..._types import UNSET
from ...errors import ApiError
from ...models import (
    AlbumResponseDto,
    AssetOrder,
    AssetResponseDto,
    AssetTypeEnum,
    AssetVisibility,
    MetadataSearchDto,
    StatisticsSearchDto,
)
from ..server.listing import own_albums, same_id, search_pages

if TYPE_CHECKING:
    from ...client import AsyncClient

__all__ = [
    "ASSET_TYPES",
    "MEMBER_PASSES",
    "AssetLister",
    "Selection",
    "own_albums",
    "pick_albums",
]

ASSET_TYPES = frozenset(t.value for t in AssetTypeEnum)
#: Passes that find the members of an album or a tag (every visibility).
MEMBER_PASSES = (
    AssetVisibility.TIMELINE,
    AssetVisibility.ARCHIVE,
    AssetVisibility.HIDDEN,
    AssetVisibility.LOCKED,
)
#: Statuses a server answers when the locked folder is out of reach (no PIN session).
LOCKED_REFUSALS = frozenset({400, 401, 403})


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value


def _types(value: Iterable[str] | str | None) -> frozenset[str] | None:
    if value is None:
        return None
    names = [value] if isinstance(value, str) else list(value)
    out = frozenset(str(n).strip().upper() for n in names if str(n).strip())
    unknown = out - ASSET_TYPES
    if unknown:
        raise ValueError(
            f"unknown asset type(s) {', '.join(sorted(unknown))}; "
            f"use {', '.join(sorted(ASSET_TYPES))}"
        )
    return out or None


def _album_names(value: Iterable[str] | str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    names = [value] if isinstance(value, str) else list(value)
    out = tuple(dict.fromkeys(str(n) for n in names if str(n).strip()))
    if not out:
        raise ValueError("albums must name at least one album (or be None for all)")
    return out


@attrs.frozen(kw_only=True)
class Selection:
    """Which of the source's assets a migration (or a verification) covers."""

    albums: tuple[str, ...] | None = attrs.field(default=None, converter=_album_names)
    """Only assets in these albums (names or ids); only these albums are recreated."""
    taken_after: dt.datetime | None = attrs.field(default=None, converter=_utc)
    taken_before: dt.datetime | None = attrs.field(default=None, converter=_utc)
    favorites_only: bool = False
    asset_types: frozenset[str] | None = attrs.field(default=None, converter=_types)
    """IMAGE, VIDEO, AUDIO, OTHER (None: all)."""
    include_archived: bool = True
    include_trashed: bool = False

    def __attrs_post_init__(self) -> None:
        if self.taken_after and self.taken_before and self.taken_after > self.taken_before:
            raise ValueError("taken_after is later than taken_before")

    @property
    def filters_assets(self) -> bool:
        """True when only part of the library is selected (albums, dates, favourites,
        types): then albums, stacks and tags without a selected asset are left alone."""
        return bool(
            self.albums is not None
            or self.taken_after
            or self.taken_before
            or self.favorites_only
            or self.asset_types
        )

    def passes(self) -> list[AssetVisibility]:
        """The visibility passes of the asset listing, hidden (motion parts) last."""
        out = [AssetVisibility.TIMELINE]
        if self.include_archived:
            out.append(AssetVisibility.ARCHIVE)
        out += [AssetVisibility.LOCKED, AssetVisibility.HIDDEN]
        return out

    def accepts(self, asset: AssetResponseDto) -> bool:
        """The client-side part of the filters (what one search cannot express)."""
        if self.asset_types is not None and str(asset.type) not in self.asset_types:
            return False
        if asset.is_trashed and not self.include_trashed:
            return False
        return self.include_archived or asset.visibility != AssetVisibility.ARCHIVE

    def search(self, **extra: Any) -> dict[str, Any]:
        """The search filters shared by every pass."""
        query: dict[str, Any] = {
            "with_exif": True,
            "order": AssetOrder.ASC,
            "with_deleted": True if self.include_trashed else UNSET,
        }
        if self.taken_after is not None:
            query["taken_after"] = self.taken_after
        if self.taken_before is not None:
            query["taken_before"] = self.taken_before
        if self.favorites_only:
            query["is_favorite"] = True
        if self.asset_types is not None and len(self.asset_types) == 1:
            query["type"] = AssetTypeEnum(next(iter(self.asset_types)))
        query.update(extra)
        return query


def pick_albums(
    albums: Sequence[AlbumResponseDto], wanted: Sequence[str]
) -> tuple[list[AlbumResponseDto], list[str]]:
    """The albums named (or with the id) in *wanted*, and the names that matched none."""
    chosen: dict[str, AlbumResponseDto] = {}
    missing = []
    for name in wanted:
        hits = [a for a in albums if same_id(a.id, name) or a.album_name == name]
        if not hits:
            missing.append(name)
        for album in hits:
            chosen.setdefault(album.id, album)
    return list(chosen.values()), missing


@attrs.define
class AssetLister:
    """Streams the selected assets of one user, page by page, and counts what it left out."""

    client: AsyncClient
    user_id: str
    selection: Selection
    page_size: int = 500
    scopes: Sequence[str | None] = (None,)
    """Album ids to list one at a time (None: the whole library)."""
    passes: Sequence[AssetVisibility] | None = None
    extra: dict[str, Any] = attrs.field(factory=dict)
    """More search filters (e.g. ``tag_ids``, ``with_exif=False``)."""
    check_counts: bool = False
    """After each pass, ask the server how many assets match (``search/statistics``) and
    record a shortfall: a search with EXIF data leaves out assets that have none yet."""
    shortfalls: list[tuple[str, int]] = attrs.field(factory=list)
    """``(visibility, missing)`` for passes that returned fewer assets than exist."""
    other_owners: int = 0
    """Assets of other users the searches returned (partners, shared albums): left out."""
    refused: list[str] = attrs.field(factory=list)
    """Passes the server refused (e.g. the locked folder without a PIN session)."""
    _seen: set[str] | None = None

    async def pages(self) -> AsyncIterator[list[AssetResponseDto]]:
        passes = self.passes if self.passes is not None else self.selection.passes()
        if len(self.scopes) > 1:
            self._seen = set()  # an asset in two selected albums is listed once
        for visibility in passes:
            for scope in self.scopes:
                extra: dict[str, Any] = {**self.extra, "visibility": visibility}
                if scope is not None:
                    extra["album_ids"] = [scope]
                query = self.selection.search(**extra)
                returned = 0
                try:
                    pages = search_pages(
                        self.client, MetadataSearchDto(**query), page_size=self.page_size
                    )
                    async for page in pages:
                        returned += sum(1 for a in page if not a.is_trashed)
                        kept = self._keep(page)
                        if kept:
                            yield kept
                    if self.check_counts:
                        await self._check_count(visibility, query, returned)
                except ApiError as exc:
                    if visibility != AssetVisibility.LOCKED or (
                        exc.status_code not in LOCKED_REFUSALS
                    ):
                        raise
                    if visibility.value not in self.refused:
                        self.refused.append(visibility.value)
                    break

    async def _check_count(
        self, visibility: AssetVisibility, query: dict[str, Any], got: int
    ) -> None:
        names = {f.name for f in attrs.fields(StatisticsSearchDto)}
        filters = {k: v for k, v in query.items() if k in names and v is not UNSET}
        try:
            stats = await self.client.search.search_asset_statistics(StatisticsSearchDto(**filters))
        except ApiError:
            return  # e.g. a key without the asset.statistics permission: no check
        if stats.total > got:
            self.shortfalls.append((visibility.value, stats.total - got))

    def _keep(self, page: list[AssetResponseDto]) -> list[AssetResponseDto]:
        out = []
        for asset in page:
            if not same_id(asset.owner_id, self.user_id):
                self.other_owners += 1
                continue
            if not self.selection.accepts(asset):
                continue
            if self._seen is not None:
                if asset.id in self._seen:
                    continue
                self._seen.add(asset.id)
            out.append(asset)
        return out
