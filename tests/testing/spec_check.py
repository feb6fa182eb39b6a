"""Validate the fake's JSON responses against the Immich OpenAPI spec's response schemas.

OpenAPI 3.0 is not JSON Schema: ``nullable: true`` becomes a ``null`` alternative here, and
``$ref`` resolves inside a copy of ``components`` attached to each schema.
"""

from __future__ import annotations

import importlib
import json
from collections import Counter
from functools import cache
from typing import Any

import httpx

from immich_bulk.testing.routing import default_router

# outside the repo (IMMICH_SPEC, IMMICH_TRANSCRIPTS)
from ..spec import SPEC_PATH, TRANSCRIPTS

__all__ = ["SPEC_PATH", "TRANSCRIPTS", "SpecChecker", "load_spec"]

# jsonschema ships no type stubs; keep mypy --strict clean without a stub package
jsonschema: Any = importlib.import_module("jsonschema")


@cache
def load_spec() -> dict[str, Any] | None:
    if not SPEC_PATH.exists():
        return None
    spec: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    return spec


def to_json_schema(node: Any) -> Any:
    """Convert an OpenAPI 3.0 schema (recursively) to JSON Schema (2020-12)."""
    if isinstance(node, list):
        return [to_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: to_json_schema(v) for k, v in node.items() if k != "nullable"}
    if node.get("nullable"):
        if "type" in out and "$ref" not in out and "allOf" not in out:
            types = out["type"] if isinstance(out["type"], list) else [out["type"]]
            out["type"] = [*types, "null"]
            if "enum" in out:
                out["enum"] = [*out["enum"], None]
        else:
            return {"anyOf": [{"type": "null"}, out]}
    return out


@cache
def _components() -> dict[str, Any]:
    spec = load_spec()
    assert spec is not None
    converted: dict[str, Any] = to_json_schema(spec["components"])
    return converted


def response_schema(operation_id: str, status: int) -> dict[str, Any] | None:
    spec = load_spec()
    assert spec is not None
    for item in spec["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                resp = op.get("responses", {}).get(str(status))
                if resp is None:
                    return None
                content = resp.get("content", {}).get("application/json")
                if content is None:
                    return None
                schema: dict[str, Any] = to_json_schema(content["schema"])
                return schema
    return None


class SpecChecker:
    """An httpx response hook validating every 2xx JSON response of a spec operation."""

    def __init__(self) -> None:
        self.checked: Counter[str] = Counter()
        self.enabled = load_spec() is not None

    def validate(self, operation_id: str, status: int, body: Any) -> None:
        schema = response_schema(operation_id, status)
        if schema is None:
            raise AssertionError(f"{operation_id} has no JSON response {status} in the spec")
        full = {**schema, "components": _components()}
        validator = jsonschema.Draft202012Validator(
            full, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
        if errors:
            details = "\n".join(f"  at {list(e.path)}: {e.message[:300]}" for e in errors[:10])
            raise AssertionError(f"{operation_id} {status} does not match the spec:\n{details}")
        self.checked[operation_id] += 1

    async def hook(self, response: httpx.Response) -> None:
        ctype = response.headers.get("content-type", "")
        if not (self.enabled and 200 <= response.status_code < 300 and "json" in ctype):
            return  # checked before reading, so streamed downloads stay streamed
        await response.aread()
        path = response.request.url.path
        if not path.startswith("/api/"):
            return
        match = default_router.match(response.request.method, path[4:])
        if match is None:
            return
        self.validate(match.route.operation_id, response.status_code, response.json())
