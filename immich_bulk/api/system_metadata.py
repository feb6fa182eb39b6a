# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""System metadata: Endpoints to view, modify, and validate the system metadata, which includes information about things like admin onboarding status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        AdminOnboardingUpdateDto,
        ReverseGeocodingStateResponseDto,
        VersionCheckStateResponseDto,
    )

_get_admin_onboarding = Op('getAdminOnboarding', 'GET', '/system-metadata/admin-onboarding', returns='AdminOnboardingUpdateDto')
_get_reverse_geocoding_state = Op('getReverseGeocodingState', 'GET', '/system-metadata/reverse-geocoding-state', returns='ReverseGeocodingStateResponseDto')
_get_version_check_state = Op('getVersionCheckState', 'GET', '/system-metadata/version-check-state', returns='VersionCheckStateResponseDto')
_update_admin_onboarding = Op('updateAdminOnboarding', 'POST', '/system-metadata/admin-onboarding', body=('admin_onboarding_update_dto', 'json'))


class SystemMetadataApi(ApiGroup):
    """System metadata: Endpoints to view, modify, and validate the system metadata, which
    includes information about things like admin onboarding status.
    """

    async def get_admin_onboarding(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AdminOnboardingUpdateDto:
        """Retrieve admin onboarding. Retrieve the current admin onboarding status. (``GET /system-metadata/admin-onboarding``, permission ``systemMetadata.read``)"""
        return await self._parsed(_get_admin_onboarding, locals())
    async def get_admin_onboarding_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AdminOnboardingUpdateDto]:
        """``get_admin_onboarding``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_admin_onboarding, locals())
    def get_admin_onboarding_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_admin_onboarding``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_admin_onboarding, locals())

    async def get_reverse_geocoding_state(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ReverseGeocodingStateResponseDto:
        """Retrieve reverse geocoding state. Retrieve the current state of the reverse geocoding import. (``GET /system-metadata/reverse-geocoding-state``, permission ``systemMetadata.read``)"""
        return await self._parsed(_get_reverse_geocoding_state, locals())
    async def get_reverse_geocoding_state_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ReverseGeocodingStateResponseDto]:
        """``get_reverse_geocoding_state``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_reverse_geocoding_state, locals())
    def get_reverse_geocoding_state_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_reverse_geocoding_state``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_reverse_geocoding_state, locals())

    async def get_version_check_state(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> VersionCheckStateResponseDto:
        """Retrieve version check state. Retrieve the current state of the version check process. (``GET /system-metadata/version-check-state``, permission ``systemMetadata.read``)"""
        return await self._parsed(_get_version_check_state, locals())
    async def get_version_check_state_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[VersionCheckStateResponseDto]:
        """``get_version_check_state``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_version_check_state, locals())
    def get_version_check_state_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_version_check_state``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_version_check_state, locals())

    async def update_admin_onboarding(self, admin_onboarding_update_dto: AdminOnboardingUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Update admin onboarding. Update the admin onboarding status. (``POST /system-metadata/admin-onboarding``, permission ``systemMetadata.update``)"""
        return await self._parsed(_update_admin_onboarding, locals())
    async def update_admin_onboarding_with_http_info(self, admin_onboarding_update_dto: AdminOnboardingUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``update_admin_onboarding``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_admin_onboarding, locals())
    def update_admin_onboarding_without_preload_content(self, admin_onboarding_update_dto: AdminOnboardingUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_admin_onboarding``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_admin_onboarding, locals())
