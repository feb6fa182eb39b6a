"""``immich_bulk.transfer`` is the public surface of the transfer layer, imported lazily.

Its names resolve to the objects the modules define; ``import immich_bulk`` and the client's
groups load no engine; the README, docs/ and benchmarks/ reach the transfer layer only
through public paths.
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import immich_bulk.transfer as transfer

ROOT = Path(__file__).resolve().parents[2]
INIT = Path(transfer.__file__)


def _type_checking_imports() -> dict[str, tuple[str, str]]:
    """``{public name: (module, name there)}`` of the ``if TYPE_CHECKING:`` block."""
    tree = ast.parse(INIT.read_text("utf-8"))
    found: dict[str, tuple[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom) and stmt.level == 1, ast.unparse(stmt)
                for alias in stmt.names:
                    assert alias.asname, f"{alias.name}: re-exported as `X as X` for checkers"
                    found[alias.asname] = (str(stmt.module), alias.name)
    return found


def test_the_names_type_checkers_see_are_the_names_served() -> None:
    assert sorted(transfer.__all__) == sorted(set(transfer.__all__)), "a name twice in __all__"
    assert set(transfer.__all__) == set(transfer._EXPORTS)
    assert _type_checking_imports() == transfer._EXPORTS


@pytest.mark.parametrize("name", sorted(transfer._EXPORTS))
def test_each_public_name_is_the_object_its_module_defines(name: str) -> None:
    module, attribute = transfer._EXPORTS[name]
    defining = importlib.import_module(f"immich_bulk.transfer.{module}")
    assert getattr(transfer, name) is getattr(defining, attribute)
    assert name in dir(transfer)


def test_no_public_name_is_a_module_name() -> None:
    # an imported submodule becomes the package attribute of its name, hiding a function
    # of the same name: ``from immich_bulk.transfer import migrate`` would give the module
    modules = {info.name for info in pkgutil.iter_modules(transfer.__path__)}
    assert not modules & set(transfer.__all__)


def test_an_unknown_name_is_an_attribute_error_and_submodules_still_import() -> None:
    with pytest.raises(AttributeError, match=r"'immich_bulk\.transfer' has no attribute 'Nope'"):
        transfer.Nope  # noqa: B018
    from immich_bulk.transfer.local import scan  # a module, not a public name: found as one

    assert scan.__name__ == "immich_bulk.transfer.local.scan"


_FRESH = """
import json, sys
import immich_bulk
from immich_bulk.testing import FakeImmich

async def main():
    fake = FakeImmich()
    async with fake.client() as client:
        client.assets, client.download, client.users
        await client.server.get_about_info()
        await client.assets.get_asset_statistics()

import anyio
anyio.run(main)
print(json.dumps(sorted(m for m in sys.modules if m.startswith("immich_bulk.transfer"))))
"""


def test_import_and_api_calls_load_no_engine() -> None:
    engines = {
        transfer._EXPORTS[name][0]
        for name in ("Uploader", "Exporter", "Migrator", "verify_migration", "Hasher", "iter_scan")
    }
    engines |= {"_engine", "download.resumable", "report", "events"}
    done = subprocess.run(
        [sys.executable, "-c", _FRESH],
        capture_output=True,
        text=True,
        timeout=300,  # a hang guard
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert not {f"immich_bulk.transfer.{name}" for name in engines} & loaded, sorted(loaded)


# Paths a user may import. The takeout importer keeps its own package until it runs on
# the engines' skeleton; the benchmark harness, the samples and serialization are modules
# of their own.
PUBLIC = {
    "immich_bulk",
    "immich_bulk.transfer",
    "immich_bulk.transfer.takeout",
    "immich_bulk.models",
    "immich_bulk.testing",
    "immich_bulk.errors",
    "immich_bulk.serialization",
    "immich_bulk.samples",
    "immich_bulk.bench",
}
_IMPORT = re.compile(
    r"^\s*(?:from\s+(immich_bulk[\w.]*)\s+import|import\s+(immich_bulk[\w.]*))", re.M
)
# a dotted mention in prose: immich_bulk.transfer.<something lower-case that is no public name>
_MENTION = re.compile(r"immich_bulk\.transfer\.([a-z_][a-z0-9_]*)")


def _user_facing() -> list[Path]:
    return [
        ROOT / "README.md",
        *sorted((ROOT / "docs").glob("*.md")),
        *sorted((ROOT / "benchmarks").glob("*.py")),
    ]


@pytest.mark.parametrize("path", _user_facing(), ids=lambda p: str(p.relative_to(ROOT)))
def test_readme_docs_and_benchmarks_use_public_paths(path: Path) -> None:
    text = path.read_text("utf-8")
    imported = {a or b for a, b in _IMPORT.findall(text)}
    private = {m for m in imported if m not in PUBLIC and not m.startswith("immich_bulk.bench.")}
    assert not private, sorted(private)
    mentioned = set(_MENTION.findall(text)) - set(transfer.__all__) - {"takeout"}
    assert not mentioned, sorted(f"immich_bulk.transfer.{m}" for m in mentioned)


def test_client_assets_loads_nothing_of_the_transfer_layer() -> None:
    """``import immich_bulk; client.assets`` (a plain API call's setup) imports no module of
    ``immich_bulk.transfer``: not the engines, not the state store, not the file layouts."""
    code = (
        "import json, sys, immich_bulk\n"
        "client = immich_bulk.AsyncClient('http://127.0.0.1:9/api', api_key='k')\n"
        "client.assets, client.download\n"
        "loaded = [m for m in sys.modules if m.startswith('immich_bulk.transfer')]\n"
        "print(json.dumps(sorted(loaded)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []
