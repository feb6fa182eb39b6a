# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model
from .queue_response_legacy_dto import QueueResponseLegacyDto

@attrs.define(kw_only=True)
class QueuesResponseLegacyDto(Model):
    background_task: QueueResponseLegacyDto
    backup_database: QueueResponseLegacyDto
    duplicate_detection: QueueResponseLegacyDto
    editor: QueueResponseLegacyDto
    face_detection: QueueResponseLegacyDto
    facial_recognition: QueueResponseLegacyDto
    library: QueueResponseLegacyDto
    metadata_extraction: QueueResponseLegacyDto
    migration: QueueResponseLegacyDto
    notifications: QueueResponseLegacyDto
    ocr: QueueResponseLegacyDto
    search: QueueResponseLegacyDto
    sidecar: QueueResponseLegacyDto
    smart_search: QueueResponseLegacyDto
    storage_template_migration: QueueResponseLegacyDto
    thumbnail_generation: QueueResponseLegacyDto
    video_conversion: QueueResponseLegacyDto
    workflow: QueueResponseLegacyDto
