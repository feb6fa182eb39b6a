# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Authentication (admin): Administrative endpoints related to authentication."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse

_unlink_all_o_auth_accounts_admin = Op('unlinkAllOAuthAccountsAdmin', 'POST', '/admin/auth/unlink-all')


class AuthenticationAdminApi(ApiGroup):
    """Authentication (admin): Administrative endpoints related to authentication."""

    async def unlink_all_o_auth_accounts_admin(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Unlink all OAuth accounts. Unlinks all OAuth accounts associated with user accounts in the system. (``POST /admin/auth/unlink-all``, permission ``adminAuth.unlinkAll``)"""
        return await self._parsed(_unlink_all_o_auth_accounts_admin, locals())
    async def unlink_all_o_auth_accounts_admin_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``unlink_all_o_auth_accounts_admin``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_unlink_all_o_auth_accounts_admin, locals())
    def unlink_all_o_auth_accounts_admin_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``unlink_all_o_auth_accounts_admin``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_unlink_all_o_auth_accounts_admin, locals())
