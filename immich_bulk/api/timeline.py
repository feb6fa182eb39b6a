# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Timeline: Specialized endpoints related to the timeline implementation used in the web application. External applications or tools should not use or rely on these endpoints, as they are subject to change without notice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        AssetOrder,
        AssetVisibility,
        TimeBucketAssetResponseDto,
        TimeBucketsResponseDto,
    )

_get_time_bucket = Op('getTimeBucket', 'GET', '/timeline/bucket', query=('albumId', 'bbox', 'isFavorite', 'isTrashed', 'key', 'order', 'personId', 'slug', 'tagId', 'timeBucket', 'userId', 'visibility', 'withCoordinates', 'withPartners', 'withStacked'), returns='TimeBucketAssetResponseDto')
_get_time_buckets = Op('getTimeBuckets', 'GET', '/timeline/buckets', query=('albumId', 'bbox', 'isFavorite', 'isTrashed', 'key', 'order', 'personId', 'slug', 'tagId', 'userId', 'visibility', 'withCoordinates', 'withPartners', 'withStacked'), returns='[TimeBucketsResponseDto]')


class TimelineApi(ApiGroup):
    """Timeline: Specialized endpoints related to the timeline implementation used in the web
    application. External applications or tools should not use or rely on these endpoints,
    as they are subject to change without notice.
    """

    async def get_time_bucket(self, *, time_bucket: str, album_id: str | Unset = UNSET, bbox: str | Unset = UNSET, is_favorite: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, key: str | Unset = UNSET, order: AssetOrder | Unset = UNSET, person_id: str | Unset = UNSET, slug: str | Unset = UNSET, tag_id: str | Unset = UNSET, user_id: str | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, with_coordinates: bool | Unset = UNSET, with_partners: bool | Unset = UNSET, with_stacked: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> TimeBucketAssetResponseDto:
        """Get time bucket. Retrieve a string of all asset ids in a given time bucket. (``GET /timeline/bucket``, permission ``asset.read``)"""
        return await self._parsed(_get_time_bucket, locals())
    async def get_time_bucket_with_http_info(self, *, time_bucket: str, album_id: str | Unset = UNSET, bbox: str | Unset = UNSET, is_favorite: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, key: str | Unset = UNSET, order: AssetOrder | Unset = UNSET, person_id: str | Unset = UNSET, slug: str | Unset = UNSET, tag_id: str | Unset = UNSET, user_id: str | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, with_coordinates: bool | Unset = UNSET, with_partners: bool | Unset = UNSET, with_stacked: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[TimeBucketAssetResponseDto]:
        """``get_time_bucket``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_time_bucket, locals())
    def get_time_bucket_without_preload_content(self, *, time_bucket: str, album_id: str | Unset = UNSET, bbox: str | Unset = UNSET, is_favorite: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, key: str | Unset = UNSET, order: AssetOrder | Unset = UNSET, person_id: str | Unset = UNSET, slug: str | Unset = UNSET, tag_id: str | Unset = UNSET, user_id: str | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, with_coordinates: bool | Unset = UNSET, with_partners: bool | Unset = UNSET, with_stacked: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_time_bucket``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_time_bucket, locals())

    async def get_time_buckets(self, *, album_id: str | Unset = UNSET, bbox: str | Unset = UNSET, is_favorite: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, key: str | Unset = UNSET, order: AssetOrder | Unset = UNSET, person_id: str | Unset = UNSET, slug: str | Unset = UNSET, tag_id: str | Unset = UNSET, user_id: str | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, with_coordinates: bool | Unset = UNSET, with_partners: bool | Unset = UNSET, with_stacked: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[TimeBucketsResponseDto]:
        """Get time buckets. Retrieve a list of all minimal time buckets. (``GET /timeline/buckets``, permission ``asset.read``)"""
        return await self._parsed(_get_time_buckets, locals())
    async def get_time_buckets_with_http_info(self, *, album_id: str | Unset = UNSET, bbox: str | Unset = UNSET, is_favorite: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, key: str | Unset = UNSET, order: AssetOrder | Unset = UNSET, person_id: str | Unset = UNSET, slug: str | Unset = UNSET, tag_id: str | Unset = UNSET, user_id: str | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, with_coordinates: bool | Unset = UNSET, with_partners: bool | Unset = UNSET, with_stacked: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[TimeBucketsResponseDto]]:
        """``get_time_buckets``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_time_buckets, locals())
    def get_time_buckets_without_preload_content(self, *, album_id: str | Unset = UNSET, bbox: str | Unset = UNSET, is_favorite: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, key: str | Unset = UNSET, order: AssetOrder | Unset = UNSET, person_id: str | Unset = UNSET, slug: str | Unset = UNSET, tag_id: str | Unset = UNSET, user_id: str | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, with_coordinates: bool | Unset = UNSET, with_partners: bool | Unset = UNSET, with_stacked: bool | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_time_buckets``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_time_buckets, locals())
