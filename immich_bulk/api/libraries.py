# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Libraries: An external library is made up of input file paths or expressions that are scanned for asset files. Discovered files are automatically imported. Assets much be unique within a library, but can be duplicated across libraries. Each user has a default upload library, and can have one or more external libraries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        CreateLibraryDto,
        LibraryResponseDto,
        LibraryStatsResponseDto,
        UpdateLibraryDto,
        ValidateLibraryDto,
        ValidateLibraryResponseDto,
    )

_create_library = Op('createLibrary', 'POST', '/libraries', body=('create_library_dto', 'json'), returns='LibraryResponseDto')
_delete_library = Op('deleteLibrary', 'DELETE', '/libraries/{id}', path=('id',))
_get_all_libraries = Op('getAllLibraries', 'GET', '/libraries', returns='[LibraryResponseDto]')
_get_library = Op('getLibrary', 'GET', '/libraries/{id}', path=('id',), returns='LibraryResponseDto')
_get_library_statistics = Op('getLibraryStatistics', 'GET', '/libraries/{id}/statistics', path=('id',), returns='LibraryStatsResponseDto')
_scan_library = Op('scanLibrary', 'POST', '/libraries/{id}/scan', path=('id',))
_update_library = Op('updateLibrary', 'PUT', '/libraries/{id}', path=('id',), body=('update_library_dto', 'json'), returns='LibraryResponseDto')
_validate = Op('validate', 'POST', '/libraries/{id}/validate', path=('id',), body=('validate_library_dto', 'json'), returns='ValidateLibraryResponseDto')


class LibrariesApi(ApiGroup):
    """Libraries: An external library is made up of input file paths or expressions that are
    scanned for asset files. Discovered files are automatically imported. Assets much be
    unique within a library, but can be duplicated across libraries. Each user has a
    default upload library, and can have one or more external libraries.
    """

    async def create_library(self, create_library_dto: CreateLibraryDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> LibraryResponseDto:
        """Create a library. Create a new external library. (``POST /libraries``, permission ``library.create``)"""
        return await self._parsed(_create_library, locals())
    async def create_library_with_http_info(self, create_library_dto: CreateLibraryDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[LibraryResponseDto]:
        """``create_library``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_create_library, locals())
    def create_library_without_preload_content(self, create_library_dto: CreateLibraryDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``create_library``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_create_library, locals())

    async def delete_library(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete a library. Delete an external library by its ID. (``DELETE /libraries/{id}``, permission ``library.delete``)"""
        return await self._parsed(_delete_library, locals())
    async def delete_library_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_library``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_library, locals())
    def delete_library_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_library``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_library, locals())

    async def get_all_libraries(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[LibraryResponseDto]:
        """Retrieve libraries. Retrieve a list of external libraries. (``GET /libraries``, permission ``library.read``)"""
        return await self._parsed(_get_all_libraries, locals())
    async def get_all_libraries_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[LibraryResponseDto]]:
        """``get_all_libraries``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_all_libraries, locals())
    def get_all_libraries_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_all_libraries``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_all_libraries, locals())

    async def get_library(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> LibraryResponseDto:
        """Retrieve a library. Retrieve an external library by its ID. (``GET /libraries/{id}``, permission ``library.read``)"""
        return await self._parsed(_get_library, locals())
    async def get_library_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[LibraryResponseDto]:
        """``get_library``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_library, locals())
    def get_library_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_library``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_library, locals())

    async def get_library_statistics(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> LibraryStatsResponseDto:
        """Retrieve library statistics. Retrieve statistics for a specific external library, including number of videos, images, and storage usage. (``GET /libraries/{id}/statistics``, permission ``library.statistics``)"""
        return await self._parsed(_get_library_statistics, locals())
    async def get_library_statistics_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[LibraryStatsResponseDto]:
        """``get_library_statistics``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_library_statistics, locals())
    def get_library_statistics_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_library_statistics``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_library_statistics, locals())

    async def scan_library(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Scan a library. Queue a scan for the external library to find and import new assets. (``POST /libraries/{id}/scan``, permission ``library.update``)"""
        return await self._parsed(_scan_library, locals())
    async def scan_library_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``scan_library``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_scan_library, locals())
    def scan_library_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``scan_library``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_scan_library, locals())

    async def update_library(self, id: str, update_library_dto: UpdateLibraryDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> LibraryResponseDto:
        """Update a library. Update an existing external library. (``PUT /libraries/{id}``, permission ``library.update``)"""
        return await self._parsed(_update_library, locals())
    async def update_library_with_http_info(self, id: str, update_library_dto: UpdateLibraryDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[LibraryResponseDto]:
        """``update_library``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_library, locals())
    def update_library_without_preload_content(self, id: str, update_library_dto: UpdateLibraryDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_library``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_library, locals())

    async def validate(self, id: str, validate_library_dto: ValidateLibraryDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ValidateLibraryResponseDto:
        """Validate library settings. Validate the settings of an external library. (``POST /libraries/{id}/validate``)"""
        return await self._parsed(_validate, locals())
    async def validate_with_http_info(self, id: str, validate_library_dto: ValidateLibraryDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[ValidateLibraryResponseDto]:
        """``validate``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_validate, locals())
    def validate_without_preload_content(self, id: str, validate_library_dto: ValidateLibraryDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``validate``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_validate, locals())
