"""The transfer layer's old module paths, kept working for one release.

The modules moved into the layer folders (``local/``, ``server/``, ``download/``...). An
import of an old path still works: it warns (:class:`DeprecationWarning`) and gives the
module at its new place, the same module object, so every name is shared. No file stays
behind at an old path: a finder answers for the paths in :data:`MOVED`. Where a package
took a module's name (``download``, ``upload``, ``migrate``), the package forwards the old
module's names with a warning (:func:`forward`).
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import types
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

__all__ = ["MOVED", "forward", "install"]

_PACKAGE = __name__.rpartition(".")[0]

#: Old module path -> its new one (both under ``immich_bulk.transfer``).
MOVED: dict[str, str] = {
    "adaptive": "server.adaptive",
    "albums": "server.albums",
    "deletion": "upload.deletion",
    "export": "download.export",
    "hashing": "local.hashing",
    "jobs": "server.jobs",
    "migrate_journal": "state.migration",
    "migrate_links": "migrate.links",
    "migrate_listing": "migrate.listing",
    "migrate_meta": "migrate.metadata",
    "migrate_verify": "migrate.verify",
    "naming": "download.layout",
    "ratelimit": "server.ratelimit",
    "scan": "local.scan",
    "search": "server.search",
}


def _warn(old: str, new: str) -> None:
    # stacklevel 3: the code importing the old path (the warnings module skips the
    # import system's frames itself)
    warnings.warn(
        f"{old} is deprecated and will be removed in the next release: import from "
        f"{_PACKAGE} (it is now {new})",
        DeprecationWarning,
        stacklevel=3,
    )


class _Alias:
    """Loader of an old path: the module there is the module at the new path."""

    def __init__(self, new: str) -> None:
        self.new = new

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        _warn(module.__name__, self.new)
        # the import system hands out what sys.modules holds once this returns
        sys.modules[module.__name__] = importlib.import_module(self.new)


class _OldPaths:
    """A finder (at the end of ``sys.meta_path``) for the paths in :data:`MOVED`."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        package, _, short = fullname.rpartition(".")
        if package != _PACKAGE or short not in MOVED:
            return None
        loader = cast("Loader", _Alias(f"{_PACKAGE}.{MOVED[short]}"))
        return importlib.machinery.ModuleSpec(fullname, loader)


def install() -> None:
    """Answer for the old paths (once per interpreter)."""
    if not any(isinstance(finder, _OldPaths) for finder in sys.meta_path):
        sys.meta_path.append(_OldPaths())


def forward(package: str, module: str) -> Callable[[str], Any]:
    """A module ``__getattr__`` for *package*, which replaced a module of its name: the
    old module's names, now in *package*.*module*, with a warning."""

    def __getattr__(name: str) -> Any:
        if not name.startswith("__"):
            value = getattr(importlib.import_module(f"{package}.{module}"), name, _MISSING)
            if value is not _MISSING:
                _warn(f"{package}.{name}", f"{package}.{module}.{name}")
                # once: ``from package import name`` asks twice (hasattr, then getattr)
                setattr(sys.modules[package], name, value)
                return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__


_MISSING = object()
