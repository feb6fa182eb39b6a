# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model
from .system_config_backups_dto import SystemConfigBackupsDto
from .system_config_f_fmpeg_dto import SystemConfigFFmpegDto
from .system_config_image_dto import SystemConfigImageDto
from .system_config_job_dto import SystemConfigJobDto
from .system_config_library_dto import SystemConfigLibraryDto
from .system_config_logging_dto import SystemConfigLoggingDto
from .system_config_machine_learning_dto import SystemConfigMachineLearningDto
from .system_config_map_dto import SystemConfigMapDto
from .system_config_metadata_dto import SystemConfigMetadataDto
from .system_config_new_version_check_dto import SystemConfigNewVersionCheckDto
from .system_config_nightly_tasks_dto import SystemConfigNightlyTasksDto
from .system_config_notifications_dto import SystemConfigNotificationsDto
from .system_config_o_auth_dto import SystemConfigOAuthDto
from .system_config_password_login_dto import SystemConfigPasswordLoginDto
from .system_config_reverse_geocoding_dto import SystemConfigReverseGeocodingDto
from .system_config_server_dto import SystemConfigServerDto
from .system_config_storage_template_dto import SystemConfigStorageTemplateDto
from .system_config_templates_dto import SystemConfigTemplatesDto
from .system_config_theme_dto import SystemConfigThemeDto
from .system_config_trash_dto import SystemConfigTrashDto
from .system_config_user_dto import SystemConfigUserDto

@attrs.define(kw_only=True)
class SystemConfigDto(Model):
    backup: SystemConfigBackupsDto
    ffmpeg: SystemConfigFFmpegDto
    image: SystemConfigImageDto
    job: SystemConfigJobDto
    library: SystemConfigLibraryDto
    logging: SystemConfigLoggingDto
    machine_learning: SystemConfigMachineLearningDto
    map: SystemConfigMapDto
    metadata: SystemConfigMetadataDto
    new_version_check: SystemConfigNewVersionCheckDto
    nightly_tasks: SystemConfigNightlyTasksDto
    notifications: SystemConfigNotificationsDto
    oauth: SystemConfigOAuthDto
    password_login: SystemConfigPasswordLoginDto
    reverse_geocoding: SystemConfigReverseGeocodingDto
    server: SystemConfigServerDto
    storage_template: SystemConfigStorageTemplateDto
    templates: SystemConfigTemplatesDto
    theme: SystemConfigThemeDto
    trash: SystemConfigTrashDto
    user: SystemConfigUserDto
