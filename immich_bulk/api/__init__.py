# Generated from the Immich v2.7.5 OpenAPI spec (sha256 d7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac) by immich_bulk.codegen; do not edit, run `python -m immich_bulk.codegen --spec PATH_OR_URL`
"""API groups: one class per tag of the spec, reachable as client attributes."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .activities import ActivitiesApi
    from .albums import AlbumsApi
    from .api_keys import APIKeysApi
    from .assets import AssetsApi
    from .authentication import AuthenticationApi
    from .authentication_admin import AuthenticationAdminApi
    from .database_backups_admin import DatabaseBackupsAdminApi
    from .download import DownloadApi
    from .duplicates import DuplicatesApi
    from .faces import FacesApi
    from .jobs import JobsApi
    from .libraries import LibrariesApi
    from .maintenance_admin import MaintenanceAdminApi
    from .map import MapApi
    from .memories import MemoriesApi
    from .notifications import NotificationsApi
    from .notifications_admin import NotificationsAdminApi
    from .partners import PartnersApi
    from .people import PeopleApi
    from .plugins import PluginsApi
    from .queues import QueuesApi
    from .search import SearchApi
    from .server import ServerApi
    from .sessions import SessionsApi
    from .shared_links import SharedLinksApi
    from .stacks import StacksApi
    from .sync import SyncApi
    from .system_config import SystemConfigApi
    from .system_metadata import SystemMetadataApi
    from .tags import TagsApi
    from .timeline import TimelineApi
    from .trash import TrashApi
    from .users import UsersApi
    from .users_admin import UsersAdminApi
    from .views import ViewsApi
    from .workflows import WorkflowsApi

IMMICH_VERSION = '2.7.5'
SPEC_SHA256 = 'd7ba086910c9131e38420531bf535c52d9e128c4a9e9299207371be97d180aac'
GROUPS = {
    'activities': ('activities', 'ActivitiesApi'),
    'albums': ('albums', 'AlbumsApi'),
    'api_keys': ('api_keys', 'APIKeysApi'),
    'assets': ('assets', 'AssetsApi'),
    'authentication': ('authentication', 'AuthenticationApi'),
    'authentication_admin': ('authentication_admin', 'AuthenticationAdminApi'),
    'database_backups_admin': ('database_backups_admin', 'DatabaseBackupsAdminApi'),
    'download': ('download', 'DownloadApi'),
    'duplicates': ('duplicates', 'DuplicatesApi'),
    'faces': ('faces', 'FacesApi'),
    'jobs': ('jobs', 'JobsApi'),
    'libraries': ('libraries', 'LibrariesApi'),
    'maintenance_admin': ('maintenance_admin', 'MaintenanceAdminApi'),
    'map': ('map', 'MapApi'),
    'memories': ('memories', 'MemoriesApi'),
    'notifications': ('notifications', 'NotificationsApi'),
    'notifications_admin': ('notifications_admin', 'NotificationsAdminApi'),
    'partners': ('partners', 'PartnersApi'),
    'people': ('people', 'PeopleApi'),
    'plugins': ('plugins', 'PluginsApi'),
    'queues': ('queues', 'QueuesApi'),
    'search': ('search', 'SearchApi'),
    'server': ('server', 'ServerApi'),
    'sessions': ('sessions', 'SessionsApi'),
    'shared_links': ('shared_links', 'SharedLinksApi'),
    'stacks': ('stacks', 'StacksApi'),
    'sync': ('sync', 'SyncApi'),
    'system_config': ('system_config', 'SystemConfigApi'),
    'system_metadata': ('system_metadata', 'SystemMetadataApi'),
    'tags': ('tags', 'TagsApi'),
    'timeline': ('timeline', 'TimelineApi'),
    'trash': ('trash', 'TrashApi'),
    'users': ('users', 'UsersApi'),
    'users_admin': ('users_admin', 'UsersAdminApi'),
    'views': ('views', 'ViewsApi'),
    'workflows': ('workflows', 'WorkflowsApi'),
}


class ApiGroups:
    """Mixin: every API group as a lazily created attribute of the client."""

    @cached_property
    def activities(self) -> ActivitiesApi:
        """Activities (4 operations)."""
        from .activities import ActivitiesApi

        return ActivitiesApi(self)

    @cached_property
    def albums(self) -> AlbumsApi:
        """Albums (12 operations)."""
        from .albums import AlbumsApi

        return AlbumsApi(self)

    @cached_property
    def api_keys(self) -> APIKeysApi:
        """API keys (6 operations)."""
        from .api_keys import APIKeysApi

        return APIKeysApi(self)

    @cached_property
    def assets(self) -> AssetsApi:
        """Assets (26 operations)."""
        from .assets import AssetsApi

        return AssetsApi(self)

    @cached_property
    def authentication(self) -> AuthenticationApi:
        """Authentication (16 operations)."""
        from .authentication import AuthenticationApi

        return AuthenticationApi(self)

    @cached_property
    def authentication_admin(self) -> AuthenticationAdminApi:
        """Authentication (admin) (1 operations)."""
        from .authentication_admin import AuthenticationAdminApi

        return AuthenticationAdminApi(self)

    @cached_property
    def database_backups_admin(self) -> DatabaseBackupsAdminApi:
        """Database Backups (admin) (5 operations)."""
        from .database_backups_admin import DatabaseBackupsAdminApi

        return DatabaseBackupsAdminApi(self)

    @cached_property
    def download(self) -> DownloadApi:
        """Download (2 operations)."""
        from .download import DownloadApi

        return DownloadApi(self)

    @cached_property
    def duplicates(self) -> DuplicatesApi:
        """Duplicates (4 operations)."""
        from .duplicates import DuplicatesApi

        return DuplicatesApi(self)

    @cached_property
    def faces(self) -> FacesApi:
        """Faces (4 operations)."""
        from .faces import FacesApi

        return FacesApi(self)

    @cached_property
    def jobs(self) -> JobsApi:
        """Jobs (3 operations)."""
        from .jobs import JobsApi

        return JobsApi(self)

    @cached_property
    def libraries(self) -> LibrariesApi:
        """Libraries (8 operations)."""
        from .libraries import LibrariesApi

        return LibrariesApi(self)

    @cached_property
    def maintenance_admin(self) -> MaintenanceAdminApi:
        """Maintenance (admin) (4 operations)."""
        from .maintenance_admin import MaintenanceAdminApi

        return MaintenanceAdminApi(self)

    @cached_property
    def map(self) -> MapApi:
        """Map (2 operations)."""
        from .map import MapApi

        return MapApi(self)

    @cached_property
    def memories(self) -> MemoriesApi:
        """Memories (8 operations)."""
        from .memories import MemoriesApi

        return MemoriesApi(self)

    @cached_property
    def notifications(self) -> NotificationsApi:
        """Notifications (6 operations)."""
        from .notifications import NotificationsApi

        return NotificationsApi(self)

    @cached_property
    def notifications_admin(self) -> NotificationsAdminApi:
        """Notifications (admin) (3 operations)."""
        from .notifications_admin import NotificationsAdminApi

        return NotificationsAdminApi(self)

    @cached_property
    def partners(self) -> PartnersApi:
        """Partners (5 operations)."""
        from .partners import PartnersApi

        return PartnersApi(self)

    @cached_property
    def people(self) -> PeopleApi:
        """People (11 operations)."""
        from .people import PeopleApi

        return PeopleApi(self)

    @cached_property
    def plugins(self) -> PluginsApi:
        """Plugins (3 operations)."""
        from .plugins import PluginsApi

        return PluginsApi(self)

    @cached_property
    def queues(self) -> QueuesApi:
        """Queues (5 operations)."""
        from .queues import QueuesApi

        return QueuesApi(self)

    @cached_property
    def search(self) -> SearchApi:
        """Search (10 operations)."""
        from .search import SearchApi

        return SearchApi(self)

    @cached_property
    def server(self) -> ServerApi:
        """Server (15 operations)."""
        from .server import ServerApi

        return ServerApi(self)

    @cached_property
    def sessions(self) -> SessionsApi:
        """Sessions (6 operations)."""
        from .sessions import SessionsApi

        return SessionsApi(self)

    @cached_property
    def shared_links(self) -> SharedLinksApi:
        """Shared links (9 operations)."""
        from .shared_links import SharedLinksApi

        return SharedLinksApi(self)

    @cached_property
    def stacks(self) -> StacksApi:
        """Stacks (7 operations)."""
        from .stacks import StacksApi

        return StacksApi(self)

    @cached_property
    def sync(self) -> SyncApi:
        """Sync (6 operations)."""
        from .sync import SyncApi

        return SyncApi(self)

    @cached_property
    def system_config(self) -> SystemConfigApi:
        """System config (4 operations)."""
        from .system_config import SystemConfigApi

        return SystemConfigApi(self)

    @cached_property
    def system_metadata(self) -> SystemMetadataApi:
        """System metadata (4 operations)."""
        from .system_metadata import SystemMetadataApi

        return SystemMetadataApi(self)

    @cached_property
    def tags(self) -> TagsApi:
        """Tags (9 operations)."""
        from .tags import TagsApi

        return TagsApi(self)

    @cached_property
    def timeline(self) -> TimelineApi:
        """Timeline (2 operations)."""
        from .timeline import TimelineApi

        return TimelineApi(self)

    @cached_property
    def trash(self) -> TrashApi:
        """Trash (3 operations)."""
        from .trash import TrashApi

        return TrashApi(self)

    @cached_property
    def users(self) -> UsersApi:
        """Users (15 operations)."""
        from .users import UsersApi

        return UsersApi(self)

    @cached_property
    def users_admin(self) -> UsersAdminApi:
        """Users (admin) (10 operations)."""
        from .users_admin import UsersAdminApi

        return UsersAdminApi(self)

    @cached_property
    def views(self) -> ViewsApi:
        """Views (2 operations)."""
        from .views import ViewsApi

        return ViewsApi(self)

    @cached_property
    def workflows(self) -> WorkflowsApi:
        """Workflows (5 operations)."""
        from .workflows import WorkflowsApi

        return WorkflowsApi(self)
