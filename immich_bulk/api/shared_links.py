# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Shared links: A shared link is a public url that provides access to a specific album, asset, or collection of assets. A shared link can be protected with a password, include a specific slug, allow or disallow downloads, and optionally include an expiration date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        AssetIdsDto,
        AssetIdsResponseDto,
        SharedLinkCreateDto,
        SharedLinkEditDto,
        SharedLinkLoginDto,
        SharedLinkResponseDto,
    )

_add_shared_link_assets = Op('addSharedLinkAssets', 'PUT', '/shared-links/{id}/assets', path=('id',), query=('key', 'slug'), body=('asset_ids_dto', 'json'), returns='[AssetIdsResponseDto]')
_create_shared_link = Op('createSharedLink', 'POST', '/shared-links', body=('shared_link_create_dto', 'json'), returns='SharedLinkResponseDto')
_get_all_shared_links = Op('getAllSharedLinks', 'GET', '/shared-links', query=('albumId', 'id'), returns='[SharedLinkResponseDto]')
_get_my_shared_link = Op('getMySharedLink', 'GET', '/shared-links/me', query=('key', 'password', 'slug', 'token'), returns='SharedLinkResponseDto')
_get_shared_link_by_id = Op('getSharedLinkById', 'GET', '/shared-links/{id}', path=('id',), returns='SharedLinkResponseDto')
_remove_shared_link = Op('removeSharedLink', 'DELETE', '/shared-links/{id}', path=('id',))
_remove_shared_link_assets = Op('removeSharedLinkAssets', 'DELETE', '/shared-links/{id}/assets', path=('id',), body=('asset_ids_dto', 'json'), returns='[AssetIdsResponseDto]')
_shared_link_login = Op('sharedLinkLogin', 'POST', '/shared-links/login', query=('key', 'slug'), body=('shared_link_login_dto', 'json'), returns='SharedLinkResponseDto')
_update_shared_link = Op('updateSharedLink', 'PATCH', '/shared-links/{id}', path=('id',), body=('shared_link_edit_dto', 'json'), returns='SharedLinkResponseDto')


class SharedLinksApi(ApiGroup):
    """Shared links: A shared link is a public url that provides access to a specific album,
    asset, or collection of assets. A shared link can be protected with a password,
    include a specific slug, allow or disallow downloads, and optionally include an
    expiration date.
    """

    async def add_shared_link_assets(self, id: str, asset_ids_dto: AssetIdsDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[AssetIdsResponseDto]:
        """Add assets to a shared link. Add assets to a specific shared link by its ID. This endpoint is only relevant for shared link of type individual. (``PUT /shared-links/{id}/assets``)"""
        return await self._parsed(_add_shared_link_assets, locals())
    async def add_shared_link_assets_with_http_info(self, id: str, asset_ids_dto: AssetIdsDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[AssetIdsResponseDto]]:
        """``add_shared_link_assets``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_add_shared_link_assets, locals())
    def add_shared_link_assets_without_preload_content(self, id: str, asset_ids_dto: AssetIdsDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``add_shared_link_assets``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_add_shared_link_assets, locals())

    async def create_shared_link(self, shared_link_create_dto: SharedLinkCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> SharedLinkResponseDto:
        """Create a shared link. Create a new shared link. (``POST /shared-links``, permission ``sharedLink.create``)"""
        return await self._parsed(_create_shared_link, locals())
    async def create_shared_link_with_http_info(self, shared_link_create_dto: SharedLinkCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[SharedLinkResponseDto]:
        """``create_shared_link``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_shared_link, locals())
    def create_shared_link_without_preload_content(self, shared_link_create_dto: SharedLinkCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_shared_link``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_shared_link, locals())

    async def get_all_shared_links(self, *, album_id: str | Unset = UNSET, id: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[SharedLinkResponseDto]:
        """Retrieve all shared links. Retrieve a list of all shared links. (``GET /shared-links``, permission ``sharedLink.read``)"""
        return await self._parsed(_get_all_shared_links, locals())
    async def get_all_shared_links_with_http_info(self, *, album_id: str | Unset = UNSET, id: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[SharedLinkResponseDto]]:
        """``get_all_shared_links``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_all_shared_links, locals())
    def get_all_shared_links_without_preload_content(self, *, album_id: str | Unset = UNSET, id: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_all_shared_links``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_all_shared_links, locals())

    async def get_my_shared_link(self, *, key: str | Unset = UNSET, password: str | Unset = UNSET, slug: str | Unset = UNSET, token: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> SharedLinkResponseDto:
        """Retrieve current shared link. Retrieve the current shared link associated with authentication method. (``GET /shared-links/me``)"""
        return await self._parsed(_get_my_shared_link, locals())
    async def get_my_shared_link_with_http_info(self, *, key: str | Unset = UNSET, password: str | Unset = UNSET, slug: str | Unset = UNSET, token: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[SharedLinkResponseDto]:
        """``get_my_shared_link``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_my_shared_link, locals())
    def get_my_shared_link_without_preload_content(self, *, key: str | Unset = UNSET, password: str | Unset = UNSET, slug: str | Unset = UNSET, token: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_my_shared_link``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_my_shared_link, locals())

    async def get_shared_link_by_id(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> SharedLinkResponseDto:
        """Retrieve a shared link. Retrieve a specific shared link by its ID. (``GET /shared-links/{id}``, permission ``sharedLink.read``)"""
        return await self._parsed(_get_shared_link_by_id, locals())
    async def get_shared_link_by_id_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[SharedLinkResponseDto]:
        """``get_shared_link_by_id``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_shared_link_by_id, locals())
    def get_shared_link_by_id_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_shared_link_by_id``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_shared_link_by_id, locals())

    async def remove_shared_link(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete a shared link. Delete a specific shared link by its ID. (``DELETE /shared-links/{id}``, permission ``sharedLink.delete``)"""
        return await self._parsed(_remove_shared_link, locals())
    async def remove_shared_link_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``remove_shared_link``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_remove_shared_link, locals())
    def remove_shared_link_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``remove_shared_link``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_remove_shared_link, locals())

    async def remove_shared_link_assets(self, id: str, asset_ids_dto: AssetIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[AssetIdsResponseDto]:
        """Remove assets from a shared link. Remove assets from a specific shared link by its ID. This endpoint is only relevant for shared link of type individual. (``DELETE /shared-links/{id}/assets``, permission ``sharedLink.update``)"""
        return await self._parsed(_remove_shared_link_assets, locals())
    async def remove_shared_link_assets_with_http_info(self, id: str, asset_ids_dto: AssetIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[AssetIdsResponseDto]]:
        """``remove_shared_link_assets``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_remove_shared_link_assets, locals())
    def remove_shared_link_assets_without_preload_content(self, id: str, asset_ids_dto: AssetIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``remove_shared_link_assets``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_remove_shared_link_assets, locals())

    async def shared_link_login(self, shared_link_login_dto: SharedLinkLoginDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> SharedLinkResponseDto:
        """Shared link login. Login to a password protected shared link (``POST /shared-links/login``)"""
        return await self._parsed(_shared_link_login, locals())
    async def shared_link_login_with_http_info(self, shared_link_login_dto: SharedLinkLoginDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[SharedLinkResponseDto]:
        """``shared_link_login``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_shared_link_login, locals())
    def shared_link_login_without_preload_content(self, shared_link_login_dto: SharedLinkLoginDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``shared_link_login``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_shared_link_login, locals())

    async def update_shared_link(self, id: str, shared_link_edit_dto: SharedLinkEditDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> SharedLinkResponseDto:
        """Update a shared link. Update an existing shared link by its ID. (``PATCH /shared-links/{id}``, permission ``sharedLink.update``)"""
        return await self._parsed(_update_shared_link, locals())
    async def update_shared_link_with_http_info(self, id: str, shared_link_edit_dto: SharedLinkEditDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[SharedLinkResponseDto]:
        """``update_shared_link``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_shared_link, locals())
    def update_shared_link_without_preload_content(self, id: str, shared_link_edit_dto: SharedLinkEditDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_shared_link``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_shared_link, locals())
