# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Views: Endpoints for specialized views, such as the folder view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import AssetResponseDto

_get_assets_by_original_path = Op('getAssetsByOriginalPath', 'GET', '/view/folder', query=('path',), returns='[AssetResponseDto]')
_get_unique_original_paths = Op('getUniqueOriginalPaths', 'GET', '/view/folder/unique-paths', returns='[str]')


class ViewsApi(ApiGroup):
    """Views: Endpoints for specialized views, such as the folder view."""

    async def get_assets_by_original_path(self, *, path: str, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[AssetResponseDto]:
        """Retrieve assets by original path. Retrieve assets that are children of a specific folder. (``GET /view/folder``, permission ``folder.read``)"""
        return await self._parsed(_get_assets_by_original_path, locals())
    async def get_assets_by_original_path_with_http_info(self, *, path: str, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[AssetResponseDto]]:
        """``get_assets_by_original_path``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_assets_by_original_path, locals())
    def get_assets_by_original_path_without_preload_content(self, *, path: str, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_assets_by_original_path``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_assets_by_original_path, locals())

    async def get_unique_original_paths(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[str]:
        """Retrieve unique paths. Retrieve a list of unique folder paths from asset original paths. (``GET /view/folder/unique-paths``, permission ``folder.read``)"""
        return await self._parsed(_get_unique_original_paths, locals())
    async def get_unique_original_paths_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[str]]:
        """``get_unique_original_paths``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_unique_original_paths, locals())
    def get_unique_original_paths_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_unique_original_paths``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_unique_original_paths, locals())
