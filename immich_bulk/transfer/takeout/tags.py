"""The people Google named in a photo, as Immich tags: ``People/<name>``.

Immich has no API that makes a face or a person, so a name from the JSON's ``people``
becomes a tag under ``People`` (the parent tag is made with it). The tags are made with
the tags API (an upsert per batch of names: an existing tag is reused, so a re-run or a
second import adds to the same tags) and given to their assets in batches, all of an
asset's people tags in one request.

The photo's XMP sidecar names the same tags (:mod:`.xmp`), and that is not redundant: the
server's metadata extraction, which runs after the upload (or when its queue is resumed),
sets an asset's tags to the tag list it reads at that moment. A tag given through the API
while the extraction of that asset is running could be dropped by it; with the sidecar
naming them, every order of the two ends with the same tags.

A ``/`` in a name would make a deeper tag: it becomes ``_``, as Google does with a ``/``
in a file name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...errors import ImmichError
from ...models import TagBulkAssetsDto, TagUpsertDto
from ..events import EventHub, ItemFailed

if TYPE_CHECKING:
    from ...client import AsyncClient

__all__ = ["PEOPLE", "TakeoutTags", "person_tag"]

PEOPLE = "People"
"""The parent tag of the people tags."""
_UPSERT_BATCH = 100


def person_tag(name: str) -> str | None:
    """The tag value for person *name* (None for a blank name)."""
    clean = " ".join(name.replace("/", "_").split())
    return f"{PEOPLE}/{clean}" if clean else None


class TakeoutTags:
    """Collects (asset, people) during the import; :meth:`flush` sends them."""

    def __init__(self, client: AsyncClient, *, hub: EventHub, batch_size: int = 1000) -> None:
        self._client = client
        self._hub = hub
        self._batch_size = batch_size
        self._groups: dict[tuple[str, ...], list[str]] = {}  # tag values -> asset ids
        self.tags = 0
        """People tags used (made or found)."""
        self.tagged = 0
        """Asset-tag links made (not counting those already there)."""
        self.problems: list[tuple[str, str]] = []
        """``(tags, reason)`` of every request that failed."""

    def add(self, asset_id: str, people: Iterable[str]) -> None:
        values = tuple(sorted({v for v in map(person_tag, people) if v is not None}))
        if values:
            self._groups.setdefault(values, []).append(asset_id)

    async def flush(self) -> None:
        """Make the tags and tag their assets."""
        groups, self._groups = self._groups, {}
        ids = await self._tag_ids(sorted({v for values in groups for v in values}))
        for values, assets in groups.items():
            if any(v not in ids for v in values):
                continue  # reported by _tag_ids
            tag_ids = [ids[v] for v in values]
            assets = list(dict.fromkeys(assets))
            for start in range(0, len(assets), self._batch_size):
                batch = assets[start : start + self._batch_size]
                try:
                    done = await self._client.tags.bulk_tag_assets(
                        TagBulkAssetsDto(tag_ids=tag_ids, asset_ids=batch)
                    )
                except ImmichError as exc:
                    self._problem(values, f"could not tag {len(batch)} assets: {exc}")
                    continue
                self.tagged += done.count

    async def _tag_ids(self, values: list[str]) -> dict[str, str]:
        ids: dict[str, str] = {}
        for start in range(0, len(values), _UPSERT_BATCH):
            batch = values[start : start + _UPSERT_BATCH]
            try:
                made = await self._client.tags.upsert_tags(TagUpsertDto(tags=batch))
            except ImmichError as exc:
                self._problem(tuple(batch), f"could not make the tags: {exc}")
                continue
            found = {tag.value: tag.id for tag in made}
            for value in batch:
                if value in found:
                    ids[value] = found[value]
                else:
                    self._problem((value,), "the server did not make the tag")
        self.tags += len(ids)
        return ids

    def _problem(self, values: tuple[str, ...], reason: str) -> None:
        tags = ", ".join(values)
        self.problems.append((tags, reason))
        self._hub.emit(ItemFailed(item=tags, stage="tag", reason=reason))
