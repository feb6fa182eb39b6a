"""Concurrent downloads into one folder get what sequential ones get.

Two assets with the same file name downloaded at the same time (in-process and over a real
socket), the same asset twice at the same time, and a ``.part`` held by another process:
each download writes its own ``.part``, the names are decided when the files are complete
(the first to finish gets ``name.ext``, the other its stable ``name (1a2b3c4d).ext``), and
nothing is shared, lost, or placed with bytes that are not its asset's.

The overlap is forced, not hoped for: a transport holds the requests (or a body) until the
other download has reached the point where the two could collide.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import anyio
import httpx

from immich_bulk import AsyncClient
from immich_bulk.helpers.asset_files import AssetFileHelpers
from immich_bulk.testing import FakeImmich, run_fake_server_in_thread
from tests.download.conftest import Barrier, add, fast_config, files_under, leftovers

KB = 1024
SIZE = 900 * KB  # many 64 KiB write blocks: the two downloads interleave their writes


def _is_original(request: httpx.Request) -> bool:
    return request.url.path.endswith("/original")


class _HeldBody(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, gate: anyio.Event) -> None:
        self.inner = inner
        self.gate = gate

    async def __aiter__(self) -> AsyncIterator[bytes]:
        first = True
        async for chunk in self.inner:
            yield chunk
            if first:
                first = False
                await self.gate.wait()

    async def aclose(self) -> None:
        await self.inner.aclose()


class HoldFirstBody(httpx.AsyncBaseTransport):
    """Delivers the first chunk of the first original, then holds the rest until
    :attr:`gate` is set (by a second request for an original, or by the caller)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.gate = anyio.Event()
        self.originals = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if not _is_original(request):
            return response
        self.originals += 1
        if self.originals > 1:
            self.gate.set()
            return response
        assert isinstance(response.stream, httpx.AsyncByteStream)
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_HeldBody(response.stream, self.gate),
            extensions=response.extensions,
        )


@contextlib.contextmanager
def on_waiting(action: Callable[[], None]) -> Iterator[None]:
    """Calls *action* when a download logs that it waits for another one."""

    class Hook(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "waiting for another download" in record.getMessage():
                action()

    logger = logging.getLogger("immich_bulk.transfer")
    hook, level = Hook(), logger.level
    logger.addHandler(hook)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(hook)
        logger.setLevel(level)


def sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


async def _both(api: AssetFileHelpers, ids: list[str], dest: Path) -> list[Path]:
    dest.mkdir(exist_ok=True)
    paths: dict[int, Path] = {}

    async def one(index: int) -> None:
        paths[index] = await api.download_asset_to_file(ids[index], dest, config=fast_config())

    with anyio.fail_after(120):  # a hang guard only
        async with anyio.create_task_group() as tg:
            for index in range(len(ids)):
                tg.start_soon(one, index)
    return [paths[i] for i in range(len(ids))]


def _check_same_name_pair(fake: FakeImmich, ids: list[str], paths: list[Path], dest: Path) -> None:
    """Both placed, each holding its own asset's bytes, under the names sequential calls
    give (one plain, the other with its own id's stable suffix), and nothing else."""
    for asset_id, path in zip(ids, paths, strict=True):
        assert path.parent == dest
        assert path.name in ("IMG_0001.JPG", f"IMG_0001 ({asset_id[:8]}).JPG")
        assert path.read_bytes() == fake.read_asset(asset_id)
    assert "IMG_0001.JPG" in {p.name for p in paths} and paths[0] != paths[1]
    assert sorted(files_under(dest)) == sorted(p.name for p in paths)  # no .part left either


async def test_two_assets_with_one_name_downloaded_at_once_in_process(tmp_path: Path) -> None:
    async with FakeImmich() as fake:
        ids = [add(fake, "IMG_0001.JPG", SIZE, seed=f"pair-{n}").id for n in range(2)]
        transport = Barrier(httpx.ASGITransport(app=fake.app))
        async with fake.client(transport=transport) as client:
            paths = await _both(AssetFileHelpers(client), ids, tmp_path / "photos")
        _check_same_name_pair(fake, ids, paths, tmp_path / "photos")


async def test_two_assets_with_one_name_downloaded_at_once_over_a_socket(tmp_path: Path) -> None:
    with run_fake_server_in_thread() as server:
        fake = server.fake
        ids = [add(fake, "IMG_0001.JPG", SIZE, seed=f"sock-{n}").id for n in range(2)]
        transport = Barrier(httpx.AsyncHTTPTransport())
        async with AsyncClient(server.url, api_key=server.api_key, transport=transport) as client:
            paths = await _both(AssetFileHelpers(client), ids, tmp_path / "photos")
        _check_same_name_pair(fake, ids, paths, tmp_path / "photos")


async def test_the_same_asset_downloaded_twice_at_once_is_downloaded_once(tmp_path: Path) -> None:
    """The second call waits for the first (they would write the same ``.part``), then
    finds the file it placed: one download, one file, as with two sequential calls."""
    async with FakeImmich() as fake:
        asset = add(fake, "IMG_0002.JPG", SIZE, seed="twice")
        transport = HoldFirstBody(httpx.ASGITransport(app=fake.app))
        with on_waiting(transport.gate.set):
            async with fake.client(transport=transport) as client:
                paths = await _both(AssetFileHelpers(client), [asset.id, asset.id], tmp_path)
        assert paths[0] == paths[1] == tmp_path / "IMG_0002.JPG"
        assert paths[0].read_bytes() == fake.read_asset(asset.id)
        assert fake.counters.requests_to("downloadAsset") == 1
        assert sorted(files_under(tmp_path)) == ["IMG_0002.JPG"]


async def test_a_part_held_by_another_process_is_waited_for(tmp_path: Path) -> None:
    """A ``.part`` is locked (``flock``) while it is written: a download of the same file by
    another process waits for it instead of writing into it."""
    async with FakeImmich() as fake:
        from immich_bulk.transfer.download.resumable import item_part_path

        asset = add(fake, "IMG_0003.JPG", SIZE, seed="other-process")
        part = item_part_path(tmp_path, "original", asset.id)
        fd = os.open(part, os.O_RDWR | os.O_CREAT, 0o644)
        os.write(fd, b"another process is writing this")
        fcntl.flock(fd, fcntl.LOCK_EX)
        released: list[bool] = []

        def release() -> None:
            if not released:
                released.append(True)
                os.close(fd)  # the other process finishes (and gives its lock up)

        try:
            with on_waiting(release):
                async with fake.client() as client:
                    (path,) = await _both(AssetFileHelpers(client), [asset.id], tmp_path)
        finally:
            release()
        assert released
        assert path.read_bytes() == fake.read_asset(asset.id)
        assert leftovers(tmp_path) == []
