"""Keyword overrides: ``upload(client, paths, album="Trip", concurrency=8)`` and the like.

The options and config classes (:class:`~immich_bulk.transfer.upload.engine.UploadOptions`,
:class:`~immich_bulk.transfer.config.UploadConfig`, ...) are the one declaration of every
setting. A transfer function takes them as ``options=`` / ``config=`` and, for
convenience, any of their fields as a keyword: :func:`apply_overrides` applies each keyword to the
class that declares the field (``attrs.evolve``), so no signature copies the fields, and a
keyword no class declares is a TypeError naming it.

The TypedDicts below type those keywords for a type checker (PEP 692 ``Unpack``); they
mirror the classes' fields, and ``tests/transfer/test_overrides.py`` fails when a mirror
and its classes differ.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs
from typing_extensions import TypedDict

from .._http.retry import RetryPolicy
from ..models import AssetVisibility, MetadataSearchDto

if TYPE_CHECKING:
    from attrs import AttrsInstance

    from .migrate.listing import Selection

__all__ = [
    "AUTO",
    "ExportOverrides",
    "MigrateOverrides",
    "TakeoutOverrides",
    "UploadOverrides",
    "VerifyOverrides",
    "apply_overrides",
]

#: ``concurrency="auto"``: adapt the number of parallel transfers while running (upload).
AUTO = "auto"

Opt = TypeVar("Opt", bound="AttrsInstance")
Cfg = TypeVar("Cfg", bound="AttrsInstance")


def apply_overrides(
    call: str,
    options: Opt | None,
    options_type: type[Opt],
    config: Cfg | None,
    config_type: type[Cfg],
    overrides: Mapping[str, Any],
    *,
    nested: Mapping[str, type[Any]] | None = None,
    allowed: Collection[str] | None = None,
    auto: bool = True,
) -> tuple[Opt, Cfg]:
    """*options* and *config* (their classes' defaults when None) with *overrides* applied,
    each keyword to the class that declares a field of that name.

    *nested* names option fields that are themselves attrs classes (migrate's
    ``selection``) whose fields are keywords too; *allowed* narrows the keywords *call*
    takes. ``concurrency=None`` keeps the config's, and ``concurrency="auto"`` turns
    adaptive concurrency on (starting at the config's ``concurrency``) where the config
    has it and the engine follows it (*auto*): the one place "auto" is translated.
    Raises TypeError naming unknown keywords, and what the classes raise for bad values.
    """
    nested = nested or {}
    owners: dict[str, str] = {}
    for owner, cls in (("options", options_type), *nested.items(), ("config", config_type)):
        for name in attrs.fields_dict(cls):
            owners.setdefault(name, owner)
    names = set(owners) if allowed is None else set(allowed)
    unknown = [key for key in overrides if key not in names]
    if unknown:
        raise TypeError(_unknown(call, unknown, names))
    changes: dict[str, dict[str, Any]] = {}
    for key, value in overrides.items():
        changes.setdefault(owners[key], {})[key] = value
    config_changes = changes.pop("config", {})
    if config_changes.get("concurrency", 0) is None:
        del config_changes["concurrency"]  # not given: the config's
    adapts = auto and "adaptive" in attrs.fields_dict(config_type)
    if adapts and config_changes.get("concurrency") == AUTO:
        del config_changes["concurrency"]
        config_changes["adaptive"] = True
    option_changes = changes.pop("options", {})
    for field, cls in nested.items():
        if field in changes:
            inner = option_changes.get(field)
            if inner is None and options is not None:
                inner = getattr(options, field)
            option_changes[field] = _evolve(inner, cls, changes[field])
    return (
        _evolve(options, options_type, option_changes),
        _evolve(config, config_type, config_changes),
    )


def _evolve(value: Any, cls: type[Any], changes: Mapping[str, Any]) -> Any:
    if value is None:
        return cls(**changes)
    return attrs.evolve(value, **changes) if changes else value


def _unknown(call: str, unknown: list[str], names: Collection[str]) -> str:
    shown = ", ".join(repr(key) for key in unknown)
    plural = "s" if len(unknown) > 1 else ""
    message = f"{call}() got unexpected keyword argument{plural} {shown}"
    close = difflib.get_close_matches(unknown[0], list(names), n=1)
    return f"{message} (did you mean {close[0]!r}?)" if close else message


# -- the keywords, typed (mirrors of the classes' fields; a test keeps them equal) --------


class _UploadOptionFields(TypedDict, total=False):
    album: str | None
    album_from_folder: bool
    include: Iterable[str]
    exclude: Iterable[str]
    include_hidden: bool
    follow_symlinks: bool
    recursive: bool
    dry_run: bool
    delete: bool
    delete_duplicates: bool
    skip_hash: bool
    visibility: AssetVisibility | None
    favorite: bool
    recheck: bool
    pause_jobs: bool | Literal["auto"]
    wait_for_jobs: bool
    watch: bool
    watch_interval: float
    watch_settle: float


class _UploadTuning(TypedDict, total=False):
    hash_workers: int
    check_batch_size: int
    check_flush_seconds: float
    album_batch_size: int
    backlog: int
    chunk_size: int
    hash_chunk_size: int
    retry: RetryPolicy
    min_bytes_per_second: int
    max_failures: int
    device_id: str
    adaptive: bool
    max_concurrency: int
    adapt_window_seconds: float
    max_bytes_per_second: int | None


class UploadOverrides(_UploadOptionFields, _UploadTuning, total=False):
    """The keywords of ``upload()`` and ``client.assets.upload``: every field of
    ``UploadOptions`` and of ``UploadConfig`` (``concurrency`` also takes ``"auto"``)."""

    concurrency: int | Literal["auto"] | None


class _TakeoutOptionFields(TypedDict, total=False):
    include_trashed: bool
    include_partner: bool
    skip_locked: bool
    include_motion_videos: bool
    untitled_albums: bool
    include_unmatched: bool
    dry_run: bool
    recheck: bool
    pause_jobs: bool | Literal["auto"]
    wait_for_jobs: bool
    index_path: Path | None


class TakeoutOverrides(_TakeoutOptionFields, _UploadTuning, total=False):
    """The keywords of ``import_takeout()`` and ``client.assets.import_takeout``: every
    field of ``TakeoutOptions`` and of ``UploadConfig``."""

    concurrency: int | None


class _ExportOptionFields(TypedDict, total=False):
    album: str | None
    asset_ids: Iterable[str] | None
    search: MetadataSearchDto | Mapping[str, Any] | None
    everything: bool
    layout: str
    verify: bool
    dry_run: bool
    preserve_mtime: bool
    live_photos: bool


class ExportOverrides(_ExportOptionFields, total=False):
    """The keywords of ``export()`` and ``client.download.export``: every field of
    ``ExportOptions`` and of ``DownloadConfig``."""

    concurrency: int | None
    chunk_size: int
    page_size: int
    backlog: int
    max_restarts: int
    retry: RetryPolicy
    max_failures: int
    fsync: bool
    verify_workers: int


class VerifyOverrides(TypedDict, total=False):
    """The keywords of ``verify_migration()``: the selection and ``preserve`` of
    ``MigrateOptions``, and ``page_size`` of ``MigrateConfig``."""

    albums: Iterable[str] | str | None
    taken_after: dt.datetime | None
    taken_before: dt.datetime | None
    favorites_only: bool
    asset_types: Iterable[str] | str | None
    include_archived: bool
    include_trashed: bool
    preserve: Iterable[str] | None
    page_size: int


class MigrateOverrides(VerifyOverrides, total=False):
    """The keywords of ``migrate()``: every field of ``MigrateOptions`` (its
    ``selection``'s fields too) and of ``MigrateConfig``."""

    selection: Selection
    dry_run: bool
    concurrency: int | None
    check_batch_size: int
    check_flush_seconds: float
    album_batch_size: int
    backlog: int
    chunk_size: int
    retry: RetryPolicy
    min_bytes_per_second: int
    max_failures: int
    device_id: str
    link_concurrency: int
