# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Notifications: A notification is a specialized message sent to users to inform them of important events. Currently, these notifications are only shown in the Immich web application."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        NotificationDeleteAllDto,
        NotificationDto,
        NotificationLevel,
        NotificationType,
        NotificationUpdateAllDto,
        NotificationUpdateDto,
    )

_delete_notification = Op('deleteNotification', 'DELETE', '/notifications/{id}', path=('id',))
_delete_notifications = Op('deleteNotifications', 'DELETE', '/notifications', body=('notification_delete_all_dto', 'json'))
_get_notification = Op('getNotification', 'GET', '/notifications/{id}', path=('id',), returns='NotificationDto')
_get_notifications = Op('getNotifications', 'GET', '/notifications', query=('id', 'level', 'type', 'unread'), returns='[NotificationDto]')
_update_notification = Op('updateNotification', 'PUT', '/notifications/{id}', path=('id',), body=('notification_update_dto', 'json'), returns='NotificationDto')
_update_notifications = Op('updateNotifications', 'PUT', '/notifications', body=('notification_update_all_dto', 'json'))


class NotificationsApi(ApiGroup):
    """Notifications: A notification is a specialized message sent to users to inform them of
    important events. Currently, these notifications are only shown in the Immich web
    application.
    """

    async def delete_notification(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete a notification. Delete a specific notification. (``DELETE /notifications/{id}``, permission ``notification.delete``)"""
        return await self._parsed(_delete_notification, locals())
    async def delete_notification_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_notification``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_notification, locals())
    def delete_notification_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_notification``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_notification, locals())

    async def delete_notifications(self, notification_delete_all_dto: NotificationDeleteAllDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete notifications. Delete a list of notifications at once. (``DELETE /notifications``, permission ``notification.delete``)"""
        return await self._parsed(_delete_notifications, locals())
    async def delete_notifications_with_http_info(self, notification_delete_all_dto: NotificationDeleteAllDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_notifications``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_notifications, locals())
    def delete_notifications_without_preload_content(self, notification_delete_all_dto: NotificationDeleteAllDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_notifications``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_notifications, locals())

    async def get_notification(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> NotificationDto:
        """Get a notification. Retrieve a specific notification identified by id. (``GET /notifications/{id}``, permission ``notification.read``)"""
        return await self._parsed(_get_notification, locals())
    async def get_notification_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[NotificationDto]:
        """``get_notification``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_notification, locals())
    def get_notification_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_notification``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_notification, locals())

    async def get_notifications(self, *, id: str | Unset = UNSET, level: NotificationLevel | Unset = UNSET, type: NotificationType | Unset = UNSET, unread: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[NotificationDto]:
        """Retrieve notifications. Retrieve a list of notifications. (``GET /notifications``, permission ``notification.read``)"""
        return await self._parsed(_get_notifications, locals())
    async def get_notifications_with_http_info(self, *, id: str | Unset = UNSET, level: NotificationLevel | Unset = UNSET, type: NotificationType | Unset = UNSET, unread: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[NotificationDto]]:
        """``get_notifications``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_notifications, locals())
    def get_notifications_without_preload_content(self, *, id: str | Unset = UNSET, level: NotificationLevel | Unset = UNSET, type: NotificationType | Unset = UNSET, unread: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_notifications``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_notifications, locals())

    async def update_notification(self, id: str, notification_update_dto: NotificationUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> NotificationDto:
        """Update a notification. Update a specific notification to set its read status. (``PUT /notifications/{id}``, permission ``notification.update``)"""
        return await self._parsed(_update_notification, locals())
    async def update_notification_with_http_info(self, id: str, notification_update_dto: NotificationUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[NotificationDto]:
        """``update_notification``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_notification, locals())
    def update_notification_without_preload_content(self, id: str, notification_update_dto: NotificationUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_notification``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_notification, locals())

    async def update_notifications(self, notification_update_all_dto: NotificationUpdateAllDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Update notifications. Update a list of notifications. Allows to bulk-set the read status of notifications. (``PUT /notifications``, permission ``notification.update``)"""
        return await self._parsed(_update_notifications, locals())
    async def update_notifications_with_http_info(self, notification_update_all_dto: NotificationUpdateAllDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``update_notifications``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_notifications, locals())
    def update_notifications_without_preload_content(self, notification_update_all_dto: NotificationUpdateAllDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_notifications``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_notifications, locals())
