# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
from typing import ClassVar

import attrs

from ..serialization import Model

@attrs.define(kw_only=True)
class ServerApkLinksDto(Model):
    _wire_names: ClassVar[dict[str, str]] = {'x86_64': 'x86_64'}
    arm64v8a: str  # APK download link for ARM64 v8a architecture
    armeabiv7a: str  # APK download link for ARM EABI v7a architecture
    universal: str  # APK download link for universal architecture
    x86_64: str  # APK download link for x86_64 architecture
