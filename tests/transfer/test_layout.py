"""The folders of ``immich_bulk.transfer`` are its layers; the old module paths still work.

- every module path the README, the docs, the benchmarks or the tests ever imported from
  the transfer layer still imports, with the same names; a path that moved warns;
- nothing in the project imports an old path;
- no import cycle (module-level imports, the ones that run);
- the lower layers (local/, server/) never import an engine.
"""

from __future__ import annotations

import ast
import importlib
import sys
import warnings
from pathlib import Path

import pytest

import immich_bulk
from immich_bulk.transfer._moved import MOVED

PACKAGE = Path(immich_bulk.__file__).parent
ROOT = PACKAGE.parent
T = "immich_bulk.transfer"

# Every (module path, names) imported from the transfer layer by README.md, docs/,
# benchmarks/ or tests/ in the project's history (private modules aside: no promise).
OLD_PATHS: dict[str, tuple[str, ...]] = {
    "immich_bulk.transfer": ("download", "hashing", "scan", "state"),
    "immich_bulk.transfer.adaptive": ("AdaptiveConcurrency",),
    "immich_bulk.transfer.config": ("Bounds", "DownloadConfig", "UploadConfig"),
    "immich_bulk.transfer.download": (
        "PlacementConflict",
        "fetch",
        "item_part_path",
        "meta_path_for",
        "parse_content_range",
        "part_path_for",
    ),
    "immich_bulk.transfer.events": (
        "BytesTransferred",
        "ItemDone",
        "ItemFailed",
        "ItemRetrying",
        "ItemStarted",
        "JobsPending",
        "Notice",
        "TransferEvent",
    ),
    "immich_bulk.transfer.export": ("ExportOptions", "Exporter", "export"),
    "immich_bulk.transfer.hashing": (
        "FileIdentity",
        "HashResult",
        "Hasher",
        "StreamHasher",
        "parse_checksum",
        "sha1_base64",
        "sha1_file",
        "sha1_hex",
    ),
    "immich_bulk.transfer.jobs": ("INGEST_QUEUES", "JobControl", "owner_alive", "process_owner"),
    "immich_bulk.transfer.migrate": (
        "LOCKED_ON_TARGET",
        "MigrateConfig",
        "MigrateOptions",
        "Migrator",
        "NOT_CARRIED",
        "migrate",
        "verify_migration",
    ),
    "immich_bulk.transfer.migrate_journal": ("MigrationJournal", "PairKey"),
    "immich_bulk.transfer.migrate_listing": ("Selection",),
    "immich_bulk.transfer.migrate_meta": (
        "PRESERVE_ALL",
        "desired_state",
        "fingerprint",
        "local_iso",
        "normalize_preserve",
        "offset_tag",
        "sidecar_xmp",
        "still_to_apply",
        "update_dto",
        "zone_of",
    ),
    "immich_bulk.transfer.naming": (
        "Layout",
        "MAX_FILE_NAME_BYTES",
        "collision_names",
        "filename_from_content_disposition",
        "safe_name",
        "split_ext",
    ),
    "immich_bulk.transfer.ratelimit": ("RateLimiter", "parse_rate"),
    "immich_bulk.transfer.report": ("Outcome", "TransferReport"),
    "immich_bulk.transfer.scan": (
        "ErrorKind",
        "ScanError",
        "ScanItem",
        "ScanOptions",
        "ScanSkip",
        "ScannedFile",
        "SkipKind",
        "iter_scan",
        "scan_into",
    ),
    "immich_bulk.transfer.search": ("search_filter",),
    "immich_bulk.transfer.state": (
        "FileIdentity",
        "SCHEMA_VERSION",
        "StateStore",
        "StateStoreError",
        "StateStoreVersionError",
        "default_state_path",
        "server_key",
    ),
    "immich_bulk.transfer.upload": ("UploadOptions", "Uploader", "upload"),
}


def _deprecations(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)]


def _import_fresh(path: str) -> tuple[object, list[str]]:
    """Import *path* as a first import would (an old path is forgotten first), recording
    the deprecation warnings."""
    if path.rpartition(".")[2] in MOVED and path.startswith(f"{T}."):
        sys.modules.pop(path, None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module(path)
    return module, _deprecations(caught)


@pytest.mark.parametrize("path", sorted(OLD_PATHS))
def test_every_old_path_imports_its_names(path: str) -> None:
    module, warned = _import_fresh(path)
    moved = path.startswith(f"{T}.") and path.rpartition(".")[2] in MOVED
    if moved:
        assert any(path in w and "deprecated" in w for w in warned), warned
        assert module is sys.modules[f"{T}.{MOVED[path.rpartition('.')[2]]}"]
    else:
        assert not warned, warned
    for name in OLD_PATHS[path]:
        served_by_getattr = name not in vars(module)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            # for the package itself, the names are modules: `from immich_bulk.transfer import scan`
            value = importlib.import_module(f"{T}.{name}") if path == T else getattr(module, name)
        assert value is not None
        if served_by_getattr and path != T:  # a package forwarding a replaced module's names
            assert any(f"{path}.{name} is deprecated" in w for w in _deprecations(caught))


def test_an_old_path_warns_at_the_importing_line(tmp_path: Path) -> None:
    old = next(iter(MOVED))
    sys.modules.pop(f"{T}.{old}", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exec(compile(f"import {T}.{old}\n", "user_code.py", "exec"), {})
    assert [(w.filename, w.lineno) for w in caught if w.category is DeprecationWarning] == [
        ("user_code.py", 1)
    ]


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


MODULES = _modules()


def _imports(name: str, *, runtime_only: bool) -> set[str]:
    """The project modules *name* imports: at module level outside ``if TYPE_CHECKING``
    (*runtime_only*), or anywhere."""
    path, is_package = MODULES[name]
    package = name if is_package else name.rpartition(".")[0]
    tree = ast.parse(path.read_text("utf-8"))

    def module_level(body: list[ast.stmt]) -> list[ast.stmt]:
        found: list[ast.stmt] = []
        for node in body:
            if isinstance(node, ast.If):
                if "TYPE_CHECKING" not in ast.unparse(node.test):
                    found += module_level(node.body)
                found += module_level(node.orelse)
            elif isinstance(node, ast.Try):
                found += module_level(node.body) + module_level(node.finalbody)
                for handler in node.handlers:
                    found += module_level(handler.body)
            else:
                found.append(node)
        return found

    nodes = module_level(tree.body) if runtime_only else list(ast.walk(tree))
    targets: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = str(node.module)
            subs = {f"{module}.{a.name}" for a in node.names} & MODULES.keys()
            targets |= subs | ({module} if len(subs) < len(node.names) else set())
    return targets - {name}


def test_nothing_in_the_project_imports_an_old_path() -> None:
    old = {f"{T}.{short}" for short in MOVED}
    users = {
        name: sorted(_imports(name, runtime_only=False) & old)
        for name in MODULES
        if _imports(name, runtime_only=False) & old
    }
    assert not users


def test_no_import_cycle() -> None:
    graph = {name: _imports(name, runtime_only=True) & MODULES.keys() for name in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = [stack.pop()]
            while component[-1] != node:
                component.append(stack.pop())
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    assert not cycles


@pytest.mark.parametrize("layer", ["local", "server"])
def test_a_lower_layer_never_imports_an_engine(layer: str) -> None:
    # the engines' folders (the shared pieces beside them -- the base, config, events,
    # report, state -- are below the engines and may be used)
    engines = (f"{T}.upload", f"{T}.download", f"{T}.migrate", f"{T}.takeout")
    for name in MODULES:
        if name.startswith(f"{T}.{layer}."):
            reached = _imports(name, runtime_only=False)
            assert not {m for m in reached if m.startswith(engines)}, name
