# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model

@attrs.define(kw_only=True)
class SystemConfigTemplateStorageOptionDto(Model):
    day_options: list[str]  # Available day format options for storage template
    hour_options: list[str]  # Available hour format options for storage template
    minute_options: list[str]  # Available minute format options for storage template
    month_options: list[str]  # Available month format options for storage template
    preset_options: list[str]  # Available preset template options
    second_options: list[str]  # Available second format options for storage template
    week_options: list[str]  # Available week format options for storage template
    year_options: list[str]  # Available year format options for storage template
