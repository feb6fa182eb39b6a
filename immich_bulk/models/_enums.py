# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""Every enum of the API, open to values this client does not know."""

from .._enum import OpenStrEnum


class AlbumUserRole(OpenStrEnum):
    """Album user role"""
    EDITOR = 'editor'
    VIEWER = 'viewer'


class AssetBulkUploadCheckResultAction(OpenStrEnum):
    """Upload action"""
    ACCEPT = 'accept'
    REJECT = 'reject'


class AssetBulkUploadCheckResultReason(OpenStrEnum):
    """Rejection reason if rejected"""
    DUPLICATE = 'duplicate'
    UNSUPPORTED_FORMAT = 'unsupported-format'


class AssetEditAction(OpenStrEnum):
    """Type of edit action to perform"""
    CROP = 'crop'
    ROTATE = 'rotate'
    MIRROR = 'mirror'


class AssetIdsResponseDtoError(OpenStrEnum):
    """Error reason if failed"""
    DUPLICATE = 'duplicate'
    NO_PERMISSION = 'no_permission'
    NOT_FOUND = 'not_found'


class AssetJobName(OpenStrEnum):
    """Job name"""
    REFRESH_FACES = 'refresh-faces'
    REFRESH_METADATA = 'refresh-metadata'
    REGENERATE_THUMBNAIL = 'regenerate-thumbnail'
    TRANSCODE_VIDEO = 'transcode-video'


class AssetMediaSize(OpenStrEnum):
    ORIGINAL = 'original'
    FULLSIZE = 'fullsize'
    PREVIEW = 'preview'
    THUMBNAIL = 'thumbnail'


class AssetMediaStatus(OpenStrEnum):
    """Upload status"""
    CREATED = 'created'
    REPLACED = 'replaced'
    DUPLICATE = 'duplicate'


class AssetOrder(OpenStrEnum):
    """Asset sort order"""
    ASC = 'asc'
    DESC = 'desc'


class AssetTypeEnum(OpenStrEnum):
    """Asset type"""
    IMAGE = 'IMAGE'
    VIDEO = 'VIDEO'
    AUDIO = 'AUDIO'
    OTHER = 'OTHER'


class AssetVisibility(OpenStrEnum):
    """Asset visibility"""
    ARCHIVE = 'archive'
    TIMELINE = 'timeline'
    HIDDEN = 'hidden'
    LOCKED = 'locked'


class AudioCodec(OpenStrEnum):
    """Target audio codec"""
    MP3 = 'mp3'
    AAC = 'aac'
    LIBOPUS = 'libopus'
    OPUS = 'opus'
    PCM_S16LE = 'pcm_s16le'


class BulkIdErrorReason(OpenStrEnum):
    """Error reason"""
    DUPLICATE = 'duplicate'
    NO_PERMISSION = 'no_permission'
    NOT_FOUND = 'not_found'
    UNKNOWN = 'unknown'
    VALIDATION = 'validation'


class BulkIdResponseDtoError(OpenStrEnum):
    """Error reason if failed"""
    DUPLICATE = 'duplicate'
    NO_PERMISSION = 'no_permission'
    NOT_FOUND = 'not_found'
    UNKNOWN = 'unknown'
    VALIDATION = 'validation'


class CQMode(OpenStrEnum):
    """CQ mode"""
    AUTO = 'auto'
    CQP = 'cqp'
    ICQ = 'icq'


class Colorspace(OpenStrEnum):
    SRGB = 'srgb'
    P3 = 'p3'


class ImageFormat(OpenStrEnum):
    """Image format"""
    JPEG = 'jpeg'
    WEBP = 'webp'


class JobName(OpenStrEnum):
    """Job name"""
    ASSET_DELETE = 'AssetDelete'
    ASSET_DELETE_CHECK = 'AssetDeleteCheck'
    ASSET_DETECT_FACES_QUEUE_ALL = 'AssetDetectFacesQueueAll'
    ASSET_DETECT_FACES = 'AssetDetectFaces'
    ASSET_DETECT_DUPLICATES_QUEUE_ALL = 'AssetDetectDuplicatesQueueAll'
    ASSET_DETECT_DUPLICATES = 'AssetDetectDuplicates'
    ASSET_EDIT_THUMBNAIL_GENERATION = 'AssetEditThumbnailGeneration'
    ASSET_ENCODE_VIDEO_QUEUE_ALL = 'AssetEncodeVideoQueueAll'
    ASSET_ENCODE_VIDEO = 'AssetEncodeVideo'
    ASSET_EMPTY_TRASH = 'AssetEmptyTrash'
    ASSET_EXTRACT_METADATA_QUEUE_ALL = 'AssetExtractMetadataQueueAll'
    ASSET_EXTRACT_METADATA = 'AssetExtractMetadata'
    ASSET_FILE_MIGRATION = 'AssetFileMigration'
    ASSET_GENERATE_THUMBNAILS_QUEUE_ALL = 'AssetGenerateThumbnailsQueueAll'
    ASSET_GENERATE_THUMBNAILS = 'AssetGenerateThumbnails'
    AUDIT_LOG_CLEANUP = 'AuditLogCleanup'
    AUDIT_TABLE_CLEANUP = 'AuditTableCleanup'
    DATABASE_BACKUP = 'DatabaseBackup'
    FACIAL_RECOGNITION_QUEUE_ALL = 'FacialRecognitionQueueAll'
    FACIAL_RECOGNITION = 'FacialRecognition'
    FILE_DELETE = 'FileDelete'
    FILE_MIGRATION_QUEUE_ALL = 'FileMigrationQueueAll'
    LIBRARY_DELETE_CHECK = 'LibraryDeleteCheck'
    LIBRARY_DELETE = 'LibraryDelete'
    LIBRARY_REMOVE_ASSET = 'LibraryRemoveAsset'
    LIBRARY_SCAN_ASSETS_QUEUE_ALL = 'LibraryScanAssetsQueueAll'
    LIBRARY_SYNC_ASSETS = 'LibrarySyncAssets'
    LIBRARY_SYNC_FILES_QUEUE_ALL = 'LibrarySyncFilesQueueAll'
    LIBRARY_SYNC_FILES = 'LibrarySyncFiles'
    LIBRARY_SCAN_QUEUE_ALL = 'LibraryScanQueueAll'
    MEMORY_CLEANUP = 'MemoryCleanup'
    MEMORY_GENERATE = 'MemoryGenerate'
    NOTIFICATIONS_CLEANUP = 'NotificationsCleanup'
    NOTIFY_USER_SIGNUP = 'NotifyUserSignup'
    NOTIFY_ALBUM_INVITE = 'NotifyAlbumInvite'
    NOTIFY_ALBUM_UPDATE = 'NotifyAlbumUpdate'
    USER_DELETE = 'UserDelete'
    USER_DELETE_CHECK = 'UserDeleteCheck'
    USER_SYNC_USAGE = 'UserSyncUsage'
    PERSON_CLEANUP = 'PersonCleanup'
    PERSON_FILE_MIGRATION = 'PersonFileMigration'
    PERSON_GENERATE_THUMBNAIL = 'PersonGenerateThumbnail'
    SESSION_CLEANUP = 'SessionCleanup'
    SEND_MAIL = 'SendMail'
    SIDECAR_QUEUE_ALL = 'SidecarQueueAll'
    SIDECAR_CHECK = 'SidecarCheck'
    SIDECAR_WRITE = 'SidecarWrite'
    SMART_SEARCH_QUEUE_ALL = 'SmartSearchQueueAll'
    SMART_SEARCH = 'SmartSearch'
    STORAGE_TEMPLATE_MIGRATION = 'StorageTemplateMigration'
    STORAGE_TEMPLATE_MIGRATION_SINGLE = 'StorageTemplateMigrationSingle'
    TAG_CLEANUP = 'TagCleanup'
    VERSION_CHECK = 'VersionCheck'
    OCR_QUEUE_ALL = 'OcrQueueAll'
    OCR = 'Ocr'
    WORKFLOW_RUN = 'WorkflowRun'


class LogLevel(OpenStrEnum):
    VERBOSE = 'verbose'
    DEBUG = 'debug'
    LOG = 'log'
    WARN = 'warn'
    ERROR = 'error'
    FATAL = 'fatal'


class MaintenanceAction(OpenStrEnum):
    """Maintenance action"""
    START = 'start'
    END = 'end'
    SELECT_DATABASE_RESTORE = 'select_database_restore'
    RESTORE_DATABASE = 'restore_database'


class ManualJobName(OpenStrEnum):
    """Job name"""
    PERSON_CLEANUP = 'person-cleanup'
    TAG_CLEANUP = 'tag-cleanup'
    USER_CLEANUP = 'user-cleanup'
    MEMORY_CLEANUP = 'memory-cleanup'
    MEMORY_CREATE = 'memory-create'
    BACKUP_DATABASE = 'backup-database'


class MemorySearchOrder(OpenStrEnum):
    ASC = 'asc'
    DESC = 'desc'
    RANDOM = 'random'


class MemoryType(OpenStrEnum):
    ON_THIS_DAY = 'on_this_day'


class MirrorAxis(OpenStrEnum):
    """Axis to mirror along"""
    HORIZONTAL = 'horizontal'
    VERTICAL = 'vertical'


class NotificationLevel(OpenStrEnum):
    SUCCESS = 'success'
    ERROR = 'error'
    WARNING = 'warning'
    INFO = 'info'


class NotificationType(OpenStrEnum):
    JOB_FAILED = 'JobFailed'
    BACKUP_FAILED = 'BackupFailed'
    SYSTEM_MESSAGE = 'SystemMessage'
    ALBUM_INVITE = 'AlbumInvite'
    ALBUM_UPDATE = 'AlbumUpdate'
    CUSTOM = 'Custom'


class OAuthTokenEndpointAuthMethod(OpenStrEnum):
    """Token endpoint auth method"""
    CLIENT_SECRET_POST = 'client_secret_post'
    CLIENT_SECRET_BASIC = 'client_secret_basic'


class PartnerDirection(OpenStrEnum):
    SHARED_BY = 'shared-by'
    SHARED_WITH = 'shared-with'


class Permission(OpenStrEnum):
    """List of permissions"""
    ALL = 'all'
    ACTIVITY_CREATE = 'activity.create'
    ACTIVITY_READ = 'activity.read'
    ACTIVITY_UPDATE = 'activity.update'
    ACTIVITY_DELETE = 'activity.delete'
    ACTIVITY_STATISTICS = 'activity.statistics'
    API_KEY_CREATE = 'apiKey.create'
    API_KEY_READ = 'apiKey.read'
    API_KEY_UPDATE = 'apiKey.update'
    API_KEY_DELETE = 'apiKey.delete'
    ASSET_READ = 'asset.read'
    ASSET_UPDATE = 'asset.update'
    ASSET_DELETE = 'asset.delete'
    ASSET_STATISTICS = 'asset.statistics'
    ASSET_SHARE = 'asset.share'
    ASSET_VIEW = 'asset.view'
    ASSET_DOWNLOAD = 'asset.download'
    ASSET_UPLOAD = 'asset.upload'
    ASSET_REPLACE = 'asset.replace'
    ASSET_COPY = 'asset.copy'
    ASSET_DERIVE = 'asset.derive'
    ASSET_EDIT_GET = 'asset.edit.get'
    ASSET_EDIT_CREATE = 'asset.edit.create'
    ASSET_EDIT_DELETE = 'asset.edit.delete'
    ALBUM_CREATE = 'album.create'
    ALBUM_READ = 'album.read'
    ALBUM_UPDATE = 'album.update'
    ALBUM_DELETE = 'album.delete'
    ALBUM_STATISTICS = 'album.statistics'
    ALBUM_SHARE = 'album.share'
    ALBUM_DOWNLOAD = 'album.download'
    ALBUM_ASSET_CREATE = 'albumAsset.create'
    ALBUM_ASSET_DELETE = 'albumAsset.delete'
    ALBUM_USER_CREATE = 'albumUser.create'
    ALBUM_USER_UPDATE = 'albumUser.update'
    ALBUM_USER_DELETE = 'albumUser.delete'
    AUTH_CHANGE_PASSWORD = 'auth.changePassword'
    AUTH_DEVICE_DELETE = 'authDevice.delete'
    ARCHIVE_READ = 'archive.read'
    BACKUP_LIST = 'backup.list'
    BACKUP_DOWNLOAD = 'backup.download'
    BACKUP_UPLOAD = 'backup.upload'
    BACKUP_DELETE = 'backup.delete'
    DUPLICATE_READ = 'duplicate.read'
    DUPLICATE_DELETE = 'duplicate.delete'
    FACE_CREATE = 'face.create'
    FACE_READ = 'face.read'
    FACE_UPDATE = 'face.update'
    FACE_DELETE = 'face.delete'
    FOLDER_READ = 'folder.read'
    JOB_CREATE = 'job.create'
    JOB_READ = 'job.read'
    LIBRARY_CREATE = 'library.create'
    LIBRARY_READ = 'library.read'
    LIBRARY_UPDATE = 'library.update'
    LIBRARY_DELETE = 'library.delete'
    LIBRARY_STATISTICS = 'library.statistics'
    TIMELINE_READ = 'timeline.read'
    TIMELINE_DOWNLOAD = 'timeline.download'
    MAINTENANCE = 'maintenance'
    MAP_READ = 'map.read'
    MAP_SEARCH = 'map.search'
    MEMORY_CREATE = 'memory.create'
    MEMORY_READ = 'memory.read'
    MEMORY_UPDATE = 'memory.update'
    MEMORY_DELETE = 'memory.delete'
    MEMORY_STATISTICS = 'memory.statistics'
    MEMORY_ASSET_CREATE = 'memoryAsset.create'
    MEMORY_ASSET_DELETE = 'memoryAsset.delete'
    NOTIFICATION_CREATE = 'notification.create'
    NOTIFICATION_READ = 'notification.read'
    NOTIFICATION_UPDATE = 'notification.update'
    NOTIFICATION_DELETE = 'notification.delete'
    PARTNER_CREATE = 'partner.create'
    PARTNER_READ = 'partner.read'
    PARTNER_UPDATE = 'partner.update'
    PARTNER_DELETE = 'partner.delete'
    PERSON_CREATE = 'person.create'
    PERSON_READ = 'person.read'
    PERSON_UPDATE = 'person.update'
    PERSON_DELETE = 'person.delete'
    PERSON_STATISTICS = 'person.statistics'
    PERSON_MERGE = 'person.merge'
    PERSON_REASSIGN = 'person.reassign'
    PIN_CODE_CREATE = 'pinCode.create'
    PIN_CODE_UPDATE = 'pinCode.update'
    PIN_CODE_DELETE = 'pinCode.delete'
    PLUGIN_CREATE = 'plugin.create'
    PLUGIN_READ = 'plugin.read'
    PLUGIN_UPDATE = 'plugin.update'
    PLUGIN_DELETE = 'plugin.delete'
    SERVER_ABOUT = 'server.about'
    SERVER_APK_LINKS = 'server.apkLinks'
    SERVER_STORAGE = 'server.storage'
    SERVER_STATISTICS = 'server.statistics'
    SERVER_VERSION_CHECK = 'server.versionCheck'
    SERVER_LICENSE_READ = 'serverLicense.read'
    SERVER_LICENSE_UPDATE = 'serverLicense.update'
    SERVER_LICENSE_DELETE = 'serverLicense.delete'
    SESSION_CREATE = 'session.create'
    SESSION_READ = 'session.read'
    SESSION_UPDATE = 'session.update'
    SESSION_DELETE = 'session.delete'
    SESSION_LOCK = 'session.lock'
    SHARED_LINK_CREATE = 'sharedLink.create'
    SHARED_LINK_READ = 'sharedLink.read'
    SHARED_LINK_UPDATE = 'sharedLink.update'
    SHARED_LINK_DELETE = 'sharedLink.delete'
    STACK_CREATE = 'stack.create'
    STACK_READ = 'stack.read'
    STACK_UPDATE = 'stack.update'
    STACK_DELETE = 'stack.delete'
    SYNC_STREAM = 'sync.stream'
    SYNC_CHECKPOINT_READ = 'syncCheckpoint.read'
    SYNC_CHECKPOINT_UPDATE = 'syncCheckpoint.update'
    SYNC_CHECKPOINT_DELETE = 'syncCheckpoint.delete'
    SYSTEM_CONFIG_READ = 'systemConfig.read'
    SYSTEM_CONFIG_UPDATE = 'systemConfig.update'
    SYSTEM_METADATA_READ = 'systemMetadata.read'
    SYSTEM_METADATA_UPDATE = 'systemMetadata.update'
    TAG_CREATE = 'tag.create'
    TAG_READ = 'tag.read'
    TAG_UPDATE = 'tag.update'
    TAG_DELETE = 'tag.delete'
    TAG_ASSET = 'tag.asset'
    USER_READ = 'user.read'
    USER_UPDATE = 'user.update'
    USER_LICENSE_CREATE = 'userLicense.create'
    USER_LICENSE_READ = 'userLicense.read'
    USER_LICENSE_UPDATE = 'userLicense.update'
    USER_LICENSE_DELETE = 'userLicense.delete'
    USER_ONBOARDING_READ = 'userOnboarding.read'
    USER_ONBOARDING_UPDATE = 'userOnboarding.update'
    USER_ONBOARDING_DELETE = 'userOnboarding.delete'
    USER_PREFERENCE_READ = 'userPreference.read'
    USER_PREFERENCE_UPDATE = 'userPreference.update'
    USER_PROFILE_IMAGE_CREATE = 'userProfileImage.create'
    USER_PROFILE_IMAGE_READ = 'userProfileImage.read'
    USER_PROFILE_IMAGE_UPDATE = 'userProfileImage.update'
    USER_PROFILE_IMAGE_DELETE = 'userProfileImage.delete'
    QUEUE_READ = 'queue.read'
    QUEUE_UPDATE = 'queue.update'
    QUEUE_JOB_CREATE = 'queueJob.create'
    QUEUE_JOB_READ = 'queueJob.read'
    QUEUE_JOB_UPDATE = 'queueJob.update'
    QUEUE_JOB_DELETE = 'queueJob.delete'
    WORKFLOW_CREATE = 'workflow.create'
    WORKFLOW_READ = 'workflow.read'
    WORKFLOW_UPDATE = 'workflow.update'
    WORKFLOW_DELETE = 'workflow.delete'
    ADMIN_USER_CREATE = 'adminUser.create'
    ADMIN_USER_READ = 'adminUser.read'
    ADMIN_USER_UPDATE = 'adminUser.update'
    ADMIN_USER_DELETE = 'adminUser.delete'
    ADMIN_SESSION_READ = 'adminSession.read'
    ADMIN_AUTH_UNLINK_ALL = 'adminAuth.unlinkAll'


class PluginContextType(OpenStrEnum):
    """Context type"""
    ASSET = 'asset'
    ALBUM = 'album'
    PERSON = 'person'


class PluginTriggerType(OpenStrEnum):
    """Trigger type"""
    ASSET_CREATE = 'AssetCreate'
    PERSON_RECOGNIZED = 'PersonRecognized'


class QueueCommand(OpenStrEnum):
    """Queue command to execute"""
    START = 'start'
    PAUSE = 'pause'
    RESUME = 'resume'
    EMPTY = 'empty'
    CLEAR_FAILED = 'clear-failed'


class QueueJobStatus(OpenStrEnum):
    ACTIVE = 'active'
    FAILED = 'failed'
    COMPLETED = 'completed'
    DELAYED = 'delayed'
    WAITING = 'waiting'
    PAUSED = 'paused'


class QueueName(OpenStrEnum):
    THUMBNAIL_GENERATION = 'thumbnailGeneration'
    METADATA_EXTRACTION = 'metadataExtraction'
    VIDEO_CONVERSION = 'videoConversion'
    FACE_DETECTION = 'faceDetection'
    FACIAL_RECOGNITION = 'facialRecognition'
    SMART_SEARCH = 'smartSearch'
    DUPLICATE_DETECTION = 'duplicateDetection'
    BACKGROUND_TASK = 'backgroundTask'
    STORAGE_TEMPLATE_MIGRATION = 'storageTemplateMigration'
    MIGRATION = 'migration'
    SEARCH = 'search'
    SIDECAR = 'sidecar'
    LIBRARY = 'library'
    NOTIFICATIONS = 'notifications'
    BACKUP_DATABASE = 'backupDatabase'
    OCR = 'ocr'
    WORKFLOW = 'workflow'
    EDITOR = 'editor'


class ReactionLevel(OpenStrEnum):
    ALBUM = 'album'
    ASSET = 'asset'


class ReactionType(OpenStrEnum):
    COMMENT = 'comment'
    LIKE = 'like'


class SearchSuggestionType(OpenStrEnum):
    COUNTRY = 'country'
    STATE = 'state'
    CITY = 'city'
    CAMERA_MAKE = 'camera-make'
    CAMERA_MODEL = 'camera-model'
    CAMERA_LENS_MODEL = 'camera-lens-model'


class SharedLinkType(OpenStrEnum):
    """Shared link type"""
    ALBUM = 'ALBUM'
    INDIVIDUAL = 'INDIVIDUAL'


class SourceType(OpenStrEnum):
    """Face detection source type"""
    MACHINE_LEARNING = 'machine-learning'
    EXIF = 'exif'
    MANUAL = 'manual'


class StorageFolder(OpenStrEnum):
    """Storage folder"""
    ENCODED_VIDEO = 'encoded-video'
    LIBRARY = 'library'
    UPLOAD = 'upload'
    PROFILE = 'profile'
    THUMBS = 'thumbs'
    BACKUPS = 'backups'


class SyncEntityType(OpenStrEnum):
    """Sync entity type"""
    AUTH_USER_V1 = 'AuthUserV1'
    USER_V1 = 'UserV1'
    USER_DELETE_V1 = 'UserDeleteV1'
    ASSET_V1 = 'AssetV1'
    ASSET_DELETE_V1 = 'AssetDeleteV1'
    ASSET_EXIF_V1 = 'AssetExifV1'
    ASSET_EDIT_V1 = 'AssetEditV1'
    ASSET_EDIT_DELETE_V1 = 'AssetEditDeleteV1'
    ASSET_METADATA_V1 = 'AssetMetadataV1'
    ASSET_METADATA_DELETE_V1 = 'AssetMetadataDeleteV1'
    PARTNER_V1 = 'PartnerV1'
    PARTNER_DELETE_V1 = 'PartnerDeleteV1'
    PARTNER_ASSET_V1 = 'PartnerAssetV1'
    PARTNER_ASSET_BACKFILL_V1 = 'PartnerAssetBackfillV1'
    PARTNER_ASSET_DELETE_V1 = 'PartnerAssetDeleteV1'
    PARTNER_ASSET_EXIF_V1 = 'PartnerAssetExifV1'
    PARTNER_ASSET_EXIF_BACKFILL_V1 = 'PartnerAssetExifBackfillV1'
    PARTNER_STACK_BACKFILL_V1 = 'PartnerStackBackfillV1'
    PARTNER_STACK_DELETE_V1 = 'PartnerStackDeleteV1'
    PARTNER_STACK_V1 = 'PartnerStackV1'
    ALBUM_V1 = 'AlbumV1'
    ALBUM_DELETE_V1 = 'AlbumDeleteV1'
    ALBUM_USER_V1 = 'AlbumUserV1'
    ALBUM_USER_BACKFILL_V1 = 'AlbumUserBackfillV1'
    ALBUM_USER_DELETE_V1 = 'AlbumUserDeleteV1'
    ALBUM_ASSET_CREATE_V1 = 'AlbumAssetCreateV1'
    ALBUM_ASSET_UPDATE_V1 = 'AlbumAssetUpdateV1'
    ALBUM_ASSET_BACKFILL_V1 = 'AlbumAssetBackfillV1'
    ALBUM_ASSET_EXIF_CREATE_V1 = 'AlbumAssetExifCreateV1'
    ALBUM_ASSET_EXIF_UPDATE_V1 = 'AlbumAssetExifUpdateV1'
    ALBUM_ASSET_EXIF_BACKFILL_V1 = 'AlbumAssetExifBackfillV1'
    ALBUM_TO_ASSET_V1 = 'AlbumToAssetV1'
    ALBUM_TO_ASSET_DELETE_V1 = 'AlbumToAssetDeleteV1'
    ALBUM_TO_ASSET_BACKFILL_V1 = 'AlbumToAssetBackfillV1'
    MEMORY_V1 = 'MemoryV1'
    MEMORY_DELETE_V1 = 'MemoryDeleteV1'
    MEMORY_TO_ASSET_V1 = 'MemoryToAssetV1'
    MEMORY_TO_ASSET_DELETE_V1 = 'MemoryToAssetDeleteV1'
    STACK_V1 = 'StackV1'
    STACK_DELETE_V1 = 'StackDeleteV1'
    PERSON_V1 = 'PersonV1'
    PERSON_DELETE_V1 = 'PersonDeleteV1'
    ASSET_FACE_V1 = 'AssetFaceV1'
    ASSET_FACE_V2 = 'AssetFaceV2'
    ASSET_FACE_DELETE_V1 = 'AssetFaceDeleteV1'
    USER_METADATA_V1 = 'UserMetadataV1'
    USER_METADATA_DELETE_V1 = 'UserMetadataDeleteV1'
    SYNC_ACK_V1 = 'SyncAckV1'
    SYNC_RESET_V1 = 'SyncResetV1'
    SYNC_COMPLETE_V1 = 'SyncCompleteV1'


class SyncRequestType(OpenStrEnum):
    """Sync request types"""
    ALBUMS_V1 = 'AlbumsV1'
    ALBUM_USERS_V1 = 'AlbumUsersV1'
    ALBUM_TO_ASSETS_V1 = 'AlbumToAssetsV1'
    ALBUM_ASSETS_V1 = 'AlbumAssetsV1'
    ALBUM_ASSET_EXIFS_V1 = 'AlbumAssetExifsV1'
    ASSETS_V1 = 'AssetsV1'
    ASSET_EXIFS_V1 = 'AssetExifsV1'
    ASSET_EDITS_V1 = 'AssetEditsV1'
    ASSET_METADATA_V1 = 'AssetMetadataV1'
    AUTH_USERS_V1 = 'AuthUsersV1'
    MEMORIES_V1 = 'MemoriesV1'
    MEMORY_TO_ASSETS_V1 = 'MemoryToAssetsV1'
    PARTNERS_V1 = 'PartnersV1'
    PARTNER_ASSETS_V1 = 'PartnerAssetsV1'
    PARTNER_ASSET_EXIFS_V1 = 'PartnerAssetExifsV1'
    PARTNER_STACKS_V1 = 'PartnerStacksV1'
    STACKS_V1 = 'StacksV1'
    USERS_V1 = 'UsersV1'
    PEOPLE_V1 = 'PeopleV1'
    ASSET_FACES_V1 = 'AssetFacesV1'
    ASSET_FACES_V2 = 'AssetFacesV2'
    USER_METADATA_V1 = 'UserMetadataV1'


class ToneMapping(OpenStrEnum):
    """Tone mapping"""
    HABLE = 'hable'
    MOBIUS = 'mobius'
    REINHARD = 'reinhard'
    DISABLED = 'disabled'


class TranscodeHWAccel(OpenStrEnum):
    """Transcode hardware acceleration"""
    NVENC = 'nvenc'
    QSV = 'qsv'
    VAAPI = 'vaapi'
    RKMPP = 'rkmpp'
    DISABLED = 'disabled'


class TranscodePolicy(OpenStrEnum):
    """Transcode policy"""
    ALL = 'all'
    OPTIMAL = 'optimal'
    BITRATE = 'bitrate'
    REQUIRED = 'required'
    DISABLED = 'disabled'


class UserAvatarColor(OpenStrEnum):
    """Avatar color"""
    PRIMARY = 'primary'
    PINK = 'pink'
    RED = 'red'
    YELLOW = 'yellow'
    BLUE = 'blue'
    GREEN = 'green'
    PURPLE = 'purple'
    ORANGE = 'orange'
    GRAY = 'gray'
    AMBER = 'amber'


class UserMetadataKey(OpenStrEnum):
    """User metadata key"""
    PREFERENCES = 'preferences'
    LICENSE = 'license'
    ONBOARDING = 'onboarding'


class UserStatus(OpenStrEnum):
    """User status"""
    ACTIVE = 'active'
    REMOVING = 'removing'
    DELETED = 'deleted'


class VideoCodec(OpenStrEnum):
    """Target video codec"""
    H264 = 'h264'
    HEVC = 'hevc'
    VP9 = 'vp9'
    AV1 = 'av1'


class VideoContainer(OpenStrEnum):
    """Accepted containers"""
    MOV = 'mov'
    MP4 = 'mp4'
    OGG = 'ogg'
    WEBM = 'webm'
