# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Plugins: A plugin is an installed module that makes filters and actions available for the workflow feature."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import PluginResponseDto, PluginTriggerResponseDto

_get_plugin = Op('getPlugin', 'GET', '/plugins/{id}', path=('id',), returns='PluginResponseDto')
_get_plugin_triggers = Op('getPluginTriggers', 'GET', '/plugins/triggers', returns='[PluginTriggerResponseDto]')
_get_plugins = Op('getPlugins', 'GET', '/plugins', returns='[PluginResponseDto]')


class PluginsApi(ApiGroup):
    """Plugins: A plugin is an installed module that makes filters and actions available for
    the workflow feature.
    """

    async def get_plugin(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> PluginResponseDto:
        """Retrieve a plugin. Retrieve information about a specific plugin by its ID. (``GET /plugins/{id}``, permission ``plugin.read``)"""
        return await self._parsed(_get_plugin, locals())
    async def get_plugin_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[PluginResponseDto]:
        """``get_plugin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_plugin, locals())
    def get_plugin_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_plugin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_plugin, locals())

    async def get_plugin_triggers(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[PluginTriggerResponseDto]:
        """List all plugin triggers. Retrieve a list of all available plugin triggers. (``GET /plugins/triggers``, permission ``plugin.read``)"""
        return await self._parsed(_get_plugin_triggers, locals())
    async def get_plugin_triggers_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[PluginTriggerResponseDto]]:
        """``get_plugin_triggers``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_plugin_triggers, locals())
    def get_plugin_triggers_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_plugin_triggers``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_plugin_triggers, locals())

    async def get_plugins(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[PluginResponseDto]:
        """List all plugins. Retrieve a list of plugins available to the authenticated user. (``GET /plugins``, permission ``plugin.read``)"""
        return await self._parsed(_get_plugins, locals())
    async def get_plugins_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[PluginResponseDto]]:
        """``get_plugins``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_plugins, locals())
    def get_plugins_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_plugins``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_plugins, locals())
