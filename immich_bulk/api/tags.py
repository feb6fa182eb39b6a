# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Tags: A tag is a user-defined label that can be applied to assets for organizational purposes. Tags can also be hierarchical, allowing for parent-child relationships between tags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        BulkIdResponseDto,
        BulkIdsDto,
        TagBulkAssetsDto,
        TagBulkAssetsResponseDto,
        TagCreateDto,
        TagResponseDto,
        TagUpdateDto,
        TagUpsertDto,
    )

_bulk_tag_assets = Op('bulkTagAssets', 'PUT', '/tags/assets', body=('tag_bulk_assets_dto', 'json'), returns='TagBulkAssetsResponseDto')
_create_tag = Op('createTag', 'POST', '/tags', body=('tag_create_dto', 'json'), returns='TagResponseDto')
_delete_tag = Op('deleteTag', 'DELETE', '/tags/{id}', path=('id',))
_get_all_tags = Op('getAllTags', 'GET', '/tags', returns='[TagResponseDto]')
_get_tag_by_id = Op('getTagById', 'GET', '/tags/{id}', path=('id',), returns='TagResponseDto')
_tag_assets = Op('tagAssets', 'PUT', '/tags/{id}/assets', path=('id',), body=('bulk_ids_dto', 'json'), returns='[BulkIdResponseDto]')
_untag_assets = Op('untagAssets', 'DELETE', '/tags/{id}/assets', path=('id',), body=('bulk_ids_dto', 'json'), returns='[BulkIdResponseDto]')
_update_tag = Op('updateTag', 'PUT', '/tags/{id}', path=('id',), body=('tag_update_dto', 'json'), returns='TagResponseDto')
_upsert_tags = Op('upsertTags', 'PUT', '/tags', body=('tag_upsert_dto', 'json'), returns='[TagResponseDto]')


class TagsApi(ApiGroup):
    """Tags: A tag is a user-defined label that can be applied to assets for organizational
    purposes. Tags can also be hierarchical, allowing for parent-child relationships
    between tags.
    """

    async def bulk_tag_assets(self, tag_bulk_assets_dto: TagBulkAssetsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> TagBulkAssetsResponseDto:
        """Tag assets. Add multiple tags to multiple assets in a single request. (``PUT /tags/assets``, permission ``tag.asset``)"""
        return await self._parsed(_bulk_tag_assets, locals())
    async def bulk_tag_assets_with_http_info(self, tag_bulk_assets_dto: TagBulkAssetsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[TagBulkAssetsResponseDto]:
        """``bulk_tag_assets``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_bulk_tag_assets, locals())
    def bulk_tag_assets_without_preload_content(self, tag_bulk_assets_dto: TagBulkAssetsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``bulk_tag_assets``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_bulk_tag_assets, locals())

    async def create_tag(self, tag_create_dto: TagCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> TagResponseDto:
        """Create a tag. Create a new tag by providing a name and optional color. (``POST /tags``, permission ``tag.create``)"""
        return await self._parsed(_create_tag, locals())
    async def create_tag_with_http_info(self, tag_create_dto: TagCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[TagResponseDto]:
        """``create_tag``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_tag, locals())
    def create_tag_without_preload_content(self, tag_create_dto: TagCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_tag``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_tag, locals())

    async def delete_tag(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete a tag. Delete a specific tag by its ID. (``DELETE /tags/{id}``, permission ``tag.delete``)"""
        return await self._parsed(_delete_tag, locals())
    async def delete_tag_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_tag``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_tag, locals())
    def delete_tag_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_tag``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_tag, locals())

    async def get_all_tags(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[TagResponseDto]:
        """Retrieve tags. Retrieve a list of all tags. (``GET /tags``, permission ``tag.read``)"""
        return await self._parsed(_get_all_tags, locals())
    async def get_all_tags_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[TagResponseDto]]:
        """``get_all_tags``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_all_tags, locals())
    def get_all_tags_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_all_tags``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_all_tags, locals())

    async def get_tag_by_id(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> TagResponseDto:
        """Retrieve a tag. Retrieve a specific tag by its ID. (``GET /tags/{id}``, permission ``tag.read``)"""
        return await self._parsed(_get_tag_by_id, locals())
    async def get_tag_by_id_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[TagResponseDto]:
        """``get_tag_by_id``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_tag_by_id, locals())
    def get_tag_by_id_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_tag_by_id``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_tag_by_id, locals())

    async def tag_assets(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[BulkIdResponseDto]:
        """Tag assets. Add a tag to all the specified assets. (``PUT /tags/{id}/assets``, permission ``tag.asset``)"""
        return await self._parsed(_tag_assets, locals())
    async def tag_assets_with_http_info(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[BulkIdResponseDto]]:
        """``tag_assets``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_tag_assets, locals())
    def tag_assets_without_preload_content(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``tag_assets``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_tag_assets, locals())

    async def untag_assets(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[BulkIdResponseDto]:
        """Untag assets. Remove a tag from all the specified assets. (``DELETE /tags/{id}/assets``, permission ``tag.asset``)"""
        return await self._parsed(_untag_assets, locals())
    async def untag_assets_with_http_info(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[BulkIdResponseDto]]:
        """``untag_assets``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_untag_assets, locals())
    def untag_assets_without_preload_content(self, id: str, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``untag_assets``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_untag_assets, locals())

    async def update_tag(self, id: str, tag_update_dto: TagUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> TagResponseDto:
        """Update a tag. Update an existing tag identified by its ID. (``PUT /tags/{id}``, permission ``tag.update``)"""
        return await self._parsed(_update_tag, locals())
    async def update_tag_with_http_info(self, id: str, tag_update_dto: TagUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[TagResponseDto]:
        """``update_tag``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_tag, locals())
    def update_tag_without_preload_content(self, id: str, tag_update_dto: TagUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_tag``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_tag, locals())

    async def upsert_tags(self, tag_upsert_dto: TagUpsertDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[TagResponseDto]:
        """Upsert tags. Create or update multiple tags in a single request. (``PUT /tags``, permission ``tag.create``)"""
        return await self._parsed(_upsert_tags, locals())
    async def upsert_tags_with_http_info(self, tag_upsert_dto: TagUpsertDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[TagResponseDto]]:
        """``upsert_tags``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_upsert_tags, locals())
    def upsert_tags_without_preload_content(self, tag_upsert_dto: TagUpsertDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``upsert_tags``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_upsert_tags, locals())
