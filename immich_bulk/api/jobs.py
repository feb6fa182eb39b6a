# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Jobs: Queues and background jobs are used for processing tasks asynchronously. Queues can be paused and resumed as needed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        JobCreateDto,
        QueueCommandDto,
        QueueName,
        QueueResponseLegacyDto,
        QueuesResponseLegacyDto,
    )

_create_job = Op('createJob', 'POST', '/jobs', body=('job_create_dto', 'json'))
_get_queues_legacy = Op('getQueuesLegacy', 'GET', '/jobs', returns='QueuesResponseLegacyDto')
_run_queue_command_legacy = Op('runQueueCommandLegacy', 'PUT', '/jobs/{name}', path=('name',), body=('queue_command_dto', 'json'), returns='QueueResponseLegacyDto')


class JobsApi(ApiGroup):
    """Jobs: Queues and background jobs are used for processing tasks asynchronously. Queues
    can be paused and resumed as needed.
    """

    async def create_job(self, job_create_dto: JobCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Create a manual job. Run a specific job. Most jobs are queued automatically, but this endpoint allows for manual creation of a handful of jobs, including various cleanup tasks, as well as creating a new database backup. (``POST /jobs``, permission ``job.create``)"""
        return await self._parsed(_create_job, locals())
    async def create_job_with_http_info(self, job_create_dto: JobCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``create_job``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_job, locals())
    def create_job_without_preload_content(self, job_create_dto: JobCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_job``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_job, locals())

    async def get_queues_legacy(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> QueuesResponseLegacyDto:
        """Retrieve queue counts and status. Retrieve the counts of the current queue, as well as the current status. (``GET /jobs``, permission ``job.read``, deprecated)"""
        return await self._parsed(_get_queues_legacy, locals())
    async def get_queues_legacy_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[QueuesResponseLegacyDto]:
        """``get_queues_legacy``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_queues_legacy, locals())
    def get_queues_legacy_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_queues_legacy``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_queues_legacy, locals())

    async def run_queue_command_legacy(self, name: QueueName, queue_command_dto: QueueCommandDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> QueueResponseLegacyDto:
        """Run jobs. Queue all assets for a specific job type. Defaults to only queueing assets that have not yet been processed, but the force command can be used to re-process all assets. (``PUT /jobs/{name}``, permission ``job.create``, deprecated)"""
        return await self._parsed(_run_queue_command_legacy, locals())
    async def run_queue_command_legacy_with_http_info(self, name: QueueName, queue_command_dto: QueueCommandDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[QueueResponseLegacyDto]:
        """``run_queue_command_legacy``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_run_queue_command_legacy, locals())
    def run_queue_command_legacy_without_preload_content(self, name: QueueName, queue_command_dto: QueueCommandDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``run_queue_command_legacy``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_run_queue_command_legacy, locals())
