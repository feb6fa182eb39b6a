"""The generator: an Immich OpenAPI spec -> ``immich_bulk/models`` and ``immich_bulk/api``.

Usage::

    python -m immich_bulk.codegen --spec ../shared/openapi/immich-openapi-specs.v2.7.5.json
    python -m immich_bulk.codegen --spec http://my-immich:2283/api/spec.json --out /tmp/gen

It is deterministic (same spec bytes, same files) and writes a banner naming the spec
version and its sha256 into every file. Generated files are never edited by hand.
"""

from __future__ import annotations

from .generate import generate, load_spec, write_tree

__all__ = ["generate", "load_spec", "write_tree"]
