# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Search: Endpoints related to searching assets via text, smart search, optical character recognition (OCR), and other filters like person, album, and other metadata. Search endpoints usually support pagination and sorting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    import datetime

    from .._http.response import ApiResponse
    from ..models import (
        AssetResponseDto,
        AssetTypeEnum,
        AssetVisibility,
        MetadataSearchDto,
        PersonResponseDto,
        PlacesResponseDto,
        RandomSearchDto,
        SearchExploreResponseDto,
        SearchResponseDto,
        SearchStatisticsResponseDto,
        SearchSuggestionType,
        SmartSearchDto,
        StatisticsSearchDto,
    )

_get_assets_by_city = Op('getAssetsByCity', 'GET', '/search/cities', returns='[AssetResponseDto]')
_get_explore_data = Op('getExploreData', 'GET', '/search/explore', returns='[SearchExploreResponseDto]')
_get_search_suggestions = Op('getSearchSuggestions', 'GET', '/search/suggestions', query=('country', 'includeNull', 'lensModel', 'make', 'model', 'state', 'type'), returns='[str]')
_search_asset_statistics = Op('searchAssetStatistics', 'POST', '/search/statistics', body=('statistics_search_dto', 'json'), returns='SearchStatisticsResponseDto', retry_safe=True)
_search_assets = Op('searchAssets', 'POST', '/search/metadata', body=('metadata_search_dto', 'json'), returns='SearchResponseDto', retry_safe=True)
_search_large_assets = Op('searchLargeAssets', 'POST', '/search/large-assets', query=('albumIds', 'city', 'country', 'createdAfter', 'createdBefore', 'deviceId', 'isEncoded', 'isFavorite', 'isMotion', 'isNotInAlbum', 'isOffline', 'lensModel', 'libraryId', 'make', 'minFileSize', 'model', 'ocr', 'personIds', 'rating', 'size', 'state', 'tagIds', 'takenAfter', 'takenBefore', 'trashedAfter', 'trashedBefore', 'type', 'updatedAfter', 'updatedBefore', 'visibility', 'withDeleted', 'withExif'), returns='[AssetResponseDto]', retry_safe=True)
_search_person = Op('searchPerson', 'GET', '/search/person', query=('name', 'withHidden'), returns='[PersonResponseDto]')
_search_places = Op('searchPlaces', 'GET', '/search/places', query=('name',), returns='[PlacesResponseDto]')
_search_random = Op('searchRandom', 'POST', '/search/random', body=('random_search_dto', 'json'), returns='[AssetResponseDto]', retry_safe=True)
_search_smart = Op('searchSmart', 'POST', '/search/smart', body=('smart_search_dto', 'json'), returns='SearchResponseDto', retry_safe=True)


class SearchApi(ApiGroup):
    """Search: Endpoints related to searching assets via text, smart search, optical
    character recognition (OCR), and other filters like person, album, and other metadata.
    Search endpoints usually support pagination and sorting.
    """

    async def get_assets_by_city(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[AssetResponseDto]:
        """Retrieve assets by city. Retrieve a list of assets with each asset belonging to a different city. This endpoint is used on the places pages to show a single thumbnail for each city the user has assets in. (``GET /search/cities``, permission ``asset.read``)"""
        return await self._parsed(_get_assets_by_city, locals())
    async def get_assets_by_city_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[AssetResponseDto]]:
        """``get_assets_by_city``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_assets_by_city, locals())
    def get_assets_by_city_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_assets_by_city``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_assets_by_city, locals())

    async def get_explore_data(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[SearchExploreResponseDto]:
        """Retrieve explore data. Retrieve data for the explore section, such as popular people and places. (``GET /search/explore``, permission ``asset.read``)"""
        return await self._parsed(_get_explore_data, locals())
    async def get_explore_data_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[SearchExploreResponseDto]]:
        """``get_explore_data``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_explore_data, locals())
    def get_explore_data_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_explore_data``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_explore_data, locals())

    async def get_search_suggestions(self, *, type: SearchSuggestionType, country: str | Unset = UNSET, include_null: bool | Unset = UNSET, lens_model: str | Unset = UNSET, make: str | Unset = UNSET, model: str | Unset = UNSET, state: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[str]:
        """Retrieve search suggestions. Retrieve search suggestions based on partial input. This endpoint is used for typeahead search features. (``GET /search/suggestions``, permission ``asset.read``)"""
        return await self._parsed(_get_search_suggestions, locals())
    async def get_search_suggestions_with_http_info(self, *, type: SearchSuggestionType, country: str | Unset = UNSET, include_null: bool | Unset = UNSET, lens_model: str | Unset = UNSET, make: str | Unset = UNSET, model: str | Unset = UNSET, state: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[str]]:
        """``get_search_suggestions``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_search_suggestions, locals())
    def get_search_suggestions_without_preload_content(self, *, type: SearchSuggestionType, country: str | Unset = UNSET, include_null: bool | Unset = UNSET, lens_model: str | Unset = UNSET, make: str | Unset = UNSET, model: str | Unset = UNSET, state: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_search_suggestions``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_search_suggestions, locals())

    async def search_asset_statistics(self, statistics_search_dto: StatisticsSearchDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> SearchStatisticsResponseDto:
        """Search asset statistics. Retrieve statistical data about assets based on search criteria, such as the total matching count. (``POST /search/statistics``, permission ``asset.statistics``)"""
        return await self._parsed(_search_asset_statistics, locals())
    async def search_asset_statistics_with_http_info(self, statistics_search_dto: StatisticsSearchDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[SearchStatisticsResponseDto]:
        """``search_asset_statistics``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_search_asset_statistics, locals())
    def search_asset_statistics_without_preload_content(self, statistics_search_dto: StatisticsSearchDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``search_asset_statistics``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_search_asset_statistics, locals())

    async def search_assets(self, metadata_search_dto: MetadataSearchDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> SearchResponseDto:
        """Search assets by metadata. Search for assets based on various metadata criteria. (``POST /search/metadata``, permission ``asset.read``)"""
        return await self._parsed(_search_assets, locals())
    async def search_assets_with_http_info(self, metadata_search_dto: MetadataSearchDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[SearchResponseDto]:
        """``search_assets``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_search_assets, locals())
    def search_assets_without_preload_content(self, metadata_search_dto: MetadataSearchDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``search_assets``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_search_assets, locals())

    async def search_large_assets(self, *, album_ids: list[str] | Unset = UNSET, city: str | None | Unset = UNSET, country: str | None | Unset = UNSET, created_after: datetime.datetime | Unset = UNSET, created_before: datetime.datetime | Unset = UNSET, device_id: str | Unset = UNSET, is_encoded: bool | Unset = UNSET, is_favorite: bool | Unset = UNSET, is_motion: bool | Unset = UNSET, is_not_in_album: bool | Unset = UNSET, is_offline: bool | Unset = UNSET, lens_model: str | None | Unset = UNSET, library_id: str | None | Unset = UNSET, make: str | Unset = UNSET, min_file_size: int | Unset = UNSET, model: str | None | Unset = UNSET, ocr: str | Unset = UNSET, person_ids: list[str] | Unset = UNSET, rating: float | None | Unset = UNSET, size: float | Unset = UNSET, state: str | None | Unset = UNSET, tag_ids: list[str] | None | Unset = UNSET, taken_after: datetime.datetime | Unset = UNSET, taken_before: datetime.datetime | Unset = UNSET, trashed_after: datetime.datetime | Unset = UNSET, trashed_before: datetime.datetime | Unset = UNSET, type: AssetTypeEnum | Unset = UNSET, updated_after: datetime.datetime | Unset = UNSET, updated_before: datetime.datetime | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, with_deleted: bool | Unset = UNSET, with_exif: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[AssetResponseDto]:
        """Search large assets. Search for assets that are considered large based on specified criteria. (``POST /search/large-assets``, permission ``asset.read``)"""
        return await self._parsed(_search_large_assets, locals())
    async def search_large_assets_with_http_info(self, *, album_ids: list[str] | Unset = UNSET, city: str | None | Unset = UNSET, country: str | None | Unset = UNSET, created_after: datetime.datetime | Unset = UNSET, created_before: datetime.datetime | Unset = UNSET, device_id: str | Unset = UNSET, is_encoded: bool | Unset = UNSET, is_favorite: bool | Unset = UNSET, is_motion: bool | Unset = UNSET, is_not_in_album: bool | Unset = UNSET, is_offline: bool | Unset = UNSET, lens_model: str | None | Unset = UNSET, library_id: str | None | Unset = UNSET, make: str | Unset = UNSET, min_file_size: int | Unset = UNSET, model: str | None | Unset = UNSET, ocr: str | Unset = UNSET, person_ids: list[str] | Unset = UNSET, rating: float | None | Unset = UNSET, size: float | Unset = UNSET, state: str | None | Unset = UNSET, tag_ids: list[str] | None | Unset = UNSET, taken_after: datetime.datetime | Unset = UNSET, taken_before: datetime.datetime | Unset = UNSET, trashed_after: datetime.datetime | Unset = UNSET, trashed_before: datetime.datetime | Unset = UNSET, type: AssetTypeEnum | Unset = UNSET, updated_after: datetime.datetime | Unset = UNSET, updated_before: datetime.datetime | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, with_deleted: bool | Unset = UNSET, with_exif: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[AssetResponseDto]]:
        """``search_large_assets``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_search_large_assets, locals())
    def search_large_assets_without_preload_content(self, *, album_ids: list[str] | Unset = UNSET, city: str | None | Unset = UNSET, country: str | None | Unset = UNSET, created_after: datetime.datetime | Unset = UNSET, created_before: datetime.datetime | Unset = UNSET, device_id: str | Unset = UNSET, is_encoded: bool | Unset = UNSET, is_favorite: bool | Unset = UNSET, is_motion: bool | Unset = UNSET, is_not_in_album: bool | Unset = UNSET, is_offline: bool | Unset = UNSET, lens_model: str | None | Unset = UNSET, library_id: str | None | Unset = UNSET, make: str | Unset = UNSET, min_file_size: int | Unset = UNSET, model: str | None | Unset = UNSET, ocr: str | Unset = UNSET, person_ids: list[str] | Unset = UNSET, rating: float | None | Unset = UNSET, size: float | Unset = UNSET, state: str | None | Unset = UNSET, tag_ids: list[str] | None | Unset = UNSET, taken_after: datetime.datetime | Unset = UNSET, taken_before: datetime.datetime | Unset = UNSET, trashed_after: datetime.datetime | Unset = UNSET, trashed_before: datetime.datetime | Unset = UNSET, type: AssetTypeEnum | Unset = UNSET, updated_after: datetime.datetime | Unset = UNSET, updated_before: datetime.datetime | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, with_deleted: bool | Unset = UNSET, with_exif: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``search_large_assets``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_search_large_assets, locals())

    async def search_person(self, *, name: str, with_hidden: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[PersonResponseDto]:
        """Search people. Search for people by name. (``GET /search/person``, permission ``person.read``)"""
        return await self._parsed(_search_person, locals())
    async def search_person_with_http_info(self, *, name: str, with_hidden: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[PersonResponseDto]]:
        """``search_person``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_search_person, locals())
    def search_person_without_preload_content(self, *, name: str, with_hidden: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``search_person``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_search_person, locals())

    async def search_places(self, *, name: str, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[PlacesResponseDto]:
        """Search places. Search for places by name. (``GET /search/places``, permission ``asset.read``)"""
        return await self._parsed(_search_places, locals())
    async def search_places_with_http_info(self, *, name: str, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[PlacesResponseDto]]:
        """``search_places``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_search_places, locals())
    def search_places_without_preload_content(self, *, name: str, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``search_places``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_search_places, locals())

    async def search_random(self, random_search_dto: RandomSearchDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[AssetResponseDto]:
        """Search random assets. Retrieve a random selection of assets based on the provided criteria. (``POST /search/random``, permission ``asset.read``)"""
        return await self._parsed(_search_random, locals())
    async def search_random_with_http_info(self, random_search_dto: RandomSearchDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[AssetResponseDto]]:
        """``search_random``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_search_random, locals())
    def search_random_without_preload_content(self, random_search_dto: RandomSearchDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``search_random``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_search_random, locals())

    async def search_smart(self, smart_search_dto: SmartSearchDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> SearchResponseDto:
        """Smart asset search. Perform a smart search for assets by using machine learning vectors to determine relevance. (``POST /search/smart``, permission ``asset.read``)"""
        return await self._parsed(_search_smart, locals())
    async def search_smart_with_http_info(self, smart_search_dto: SmartSearchDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[SearchResponseDto]:
        """``search_smart``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_search_smart, locals())
    def search_smart_without_preload_content(self, smart_search_dto: SmartSearchDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``search_smart``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_search_smart, locals())
