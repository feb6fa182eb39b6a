# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Users (admin): Administrative endpoints for managing users, including creating, updating, deleting, and restoring users. Also includes endpoints for resetting passwords and PIN codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        AssetStatsResponseDto,
        AssetVisibility,
        SessionResponseDto,
        UserAdminCreateDto,
        UserAdminDeleteDto,
        UserAdminResponseDto,
        UserAdminUpdateDto,
        UserPreferencesResponseDto,
        UserPreferencesUpdateDto,
    )

_create_user_admin = Op('createUserAdmin', 'POST', '/admin/users', body=('user_admin_create_dto', 'json'), returns='UserAdminResponseDto')
_delete_user_admin = Op('deleteUserAdmin', 'DELETE', '/admin/users/{id}', path=('id',), body=('user_admin_delete_dto', 'json'), returns='UserAdminResponseDto')
_get_user_admin = Op('getUserAdmin', 'GET', '/admin/users/{id}', path=('id',), returns='UserAdminResponseDto')
_get_user_preferences_admin = Op('getUserPreferencesAdmin', 'GET', '/admin/users/{id}/preferences', path=('id',), returns='UserPreferencesResponseDto')
_get_user_sessions_admin = Op('getUserSessionsAdmin', 'GET', '/admin/users/{id}/sessions', path=('id',), returns='[SessionResponseDto]')
_get_user_statistics_admin = Op('getUserStatisticsAdmin', 'GET', '/admin/users/{id}/statistics', path=('id',), query=('isFavorite', 'isTrashed', 'visibility'), returns='AssetStatsResponseDto')
_restore_user_admin = Op('restoreUserAdmin', 'POST', '/admin/users/{id}/restore', path=('id',), returns='UserAdminResponseDto')
_search_users_admin = Op('searchUsersAdmin', 'GET', '/admin/users', query=('id', 'withDeleted'), returns='[UserAdminResponseDto]')
_update_user_admin = Op('updateUserAdmin', 'PUT', '/admin/users/{id}', path=('id',), body=('user_admin_update_dto', 'json'), returns='UserAdminResponseDto')
_update_user_preferences_admin = Op('updateUserPreferencesAdmin', 'PUT', '/admin/users/{id}/preferences', path=('id',), body=('user_preferences_update_dto', 'json'), returns='UserPreferencesResponseDto')


class UsersAdminApi(ApiGroup):
    """Users (admin): Administrative endpoints for managing users, including creating,
    updating, deleting, and restoring users. Also includes endpoints for resetting
    passwords and PIN codes.
    """

    async def create_user_admin(self, user_admin_create_dto: UserAdminCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserAdminResponseDto:
        """Create a user. Create a new user. (``POST /admin/users``, permission ``adminUser.create``)"""
        return await self._parsed(_create_user_admin, locals())
    async def create_user_admin_with_http_info(self, user_admin_create_dto: UserAdminCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserAdminResponseDto]:
        """``create_user_admin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_user_admin, locals())
    def create_user_admin_without_preload_content(self, user_admin_create_dto: UserAdminCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_user_admin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_user_admin, locals())

    async def delete_user_admin(self, id: str, user_admin_delete_dto: UserAdminDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserAdminResponseDto:
        """Delete a user. (``DELETE /admin/users/{id}``, permission ``adminUser.delete``)"""
        return await self._parsed(_delete_user_admin, locals())
    async def delete_user_admin_with_http_info(self, id: str, user_admin_delete_dto: UserAdminDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserAdminResponseDto]:
        """``delete_user_admin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_user_admin, locals())
    def delete_user_admin_without_preload_content(self, id: str, user_admin_delete_dto: UserAdminDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_user_admin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_user_admin, locals())

    async def get_user_admin(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserAdminResponseDto:
        """Retrieve a user. Retrieve a specific user by their ID. (``GET /admin/users/{id}``, permission ``adminUser.read``)"""
        return await self._parsed(_get_user_admin, locals())
    async def get_user_admin_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserAdminResponseDto]:
        """``get_user_admin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_user_admin, locals())
    def get_user_admin_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_user_admin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_user_admin, locals())

    async def get_user_preferences_admin(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserPreferencesResponseDto:
        """Retrieve user preferences. Retrieve the preferences of a specific user. (``GET /admin/users/{id}/preferences``, permission ``adminUser.read``)"""
        return await self._parsed(_get_user_preferences_admin, locals())
    async def get_user_preferences_admin_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserPreferencesResponseDto]:
        """``get_user_preferences_admin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_user_preferences_admin, locals())
    def get_user_preferences_admin_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_user_preferences_admin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_user_preferences_admin, locals())

    async def get_user_sessions_admin(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[SessionResponseDto]:
        """Retrieve user sessions. Retrieve all sessions for a specific user. (``GET /admin/users/{id}/sessions``, permission ``adminSession.read``)"""
        return await self._parsed(_get_user_sessions_admin, locals())
    async def get_user_sessions_admin_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[SessionResponseDto]]:
        """``get_user_sessions_admin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_user_sessions_admin, locals())
    def get_user_sessions_admin_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_user_sessions_admin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_user_sessions_admin, locals())

    async def get_user_statistics_admin(self, id: str, *, is_favorite: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AssetStatsResponseDto:
        """Retrieve user statistics. Retrieve asset statistics for a specific user. (``GET /admin/users/{id}/statistics``, permission ``adminUser.read``)"""
        return await self._parsed(_get_user_statistics_admin, locals())
    async def get_user_statistics_admin_with_http_info(self, id: str, *, is_favorite: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AssetStatsResponseDto]:
        """``get_user_statistics_admin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_user_statistics_admin, locals())
    def get_user_statistics_admin_without_preload_content(self, id: str, *, is_favorite: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_user_statistics_admin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_user_statistics_admin, locals())

    async def restore_user_admin(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserAdminResponseDto:
        """Restore a deleted user. Restore a previously deleted user. (``POST /admin/users/{id}/restore``, permission ``adminUser.delete``)"""
        return await self._parsed(_restore_user_admin, locals())
    async def restore_user_admin_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserAdminResponseDto]:
        """``restore_user_admin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_restore_user_admin, locals())
    def restore_user_admin_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``restore_user_admin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_restore_user_admin, locals())

    async def search_users_admin(self, *, id: str | Unset = UNSET, with_deleted: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[UserAdminResponseDto]:
        """Search users. Search for users. (``GET /admin/users``, permission ``adminUser.read``)"""
        return await self._parsed(_search_users_admin, locals())
    async def search_users_admin_with_http_info(self, *, id: str | Unset = UNSET, with_deleted: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[UserAdminResponseDto]]:
        """``search_users_admin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_search_users_admin, locals())
    def search_users_admin_without_preload_content(self, *, id: str | Unset = UNSET, with_deleted: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``search_users_admin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_search_users_admin, locals())

    async def update_user_admin(self, id: str, user_admin_update_dto: UserAdminUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserAdminResponseDto:
        """Update a user. Update an existing user. (``PUT /admin/users/{id}``, permission ``adminUser.update``)"""
        return await self._parsed(_update_user_admin, locals())
    async def update_user_admin_with_http_info(self, id: str, user_admin_update_dto: UserAdminUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserAdminResponseDto]:
        """``update_user_admin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_user_admin, locals())
    def update_user_admin_without_preload_content(self, id: str, user_admin_update_dto: UserAdminUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_user_admin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_user_admin, locals())

    async def update_user_preferences_admin(self, id: str, user_preferences_update_dto: UserPreferencesUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserPreferencesResponseDto:
        """Update user preferences. Update the preferences of a specific user. (``PUT /admin/users/{id}/preferences``, permission ``adminUser.update``)"""
        return await self._parsed(_update_user_preferences_admin, locals())
    async def update_user_preferences_admin_with_http_info(self, id: str, user_preferences_update_dto: UserPreferencesUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserPreferencesResponseDto]:
        """``update_user_preferences_admin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_user_preferences_admin, locals())
    def update_user_preferences_admin_without_preload_content(self, id: str, user_preferences_update_dto: UserPreferencesUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_user_preferences_admin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_user_preferences_admin, locals())
