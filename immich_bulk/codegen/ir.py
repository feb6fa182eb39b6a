"""The spec as a small intermediate representation: models, enums, operations by group.

Spec quirks handled here: ``allOf: [{$ref}]`` wrappers (they only carry a description),
``nullable``, required vs optional (three states: absent / null / value), inline enums
(named ``<Schema><Field>``), free-form objects, ``anyOf`` of objects, binary fields
(multipart files) and the absence of documented error responses.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .naming import camel, group_attr, pascal, snake

JsonObj = Mapping[str, Any]

# POST operations that only read (or are idempotent by design) and so may be retried.
RETRY_SAFE_POSTS = frozenset(
    {
        "checkBulkUpload",
        "checkExistingAssets",
        "getDownloadInfo",
        "downloadArchive",
        "uploadAsset",  # the server dedupes by checksum: a repeated upload answers "duplicate"
        "getAssetsByOriginalPath",
    }
)


@attrs.frozen
class TypeRef:
    """A Python type expression and the generated names (models/enums) it refers to."""

    expr: str
    refs: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()  # "datetime", "Any", "FileInput"


@attrs.frozen
class Field:
    py_name: str
    wire_name: str
    type: TypeRef
    required: bool
    nullable: bool
    description: str
    deprecated: bool = False

    @property
    def annotation(self) -> str:
        expr = self.type.expr
        if self.nullable:
            expr += " | None"
        if not self.required:
            expr += " | Unset"
        return expr


@attrs.frozen
class ModelDef:
    name: str
    description: str
    fields: tuple[Field, ...]


@attrs.frozen
class EnumDef:
    name: str
    description: str
    values: tuple[str, ...]


@attrs.frozen
class ParamDef:
    py_name: str
    wire_name: str
    location: str  # path | query | header
    type: TypeRef
    required: bool
    nullable: bool = False

    @property
    def annotation(self) -> str:
        expr = self.type.expr + (" | None" if self.nullable else "")
        return expr if self.required else expr + " | Unset"


@attrs.frozen
class BodyDef:
    py_name: str
    schema: str
    media: str  # json | multipart
    required: bool


@attrs.frozen
class OperationDef:
    op_id: str
    name: str
    method: str
    path: str
    summary: str
    description: str
    deprecated: bool
    permission: str | None
    params: tuple[ParamDef, ...]
    body: BodyDef | None
    returns: str | None  # "Model", "[Model]", "[str]", "bytes" or None
    returns_type: str  # the Python annotation of the parsed result
    returns_refs: frozenset[str]
    retry_safe: bool


@attrs.frozen
class GroupDef:
    tag: str
    attr: str
    class_name: str
    module: str
    description: str
    operations: tuple[OperationDef, ...]


@attrs.frozen
class ApiDef:
    version: str
    sha256: str
    models: tuple[ModelDef, ...]
    enums: tuple[EnumDef, ...]
    groups: tuple[GroupDef, ...]


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


class _Builder:
    def __init__(self, spec: JsonObj) -> None:
        self.spec = spec
        self.schemas: JsonObj = spec["components"]["schemas"]
        self.inline_enums: dict[str, EnumDef] = {}

    # -- types -----------------------------------------------------------------
    def ref_name(self, schema: JsonObj) -> str | None:
        if "$ref" in schema:
            return str(schema["$ref"]).rsplit("/", 1)[-1]
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and len(all_of) == 1 and "$ref" in all_of[0]:
            return str(all_of[0]["$ref"]).rsplit("/", 1)[-1]
        return None

    def type_of(self, schema: JsonObj, inline_name: str) -> TypeRef:
        ref = self.ref_name(schema)
        if ref is not None:
            return TypeRef(ref, frozenset({ref}))
        if "anyOf" in schema or "oneOf" in schema:
            parts = [self.type_of(s, inline_name) for s in schema.get("anyOf", schema.get("oneOf"))]
            return TypeRef(
                " | ".join(p.expr for p in parts),
                frozenset().union(*(p.refs for p in parts)),
                frozenset().union(*(p.needs for p in parts)),
            )
        kind = schema.get("type")
        fmt = schema.get("format")
        if "enum" in schema:
            name = inline_name
            values = tuple(str(v) for v in schema["enum"])
            existing = self.inline_enums.get(name)
            if existing is not None and existing.values != values:
                raise ValueError(f"inline enum name clash: {name}")
            self.inline_enums[name] = EnumDef(name, _one_line(schema.get("description")), values)
            return TypeRef(name, frozenset({name}))
        if kind == "string":
            if fmt == "date-time":
                return TypeRef("datetime.datetime", needs=frozenset({"datetime"}))
            if fmt == "date":
                return TypeRef("datetime.date", needs=frozenset({"datetime"}))
            if fmt == "binary":
                return TypeRef("FileInput", needs=frozenset({"FileInput"}))
            return TypeRef("str")
        if kind == "integer":
            return TypeRef("int")
        if kind == "number":
            return TypeRef("float")
        if kind == "boolean":
            return TypeRef("bool")
        if kind == "array":
            item = self.type_of(schema.get("items", {}), inline_name + "Item")
            return TypeRef(f"list[{item.expr}]", item.refs, item.needs)
        if kind == "object" or kind is None:
            return TypeRef("dict[str, Any]", needs=frozenset({"Any"}))
        raise ValueError(f"unsupported schema: {json.dumps(schema)[:200]}")

    # -- models ----------------------------------------------------------------
    def model(self, name: str, schema: JsonObj) -> ModelDef:
        required = set(schema.get("required", ()))
        fields = []
        for wire, prop in schema.get("properties", {}).items():
            py = snake(wire)
            fields.append(
                Field(
                    py_name=py,
                    wire_name=wire,
                    type=self.type_of(prop, name + pascal(wire)),
                    required=wire in required,
                    nullable=bool(prop.get("nullable")),
                    description=_one_line(prop.get("description")),
                    deprecated=bool(prop.get("deprecated")),
                )
            )
        names = [f.py_name for f in fields]
        if len(set(names)) != len(names):
            raise ValueError(f"{name}: two properties map to one Python name")
        return ModelDef(name, _one_line(schema.get("description")) or name, tuple(fields))

    # -- operations ------------------------------------------------------------
    def returns(self, op: JsonObj) -> tuple[str | None, str, frozenset[str]]:
        for code in ("200", "201", "204"):
            response = op.get("responses", {}).get(code)
            if response is None:
                continue
            content = response.get("content") or {}
            if "application/octet-stream" in content:
                return "bytes", "bytes", frozenset()
            if "application/json" in content:
                schema = content["application/json"]["schema"]
                ref = self.ref_name(schema)
                if ref:
                    return ref, ref, frozenset({ref})
                if schema.get("type") == "array":
                    item = self.ref_name(schema["items"])
                    if item:
                        return f"[{item}]", f"list[{item}]", frozenset({item})
                    if schema["items"].get("type") == "string":
                        return "[str]", "list[str]", frozenset()
                raise ValueError(f"{op['operationId']}: unsupported response {schema}")
            return None, "None", frozenset()
        raise ValueError(f"{op['operationId']}: no success response")

    def operation(self, method: str, path: str, op: JsonObj) -> OperationDef:
        op_id = op["operationId"]
        params = []
        for p in op.get("parameters", ()):
            schema = p.get("schema", {})
            params.append(
                ParamDef(
                    py_name=snake(p["name"]),
                    wire_name=p["name"],
                    location=p["in"],
                    type=self.type_of(schema, pascal(op_id) + pascal(p["name"])),
                    required=bool(p.get("required")) or p["in"] == "path",
                    nullable=bool(schema.get("nullable")),
                )
            )
        # path parameters first (positional), in the order they appear in the path
        params.sort(key=lambda p: (p.location != "path", path.find("{" + p.wire_name + "}")))
        body = None
        request_body = op.get("requestBody")
        if request_body:
            content = request_body["content"]
            media = "multipart" if "multipart/form-data" in content else "json"
            schema = content["multipart/form-data" if media == "multipart" else "application/json"]
            ref = self.ref_name(schema["schema"])
            if ref is None:
                raise ValueError(f"{op_id}: inline request bodies are not supported")
            body = BodyDef(snake(ref), ref, media, bool(request_body.get("required")))
        returns, returns_type, refs = self.returns(op)
        names = [p.py_name for p in params] + ([body.py_name] if body else [])
        if len(set(names)) != len(names) or {"self"} & set(names):
            raise ValueError(f"{op_id}: parameter name clash {names}")
        return OperationDef(
            op_id=op_id,
            name=snake(op_id),
            method=method.upper(),
            path=path,
            summary=_one_line(op.get("summary")),
            description=_one_line(op.get("description")),
            deprecated=bool(op.get("deprecated")) or op.get("x-immich-state") == "Deprecated",
            permission=op.get("x-immich-permission"),
            params=tuple(params),
            body=body,
            returns=returns,
            returns_type=returns_type,
            returns_refs=refs,
            retry_safe=method.upper() in ("GET", "HEAD", "PUT", "DELETE", "OPTIONS")
            or op_id in RETRY_SAFE_POSTS
            or op_id.startswith("search"),
        )

    def build(self, sha256: str) -> ApiDef:
        models, enums = [], []
        for name, schema in sorted(self.schemas.items()):
            if "enum" in schema:
                values = tuple(str(v) for v in schema["enum"])
                enums.append(EnumDef(name, _one_line(schema.get("description")) or name, values))
            else:
                models.append(self.model(name, schema))
        tag_docs = {t["name"]: _one_line(t.get("description")) for t in self.spec.get("tags", [])}
        by_tag: dict[str, list[OperationDef]] = {}
        for path, item in self.spec["paths"].items():
            for method, op in item.items():
                if method not in ("get", "post", "put", "patch", "delete", "head"):
                    continue
                tag = (op.get("tags") or ["Default"])[0]
                by_tag.setdefault(tag, []).append(self.operation(method, path, op))
        groups = []
        for tag, ops in sorted(by_tag.items(), key=lambda kv: group_attr(kv[0])):
            ops.sort(key=lambda o: o.name)
            attr = group_attr(tag)
            groups.append(
                GroupDef(tag, attr, pascal(tag) + "Api", attr, tag_docs.get(tag, ""), tuple(ops))
            )
        clash = {e.name for e in enums} & set(self.inline_enums)
        clash |= {m.name for m in models} & (set(self.inline_enums) | {e.name for e in enums})
        if clash:
            raise ValueError(f"generated names clash: {sorted(clash)}")
        all_enums = sorted([*enums, *self.inline_enums.values()], key=lambda e: e.name)
        return ApiDef(
            version=str(self.spec.get("info", {}).get("version", "unknown")),
            sha256=sha256,
            models=tuple(models),
            enums=tuple(all_enums),
            groups=tuple(groups),
        )


def build_ir(spec_bytes: bytes) -> ApiDef:
    """Parse the spec's bytes into the IR (the sha256 of exactly these bytes is recorded)."""
    spec = json.loads(spec_bytes)
    return _Builder(spec).build(hashlib.sha256(spec_bytes).hexdigest())


def iter_refs(model: ModelDef) -> Iterable[str]:
    for field in model.fields:
        yield from field.type.refs


__all__ = [
    "ApiDef",
    "BodyDef",
    "EnumDef",
    "Field",
    "GroupDef",
    "ModelDef",
    "OperationDef",
    "ParamDef",
    "TypeRef",
    "build_ir",
    "camel",
]
