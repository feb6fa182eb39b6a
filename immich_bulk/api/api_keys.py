# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""API keys: An api key can be used to programmatically access the Immich API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        APIKeyCreateDto,
        APIKeyCreateResponseDto,
        APIKeyResponseDto,
        APIKeyUpdateDto,
    )

_create_api_key = Op('createApiKey', 'POST', '/api-keys', body=('api_key_create_dto', 'json'), returns='APIKeyCreateResponseDto')
_delete_api_key = Op('deleteApiKey', 'DELETE', '/api-keys/{id}', path=('id',))
_get_api_key = Op('getApiKey', 'GET', '/api-keys/{id}', path=('id',), returns='APIKeyResponseDto')
_get_api_keys = Op('getApiKeys', 'GET', '/api-keys', returns='[APIKeyResponseDto]')
_get_my_api_key = Op('getMyApiKey', 'GET', '/api-keys/me', returns='APIKeyResponseDto')
_update_api_key = Op('updateApiKey', 'PUT', '/api-keys/{id}', path=('id',), body=('api_key_update_dto', 'json'), returns='APIKeyResponseDto')


class APIKeysApi(ApiGroup):
    """API keys: An api key can be used to programmatically access the Immich API."""

    async def create_api_key(self, api_key_create_dto: APIKeyCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> APIKeyCreateResponseDto:
        """Create an API key. Creates a new API key. It will be limited to the permissions specified. (``POST /api-keys``, permission ``apiKey.create``)"""
        return await self._parsed(_create_api_key, locals())
    async def create_api_key_with_http_info(self, api_key_create_dto: APIKeyCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[APIKeyCreateResponseDto]:
        """``create_api_key``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_api_key, locals())
    def create_api_key_without_preload_content(self, api_key_create_dto: APIKeyCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_api_key``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_api_key, locals())

    async def delete_api_key(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete an API key. Deletes an API key identified by its ID. The current user must own this API key. (``DELETE /api-keys/{id}``, permission ``apiKey.delete``)"""
        return await self._parsed(_delete_api_key, locals())
    async def delete_api_key_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_api_key``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_api_key, locals())
    def delete_api_key_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_api_key``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_api_key, locals())

    async def get_api_key(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> APIKeyResponseDto:
        """Retrieve an API key. Retrieve an API key by its ID. The current user must own this API key. (``GET /api-keys/{id}``, permission ``apiKey.read``)"""
        return await self._parsed(_get_api_key, locals())
    async def get_api_key_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[APIKeyResponseDto]:
        """``get_api_key``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_api_key, locals())
    def get_api_key_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_api_key``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_api_key, locals())

    async def get_api_keys(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[APIKeyResponseDto]:
        """List all API keys. Retrieve all API keys of the current user. (``GET /api-keys``, permission ``apiKey.read``)"""
        return await self._parsed(_get_api_keys, locals())
    async def get_api_keys_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[APIKeyResponseDto]]:
        """``get_api_keys``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_api_keys, locals())
    def get_api_keys_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_api_keys``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_api_keys, locals())

    async def get_my_api_key(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> APIKeyResponseDto:
        """Retrieve the current API key. Retrieve the API key that is used to access this endpoint. (``GET /api-keys/me``)"""
        return await self._parsed(_get_my_api_key, locals())
    async def get_my_api_key_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[APIKeyResponseDto]:
        """``get_my_api_key``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_my_api_key, locals())
    def get_my_api_key_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_my_api_key``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_my_api_key, locals())

    async def update_api_key(self, id: str, api_key_update_dto: APIKeyUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> APIKeyResponseDto:
        """Update an API key. Updates the name and permissions of an API key by its ID. The current user must own this API key. (``PUT /api-keys/{id}``, permission ``apiKey.update``)"""
        return await self._parsed(_update_api_key, locals())
    async def update_api_key_with_http_info(self, id: str, api_key_update_dto: APIKeyUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[APIKeyResponseDto]:
        """``update_api_key``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_api_key, locals())
    def update_api_key_without_preload_content(self, id: str, api_key_update_dto: APIKeyUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_api_key``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_api_key, locals())
