"""The static route table matches the spec, and the router finds every operation."""

from __future__ import annotations

import pytest

from immich_bulk.testing._spec_routes import SPEC_ROUTES
from immich_bulk.testing.routing import default_router
from immich_bulk.testing.web import HANDLERS

from .gen_spec_routes import render
from .spec_check import SPEC_PATH, load_spec


@pytest.mark.skipif(load_spec() is None, reason=f"spec not found at {SPEC_PATH}")
def test_generated_table_is_up_to_date() -> None:
    spec = load_spec()
    assert spec is not None
    from immich_bulk.testing import _spec_routes

    with open(_spec_routes.__file__, encoding="utf-8") as fh:
        committed = fh.read()
    assert committed == render(spec, SPEC_PATH.name), (
        "immich_bulk/testing/_spec_routes.py is stale: run python -m tests.testing.gen_spec_routes"
    )


def test_table_has_every_operation_once() -> None:
    ids = [r.operation_id for r in SPEC_ROUTES]
    assert len(ids) == 245
    assert len(set(ids)) == len(ids)


def test_router_matches_each_template() -> None:
    for route in SPEC_ROUTES:
        concrete = route.path.replace("{", "").replace("}", "")
        # a placeholder segment must still route to this operation when it is not a literal
        # used by a sibling route (e.g. /assets/statistics vs /assets/{id})
        path = "/".join(
            "00000000-0000-4000-8000-000000000000" if seg.startswith("{") else seg
            for seg in route.path.split("/")
        )
        match = default_router.match(route.method, path)
        assert match is not None, (route, concrete)
        assert match.route.operation_id == route.operation_id


def test_literal_segments_win() -> None:
    match = default_router.match("GET", "/assets/statistics")
    assert match is not None and match.route.operation_id == "getAssetStatistics"
    match = default_router.match("HEAD", "/assets/abc/original")
    assert match is not None and match.route.operation_id == "downloadAsset"
    assert default_router.match("GET", "/nope") is None


def test_handlers_are_spec_operations() -> None:
    known = {r.operation_id for r in SPEC_ROUTES}
    assert set(HANDLERS) <= known
    assert len(HANDLERS) >= 100
