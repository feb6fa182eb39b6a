"""Listing a library through Immich's paged metadata search: the one pager of every engine
that lists (export, migrate, verify), and the one way an owner is compared.

``POST /search/metadata`` pages by offset (``page``/``size``, ``nextPage``). When the
library changes between two pages (an asset added ahead of the current page) the next page
starts with assets already listed: the pager drops an asset it yielded in the last two
pages, so one asset is never transferred twice in a run. (An asset pushed past the end is
found by the next run.) Remembering only a window of pages keeps the memory flat for a
library of any size.

:func:`listed_pages` gives the same pages as :class:`ListedAsset` records: the few fields
an export reads, taken from the JSON without building the full ``AssetResponseDto`` (and
its EXIF record) of every asset -- most of a re-run's time went there.
"""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

from ..._converter import _parse_datetime
from ...errors import ResponseValidationError

if TYPE_CHECKING:
    from ...client import AsyncClient
    from ...models import AlbumResponseDto, AssetResponseDto, MetadataSearchDto

__all__ = [
    "RECENT_PAGES",
    "ListedAsset",
    "listed_pages",
    "own_albums",
    "same_id",
    "search_pages",
]

#: Pages whose ids are remembered to drop a repeat (a shift of up to two pages).
RECENT_PAGES = 2


def same_id(a: str | None, b: str | None) -> bool:
    """Whether two ids (UUIDs) name the same user or asset: compared without case, as
    a UUID is (Immich answers them lower-case; a proxy or an older server may not)."""
    return a is not None and b is not None and a.lower() == b.lower()


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


A = TypeVar("A", bound=_HasId)


@attrs.frozen(slots=True, kw_only=True)
class ListedAsset:
    """What an export reads of a listed asset (see :func:`listed_pages`)."""

    id: str
    original_file_name: str
    type: str | None = None
    """``IMAGE``, ``VIDEO``, ``AUDIO`` or ``OTHER``."""
    checksum: str | None = None
    """The SHA-1 of the original, base64 (as the server gives it)."""
    file_created_at: dt.datetime | None = None
    file_modified_at: dt.datetime | None = None
    local_date_time: dt.datetime | None = None
    size: int | None = None
    """The original's size in bytes (from its EXIF record), when the server gave it."""
    live_photo_video_id: str | None = None

    @classmethod
    def from_dto(cls, asset: AssetResponseDto) -> ListedAsset:
        """The record of an asset the server gave in full (``GET /assets/{id}``)."""
        exif = asset.exif_info
        size = getattr(exif, "file_size_in_byte", None) if exif is not None else None
        video = asset.live_photo_video_id
        return cls(
            id=asset.id,
            original_file_name=asset.original_file_name,
            type=None if asset.type is None else str(asset.type),
            checksum=asset.checksum or None,
            file_created_at=_when(asset.file_created_at),
            file_modified_at=_when(asset.file_modified_at),
            local_date_time=_when(asset.local_date_time),
            size=_size(size),
            live_photo_video_id=video if isinstance(video, str) and video else None,
        )

    @classmethod
    def from_json(cls, data: Any) -> ListedAsset:
        """The record of one asset of a search page's JSON; ValueError naming what is
        wrong when a field the export needs is missing or of the wrong type."""
        if not isinstance(data, Mapping):
            raise ValueError(f"an asset is not an object: {type(data).__name__}")
        asset_id = data.get("id")
        name = data.get("originalFileName")
        if not isinstance(asset_id, str) or not asset_id:
            raise ValueError("an asset has no id")
        if not isinstance(name, str):
            raise ValueError(f"asset {asset_id}: originalFileName is not a string")
        exif = data.get("exifInfo")
        video = data.get("livePhotoVideoId")
        try:
            return cls(
                id=asset_id,
                original_file_name=name,
                type=_text(data.get("type")),
                checksum=_text(data.get("checksum")),
                file_created_at=_date_time(data.get("fileCreatedAt")),
                file_modified_at=_date_time(data.get("fileModifiedAt")),
                local_date_time=_date_time(data.get("localDateTime")),
                size=_size(exif.get("fileSizeInByte") if isinstance(exif, Mapping) else None),
                live_photo_video_id=video if isinstance(video, str) and video else None,
            )
        except (TypeError, ValueError) as exc:
            raise ValueError(f"asset {asset_id}: {exc}") from None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _when(value: Any) -> dt.datetime | None:
    return value if isinstance(value, dt.datetime) else None


def _date_time(value: Any) -> dt.datetime | None:
    return None if value is None else _parse_datetime(value, dt.datetime)


def _size(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return None
    return int(value)


async def search_pages(
    client: AsyncClient, query: MetadataSearchDto, *, page_size: int
) -> AsyncIterator[list[AssetResponseDto]]:
    """Every page of one search (``nextPage`` until there is none), without an asset
    already yielded in the last :data:`RECENT_PAGES` pages (or earlier on the same page).
    A page may come out empty after that; it is not yielded."""

    async def fetch(request: MetadataSearchDto) -> tuple[list[AssetResponseDto], Any]:
        response = await client.search.search_assets(request)
        return list(response.assets.items), response.assets.next_page

    async for page in _pages(fetch, query, page_size):
        yield page


async def listed_pages(
    client: AsyncClient, query: MetadataSearchDto, *, page_size: int
) -> AsyncIterator[list[ListedAsset]]:
    """:func:`search_pages` as :class:`ListedAsset` records (a malformed asset raises
    :class:`~immich_bulk.errors.ResponseValidationError`)."""
    from ...api.search import _search_assets as search_op

    async def fetch(request: MetadataSearchDto) -> tuple[list[ListedAsset], Any]:
        data = await client.search._json(search_op, {"metadata_search_dto": request})
        assets = data.get("assets") if isinstance(data, dict) else None
        items = assets.get("items") if isinstance(assets, dict) else None
        if not isinstance(assets, dict) or not isinstance(items, list):
            raise ResponseValidationError(
                "the search answer has no assets.items list",
                method="POST",
                path="/search/metadata",
            )
        try:
            listed = [ListedAsset.from_json(item) for item in items]
        except ValueError as exc:
            raise ResponseValidationError(
                f"the search answer: {exc}", method="POST", path="/search/metadata"
            ) from None
        return listed, assets.get("nextPage")

    async for page in _pages(fetch, query, page_size):
        yield page


async def _pages(
    fetch: Callable[[MetadataSearchDto], Awaitable[tuple[list[A], Any]]],
    query: MetadataSearchDto,
    page_size: int,
) -> AsyncIterator[list[A]]:
    page = 1
    recent: collections.deque[set[str]] = collections.deque(maxlen=RECENT_PAGES)
    while True:
        items, next_page = await fetch(attrs.evolve(query, page=page, size=page_size))
        ids: set[str] = set()
        kept = []
        for asset in items:
            key = asset.id.lower()
            if key in ids or any(key in window for window in recent):
                continue
            ids.add(key)
            kept.append(asset)
        recent.append(ids)
        if kept:
            yield kept
        if not next_page or not items:
            return
        page = int(next_page) if str(next_page).isdigit() else page + 1


async def own_albums(client: AsyncClient, user_id: str) -> list[AlbumResponseDto]:
    """The user's own albums, oldest first (shared-with-me albums are not theirs)."""
    albums = await client.albums.get_all_albums()
    mine = [a for a in albums if same_id(a.owner_id, user_id)]
    return sorted(mine, key=lambda a: (a.created_at, a.id))
