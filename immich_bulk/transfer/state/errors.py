"""The errors of the state package."""

from __future__ import annotations

import os
from pathlib import Path

from ...errors import ImmichError

__all__ = ["StateStoreError", "StateStoreVersionError"]


class StateStoreError(ImmichError):
    """The state file cannot be opened or used (locked, read-only, not ours, ...)."""


class StateStoreVersionError(StateStoreError):
    """The state file was written by a newer immich-bulk (a newer schema version)."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"state file {os.fsdecode(path)!r} has schema version {found}, written by a newer "
            f"immich-bulk (this one supports up to {supported}); upgrade immich-bulk or use "
            "another state file"
        )
