"""The bulk transfer engines: upload, export, migrate and the Google Takeout import, with
their options and reports.

This package is the public surface of the transfer layer: import from
``immich_bulk.transfer``, not from its modules (their paths are the layout, which moves).
Most programs use the client's methods (``client.assets.upload(...)``,
``client.download.export(...)``); the engines here are the lower level: run them yourself
on a :class:`StateStore`, stop them, subscribe to their events.

The names are imported on first use, so ``import immich_bulk`` and plain API calls never
load the engines. The modules' old paths (before they moved into the layer folders) still
import for one release, with a :class:`DeprecationWarning`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import _moved

_moved.install()  # the old module paths, for one release

if TYPE_CHECKING:
    from .config import DownloadConfig as DownloadConfig
    from .config import UploadConfig as UploadConfig
    from .download.export import Exporter as Exporter
    from .download.export import ExportOptions as ExportOptions
    from .download.layout import DEFAULT_LAYOUT as DEFAULT_LAYOUT
    from .download.layout import LAYOUT_FIELDS as LAYOUT_FIELDS
    from .download.layout import Layout as Layout
    from .download.layout import UnsafePathError as UnsafePathError
    from .events import AlbumCreated as AlbumCreated
    from .events import AssetsAddedToAlbum as AssetsAddedToAlbum
    from .events import BytesTransferred as BytesTransferred
    from .events import EventHub as EventHub
    from .events import EventSubscription as EventSubscription
    from .events import ItemDone as ItemDone
    from .events import ItemFailed as ItemFailed
    from .events import ItemQueued as ItemQueued
    from .events import ItemRetrying as ItemRetrying
    from .events import ItemSkipped as ItemSkipped
    from .events import ItemStarted as ItemStarted
    from .events import JobsPending as JobsPending
    from .events import Listener as Listener
    from .events import Notice as Notice
    from .events import StageDone as StageDone
    from .events import TransferEvent as TransferEvent
    from .events import WatchPolled as WatchPolled
    from .local.hashing import Hasher as Hasher
    from .local.hashing import HashResult as HashResult
    from .local.scan import ScannedFile as ScannedFile
    from .local.scan import ScanOptions as ScanOptions
    from .local.scan import iter_scan as iter_scan
    from .migrate.engine import MigrateConfig as MigrateConfig
    from .migrate.engine import MigrateOptions as MigrateOptions
    from .migrate.engine import Migrator as Migrator
    from .migrate.engine import migrate as migrate_library
    from .migrate.listing import Selection as Selection
    from .migrate.metadata import PRESERVE_FIELDS as PRESERVE_FIELDS
    from .migrate.verify import Difference as Difference
    from .migrate.verify import MigrationDiff as MigrationDiff
    from .migrate.verify import verify_migration as verify_migration
    from .report import AdaptiveSummary as AdaptiveSummary
    from .report import AlbumTotals as AlbumTotals
    from .report import ExportReport as ExportReport
    from .report import MigrateReport as MigrateReport
    from .report import Outcome as Outcome
    from .report import OutcomeLog as OutcomeLog
    from .report import RateLimitSummary as RateLimitSummary
    from .report import Status as Status
    from .report import TakeoutReport as TakeoutReport
    from .report import TransferReport as TransferReport
    from .report import UploadReport as UploadReport
    from .server.jobs import JobControl as JobControl
    from .server.jobs import QueueState as QueueState
    from .server.search import search_filter as search_filter
    from .state import DEFAULT_PATH as DEFAULT_STATE_PATH
    from .state import StatePath as StatePath
    from .state import StateStore as StateStore
    from .state import StateStoreError as StateStoreError
    from .state import StateStoreVersionError as StateStoreVersionError
    from .state import default_state_path as default_state_path
    from .takeout.importer import TakeoutImporter as TakeoutImporter
    from .takeout.importer import TakeoutOptions as TakeoutOptions
    from .takeout.importer import import_takeout as import_takeout
    from .upload.engine import Uploader as Uploader
    from .upload.engine import UploadOptions as UploadOptions
    from .upload.handle import UploadRun as UploadRun
    from .upload.handle import start_upload as start_upload

__all__ = [
    "DEFAULT_LAYOUT",
    "DEFAULT_STATE_PATH",
    "LAYOUT_FIELDS",
    "PRESERVE_FIELDS",
    "AdaptiveSummary",
    "AlbumCreated",
    "AlbumTotals",
    "AssetsAddedToAlbum",
    "BytesTransferred",
    "Difference",
    "DownloadConfig",
    "EventHub",
    "EventSubscription",
    "ExportOptions",
    "ExportReport",
    "Exporter",
    "HashResult",
    "Hasher",
    "ItemDone",
    "ItemFailed",
    "ItemQueued",
    "ItemRetrying",
    "ItemSkipped",
    "ItemStarted",
    "JobControl",
    "JobsPending",
    "Layout",
    "Listener",
    "MigrateConfig",
    "MigrateOptions",
    "MigrateReport",
    "MigrationDiff",
    "Migrator",
    "Notice",
    "Outcome",
    "OutcomeLog",
    "QueueState",
    "RateLimitSummary",
    "ScanOptions",
    "ScannedFile",
    "Selection",
    "StageDone",
    "StatePath",
    "StateStore",
    "StateStoreError",
    "StateStoreVersionError",
    "Status",
    "TakeoutImporter",
    "TakeoutOptions",
    "TakeoutReport",
    "TransferEvent",
    "TransferReport",
    "UnsafePathError",
    "UploadConfig",
    "UploadOptions",
    "UploadReport",
    "UploadRun",
    "Uploader",
    "WatchPolled",
    "default_state_path",
    "import_takeout",
    "iter_scan",
    "migrate_library",
    "search_filter",
    "start_upload",
    "verify_migration",
]

# Public name -> (module, name there). Kept equal to __all__ and to the TYPE_CHECKING
# imports above by tests/transfer/test_public_surface.py. No public name equals a module
# name of this package: once a module is imported it becomes the package attribute of that
# name, which would hide a function of the same name (hence ``migrate_library``).
_EXPORTS: dict[str, tuple[str, str]] = {
    "DownloadConfig": ("config", "DownloadConfig"),
    "UploadConfig": ("config", "UploadConfig"),
    **{
        name: ("events", name)
        for name in (
            "AlbumCreated",
            "AssetsAddedToAlbum",
            "BytesTransferred",
            "EventHub",
            "EventSubscription",
            "ItemDone",
            "ItemFailed",
            "ItemQueued",
            "ItemRetrying",
            "ItemSkipped",
            "ItemStarted",
            "JobsPending",
            "Listener",
            "Notice",
            "StageDone",
            "TransferEvent",
            "WatchPolled",
        )
    },
    "Exporter": ("download.export", "Exporter"),
    "ExportOptions": ("download.export", "ExportOptions"),
    "Hasher": ("local.hashing", "Hasher"),
    "HashResult": ("local.hashing", "HashResult"),
    "JobControl": ("server.jobs", "JobControl"),
    "QueueState": ("server.jobs", "QueueState"),
    "MigrateConfig": ("migrate.engine", "MigrateConfig"),
    "MigrateOptions": ("migrate.engine", "MigrateOptions"),
    "Migrator": ("migrate.engine", "Migrator"),
    "migrate_library": ("migrate.engine", "migrate"),
    "Selection": ("migrate.listing", "Selection"),
    "PRESERVE_FIELDS": ("migrate.metadata", "PRESERVE_FIELDS"),
    "Difference": ("migrate.verify", "Difference"),
    "MigrationDiff": ("migrate.verify", "MigrationDiff"),
    "verify_migration": ("migrate.verify", "verify_migration"),
    "DEFAULT_LAYOUT": ("download.layout", "DEFAULT_LAYOUT"),
    "LAYOUT_FIELDS": ("download.layout", "LAYOUT_FIELDS"),
    "Layout": ("download.layout", "Layout"),
    "UnsafePathError": ("download.layout", "UnsafePathError"),
    **{
        name: ("report", name)
        for name in (
            "AdaptiveSummary",
            "AlbumTotals",
            "ExportReport",
            "MigrateReport",
            "Outcome",
            "OutcomeLog",
            "RateLimitSummary",
            "Status",
            "TakeoutReport",
            "TransferReport",
            "UploadReport",
        )
    },
    "ScannedFile": ("local.scan", "ScannedFile"),
    "ScanOptions": ("local.scan", "ScanOptions"),
    "iter_scan": ("local.scan", "iter_scan"),
    "search_filter": ("server.search", "search_filter"),
    "DEFAULT_STATE_PATH": ("state", "DEFAULT_PATH"),
    "StatePath": ("state", "StatePath"),
    "StateStore": ("state", "StateStore"),
    "StateStoreError": ("state", "StateStoreError"),
    "StateStoreVersionError": ("state", "StateStoreVersionError"),
    "default_state_path": ("state", "default_state_path"),
    "TakeoutImporter": ("takeout.importer", "TakeoutImporter"),
    "TakeoutOptions": ("takeout.importer", "TakeoutOptions"),
    "import_takeout": ("takeout.importer", "import_takeout"),
    "Uploader": ("upload.engine", "Uploader"),
    "UploadOptions": ("upload.engine", "UploadOptions"),
    "UploadRun": ("upload.handle", "UploadRun"),
    "start_upload": ("upload.handle", "start_upload"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    globals()[name] = value  # once: later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
