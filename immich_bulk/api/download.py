# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Download: Endpoints for downloading assets or collections of assets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import DownloadArchiveDto, DownloadInfoDto, DownloadResponseDto

_download_archive = Op('downloadArchive', 'POST', '/download/archive', query=('key', 'slug'), body=('download_archive_dto', 'json'), returns='bytes', retry_safe=True)
_get_download_info = Op('getDownloadInfo', 'POST', '/download/info', query=('key', 'slug'), body=('download_info_dto', 'json'), returns='DownloadResponseDto', retry_safe=True)


class DownloadApi(ApiGroup):
    """Download: Endpoints for downloading assets or collections of assets."""

    async def download_archive(self, download_archive_dto: DownloadArchiveDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> bytes:
        """Download asset archive. Download a ZIP archive containing the specified assets. The assets must have been previously requested via the "getDownloadInfo" endpoint. (``POST /download/archive``, permission ``asset.download``)"""
        return await self._parsed(_download_archive, locals())
    async def download_archive_with_http_info(self, download_archive_dto: DownloadArchiveDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[bytes]:
        """``download_archive``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_download_archive, locals())
    def download_archive_without_preload_content(self, download_archive_dto: DownloadArchiveDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``download_archive``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_download_archive, locals())

    async def get_download_info(self, download_info_dto: DownloadInfoDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> DownloadResponseDto:
        """Retrieve download information. Retrieve information about how to request a download for the specified assets or album. The response includes groups of assets that can be downloaded together. (``POST /download/info``, permission ``asset.download``)"""
        return await self._parsed(_get_download_info, locals())
    async def get_download_info_with_http_info(self, download_info_dto: DownloadInfoDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[DownloadResponseDto]:
        """``get_download_info``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_download_info, locals())
    def get_download_info_without_preload_content(self, download_info_dto: DownloadInfoDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_download_info``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_download_info, locals())
