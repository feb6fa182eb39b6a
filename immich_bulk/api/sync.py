# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Sync: A collection of endpoints for the new mobile synchronization implementation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        AssetDeltaSyncDto,
        AssetDeltaSyncResponseDto,
        AssetFullSyncDto,
        AssetResponseDto,
        SyncAckDeleteDto,
        SyncAckDto,
        SyncAckSetDto,
        SyncStreamDto,
    )

_delete_sync_ack = Op('deleteSyncAck', 'DELETE', '/sync/ack', body=('sync_ack_delete_dto', 'json'))
_get_delta_sync = Op('getDeltaSync', 'POST', '/sync/delta-sync', body=('asset_delta_sync_dto', 'json'), returns='AssetDeltaSyncResponseDto')
_get_full_sync_for_user = Op('getFullSyncForUser', 'POST', '/sync/full-sync', body=('asset_full_sync_dto', 'json'), returns='[AssetResponseDto]')
_get_sync_ack = Op('getSyncAck', 'GET', '/sync/ack', returns='[SyncAckDto]')
_get_sync_stream = Op('getSyncStream', 'POST', '/sync/stream', body=('sync_stream_dto', 'json'))
_send_sync_ack = Op('sendSyncAck', 'POST', '/sync/ack', body=('sync_ack_set_dto', 'json'))


class SyncApi(ApiGroup):
    """Sync: A collection of endpoints for the new mobile synchronization implementation."""

    async def delete_sync_ack(self, sync_ack_delete_dto: SyncAckDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete acknowledgements. Delete specific synchronization acknowledgments. (``DELETE /sync/ack``, permission ``syncCheckpoint.delete``)"""
        return await self._parsed(_delete_sync_ack, locals())
    async def delete_sync_ack_with_http_info(self, sync_ack_delete_dto: SyncAckDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_sync_ack``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_sync_ack, locals())
    def delete_sync_ack_without_preload_content(self, sync_ack_delete_dto: SyncAckDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_sync_ack``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_sync_ack, locals())

    async def get_delta_sync(self, asset_delta_sync_dto: AssetDeltaSyncDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AssetDeltaSyncResponseDto:
        """Get delta sync for user. Retrieve changed assets since the last sync for the authenticated user. (``POST /sync/delta-sync``, deprecated)"""
        return await self._parsed(_get_delta_sync, locals())
    async def get_delta_sync_with_http_info(self, asset_delta_sync_dto: AssetDeltaSyncDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AssetDeltaSyncResponseDto]:
        """``get_delta_sync``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_delta_sync, locals())
    def get_delta_sync_without_preload_content(self, asset_delta_sync_dto: AssetDeltaSyncDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_delta_sync``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_delta_sync, locals())

    async def get_full_sync_for_user(self, asset_full_sync_dto: AssetFullSyncDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[AssetResponseDto]:
        """Get full sync for user. Retrieve all assets for a full synchronization for the authenticated user. (``POST /sync/full-sync``, deprecated)"""
        return await self._parsed(_get_full_sync_for_user, locals())
    async def get_full_sync_for_user_with_http_info(self, asset_full_sync_dto: AssetFullSyncDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[AssetResponseDto]]:
        """``get_full_sync_for_user``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_full_sync_for_user, locals())
    def get_full_sync_for_user_without_preload_content(self, asset_full_sync_dto: AssetFullSyncDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_full_sync_for_user``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_full_sync_for_user, locals())

    async def get_sync_ack(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[SyncAckDto]:
        """Retrieve acknowledgements. Retrieve the synchronization acknowledgments for the current session. (``GET /sync/ack``, permission ``syncCheckpoint.read``)"""
        return await self._parsed(_get_sync_ack, locals())
    async def get_sync_ack_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[SyncAckDto]]:
        """``get_sync_ack``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_sync_ack, locals())
    def get_sync_ack_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_sync_ack``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_sync_ack, locals())

    async def get_sync_stream(self, sync_stream_dto: SyncStreamDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Stream sync changes. Retrieve a JSON lines streamed response of changes for synchronization. This endpoint is used by the mobile app to efficiently stay up to date with changes. (``POST /sync/stream``, permission ``sync.stream``)"""
        return await self._parsed(_get_sync_stream, locals())
    async def get_sync_stream_with_http_info(self, sync_stream_dto: SyncStreamDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``get_sync_stream``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_sync_stream, locals())
    def get_sync_stream_without_preload_content(self, sync_stream_dto: SyncStreamDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_sync_stream``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_sync_stream, locals())

    async def send_sync_ack(self, sync_ack_set_dto: SyncAckSetDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Acknowledge changes. Send a list of synchronization acknowledgements to confirm that the latest changes have been received. (``POST /sync/ack``, permission ``syncCheckpoint.update``)"""
        return await self._parsed(_send_sync_ack, locals())
    async def send_sync_ack_with_http_info(self, sync_ack_set_dto: SyncAckSetDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``send_sync_ack``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_send_sync_ack, locals())
    def send_sync_ack_without_preload_content(self, sync_ack_set_dto: SyncAckSetDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``send_sync_ack``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_send_sync_ack, locals())
