# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model
from .job_settings_dto import JobSettingsDto

@attrs.define(kw_only=True)
class SystemConfigJobDto(Model):
    background_task: JobSettingsDto
    editor: JobSettingsDto
    face_detection: JobSettingsDto
    library: JobSettingsDto
    metadata_extraction: JobSettingsDto
    migration: JobSettingsDto
    notifications: JobSettingsDto
    ocr: JobSettingsDto
    search: JobSettingsDto
    sidecar: JobSettingsDto
    smart_search: JobSettingsDto
    thumbnail_generation: JobSettingsDto
    video_conversion: JobSettingsDto
    workflow: JobSettingsDto
