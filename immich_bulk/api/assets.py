# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Assets: An asset is an image or video that has been uploaded to Immich."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        AssetBulkDeleteDto,
        AssetBulkUpdateDto,
        AssetBulkUploadCheckDto,
        AssetBulkUploadCheckResponseDto,
        AssetCopyDto,
        AssetEditsCreateDto,
        AssetEditsResponseDto,
        AssetJobsDto,
        AssetMediaCreateDto,
        AssetMediaReplaceDto,
        AssetMediaResponseDto,
        AssetMediaSize,
        AssetMetadataBulkDeleteDto,
        AssetMetadataBulkResponseDto,
        AssetMetadataBulkUpsertDto,
        AssetMetadataResponseDto,
        AssetMetadataUpsertDto,
        AssetOcrResponseDto,
        AssetResponseDto,
        AssetStatsResponseDto,
        AssetVisibility,
        CheckExistingAssetsDto,
        CheckExistingAssetsResponseDto,
        UpdateAssetDto,
    )

_check_bulk_upload = Op('checkBulkUpload', 'POST', '/assets/bulk-upload-check', body=('asset_bulk_upload_check_dto', 'json'), returns='AssetBulkUploadCheckResponseDto', retry_safe=True)
_check_existing_assets = Op('checkExistingAssets', 'POST', '/assets/exist', body=('check_existing_assets_dto', 'json'), returns='CheckExistingAssetsResponseDto', retry_safe=True)
_copy_asset = Op('copyAsset', 'PUT', '/assets/copy', body=('asset_copy_dto', 'json'))
_delete_asset_metadata = Op('deleteAssetMetadata', 'DELETE', '/assets/{id}/metadata/{key}', path=('id', 'key'))
_delete_assets = Op('deleteAssets', 'DELETE', '/assets', body=('asset_bulk_delete_dto', 'json'))
_delete_bulk_asset_metadata = Op('deleteBulkAssetMetadata', 'DELETE', '/assets/metadata', body=('asset_metadata_bulk_delete_dto', 'json'))
_download_asset = Op('downloadAsset', 'GET', '/assets/{id}/original', path=('id',), query=('edited', 'key', 'slug'), returns='bytes')
_edit_asset = Op('editAsset', 'PUT', '/assets/{id}/edits', path=('id',), body=('asset_edits_create_dto', 'json'), returns='AssetEditsResponseDto')
_get_all_user_assets_by_device_id = Op('getAllUserAssetsByDeviceId', 'GET', '/assets/device/{deviceId}', path=('deviceId',), returns='[str]')
_get_asset_edits = Op('getAssetEdits', 'GET', '/assets/{id}/edits', path=('id',), returns='AssetEditsResponseDto')
_get_asset_info = Op('getAssetInfo', 'GET', '/assets/{id}', path=('id',), query=('key', 'slug'), returns='AssetResponseDto')
_get_asset_metadata = Op('getAssetMetadata', 'GET', '/assets/{id}/metadata', path=('id',), returns='[AssetMetadataResponseDto]')
_get_asset_metadata_by_key = Op('getAssetMetadataByKey', 'GET', '/assets/{id}/metadata/{key}', path=('id', 'key'), returns='AssetMetadataResponseDto')
_get_asset_ocr = Op('getAssetOcr', 'GET', '/assets/{id}/ocr', path=('id',), returns='[AssetOcrResponseDto]')
_get_asset_statistics = Op('getAssetStatistics', 'GET', '/assets/statistics', query=('isFavorite', 'isTrashed', 'visibility'), returns='AssetStatsResponseDto')
_get_random = Op('getRandom', 'GET', '/assets/random', query=('count',), returns='[AssetResponseDto]')
_play_asset_video = Op('playAssetVideo', 'GET', '/assets/{id}/video/playback', path=('id',), query=('key', 'slug'), returns='bytes')
_remove_asset_edits = Op('removeAssetEdits', 'DELETE', '/assets/{id}/edits', path=('id',))
_replace_asset = Op('replaceAsset', 'PUT', '/assets/{id}/original', path=('id',), query=('key', 'slug'), body=('asset_media_replace_dto', 'multipart'), returns='AssetMediaResponseDto')
_run_asset_jobs = Op('runAssetJobs', 'POST', '/assets/jobs', body=('asset_jobs_dto', 'json'))
_update_asset = Op('updateAsset', 'PUT', '/assets/{id}', path=('id',), body=('update_asset_dto', 'json'), returns='AssetResponseDto')
_update_asset_metadata = Op('updateAssetMetadata', 'PUT', '/assets/{id}/metadata', path=('id',), body=('asset_metadata_upsert_dto', 'json'), returns='[AssetMetadataResponseDto]')
_update_assets = Op('updateAssets', 'PUT', '/assets', body=('asset_bulk_update_dto', 'json'))
_update_bulk_asset_metadata = Op('updateBulkAssetMetadata', 'PUT', '/assets/metadata', body=('asset_metadata_bulk_upsert_dto', 'json'), returns='[AssetMetadataBulkResponseDto]')
_upload_asset = Op('uploadAsset', 'POST', '/assets', query=('key', 'slug'), header=('x-immich-checksum',), body=('asset_media_create_dto', 'multipart'), returns='AssetMediaResponseDto', retry_safe=True)
_view_asset = Op('viewAsset', 'GET', '/assets/{id}/thumbnail', path=('id',), query=('edited', 'key', 'size', 'slug'), returns='bytes')


class AssetsApi(ApiGroup):
    """Assets: An asset is an image or video that has been uploaded to Immich."""

    async def check_bulk_upload(self, asset_bulk_upload_check_dto: AssetBulkUploadCheckDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AssetBulkUploadCheckResponseDto:
        """Check bulk upload. Determine which assets have already been uploaded to the server based on their SHA1 checksums. (``POST /assets/bulk-upload-check``, permission ``asset.upload``)"""
        return await self._parsed(_check_bulk_upload, locals())
    async def check_bulk_upload_with_http_info(self, asset_bulk_upload_check_dto: AssetBulkUploadCheckDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AssetBulkUploadCheckResponseDto]:
        """``check_bulk_upload``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_check_bulk_upload, locals())
    def check_bulk_upload_without_preload_content(self, asset_bulk_upload_check_dto: AssetBulkUploadCheckDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``check_bulk_upload``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_check_bulk_upload, locals())

    async def check_existing_assets(self, check_existing_assets_dto: CheckExistingAssetsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> CheckExistingAssetsResponseDto:
        """Check existing assets. Checks if multiple assets exist on the server and returns all existing - used by background backup (``POST /assets/exist``, permission ``asset.upload``)"""
        return await self._parsed(_check_existing_assets, locals())
    async def check_existing_assets_with_http_info(self, check_existing_assets_dto: CheckExistingAssetsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[CheckExistingAssetsResponseDto]:
        """``check_existing_assets``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_check_existing_assets, locals())
    def check_existing_assets_without_preload_content(self, check_existing_assets_dto: CheckExistingAssetsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``check_existing_assets``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_check_existing_assets, locals())

    async def copy_asset(self, asset_copy_dto: AssetCopyDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Copy asset. Copy asset information like albums, tags, etc. from one asset to another. (``PUT /assets/copy``, permission ``asset.copy``)"""
        return await self._parsed(_copy_asset, locals())
    async def copy_asset_with_http_info(self, asset_copy_dto: AssetCopyDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``copy_asset``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_copy_asset, locals())
    def copy_asset_without_preload_content(self, asset_copy_dto: AssetCopyDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``copy_asset``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_copy_asset, locals())

    async def delete_asset_metadata(self, id: str, key: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete asset metadata by key. Delete a specific metadata key-value pair associated with the specified asset. (``DELETE /assets/{id}/metadata/{key}``, permission ``asset.update``)"""
        return await self._parsed(_delete_asset_metadata, locals())
    async def delete_asset_metadata_with_http_info(self, id: str, key: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_asset_metadata``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_asset_metadata, locals())
    def delete_asset_metadata_without_preload_content(self, id: str, key: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_asset_metadata``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_asset_metadata, locals())

    async def delete_assets(self, asset_bulk_delete_dto: AssetBulkDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete assets. Deletes multiple assets at the same time. (``DELETE /assets``, permission ``asset.delete``)"""
        return await self._parsed(_delete_assets, locals())
    async def delete_assets_with_http_info(self, asset_bulk_delete_dto: AssetBulkDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_assets``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_assets, locals())
    def delete_assets_without_preload_content(self, asset_bulk_delete_dto: AssetBulkDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_assets``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_assets, locals())

    async def delete_bulk_asset_metadata(self, asset_metadata_bulk_delete_dto: AssetMetadataBulkDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete asset metadata. Delete metadata key-value pairs for multiple assets. (``DELETE /assets/metadata``, permission ``asset.update``)"""
        return await self._parsed(_delete_bulk_asset_metadata, locals())
    async def delete_bulk_asset_metadata_with_http_info(self, asset_metadata_bulk_delete_dto: AssetMetadataBulkDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_bulk_asset_metadata``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_bulk_asset_metadata, locals())
    def delete_bulk_asset_metadata_without_preload_content(self, asset_metadata_bulk_delete_dto: AssetMetadataBulkDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_bulk_asset_metadata``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_bulk_asset_metadata, locals())

    async def download_asset(self, id: str, *, edited: bool | Unset = UNSET, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> bytes:
        """Download original asset. Downloads the original file of the specified asset. (``GET /assets/{id}/original``, permission ``asset.download``)"""
        return await self._parsed(_download_asset, locals())
    async def download_asset_with_http_info(self, id: str, *, edited: bool | Unset = UNSET, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[bytes]:
        """``download_asset``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_download_asset, locals())
    def download_asset_without_preload_content(self, id: str, *, edited: bool | Unset = UNSET, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``download_asset``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_download_asset, locals())

    async def edit_asset(self, id: str, asset_edits_create_dto: AssetEditsCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AssetEditsResponseDto:
        """Apply edits to an existing asset. Apply a series of edit actions (crop, rotate, mirror) to the specified asset. (``PUT /assets/{id}/edits``, permission ``asset.edit.create``)"""
        return await self._parsed(_edit_asset, locals())
    async def edit_asset_with_http_info(self, id: str, asset_edits_create_dto: AssetEditsCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AssetEditsResponseDto]:
        """``edit_asset``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_edit_asset, locals())
    def edit_asset_without_preload_content(self, id: str, asset_edits_create_dto: AssetEditsCreateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``edit_asset``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_edit_asset, locals())

    async def get_all_user_assets_by_device_id(self, device_id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[str]:
        """Retrieve assets by device ID. Get all asset of a device that are in the database, ID only. (``GET /assets/device/{deviceId}``, deprecated)"""
        return await self._parsed(_get_all_user_assets_by_device_id, locals())
    async def get_all_user_assets_by_device_id_with_http_info(self, device_id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[str]]:
        """``get_all_user_assets_by_device_id``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_all_user_assets_by_device_id, locals())
    def get_all_user_assets_by_device_id_without_preload_content(self, device_id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_all_user_assets_by_device_id``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_all_user_assets_by_device_id, locals())

    async def get_asset_edits(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AssetEditsResponseDto:
        """Retrieve edits for an existing asset. Retrieve a series of edit actions (crop, rotate, mirror) associated with the specified asset. (``GET /assets/{id}/edits``, permission ``asset.edit.get``)"""
        return await self._parsed(_get_asset_edits, locals())
    async def get_asset_edits_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AssetEditsResponseDto]:
        """``get_asset_edits``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_asset_edits, locals())
    def get_asset_edits_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_asset_edits``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_asset_edits, locals())

    async def get_asset_info(self, id: str, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AssetResponseDto:
        """Retrieve an asset. Retrieve detailed information about a specific asset. (``GET /assets/{id}``, permission ``asset.read``)"""
        return await self._parsed(_get_asset_info, locals())
    async def get_asset_info_with_http_info(self, id: str, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AssetResponseDto]:
        """``get_asset_info``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_asset_info, locals())
    def get_asset_info_without_preload_content(self, id: str, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_asset_info``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_asset_info, locals())

    async def get_asset_metadata(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[AssetMetadataResponseDto]:
        """Get asset metadata. Retrieve all metadata key-value pairs associated with the specified asset. (``GET /assets/{id}/metadata``, permission ``asset.read``)"""
        return await self._parsed(_get_asset_metadata, locals())
    async def get_asset_metadata_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[AssetMetadataResponseDto]]:
        """``get_asset_metadata``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_asset_metadata, locals())
    def get_asset_metadata_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_asset_metadata``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_asset_metadata, locals())

    async def get_asset_metadata_by_key(self, id: str, key: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AssetMetadataResponseDto:
        """Retrieve asset metadata by key. Retrieve the value of a specific metadata key associated with the specified asset. (``GET /assets/{id}/metadata/{key}``, permission ``asset.read``)"""
        return await self._parsed(_get_asset_metadata_by_key, locals())
    async def get_asset_metadata_by_key_with_http_info(self, id: str, key: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AssetMetadataResponseDto]:
        """``get_asset_metadata_by_key``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_asset_metadata_by_key, locals())
    def get_asset_metadata_by_key_without_preload_content(self, id: str, key: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_asset_metadata_by_key``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_asset_metadata_by_key, locals())

    async def get_asset_ocr(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[AssetOcrResponseDto]:
        """Retrieve asset OCR data. Retrieve all OCR (Optical Character Recognition) data associated with the specified asset. (``GET /assets/{id}/ocr``, permission ``asset.read``)"""
        return await self._parsed(_get_asset_ocr, locals())
    async def get_asset_ocr_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[AssetOcrResponseDto]]:
        """``get_asset_ocr``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_asset_ocr, locals())
    def get_asset_ocr_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_asset_ocr``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_asset_ocr, locals())

    async def get_asset_statistics(self, *, is_favorite: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AssetStatsResponseDto:
        """Get asset statistics. Retrieve various statistics about the assets owned by the authenticated user. (``GET /assets/statistics``, permission ``asset.statistics``)"""
        return await self._parsed(_get_asset_statistics, locals())
    async def get_asset_statistics_with_http_info(self, *, is_favorite: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AssetStatsResponseDto]:
        """``get_asset_statistics``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_asset_statistics, locals())
    def get_asset_statistics_without_preload_content(self, *, is_favorite: bool | Unset = UNSET, is_trashed: bool | Unset = UNSET, visibility: AssetVisibility | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_asset_statistics``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_asset_statistics, locals())

    async def get_random(self, *, count: float | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[AssetResponseDto]:
        """Get random assets. Retrieve a specified number of random assets for the authenticated user. (``GET /assets/random``, permission ``asset.read``, deprecated)"""
        return await self._parsed(_get_random, locals())
    async def get_random_with_http_info(self, *, count: float | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[AssetResponseDto]]:
        """``get_random``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_get_random, locals())
    def get_random_without_preload_content(self, *, count: float | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``get_random``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_get_random, locals())

    async def play_asset_video(self, id: str, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> bytes:
        """Play asset video. Streams the video file for the specified asset. This endpoint also supports byte range requests. (``GET /assets/{id}/video/playback``, permission ``asset.view``)"""
        return await self._parsed(_play_asset_video, locals())
    async def play_asset_video_with_http_info(self, id: str, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[bytes]:
        """``play_asset_video``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_play_asset_video, locals())
    def play_asset_video_without_preload_content(self, id: str, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``play_asset_video``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_play_asset_video, locals())

    async def remove_asset_edits(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Remove edits from an existing asset. Removes all edit actions (crop, rotate, mirror) associated with the specified asset. (``DELETE /assets/{id}/edits``, permission ``asset.edit.delete``)"""
        return await self._parsed(_remove_asset_edits, locals())
    async def remove_asset_edits_with_http_info(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``remove_asset_edits``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_remove_asset_edits, locals())
    def remove_asset_edits_without_preload_content(self, id: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``remove_asset_edits``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_remove_asset_edits, locals())

    async def replace_asset(self, id: str, asset_media_replace_dto: AssetMediaReplaceDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AssetMediaResponseDto:
        """Replace asset. Replace the asset with new file, without changing its id. (``PUT /assets/{id}/original``, permission ``asset.replace``, deprecated)"""
        return await self._parsed(_replace_asset, locals())
    async def replace_asset_with_http_info(self, id: str, asset_media_replace_dto: AssetMediaReplaceDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AssetMediaResponseDto]:
        """``replace_asset``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_replace_asset, locals())
    def replace_asset_without_preload_content(self, id: str, asset_media_replace_dto: AssetMediaReplaceDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``replace_asset``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_replace_asset, locals())

    async def run_asset_jobs(self, asset_jobs_dto: AssetJobsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Run an asset job. Run a specific job on a set of assets. (``POST /assets/jobs``, permission ``job.create``)"""
        return await self._parsed(_run_asset_jobs, locals())
    async def run_asset_jobs_with_http_info(self, asset_jobs_dto: AssetJobsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``run_asset_jobs``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_run_asset_jobs, locals())
    def run_asset_jobs_without_preload_content(self, asset_jobs_dto: AssetJobsDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``run_asset_jobs``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_run_asset_jobs, locals())

    async def update_asset(self, id: str, update_asset_dto: UpdateAssetDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AssetResponseDto:
        """Update an asset. Update information of a specific asset. (``PUT /assets/{id}``, permission ``asset.update``)"""
        return await self._parsed(_update_asset, locals())
    async def update_asset_with_http_info(self, id: str, update_asset_dto: UpdateAssetDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AssetResponseDto]:
        """``update_asset``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_asset, locals())
    def update_asset_without_preload_content(self, id: str, update_asset_dto: UpdateAssetDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_asset``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_asset, locals())

    async def update_asset_metadata(self, id: str, asset_metadata_upsert_dto: AssetMetadataUpsertDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[AssetMetadataResponseDto]:
        """Update asset metadata. Update or add metadata key-value pairs for the specified asset. (``PUT /assets/{id}/metadata``, permission ``asset.update``)"""
        return await self._parsed(_update_asset_metadata, locals())
    async def update_asset_metadata_with_http_info(self, id: str, asset_metadata_upsert_dto: AssetMetadataUpsertDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[AssetMetadataResponseDto]]:
        """``update_asset_metadata``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_asset_metadata, locals())
    def update_asset_metadata_without_preload_content(self, id: str, asset_metadata_upsert_dto: AssetMetadataUpsertDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_asset_metadata``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_asset_metadata, locals())

    async def update_assets(self, asset_bulk_update_dto: AssetBulkUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Update assets. Updates multiple assets at the same time. (``PUT /assets``, permission ``asset.update``)"""
        return await self._parsed(_update_assets, locals())
    async def update_assets_with_http_info(self, asset_bulk_update_dto: AssetBulkUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``update_assets``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_assets, locals())
    def update_assets_without_preload_content(self, asset_bulk_update_dto: AssetBulkUpdateDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_assets``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_assets, locals())

    async def update_bulk_asset_metadata(self, asset_metadata_bulk_upsert_dto: AssetMetadataBulkUpsertDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> list[AssetMetadataBulkResponseDto]:
        """Upsert asset metadata. Upsert metadata key-value pairs for multiple assets. (``PUT /assets/metadata``, permission ``asset.update``)"""
        return await self._parsed(_update_bulk_asset_metadata, locals())
    async def update_bulk_asset_metadata_with_http_info(self, asset_metadata_bulk_upsert_dto: AssetMetadataBulkUpsertDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[list[AssetMetadataBulkResponseDto]]:
        """``update_bulk_asset_metadata``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_update_bulk_asset_metadata, locals())
    def update_bulk_asset_metadata_without_preload_content(self, asset_metadata_bulk_upsert_dto: AssetMetadataBulkUpsertDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``update_bulk_asset_metadata``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_update_bulk_asset_metadata, locals())

    async def upload_asset(self, asset_media_create_dto: AssetMediaCreateDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, x_immich_checksum: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> AssetMediaResponseDto:
        """Upload asset. Uploads a new asset to the server. (``POST /assets``, permission ``asset.upload``)"""
        return await self._parsed(_upload_asset, locals())
    async def upload_asset_with_http_info(self, asset_media_create_dto: AssetMediaCreateDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, x_immich_checksum: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[AssetMediaResponseDto]:
        """``upload_asset``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_upload_asset, locals())
    def upload_asset_without_preload_content(self, asset_media_create_dto: AssetMediaCreateDto, *, key: str | Unset = UNSET, slug: str | Unset = UNSET, x_immich_checksum: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``upload_asset``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_upload_asset, locals())

    async def view_asset(self, id: str, *, edited: bool | Unset = UNSET, key: str | Unset = UNSET, size: AssetMediaSize | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> bytes:
        """View asset thumbnail. Retrieve the thumbnail image for the specified asset. Viewing the fullsize thumbnail might redirect to downloadAsset, which requires a different permission. (``GET /assets/{id}/thumbnail``, permission ``asset.view``)"""
        return await self._parsed(_view_asset, locals())
    async def view_asset_with_http_info(self, id: str, *, edited: bool | Unset = UNSET, key: str | Unset = UNSET, size: AssetMediaSize | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[bytes]:
        """``view_asset``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_view_asset, locals())
    def view_asset_without_preload_content(self, id: str, *, edited: bool | Unset = UNSET, key: str | Unset = UNSET, size: AssetMediaSize | Unset = UNSET, slug: str | Unset = UNSET, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``view_asset``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_view_asset, locals())
