# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Maintenance (admin): Maintenance mode allows you to put Immich in a read-only state to perform various operations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        MaintenanceAuthDto,
        MaintenanceDetectInstallResponseDto,
        MaintenanceLoginDto,
        MaintenanceStatusResponseDto,
        SetMaintenanceModeDto,
    )

_detect_prior_install = Op('detectPriorInstall', 'GET', '/admin/maintenance/detect-install', returns='MaintenanceDetectInstallResponseDto')
_get_maintenance_status = Op('getMaintenanceStatus', 'GET', '/admin/maintenance/status', returns='MaintenanceStatusResponseDto')
_maintenance_login = Op('maintenanceLogin', 'POST', '/admin/maintenance/login', body=('maintenance_login_dto', 'json'), returns='MaintenanceAuthDto')
_set_maintenance_mode = Op('setMaintenanceMode', 'POST', '/admin/maintenance', body=('set_maintenance_mode_dto', 'json'))


class MaintenanceAdminApi(ApiGroup):
    """Maintenance (admin): Maintenance mode allows you to put Immich in a read-only state to
    perform various operations.
    """

    async def detect_prior_install(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> MaintenanceDetectInstallResponseDto:
        """Detect existing install. Collect integrity checks and other heuristics about local data. (``GET /admin/maintenance/detect-install``, permission ``maintenance``)"""
        return await self._parsed(_detect_prior_install, locals())
    async def detect_prior_install_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[MaintenanceDetectInstallResponseDto]:
        """``detect_prior_install``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_detect_prior_install, locals())
    def detect_prior_install_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``detect_prior_install``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_detect_prior_install, locals())

    async def get_maintenance_status(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> MaintenanceStatusResponseDto:
        """Get maintenance mode status. Fetch information about the currently running maintenance action. (``GET /admin/maintenance/status``)"""
        return await self._parsed(_get_maintenance_status, locals())
    async def get_maintenance_status_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[MaintenanceStatusResponseDto]:
        """``get_maintenance_status``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_maintenance_status, locals())
    def get_maintenance_status_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_maintenance_status``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_maintenance_status, locals())

    async def maintenance_login(self, maintenance_login_dto: MaintenanceLoginDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> MaintenanceAuthDto:
        """Log into maintenance mode. Login with maintenance token or cookie to receive current information and perform further actions. (``POST /admin/maintenance/login``)"""
        return await self._parsed(_maintenance_login, locals())
    async def maintenance_login_with_http_info(self, maintenance_login_dto: MaintenanceLoginDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[MaintenanceAuthDto]:
        """``maintenance_login``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_maintenance_login, locals())
    def maintenance_login_without_preload_content(self, maintenance_login_dto: MaintenanceLoginDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``maintenance_login``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_maintenance_login, locals())

    async def set_maintenance_mode(self, set_maintenance_mode_dto: SetMaintenanceModeDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Set maintenance mode. Put Immich into or take it out of maintenance mode (``POST /admin/maintenance``, permission ``maintenance``)"""
        return await self._parsed(_set_maintenance_mode, locals())
    async def set_maintenance_mode_with_http_info(self, set_maintenance_mode_dto: SetMaintenanceModeDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``set_maintenance_mode``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_set_maintenance_mode, locals())
    def set_maintenance_mode_without_preload_content(self, set_maintenance_mode_dto: SetMaintenanceModeDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``set_maintenance_mode``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_set_maintenance_mode, locals())
