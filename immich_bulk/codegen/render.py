"""IR -> Python source files for ``immich_bulk/models`` and ``immich_bulk/api``.

Output is deterministic: the same spec bytes give the same files, byte for byte.
Each operation is a line of data (an ``Op``) plus three one-line method stubs, so the
generated code stays small and imports fast; models are one small module each and are
imported only when first used.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from .ir import ApiDef, Field, GroupDef, ModelDef, OperationDef
from .naming import camel, enum_member, snake

# Names a field must not shadow inside a class body (annotations are evaluated there), and
# the methods every model inherits from ``serialization.Model``.
_RESERVED = {"str", "int", "float", "bool", "list", "dict", "Any", "Unset", "UNSET", "FileInput",
             "Model", "to_dict", "to_json", "from_dict", "from_json"}  # fmt: skip


def banner(api: ApiDef) -> str:
    return (
        f"# Generated from the Immich v{api.version} OpenAPI spec (sha256 {api.sha256}) by "
        "immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`\n"
    )


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"""', "'''").strip() or "-"
    return text + " " if text.endswith('"') else text


def _doc(text: str, indent: str, width: int = 96) -> str:
    lines = textwrap.wrap(_escape(text), width - len(indent) - 6) or ["-"]
    if len(lines) == 1:
        return f'{indent}"""{lines[0]}"""\n'
    rest = "".join(f"{indent}{line}\n" for line in lines[1:])
    return f'{indent}"""{lines[0]}\n{rest}{indent}"""\n'


def _comment(text: str) -> str:
    return f"  # {text}" if text else ""


def module_name(schema: str) -> str:
    return snake(schema)


# -- models --------------------------------------------------------------------------


# Credentials: kept out of the generated reprs (a repr ends up in logs and tracebacks).
SECRET_FIELDS = frozenset(
    {"password", "newPassword", "secret", "clientSecret", "accessToken", "token", "pinCode",
     "newPinCode"}
)  # fmt: skip


def _field_line(field: Field) -> str:
    annotation = field.annotation.replace("datetime.", "_dt.")
    default = "" if field.required else " = UNSET"
    if field.wire_name in SECRET_FIELDS and field.type.expr == "str":
        default = (
            " = attrs.field(repr=False)"
            if field.required
            else " = attrs.field(default=UNSET, repr=False)"
        )
    note = field.description + (" (deprecated)" if field.deprecated else "")
    return f"    {field.py_name}: {annotation}{default}{_comment(note)}\n"


def render_model(api: ApiDef, model: ModelDef, enum_names: frozenset[str]) -> str:
    needs: set[str] = set().union(*(f.type.needs for f in model.fields))
    refs = set().union(*(f.type.refs for f in model.fields)) - {model.name}
    enums = sorted(refs & enum_names)
    classes = sorted(refs - enum_names)
    if model.name in _RESERVED:
        raise ValueError(f"schema {model.name} would shadow a name in the generated models")
    for field in model.fields:
        if field.py_name in _RESERVED or field.py_name in refs or field.py_name == "_dt":
            raise ValueError(f"{model.name}.{field.py_name} would shadow a name in the class body")
    wire = {f.py_name: f.wire_name for f in model.fields if camel(f.py_name) != f.wire_name}
    out = [banner(api)]
    if "datetime" in needs:
        out.append("import datetime as _dt\n")
    typing_names = sorted(({"Any"} & needs) | ({"ClassVar"} if wire else set()))
    if typing_names:
        out.append(f"from typing import {', '.join(typing_names)}\n")
    out.append("\nimport attrs\n\n" if len(out) > 1 else "import attrs\n\n")
    if any(not f.required for f in model.fields):
        out.append("from .._types import UNSET, Unset\n")
    if "FileInput" in needs:
        out.append("from ..files import FileInput\n")
    out.append("from ..serialization import Model\n")
    if enums:
        out.append(f"from ._enums import {', '.join(enums)}\n")
    out.extend(f"from .{module_name(ref)} import {ref}\n" for ref in classes)
    out.append("\n@attrs.define(kw_only=True)\n")
    out.append(f"class {model.name}(Model):\n")
    if model.description != model.name:
        out.append(_doc(model.description, "    "))
    if wire:
        pairs = ", ".join(f"{k!r}: {v!r}" for k, v in sorted(wire.items()))
        out.append(f"    _wire_names: ClassVar[dict[str, str]] = {{{pairs}}}\n")
    out.extend(_field_line(f) for f in model.fields)
    if len(out) and out[-1].endswith(":\n"):
        out.append("    pass\n")
    return "".join(out)


def render_enums(api: ApiDef) -> str:
    out = [
        banner(api),
        '"""Every enum of the API, open to values this client does not know."""\n\n',
    ]
    out.append("from .._enum import OpenStrEnum\n")
    for enum in api.enums:
        members = [(enum_member(v), v) for v in enum.values]
        if len({m for m, _ in members}) != len(members):
            raise ValueError(f"{enum.name}: two values map to one member name")
        out.append(f"\n\nclass {enum.name}(OpenStrEnum):\n")
        if enum.description != enum.name:
            out.append(_doc(enum.description, "    "))
        out.extend(f"    {member} = {value!r}\n" for member, value in members)
    return "".join(out)


def render_models_init(api: ApiDef) -> str:
    enums = sorted(e.name for e in api.enums)
    names = sorted([m.name for m in api.models] + enums)
    out = [banner(api)]
    out.append(
        '"""Models of the Immich API: attrs classes (one small module each) and open string enums.\n\n'
        "Import them from here (``from immich_bulk.models import AssetResponseDto``); each is\n"
        'loaded on first use, so importing this package costs next to nothing.\n"""\n\n'
    )
    out.append("from __future__ import annotations\n\n")
    out.append("import importlib\nfrom typing import TYPE_CHECKING, Any\n\n")
    out.append("from .._naming import snake as _module_of\n\n")
    out.append("if TYPE_CHECKING:\n")
    out.append("    from ._enums import (\n")
    out.extend(f"        {line}\n" for line in _wrap_names(enums, 88, quote=False))
    out.append("    )\n")
    out.extend(
        f"    from .{module_name(m.name)} import {m.name} as {m.name}\n"
        for m in sorted(api.models, key=lambda m: m.name)
    )
    out.append("\n__all__ = [\n")
    out.extend(f"    {line}\n" for line in _wrap_names(names, 92))
    out.append("]\n_NAMES = frozenset(__all__)\n_ENUMS = frozenset({\n")
    out.extend(f"    {line}\n" for line in _wrap_names(enums, 92))
    out.append("})\n\n\n")
    out.append(
        "def __getattr__(name: str) -> Any:\n"
        "    if name not in _NAMES:\n"
        '        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")\n'
        '    module = "_enums" if name in _ENUMS else _module_of(name)\n'
        '    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)\n'
        "    globals()[name] = value\n"
        "    return value\n\n\n"
        "def __dir__() -> list[str]:\n"
        "    return sorted(set(globals()) | _NAMES)\n"
    )
    return "".join(out)


def _wrap_names(names: Iterable[str], width: int, quote: bool = True) -> list[str]:
    lines: list[str] = []
    current = ""
    for name in names:
        item = f'"{name}",' if quote else f"{name},"
        if current and len(current) + 1 + len(item) > width:
            lines.append(current)
            current = item
        else:
            current = f"{current} {item}" if current else item
    if current:
        lines.append(current)
    return lines


# -- API groups ----------------------------------------------------------------------


def _op_line(op: OperationDef) -> str:
    args = [repr(op.op_id), repr(op.method), repr(op.path)]
    for location in ("path", "query", "header"):
        names = tuple(p.wire_name for p in op.params if p.location == location)
        if names:
            args.append(f"{location}={names!r}")
    if op.body:
        args.append(f"body=({op.body.py_name!r}, {op.body.media!r})")
    if op.returns:
        args.append(f"returns={op.returns!r}")
    if op.retry_safe and op.method == "POST":
        args.append("retry_safe=True")
    return f"_{op.name} = Op({', '.join(args)})\n"


def _signature(op: OperationDef) -> str:
    parts = ["self"]
    parts.extend(f"{p.py_name}: {p.annotation}" for p in op.params if p.location == "path")
    if op.body:
        body_type = op.body.schema if op.body.required else f"{op.body.schema} | Unset"
        default = "" if op.body.required else " = UNSET"
        parts.append(f"{op.body.py_name}: {body_type}{default}")
    rest = [p for p in op.params if p.location != "path"]
    rest.sort(key=lambda p: not p.required)
    parts.append("*")
    for p in rest:
        default = "" if p.required else " = UNSET"
        parts.append(f"{p.py_name}: {p.annotation}{default}")
    parts.append("_request_timeout: TimeoutArg = UNSET")
    parts.append("_headers: HeadersArg = None")
    return ", ".join(parts)


def _op_doc(op: OperationDef) -> str:
    text = op.summary.rstrip(".") + "." if op.summary else op.name
    if op.description and op.description.rstrip(".") != op.summary.rstrip("."):
        text += " " + op.description
    where = f"``{op.method} {op.path}``"
    if op.permission:
        where += f", permission ``{op.permission}``"
    if op.deprecated:
        where += ", deprecated"
    return f"{text} ({where})"


def render_group(api: ApiDef, group: GroupDef) -> str:
    refs = sorted(
        set().union(*(op.returns_refs for op in group.operations))
        | {op.body.schema for op in group.operations if op.body}
        | set().union(*(p.type.refs for op in group.operations for p in op.params))
    )
    needs_dt = any("datetime" in p.type.needs for op in group.operations for p in op.params)
    out = [banner(api)]
    out.append(
        f'"""{group.tag}: {group.description}"""\n\n'
        if group.description
        else f'"""{group.tag}."""\n\n'
    )
    out.append("from __future__ import annotations\n\n")
    out.append("from typing import TYPE_CHECKING\n\n")
    out.append("from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg\n")
    out.append("from .._types import UNSET, Unset\n\n")
    out.append("if TYPE_CHECKING:\n")
    if needs_dt:
        out.append("    import datetime\n\n")
    out.append("    from .._http.response import ApiResponse\n")
    if refs:
        out.append(
            f"    from ..models import {', '.join(refs)}\n"
            if len(", ".join(refs)) < 70
            else "    from ..models import (\n"
            + "".join(f"        {r},\n" for r in refs)
            + "    )\n"
        )
    out.append("\n")
    out.extend(_op_line(op) for op in group.operations)
    out.append(f"\n\nclass {group.class_name}(ApiGroup):\n")
    out.append(
        _doc(f"{group.tag}: {group.description}" if group.description else group.tag, "    ")
    )
    for op in group.operations:
        sig = _signature(op)
        ret = op.returns_type
        out.append(f"\n    async def {op.name}({sig}) -> {ret}:\n")
        out.append(f'        """{_escape(_op_doc(op))}"""\n')
        out.append(f"        return await self._parsed(_{op.name}, locals())\n")
        out.append(f"    async def {op.name}_with_http_info({sig}) -> ApiResponse[{ret}]:\n")
        out.append(
            f'        """``{op.name}``, returning status code, headers, parsed data and raw bytes."""\n'
        )
        out.append(f"        return await self._with_http_info(_{op.name}, locals())\n")
        out.append(f"    def {op.name}_without_preload_content({sig}) -> RawCall:\n")
        out.append(
            f'        """``{op.name}``, returning the unread streaming response (``async with`` it, or await and close it)."""\n'
        )
        out.append(f"        return self._without_preload_content(_{op.name}, locals())\n")
    return "".join(out)


def render_api_init(api: ApiDef) -> str:
    out = [banner(api)]
    out.append(
        '"""API groups: one class per tag of the spec, reachable as client attributes."""\n\n'
    )
    out.append("from __future__ import annotations\n\n")
    out.append("from functools import cached_property\nfrom typing import TYPE_CHECKING\n\n")
    out.append("if TYPE_CHECKING:\n")
    out.extend(f"    from .{g.module} import {g.class_name}\n" for g in api.groups)
    out.append(f"\nIMMICH_VERSION = {api.version!r}\nSPEC_SHA256 = {api.sha256!r}\n")
    out.append("GROUPS = {\n")
    out.extend(f"    {g.attr!r}: ({g.module!r}, {g.class_name!r}),\n" for g in api.groups)
    out.append("}\n\n\nclass ApiGroups:\n")
    out.append('    """Mixin: every API group as a lazily created attribute of the client."""\n')
    for g in api.groups:
        out.append(f"\n    @cached_property\n    def {g.attr}(self) -> {g.class_name}:\n")
        out.append(f'        """{g.tag} ({len(g.operations)} operations)."""\n')
        out.append(f"        from .{g.module} import {g.class_name}\n\n")
        out.append(f"        return {g.class_name}(self)\n")
    return "".join(out)


def render_all(api: ApiDef) -> dict[str, str]:
    """Every generated file, as ``{path relative to the package: source}``."""
    files: dict[str, str] = {}
    enum_names = frozenset(e.name for e in api.enums)
    for model in api.models:
        files[f"models/{module_name(model.name)}.py"] = render_model(api, model, enum_names)
    files["models/_enums.py"] = render_enums(api)
    files["models/__init__.py"] = render_models_init(api)
    for group in api.groups:
        files[f"api/{group.module}.py"] = render_group(api, group)
    files["api/__init__.py"] = render_api_init(api)
    return files
