# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Map: Map endpoints include supplemental functionality related to geolocation, such as reverse geocoding and retrieving map markers for assets with geolocation data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    import datetime

    from .._http.response import ApiResponse
    from ..models import MapMarkerResponseDto, MapReverseGeocodeResponseDto

_get_map_markers = Op('getMapMarkers', 'GET', '/map/markers', query=('fileCreatedAfter', 'fileCreatedBefore', 'isArchived', 'isFavorite', 'withPartners', 'withSharedAlbums'), returns='[MapMarkerResponseDto]')
_reverse_geocode = Op('reverseGeocode', 'GET', '/map/reverse-geocode', query=('lat', 'lon'), returns='[MapReverseGeocodeResponseDto]')


class MapApi(ApiGroup):
    """Map: Map endpoints include supplemental functionality related to geolocation, such as
    reverse geocoding and retrieving map markers for assets with geolocation data.
    """

    async def get_map_markers(self, *, file_created_after: datetime.datetime | Unset = UNSET, file_created_before: datetime.datetime | Unset = UNSET, is_archived: bool | Unset = UNSET, is_favorite: bool | Unset = UNSET, with_partners: bool | Unset = UNSET, with_shared_albums: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[MapMarkerResponseDto]:
        """Retrieve map markers. Retrieve a list of latitude and longitude coordinates for every asset with location data. (``GET /map/markers``, permission ``map.read``)"""
        return await self._parsed(_get_map_markers, locals())
    async def get_map_markers_with_http_info(self, *, file_created_after: datetime.datetime | Unset = UNSET, file_created_before: datetime.datetime | Unset = UNSET, is_archived: bool | Unset = UNSET, is_favorite: bool | Unset = UNSET, with_partners: bool | Unset = UNSET, with_shared_albums: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[MapMarkerResponseDto]]:
        """``get_map_markers``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_map_markers, locals())
    def get_map_markers_without_preload_content(self, *, file_created_after: datetime.datetime | Unset = UNSET, file_created_before: datetime.datetime | Unset = UNSET, is_archived: bool | Unset = UNSET, is_favorite: bool | Unset = UNSET, with_partners: bool | Unset = UNSET, with_shared_albums: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_map_markers``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_map_markers, locals())

    async def reverse_geocode(self, *, lat: float, lon: float, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[MapReverseGeocodeResponseDto]:
        """Reverse geocode coordinates. Retrieve location information (e.g., city, country) for given latitude and longitude coordinates. (``GET /map/reverse-geocode``, permission ``map.search``)"""
        return await self._parsed(_reverse_geocode, locals())
    async def reverse_geocode_with_http_info(self, *, lat: float, lon: float, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[MapReverseGeocodeResponseDto]]:
        """``reverse_geocode``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_reverse_geocode, locals())
    def reverse_geocode_without_preload_content(self, *, lat: float, lon: float, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``reverse_geocode``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_reverse_geocode, locals())
