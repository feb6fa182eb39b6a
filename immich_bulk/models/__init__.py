# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Models of the Immich API: attrs classes (one small module each) and open string enums.

Import them from here (``from immich_bulk.models import AssetResponseDto``); each is
loaded on first use, so importing this package costs next to nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .._naming import snake as _module_of

if TYPE_CHECKING:
    from ._enums import (
        AlbumUserRole, AssetBulkUploadCheckResultAction, AssetBulkUploadCheckResultReason,
        AssetEditAction, AssetIdsResponseDtoError, AssetJobName, AssetMediaSize,
        AssetMediaStatus, AssetOrder, AssetTypeEnum, AssetVisibility, AudioCodec,
        BulkIdErrorReason, BulkIdResponseDtoError, CQMode, Colorspace, ImageFormat, JobName,
        LogLevel, MaintenanceAction, ManualJobName, MemorySearchOrder, MemoryType, MirrorAxis,
        NotificationLevel, NotificationType, OAuthTokenEndpointAuthMethod, PartnerDirection,
        Permission, PluginContextType, PluginTriggerType, QueueCommand, QueueJobStatus,
        QueueName, ReactionLevel, ReactionType, SearchSuggestionType, SharedLinkType,
        SourceType, StorageFolder, SyncEntityType, SyncRequestType, ToneMapping,
        TranscodeHWAccel, TranscodePolicy, UserAvatarColor, UserMetadataKey, UserStatus,
        VideoCodec, VideoContainer,
    )
    from .api_key_create_dto import APIKeyCreateDto as APIKeyCreateDto
    from .api_key_create_response_dto import APIKeyCreateResponseDto as APIKeyCreateResponseDto
    from .api_key_response_dto import APIKeyResponseDto as APIKeyResponseDto
    from .api_key_update_dto import APIKeyUpdateDto as APIKeyUpdateDto
    from .activity_create_dto import ActivityCreateDto as ActivityCreateDto
    from .activity_response_dto import ActivityResponseDto as ActivityResponseDto
    from .activity_statistics_response_dto import ActivityStatisticsResponseDto as ActivityStatisticsResponseDto
    from .add_users_dto import AddUsersDto as AddUsersDto
    from .admin_onboarding_update_dto import AdminOnboardingUpdateDto as AdminOnboardingUpdateDto
    from .album_response_dto import AlbumResponseDto as AlbumResponseDto
    from .album_statistics_response_dto import AlbumStatisticsResponseDto as AlbumStatisticsResponseDto
    from .album_user_add_dto import AlbumUserAddDto as AlbumUserAddDto
    from .album_user_create_dto import AlbumUserCreateDto as AlbumUserCreateDto
    from .album_user_response_dto import AlbumUserResponseDto as AlbumUserResponseDto
    from .albums_add_assets_dto import AlbumsAddAssetsDto as AlbumsAddAssetsDto
    from .albums_add_assets_response_dto import AlbumsAddAssetsResponseDto as AlbumsAddAssetsResponseDto
    from .albums_response import AlbumsResponse as AlbumsResponse
    from .albums_update import AlbumsUpdate as AlbumsUpdate
    from .asset_bulk_delete_dto import AssetBulkDeleteDto as AssetBulkDeleteDto
    from .asset_bulk_update_dto import AssetBulkUpdateDto as AssetBulkUpdateDto
    from .asset_bulk_upload_check_dto import AssetBulkUploadCheckDto as AssetBulkUploadCheckDto
    from .asset_bulk_upload_check_item import AssetBulkUploadCheckItem as AssetBulkUploadCheckItem
    from .asset_bulk_upload_check_response_dto import AssetBulkUploadCheckResponseDto as AssetBulkUploadCheckResponseDto
    from .asset_bulk_upload_check_result import AssetBulkUploadCheckResult as AssetBulkUploadCheckResult
    from .asset_copy_dto import AssetCopyDto as AssetCopyDto
    from .asset_delta_sync_dto import AssetDeltaSyncDto as AssetDeltaSyncDto
    from .asset_delta_sync_response_dto import AssetDeltaSyncResponseDto as AssetDeltaSyncResponseDto
    from .asset_edit_action_item_dto import AssetEditActionItemDto as AssetEditActionItemDto
    from .asset_edit_action_item_response_dto import AssetEditActionItemResponseDto as AssetEditActionItemResponseDto
    from .asset_edits_create_dto import AssetEditsCreateDto as AssetEditsCreateDto
    from .asset_edits_response_dto import AssetEditsResponseDto as AssetEditsResponseDto
    from .asset_face_create_dto import AssetFaceCreateDto as AssetFaceCreateDto
    from .asset_face_delete_dto import AssetFaceDeleteDto as AssetFaceDeleteDto
    from .asset_face_response_dto import AssetFaceResponseDto as AssetFaceResponseDto
    from .asset_face_update_dto import AssetFaceUpdateDto as AssetFaceUpdateDto
    from .asset_face_update_item import AssetFaceUpdateItem as AssetFaceUpdateItem
    from .asset_face_without_person_response_dto import AssetFaceWithoutPersonResponseDto as AssetFaceWithoutPersonResponseDto
    from .asset_full_sync_dto import AssetFullSyncDto as AssetFullSyncDto
    from .asset_ids_dto import AssetIdsDto as AssetIdsDto
    from .asset_ids_response_dto import AssetIdsResponseDto as AssetIdsResponseDto
    from .asset_jobs_dto import AssetJobsDto as AssetJobsDto
    from .asset_media_create_dto import AssetMediaCreateDto as AssetMediaCreateDto
    from .asset_media_replace_dto import AssetMediaReplaceDto as AssetMediaReplaceDto
    from .asset_media_response_dto import AssetMediaResponseDto as AssetMediaResponseDto
    from .asset_metadata_bulk_delete_dto import AssetMetadataBulkDeleteDto as AssetMetadataBulkDeleteDto
    from .asset_metadata_bulk_delete_item_dto import AssetMetadataBulkDeleteItemDto as AssetMetadataBulkDeleteItemDto
    from .asset_metadata_bulk_response_dto import AssetMetadataBulkResponseDto as AssetMetadataBulkResponseDto
    from .asset_metadata_bulk_upsert_dto import AssetMetadataBulkUpsertDto as AssetMetadataBulkUpsertDto
    from .asset_metadata_bulk_upsert_item_dto import AssetMetadataBulkUpsertItemDto as AssetMetadataBulkUpsertItemDto
    from .asset_metadata_response_dto import AssetMetadataResponseDto as AssetMetadataResponseDto
    from .asset_metadata_upsert_dto import AssetMetadataUpsertDto as AssetMetadataUpsertDto
    from .asset_metadata_upsert_item_dto import AssetMetadataUpsertItemDto as AssetMetadataUpsertItemDto
    from .asset_ocr_response_dto import AssetOcrResponseDto as AssetOcrResponseDto
    from .asset_response_dto import AssetResponseDto as AssetResponseDto
    from .asset_stack_response_dto import AssetStackResponseDto as AssetStackResponseDto
    from .asset_stats_response_dto import AssetStatsResponseDto as AssetStatsResponseDto
    from .auth_status_response_dto import AuthStatusResponseDto as AuthStatusResponseDto
    from .avatar_update import AvatarUpdate as AvatarUpdate
    from .bulk_id_response_dto import BulkIdResponseDto as BulkIdResponseDto
    from .bulk_ids_dto import BulkIdsDto as BulkIdsDto
    from .clip_config import CLIPConfig as CLIPConfig
    from .cast_response import CastResponse as CastResponse
    from .cast_update import CastUpdate as CastUpdate
    from .change_password_dto import ChangePasswordDto as ChangePasswordDto
    from .check_existing_assets_dto import CheckExistingAssetsDto as CheckExistingAssetsDto
    from .check_existing_assets_response_dto import CheckExistingAssetsResponseDto as CheckExistingAssetsResponseDto
    from .contributor_count_response_dto import ContributorCountResponseDto as ContributorCountResponseDto
    from .create_album_dto import CreateAlbumDto as CreateAlbumDto
    from .create_library_dto import CreateLibraryDto as CreateLibraryDto
    from .create_profile_image_dto import CreateProfileImageDto as CreateProfileImageDto
    from .create_profile_image_response_dto import CreateProfileImageResponseDto as CreateProfileImageResponseDto
    from .crop_parameters import CropParameters as CropParameters
    from .database_backup_config import DatabaseBackupConfig as DatabaseBackupConfig
    from .database_backup_delete_dto import DatabaseBackupDeleteDto as DatabaseBackupDeleteDto
    from .database_backup_dto import DatabaseBackupDto as DatabaseBackupDto
    from .database_backup_list_response_dto import DatabaseBackupListResponseDto as DatabaseBackupListResponseDto
    from .database_backup_upload_dto import DatabaseBackupUploadDto as DatabaseBackupUploadDto
    from .download_archive_dto import DownloadArchiveDto as DownloadArchiveDto
    from .download_archive_info import DownloadArchiveInfo as DownloadArchiveInfo
    from .download_info_dto import DownloadInfoDto as DownloadInfoDto
    from .download_response import DownloadResponse as DownloadResponse
    from .download_response_dto import DownloadResponseDto as DownloadResponseDto
    from .download_update import DownloadUpdate as DownloadUpdate
    from .duplicate_detection_config import DuplicateDetectionConfig as DuplicateDetectionConfig
    from .duplicate_resolve_dto import DuplicateResolveDto as DuplicateResolveDto
    from .duplicate_resolve_group_dto import DuplicateResolveGroupDto as DuplicateResolveGroupDto
    from .duplicate_response_dto import DuplicateResponseDto as DuplicateResponseDto
    from .email_notifications_response import EmailNotificationsResponse as EmailNotificationsResponse
    from .email_notifications_update import EmailNotificationsUpdate as EmailNotificationsUpdate
    from .exif_response_dto import ExifResponseDto as ExifResponseDto
    from .face_dto import FaceDto as FaceDto
    from .facial_recognition_config import FacialRecognitionConfig as FacialRecognitionConfig
    from .folders_response import FoldersResponse as FoldersResponse
    from .folders_update import FoldersUpdate as FoldersUpdate
    from .job_create_dto import JobCreateDto as JobCreateDto
    from .job_settings_dto import JobSettingsDto as JobSettingsDto
    from .library_response_dto import LibraryResponseDto as LibraryResponseDto
    from .library_stats_response_dto import LibraryStatsResponseDto as LibraryStatsResponseDto
    from .license_key_dto import LicenseKeyDto as LicenseKeyDto
    from .license_response_dto import LicenseResponseDto as LicenseResponseDto
    from .login_credential_dto import LoginCredentialDto as LoginCredentialDto
    from .login_response_dto import LoginResponseDto as LoginResponseDto
    from .logout_response_dto import LogoutResponseDto as LogoutResponseDto
    from .machine_learning_availability_checks_dto import MachineLearningAvailabilityChecksDto as MachineLearningAvailabilityChecksDto
    from .maintenance_auth_dto import MaintenanceAuthDto as MaintenanceAuthDto
    from .maintenance_detect_install_response_dto import MaintenanceDetectInstallResponseDto as MaintenanceDetectInstallResponseDto
    from .maintenance_detect_install_storage_folder_dto import MaintenanceDetectInstallStorageFolderDto as MaintenanceDetectInstallStorageFolderDto
    from .maintenance_login_dto import MaintenanceLoginDto as MaintenanceLoginDto
    from .maintenance_status_response_dto import MaintenanceStatusResponseDto as MaintenanceStatusResponseDto
    from .map_marker_response_dto import MapMarkerResponseDto as MapMarkerResponseDto
    from .map_reverse_geocode_response_dto import MapReverseGeocodeResponseDto as MapReverseGeocodeResponseDto
    from .memories_response import MemoriesResponse as MemoriesResponse
    from .memories_update import MemoriesUpdate as MemoriesUpdate
    from .memory_create_dto import MemoryCreateDto as MemoryCreateDto
    from .memory_response_dto import MemoryResponseDto as MemoryResponseDto
    from .memory_statistics_response_dto import MemoryStatisticsResponseDto as MemoryStatisticsResponseDto
    from .memory_update_dto import MemoryUpdateDto as MemoryUpdateDto
    from .merge_person_dto import MergePersonDto as MergePersonDto
    from .metadata_search_dto import MetadataSearchDto as MetadataSearchDto
    from .mirror_parameters import MirrorParameters as MirrorParameters
    from .notification_create_dto import NotificationCreateDto as NotificationCreateDto
    from .notification_delete_all_dto import NotificationDeleteAllDto as NotificationDeleteAllDto
    from .notification_dto import NotificationDto as NotificationDto
    from .notification_update_all_dto import NotificationUpdateAllDto as NotificationUpdateAllDto
    from .notification_update_dto import NotificationUpdateDto as NotificationUpdateDto
    from .o_auth_authorize_response_dto import OAuthAuthorizeResponseDto as OAuthAuthorizeResponseDto
    from .o_auth_callback_dto import OAuthCallbackDto as OAuthCallbackDto
    from .o_auth_config_dto import OAuthConfigDto as OAuthConfigDto
    from .ocr_config import OcrConfig as OcrConfig
    from .on_this_day_dto import OnThisDayDto as OnThisDayDto
    from .onboarding_dto import OnboardingDto as OnboardingDto
    from .onboarding_response_dto import OnboardingResponseDto as OnboardingResponseDto
    from .partner_create_dto import PartnerCreateDto as PartnerCreateDto
    from .partner_response_dto import PartnerResponseDto as PartnerResponseDto
    from .partner_update_dto import PartnerUpdateDto as PartnerUpdateDto
    from .people_response import PeopleResponse as PeopleResponse
    from .people_response_dto import PeopleResponseDto as PeopleResponseDto
    from .people_update import PeopleUpdate as PeopleUpdate
    from .people_update_dto import PeopleUpdateDto as PeopleUpdateDto
    from .people_update_item import PeopleUpdateItem as PeopleUpdateItem
    from .person_create_dto import PersonCreateDto as PersonCreateDto
    from .person_response_dto import PersonResponseDto as PersonResponseDto
    from .person_statistics_response_dto import PersonStatisticsResponseDto as PersonStatisticsResponseDto
    from .person_update_dto import PersonUpdateDto as PersonUpdateDto
    from .person_with_faces_response_dto import PersonWithFacesResponseDto as PersonWithFacesResponseDto
    from .pin_code_change_dto import PinCodeChangeDto as PinCodeChangeDto
    from .pin_code_reset_dto import PinCodeResetDto as PinCodeResetDto
    from .pin_code_setup_dto import PinCodeSetupDto as PinCodeSetupDto
    from .places_response_dto import PlacesResponseDto as PlacesResponseDto
    from .plugin_action_response_dto import PluginActionResponseDto as PluginActionResponseDto
    from .plugin_filter_response_dto import PluginFilterResponseDto as PluginFilterResponseDto
    from .plugin_response_dto import PluginResponseDto as PluginResponseDto
    from .plugin_trigger_response_dto import PluginTriggerResponseDto as PluginTriggerResponseDto
    from .purchase_response import PurchaseResponse as PurchaseResponse
    from .purchase_update import PurchaseUpdate as PurchaseUpdate
    from .queue_command_dto import QueueCommandDto as QueueCommandDto
    from .queue_delete_dto import QueueDeleteDto as QueueDeleteDto
    from .queue_job_response_dto import QueueJobResponseDto as QueueJobResponseDto
    from .queue_response_dto import QueueResponseDto as QueueResponseDto
    from .queue_response_legacy_dto import QueueResponseLegacyDto as QueueResponseLegacyDto
    from .queue_statistics_dto import QueueStatisticsDto as QueueStatisticsDto
    from .queue_status_legacy_dto import QueueStatusLegacyDto as QueueStatusLegacyDto
    from .queue_update_dto import QueueUpdateDto as QueueUpdateDto
    from .queues_response_legacy_dto import QueuesResponseLegacyDto as QueuesResponseLegacyDto
    from .random_search_dto import RandomSearchDto as RandomSearchDto
    from .ratings_response import RatingsResponse as RatingsResponse
    from .ratings_update import RatingsUpdate as RatingsUpdate
    from .reverse_geocoding_state_response_dto import ReverseGeocodingStateResponseDto as ReverseGeocodingStateResponseDto
    from .rotate_parameters import RotateParameters as RotateParameters
    from .search_album_response_dto import SearchAlbumResponseDto as SearchAlbumResponseDto
    from .search_asset_response_dto import SearchAssetResponseDto as SearchAssetResponseDto
    from .search_explore_item import SearchExploreItem as SearchExploreItem
    from .search_explore_response_dto import SearchExploreResponseDto as SearchExploreResponseDto
    from .search_facet_count_response_dto import SearchFacetCountResponseDto as SearchFacetCountResponseDto
    from .search_facet_response_dto import SearchFacetResponseDto as SearchFacetResponseDto
    from .search_response_dto import SearchResponseDto as SearchResponseDto
    from .search_statistics_response_dto import SearchStatisticsResponseDto as SearchStatisticsResponseDto
    from .server_about_response_dto import ServerAboutResponseDto as ServerAboutResponseDto
    from .server_apk_links_dto import ServerApkLinksDto as ServerApkLinksDto
    from .server_config_dto import ServerConfigDto as ServerConfigDto
    from .server_features_dto import ServerFeaturesDto as ServerFeaturesDto
    from .server_media_types_response_dto import ServerMediaTypesResponseDto as ServerMediaTypesResponseDto
    from .server_ping_response import ServerPingResponse as ServerPingResponse
    from .server_stats_response_dto import ServerStatsResponseDto as ServerStatsResponseDto
    from .server_storage_response_dto import ServerStorageResponseDto as ServerStorageResponseDto
    from .server_theme_dto import ServerThemeDto as ServerThemeDto
    from .server_version_history_response_dto import ServerVersionHistoryResponseDto as ServerVersionHistoryResponseDto
    from .server_version_response_dto import ServerVersionResponseDto as ServerVersionResponseDto
    from .session_create_dto import SessionCreateDto as SessionCreateDto
    from .session_create_response_dto import SessionCreateResponseDto as SessionCreateResponseDto
    from .session_response_dto import SessionResponseDto as SessionResponseDto
    from .session_unlock_dto import SessionUnlockDto as SessionUnlockDto
    from .session_update_dto import SessionUpdateDto as SessionUpdateDto
    from .set_maintenance_mode_dto import SetMaintenanceModeDto as SetMaintenanceModeDto
    from .shared_link_create_dto import SharedLinkCreateDto as SharedLinkCreateDto
    from .shared_link_edit_dto import SharedLinkEditDto as SharedLinkEditDto
    from .shared_link_login_dto import SharedLinkLoginDto as SharedLinkLoginDto
    from .shared_link_response_dto import SharedLinkResponseDto as SharedLinkResponseDto
    from .shared_links_response import SharedLinksResponse as SharedLinksResponse
    from .shared_links_update import SharedLinksUpdate as SharedLinksUpdate
    from .sign_up_dto import SignUpDto as SignUpDto
    from .smart_search_dto import SmartSearchDto as SmartSearchDto
    from .stack_create_dto import StackCreateDto as StackCreateDto
    from .stack_response_dto import StackResponseDto as StackResponseDto
    from .stack_update_dto import StackUpdateDto as StackUpdateDto
    from .statistics_search_dto import StatisticsSearchDto as StatisticsSearchDto
    from .sync_ack_delete_dto import SyncAckDeleteDto as SyncAckDeleteDto
    from .sync_ack_dto import SyncAckDto as SyncAckDto
    from .sync_ack_set_dto import SyncAckSetDto as SyncAckSetDto
    from .sync_ack_v1 import SyncAckV1 as SyncAckV1
    from .sync_album_delete_v1 import SyncAlbumDeleteV1 as SyncAlbumDeleteV1
    from .sync_album_to_asset_delete_v1 import SyncAlbumToAssetDeleteV1 as SyncAlbumToAssetDeleteV1
    from .sync_album_to_asset_v1 import SyncAlbumToAssetV1 as SyncAlbumToAssetV1
    from .sync_album_user_delete_v1 import SyncAlbumUserDeleteV1 as SyncAlbumUserDeleteV1
    from .sync_album_user_v1 import SyncAlbumUserV1 as SyncAlbumUserV1
    from .sync_album_v1 import SyncAlbumV1 as SyncAlbumV1
    from .sync_asset_delete_v1 import SyncAssetDeleteV1 as SyncAssetDeleteV1
    from .sync_asset_edit_delete_v1 import SyncAssetEditDeleteV1 as SyncAssetEditDeleteV1
    from .sync_asset_edit_v1 import SyncAssetEditV1 as SyncAssetEditV1
    from .sync_asset_exif_v1 import SyncAssetExifV1 as SyncAssetExifV1
    from .sync_asset_face_delete_v1 import SyncAssetFaceDeleteV1 as SyncAssetFaceDeleteV1
    from .sync_asset_face_v1 import SyncAssetFaceV1 as SyncAssetFaceV1
    from .sync_asset_face_v2 import SyncAssetFaceV2 as SyncAssetFaceV2
    from .sync_asset_metadata_delete_v1 import SyncAssetMetadataDeleteV1 as SyncAssetMetadataDeleteV1
    from .sync_asset_metadata_v1 import SyncAssetMetadataV1 as SyncAssetMetadataV1
    from .sync_asset_v1 import SyncAssetV1 as SyncAssetV1
    from .sync_auth_user_v1 import SyncAuthUserV1 as SyncAuthUserV1
    from .sync_complete_v1 import SyncCompleteV1 as SyncCompleteV1
    from .sync_memory_asset_delete_v1 import SyncMemoryAssetDeleteV1 as SyncMemoryAssetDeleteV1
    from .sync_memory_asset_v1 import SyncMemoryAssetV1 as SyncMemoryAssetV1
    from .sync_memory_delete_v1 import SyncMemoryDeleteV1 as SyncMemoryDeleteV1
    from .sync_memory_v1 import SyncMemoryV1 as SyncMemoryV1
    from .sync_partner_delete_v1 import SyncPartnerDeleteV1 as SyncPartnerDeleteV1
    from .sync_partner_v1 import SyncPartnerV1 as SyncPartnerV1
    from .sync_person_delete_v1 import SyncPersonDeleteV1 as SyncPersonDeleteV1
    from .sync_person_v1 import SyncPersonV1 as SyncPersonV1
    from .sync_reset_v1 import SyncResetV1 as SyncResetV1
    from .sync_stack_delete_v1 import SyncStackDeleteV1 as SyncStackDeleteV1
    from .sync_stack_v1 import SyncStackV1 as SyncStackV1
    from .sync_stream_dto import SyncStreamDto as SyncStreamDto
    from .sync_user_delete_v1 import SyncUserDeleteV1 as SyncUserDeleteV1
    from .sync_user_metadata_delete_v1 import SyncUserMetadataDeleteV1 as SyncUserMetadataDeleteV1
    from .sync_user_metadata_v1 import SyncUserMetadataV1 as SyncUserMetadataV1
    from .sync_user_v1 import SyncUserV1 as SyncUserV1
    from .system_config_backups_dto import SystemConfigBackupsDto as SystemConfigBackupsDto
    from .system_config_dto import SystemConfigDto as SystemConfigDto
    from .system_config_f_fmpeg_dto import SystemConfigFFmpegDto as SystemConfigFFmpegDto
    from .system_config_faces_dto import SystemConfigFacesDto as SystemConfigFacesDto
    from .system_config_generated_fullsize_image_dto import SystemConfigGeneratedFullsizeImageDto as SystemConfigGeneratedFullsizeImageDto
    from .system_config_generated_image_dto import SystemConfigGeneratedImageDto as SystemConfigGeneratedImageDto
    from .system_config_image_dto import SystemConfigImageDto as SystemConfigImageDto
    from .system_config_job_dto import SystemConfigJobDto as SystemConfigJobDto
    from .system_config_library_dto import SystemConfigLibraryDto as SystemConfigLibraryDto
    from .system_config_library_scan_dto import SystemConfigLibraryScanDto as SystemConfigLibraryScanDto
    from .system_config_library_watch_dto import SystemConfigLibraryWatchDto as SystemConfigLibraryWatchDto
    from .system_config_logging_dto import SystemConfigLoggingDto as SystemConfigLoggingDto
    from .system_config_machine_learning_dto import SystemConfigMachineLearningDto as SystemConfigMachineLearningDto
    from .system_config_map_dto import SystemConfigMapDto as SystemConfigMapDto
    from .system_config_metadata_dto import SystemConfigMetadataDto as SystemConfigMetadataDto
    from .system_config_new_version_check_dto import SystemConfigNewVersionCheckDto as SystemConfigNewVersionCheckDto
    from .system_config_nightly_tasks_dto import SystemConfigNightlyTasksDto as SystemConfigNightlyTasksDto
    from .system_config_notifications_dto import SystemConfigNotificationsDto as SystemConfigNotificationsDto
    from .system_config_o_auth_dto import SystemConfigOAuthDto as SystemConfigOAuthDto
    from .system_config_password_login_dto import SystemConfigPasswordLoginDto as SystemConfigPasswordLoginDto
    from .system_config_reverse_geocoding_dto import SystemConfigReverseGeocodingDto as SystemConfigReverseGeocodingDto
    from .system_config_server_dto import SystemConfigServerDto as SystemConfigServerDto
    from .system_config_smtp_dto import SystemConfigSmtpDto as SystemConfigSmtpDto
    from .system_config_smtp_transport_dto import SystemConfigSmtpTransportDto as SystemConfigSmtpTransportDto
    from .system_config_storage_template_dto import SystemConfigStorageTemplateDto as SystemConfigStorageTemplateDto
    from .system_config_template_emails_dto import SystemConfigTemplateEmailsDto as SystemConfigTemplateEmailsDto
    from .system_config_template_storage_option_dto import SystemConfigTemplateStorageOptionDto as SystemConfigTemplateStorageOptionDto
    from .system_config_templates_dto import SystemConfigTemplatesDto as SystemConfigTemplatesDto
    from .system_config_theme_dto import SystemConfigThemeDto as SystemConfigThemeDto
    from .system_config_trash_dto import SystemConfigTrashDto as SystemConfigTrashDto
    from .system_config_user_dto import SystemConfigUserDto as SystemConfigUserDto
    from .tag_bulk_assets_dto import TagBulkAssetsDto as TagBulkAssetsDto
    from .tag_bulk_assets_response_dto import TagBulkAssetsResponseDto as TagBulkAssetsResponseDto
    from .tag_create_dto import TagCreateDto as TagCreateDto
    from .tag_response_dto import TagResponseDto as TagResponseDto
    from .tag_update_dto import TagUpdateDto as TagUpdateDto
    from .tag_upsert_dto import TagUpsertDto as TagUpsertDto
    from .tags_response import TagsResponse as TagsResponse
    from .tags_update import TagsUpdate as TagsUpdate
    from .template_dto import TemplateDto as TemplateDto
    from .template_response_dto import TemplateResponseDto as TemplateResponseDto
    from .test_email_response_dto import TestEmailResponseDto as TestEmailResponseDto
    from .time_bucket_asset_response_dto import TimeBucketAssetResponseDto as TimeBucketAssetResponseDto
    from .time_buckets_response_dto import TimeBucketsResponseDto as TimeBucketsResponseDto
    from .trash_response_dto import TrashResponseDto as TrashResponseDto
    from .update_album_dto import UpdateAlbumDto as UpdateAlbumDto
    from .update_album_user_dto import UpdateAlbumUserDto as UpdateAlbumUserDto
    from .update_asset_dto import UpdateAssetDto as UpdateAssetDto
    from .update_library_dto import UpdateLibraryDto as UpdateLibraryDto
    from .usage_by_user_dto import UsageByUserDto as UsageByUserDto
    from .user_admin_create_dto import UserAdminCreateDto as UserAdminCreateDto
    from .user_admin_delete_dto import UserAdminDeleteDto as UserAdminDeleteDto
    from .user_admin_response_dto import UserAdminResponseDto as UserAdminResponseDto
    from .user_admin_update_dto import UserAdminUpdateDto as UserAdminUpdateDto
    from .user_license import UserLicense as UserLicense
    from .user_preferences_response_dto import UserPreferencesResponseDto as UserPreferencesResponseDto
    from .user_preferences_update_dto import UserPreferencesUpdateDto as UserPreferencesUpdateDto
    from .user_response_dto import UserResponseDto as UserResponseDto
    from .user_update_me_dto import UserUpdateMeDto as UserUpdateMeDto
    from .validate_access_token_response_dto import ValidateAccessTokenResponseDto as ValidateAccessTokenResponseDto
    from .validate_library_dto import ValidateLibraryDto as ValidateLibraryDto
    from .validate_library_import_path_response_dto import ValidateLibraryImportPathResponseDto as ValidateLibraryImportPathResponseDto
    from .validate_library_response_dto import ValidateLibraryResponseDto as ValidateLibraryResponseDto
    from .version_check_state_response_dto import VersionCheckStateResponseDto as VersionCheckStateResponseDto
    from .workflow_action_item_dto import WorkflowActionItemDto as WorkflowActionItemDto
    from .workflow_action_response_dto import WorkflowActionResponseDto as WorkflowActionResponseDto
    from .workflow_create_dto import WorkflowCreateDto as WorkflowCreateDto
    from .workflow_filter_item_dto import WorkflowFilterItemDto as WorkflowFilterItemDto
    from .workflow_filter_response_dto import WorkflowFilterResponseDto as WorkflowFilterResponseDto
    from .workflow_response_dto import WorkflowResponseDto as WorkflowResponseDto
    from .workflow_update_dto import WorkflowUpdateDto as WorkflowUpdateDto

__all__ = [
    "APIKeyCreateDto", "APIKeyCreateResponseDto", "APIKeyResponseDto", "APIKeyUpdateDto",
    "ActivityCreateDto", "ActivityResponseDto", "ActivityStatisticsResponseDto", "AddUsersDto",
    "AdminOnboardingUpdateDto", "AlbumResponseDto", "AlbumStatisticsResponseDto",
    "AlbumUserAddDto", "AlbumUserCreateDto", "AlbumUserResponseDto", "AlbumUserRole",
    "AlbumsAddAssetsDto", "AlbumsAddAssetsResponseDto", "AlbumsResponse", "AlbumsUpdate",
    "AssetBulkDeleteDto", "AssetBulkUpdateDto", "AssetBulkUploadCheckDto",
    "AssetBulkUploadCheckItem", "AssetBulkUploadCheckResponseDto", "AssetBulkUploadCheckResult",
    "AssetBulkUploadCheckResultAction", "AssetBulkUploadCheckResultReason", "AssetCopyDto",
    "AssetDeltaSyncDto", "AssetDeltaSyncResponseDto", "AssetEditAction",
    "AssetEditActionItemDto", "AssetEditActionItemResponseDto", "AssetEditsCreateDto",
    "AssetEditsResponseDto", "AssetFaceCreateDto", "AssetFaceDeleteDto", "AssetFaceResponseDto",
    "AssetFaceUpdateDto", "AssetFaceUpdateItem", "AssetFaceWithoutPersonResponseDto",
    "AssetFullSyncDto", "AssetIdsDto", "AssetIdsResponseDto", "AssetIdsResponseDtoError",
    "AssetJobName", "AssetJobsDto", "AssetMediaCreateDto", "AssetMediaReplaceDto",
    "AssetMediaResponseDto", "AssetMediaSize", "AssetMediaStatus", "AssetMetadataBulkDeleteDto",
    "AssetMetadataBulkDeleteItemDto", "AssetMetadataBulkResponseDto",
    "AssetMetadataBulkUpsertDto", "AssetMetadataBulkUpsertItemDto", "AssetMetadataResponseDto",
    "AssetMetadataUpsertDto", "AssetMetadataUpsertItemDto", "AssetOcrResponseDto", "AssetOrder",
    "AssetResponseDto", "AssetStackResponseDto", "AssetStatsResponseDto", "AssetTypeEnum",
    "AssetVisibility", "AudioCodec", "AuthStatusResponseDto", "AvatarUpdate",
    "BulkIdErrorReason", "BulkIdResponseDto", "BulkIdResponseDtoError", "BulkIdsDto",
    "CLIPConfig", "CQMode", "CastResponse", "CastUpdate", "ChangePasswordDto",
    "CheckExistingAssetsDto", "CheckExistingAssetsResponseDto", "Colorspace",
    "ContributorCountResponseDto", "CreateAlbumDto", "CreateLibraryDto",
    "CreateProfileImageDto", "CreateProfileImageResponseDto", "CropParameters",
    "DatabaseBackupConfig", "DatabaseBackupDeleteDto", "DatabaseBackupDto",
    "DatabaseBackupListResponseDto", "DatabaseBackupUploadDto", "DownloadArchiveDto",
    "DownloadArchiveInfo", "DownloadInfoDto", "DownloadResponse", "DownloadResponseDto",
    "DownloadUpdate", "DuplicateDetectionConfig", "DuplicateResolveDto",
    "DuplicateResolveGroupDto", "DuplicateResponseDto", "EmailNotificationsResponse",
    "EmailNotificationsUpdate", "ExifResponseDto", "FaceDto", "FacialRecognitionConfig",
    "FoldersResponse", "FoldersUpdate", "ImageFormat", "JobCreateDto", "JobName",
    "JobSettingsDto", "LibraryResponseDto", "LibraryStatsResponseDto", "LicenseKeyDto",
    "LicenseResponseDto", "LogLevel", "LoginCredentialDto", "LoginResponseDto",
    "LogoutResponseDto", "MachineLearningAvailabilityChecksDto", "MaintenanceAction",
    "MaintenanceAuthDto", "MaintenanceDetectInstallResponseDto",
    "MaintenanceDetectInstallStorageFolderDto", "MaintenanceLoginDto",
    "MaintenanceStatusResponseDto", "ManualJobName", "MapMarkerResponseDto",
    "MapReverseGeocodeResponseDto", "MemoriesResponse", "MemoriesUpdate", "MemoryCreateDto",
    "MemoryResponseDto", "MemorySearchOrder", "MemoryStatisticsResponseDto", "MemoryType",
    "MemoryUpdateDto", "MergePersonDto", "MetadataSearchDto", "MirrorAxis", "MirrorParameters",
    "NotificationCreateDto", "NotificationDeleteAllDto", "NotificationDto", "NotificationLevel",
    "NotificationType", "NotificationUpdateAllDto", "NotificationUpdateDto",
    "OAuthAuthorizeResponseDto", "OAuthCallbackDto", "OAuthConfigDto",
    "OAuthTokenEndpointAuthMethod", "OcrConfig", "OnThisDayDto", "OnboardingDto",
    "OnboardingResponseDto", "PartnerCreateDto", "PartnerDirection", "PartnerResponseDto",
    "PartnerUpdateDto", "PeopleResponse", "PeopleResponseDto", "PeopleUpdate",
    "PeopleUpdateDto", "PeopleUpdateItem", "Permission", "PersonCreateDto", "PersonResponseDto",
    "PersonStatisticsResponseDto", "PersonUpdateDto", "PersonWithFacesResponseDto",
    "PinCodeChangeDto", "PinCodeResetDto", "PinCodeSetupDto", "PlacesResponseDto",
    "PluginActionResponseDto", "PluginContextType", "PluginFilterResponseDto",
    "PluginResponseDto", "PluginTriggerResponseDto", "PluginTriggerType", "PurchaseResponse",
    "PurchaseUpdate", "QueueCommand", "QueueCommandDto", "QueueDeleteDto",
    "QueueJobResponseDto", "QueueJobStatus", "QueueName", "QueueResponseDto",
    "QueueResponseLegacyDto", "QueueStatisticsDto", "QueueStatusLegacyDto", "QueueUpdateDto",
    "QueuesResponseLegacyDto", "RandomSearchDto", "RatingsResponse", "RatingsUpdate",
    "ReactionLevel", "ReactionType", "ReverseGeocodingStateResponseDto", "RotateParameters",
    "SearchAlbumResponseDto", "SearchAssetResponseDto", "SearchExploreItem",
    "SearchExploreResponseDto", "SearchFacetCountResponseDto", "SearchFacetResponseDto",
    "SearchResponseDto", "SearchStatisticsResponseDto", "SearchSuggestionType",
    "ServerAboutResponseDto", "ServerApkLinksDto", "ServerConfigDto", "ServerFeaturesDto",
    "ServerMediaTypesResponseDto", "ServerPingResponse", "ServerStatsResponseDto",
    "ServerStorageResponseDto", "ServerThemeDto", "ServerVersionHistoryResponseDto",
    "ServerVersionResponseDto", "SessionCreateDto", "SessionCreateResponseDto",
    "SessionResponseDto", "SessionUnlockDto", "SessionUpdateDto", "SetMaintenanceModeDto",
    "SharedLinkCreateDto", "SharedLinkEditDto", "SharedLinkLoginDto", "SharedLinkResponseDto",
    "SharedLinkType", "SharedLinksResponse", "SharedLinksUpdate", "SignUpDto", "SmartSearchDto",
    "SourceType", "StackCreateDto", "StackResponseDto", "StackUpdateDto", "StatisticsSearchDto",
    "StorageFolder", "SyncAckDeleteDto", "SyncAckDto", "SyncAckSetDto", "SyncAckV1",
    "SyncAlbumDeleteV1", "SyncAlbumToAssetDeleteV1", "SyncAlbumToAssetV1",
    "SyncAlbumUserDeleteV1", "SyncAlbumUserV1", "SyncAlbumV1", "SyncAssetDeleteV1",
    "SyncAssetEditDeleteV1", "SyncAssetEditV1", "SyncAssetExifV1", "SyncAssetFaceDeleteV1",
    "SyncAssetFaceV1", "SyncAssetFaceV2", "SyncAssetMetadataDeleteV1", "SyncAssetMetadataV1",
    "SyncAssetV1", "SyncAuthUserV1", "SyncCompleteV1", "SyncEntityType",
    "SyncMemoryAssetDeleteV1", "SyncMemoryAssetV1", "SyncMemoryDeleteV1", "SyncMemoryV1",
    "SyncPartnerDeleteV1", "SyncPartnerV1", "SyncPersonDeleteV1", "SyncPersonV1",
    "SyncRequestType", "SyncResetV1", "SyncStackDeleteV1", "SyncStackV1", "SyncStreamDto",
    "SyncUserDeleteV1", "SyncUserMetadataDeleteV1", "SyncUserMetadataV1", "SyncUserV1",
    "SystemConfigBackupsDto", "SystemConfigDto", "SystemConfigFFmpegDto",
    "SystemConfigFacesDto", "SystemConfigGeneratedFullsizeImageDto",
    "SystemConfigGeneratedImageDto", "SystemConfigImageDto", "SystemConfigJobDto",
    "SystemConfigLibraryDto", "SystemConfigLibraryScanDto", "SystemConfigLibraryWatchDto",
    "SystemConfigLoggingDto", "SystemConfigMachineLearningDto", "SystemConfigMapDto",
    "SystemConfigMetadataDto", "SystemConfigNewVersionCheckDto", "SystemConfigNightlyTasksDto",
    "SystemConfigNotificationsDto", "SystemConfigOAuthDto", "SystemConfigPasswordLoginDto",
    "SystemConfigReverseGeocodingDto", "SystemConfigServerDto", "SystemConfigSmtpDto",
    "SystemConfigSmtpTransportDto", "SystemConfigStorageTemplateDto",
    "SystemConfigTemplateEmailsDto", "SystemConfigTemplateStorageOptionDto",
    "SystemConfigTemplatesDto", "SystemConfigThemeDto", "SystemConfigTrashDto",
    "SystemConfigUserDto", "TagBulkAssetsDto", "TagBulkAssetsResponseDto", "TagCreateDto",
    "TagResponseDto", "TagUpdateDto", "TagUpsertDto", "TagsResponse", "TagsUpdate",
    "TemplateDto", "TemplateResponseDto", "TestEmailResponseDto", "TimeBucketAssetResponseDto",
    "TimeBucketsResponseDto", "ToneMapping", "TranscodeHWAccel", "TranscodePolicy",
    "TrashResponseDto", "UpdateAlbumDto", "UpdateAlbumUserDto", "UpdateAssetDto",
    "UpdateLibraryDto", "UsageByUserDto", "UserAdminCreateDto", "UserAdminDeleteDto",
    "UserAdminResponseDto", "UserAdminUpdateDto", "UserAvatarColor", "UserLicense",
    "UserMetadataKey", "UserPreferencesResponseDto", "UserPreferencesUpdateDto",
    "UserResponseDto", "UserStatus", "UserUpdateMeDto", "ValidateAccessTokenResponseDto",
    "ValidateLibraryDto", "ValidateLibraryImportPathResponseDto", "ValidateLibraryResponseDto",
    "VersionCheckStateResponseDto", "VideoCodec", "VideoContainer", "WorkflowActionItemDto",
    "WorkflowActionResponseDto", "WorkflowCreateDto", "WorkflowFilterItemDto",
    "WorkflowFilterResponseDto", "WorkflowResponseDto", "WorkflowUpdateDto",
]
_NAMES = frozenset(__all__)
_ENUMS = frozenset({
    "AlbumUserRole", "AssetBulkUploadCheckResultAction", "AssetBulkUploadCheckResultReason",
    "AssetEditAction", "AssetIdsResponseDtoError", "AssetJobName", "AssetMediaSize",
    "AssetMediaStatus", "AssetOrder", "AssetTypeEnum", "AssetVisibility", "AudioCodec",
    "BulkIdErrorReason", "BulkIdResponseDtoError", "CQMode", "Colorspace", "ImageFormat",
    "JobName", "LogLevel", "MaintenanceAction", "ManualJobName", "MemorySearchOrder",
    "MemoryType", "MirrorAxis", "NotificationLevel", "NotificationType",
    "OAuthTokenEndpointAuthMethod", "PartnerDirection", "Permission", "PluginContextType",
    "PluginTriggerType", "QueueCommand", "QueueJobStatus", "QueueName", "ReactionLevel",
    "ReactionType", "SearchSuggestionType", "SharedLinkType", "SourceType", "StorageFolder",
    "SyncEntityType", "SyncRequestType", "ToneMapping", "TranscodeHWAccel", "TranscodePolicy",
    "UserAvatarColor", "UserMetadataKey", "UserStatus", "VideoCodec", "VideoContainer",
})


def __getattr__(name: str) -> Any:
    if name not in _NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = "_enums" if name in _ENUMS else _module_of(name)
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | _NAMES)
