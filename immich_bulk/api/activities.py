# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Activities: An activity is a like or a comment made by a user on an asset or album."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        ActivityCreateDto,
        ActivityResponseDto,
        ActivityStatisticsResponseDto,
        ReactionLevel,
        ReactionType,
    )

_create_activity = Op('createActivity', 'POST', '/activities', body=('activity_create_dto', 'json'), returns='ActivityResponseDto')
_delete_activity = Op('deleteActivity', 'DELETE', '/activities/{id}', path=('id',))
_get_activities = Op('getActivities', 'GET', '/activities', query=('albumId', 'assetId', 'level', 'type', 'userId'), returns='[ActivityResponseDto]')
_get_activity_statistics = Op('getActivityStatistics', 'GET', '/activities/statistics', query=('albumId', 'assetId'), returns='ActivityStatisticsResponseDto')


class ActivitiesApi(ApiGroup):
    """Activities: An activity is a like or a comment made by a user on an asset or album."""

    async def create_activity(self, activity_create_dto: ActivityCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ActivityResponseDto:
        """Create an activity. Create a like or a comment for an album, or an asset in an album. (``POST /activities``, permission ``activity.create``)"""
        return await self._parsed(_create_activity, locals())
    async def create_activity_with_http_info(self, activity_create_dto: ActivityCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ActivityResponseDto]:
        """``create_activity``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_activity, locals())
    def create_activity_without_preload_content(self, activity_create_dto: ActivityCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_activity``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_activity, locals())

    async def delete_activity(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete an activity. Removes a like or comment from a given album or asset in an album. (``DELETE /activities/{id}``, permission ``activity.delete``)"""
        return await self._parsed(_delete_activity, locals())
    async def delete_activity_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_activity``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_activity, locals())
    def delete_activity_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_activity``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_activity, locals())

    async def get_activities(self, *, album_id: str, asset_id: str | Unset = UNSET, level: ReactionLevel | Unset = UNSET, type: ReactionType | Unset = UNSET, user_id: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[ActivityResponseDto]:
        """List all activities. Returns a list of activities for the selected asset or album. The activities are returned in sorted order, with the oldest activities appearing first. (``GET /activities``, permission ``activity.read``)"""
        return await self._parsed(_get_activities, locals())
    async def get_activities_with_http_info(self, *, album_id: str, asset_id: str | Unset = UNSET, level: ReactionLevel | Unset = UNSET, type: ReactionType | Unset = UNSET, user_id: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[ActivityResponseDto]]:
        """``get_activities``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_activities, locals())
    def get_activities_without_preload_content(self, *, album_id: str, asset_id: str | Unset = UNSET, level: ReactionLevel | Unset = UNSET, type: ReactionType | Unset = UNSET, user_id: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_activities``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_activities, locals())

    async def get_activity_statistics(self, *, album_id: str, asset_id: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ActivityStatisticsResponseDto:
        """Retrieve activity statistics. Returns the number of likes and comments for a given album or asset in an album. (``GET /activities/statistics``, permission ``activity.statistics``)"""
        return await self._parsed(_get_activity_statistics, locals())
    async def get_activity_statistics_with_http_info(self, *, album_id: str, asset_id: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ActivityStatisticsResponseDto]:
        """``get_activity_statistics``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_activity_statistics, locals())
    def get_activity_statistics_without_preload_content(self, *, album_id: str, asset_id: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_activity_statistics``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_activity_statistics, locals())
