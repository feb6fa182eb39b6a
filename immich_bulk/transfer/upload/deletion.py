"""The one rule for deleting local files after an upload (``delete=True``).

A local file is removed only when the server holds, **not trashed**, an asset whose checksum
equals the SHA-1 of the file's bytes **as they are at the moment of deletion**, together with
every sidecar that belongs to it **and was uploaded with it**; a sidecar shared by several
media files goes with the last of them.

:meth:`LocalDeleter.delete` checks, for one media file and the asset it became (or already
was), in this order, and keeps the file (saying why) at the first check that fails:

1. **the server**: ``GET /assets/{id}`` -- its checksum is ours and it is not in the trash
   (a trashed asset disappears when the trash is emptied; the local file may be the last
   copy). An asset in the locked folder cannot be read with an API key (400): the server's
   duplicate check, which sees it, answers for it then (same checksum, same asset, not
   trashed);
2. **the sidecar**: if the file has one, its bytes now hash to the SHA-1 of the sidecar the
   server received with the asset (sent in this run, or recorded in the state journal when
   it was). A sidecar the server never received -- added or edited after the upload, as
   darktable and Lightroom do -- keeps the media file as well as the sidecar: Immich cannot
   attach a sidecar to an asset it already has, and the pair stays together on disk;
3. **the file**: stat it again; if anything changed since it was hashed, or its digest came
   from the hash cache rather than from reading it in this run, read it again: the SHA-1 of
   its bytes now must still be the asset's (a new digest also refreshes the hash cache, so
   the next run uploads the new content). It is unlinked only if one last stat shows the
   same file;
4. **the sidecar goes last**: once no other media file that can take it exists any more
   (``a.jpg`` and ``a.cr2`` share ``a.xmp``: whichever is deleted last takes it), after its
   bytes are checked once more. Each of those media files was itself deleted only after step
   2 found the sidecar on the server with it. Media files delete first and look for the
   others after, so two finishing at once cannot both leave the sidecar behind.
"""

from __future__ import annotations

import collections
import os
from pathlib import Path
from typing import TYPE_CHECKING

import anyio
import anyio.to_thread
import attrs

from ...errors import BadRequestError, FileChangedError, ImmichError
from ...models import AssetBulkUploadCheckDto, AssetBulkUploadCheckItem
from ..local.fsutil import FileIdentity, stat_path, unlink_path
from ..local.hashing import Hasher, sha1_base64, sha1_file
from ..local.scan import ScannedFile, media_by_sidecar_base

if TYPE_CHECKING:
    from ...client import AsyncClient

__all__ = ["LocalDeleter", "Verdict"]

#: Directories whose media files are remembered (to find who else takes a sidecar).
_LISTINGS = 64


@attrs.frozen
class Verdict:
    """What :meth:`LocalDeleter.delete` did with one media file."""

    deleted: bool
    """The media file was removed."""
    kept: str | None = None
    """What stayed on disk although deleting was asked, and why (None: nothing, or only a
    sidecar another media file still needs)."""


@attrs.frozen
class _Target:
    """A path and the identity it has now (what :meth:`Hasher.hash` takes)."""

    path: Path
    identity: FileIdentity


class LocalDeleter:
    """Applies the rule of this module; one per upload run."""

    def __init__(self, client: AsyncClient, hasher: Hasher, media_extensions: frozenset[str]):
        self._client = client
        self._hasher = hasher
        self._media = media_extensions
        self._listings: collections.OrderedDict[str, dict[str, list[str]]] = (
            collections.OrderedDict()
        )

    async def delete(
        self,
        file: ScannedFile,
        *,
        sha1: bytes,
        asset_id: str,
        read_now: bool,
        sidecar_sha1: bytes | None,
    ) -> Verdict:
        """Delete *file* (and its sidecar) if the rule allows it.

        *sha1* is the file's digest and *read_now* whether it came from reading the file in
        this run (not from the hash cache); *sidecar_sha1* is the SHA-1 of the sidecar the
        server holds with *asset_id* (None: none, or not known).
        """
        try:
            problem = await self._server_copy(sha1, asset_id)
        except ImmichError as exc:
            problem = f"the server's copy could not be verified: {exc}"
        if problem is not None:
            return Verdict(False, problem)
        sidecar = file.sidecar
        sidecar_now: FileIdentity | None = None
        if sidecar is not None:
            try:
                sidecar_now = await self._sidecar_on_server(sidecar, sidecar_sha1)
            except _Keep as keep:
                return Verdict(False, str(keep))
        try:
            removed = await self._remove_media(file, sha1, read_now)
        except _Keep as keep:
            return Verdict(False, str(keep))
        if not removed:
            return Verdict(False, "it vanished before it could be deleted")
        if sidecar is None or sidecar_now is None or sidecar_sha1 is None:
            return Verdict(True)
        return Verdict(True, await self._remove_sidecar(file, sidecar, sidecar_sha1))

    # -- the server -------------------------------------------------------------------
    async def _server_copy(self, sha1: bytes, asset_id: str) -> str | None:
        """Why the server's asset *asset_id* does not count as a copy of *sha1* (None: it
        does)."""
        try:
            asset = await self._client.assets.get_asset_info(asset_id)
        except BadRequestError:  # the locked folder: the duplicate check sees it
            check = await self._client.assets.check_bulk_upload(
                AssetBulkUploadCheckDto(
                    assets=[AssetBulkUploadCheckItem(id=asset_id, checksum=sha1.hex())]
                )
            )
            for result in check.results:
                if result.reason == "duplicate" and result.asset_id == asset_id:
                    return "the server's copy is in its trash" if result.is_trashed else None
            return "the server does not hold it (any more)"
        if asset.is_trashed:
            return "the server's copy is in its trash"
        if asset.checksum != sha1_base64(sha1):
            return "the server's copy has another checksum"
        return None

    # -- the sidecar ------------------------------------------------------------------
    async def _sidecar_on_server(
        self, sidecar: Path, on_server: bytes | None
    ) -> FileIdentity | None:
        """The sidecar's identity now if its bytes are the ones the server holds; None when
        it is gone (nothing of it can be lost); raises :class:`_Keep` otherwise."""
        name = sidecar.name
        try:
            now, digest = await self._read(sidecar)
        except FileNotFoundError:
            return None
        except (OSError, FileChangedError) as exc:
            raise _Keep(f"its sidecar {name} could not be read: {exc}") from exc
        if on_server is None or digest != on_server:
            raise _Keep(
                f"its sidecar {name} is not on the server (added or changed after the upload)"
            )
        return now

    async def _remove_sidecar(self, file: ScannedFile, sidecar: Path, sha1: bytes) -> str | None:
        """Remove the sidecar once no other media file can take it; what was kept, if."""
        takers = await self._takers(sidecar)
        others = [sidecar.parent / name for name in takers if name != file.path.name]

        def remove() -> str | None:
            for other in others:
                if os.path.lexists(other):
                    return None  # it goes with the last media file that takes it
            try:
                now = FileIdentity.from_stat(stat_path(sidecar))
                if sha1_file(sidecar, expected=now).sha1 != sha1:
                    return f"its sidecar {sidecar.name} changed just now and was kept"
                if not _unlink_if_same(sidecar, now):
                    return f"its sidecar {sidecar.name} changed just now and was kept"
            except FileNotFoundError:
                return None
            except (OSError, FileChangedError) as exc:
                return f"its sidecar {sidecar.name} could not be deleted: {exc}"
            return None

        return await anyio.to_thread.run_sync(remove, limiter=self._hasher.limiter)

    async def _takers(self, sidecar: Path) -> list[str]:
        """The names of the media files next to *sidecar* that can take it. A directory is
        listed once per run (its newest listings are kept): a media file created after that
        is not seen."""
        directory = os.fspath(sidecar.parent)
        index = self._listings.get(directory)
        if index is None:
            try:
                index = await anyio.to_thread.run_sync(
                    media_by_sidecar_base, sidecar.parent, self._media
                )
            except OSError:
                index = {}
            self._listings[directory] = index
            while len(self._listings) > _LISTINGS:
                self._listings.popitem(last=False)
        else:
            self._listings.move_to_end(directory)
        name = sidecar.name
        base = name[: name.rfind(".")] if name.rfind(".") > 0 else name
        return index.get(base, [])

    # -- the media file ---------------------------------------------------------------
    async def _remove_media(self, file: ScannedFile, sha1: bytes, read_now: bool) -> bool:
        """Unlink the media file if its bytes now hash to *sha1*; False if it is gone."""
        try:
            now = await anyio.to_thread.run_sync(_identity, file.path)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise _Keep(f"it could not be examined: {exc}") from exc
        if now != file.identity or not read_now:
            try:
                result = await self._hasher.hash(_Target(file.path, now), use_cache=False)
            except FileNotFoundError:
                return False
            except (OSError, FileChangedError) as exc:
                raise _Keep(f"it changed while it was checked: {exc}") from exc
            if result.sha1 != sha1:
                raise _Keep(
                    "its content changed since it was hashed, and the new content is not "
                    "on the server (a re-run uploads it)"
                )
        try:
            removed = await anyio.to_thread.run_sync(_unlink_if_same, file.path, now)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise _Keep(f"it could not be deleted: {exc}") from exc
        if not removed:
            raise _Keep("it changed while it was being deleted")
        return True

    async def _read(self, path: Path) -> tuple[FileIdentity, bytes]:
        def read() -> tuple[FileIdentity, bytes]:
            now = FileIdentity.from_stat(stat_path(path))
            return now, sha1_file(path, expected=now).sha1

        return await anyio.to_thread.run_sync(read, limiter=self._hasher.limiter)


class _Keep(Exception):
    """Internal: the file stays; the message says why."""


def _identity(path: Path) -> FileIdentity:
    return FileIdentity.from_stat(stat_path(path))


def _unlink_if_same(path: Path, identity: FileIdentity) -> bool:
    """Unlink *path* if it still is the file *identity* describes (blocking). The window
    between this stat and the unlink is as short as it can be without holding the file."""
    if FileIdentity.from_stat(stat_path(path)) != identity:
        return False
    unlink_path(path)
    return True
