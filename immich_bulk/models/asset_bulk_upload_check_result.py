# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from ._enums import AssetBulkUploadCheckResultAction, AssetBulkUploadCheckResultReason

@attrs.define(kw_only=True)
class AssetBulkUploadCheckResult(Model):
    action: AssetBulkUploadCheckResultAction  # Upload action
    asset_id: str | Unset = UNSET  # Existing asset ID if duplicate
    id: str  # Asset ID
    is_trashed: bool | Unset = UNSET  # Whether existing asset is trashed
    reason: AssetBulkUploadCheckResultReason | Unset = UNSET  # Rejection reason if rejected
