# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Workflows: A workflow is a set of actions that run whenever a triggering event occurs. Workflows also can include filters to further limit execution."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import WorkflowCreateDto, WorkflowResponseDto, WorkflowUpdateDto

_create_workflow = Op('createWorkflow', 'POST', '/workflows', body=('workflow_create_dto', 'json'), returns='WorkflowResponseDto')
_delete_workflow = Op('deleteWorkflow', 'DELETE', '/workflows/{id}', path=('id',))
_get_workflow = Op('getWorkflow', 'GET', '/workflows/{id}', path=('id',), returns='WorkflowResponseDto')
_get_workflows = Op('getWorkflows', 'GET', '/workflows', returns='[WorkflowResponseDto]')
_update_workflow = Op('updateWorkflow', 'PUT', '/workflows/{id}', path=('id',), body=('workflow_update_dto', 'json'), returns='WorkflowResponseDto')


class WorkflowsApi(ApiGroup):
    """Workflows: A workflow is a set of actions that run whenever a triggering event occurs.
    Workflows also can include filters to further limit execution.
    """

    async def create_workflow(self, workflow_create_dto: WorkflowCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> WorkflowResponseDto:
        """Create a workflow. Create a new workflow, the workflow can also be created with empty filters and actions. (``POST /workflows``, permission ``workflow.create``)"""
        return await self._parsed(_create_workflow, locals())
    async def create_workflow_with_http_info(self, workflow_create_dto: WorkflowCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[WorkflowResponseDto]:
        """``create_workflow``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_workflow, locals())
    def create_workflow_without_preload_content(self, workflow_create_dto: WorkflowCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_workflow``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_workflow, locals())

    async def delete_workflow(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete a workflow. Delete a workflow by its ID. (``DELETE /workflows/{id}``, permission ``workflow.delete``)"""
        return await self._parsed(_delete_workflow, locals())
    async def delete_workflow_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_workflow``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_workflow, locals())
    def delete_workflow_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_workflow``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_workflow, locals())

    async def get_workflow(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> WorkflowResponseDto:
        """Retrieve a workflow. Retrieve information about a specific workflow by its ID. (``GET /workflows/{id}``, permission ``workflow.read``)"""
        return await self._parsed(_get_workflow, locals())
    async def get_workflow_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[WorkflowResponseDto]:
        """``get_workflow``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_workflow, locals())
    def get_workflow_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_workflow``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_workflow, locals())

    async def get_workflows(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[WorkflowResponseDto]:
        """List all workflows. Retrieve a list of workflows available to the authenticated user. (``GET /workflows``, permission ``workflow.read``)"""
        return await self._parsed(_get_workflows, locals())
    async def get_workflows_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[WorkflowResponseDto]]:
        """``get_workflows``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_workflows, locals())
    def get_workflows_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_workflows``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_workflows, locals())

    async def update_workflow(self, id: str, workflow_update_dto: WorkflowUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> WorkflowResponseDto:
        """Update a workflow. Update the information of a specific workflow by its ID. This endpoint can be used to update the workflow name, description, trigger type, filters and actions order, etc. (``PUT /workflows/{id}``, permission ``workflow.update``)"""
        return await self._parsed(_update_workflow, locals())
    async def update_workflow_with_http_info(self, id: str, workflow_update_dto: WorkflowUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[WorkflowResponseDto]:
        """``update_workflow``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_workflow, locals())
    def update_workflow_without_preload_content(self, id: str, workflow_update_dto: WorkflowUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_workflow``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_workflow, locals())
