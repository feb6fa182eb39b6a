"""Listing a library through Immich's paged metadata search: the one pager of every engine
that lists (export, migrate, verify), and the one way an owner is compared.

``POST /search/metadata`` pages by offset (``page``/``size``, ``nextPage``). When the
library changes between two pages (an asset added ahead of the current page) the next page
starts with assets already listed: the pager drops an asset it yielded in the last two
pages, so one asset is never transferred twice in a run. (An asset pushed past the end is
found by the next run.) Remembering only a window of pages keeps the memory flat for a
library of any size.
"""

from __future__ import annotations

import collections
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from ...client import AsyncClient
    from ...models import AlbumResponseDto, AssetResponseDto, MetadataSearchDto

__all__ = ["RECENT_PAGES", "own_albums", "same_id", "search_pages"]

#: Pages whose ids are remembered to drop a repeat (a shift of up to two pages).
RECENT_PAGES = 2


def same_id(a: str | None, b: str | None) -> bool:
    """Whether two ids (UUIDs) name the same user or asset: compared without case, as
    a UUID is (Immich answers them lower-case; a proxy or an older server may not)."""
    return a is not None and b is not None and a.lower() == b.lower()


async def search_pages(
    client: AsyncClient, query: MetadataSearchDto, *, page_size: int
) -> AsyncIterator[list[AssetResponseDto]]:
    """Every page of one search (``nextPage`` until there is none), without an asset
    already yielded in the last :data:`RECENT_PAGES` pages (or earlier on the same page).
    A page may come out empty after that; it is not yielded."""
    page = 1
    recent: collections.deque[set[str]] = collections.deque(maxlen=RECENT_PAGES)
    while True:
        request = attrs.evolve(query, page=page, size=page_size)
        response = await client.search.search_assets(request)
        items = list(response.assets.items)
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
        next_page = response.assets.next_page
        if not next_page or not items:
            return
        page = int(next_page) if str(next_page).isdigit() else page + 1


async def own_albums(client: AsyncClient, user_id: str) -> list[AlbumResponseDto]:
    """The user's own albums, oldest first (shared-with-me albums are not theirs)."""
    albums = await client.albums.get_all_albums()
    mine = [a for a in albums if same_id(a.owner_id, user_id)]
    return sorted(mine, key=lambda a: (a.created_at, a.id))
