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
* With a reset command (:meth:`Target.remote` ``reset_cmd``, e.g. the lab scripts'
  ``reset.sh``), the server is instead *replaced* before every measured upload: the
  command gives a fresh server (empty database, media folder and job queues), and the
  key is read again from ``key_file`` (a reset makes a new one). That server is
  throwaway by definition: never point a reset command at a server holding real data.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import shutil
import subprocess
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
#: Queues Immich refuses to pause (400): its own housekeeping.
UNPAUSABLE_QUEUES = frozenset({"backgroundTask"})
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


def read_key_file(path: Path) -> str:
    """The API key in *path* (its first non-empty line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BenchError(f"cannot read the key file {path}: {exc.strerror}") from None
    key = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not key:
        raise BenchError(f"the key file {path} is empty")
    return key


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
        self.key_file: Path | None = None
        self.reset_cmd: str | None = None
        self.resets = 0
        self.reset_seconds = 0.0

    def __repr__(self) -> str:
        return f"Target({self.kind}, {self.url})"

    @property
    def generation(self) -> int:
        """Changes whenever :meth:`reset` replaced the server."""
        return self._generation

    @property
    def is_fake(self) -> bool:
        return self.kind == "fake"

    @property
    def fresh_per_run(self) -> bool:
        """Every :meth:`reset` gives a new, empty server (not only a purge)."""
        return self.is_fake or self.reset_cmd is not None

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
        if self.reset_cmd is not None:
            await self._run_reset_command()
            return
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
    async def remote(
        cls,
        url: str,
        api_key: str | None,
        *,
        insecure: bool = False,
        key_file: Path | None = None,
        reset_cmd: str | None = None,
    ) -> Target:
        """A server given by URL; the key from *api_key* or *key_file* (read again after
        each reset); with *reset_cmd*, a shell command that replaces the server by a fresh
        one (run before the first scenario and before every measured upload)."""
        if api_key is None:
            if key_file is None:
                raise BenchError("a server URL needs an API key or a key file")
            # a reset writes a new key: read the file after it
            api_key = "" if reset_cmd is not None else read_key_file(key_file)
        target = cls(url, api_key, kind="remote", insecure=insecure)
        target.key_file, target.reset_cmd = key_file, reset_cmd
        if reset_cmd is not None:
            await target._run_reset_command()
        else:
            await target.open()
        return target

    async def _run_reset_command(self) -> None:
        """Run the reset command (not timed by any measurement), then reconnect."""
        assert self.reset_cmd is not None
        started = anyio.current_time()
        await self.close()
        self.album_id = self.album_name = None  # it was on the old server
        try:
            with anyio.fail_after(600):
                result = await anyio.run_process(
                    ["/bin/sh", "-c", self.reset_cmd], check=False, stdin=subprocess.DEVNULL
                )
        except TimeoutError:
            raise BenchError("the reset command did not finish within 600 s") from None
        if result.returncode != 0:
            tail = (result.stdout + result.stderr).decode(errors="replace").strip()[-800:]
            raise BenchError(f"the reset command failed ({result.returncode}): {tail}")
        if self.key_file is not None:
            self.api_key = read_key_file(self.key_file)
        self._generation += 1
        await self.open()
        await self.wait_for_jobs(max_seconds=120)
        self.resets += 1
        self.reset_seconds += anyio.current_time() - started

    async def open(self) -> None:
        from ..client import AsyncClient

        self._client = AsyncClient(
            self.url, api_key=self.api_key, verify=not self.insecure, timeout=120.0
        )
        await self._client.__aenter__()
        try:
            with anyio.fail_after(120):
                while True:  # a server that was just (re)started may not answer yet
                    try:
                        await self._client.server.ping_server()
                        break
                    except Exception:
                        if self.reset_cmd is None:
                            raise
                        await anyio.sleep(0.5)
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

    # -- job queues ------------------------------------------------------------------
    async def queue_counts(self) -> dict[str, tuple[bool, int]]:
        """``{queue: (paused, jobs waiting or running)}`` (admin key)."""
        queues = await self.client.queues.get_queues()
        out = {}
        for q in queues:
            s = q.statistics
            out[str(q.name)] = (q.is_paused, s.active + s.waiting + s.delayed)
        return out

    async def set_queues_paused(self, paused: bool) -> list[str]:
        """Pause (or resume) every job queue whose state differs; the names changed."""
        from ..models import QueueName, QueueUpdateDto

        changed = []
        for name, (is_paused, _) in (await self.queue_counts()).items():
            if paused and name in UNPAUSABLE_QUEUES:
                continue
            if is_paused != paused:
                await self.client.queues.update_queue(
                    QueueName(name), QueueUpdateDto(is_paused=paused)
                )
                changed.append(name)
        return changed

    async def wait_for_jobs(self, *, max_seconds: float) -> bool:
        """Wait until no running queue has jobs (False: still busy after *max_seconds*)."""
        with anyio.move_on_after(max_seconds):
            while True:
                counts = await self.queue_counts()
                if not any(n for paused, n in counts.values() if not paused):
                    return True
                await anyio.sleep(1.0)
        return False

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
