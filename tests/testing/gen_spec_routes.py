"""Generate ``immich_bulk/testing/_spec_routes.py`` from the Immich OpenAPI spec.

Usage (from the repository root)::

    python -m tests.testing.gen_spec_routes [SPEC_JSON] [OUTPUT_PY]

Defaults: ``../shared/openapi/immich-openapi-specs.v2.7.5.json`` and
``immich_bulk/testing/_spec_routes.py``. ``tests/testing/test_spec_routes.py`` re-renders the
table and compares it with the committed file whenever the spec is present.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SPEC = REPO.parent / "shared" / "openapi" / "immich-openapi-specs.v2.7.5.json"
DEFAULT_OUTPUT = REPO / "immich_bulk" / "testing" / "_spec_routes.py"
METHODS = ("get", "post", "put", "patch", "delete")


def _uuid_params(op: dict[str, Any]) -> tuple[str, ...]:
    names = []
    for param in op.get("parameters", []):
        if param.get("in") == "path" and param.get("schema", {}).get("format") == "uuid":
            names.append(param["name"])
    return tuple(sorted(names))


def routes(
    spec: dict[str, Any],
) -> list[tuple[str, str, str, str | None, bool, bool, tuple[str, ...]]]:
    """(method, path, operationId, permission, authenticated, admin_only, uuid path params)."""
    rows = []
    for path, item in spec["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            rows.append(
                (
                    method.upper(),
                    path,
                    op["operationId"],
                    op.get("x-immich-permission"),
                    bool(op.get("security")),
                    bool(op.get("x-immich-admin-only", False)),
                    _uuid_params(op),
                )
            )
    rows.sort(key=lambda r: (r[1], r[0]))
    return rows


def render(spec: dict[str, Any], spec_name: str) -> str:
    rows = routes(spec)
    out = [
        "# GENERATED FILE - DO NOT EDIT.",
        f"# Generated from {spec_name} (Immich {spec['info']['version']}, {len(rows)} operations)",
        "# by `python -m tests.testing.gen_spec_routes`;"
        " tests/testing/test_spec_routes.py checks it.",
        "# ruff: noqa: E501",
        '"""Static route table of the Immich API: one row per operation of the OpenAPI spec."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import NamedTuple",
        "",
        "",
        "class SpecRoute(NamedTuple):",
        '    """One operation: method, path template (without ``/api``) and its auth metadata."""',
        "",
        "    method: str",
        "    path: str",
        "    operation_id: str",
        "    permission: str | None",
        "    authenticated: bool",
        "    admin_only: bool",
        "    uuid_params: tuple[str, ...]",
        "",
        "",
        f'SPEC_VERSION = "{spec["info"]["version"]}"',
        "",
        "# fmt: off",
        "SPEC_ROUTES: tuple[SpecRoute, ...] = (",
    ]
    for method, path, op_id, perm, authed, admin, uuids in rows:
        perm_s = "None" if perm is None else f'"{perm}"'
        quoted = [f'"{u}"' for u in uuids]
        uuid_s = "(" + ", ".join(quoted) + ("," if len(quoted) == 1 else "") + ")"
        args = f'"{method}", "{path}", "{op_id}", {perm_s}, {authed}, {admin}, {uuid_s}'
        out.append(f"    SpecRoute({args}),")
    out.append(")")
    out.append("# fmt: on")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    spec_path = Path(args[0]) if args else DEFAULT_SPEC
    output = Path(args[1]) if len(args) > 1 else DEFAULT_OUTPUT
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    output.write_text(render(spec, spec_path.name), encoding="utf-8")
    print(f"wrote {output} ({len(routes(spec))} operations)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
