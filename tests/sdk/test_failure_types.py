"""Failure kinds are types, not words in a message: an upload whose bytes do not match
their SHA-1 raises ContentMismatchError, one whose size is off SizeMismatchError (both
FileChangedError), whatever the file is called."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from immich_bulk import ContentMismatchError, FileChangedError, SizeMismatchError, UploadFile
from immich_bulk._http.multipart import MultipartBody


async def _drain(body: MultipartBody) -> None:
    async for _ in body.stream():
        pass


async def test_other_bytes_than_hashed_are_a_content_mismatch(tmp_path: Path) -> None:
    path = tmp_path / "size.jpg"  # a name that says "size": the type says what happened
    path.write_bytes(b"new content")
    body = MultipartBody(
        {"assetData": UploadFile(path, sha1=hashlib.sha1(b"old content").digest())}
    )
    with pytest.raises(ContentMismatchError):
        await _drain(body)


async def test_a_file_that_shrank_is_a_size_mismatch(tmp_path: Path) -> None:
    path = tmp_path / "checksum.jpg"
    path.write_bytes(b"0123456789")
    body = MultipartBody({"assetData": UploadFile(path, size=20)})
    with pytest.raises(SizeMismatchError) as caught:
        await _drain(body)
    assert not isinstance(caught.value, ContentMismatchError)


async def test_a_piped_stream_that_ends_early_is_a_size_mismatch() -> None:
    async def short() -> AsyncIterator[bytes]:
        yield b"abc"

    upload = UploadFile(short(), size=10, filename="checksum.jpg", sha1=b"\0" * 20)
    with pytest.raises(SizeMismatchError):
        await _drain(MultipartBody({"assetData": upload}))


def test_both_are_file_changed_errors() -> None:
    assert issubclass(ContentMismatchError, FileChangedError)
    assert issubclass(SizeMismatchError, FileChangedError)
