# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Queues: Queues and background jobs are used for processing tasks asynchronously. Queues can be paused and resumed as needed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        QueueDeleteDto,
        QueueJobResponseDto,
        QueueJobStatus,
        QueueName,
        QueueResponseDto,
        QueueUpdateDto,
    )

_empty_queue = Op('emptyQueue', 'DELETE', '/queues/{name}/jobs', path=('name',), body=('queue_delete_dto', 'json'))
_get_queue = Op('getQueue', 'GET', '/queues/{name}', path=('name',), returns='QueueResponseDto')
_get_queue_jobs = Op('getQueueJobs', 'GET', '/queues/{name}/jobs', path=('name',), query=('status',), returns='[QueueJobResponseDto]')
_get_queues = Op('getQueues', 'GET', '/queues', returns='[QueueResponseDto]')
_update_queue = Op('updateQueue', 'PUT', '/queues/{name}', path=('name',), body=('queue_update_dto', 'json'), returns='QueueResponseDto')


class QueuesApi(ApiGroup):
    """Queues: Queues and background jobs are used for processing tasks asynchronously.
    Queues can be paused and resumed as needed.
    """

    async def empty_queue(self, name: QueueName, queue_delete_dto: QueueDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Empty a queue. Removes all jobs from the specified queue. (``DELETE /queues/{name}/jobs``, permission ``queueJob.delete``)"""
        return await self._parsed(_empty_queue, locals())
    async def empty_queue_with_http_info(self, name: QueueName, queue_delete_dto: QueueDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``empty_queue``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_empty_queue, locals())
    def empty_queue_without_preload_content(self, name: QueueName, queue_delete_dto: QueueDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``empty_queue``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_empty_queue, locals())

    async def get_queue(self, name: QueueName, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> QueueResponseDto:
        """Retrieve a queue. Retrieves a specific queue by its name. (``GET /queues/{name}``, permission ``queue.read``)"""
        return await self._parsed(_get_queue, locals())
    async def get_queue_with_http_info(self, name: QueueName, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[QueueResponseDto]:
        """``get_queue``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_queue, locals())
    def get_queue_without_preload_content(self, name: QueueName, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_queue``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_queue, locals())

    async def get_queue_jobs(self, name: QueueName, *, status: list[QueueJobStatus] | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[QueueJobResponseDto]:
        """Retrieve queue jobs. Retrieves a list of queue jobs from the specified queue. (``GET /queues/{name}/jobs``, permission ``queueJob.read``)"""
        return await self._parsed(_get_queue_jobs, locals())
    async def get_queue_jobs_with_http_info(self, name: QueueName, *, status: list[QueueJobStatus] | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[QueueJobResponseDto]]:
        """``get_queue_jobs``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_queue_jobs, locals())
    def get_queue_jobs_without_preload_content(self, name: QueueName, *, status: list[QueueJobStatus] | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_queue_jobs``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_queue_jobs, locals())

    async def get_queues(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[QueueResponseDto]:
        """List all queues. Retrieves a list of queues. (``GET /queues``, permission ``queue.read``)"""
        return await self._parsed(_get_queues, locals())
    async def get_queues_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[QueueResponseDto]]:
        """``get_queues``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_queues, locals())
    def get_queues_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_queues``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_queues, locals())

    async def update_queue(self, name: QueueName, queue_update_dto: QueueUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> QueueResponseDto:
        """Update a queue. Change the paused status of a specific queue. (``PUT /queues/{name}``, permission ``queue.update``)"""
        return await self._parsed(_update_queue, locals())
    async def update_queue_with_http_info(self, name: QueueName, queue_update_dto: QueueUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[QueueResponseDto]:
        """``update_queue``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_queue, locals())
    def update_queue_without_preload_content(self, name: QueueName, queue_update_dto: QueueUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_queue``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_queue, locals())
