# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Users: Endpoints for viewing and updating the current users, including product key information, profile picture data, onboarding progress, and more."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        CreateProfileImageDto,
        CreateProfileImageResponseDto,
        LicenseKeyDto,
        LicenseResponseDto,
        OnboardingDto,
        OnboardingResponseDto,
        UserAdminResponseDto,
        UserPreferencesResponseDto,
        UserPreferencesUpdateDto,
        UserResponseDto,
        UserUpdateMeDto,
    )

_create_profile_image = Op('createProfileImage', 'POST', '/users/profile-image', body=('create_profile_image_dto', 'multipart'), returns='CreateProfileImageResponseDto')
_delete_profile_image = Op('deleteProfileImage', 'DELETE', '/users/profile-image')
_delete_user_license = Op('deleteUserLicense', 'DELETE', '/users/me/license')
_delete_user_onboarding = Op('deleteUserOnboarding', 'DELETE', '/users/me/onboarding')
_get_my_preferences = Op('getMyPreferences', 'GET', '/users/me/preferences', returns='UserPreferencesResponseDto')
_get_my_user = Op('getMyUser', 'GET', '/users/me', returns='UserAdminResponseDto')
_get_profile_image = Op('getProfileImage', 'GET', '/users/{id}/profile-image', path=('id',), returns='bytes')
_get_user = Op('getUser', 'GET', '/users/{id}', path=('id',), returns='UserResponseDto')
_get_user_license = Op('getUserLicense', 'GET', '/users/me/license', returns='LicenseResponseDto')
_get_user_onboarding = Op('getUserOnboarding', 'GET', '/users/me/onboarding', returns='OnboardingResponseDto')
_search_users = Op('searchUsers', 'GET', '/users', returns='[UserResponseDto]')
_set_user_license = Op('setUserLicense', 'PUT', '/users/me/license', body=('license_key_dto', 'json'), returns='LicenseResponseDto')
_set_user_onboarding = Op('setUserOnboarding', 'PUT', '/users/me/onboarding', body=('onboarding_dto', 'json'), returns='OnboardingResponseDto')
_update_my_preferences = Op('updateMyPreferences', 'PUT', '/users/me/preferences', body=('user_preferences_update_dto', 'json'), returns='UserPreferencesResponseDto')
_update_my_user = Op('updateMyUser', 'PUT', '/users/me', body=('user_update_me_dto', 'json'), returns='UserAdminResponseDto')


class UsersApi(ApiGroup):
    """Users: Endpoints for viewing and updating the current users, including product key
    information, profile picture data, onboarding progress, and more.
    """

    async def create_profile_image(self, create_profile_image_dto: CreateProfileImageDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> CreateProfileImageResponseDto:
        """Create user profile image. Upload and set a new profile image for the current user. (``POST /users/profile-image``, permission ``userProfileImage.update``)"""
        return await self._parsed(_create_profile_image, locals())
    async def create_profile_image_with_http_info(self, create_profile_image_dto: CreateProfileImageDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[CreateProfileImageResponseDto]:
        """``create_profile_image``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_profile_image, locals())
    def create_profile_image_without_preload_content(self, create_profile_image_dto: CreateProfileImageDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_profile_image``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_profile_image, locals())

    async def delete_profile_image(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete user profile image. Delete the profile image of the current user. (``DELETE /users/profile-image``, permission ``userProfileImage.delete``)"""
        return await self._parsed(_delete_profile_image, locals())
    async def delete_profile_image_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_profile_image``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_profile_image, locals())
    def delete_profile_image_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_profile_image``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_profile_image, locals())

    async def delete_user_license(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete user product key. Delete the registered product key for the current user. (``DELETE /users/me/license``, permission ``userLicense.delete``)"""
        return await self._parsed(_delete_user_license, locals())
    async def delete_user_license_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_user_license``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_user_license, locals())
    def delete_user_license_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_user_license``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_user_license, locals())

    async def delete_user_onboarding(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete user onboarding. Delete the onboarding status of the current user. (``DELETE /users/me/onboarding``, permission ``userOnboarding.delete``)"""
        return await self._parsed(_delete_user_onboarding, locals())
    async def delete_user_onboarding_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_user_onboarding``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_user_onboarding, locals())
    def delete_user_onboarding_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_user_onboarding``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_user_onboarding, locals())

    async def get_my_preferences(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserPreferencesResponseDto:
        """Get my preferences. Retrieve the preferences for the current user. (``GET /users/me/preferences``, permission ``userPreference.read``)"""
        return await self._parsed(_get_my_preferences, locals())
    async def get_my_preferences_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserPreferencesResponseDto]:
        """``get_my_preferences``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_my_preferences, locals())
    def get_my_preferences_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_my_preferences``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_my_preferences, locals())

    async def get_my_user(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserAdminResponseDto:
        """Get current user. Retrieve information about the user making the API request. (``GET /users/me``, permission ``user.read``)"""
        return await self._parsed(_get_my_user, locals())
    async def get_my_user_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserAdminResponseDto]:
        """``get_my_user``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_my_user, locals())
    def get_my_user_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_my_user``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_my_user, locals())

    async def get_profile_image(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> bytes:
        """Retrieve user profile image. Retrieve the profile image file for a user. (``GET /users/{id}/profile-image``, permission ``userProfileImage.read``)"""
        return await self._parsed(_get_profile_image, locals())
    async def get_profile_image_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[bytes]:
        """``get_profile_image``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_profile_image, locals())
    def get_profile_image_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_profile_image``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_profile_image, locals())

    async def get_user(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserResponseDto:
        """Retrieve a user. Retrieve a specific user by their ID. (``GET /users/{id}``, permission ``user.read``)"""
        return await self._parsed(_get_user, locals())
    async def get_user_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserResponseDto]:
        """``get_user``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_user, locals())
    def get_user_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_user``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_user, locals())

    async def get_user_license(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> LicenseResponseDto:
        """Retrieve user product key. Retrieve information about whether the current user has a registered product key. (``GET /users/me/license``, permission ``userLicense.read``)"""
        return await self._parsed(_get_user_license, locals())
    async def get_user_license_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[LicenseResponseDto]:
        """``get_user_license``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_user_license, locals())
    def get_user_license_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_user_license``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_user_license, locals())

    async def get_user_onboarding(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> OnboardingResponseDto:
        """Retrieve user onboarding. Retrieve the onboarding status of the current user. (``GET /users/me/onboarding``, permission ``userOnboarding.read``)"""
        return await self._parsed(_get_user_onboarding, locals())
    async def get_user_onboarding_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[OnboardingResponseDto]:
        """``get_user_onboarding``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_user_onboarding, locals())
    def get_user_onboarding_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_user_onboarding``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_user_onboarding, locals())

    async def search_users(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[UserResponseDto]:
        """Get all users. Retrieve a list of all users on the server. (``GET /users``, permission ``user.read``)"""
        return await self._parsed(_search_users, locals())
    async def search_users_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[UserResponseDto]]:
        """``search_users``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_search_users, locals())
    def search_users_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``search_users``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_search_users, locals())

    async def set_user_license(self, license_key_dto: LicenseKeyDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> LicenseResponseDto:
        """Set user product key. Register a product key for the current user. (``PUT /users/me/license``, permission ``userLicense.update``)"""
        return await self._parsed(_set_user_license, locals())
    async def set_user_license_with_http_info(self, license_key_dto: LicenseKeyDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[LicenseResponseDto]:
        """``set_user_license``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_set_user_license, locals())
    def set_user_license_without_preload_content(self, license_key_dto: LicenseKeyDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``set_user_license``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_set_user_license, locals())

    async def set_user_onboarding(self, onboarding_dto: OnboardingDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> OnboardingResponseDto:
        """Update user onboarding. Update the onboarding status of the current user. (``PUT /users/me/onboarding``, permission ``userOnboarding.update``)"""
        return await self._parsed(_set_user_onboarding, locals())
    async def set_user_onboarding_with_http_info(self, onboarding_dto: OnboardingDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[OnboardingResponseDto]:
        """``set_user_onboarding``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_set_user_onboarding, locals())
    def set_user_onboarding_without_preload_content(self, onboarding_dto: OnboardingDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``set_user_onboarding``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_set_user_onboarding, locals())

    async def update_my_preferences(self, user_preferences_update_dto: UserPreferencesUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserPreferencesResponseDto:
        """Update my preferences. Update the preferences of the current user. (``PUT /users/me/preferences``, permission ``userPreference.update``)"""
        return await self._parsed(_update_my_preferences, locals())
    async def update_my_preferences_with_http_info(self, user_preferences_update_dto: UserPreferencesUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserPreferencesResponseDto]:
        """``update_my_preferences``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_my_preferences, locals())
    def update_my_preferences_without_preload_content(self, user_preferences_update_dto: UserPreferencesUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_my_preferences``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_my_preferences, locals())

    async def update_my_user(self, user_update_me_dto: UserUpdateMeDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserAdminResponseDto:
        """Update current user. Update the current user making teh API request. (``PUT /users/me``, permission ``user.update``)"""
        return await self._parsed(_update_my_user, locals())
    async def update_my_user_with_http_info(self, user_update_me_dto: UserUpdateMeDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserAdminResponseDto]:
        """``update_my_user``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_my_user, locals())
    def update_my_user_without_preload_content(self, user_update_me_dto: UserUpdateMeDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_my_user``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_my_user, locals())
