# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
import attrs

from ..serialization import Model
from .albums_response import AlbumsResponse
from .cast_response import CastResponse
from .download_response import DownloadResponse
from .email_notifications_response import EmailNotificationsResponse
from .folders_response import FoldersResponse
from .memories_response import MemoriesResponse
from .people_response import PeopleResponse
from .purchase_response import PurchaseResponse
from .ratings_response import RatingsResponse
from .shared_links_response import SharedLinksResponse
from .tags_response import TagsResponse

@attrs.define(kw_only=True)
class UserPreferencesResponseDto(Model):
    albums: AlbumsResponse
    cast: CastResponse
    download: DownloadResponse
    email_notifications: EmailNotificationsResponse
    folders: FoldersResponse
    memories: MemoriesResponse
    people: PeopleResponse
    purchase: PurchaseResponse
    ratings: RatingsResponse
    shared_links: SharedLinksResponse
    tags: TagsResponse
