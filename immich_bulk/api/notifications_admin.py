# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Notifications (admin): Notification administrative endpoints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        NotificationCreateDto,
        NotificationDto,
        SystemConfigSmtpDto,
        TemplateDto,
        TemplateResponseDto,
        TestEmailResponseDto,
    )

_create_notification = Op('createNotification', 'POST', '/admin/notifications', body=('notification_create_dto', 'json'), returns='NotificationDto')
_get_notification_template_admin = Op('getNotificationTemplateAdmin', 'POST', '/admin/notifications/templates/{name}', path=('name',), body=('template_dto', 'json'), returns='TemplateResponseDto')
_send_test_email_admin = Op('sendTestEmailAdmin', 'POST', '/admin/notifications/test-email', body=('system_config_smtp_dto', 'json'), returns='TestEmailResponseDto')


class NotificationsAdminApi(ApiGroup):
    """Notifications (admin): Notification administrative endpoints."""

    async def create_notification(self, notification_create_dto: NotificationCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> NotificationDto:
        """Create a notification. Create a new notification for a specific user. (``POST /admin/notifications``)"""
        return await self._parsed(_create_notification, locals())
    async def create_notification_with_http_info(self, notification_create_dto: NotificationCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[NotificationDto]:
        """``create_notification``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_notification, locals())
    def create_notification_without_preload_content(self, notification_create_dto: NotificationCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_notification``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_notification, locals())

    async def get_notification_template_admin(self, name: str, template_dto: TemplateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> TemplateResponseDto:
        """Render email template. Retrieve a preview of the provided email template. (``POST /admin/notifications/templates/{name}``)"""
        return await self._parsed(_get_notification_template_admin, locals())
    async def get_notification_template_admin_with_http_info(self, name: str, template_dto: TemplateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[TemplateResponseDto]:
        """``get_notification_template_admin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_notification_template_admin, locals())
    def get_notification_template_admin_without_preload_content(self, name: str, template_dto: TemplateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_notification_template_admin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_notification_template_admin, locals())

    async def send_test_email_admin(self, system_config_smtp_dto: SystemConfigSmtpDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> TestEmailResponseDto:
        """Send test email. Send a test email using the provided SMTP configuration. (``POST /admin/notifications/test-email``)"""
        return await self._parsed(_send_test_email_admin, locals())
    async def send_test_email_admin_with_http_info(self, system_config_smtp_dto: SystemConfigSmtpDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[TestEmailResponseDto]:
        """``send_test_email_admin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_send_test_email_admin, locals())
    def send_test_email_admin_without_preload_content(self, system_config_smtp_dto: SystemConfigSmtpDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``send_test_email_admin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_send_test_email_admin, locals())
