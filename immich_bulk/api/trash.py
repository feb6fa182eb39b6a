# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Trash: Endpoints for managing the trash can, which includes assets that have been discarded. Items in the trash are automatically deleted after a configured amount of time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import BulkIdsDto, TrashResponseDto

_empty_trash = Op('emptyTrash', 'POST', '/trash/empty', returns='TrashResponseDto')
_restore_assets = Op('restoreAssets', 'POST', '/trash/restore/assets', body=('bulk_ids_dto', 'json'), returns='TrashResponseDto')
_restore_trash = Op('restoreTrash', 'POST', '/trash/restore', returns='TrashResponseDto')


class TrashApi(ApiGroup):
    """Trash: Endpoints for managing the trash can, which includes assets that have been
    discarded. Items in the trash are automatically deleted after a configured amount of
    time.
    """

    async def empty_trash(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> TrashResponseDto:
        """Empty trash. Permanently delete all items in the trash. (``POST /trash/empty``, permission ``asset.delete``)"""
        return await self._parsed(_empty_trash, locals())
    async def empty_trash_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[TrashResponseDto]:
        """``empty_trash``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_empty_trash, locals())
    def empty_trash_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``empty_trash``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_empty_trash, locals())

    async def restore_assets(self, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> TrashResponseDto:
        """Restore assets. Restore specific assets from the trash. (``POST /trash/restore/assets``, permission ``asset.delete``)"""
        return await self._parsed(_restore_assets, locals())
    async def restore_assets_with_http_info(self, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[TrashResponseDto]:
        """``restore_assets``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_restore_assets, locals())
    def restore_assets_without_preload_content(self, bulk_ids_dto: BulkIdsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``restore_assets``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_restore_assets, locals())

    async def restore_trash(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> TrashResponseDto:
        """Restore trash. Restore all items in the trash. (``POST /trash/restore``, permission ``asset.delete``)"""
        return await self._parsed(_restore_trash, locals())
    async def restore_trash_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[TrashResponseDto]:
        """``restore_trash``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_restore_trash, locals())
    def restore_trash_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``restore_trash``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_restore_trash, locals())
