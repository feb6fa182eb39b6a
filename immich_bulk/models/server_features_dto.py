# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model

@attrs.define(kw_only=True)
class ServerFeaturesDto(Model):
    config_file: bool  # Whether config file is available
    duplicate_detection: bool  # Whether duplicate detection is enabled
    email: bool  # Whether email notifications are enabled
    facial_recognition: bool  # Whether facial recognition is enabled
    import_faces: bool  # Whether face import is enabled
    map: bool  # Whether map feature is enabled
    oauth: bool  # Whether OAuth is enabled
    oauth_auto_launch: bool  # Whether OAuth auto-launch is enabled
    ocr: bool  # Whether OCR is enabled
    password_login: bool  # Whether password login is enabled
    reverse_geocoding: bool  # Whether reverse geocoding is enabled
    search: bool  # Whether search is enabled
    sidecar: bool  # Whether sidecar files are supported
    smart_search: bool  # Whether smart search is enabled
    trash: bool  # Whether trash feature is enabled
