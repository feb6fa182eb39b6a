"""Whether the server holds the sidecar of a local file found to be a duplicate.

Immich takes a sidecar (``sidecarData``) only with a new asset: once a file's asset is on
the server, its ``.xmp`` cannot follow it there. So a caption added or edited in the
sidecar after the upload, or the sidecar of a second copy of a file whose asset was made
from a copy without one, never reaches the server. When it is known what the asset received
(this state file recorded the upload, or this run made the asset), a local sidecar that
differs is named in the duplicate's outcome instead of being passed over in silence; the
asset itself would have to be deleted on the server and the file uploaded again to bring it.
"""

from __future__ import annotations

import enum
import functools
from typing import TYPE_CHECKING, Literal

import anyio

from ...errors import FileChangedError
from ..local.hashing import sha1_file

if TYPE_CHECKING:
    from collections.abc import Iterable

    from anyio import CapacityLimiter

    from ..local.fsutil import FileIdentity
    from ..local.scan import ScannedFile
    from ..state import StateStore, UploadRecord

__all__ = ["UNKNOWN", "Received", "SidecarCheck", "received_by"]


class _Unknown(enum.Enum):
    UNKNOWN = "unknown"


UNKNOWN = _Unknown.UNKNOWN

#: What an asset received as its sidecar: the SHA-1 of the one sent with it, None when
#: none was sent, or UNKNOWN (an asset this state file did not see made).
Received = bytes | None | Literal[_Unknown.UNKNOWN]


def received_by(record: UploadRecord) -> Received:
    """What the asset of the journal's *record* received as its sidecar."""
    if record.sidecar_sha1 is not None or record.status == "uploaded":
        return record.sidecar_sha1
    return UNKNOWN  # found on the server: sent by someone else, with whatever sidecar


class SidecarCheck:
    """Tells which duplicates' sidecars are known not to be on the server.

    The SHA-1 of a sidecar comes from the hash cache while the sidecar is unchanged:
    :meth:`prefetch` looks up a whole batch of files in one query, so that a re-run over a
    library with a sidecar beside every photo costs no query per file.
    """

    def __init__(self, store: StateStore, limiter: CapacityLimiter) -> None:
        self._store = store
        self._limiter = limiter
        self._cached: dict[FileIdentity, bytes] = {}

    async def prefetch(self, files: Iterable[ScannedFile]) -> None:
        """Look up the cached SHA-1s of the sidecars of *files* (one query)."""
        wanted = [f.sidecar_identity for f in files if f.sidecar_identity is not None]
        if wanted:
            self._cached.update(await self._store.get_hashes(wanted))

    async def sha1(self, file: ScannedFile) -> bytes | None:
        """The SHA-1 of *file*'s sidecar as the scan saw it (the hash cache first), or None
        when there is none or it cannot be read as it was."""
        sidecar, identity = file.sidecar, file.sidecar_identity
        if sidecar is None:
            return None
        if identity is not None:
            cached = self._cached.pop(identity, None) or await self._store.get_hash(identity)
            if cached is not None:
                return cached
        hash_it = functools.partial(sha1_file, sidecar, expected=identity)
        try:
            result = await anyio.to_thread.run_sync(hash_it, limiter=self._limiter)
        except (OSError, FileChangedError):
            return None
        if identity is not None:
            self._store.put_hash(identity, result.sha1, sidecar)
        return result.sha1

    async def left_out(
        self, file: ScannedFile, received: Received, *, made_from: str | None = None
    ) -> str | None:
        """Why *file*'s sidecar is not on the server, when it is known not to be: the asset
        *file* duplicates received *received* (*made_from*: the file of this run it was
        made from). None when there is no sidecar, it is the one received, or nothing is
        known."""
        sidecar = file.sidecar
        if sidecar is None or received is UNKNOWN:
            return None
        if received is not None:
            digest = await self.sha1(file)
            if digest is None or digest == received:
                return None  # the same one (or unreadable now: the deletion rule keeps it)
        made = "" if made_from is None else f" (made from {made_from})"
        sent = "without a sidecar" if received is None else "with another sidecar"
        return (
            f"its sidecar {sidecar.name} is not on the server: the asset{made} was uploaded "
            f"{sent}, and Immich takes one only with a new asset"
        )
