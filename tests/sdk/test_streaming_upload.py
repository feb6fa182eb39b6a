"""Multipart uploads stream from disk: bounded memory, exact length, and no bytes that do not
match the checksum ever complete a request."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import tracemalloc
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from immich_bulk import AsyncClient, FileChangedError, RetryPolicy, UploadFile
from immich_bulk._http.multipart import MultipartBody
from immich_bulk.models import AssetMediaCreateDto

WHEN = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


class SinkTransport(httpx.AsyncBaseTransport):
    """Consumes request bodies chunk by chunk, keeping only counts and a hash."""

    def __init__(self) -> None:
        self.received = 0
        self.declared = 0
        self.largest_chunk = 0
        self.completed = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.declared = int(request.headers["content-length"])
        assert isinstance(request.stream, httpx.AsyncByteStream)
        async for chunk in request.stream:
            self.received += len(chunk)
            self.largest_chunk = max(self.largest_chunk, len(chunk))
        self.completed += 1
        return httpx.Response(201, json={"id": "new", "status": "created"})


def dto(source: object) -> AssetMediaCreateDto:
    return AssetMediaCreateDto(
        asset_data=source,  # type: ignore[arg-type]
        device_asset_id="big",
        device_id="pytest",
        file_created_at=WHEN,
        file_modified_at=WHEN,
    )


async def test_two_gigabyte_upload_keeps_memory_flat(tmp_path: Path) -> None:
    size = 2 * 1024**3
    big = tmp_path / "big.mp4"
    big.touch()
    os.truncate(big, size)  # sparse: no disk space used
    sink = SinkTransport()
    async with AsyncClient("http://h", api_key="k", transport=sink) as client:
        tracemalloc.start()
        try:
            result = await client.assets.upload_asset(dto(big))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert result.id == "new"
    assert sink.declared == sink.received > size
    assert sink.largest_chunk <= 1024 * 1024
    # one chunk in flight plus bookkeeping; a buffered upload would be 2 GB
    assert peak < 8 * 1024 * 1024, f"peak traced memory {peak / 1e6:.1f} MB"


async def test_changed_file_never_completes_the_request(tmp_path: Path) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"A" * (3 * 1024 * 1024 + 5))
    stale = hashlib.sha1(b"B" * (3 * 1024 * 1024 + 5)).digest()  # the hash of older content
    sink = SinkTransport()
    async with AsyncClient(
        "http://h", api_key="k", transport=sink, retry=RetryPolicy(max_attempts=1)
    ) as client:
        with pytest.raises(FileChangedError, match="no longer matches its checksum"):
            await client.assets.upload_asset(dto(UploadFile(photo, sha1=stale)))
    assert sink.completed == 0
    assert sink.received < sink.declared  # the server saw an incomplete body


async def test_matching_checksum_uploads(tmp_path: Path) -> None:
    data = os.urandom(2 * 1024 * 1024 + 17)
    photo = tmp_path / "a.jpg"
    photo.write_bytes(data)
    sink = SinkTransport()
    async with AsyncClient("http://h", api_key="k", transport=sink) as client:
        await client.assets.upload_asset(dto(UploadFile(photo, sha1=hashlib.sha1(data).digest())))
    assert sink.completed == 1 and sink.received == sink.declared


async def test_file_that_grows_or_shrinks_is_detected(tmp_path: Path) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"x" * 1000)
    body = MultipartBody({"assetData": photo})
    photo.write_bytes(b"x" * 2000)  # grew after the body was sized
    with pytest.raises(FileChangedError, match="grew"):
        _ = [chunk async for chunk in body.stream()]
    photo.write_bytes(b"x" * 10)
    with pytest.raises(FileChangedError, match="shrank"):
        _ = [chunk async for chunk in body.stream()]
    photo.unlink()
    with pytest.raises(FileChangedError, match="vanished"):
        _ = [chunk async for chunk in body.stream()]


async def test_streams_restart_for_retries_and_file_objects(tmp_path: Path) -> None:
    handle = io.BytesIO(b"prefix-" + b"z" * 5000)
    handle.seek(7)
    body = MultipartBody({"assetData": UploadFile(handle, filename="z.jpg"), "deviceId": "d"})
    first = b"".join([c async for c in body.stream()])
    second = b"".join([c async for c in body.stream()])
    assert first == second
    assert len(first) == body.content_length
    assert b"prefix" not in first and b"z" * 5000 in first
    assert b'filename="z.jpg"' in first


def test_strings_are_not_accepted_as_files() -> None:
    from immich_bulk._http.multipart import is_file_value

    assert not is_file_value("/etc/passwd")
    assert is_file_value(Path("/etc/passwd"))


async def test_async_iterable_source_is_piped_with_a_known_length() -> None:
    data = os.urandom(3 * 1024 * 1024 + 3)

    async def pieces() -> AsyncIterator[bytes]:
        for start in range(0, len(data), 65536):
            yield data[start : start + 65536]

    sink = SinkTransport()
    async with AsyncClient("http://h", api_key="k", transport=sink) as client:
        upload = UploadFile(
            pieces(), filename="v.mp4", size=len(data), sha1=hashlib.sha1(data).digest()
        )
        await client.assets.upload_asset(dto(upload))
    assert sink.completed == 1 and sink.received == sink.declared

    async def short() -> AsyncIterator[bytes]:
        yield data[:100]

    sink = SinkTransport()
    async with AsyncClient("http://h", api_key="k", transport=sink) as client:
        with pytest.raises(FileChangedError, match="ended"):
            await client.assets.upload_asset(dto(UploadFile(short(), size=len(data))))
    assert sink.completed == 0
    with pytest.raises(ValueError, match="size="):
        MultipartBody({"assetData": UploadFile(short())})


async def test_a_sidecar_and_a_filename_reach_the_server_in_an_order_it_accepts() -> None:
    """The generated multipart upload sends ``filename`` after the file parts (Immich judges
    a part sent after that field by it), and names an anonymous asset part after it."""
    from immich_bulk.samples import jpeg_bytes
    from immich_bulk.testing import FakeImmich

    photo = jpeg_bytes(1, dt.datetime(2020, 5, 6, 7, 8, 9))
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"/>'
    async with FakeImmich() as fake, fake.client() as client:
        body = AssetMediaCreateDto(
            asset_data=photo,  # bytes: no name of its own
            sidecar_data=UploadFile(xmp, filename="a.jpg.xmp"),
            device_asset_id="a",
            device_id="pytest",
            file_created_at=WHEN,
            file_modified_at=WHEN,
            filename="a.jpg",
        )
        created = await client.assets.upload_asset(body)
        (asset,) = fake.assets()
        assert asset.id == created.id and asset.original_file_name == "a.jpg"
        assert asset.sidecar_file is not None
        assert (fake.data_dir / asset.sidecar_file).read_bytes() == xmp
