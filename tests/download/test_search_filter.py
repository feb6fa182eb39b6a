"""An export's search filter fails closed: a filter that does not fit MetadataSearchDto is
an error naming the problem, never a search for everything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from immich_bulk import AsyncClient
from immich_bulk.models import MetadataSearchDto
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.server.search import search_filter

from .conftest import add, fast_config, files_under

#: (filter, exception, words the message must hold)
REFUSED: list[tuple[Any, type[Exception], tuple[str, ...]]] = [
    ({"isFavourite": True}, ValueError, ("'isFavourite'", "did you mean 'isFavorite'")),
    ({"is_favorite": True}, ValueError, ("'is_favorite'", "did you mean 'isFavorite'")),
    ({"nothingLikeIt": 1}, ValueError, ("'nothingLikeIt'", "known keys: albumIds")),
    ([], TypeError, ("JSON object", "not a JSON array")),
    ("str", TypeError, ("JSON object", "not a JSON string")),
    (None, TypeError, ("JSON object", "not null")),
    (7, TypeError, ("JSON object", "not a JSON number")),
    ({}, ValueError, ("empty", "every asset")),
    (MetadataSearchDto(), ValueError, ("empty", "every asset")),
    ({"isFavorite": "yes"}, TypeError, ("isFavorite must be true or false", '"yes"')),
    ({"isFavorite": None}, TypeError, ("isFavorite must be true or false", "null")),
    (MetadataSearchDto(is_favorite="yes"), TypeError, ("isFavorite must be true",)),  # type: ignore[arg-type]
    ({"takenAfter": 2020}, TypeError, ("takenAfter must be an ISO 8601 date-time",)),
    ({"takenAfter": "2020-13-01"}, ValueError, ("takenAfter must be an ISO 8601", "2020-13-01")),
    ({"albumIds": "a1"}, TypeError, ("albumIds must be a list of strings",)),
    ({"albumIds": [1]}, TypeError, ("albumIds must be a list of strings",)),
    ({"city": 3}, TypeError, ("city must be a string or null",)),
    ({"rating": True}, TypeError, ("rating must be a number or null",)),
    ({"type": "PHOTO"}, ValueError, ('type must be one of "IMAGE"', '"PHOTO"')),
    ({"page": 2}, ValueError, ("'page' is not a filter",)),
    ({"size": 10}, ValueError, ("'size' is not a filter",)),
]


@pytest.mark.parametrize(("value", "error", "words"), REFUSED, ids=lambda v: repr(v)[:30])
def test_a_search_filter_that_does_not_fit_the_schema_is_refused_by_name(
    value: Any, error: type[Exception], words: tuple[str, ...]
) -> None:
    with pytest.raises(error) as raised:
        search_filter(value, name="--search")
    message = str(raised.value)
    assert message.startswith("--search") and "\n" not in message
    for word in words:
        assert word in message


def test_a_search_filter_that_fits_is_kept_exactly() -> None:
    data = {
        "isFavorite": True,
        "takenAfter": "2020-01-01T00:00:00Z",
        "city": None,
        "type": "VIDEO",
        "albumIds": ["00000000-0000-4000-8000-000000000000"],
        "rating": 4,
    }
    dto = search_filter(data)
    assert dto.is_favorite is True and dto.city is None and dto.type == "VIDEO"
    assert dto.taken_after.year == 2020  # type: ignore[union-attr]
    assert search_filter(dto) == dto  # a model goes through the same checks


async def test_export_refuses_a_bad_search_before_listing_anything(
    fake: FakeImmich, client: AsyncClient, tmp_path: Path
) -> None:
    add(fake, "fav.jpg", is_favorite=True)
    add(fake, "plain.jpg")
    fake.counters.reset()
    for value, error, words in REFUSED:
        if value is None:  # search=None is "no search": the other choices are missing
            error, words = ValueError, ("choose exactly one of",)
        with pytest.raises(error, match=words[0].replace("(", r"\(")):
            await client.download.export(
                tmp_path / "out", search=value, state_path=None, config=fast_config()
            )
    assert not (tmp_path / "out").exists()
    assert fake.counters.requests_to("searchAssets") == 0
    assert fake.counters.requests_to("downloadAsset") == 0
    # the JSON form of a good filter selects what it says
    report = await client.download.export(
        tmp_path / "fav", search={"isFavorite": True}, layout="{filename}",
        state_path=None, config=fast_config(),
    )  # fmt: skip
    assert report.counts == {"downloaded": 1}
    assert list(files_under(tmp_path / "fav")) == ["fav.jpg"]
