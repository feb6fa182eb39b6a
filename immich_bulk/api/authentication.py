# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Authentication: Endpoints related to user authentication, including OAuth."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        AuthStatusResponseDto,
        ChangePasswordDto,
        LoginCredentialDto,
        LoginResponseDto,
        LogoutResponseDto,
        OAuthAuthorizeResponseDto,
        OAuthCallbackDto,
        OAuthConfigDto,
        PinCodeChangeDto,
        PinCodeResetDto,
        PinCodeSetupDto,
        SessionUnlockDto,
        SignUpDto,
        UserAdminResponseDto,
        ValidateAccessTokenResponseDto,
    )

_change_password = Op('changePassword', 'POST', '/auth/change-password', body=('change_password_dto', 'json'), returns='UserAdminResponseDto')
_change_pin_code = Op('changePinCode', 'PUT', '/auth/pin-code', body=('pin_code_change_dto', 'json'))
_finish_o_auth = Op('finishOAuth', 'POST', '/oauth/callback', body=('o_auth_callback_dto', 'json'), returns='LoginResponseDto')
_get_auth_status = Op('getAuthStatus', 'GET', '/auth/status', returns='AuthStatusResponseDto')
_link_o_auth_account = Op('linkOAuthAccount', 'POST', '/oauth/link', body=('o_auth_callback_dto', 'json'), returns='UserAdminResponseDto')
_lock_auth_session = Op('lockAuthSession', 'POST', '/auth/session/lock')
_login = Op('login', 'POST', '/auth/login', body=('login_credential_dto', 'json'), returns='LoginResponseDto')
_logout = Op('logout', 'POST', '/auth/logout', returns='LogoutResponseDto')
_redirect_o_auth_to_mobile = Op('redirectOAuthToMobile', 'GET', '/oauth/mobile-redirect')
_reset_pin_code = Op('resetPinCode', 'DELETE', '/auth/pin-code', body=('pin_code_reset_dto', 'json'))
_setup_pin_code = Op('setupPinCode', 'POST', '/auth/pin-code', body=('pin_code_setup_dto', 'json'))
_sign_up_admin = Op('signUpAdmin', 'POST', '/auth/admin-sign-up', body=('sign_up_dto', 'json'), returns='UserAdminResponseDto')
_start_o_auth = Op('startOAuth', 'POST', '/oauth/authorize', body=('o_auth_config_dto', 'json'), returns='OAuthAuthorizeResponseDto')
_unlink_o_auth_account = Op('unlinkOAuthAccount', 'POST', '/oauth/unlink', returns='UserAdminResponseDto')
_unlock_auth_session = Op('unlockAuthSession', 'POST', '/auth/session/unlock', body=('session_unlock_dto', 'json'))
_validate_access_token = Op('validateAccessToken', 'POST', '/auth/validateToken', returns='ValidateAccessTokenResponseDto')


class AuthenticationApi(ApiGroup):
    """Authentication: Endpoints related to user authentication, including OAuth."""

    async def change_password(self, change_password_dto: ChangePasswordDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserAdminResponseDto:
        """Change password. Change the password of the current user. (``POST /auth/change-password``, permission ``auth.changePassword``)"""
        return await self._parsed(_change_password, locals())
    async def change_password_with_http_info(self, change_password_dto: ChangePasswordDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserAdminResponseDto]:
        """``change_password``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_change_password, locals())
    def change_password_without_preload_content(self, change_password_dto: ChangePasswordDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``change_password``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_change_password, locals())

    async def change_pin_code(self, pin_code_change_dto: PinCodeChangeDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Change pin code. Change the pin code for the current user. (``PUT /auth/pin-code``, permission ``pinCode.update``)"""
        return await self._parsed(_change_pin_code, locals())
    async def change_pin_code_with_http_info(self, pin_code_change_dto: PinCodeChangeDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``change_pin_code``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_change_pin_code, locals())
    def change_pin_code_without_preload_content(self, pin_code_change_dto: PinCodeChangeDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``change_pin_code``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_change_pin_code, locals())

    async def finish_o_auth(self, o_auth_callback_dto: OAuthCallbackDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> LoginResponseDto:
        """Finish OAuth. Complete the OAuth authorization process by exchanging the authorization code for a session token. (``POST /oauth/callback``)"""
        return await self._parsed(_finish_o_auth, locals())
    async def finish_o_auth_with_http_info(self, o_auth_callback_dto: OAuthCallbackDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[LoginResponseDto]:
        """``finish_o_auth``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_finish_o_auth, locals())
    def finish_o_auth_without_preload_content(self, o_auth_callback_dto: OAuthCallbackDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``finish_o_auth``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_finish_o_auth, locals())

    async def get_auth_status(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AuthStatusResponseDto:
        """Retrieve auth status. Get information about the current session, including whether the user has a password, and if the session can access locked assets. (``GET /auth/status``)"""
        return await self._parsed(_get_auth_status, locals())
    async def get_auth_status_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AuthStatusResponseDto]:
        """``get_auth_status``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_auth_status, locals())
    def get_auth_status_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_auth_status``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_auth_status, locals())

    async def link_o_auth_account(self, o_auth_callback_dto: OAuthCallbackDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserAdminResponseDto:
        """Link OAuth account. Link an OAuth account to the authenticated user. (``POST /oauth/link``)"""
        return await self._parsed(_link_o_auth_account, locals())
    async def link_o_auth_account_with_http_info(self, o_auth_callback_dto: OAuthCallbackDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserAdminResponseDto]:
        """``link_o_auth_account``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_link_o_auth_account, locals())
    def link_o_auth_account_without_preload_content(self, o_auth_callback_dto: OAuthCallbackDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``link_o_auth_account``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_link_o_auth_account, locals())

    async def lock_auth_session(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Lock auth session. Remove elevated access to locked assets from the current session. (``POST /auth/session/lock``)"""
        return await self._parsed(_lock_auth_session, locals())
    async def lock_auth_session_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``lock_auth_session``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_lock_auth_session, locals())
    def lock_auth_session_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``lock_auth_session``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_lock_auth_session, locals())

    async def login(self, login_credential_dto: LoginCredentialDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> LoginResponseDto:
        """Login. Login with username and password and receive a session token. (``POST /auth/login``)"""
        return await self._parsed(_login, locals())
    async def login_with_http_info(self, login_credential_dto: LoginCredentialDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[LoginResponseDto]:
        """``login``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_login, locals())
    def login_without_preload_content(self, login_credential_dto: LoginCredentialDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``login``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_login, locals())

    async def logout(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> LogoutResponseDto:
        """Logout. Logout the current user and invalidate the session token. (``POST /auth/logout``)"""
        return await self._parsed(_logout, locals())
    async def logout_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[LogoutResponseDto]:
        """``logout``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_logout, locals())
    def logout_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``logout``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_logout, locals())

    async def redirect_o_auth_to_mobile(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Redirect OAuth to mobile. Requests to this URL are automatically forwarded to the mobile app, and is used in some cases for OAuth redirecting. (``GET /oauth/mobile-redirect``)"""
        return await self._parsed(_redirect_o_auth_to_mobile, locals())
    async def redirect_o_auth_to_mobile_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``redirect_o_auth_to_mobile``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_redirect_o_auth_to_mobile, locals())
    def redirect_o_auth_to_mobile_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``redirect_o_auth_to_mobile``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_redirect_o_auth_to_mobile, locals())

    async def reset_pin_code(self, pin_code_reset_dto: PinCodeResetDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Reset pin code. Reset the pin code for the current user by providing the account password (``DELETE /auth/pin-code``, permission ``pinCode.delete``)"""
        return await self._parsed(_reset_pin_code, locals())
    async def reset_pin_code_with_http_info(self, pin_code_reset_dto: PinCodeResetDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``reset_pin_code``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_reset_pin_code, locals())
    def reset_pin_code_without_preload_content(self, pin_code_reset_dto: PinCodeResetDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``reset_pin_code``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_reset_pin_code, locals())

    async def setup_pin_code(self, pin_code_setup_dto: PinCodeSetupDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Setup pin code. Setup a new pin code for the current user. (``POST /auth/pin-code``, permission ``pinCode.create``)"""
        return await self._parsed(_setup_pin_code, locals())
    async def setup_pin_code_with_http_info(self, pin_code_setup_dto: PinCodeSetupDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``setup_pin_code``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_setup_pin_code, locals())
    def setup_pin_code_without_preload_content(self, pin_code_setup_dto: PinCodeSetupDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``setup_pin_code``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_setup_pin_code, locals())

    async def sign_up_admin(self, sign_up_dto: SignUpDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserAdminResponseDto:
        """Register admin. Create the first admin user in the system. (``POST /auth/admin-sign-up``)"""
        return await self._parsed(_sign_up_admin, locals())
    async def sign_up_admin_with_http_info(self, sign_up_dto: SignUpDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserAdminResponseDto]:
        """``sign_up_admin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_sign_up_admin, locals())
    def sign_up_admin_without_preload_content(self, sign_up_dto: SignUpDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``sign_up_admin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_sign_up_admin, locals())

    async def start_o_auth(self, o_auth_config_dto: OAuthConfigDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> OAuthAuthorizeResponseDto:
        """Start OAuth. Initiate the OAuth authorization process. (``POST /oauth/authorize``)"""
        return await self._parsed(_start_o_auth, locals())
    async def start_o_auth_with_http_info(self, o_auth_config_dto: OAuthConfigDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[OAuthAuthorizeResponseDto]:
        """``start_o_auth``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_start_o_auth, locals())
    def start_o_auth_without_preload_content(self, o_auth_config_dto: OAuthConfigDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``start_o_auth``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_start_o_auth, locals())

    async def unlink_o_auth_account(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> UserAdminResponseDto:
        """Unlink OAuth account. Unlink the OAuth account from the authenticated user. (``POST /oauth/unlink``)"""
        return await self._parsed(_unlink_o_auth_account, locals())
    async def unlink_o_auth_account_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[UserAdminResponseDto]:
        """``unlink_o_auth_account``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_unlink_o_auth_account, locals())
    def unlink_o_auth_account_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``unlink_o_auth_account``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_unlink_o_auth_account, locals())

    async def unlock_auth_session(self, session_unlock_dto: SessionUnlockDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Unlock auth session. Temporarily grant the session elevated access to locked assets by providing the correct PIN code. (``POST /auth/session/unlock``)"""
        return await self._parsed(_unlock_auth_session, locals())
    async def unlock_auth_session_with_http_info(self, session_unlock_dto: SessionUnlockDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``unlock_auth_session``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_unlock_auth_session, locals())
    def unlock_auth_session_without_preload_content(self, session_unlock_dto: SessionUnlockDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``unlock_auth_session``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_unlock_auth_session, locals())

    async def validate_access_token(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ValidateAccessTokenResponseDto:
        """Validate access token. Validate the current authorization method is still valid. (``POST /auth/validateToken``)"""
        return await self._parsed(_validate_access_token, locals())
    async def validate_access_token_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ValidateAccessTokenResponseDto]:
        """``validate_access_token``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_validate_access_token, locals())
    def validate_access_token_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``validate_access_token``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_validate_access_token, locals())
