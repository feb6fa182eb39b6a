# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Stacks: A stack is a group of related assets. One asset is the "primary" asset, and the rest are "child" assets. On the main timeline, stack parents are included by default, while child assets are hidden."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import BulkIdsDto, StackCreateDto, StackResponseDto, StackUpdateDto

_create_stack = Op('createStack', 'POST', '/stacks', body=('stack_create_dto', 'json'), returns='StackResponseDto')
_delete_stack = Op('deleteStack', 'DELETE', '/stacks/{id}', path=('id',))
_delete_stacks = Op('deleteStacks', 'DELETE', '/stacks', body=('bulk_ids_dto', 'json'))
_get_stack = Op('getStack', 'GET', '/stacks/{id}', path=('id',), returns='StackResponseDto')
_remove_asset_from_stack = Op('removeAssetFromStack', 'DELETE', '/stacks/{id}/assets/{assetId}', path=('id', 'assetId'))
_search_stacks = Op('searchStacks', 'GET', '/stacks', query=('primaryAssetId',), returns='[StackResponseDto]')
_update_stack = Op('updateStack', 'PUT', '/stacks/{id}', path=('id',), body=('stack_update_dto', 'json'), returns='StackResponseDto')


class StacksApi(ApiGroup):
    """Stacks: A stack is a group of related assets. One asset is the "primary" asset, and
    the rest are "child" assets. On the main timeline, stack parents are included by
    default, while child assets are hidden.
    """

    async def create_stack(self, stack_create_dto: StackCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> StackResponseDto:
        """Create a stack. Create a new stack by providing a name and a list of asset IDs to include in the stack. If any of the provided asset IDs are primary assets of an existing stack, the existing stack will be merged into the newly created stack. (``POST /stacks``, permission ``stack.create``)"""
        return await self._parsed(_create_stack, locals())
    async def create_stack_with_http_info(self, stack_create_dto: StackCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[StackResponseDto]:
        """``create_stack``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_stack, locals())
    def create_stack_without_preload_content(self, stack_create_dto: StackCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_stack``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_stack, locals())

    async def delete_stack(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete a stack. Delete a specific stack by its ID. (``DELETE /stacks/{id}``, permission ``stack.delete``)"""
        return await self._parsed(_delete_stack, locals())
    async def delete_stack_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_stack``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_stack, locals())
    def delete_stack_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_stack``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_stack, locals())

    async def delete_stacks(self, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete stacks. Delete multiple stacks by providing a list of stack IDs. (``DELETE /stacks``, permission ``stack.delete``)"""
        return await self._parsed(_delete_stacks, locals())
    async def delete_stacks_with_http_info(self, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_stacks``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_stacks, locals())
    def delete_stacks_without_preload_content(self, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_stacks``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_stacks, locals())

    async def get_stack(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> StackResponseDto:
        """Retrieve a stack. Retrieve a specific stack by its ID. (``GET /stacks/{id}``, permission ``stack.read``)"""
        return await self._parsed(_get_stack, locals())
    async def get_stack_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[StackResponseDto]:
        """``get_stack``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_stack, locals())
    def get_stack_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_stack``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_stack, locals())

    async def remove_asset_from_stack(self, id: str, asset_id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Remove an asset from a stack. Remove a specific asset from a stack by providing the stack ID and asset ID. (``DELETE /stacks/{id}/assets/{assetId}``, permission ``stack.update``)"""
        return await self._parsed(_remove_asset_from_stack, locals())
    async def remove_asset_from_stack_with_http_info(self, id: str, asset_id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``remove_asset_from_stack``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_remove_asset_from_stack, locals())
    def remove_asset_from_stack_without_preload_content(self, id: str, asset_id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``remove_asset_from_stack``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_remove_asset_from_stack, locals())

    async def search_stacks(self, *, primary_asset_id: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[StackResponseDto]:
        """Retrieve stacks. Retrieve a list of stacks. (``GET /stacks``, permission ``stack.read``)"""
        return await self._parsed(_search_stacks, locals())
    async def search_stacks_with_http_info(self, *, primary_asset_id: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[StackResponseDto]]:
        """``search_stacks``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_search_stacks, locals())
    def search_stacks_without_preload_content(self, *, primary_asset_id: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``search_stacks``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_search_stacks, locals())

    async def update_stack(self, id: str, stack_update_dto: StackUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> StackResponseDto:
        """Update a stack. Update an existing stack by its ID. (``PUT /stacks/{id}``, permission ``stack.update``)"""
        return await self._parsed(_update_stack, locals())
    async def update_stack_with_http_info(self, id: str, stack_update_dto: StackUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[StackResponseDto]:
        """``update_stack``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_stack, locals())
    def update_stack_without_preload_content(self, id: str, stack_update_dto: StackUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_stack``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_stack, locals())
