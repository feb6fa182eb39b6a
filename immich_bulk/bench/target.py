"""The server a benchmark runs against, and how it cleans up after itself.

* :meth:`Target.fake` starts FakeImmich in a subprocess on a throwaway data directory
  and, on a machine with two or more CPUs, pins it to the last CPU and the measured
  clients to the others (the server stands in for another machine; without pinning the
  server and the client fight over the same cores and both numbers get noisier).
* :meth:`Target.remote` uses any Immich server. A benchmark there must never touch the
  user's assets: every corpus is unique random content, and cleanup deletes exactly the
  assets whose checksums are the corpus's (asked with ``bulk-upload-check``, deleted with
  ``force``), then waits until the server no longer has them (Immich deletes in a
  background job). Nothing else is ever deleted, except the album the benchmark created.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import anyio
import anyio.to_thread

if TYPE_CHECKING:
    from ..client import AsyncClient
    from ..testing.server import SubprocessServer

__all__ = ["BenchError", "Target"]

log = logging.getLogger("immich_bulk.bench")

CHECK_BATCH = 1000
DELETE_BATCH = 1000


class BenchError(Exception):
    """The benchmark cannot go on (server unreachable, cleanup impossible...)."""


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def process_cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of process *pid* (all its threads), if readable."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            rest = fh.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(rest[11]) + int(rest[12])) / ticks
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        psutil = importlib.import_module("psutil")  # optional (the bench extra)
        times = psutil.Process(pid).cpu_times()
        return float(times.user + times.system)
    except Exception:
        return None


def pin_process(pid: int, cpus: set[int]) -> bool:
    """Pin every thread of *pid* to *cpus* (Linux); False where that is not possible."""
    if not hasattr(os, "sched_setaffinity"):
        return False
    try:
        tids = [int(t) for t in os.listdir(f"/proc/{pid}/task")]
    except OSError:
        tids = [pid]
    try:
        for tid in tids:
            with contextlib.suppress(ProcessLookupError):
                os.sched_setaffinity(tid, cpus)
    except OSError:
        return False
    return True


def available_cpus() -> list[int]:
    if hasattr(os, "sched_getaffinity"):
        return sorted(os.sched_getaffinity(0))
    return list(range(os.cpu_count() or 1))


class Target:
    """A server to measure against: URL, key, a control client and cleanup."""

    def __init__(
        self,
        url: str,
        api_key: str,
        *,
        kind: str,
        insecure: bool = False,
        server: SubprocessServer | None = None,
        client_cpus: tuple[int, ...] | None = None,
        server_cpus: tuple[int, ...] | None = None,
    ) -> None:
        self.url = url
        self.api_key = api_key
        self.kind = kind
        self.insecure = insecure
        self.server = server
        self.client_cpus = client_cpus
        self.server_cpus = server_cpus
        self.deleted = 0
        self.album_id: str | None = None
        self.album_name: str | None = None
        self._client: AsyncClient | None = None
        self._work_dir: Path | None = None
        self._pin = True
        self._generation = 0

    def __repr__(self) -> str:
        return f"Target({self.kind}, {self.url})"

    @property
    def generation(self) -> int:
        """Changes whenever :meth:`reset` replaced the server."""
        return self._generation

    @property
    def is_fake(self) -> bool:
        return self.kind == "fake"

    def describe(self) -> str:
        if self.is_fake:
            pin = (
                f"server pinned to CPU {','.join(map(str, self.server_cpus))}, clients to "
                f"CPU {','.join(map(str, self.client_cpus or ()))}"
                if self.server_cpus
                else "not pinned"
            )
            return f"FakeImmich in a subprocess on loopback ({pin})"
        return f"Immich server at {self.url}"

    # -- lifecycle --------------------------------------------------------------------
    @classmethod
    async def fake(cls, work_dir: Path, *, pin: bool = True) -> Target:
        target = cls("", "", kind="fake")
        target._work_dir = work_dir
        target._pin = pin
        await target._start_fake()
        return target

    async def _start_fake(self) -> None:
        from ..testing.server import SubprocessServer

        assert self._work_dir is not None
        self._generation += 1
        server = SubprocessServer(data_dir=self._work_dir / f"fake-data-{self._generation}")
        await anyio.to_thread.run_sync(server.start)
        self.server = server
        cpus = available_cpus()
        self.client_cpus = self.server_cpus = None
        pinned = (
            self._pin
            and len(cpus) >= 2
            and server.process is not None
            and pin_process(server.process.pid, {cpus[-1]})
        )
        if pinned:
            self.server_cpus = (cpus[-1],)
            self.client_cpus = tuple(cpus[:-1])
        self.url, self.api_key = server.url, server.api_key
        await self.open()

    async def reset(self, checksums: Sequence[str]) -> None:
        """Bring the server back to the state before the corpus was uploaded.

        The local fake is replaced by a fresh one on a new data directory (so every run
        meets the same empty server: no directories grown by earlier runs, no deleted
        rows); a real server is purged of the corpus (see :meth:`purge`).
        """
        if not self.is_fake:
            await self.purge(checksums)
            return
        old = self.server
        self.album_id = self.album_name = None  # it was on the old server
        await self.close()
        if old is not None:
            await anyio.to_thread.run_sync(shutil.rmtree, old.data_dir, True)
        await self._start_fake()

    @classmethod
    async def remote(cls, url: str, api_key: str, *, insecure: bool = False) -> Target:
        target = cls(url, api_key, kind="remote", insecure=insecure)
        await target.open()
        return target

    async def open(self) -> None:
        from ..client import AsyncClient

        self._client = AsyncClient(
            self.url, api_key=self.api_key, verify=not self.insecure, timeout=120.0
        )
        await self._client.__aenter__()
        try:
            await self._client.server.ping_server()
            await self._client.users.get_my_user()
        except Exception as exc:
            await self.close()
            raise BenchError(f"cannot use the server at {self.url}: {exc}") from None
        self.url = self._client.base_url  # with /api: the bare loops post to url + /assets

    @property
    def client(self) -> AsyncClient:
        if self._client is None:
            raise RuntimeError("the target is not open")
        return self._client

    async def close(self) -> None:
        with anyio.CancelScope(shield=True):
            if self._client is not None:
                client, self._client = self._client, None
                with contextlib.suppress(Exception):
                    await client.__aexit__(None, None, None)
            if self.server is not None:
                server, self.server = self.server, None
                await anyio.to_thread.run_sync(server.close)

    # -- measuring --------------------------------------------------------------------
    def server_cpu(self) -> float | None:
        if self.server is None or self.server.process is None:
            return None
        return process_cpu_seconds(self.server.process.pid)

    # -- what the server holds --------------------------------------------------------
    async def find(self, checksums: Sequence[str]) -> dict[str, str]:
        """``{checksum: asset id}`` for the checksums the server has (trashed included)."""
        from ..models import AssetBulkUploadCheckDto, AssetBulkUploadCheckItem

        found: dict[str, str] = {}
        for batch in _chunks(list(checksums), CHECK_BATCH):
            body = AssetBulkUploadCheckDto(
                assets=[
                    AssetBulkUploadCheckItem(id=str(i), checksum=c) for i, c in enumerate(batch)
                ]
            )
            response = await self.client.assets.check_bulk_upload(body)
            for result in response.results:
                asset_id = result.asset_id
                if result.action == "reject" and isinstance(asset_id, str) and asset_id:
                    found[batch[int(result.id)]] = asset_id
        return found

    async def asset_ids(self, checksums: Sequence[str]) -> list[str]:
        """The ids of the corpus's assets, in corpus order (only those present)."""
        found = await self.find(checksums)
        return [found[c] for c in checksums if c in found]

    async def purge(self, checksums: Sequence[str], *, max_seconds: float = 600.0) -> int:
        """Delete (force) every asset whose checksum is in *checksums*; wait until gone.

        Only those assets: the checksums are a benchmark corpus's, unique random content
        nobody else has. Returns how many assets were deleted.
        """
        from ..errors import ImmichError
        from ..models import AssetBulkDeleteDto

        asked: set[str] = set()
        deleted = 0
        with anyio.fail_after(max_seconds):
            while True:
                found = await self.find(checksums)
                todo = sorted(set(found.values()) - asked)
                if not found:
                    break
                for batch in _chunks(todo, DELETE_BATCH):
                    try:
                        await self.client.assets.delete_assets(
                            AssetBulkDeleteDto(ids=list(batch), force=True)
                        )
                    except ImmichError as exc:
                        log.warning("deleting %d benchmark assets failed: %s", len(batch), exc)
                    asked.update(batch)
                    deleted += len(batch)
                if not todo:
                    await anyio.sleep(1.0)  # Immich deletes in a background job
        self.deleted += deleted
        return deleted

    # -- the benchmark's album --------------------------------------------------------
    async def ensure_album(self, name: str) -> str:
        from ..models import CreateAlbumDto

        if self.album_id is None:
            album = await self.client.albums.create_album(CreateAlbumDto(album_name=name))
            self.album_id, self.album_name = album.id, name
        return self.album_id

    async def add_to_album(self, ids: Sequence[str]) -> None:
        from ..models import BulkIdsDto

        if self.album_id is None or not ids:
            return
        for batch in _chunks(list(ids), DELETE_BATCH):
            await self.client.albums.add_assets_to_album(self.album_id, BulkIdsDto(ids=list(batch)))

    async def delete_album(self) -> None:
        from ..errors import ImmichError

        if self.album_id is None:
            return
        album_id, self.album_id = self.album_id, None
        try:
            await self.client.albums.delete_album(album_id)
        except ImmichError as exc:
            log.warning("could not delete the benchmark album %s: %s", self.album_name, exc)
