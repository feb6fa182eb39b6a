# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Sessions: A session represents an authenticated login session for a user. Sessions also appear in the web application as "Authorized devices"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        SessionCreateDto,
        SessionCreateResponseDto,
        SessionResponseDto,
        SessionUpdateDto,
    )

_create_session = Op('createSession', 'POST', '/sessions', body=('session_create_dto', 'json'), returns='SessionCreateResponseDto')
_delete_all_sessions = Op('deleteAllSessions', 'DELETE', '/sessions')
_delete_session = Op('deleteSession', 'DELETE', '/sessions/{id}', path=('id',))
_get_sessions = Op('getSessions', 'GET', '/sessions', returns='[SessionResponseDto]')
_lock_session = Op('lockSession', 'POST', '/sessions/{id}/lock', path=('id',))
_update_session = Op('updateSession', 'PUT', '/sessions/{id}', path=('id',), body=('session_update_dto', 'json'), returns='SessionResponseDto')


class SessionsApi(ApiGroup):
    """Sessions: A session represents an authenticated login session for a user. Sessions
    also appear in the web application as "Authorized devices".
    """

    async def create_session(self, session_create_dto: SessionCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> SessionCreateResponseDto:
        """Create a session. Create a session as a child to the current session. This endpoint is used for casting. (``POST /sessions``, permission ``session.create``)"""
        return await self._parsed(_create_session, locals())
    async def create_session_with_http_info(self, session_create_dto: SessionCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[SessionCreateResponseDto]:
        """``create_session``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_session, locals())
    def create_session_without_preload_content(self, session_create_dto: SessionCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_session``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_session, locals())

    async def delete_all_sessions(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete all sessions. Delete all sessions for the user. This will not delete the current session. (``DELETE /sessions``, permission ``session.delete``)"""
        return await self._parsed(_delete_all_sessions, locals())
    async def delete_all_sessions_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_all_sessions``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_all_sessions, locals())
    def delete_all_sessions_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_all_sessions``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_all_sessions, locals())

    async def delete_session(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete a session. Delete a specific session by id. (``DELETE /sessions/{id}``, permission ``session.delete``)"""
        return await self._parsed(_delete_session, locals())
    async def delete_session_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_session``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_session, locals())
    def delete_session_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_session``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_session, locals())

    async def get_sessions(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[SessionResponseDto]:
        """Retrieve sessions. Retrieve a list of sessions for the user. (``GET /sessions``, permission ``session.read``)"""
        return await self._parsed(_get_sessions, locals())
    async def get_sessions_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[SessionResponseDto]]:
        """``get_sessions``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_sessions, locals())
    def get_sessions_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_sessions``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_sessions, locals())

    async def lock_session(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Lock a session. Lock a specific session by id. (``POST /sessions/{id}/lock``, permission ``session.lock``)"""
        return await self._parsed(_lock_session, locals())
    async def lock_session_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``lock_session``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_lock_session, locals())
    def lock_session_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``lock_session``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_lock_session, locals())

    async def update_session(self, id: str, session_update_dto: SessionUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> SessionResponseDto:
        """Update a session. Update a specific session identified by id. (``PUT /sessions/{id}``, permission ``session.update``)"""
        return await self._parsed(_update_session, locals())
    async def update_session_with_http_info(self, id: str, session_update_dto: SessionUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[SessionResponseDto]:
        """``update_session``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_session, locals())
    def update_session_without_preload_content(self, id: str, session_update_dto: SessionUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_session``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_session, locals())
