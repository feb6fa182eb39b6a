"""Compatibility of this client with a given server, read from the server's own spec.

Every Immich server serves its OpenAPI spec at ``/api/spec.json``. :func:`check_compatibility`
compares it with the operations and models this client was generated from and reports,
for each difference, what it means in practice:

- ``error``: a call will fail (an operation is gone, the server requires a parameter or
  body field this client does not send, a response lacks a field this client requires);
- ``warning``: a call may fail or lose data (a parameter or field this client sends is
  unknown to the server, a field became nullable, a type changed);
- ``info``: harmless (new optional fields and new enum values are ignored or kept).

Operations the transfer engine uses are flagged, so ``compatible`` answers the question
"will bulk transfers work against this server?".
"""

from __future__ import annotations

import importlib
import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._converter import wire_names
from ._http.operation import Op
from ._types import Unset
from .api import GROUPS, IMMICH_VERSION

if TYPE_CHECKING:
    from .client import AsyncClient

__all__ = [
    "ENGINE_OPERATIONS",
    "MIN_SUPPORTED_VERSION",
    "CompatibilityIssue",
    "CompatibilityReport",
    "check_compatibility",
    "compare_specs",
]

#: The oldest server version this release is meant to work with (see COMPATIBILITY.csv).
MIN_SUPPORTED_VERSION = (2, 7, 0)

#: Operations the upload, download and migration engines call.
ENGINE_OPERATIONS = frozenset(
    {
        "getServerVersion",
        "getSupportedMediaTypes",
        "getMyUser",
        "checkBulkUpload",
        "uploadAsset",
        "getAssetInfo",
        "updateAsset",
        "updateAssets",
        "downloadAsset",
        "searchAssets",
        "getAllAlbums",
        "getAlbumInfo",
        "createAlbum",
        "addAssetsToAlbum",
        "getDownloadInfo",
        "downloadArchive",
        "createStack",
        "getAllTags",
        "upsertTags",
        "tagAssets",
        "getQueues",
        "updateQueue",
        "getQueuesLegacy",
        "runQueueCommandLegacy",
        "getAssetStatistics",
        "deleteAssets",
        "restoreAssets",
        "searchAssetStatistics",
        "getStack",
        "searchStacks",
        "updateStack",
        "updateAlbumInfo",
        "updateTag",
        "viewAsset",
        "playAssetVideo",
        "getProfileImage",
    }
)


@attrs.frozen
class CompatibilityIssue:
    severity: str  # error | warning | info
    kind: str
    where: str  # operationId, or Schema.field
    detail: str
    used_by_engine: bool = False


@attrs.frozen
class CompatibilityReport:
    server_version: str
    client_api_version: str
    spec_available: bool
    issues: tuple[CompatibilityIssue, ...]

    @property
    def version_supported(self) -> bool:
        parsed = _version_tuple(self.server_version)
        return parsed is not None and parsed >= MIN_SUPPORTED_VERSION

    @property
    def compatible(self) -> bool:
        """True when nothing the transfer engine relies on is broken."""
        return self.version_supported and not any(
            i.severity == "error" and i.used_by_engine for i in self.issues
        )

    def count(self, severity: str) -> int:
        return sum(1 for i in self.issues if i.severity == severity)

    def summary(self) -> str:
        head = (
            f"server {self.server_version}, client generated from v{self.client_api_version}: "
            + ("compatible" if self.compatible else "NOT compatible")
        )
        if not self.spec_available:
            return head + " (the server's spec was not available; judged by version only)"
        return (
            f"{head} ({self.count('error')} errors, {self.count('warning')} warnings, "
            f"{self.count('info')} notes)"
        )


def _version_tuple(text: str) -> tuple[int, int, int] | None:
    parts = text.lstrip("v").split(".")
    try:
        major, minor, patch = (int(p) for p in [*parts, "0", "0"][:3])
    except ValueError:
        return None
    return major, minor, patch


# -- this client's side ------------------------------------------------------------


def client_operations() -> dict[str, Op]:
    """Every operation this client knows, by operationId."""
    ops: dict[str, Op] = {}
    for module_name, _ in GROUPS.values():
        module = importlib.import_module(f"{__package__}.api.{module_name}")
        ops.update((v.op_id, v) for v in vars(module).values() if isinstance(v, Op))
    return ops


_MODELS_PACKAGE = f"{__package__}.models."


def _model_class(name: str) -> type | None:
    from . import models

    value = getattr(models, name, None)
    return value if isinstance(value, type) else None


def _field_refs(tp: Any) -> Iterator[type]:
    if isinstance(tp, type) and attrs.has(tp) and tp.__module__.startswith(_MODELS_PACKAGE):
        yield tp
    for arg in typing.get_args(tp):
        yield from _field_refs(arg)


def _reachable(roots: Iterable[str]) -> set[type]:
    seen: set[type] = set()
    todo = [c for c in (_model_class(r) for r in roots) if c is not None]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for field in attrs.fields(cls):
            todo.extend(_field_refs(field.type))
    return seen


def _json_kind(tp: Any) -> set[str]:
    """The JSON types a Python annotation of a generated model stands for."""
    import datetime as dt

    kinds: set[str] = set()
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if origin is list:
        return {"array"}
    if origin is dict:
        return {"object"}
    if args and origin is not None and origin is not list:
        for arg in args:
            if arg is not type(None) and arg is not Unset:
                kinds |= _json_kind(arg)
        return kinds
    if tp in (str, dt.datetime, dt.date) or (isinstance(tp, type) and issubclass(tp, str)):
        return {"string"}
    if tp is bool:
        return {"boolean"}
    if tp is int:
        return {"integer"}
    if tp is float:
        return {"number", "integer"}
    if isinstance(tp, type) and attrs.has(tp):
        return {"object"}
    return {"string", "integer", "number", "boolean", "array", "object"}


def _nullable(tp: Any) -> bool:
    return type(None) in typing.get_args(tp)


# -- comparison --------------------------------------------------------------------


def _resolve(spec: Mapping[str, Any], schema: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = schema.get("$ref")
    if ref is None and len(schema.get("allOf", [])) == 1:
        ref = schema["allOf"][0].get("$ref")
    if ref:
        resolved: Mapping[str, Any] = spec["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
        return resolved
    return schema


def _spec_kind(spec: Mapping[str, Any], schema: Mapping[str, Any]) -> str | None:
    schema = _resolve(spec, schema)
    if "anyOf" in schema or "oneOf" in schema:
        return None
    kind = schema.get("type")
    return str(kind) if kind else ("object" if "properties" in schema else None)


def compare_specs(server_spec: Mapping[str, Any]) -> list[CompatibilityIssue]:
    """Every difference between this client and *server_spec* that matters to callers."""
    issues: list[CompatibilityIssue] = []
    ops = client_operations()
    server_ops: dict[str, tuple[str, str, Mapping[str, Any]]] = {}
    by_route: dict[tuple[str, str], str] = {}
    for path, item in server_spec.get("paths", {}).items():
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                server_ops[op["operationId"]] = (method.upper(), path, op)
                by_route[(method.upper(), path)] = op["operationId"]

    for op_id, op in sorted(ops.items()):
        engine = op_id in ENGINE_OPERATIONS
        found = server_ops.get(op_id)
        if found is None:
            renamed = by_route.get((op.method, op.template))
            if renamed:
                issues.append(
                    CompatibilityIssue(
                        "info", "renamed-operation", op_id, f"the server calls it {renamed}", engine
                    )
                )
                found = server_ops[renamed]
            else:
                issues.append(
                    CompatibilityIssue(
                        "error",
                        "missing-operation",
                        op_id,
                        f"{op.method} {op.template} does not exist on the server",
                        engine,
                    )
                )
                continue
        method, path, server_op = found
        if (method, path) != (op.method, op.template):
            issues.append(
                CompatibilityIssue(
                    "error",
                    "moved-operation",
                    op_id,
                    f"client calls {op.method} {op.template}, server has {method} {path}",
                    engine,
                )
            )
        ours = {w for _, w in (*op.path, *op.query, *op.header)}
        for param in server_op.get("parameters", []):
            if param.get("required") and param["name"] not in ours:
                issues.append(
                    CompatibilityIssue(
                        "error",
                        "new-required-parameter",
                        op_id,
                        f"the server requires {param['in']} parameter {param['name']!r}",
                        engine,
                    )
                )
        theirs = {p["name"] for p in server_op.get("parameters", [])}
        for name in sorted(ours - theirs):
            issues.append(
                CompatibilityIssue(
                    "warning",
                    "unknown-parameter",
                    op_id,
                    f"the server does not know parameter {name!r} (do not pass it)",
                    engine,
                )
            )

    engine_ops = [o for i, o in ops.items() if i in ENGINE_OPERATIONS]
    response_roots = {o.returns.strip("[]") for o in ops.values() if o.returns}
    request_roots = {o.body and _body_schema(o) for o in ops.values()} - {None}
    response_models = _reachable(r for r in response_roots if r)
    request_models = _reachable(r for r in request_roots if r)
    engine_models = _reachable(
        [o.returns.strip("[]") for o in engine_ops if o.returns]
        + [s for s in (_body_schema(o) for o in engine_ops) if s]
    )
    schemas: Mapping[str, Any] = server_spec.get("components", {}).get("schemas", {})
    for cls in sorted(response_models | request_models, key=lambda c: c.__name__):
        issues.extend(
            _compare_model(
                server_spec,
                cls,
                schemas.get(cls.__name__),
                is_response=cls in response_models,
                is_request=cls in request_models,
                engine=cls in engine_models,
            )
        )
    issues.extend(_compare_enums(schemas))
    return issues


def _body_schema(op: Op) -> str | None:
    if op.body is None:
        return None
    from ._naming import camel

    name = camel(op.body[0])
    return name[:1].upper() + name[1:]


def _compare_model(
    spec: Mapping[str, Any],
    cls: type,
    schema: Mapping[str, Any] | None,
    *,
    is_response: bool,
    is_request: bool,
    engine: bool,
) -> list[CompatibilityIssue]:
    name = cls.__name__
    if schema is None:
        return [
            CompatibilityIssue("warning", "missing-schema", name, "unknown to the server", engine)
        ]
    issues: list[CompatibilityIssue] = []
    props: Mapping[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", []))
    fields = {f.name: f for f in attrs.fields(cls)}
    wires = wire_names(cls)
    by_wire = {wires[n]: f for n, f in fields.items()}
    for wire, field in sorted(by_wire.items()):
        ours_required = field.default is attrs.NOTHING
        where = f"{name}.{wire}"
        if wire not in props:
            if is_response and ours_required:
                issues.append(
                    CompatibilityIssue(
                        "error",
                        "missing-field",
                        where,
                        "the server does not send it but this client requires it",
                        engine,
                    )
                )
            elif is_request:
                issues.append(
                    CompatibilityIssue(
                        "warning",
                        "unknown-field",
                        where,
                        "the server does not know it (leave it unset)",
                        engine,
                    )
                )
            continue
        prop = props[wire]
        if is_response and ours_required and wire not in required:
            issues.append(
                CompatibilityIssue(
                    "warning",
                    "now-optional",
                    where,
                    "the server may leave it out; parsing fails when it does",
                    engine,
                )
            )
        if is_response and not _nullable(field.type) and prop.get("nullable"):
            issues.append(
                CompatibilityIssue(
                    "warning",
                    "now-nullable",
                    where,
                    "the server may send null; parsing fails when it does",
                    engine,
                )
            )
        kind = _spec_kind(spec, prop)
        if kind and kind not in _json_kind(field.type):
            issues.append(
                CompatibilityIssue(
                    "warning", "type-changed", where, f"the server declares it as {kind}", engine
                )
            )
    for wire in sorted(set(props) - set(by_wire)):
        where = f"{name}.{wire}"
        if is_request and wire in required:
            issues.append(
                CompatibilityIssue(
                    "error",
                    "new-required-field",
                    where,
                    "the server requires it and this client cannot send it",
                    engine,
                )
            )
        else:
            issues.append(
                CompatibilityIssue("info", "new-field", where, "ignored by this client", False)
            )
    return issues


def _compare_enums(schemas: Mapping[str, Any]) -> list[CompatibilityIssue]:
    from . import models

    issues = []
    for name, schema in sorted(schemas.items()):
        if "enum" not in schema:
            continue
        cls = getattr(models, name, None)
        if cls is None:
            continue
        ours = {m.value for m in cls}
        theirs = {str(v) for v in schema["enum"]}
        for value in sorted(theirs - ours):
            issues.append(
                CompatibilityIssue(
                    "info", "new-enum-value", f"{name}.{value}", "kept as an unknown value"
                )
            )
        for value in sorted(ours - theirs):
            issues.append(
                CompatibilityIssue(
                    "warning", "removed-enum-value", f"{name}.{value}", "the server rejects it"
                )
            )
    return issues


async def check_compatibility(client: AsyncClient) -> CompatibilityReport:
    """Read the server's version and spec and compare them with this client."""
    from .errors import ApiError, ResponseValidationError

    version = await client.server.get_server_version()
    server_version = f"v{version.major}.{version.minor}.{version.patch}"
    try:
        spec = (await client.request("GET", "/spec.json")).data
    except (ApiError, ResponseValidationError):
        spec = None
    if not isinstance(spec, dict) or "paths" not in spec:
        return CompatibilityReport(server_version, IMMICH_VERSION, False, ())
    return CompatibilityReport(server_version, IMMICH_VERSION, True, tuple(compare_specs(spec)))
