# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from .._types import UNSET, Unset
from ..serialization import Model
from .albums_update import AlbumsUpdate
from .avatar_update import AvatarUpdate
from .cast_update import CastUpdate
from .download_update import DownloadUpdate
from .email_notifications_update import EmailNotificationsUpdate
from .folders_update import FoldersUpdate
from .memories_update import MemoriesUpdate
from .people_update import PeopleUpdate
from .purchase_update import PurchaseUpdate
from .ratings_update import RatingsUpdate
from .shared_links_update import SharedLinksUpdate
from .tags_update import TagsUpdate

@attrs.define(kw_only=True)
class UserPreferencesUpdateDto(Model):
    albums: AlbumsUpdate | Unset = UNSET
    avatar: AvatarUpdate | Unset = UNSET
    cast: CastUpdate | Unset = UNSET
    download: DownloadUpdate | Unset = UNSET
    email_notifications: EmailNotificationsUpdate | Unset = UNSET
    folders: FoldersUpdate | Unset = UNSET
    memories: MemoriesUpdate | Unset = UNSET
    people: PeopleUpdate | Unset = UNSET
    purchase: PurchaseUpdate | Unset = UNSET
    ratings: RatingsUpdate | Unset = UNSET
    shared_links: SharedLinksUpdate | Unset = UNSET
    tags: TagsUpdate | Unset = UNSET
