# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Memories: A memory is a specialized collection of assets with dedicated viewing implementations in the web and mobile clients. A memory includes fields related to visibility and are automatically generated per user via a background job."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    import datetime

    from .._http.response import ApiResponse
    from ..models import (
        BulkIdResponseDto,
        BulkIdsDto,
        MemoryCreateDto,
        MemoryResponseDto,
        MemorySearchOrder,
        MemoryStatisticsResponseDto,
        MemoryType,
        MemoryUpdateDto,
    )

_add_memory_assets = Op('addMemoryAssets', 'PUT', '/memories/{id}/assets', path=('id',), body=('bulk_ids_dto', 'json'), returns='[BulkIdResponseDto]')
_create_memory = Op('createMemory', 'POST', '/memories', body=('memory_create_dto', 'json'), returns='MemoryResponseDto')
_delete_memory = Op('deleteMemory', 'DELETE', '/memories/{id}', path=('id',))
_get_memory = Op('getMemory', 'GET', '/memories/{id}', path=('id',), returns='MemoryResponseDto')
_memories_statistics = Op('memoriesStatistics', 'GET', '/memories/statistics', query=('for', 'isSaved', 'isTrashed', 'order', 'size', 'type'), returns='MemoryStatisticsResponseDto')
_remove_memory_assets = Op('removeMemoryAssets', 'DELETE', '/memories/{id}/assets', path=('id',), body=('bulk_ids_dto', 'json'), returns='[BulkIdResponseDto]')
_search_memories = Op('searchMemories', 'GET', '/memories', query=('for', 'isSaved', 'isTrashed', 'order', 'size', 'type'), returns='[MemoryResponseDto]')
_update_memory = Op('updateMemory', 'PUT', '/memories/{id}', path=('id',), body=('memory_update_dto', 'json'), returns='MemoryResponseDto')


class MemoriesApi(ApiGroup):
    """Memories: A memory is a specialized collection of assets with dedicated viewing
    implementations in the web and mobile clients. A memory includes fields related to
    visibility and are automatically generated per user via a background job.
    """

    async def add_memory_assets(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[BulkIdResponseDto]:
        """Add assets to a memory. Add a list of asset IDs to a specific memory. (``PUT /memories/{id}/assets``, permission ``memoryAsset.create``)"""
        return await self._parsed(_add_memory_assets, locals())
    async def add_memory_assets_with_http_info(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[BulkIdResponseDto]]:
        """``add_memory_assets``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_add_memory_assets, locals())
    def add_memory_assets_without_preload_content(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``add_memory_assets``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_add_memory_assets, locals())

    async def create_memory(self, memory_create_dto: MemoryCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> MemoryResponseDto:
        """Create a memory. Create a new memory by providing a name, description, and a list of asset IDs to include in the memory. (``POST /memories``, permission ``memory.create``)"""
        return await self._parsed(_create_memory, locals())
    async def create_memory_with_http_info(self, memory_create_dto: MemoryCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[MemoryResponseDto]:
        """``create_memory``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_memory, locals())
    def create_memory_without_preload_content(self, memory_create_dto: MemoryCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_memory``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_memory, locals())

    async def delete_memory(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete a memory. Delete a specific memory by its ID. (``DELETE /memories/{id}``, permission ``memory.delete``)"""
        return await self._parsed(_delete_memory, locals())
    async def delete_memory_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_memory``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_memory, locals())
    def delete_memory_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_memory``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_memory, locals())

    async def get_memory(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> MemoryResponseDto:
        """Retrieve a memory. Retrieve a specific memory by its ID. (``GET /memories/{id}``, permission ``memory.read``)"""
        return await self._parsed(_get_memory, locals())
    async def get_memory_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[MemoryResponseDto]:
        """``get_memory``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_memory, locals())
    def get_memory_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_memory``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_memory, locals())

    async def memories_statistics(self, *, for_: datetime.datetime | Unset = UNSET, is_saved: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, order: MemorySearchOrder | Unset = UNSET, size: int | Unset = UNSET, type: MemoryType | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> MemoryStatisticsResponseDto:
        """Retrieve memories statistics. Retrieve statistics about memories, such as total count and other relevant metrics. (``GET /memories/statistics``, permission ``memory.statistics``)"""
        return await self._parsed(_memories_statistics, locals())
    async def memories_statistics_with_http_info(self, *, for_: datetime.datetime | Unset = UNSET, is_saved: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, order: MemorySearchOrder | Unset = UNSET, size: int | Unset = UNSET, type: MemoryType | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[MemoryStatisticsResponseDto]:
        """``memories_statistics``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_memories_statistics, locals())
    def memories_statistics_without_preload_content(self, *, for_: datetime.datetime | Unset = UNSET, is_saved: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, order: MemorySearchOrder | Unset = UNSET, size: int | Unset = UNSET, type: MemoryType | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``memories_statistics``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_memories_statistics, locals())

    async def remove_memory_assets(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[BulkIdResponseDto]:
        """Remove assets from a memory. Remove a list of asset IDs from a specific memory. (``DELETE /memories/{id}/assets``, permission ``memoryAsset.delete``)"""
        return await self._parsed(_remove_memory_assets, locals())
    async def remove_memory_assets_with_http_info(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[BulkIdResponseDto]]:
        """``remove_memory_assets``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_remove_memory_assets, locals())
    def remove_memory_assets_without_preload_content(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``remove_memory_assets``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_remove_memory_assets, locals())

    async def search_memories(self, *, for_: datetime.datetime | Unset = UNSET, is_saved: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, order: MemorySearchOrder | Unset = UNSET, size: int | Unset = UNSET, type: MemoryType | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[MemoryResponseDto]:
        """Retrieve memories. Retrieve a list of memories. Memories are sorted descending by creation date by default, although they can also be sorted in ascending order, or randomly. (``GET /memories``, permission ``memory.read``)"""
        return await self._parsed(_search_memories, locals())
    async def search_memories_with_http_info(self, *, for_: datetime.datetime | Unset = UNSET, is_saved: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, order: MemorySearchOrder | Unset = UNSET, size: int | Unset = UNSET, type: MemoryType | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[MemoryResponseDto]]:
        """``search_memories``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_search_memories, locals())
    def search_memories_without_preload_content(self, *, for_: datetime.datetime | Unset = UNSET, is_saved: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, order: MemorySearchOrder | Unset = UNSET, size: int | Unset = UNSET, type: MemoryType | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``search_memories``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_search_memories, locals())

    async def update_memory(self, id: str, memory_update_dto: MemoryUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> MemoryResponseDto:
        """Update a memory. Update an existing memory by its ID. (``PUT /memories/{id}``, permission ``memory.update``)"""
        return await self._parsed(_update_memory, locals())
    async def update_memory_with_http_info(self, id: str, memory_update_dto: MemoryUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[MemoryResponseDto]:
        """``update_memory``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_memory, locals())
    def update_memory_without_preload_content(self, id: str, memory_update_dto: MemoryUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_memory``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_memory, locals())
