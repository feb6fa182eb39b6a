"""The export's slim listing: search pages read into :class:`ListedAsset` records straight
from the JSON, the same values the full ``AssetResponseDto`` gives, and a clear error for
an answer the export cannot use."""

from __future__ import annotations

from typing import Any

import pytest

from immich_bulk import AsyncClient, ResponseValidationError
from immich_bulk.models import MetadataSearchDto
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.server.listing import ListedAsset, listed_pages, search_pages
from tests.download.conftest import add


async def test_the_slim_record_reads_what_the_full_asset_says(
    fake: FakeImmich, client: AsyncClient
) -> None:
    add(fake, "a.jpg", 5_000)
    add(fake, "b.mp4", 7_000)
    add(fake, "c.heic", 3_000, is_favorite=True)
    query = MetadataSearchDto(with_exif=True)
    full = [a async for page in search_pages(client, query, page_size=2) for a in page]
    slim = [a async for page in listed_pages(client, query, page_size=2) for a in page]
    assert len(full) == 3
    assert slim == [ListedAsset.from_dto(a) for a in full]
    assert {a.size for a in slim} == {5_000, 7_000, 3_000}
    assert all(a.checksum and a.file_modified_at is not None for a in slim)


class _Answers:
    """A client whose search answers with *data* (what a broken proxy might send)."""

    def __init__(self, data: Any) -> None:
        self.search = self
        self.data = data

    async def _json(self, _op: Any, _args: Any) -> Any:
        return self.data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"albums": {}}, "no assets.items list"),
        ({"assets": {"items": [{"originalFileName": "a.jpg"}]}}, "an asset has no id"),
        (
            {"assets": {"items": [{"id": "x", "originalFileName": "a.jpg", "fileCreatedAt": 5}]}},
            "asset x: expected an ISO 8601 date-time",
        ),
        (
            {"assets": {"items": [{"id": "x", "originalFileName": None}]}},
            "asset x: originalFileName is not a string",
        ),
    ],
)
async def test_a_search_answer_the_export_cannot_read_is_a_clear_error(
    data: Any, message: str
) -> None:
    pages = listed_pages(_Answers(data), MetadataSearchDto(), page_size=10)  # type: ignore[arg-type]
    with pytest.raises(ResponseValidationError, match=message):
        async for _ in pages:
            pass
