"""check_compatibility against the client's own spec and against changed specs."""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx

from immich_bulk import AsyncClient
from immich_bulk.compat import CompatibilityReport, compare_specs
from tests.spec import spec


def kinds(issues: Any) -> set[tuple[str, str, str]]:
    return {(i.severity, i.kind, i.where) for i in issues}


def test_own_spec_has_no_differences() -> None:
    assert compare_specs(spec()) == []


def test_changes_are_reported_with_their_consequence() -> None:
    changed = copy.deepcopy(spec())
    del changed["paths"]["/assets/bulk-upload-check"]  # an operation the engine uses
    upload = changed["paths"]["/assets"]["post"]
    upload["parameters"].append({"name": "mustSend", "in": "query", "required": True, "schema": {}})
    schemas = changed["components"]["schemas"]
    asset = schemas["AssetResponseDto"]
    del asset["properties"]["checksum"]  # responses lack a field the client requires
    asset["properties"]["width"]["type"] = "string"
    asset["properties"]["brandNew"] = {"type": "string"}
    schemas["CreateAlbumDto"]["properties"]["color"] = {"type": "string"}
    schemas["CreateAlbumDto"]["required"].append("color")
    schemas["AssetTypeEnum"]["enum"].append("HOLOGRAM")
    issues = compare_specs(changed)
    found = kinds(issues)
    assert ("error", "missing-operation", "checkBulkUpload") in found
    assert ("error", "new-required-parameter", "uploadAsset") in found
    assert ("error", "missing-field", "AssetResponseDto.checksum") in found
    assert ("warning", "type-changed", "AssetResponseDto.width") in found
    assert ("info", "new-field", "AssetResponseDto.brandNew") in found
    assert ("error", "new-required-field", "CreateAlbumDto.color") in found
    assert ("info", "new-enum-value", "AssetTypeEnum.HOLOGRAM") in found
    engine = {i.where for i in issues if i.used_by_engine and i.severity == "error"}
    assert "checkBulkUpload" in engine
    report = CompatibilityReport("v2.7.5", "2.7.5", True, tuple(issues))
    assert not report.compatible
    assert "NOT compatible" in report.summary()


async def test_check_compatibility_reads_version_and_live_spec() -> None:
    served = json.dumps(spec()).encode()

    def respond(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/server/version":
            return httpx.Response(200, json={"major": 2, "minor": 7, "patch": 5})
        if request.url.path == "/api/spec.json":
            return httpx.Response(200, content=served, headers={"content-type": "application/json"})
        return httpx.Response(404, json={"message": "no"})

    async with AsyncClient("http://h", api_key="k", transport=httpx.MockTransport(respond)) as c:
        report = await c.check_compatibility()
    assert report.server_version == "v2.7.5"
    assert report.spec_available and report.compatible
    assert report.issues == ()


async def test_old_server_without_spec_is_judged_by_version() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/server/version":
            return httpx.Response(200, json={"major": 1, "minor": 99, "patch": 0})
        return httpx.Response(404, json={"message": "Cannot GET /api/spec.json"})

    async with AsyncClient("http://h", api_key="k", transport=httpx.MockTransport(respond)) as c:
        report = await c.check_compatibility()
    assert not report.spec_available
    assert not report.compatible
    assert "judged by version only" in report.summary()
