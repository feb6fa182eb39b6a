"""The SDK against a real server: the three response modes, a generated multipart upload,
the errors the server really produces, and the compatibility check against its live spec."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from immich_bulk import AsyncClient, UploadFile
from immich_bulk.errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
)
from immich_bulk.models import (
    APIKeyCreateDto,
    AssetMediaCreateDto,
    AssetMediaStatus,
    AssetVisibility,
    CreateAlbumDto,
    Permission,
    UserAdminResponseDto,
)
from immich_bulk.samples import jpeg_bytes

from .real import RealUser

TAKEN = dt.datetime(2020, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc)
CID = re.compile(r"^[a-z0-9]{8}$")


def upload_body(data: bytes, name: str, **fields: Any) -> AssetMediaCreateDto:
    return AssetMediaCreateDto(
        asset_data=UploadFile(data, filename=name),
        device_asset_id=name,
        device_id="e2e-sdk",
        file_created_at=TAKEN,
        file_modified_at=TAKEN,
        filename=name,
        **fields,
    )


async def test_a_parsed_call_returns_the_model(client: AsyncClient, user: RealUser) -> None:
    me = await client.users.get_my_user()
    assert isinstance(me, UserAdminResponseDto)
    assert (me.id, me.email, me.is_admin) == (user.id, user.email, False)
    media = await client.server.get_supported_media_types()
    assert ".jpg" in media.image and ".mp4" in media.video and media.sidecar == [".xmp"]


async def test_with_http_info_gives_status_headers_data_and_raw_bytes(
    client: AsyncClient, user: RealUser
) -> None:
    answer = await client.users.get_my_user_with_http_info()
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    assert CID.match(answer.headers["x-immich-cid"])
    assert answer.data.id == user.id
    assert json.loads(answer.raw_data)["email"] == user.email


async def test_a_generated_multipart_upload_and_its_duplicate(client: AsyncClient) -> None:
    data = jpeg_bytes(101, TAKEN.replace(tzinfo=None))
    first = await client.assets.upload_asset_with_http_info(
        upload_body(data, "sdk.jpg", is_favorite=True, visibility=AssetVisibility.ARCHIVE)
    )
    assert first.status_code == 201
    assert first.data.status == AssetMediaStatus.CREATED
    again = await client.assets.upload_asset_with_http_info(upload_body(data, "sdk-copy.jpg"))
    assert (again.status_code, again.data.status) == (200, AssetMediaStatus.DUPLICATE)
    assert again.data.id == first.data.id
    # the checksum header lets the server answer before reading the body
    by_header = await client.assets.upload_asset(
        upload_body(data, "sdk-3.jpg"), x_immich_checksum=hashlib.sha1(data).hexdigest()
    )
    assert (by_header.status, by_header.id) == (AssetMediaStatus.DUPLICATE, first.data.id)
    info = await client.assets.get_asset_info(first.data.id)
    assert info.original_file_name == "sdk.jpg"
    assert info.is_favorite and info.visibility == AssetVisibility.ARCHIVE
    assert info.checksum == base64.b64encode(hashlib.sha1(data).digest()).decode()


async def test_raw_streaming_reads_the_original_unbuffered(client: AsyncClient) -> None:
    data = jpeg_bytes(102, TAKEN.replace(tzinfo=None), size=300_000)
    created = await client.assets.upload_asset(upload_body(data, "big.jpg"))
    async with client.assets.download_asset_without_preload_content(created.id) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "image/jpeg"
        chunks = [chunk async for chunk in response.aiter_bytes(64 * 1024)]
    assert b"".join(chunks) == data
    assert len(chunks) > 1  # it streamed

    response = await client.assets.download_asset_without_preload_content(created.id)
    try:
        assert await response.aread() == data
    finally:
        await response.aclose()


# -- errors ---------------------------------------------------------------------------


async def _limited_client(user: RealUser, client: AsyncClient) -> AsyncClient:
    key = await client.api_keys.create_api_key(
        APIKeyCreateDto(name="asset.read only", permissions=[Permission.ASSET_READ])
    )
    return AsyncClient(user.server.url, api_key=key.secret)


async def _expect(call: Callable[[], Awaitable[object]], kind: type[ApiError]) -> ApiError:
    with pytest.raises(kind) as caught:
        await call()
    exc = caught.value
    assert type(exc) is kind
    assert exc.correlation_id and CID.match(exc.correlation_id)
    assert exc.headers.get("x-immich-cid") == exc.correlation_id
    assert f"(correlation id {exc.correlation_id})" in str(exc)
    return exc


async def test_a_400_carries_the_validation_messages(client: AsyncClient, user: RealUser) -> None:
    exc = await _expect(lambda: client.assets.get_asset_info("not-a-uuid"), BadRequestError)
    assert (exc.status_code, exc.method, exc.path) == (400, "GET", "/assets/not-a-uuid")
    assert exc.message == ["id must be a UUID"] and exc.messages == ["id must be a UUID"]
    assert exc.error == "Bad Request"
    assert str(exc).startswith("GET /assets/not-a-uuid -> 400: id must be a UUID")
    assert user.api_key not in str(exc) + repr(exc)

    exc = await _expect(
        lambda: client.albums.create_album(CreateAlbumDto(album_name="x", asset_ids=["nope"])),
        BadRequestError,
    )
    assert exc.messages == ["each value in assetIds must be a UUID"]


async def test_a_400_for_what_is_not_there_or_not_yours(
    client: AsyncClient, other_user: RealUser
) -> None:
    async with other_user.client() as stranger:
        theirs = await stranger.assets.upload_asset(
            upload_body(jpeg_bytes(103, TAKEN.replace(tzinfo=None)), "theirs.jpg")
        )
    exc = await _expect(lambda: client.assets.get_asset_info(theirs.id), BadRequestError)
    assert exc.message == "Not found or no asset.read access"
    assert exc.messages == ["Not found or no asset.read access"]


async def test_a_401_without_a_key_or_with_a_wrong_one(user: RealUser) -> None:
    async with AsyncClient(user.server.url) as anonymous:
        exc = await _expect(anonymous.users.get_my_user, AuthenticationError)
    assert (exc.status_code, exc.message, exc.error) == (
        401,
        "Authentication required",
        "Unauthorized",
    )
    wrong = "x" * 40
    async with AsyncClient(user.server.url, api_key=wrong) as client:
        exc = await _expect(client.users.get_my_user, AuthenticationError)
    assert exc.message == "Invalid API key"
    assert wrong not in str(exc) + repr(exc)


async def test_a_403_for_a_key_without_the_permission(client: AsyncClient, user: RealUser) -> None:
    async with await _limited_client(user, client) as limited:
        created = await client.assets.upload_asset(
            upload_body(jpeg_bytes(104, TAKEN.replace(tzinfo=None)), "readable.jpg")
        )
        assert (await limited.assets.get_asset_info(created.id)).id == created.id
        exc = await _expect(
            lambda: limited.albums.create_album(CreateAlbumDto(album_name="no")),
            PermissionDeniedError,
        )
    assert exc.status_code == 403
    assert exc.message == "Missing required permission: album.create"
    assert exc.error == "Forbidden"
    # an admin-only route with a user's key
    exc = await _expect(client.queues.get_queues, PermissionDeniedError)
    assert exc.message == "Forbidden"


async def test_a_404_from_a_generated_call(client: AsyncClient, user: RealUser) -> None:
    exc = await _expect(lambda: client.users.get_profile_image(user.id), NotFoundError)
    assert (exc.status_code, exc.message) == (404, "User does not have a profile image")
    assert exc.error == "Not Found"
    photo = await client.assets.upload_asset(
        upload_body(jpeg_bytes(105, TAKEN.replace(tzinfo=None)), "still.jpg")
    )
    exc = await _expect(lambda: client.assets.play_asset_video(photo.id), NotFoundError)
    assert exc.message == "Asset not found or asset is not a video"
    exc = await _expect(lambda: client.request("GET", "/no-such-route"), NotFoundError)
    assert exc.message == "Cannot GET /api/no-such-route"


async def test_check_compatibility_against_the_live_spec(client: AsyncClient) -> None:
    report = await client.check_compatibility()
    assert report.spec_available  # it read /api/spec.json
    assert report.server_version == "v2.7.5" and report.version_supported
    assert report.compatible
    assert report.count("error") == 0, [i for i in report.issues if i.severity == "error"]
    assert "compatible (0 errors" in report.summary()
