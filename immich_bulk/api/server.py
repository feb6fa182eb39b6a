# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Server: Information about the current server deployment, including version and build information, available features, supported media types, and more."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        LicenseKeyDto,
        LicenseResponseDto,
        ServerAboutResponseDto,
        ServerApkLinksDto,
        ServerConfigDto,
        ServerFeaturesDto,
        ServerMediaTypesResponseDto,
        ServerPingResponse,
        ServerStatsResponseDto,
        ServerStorageResponseDto,
        ServerThemeDto,
        ServerVersionHistoryResponseDto,
        ServerVersionResponseDto,
        VersionCheckStateResponseDto,
    )

_delete_server_license = Op('deleteServerLicense', 'DELETE', '/server/license')
_get_about_info = Op('getAboutInfo', 'GET', '/server/about', returns='ServerAboutResponseDto')
_get_apk_links = Op('getApkLinks', 'GET', '/server/apk-links', returns='ServerApkLinksDto')
_get_server_config = Op('getServerConfig', 'GET', '/server/config', returns='ServerConfigDto')
_get_server_features = Op('getServerFeatures', 'GET', '/server/features', returns='ServerFeaturesDto')
_get_server_license = Op('getServerLicense', 'GET', '/server/license', returns='LicenseResponseDto')
_get_server_statistics = Op('getServerStatistics', 'GET', '/server/statistics', returns='ServerStatsResponseDto')
_get_server_version = Op('getServerVersion', 'GET', '/server/version', returns='ServerVersionResponseDto')
_get_storage = Op('getStorage', 'GET', '/server/storage', returns='ServerStorageResponseDto')
_get_supported_media_types = Op('getSupportedMediaTypes', 'GET', '/server/media-types', returns='ServerMediaTypesResponseDto')
_get_theme = Op('getTheme', 'GET', '/server/theme', returns='ServerThemeDto')
_get_version_check = Op('getVersionCheck', 'GET', '/server/version-check', returns='VersionCheckStateResponseDto')
_get_version_history = Op('getVersionHistory', 'GET', '/server/version-history', returns='[ServerVersionHistoryResponseDto]')
_ping_server = Op('pingServer', 'GET', '/server/ping', returns='ServerPingResponse')
_set_server_license = Op('setServerLicense', 'PUT', '/server/license', body=('license_key_dto', 'json'), returns='LicenseResponseDto')


class ServerApi(ApiGroup):
    """Server: Information about the current server deployment, including version and build
    information, available features, supported media types, and more.
    """

    async def delete_server_license(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete server product key. Delete the currently set server product key. (``DELETE /server/license``, permission ``serverLicense.delete``)"""
        return await self._parsed(_delete_server_license, locals())
    async def delete_server_license_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_server_license``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_server_license, locals())
    def delete_server_license_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_server_license``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_server_license, locals())

    async def get_about_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ServerAboutResponseDto:
        """Get server information. Retrieve a list of information about the server. (``GET /server/about``, permission ``server.about``)"""
        return await self._parsed(_get_about_info, locals())
    async def get_about_info_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ServerAboutResponseDto]:
        """``get_about_info``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_about_info, locals())
    def get_about_info_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_about_info``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_about_info, locals())

    async def get_apk_links(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ServerApkLinksDto:
        """Get APK links. Retrieve links to the APKs for the current server version. (``GET /server/apk-links``, permission ``server.apkLinks``)"""
        return await self._parsed(_get_apk_links, locals())
    async def get_apk_links_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ServerApkLinksDto]:
        """``get_apk_links``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_apk_links, locals())
    def get_apk_links_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_apk_links``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_apk_links, locals())

    async def get_server_config(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ServerConfigDto:
        """Get config. Retrieve the current server configuration. (``GET /server/config``)"""
        return await self._parsed(_get_server_config, locals())
    async def get_server_config_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ServerConfigDto]:
        """``get_server_config``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_server_config, locals())
    def get_server_config_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_server_config``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_server_config, locals())

    async def get_server_features(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ServerFeaturesDto:
        """Get features. Retrieve available features supported by this server. (``GET /server/features``)"""
        return await self._parsed(_get_server_features, locals())
    async def get_server_features_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ServerFeaturesDto]:
        """``get_server_features``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_server_features, locals())
    def get_server_features_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_server_features``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_server_features, locals())

    async def get_server_license(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> LicenseResponseDto:
        """Get product key. Retrieve information about whether the server currently has a product key registered. (``GET /server/license``, permission ``serverLicense.read``)"""
        return await self._parsed(_get_server_license, locals())
    async def get_server_license_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[LicenseResponseDto]:
        """``get_server_license``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_server_license, locals())
    def get_server_license_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_server_license``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_server_license, locals())

    async def get_server_statistics(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ServerStatsResponseDto:
        """Get statistics. Retrieve statistics about the entire Immich instance such as asset counts. (``GET /server/statistics``, permission ``server.statistics``)"""
        return await self._parsed(_get_server_statistics, locals())
    async def get_server_statistics_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ServerStatsResponseDto]:
        """``get_server_statistics``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_server_statistics, locals())
    def get_server_statistics_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_server_statistics``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_server_statistics, locals())

    async def get_server_version(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ServerVersionResponseDto:
        """Get server version. Retrieve the current server version in semantic versioning (semver) format. (``GET /server/version``)"""
        return await self._parsed(_get_server_version, locals())
    async def get_server_version_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ServerVersionResponseDto]:
        """``get_server_version``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_server_version, locals())
    def get_server_version_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_server_version``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_server_version, locals())

    async def get_storage(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ServerStorageResponseDto:
        """Get storage. Retrieve the current storage utilization information of the server. (``GET /server/storage``, permission ``server.storage``)"""
        return await self._parsed(_get_storage, locals())
    async def get_storage_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ServerStorageResponseDto]:
        """``get_storage``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_storage, locals())
    def get_storage_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_storage``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_storage, locals())

    async def get_supported_media_types(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ServerMediaTypesResponseDto:
        """Get supported media types. Retrieve all media types supported by the server. (``GET /server/media-types``)"""
        return await self._parsed(_get_supported_media_types, locals())
    async def get_supported_media_types_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ServerMediaTypesResponseDto]:
        """``get_supported_media_types``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_supported_media_types, locals())
    def get_supported_media_types_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_supported_media_types``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_supported_media_types, locals())

    async def get_theme(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ServerThemeDto:
        """Get theme. Retrieve the custom CSS, if existent. (``GET /server/theme``)"""
        return await self._parsed(_get_theme, locals())
    async def get_theme_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ServerThemeDto]:
        """``get_theme``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_theme, locals())
    def get_theme_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_theme``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_theme, locals())

    async def get_version_check(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> VersionCheckStateResponseDto:
        """Get version check status. Retrieve information about the last time the version check ran. (``GET /server/version-check``, permission ``server.versionCheck``)"""
        return await self._parsed(_get_version_check, locals())
    async def get_version_check_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[VersionCheckStateResponseDto]:
        """``get_version_check``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_version_check, locals())
    def get_version_check_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_version_check``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_version_check, locals())

    async def get_version_history(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[ServerVersionHistoryResponseDto]:
        """Get version history. Retrieve a list of past versions the server has been on. (``GET /server/version-history``)"""
        return await self._parsed(_get_version_history, locals())
    async def get_version_history_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[ServerVersionHistoryResponseDto]]:
        """``get_version_history``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_version_history, locals())
    def get_version_history_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_version_history``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_version_history, locals())

    async def ping_server(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ServerPingResponse:
        """Ping. Pong (``GET /server/ping``)"""
        return await self._parsed(_ping_server, locals())
    async def ping_server_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ServerPingResponse]:
        """``ping_server``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_ping_server, locals())
    def ping_server_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``ping_server``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_ping_server, locals())

    async def set_server_license(self, license_key_dto: LicenseKeyDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> LicenseResponseDto:
        """Set server product key. Validate and set the server product key if successful. (``PUT /server/license``, permission ``serverLicense.update``)"""
        return await self._parsed(_set_server_license, locals())
    async def set_server_license_with_http_info(self, license_key_dto: LicenseKeyDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[LicenseResponseDto]:
        """``set_server_license``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_set_server_license, locals())
    def set_server_license_without_preload_content(self, license_key_dto: LicenseKeyDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``set_server_license``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_set_server_license, locals())
