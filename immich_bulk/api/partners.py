# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Partners: A partner is a link with another user that allows sharing of assets between two users."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        PartnerCreateDto,
        PartnerDirection,
        PartnerResponseDto,
        PartnerUpdateDto,
    )

_create_partner = Op('createPartner', 'POST', '/partners', body=('partner_create_dto', 'json'), returns='PartnerResponseDto')
_create_partner_deprecated = Op('createPartnerDeprecated', 'POST', '/partners/{id}', path=('id',), returns='PartnerResponseDto')
_get_partners = Op('getPartners', 'GET', '/partners', query=('direction',), returns='[PartnerResponseDto]')
_remove_partner = Op('removePartner', 'DELETE', '/partners/{id}', path=('id',))
_update_partner = Op('updatePartner', 'PUT', '/partners/{id}', path=('id',), body=('partner_update_dto', 'json'), returns='PartnerResponseDto')


class PartnersApi(ApiGroup):
    """Partners: A partner is a link with another user that allows sharing of assets between
    two users.
    """

    async def create_partner(self, partner_create_dto: PartnerCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> PartnerResponseDto:
        """Create a partner. Create a new partner to share assets with. (``POST /partners``, permission ``partner.create``)"""
        return await self._parsed(_create_partner, locals())
    async def create_partner_with_http_info(self, partner_create_dto: PartnerCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[PartnerResponseDto]:
        """``create_partner``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_partner, locals())
    def create_partner_without_preload_content(self, partner_create_dto: PartnerCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_partner``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_partner, locals())

    async def create_partner_deprecated(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> PartnerResponseDto:
        """Create a partner. Create a new partner to share assets with. (``POST /partners/{id}``, permission ``partner.create``, deprecated)"""
        return await self._parsed(_create_partner_deprecated, locals())
    async def create_partner_deprecated_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[PartnerResponseDto]:
        """``create_partner_deprecated``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_partner_deprecated, locals())
    def create_partner_deprecated_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_partner_deprecated``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_partner_deprecated, locals())

    async def get_partners(self, *, direction: PartnerDirection, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[PartnerResponseDto]:
        """Retrieve partners. Retrieve a list of partners with whom assets are shared. (``GET /partners``, permission ``partner.read``)"""
        return await self._parsed(_get_partners, locals())
    async def get_partners_with_http_info(self, *, direction: PartnerDirection, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[PartnerResponseDto]]:
        """``get_partners``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_partners, locals())
    def get_partners_without_preload_content(self, *, direction: PartnerDirection, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_partners``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_partners, locals())

    async def remove_partner(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Remove a partner. Stop sharing assets with a partner. (``DELETE /partners/{id}``, permission ``partner.delete``)"""
        return await self._parsed(_remove_partner, locals())
    async def remove_partner_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``remove_partner``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_remove_partner, locals())
    def remove_partner_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``remove_partner``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_remove_partner, locals())

    async def update_partner(self, id: str, partner_update_dto: PartnerUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> PartnerResponseDto:
        """Update a partner. Specify whether a partner's assets should appear in the user's timeline. (``PUT /partners/{id}``, permission ``partner.update``)"""
        return await self._parsed(_update_partner, locals())
    async def update_partner_with_http_info(self, id: str, partner_update_dto: PartnerUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[PartnerResponseDto]:
        """``update_partner``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_partner, locals())
    def update_partner_without_preload_content(self, id: str, partner_update_dto: PartnerUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_partner``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_partner, locals())
