# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Duplicates: Endpoints for managing and identifying duplicate assets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        BulkIdResponseDto,
        BulkIdsDto,
        DuplicateResolveDto,
        DuplicateResponseDto,
    )

_delete_duplicate = Op('deleteDuplicate', 'DELETE', '/duplicates/{id}', path=('id',))
_delete_duplicates = Op('deleteDuplicates', 'DELETE', '/duplicates', body=('bulk_ids_dto', 'json'))
_get_asset_duplicates = Op('getAssetDuplicates', 'GET', '/duplicates', returns='[DuplicateResponseDto]')
_resolve_duplicates = Op('resolveDuplicates', 'POST', '/duplicates/resolve', body=('duplicate_resolve_dto', 'json'), returns='[BulkIdResponseDto]')


class DuplicatesApi(ApiGroup):
    """Duplicates: Endpoints for managing and identifying duplicate assets."""

    async def delete_duplicate(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete a duplicate. Delete a single duplicate asset specified by its ID. (``DELETE /duplicates/{id}``, permission ``duplicate.delete``)"""
        return await self._parsed(_delete_duplicate, locals())
    async def delete_duplicate_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_duplicate``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_duplicate, locals())
    def delete_duplicate_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_duplicate``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_duplicate, locals())

    async def delete_duplicates(self, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete duplicates. Delete multiple duplicate assets specified by their IDs. (``DELETE /duplicates``, permission ``duplicate.delete``)"""
        return await self._parsed(_delete_duplicates, locals())
    async def delete_duplicates_with_http_info(self, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_duplicates``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_duplicates, locals())
    def delete_duplicates_without_preload_content(self, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_duplicates``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_duplicates, locals())

    async def get_asset_duplicates(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[DuplicateResponseDto]:
        """Retrieve duplicates. Retrieve a list of duplicate assets available to the authenticated user. (``GET /duplicates``, permission ``duplicate.read``)"""
        return await self._parsed(_get_asset_duplicates, locals())
    async def get_asset_duplicates_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[DuplicateResponseDto]]:
        """``get_asset_duplicates``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_asset_duplicates, locals())
    def get_asset_duplicates_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_asset_duplicates``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_asset_duplicates, locals())

    async def resolve_duplicates(self, duplicate_resolve_dto: DuplicateResolveDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[BulkIdResponseDto]:
        """Resolve duplicate groups. Resolve duplicate groups by synchronizing metadata across assets and deleting/trashing duplicates. (``POST /duplicates/resolve``, permission ``duplicate.delete``)"""
        return await self._parsed(_resolve_duplicates, locals())
    async def resolve_duplicates_with_http_info(self, duplicate_resolve_dto: DuplicateResolveDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[BulkIdResponseDto]]:
        """``resolve_duplicates``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_resolve_duplicates, locals())
    def resolve_duplicates_without_preload_content(self, duplicate_resolve_dto: DuplicateResolveDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``resolve_duplicates``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_resolve_duplicates, locals())
