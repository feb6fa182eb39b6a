# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model
from .clip_config import CLIPConfig
from .duplicate_detection_config import DuplicateDetectionConfig
from .facial_recognition_config import FacialRecognitionConfig
from .machine_learning_availability_checks_dto import MachineLearningAvailabilityChecksDto
from .ocr_config import OcrConfig

@attrs.define(kw_only=True)
class SystemConfigMachineLearningDto(Model):
    availability_checks: MachineLearningAvailabilityChecksDto
    clip: CLIPConfig
    duplicate_detection: DuplicateDetectionConfig
    enabled: bool  # Enabled
    facial_recognition: FacialRecognitionConfig
    ocr: OcrConfig
    urls: list[str]
