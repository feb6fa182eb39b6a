"""The migration journal now lives in the state package: :mod:`.state.migration`."""

from __future__ import annotations

from .state.migration import AssetRecord, LinkRecord, MigrationJournal, PairKey

__all__ = ["AssetRecord", "LinkRecord", "MigrationJournal", "PairKey"]
