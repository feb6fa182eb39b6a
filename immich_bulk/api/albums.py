# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Albums: An album is a collection of assets that can be shared with other users or via shared links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        AddUsersDto,
        AlbumResponseDto,
        AlbumStatisticsResponseDto,
        AlbumsAddAssetsDto,
        AlbumsAddAssetsResponseDto,
        BulkIdResponseDto,
        BulkIdsDto,
        CreateAlbumDto,
        UpdateAlbumDto,
        UpdateAlbumUserDto,
    )

_add_assets_to_album = Op('addAssetsToAlbum', 'PUT', '/albums/{id}/assets', path=('id',), query=('key', 'slug'), body=('bulk_ids_dto', 'json'), returns='[BulkIdResponseDto]')
_add_assets_to_albums = Op('addAssetsToAlbums', 'PUT', '/albums/assets', query=('key', 'slug'), body=('albums_add_assets_dto', 'json'), returns='AlbumsAddAssetsResponseDto')
_add_users_to_album = Op('addUsersToAlbum', 'PUT', '/albums/{id}/users', path=('id',), body=('add_users_dto', 'json'), returns='AlbumResponseDto')
_create_album = Op('createAlbum', 'POST', '/albums', body=('create_album_dto', 'json'), returns='AlbumResponseDto')
_delete_album = Op('deleteAlbum', 'DELETE', '/albums/{id}', path=('id',))
_get_album_info = Op('getAlbumInfo', 'GET', '/albums/{id}', path=('id',), query=('key', 'slug', 'withoutAssets'), returns='AlbumResponseDto')
_get_album_statistics = Op('getAlbumStatistics', 'GET', '/albums/statistics', returns='AlbumStatisticsResponseDto')
_get_all_albums = Op('getAllAlbums', 'GET', '/albums', query=('assetId', 'shared'), returns='[AlbumResponseDto]')
_remove_asset_from_album = Op('removeAssetFromAlbum', 'DELETE', '/albums/{id}/assets', path=('id',), body=('bulk_ids_dto', 'json'), returns='[BulkIdResponseDto]')
_remove_user_from_album = Op('removeUserFromAlbum', 'DELETE', '/albums/{id}/user/{userId}', path=('id', 'userId'))
_update_album_info = Op('updateAlbumInfo', 'PATCH', '/albums/{id}', path=('id',), body=('update_album_dto', 'json'), returns='AlbumResponseDto')
_update_album_user = Op('updateAlbumUser', 'PUT', '/albums/{id}/user/{userId}', path=('id', 'userId'), body=('update_album_user_dto', 'json'))


class AlbumsApi(ApiGroup):
    """Albums: An album is a collection of assets that can be shared with other users or via
    shared links.
    """

    async def add_assets_to_album(self, id: str, bulk_ids_dto: BulkIdsDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[BulkIdResponseDto]:
        """Add assets to an album. Add multiple assets to a specific album by its ID. (``PUT /albums/{id}/assets``, permission ``albumAsset.create``)"""
        return await self._parsed(_add_assets_to_album, locals())
    async def add_assets_to_album_with_http_info(self, id: str, bulk_ids_dto: BulkIdsDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[BulkIdResponseDto]]:
        """``add_assets_to_album``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_add_assets_to_album, locals())
    def add_assets_to_album_without_preload_content(self, id: str, bulk_ids_dto: BulkIdsDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``add_assets_to_album``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_add_assets_to_album, locals())

    async def add_assets_to_albums(self, albums_add_assets_dto: AlbumsAddAssetsDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AlbumsAddAssetsResponseDto:
        """Add assets to albums. Send a list of asset IDs and album IDs to add each asset to each album. (``PUT /albums/assets``, permission ``albumAsset.create``)"""
        return await self._parsed(_add_assets_to_albums, locals())
    async def add_assets_to_albums_with_http_info(self, albums_add_assets_dto: AlbumsAddAssetsDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AlbumsAddAssetsResponseDto]:
        """``add_assets_to_albums``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_add_assets_to_albums, locals())
    def add_assets_to_albums_without_preload_content(self, albums_add_assets_dto: AlbumsAddAssetsDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``add_assets_to_albums``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_add_assets_to_albums, locals())

    async def add_users_to_album(self, id: str, add_users_dto: AddUsersDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AlbumResponseDto:
        """Share album with users. Share an album with multiple users. Each user can be given a specific role in the album. (``PUT /albums/{id}/users``, permission ``albumUser.create``)"""
        return await self._parsed(_add_users_to_album, locals())
    async def add_users_to_album_with_http_info(self, id: str, add_users_dto: AddUsersDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AlbumResponseDto]:
        """``add_users_to_album``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_add_users_to_album, locals())
    def add_users_to_album_without_preload_content(self, id: str, add_users_dto: AddUsersDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``add_users_to_album``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_add_users_to_album, locals())

    async def create_album(self, create_album_dto: CreateAlbumDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AlbumResponseDto:
        """Create an album. Create a new album. The album can also be created with initial users and assets. (``POST /albums``, permission ``album.create``)"""
        return await self._parsed(_create_album, locals())
    async def create_album_with_http_info(self, create_album_dto: CreateAlbumDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AlbumResponseDto]:
        """``create_album``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_album, locals())
    def create_album_without_preload_content(self, create_album_dto: CreateAlbumDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_album``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_album, locals())

    async def delete_album(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete an album. Delete a specific album by its ID. Note the album is initially trashed and then immediately scheduled for deletion, but relies on a background job to complete the process. (``DELETE /albums/{id}``, permission ``album.delete``)"""
        return await self._parsed(_delete_album, locals())
    async def delete_album_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_album``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_album, locals())
    def delete_album_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_album``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_album, locals())

    async def get_album_info(self, id: str, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, without_assets: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AlbumResponseDto:
        """Retrieve an album. Retrieve information about a specific album by its ID. (``GET /albums/{id}``, permission ``album.read``)"""
        return await self._parsed(_get_album_info, locals())
    async def get_album_info_with_http_info(self, id: str, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, without_assets: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AlbumResponseDto]:
        """``get_album_info``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_album_info, locals())
    def get_album_info_without_preload_content(self, id: str, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, without_assets: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_album_info``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_album_info, locals())

    async def get_album_statistics(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AlbumStatisticsResponseDto:
        """Retrieve album statistics. Returns statistics about the albums available to the authenticated user. (``GET /albums/statistics``, permission ``album.statistics``)"""
        return await self._parsed(_get_album_statistics, locals())
    async def get_album_statistics_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AlbumStatisticsResponseDto]:
        """``get_album_statistics``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_album_statistics, locals())
    def get_album_statistics_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_album_statistics``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_album_statistics, locals())

    async def get_all_albums(self, *, asset_id: str | Unset = UNSET, shared: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[AlbumResponseDto]:
        """List all albums. Retrieve a list of albums available to the authenticated user. (``GET /albums``, permission ``album.read``)"""
        return await self._parsed(_get_all_albums, locals())
    async def get_all_albums_with_http_info(self, *, asset_id: str | Unset = UNSET, shared: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[AlbumResponseDto]]:
        """``get_all_albums``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_all_albums, locals())
    def get_all_albums_without_preload_content(self, *, asset_id: str | Unset = UNSET, shared: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_all_albums``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_all_albums, locals())

    async def remove_asset_from_album(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[BulkIdResponseDto]:
        """Remove assets from an album. Remove multiple assets from a specific album by its ID. (``DELETE /albums/{id}/assets``, permission ``albumAsset.delete``)"""
        return await self._parsed(_remove_asset_from_album, locals())
    async def remove_asset_from_album_with_http_info(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[BulkIdResponseDto]]:
        """``remove_asset_from_album``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_remove_asset_from_album, locals())
    def remove_asset_from_album_without_preload_content(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``remove_asset_from_album``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_remove_asset_from_album, locals())

    async def remove_user_from_album(self, id: str, user_id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Remove user from album. Remove a user from an album. Use an ID of "me" to leave a shared album. (``DELETE /albums/{id}/user/{userId}``, permission ``albumUser.delete``)"""
        return await self._parsed(_remove_user_from_album, locals())
    async def remove_user_from_album_with_http_info(self, id: str, user_id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``remove_user_from_album``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_remove_user_from_album, locals())
    def remove_user_from_album_without_preload_content(self, id: str, user_id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``remove_user_from_album``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_remove_user_from_album, locals())

    async def update_album_info(self, id: str, update_album_dto: UpdateAlbumDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AlbumResponseDto:
        """Update an album. Update the information of a specific album by its ID. This endpoint can be used to update the album name, description, sort order, etc. However, it is not used to add or remove assets or users from the album. (``PATCH /albums/{id}``, permission ``album.update``)"""
        return await self._parsed(_update_album_info, locals())
    async def update_album_info_with_http_info(self, id: str, update_album_dto: UpdateAlbumDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AlbumResponseDto]:
        """``update_album_info``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_album_info, locals())
    def update_album_info_without_preload_content(self, id: str, update_album_dto: UpdateAlbumDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_album_info``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_album_info, locals())

    async def update_album_user(self, id: str, user_id: str, update_album_user_dto: UpdateAlbumUserDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Update user role. Change the role for a specific user in a specific album. (``PUT /albums/{id}/user/{userId}``, permission ``albumUser.update``)"""
        return await self._parsed(_update_album_user, locals())
    async def update_album_user_with_http_info(self, id: str, user_id: str, update_album_user_dto: UpdateAlbumUserDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``update_album_user``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_album_user, locals())
    def update_album_user_without_preload_content(self, id: str, user_id: str, update_album_user_dto: UpdateAlbumUserDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_album_user``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_album_user, locals())
