# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Database Backups (admin): Manage backups of the Immich database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._http.group import ApiGroup, HeadersArg, Op, RawCall, TimeoutArg
from .._types import UNSET, Unset

if TYPE_CHECKING:
    from .._http.response import ApiResponse
    from ..models import (
        DatabaseBackupDeleteDto,
        DatabaseBackupListResponseDto,
        DatabaseBackupUploadDto,
    )

_delete_database_backup = Op('deleteDatabaseBackup', 'DELETE', '/admin/database-backups', body=('database_backup_delete_dto', 'json'))
_download_database_backup = Op('downloadDatabaseBackup', 'GET', '/admin/database-backups/{filename}', path=('filename',), returns='bytes')
_list_database_backups = Op('listDatabaseBackups', 'GET', '/admin/database-backups', returns='DatabaseBackupListResponseDto')
_start_database_restore_flow = Op('startDatabaseRestoreFlow', 'POST', '/admin/database-backups/start-restore')
_upload_database_backup = Op('uploadDatabaseBackup', 'POST', '/admin/database-backups/upload', body=('database_backup_upload_dto', 'multipart'))


class DatabaseBackupsAdminApi(ApiGroup):
    """Database Backups (admin): Manage backups of the Immich database."""

    async def delete_database_backup(self, database_backup_delete_dto: DatabaseBackupDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Delete database backup. Delete a backup by its filename (``DELETE /admin/database-backups``, permission ``backup.delete``)"""
        return await self._parsed(_delete_database_backup, locals())
    async def delete_database_backup_with_http_info(self, database_backup_delete_dto: DatabaseBackupDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``delete_database_backup``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_delete_database_backup, locals())
    def delete_database_backup_without_preload_content(self, database_backup_delete_dto: DatabaseBackupDeleteDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``delete_database_backup``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_delete_database_backup, locals())

    async def download_database_backup(self, filename: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> bytes:
        """Download database backup. Downloads the database backup file (``GET /admin/database-backups/{filename}``, permission ``backup.download``)"""
        return await self._parsed(_download_database_backup, locals())
    async def download_database_backup_with_http_info(self, filename: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[bytes]:
        """``download_database_backup``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_download_database_backup, locals())
    def download_database_backup_without_preload_content(self, filename: str, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``download_database_backup``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_download_database_backup, locals())

    async def list_database_backups(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> DatabaseBackupListResponseDto:
        """List database backups. Get the list of the successful and failed backups (``GET /admin/database-backups``, permission ``maintenance``)"""
        return await self._parsed(_list_database_backups, locals())
    async def list_database_backups_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[DatabaseBackupListResponseDto]:
        """``list_database_backups``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_list_database_backups, locals())
    def list_database_backups_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``list_database_backups``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_list_database_backups, locals())

    async def start_database_restore_flow(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Start database backup restore flow. Put Immich into maintenance mode to restore a backup (Immich must not be configured) (``POST /admin/database-backups/start-restore``)"""
        return await self._parsed(_start_database_restore_flow, locals())
    async def start_database_restore_flow_with_http_info(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``start_database_restore_flow``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_start_database_restore_flow, locals())
    def start_database_restore_flow_without_preload_content(self, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``start_database_restore_flow``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_start_database_restore_flow, locals())

    async def upload_database_backup(self, database_backup_upload_dto: DatabaseBackupUploadDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> None:
        """Upload database backup. Uploads .sql/.sql.gz file to restore backup from (``POST /admin/database-backups/upload``, permission ``backup.upload``)"""
        return await self._parsed(_upload_database_backup, locals())
    async def upload_database_backup_with_http_info(self, database_backup_upload_dto: DatabaseBackupUploadDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> ApiResponse[None]:
        """``upload_database_backup``, returning status code, headers, parsed data and raw bytes."""
        return await self._with_http_info(_upload_database_backup, locals())
    def upload_database_backup_without_preload_content(self, database_backup_upload_dto: DatabaseBackupUploadDto, *, _request_timeout: TimeoutArg = UNSET, _headers: HeadersArg = None) -> RawCall:
        """``upload_database_backup``, returning the unread streaming response (``async with`` it, or await and close it)."""
        return self._without_preload_content(_upload_database_backup, locals())
