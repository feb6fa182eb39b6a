# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""System config: Endpoints to view, modify, and validate the system configuration settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import SystemConfigDto, SystemConfigTemplateStorageOptionDto

_get_config = Op('getConfig', 'GET', '/system-config', returns='SystemConfigDto')
_get_config_defaults = Op('getConfigDefaults', 'GET', '/system-config/defaults', returns='SystemConfigDto')
_get_storage_template_options = Op('getStorageTemplateOptions', 'GET', '/system-config/storage-template-options', returns='SystemConfigTemplateStorageOptionDto')
_update_config = Op('updateConfig', 'PUT', '/system-config', body=('system_config_dto', 'json'), returns='SystemConfigDto')


class SystemConfigApi(ApiGroup):
    """System config: Endpoints to view, modify, and validate the system configuration
    settings.
    """

    async def get_config(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> SystemConfigDto:
        """Get system configuration. Retrieve the current system configuration. (``GET /system-config``, permission ``systemConfig.read``)"""
        return await self._parsed(_get_config, locals())
    async def get_config_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[SystemConfigDto]:
        """``get_config``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_config, locals())
    def get_config_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_config``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_config, locals())

    async def get_config_defaults(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> SystemConfigDto:
        """Get system configuration defaults. Retrieve the default values for the system configuration. (``GET /system-config/defaults``, permission ``systemConfig.read``)"""
        return await self._parsed(_get_config_defaults, locals())
    async def get_config_defaults_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[SystemConfigDto]:
        """``get_config_defaults``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_config_defaults, locals())
    def get_config_defaults_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_config_defaults``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_config_defaults, locals())

    async def get_storage_template_options(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> SystemConfigTemplateStorageOptionDto:
        """Get storage template options. Retrieve exemplary storage template options. (``GET /system-config/storage-template-options``, permission ``systemConfig.read``)"""
        return await self._parsed(_get_storage_template_options, locals())
    async def get_storage_template_options_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[SystemConfigTemplateStorageOptionDto]:
        """``get_storage_template_options``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_storage_template_options, locals())
    def get_storage_template_options_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_storage_template_options``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_storage_template_options, locals())

    async def update_config(self, system_config_dto: SystemConfigDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> SystemConfigDto:
        """Update system configuration. Update the system configuration with a new system configuration. (``PUT /system-config``, permission ``systemConfig.update``)"""
        return await self._parsed(_update_config, locals())
    async def update_config_with_http_info(self, system_config_dto: SystemConfigDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[SystemConfigDto]:
        """``update_config``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_config, locals())
    def update_config_without_preload_content(self, system_config_dto: SystemConfigDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_config``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_config, locals())
