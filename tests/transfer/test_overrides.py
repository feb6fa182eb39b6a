"""Keyword overrides: each setting is declared once (the options and config classes); the
transfer functions take ``options=`` / ``config=`` and any field as a keyword."""

from __future__ import annotations

import datetime as dt
import inspect
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

import attrs
import pytest

from immich_bulk.helpers.assets import AssetsApi
from immich_bulk.helpers.download import DownloadApi
from immich_bulk.models import MetadataSearchDto
from immich_bulk.transfer import overrides as ov
from immich_bulk.transfer.config import DownloadConfig, UploadConfig
from immich_bulk.transfer.download.export import ExportOptions, export
from immich_bulk.transfer.migrate.engine import (
    MigrateConfig,
    MigrateOptions,
    Selection,
    migrate,
    verify_migration,
)
from immich_bulk.transfer.overrides import apply_overrides
from immich_bulk.transfer.takeout.importer import TakeoutOptions, import_takeout
from immich_bulk.transfer.upload.engine import UploadOptions, upload

#: Where a keyword's type differs from its field's on purpose.
WIDER = {
    (ov.UploadOverrides, "concurrency"): int | Literal["auto"] | None,  # "auto"; None: keep
    (ov.ExportOverrides, "concurrency"): int | None,
    (ov.MigrateOverrides, "concurrency"): int | None,
    (ov.TakeoutOverrides, "concurrency"): int | None,
}

MIRRORS: list[tuple[Any, list[type[Any]], Callable[[str], bool]]] = [
    (ov.UploadOverrides, [UploadOptions, UploadConfig], lambda name: True),
    (ov.ExportOverrides, [ExportOptions, DownloadConfig], lambda name: True),
    (ov.TakeoutOverrides, [TakeoutOptions, UploadConfig], lambda name: True),
    (ov.MigrateOverrides, [MigrateOptions, Selection, MigrateConfig], lambda name: True),
    (
        ov.VerifyOverrides,
        [MigrateOptions, Selection, MigrateConfig],
        lambda name: name in attrs.fields_dict(Selection) or name in ("preserve", "page_size"),
    ),
]


def _init_type(cls: type[Any], name: str) -> Any:
    """What the class's ``__init__`` takes for field *name* (a converter's argument)."""
    attrs.resolve_types(cls)
    field = attrs.fields_dict(cls)[name]
    converter: Any = field.converter
    if converter is None:
        return field.type
    hints = typing.get_type_hints(converter)
    first = next(iter(inspect.signature(converter).parameters))
    return hints[first]


@pytest.mark.parametrize("mirror", MIRRORS, ids=lambda m: m[0].__name__)
def test_each_typed_mirror_is_its_classes_fields(mirror: Any) -> None:
    typed, classes, wanted = mirror
    from immich_bulk.transfer.migrate.listing import Selection as Sel

    hints = typing.get_type_hints(typed, localns={"Selection": Sel})
    fields: dict[str, Any] = {}
    for cls in classes:
        for name in attrs.fields_dict(cls):
            if wanted(name):
                assert name not in fields, f"{name} is declared by two classes"
                fields[name] = _init_type(cls, name)
    assert sorted(hints) == sorted(fields)
    for name, hint in hints.items():
        expected = WIDER.get((typed, name), fields[name])
        assert hint == expected, f"{typed.__name__}.{name}: {hint} != {expected}"


def test_the_convenience_methods_take_the_same_keywords_as_the_functions() -> None:
    def keywords(fn: Callable[..., Any]) -> dict[str, Any]:
        params = inspect.signature(fn).parameters
        return {n: p.annotation for n, p in params.items() if p.kind is p.KEYWORD_ONLY}

    assert keywords(AssetsApi.upload) == {
        k: v for k, v in keywords(upload).items() if k != "on_start"
    }
    assert keywords(DownloadApi.export) == keywords(export)
    assert keywords(AssetsApi.import_takeout) == {
        k: v for k, v in keywords(import_takeout).items() if k != "on_start"
    }
    for fn in (upload, export, migrate, verify_migration, import_takeout):
        assert "**overrides: Unpack[" in str(inspect.signature(fn)).replace("'", "")


def test_keywords_override_the_options_and_config_given() -> None:
    options, config = apply_overrides(
        "upload",
        UploadOptions(album="A", recursive=False),
        UploadOptions,
        UploadConfig(concurrency=2, hash_workers=3),
        UploadConfig,
        {"album": "B", "concurrency": 8, "include": "*.jpg"},
    )
    assert options == UploadOptions(album="B", recursive=False, include=("*.jpg",))
    assert config == UploadConfig(concurrency=8, hash_workers=3)


def test_without_keywords_the_objects_given_are_used_as_they_are() -> None:
    options, config = UploadOptions(album="A"), UploadConfig(concurrency=2)
    got = apply_overrides("upload", options, UploadOptions, config, UploadConfig, {})
    assert got[0] is options and got[1] is config


def test_auto_concurrency_is_adaptive_starting_at_the_configured_one() -> None:
    _, config = apply_overrides(
        "upload",
        None,
        UploadOptions,
        UploadConfig(concurrency=3),
        UploadConfig,
        {"concurrency": "auto"},
    )
    assert config == UploadConfig(concurrency=3, adaptive=True)


def test_none_concurrency_keeps_the_configs() -> None:
    for options_type, config_type in (
        (UploadOptions, UploadConfig),
        (MigrateOptions, MigrateConfig),
    ):
        _, config = apply_overrides(
            "x", None, options_type, config_type(concurrency=7), config_type, {"concurrency": None}
        )
        assert config == config_type(concurrency=7)


def test_migrate_keywords_reach_the_selection_and_the_config() -> None:
    start = MigrateOptions(selection=Selection(favorites_only=True), dry_run=True)
    options, config = apply_overrides(
        "migrate",
        start,
        MigrateOptions,
        MigrateConfig(page_size=100),
        MigrateConfig,
        {"albums": "Trip", "preserve": ["favorite"], "concurrency": 8},
        nested={"selection": Selection},
    )
    assert options.selection == Selection(favorites_only=True, albums=("Trip",))
    assert options.preserve == frozenset({"favorite"}) and options.dry_run
    assert config == MigrateConfig(page_size=100, concurrency=8)
    # without options: the classes' defaults, a selection from the keywords
    options, _ = apply_overrides(
        "migrate",
        None,
        MigrateOptions,
        None,
        MigrateConfig,
        {"taken_after": dt.datetime(2020, 1, 1)},
        nested={"selection": Selection},
    )
    assert options == MigrateOptions(selection=Selection(taken_after=dt.datetime(2020, 1, 1)))


def test_export_keywords_build_the_options() -> None:
    options, config = apply_overrides(
        "export",
        None,
        ExportOptions,
        None,
        DownloadConfig,
        {"asset_ids": ["a", "b"], "concurrency": 2, "search": None},
    )
    assert options == ExportOptions(asset_ids=("a", "b"))
    assert config == DownloadConfig(concurrency=2)
    with pytest.raises(ValueError, match="exactly one"):
        apply_overrides("export", None, ExportOptions, None, DownloadConfig, {})
    search = {"isFavorite": True}
    options, _ = apply_overrides(
        "export", None, ExportOptions, None, DownloadConfig, {"search": search}
    )
    assert options.search == MetadataSearchDto(is_favorite=True)


@pytest.mark.parametrize(
    ("call", "keywords", "message"),
    [
        (
            "upload",
            {"albun": "A"},
            r"upload\(\) got unexpected keyword argument 'albun' \(did you mean 'album'\?\)",
        ),
        ("upload", {"x1": 1, "x2": 2}, r"upload\(\) got unexpected keyword arguments 'x1', 'x2'$"),
    ],
)
def test_an_unknown_keyword_is_a_type_error_naming_it(
    call: str, keywords: Mapping[str, Any], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        apply_overrides(call, None, UploadOptions, None, UploadConfig, keywords)


def test_verify_takes_only_the_selection_preserve_and_page_size() -> None:
    with pytest.raises(
        TypeError, match=r"verify_migration\(\) got unexpected keyword argument 'dry_run'"
    ):
        apply_overrides(
            "verify_migration",
            None,
            MigrateOptions,
            None,
            MigrateConfig,
            {"dry_run": True},
            nested={"selection": Selection},
            allowed=ov.VerifyOverrides.__annotations__,
        )


def test_bad_values_are_refused_by_the_classes() -> None:
    with pytest.raises(ValueError, match="concurrency must be between 1 and 64, not 0"):
        apply_overrides("upload", None, UploadOptions, None, UploadConfig, {"concurrency": 0})
    with pytest.raises(TypeError, match="concurrency must be a whole number, not 'auto'"):
        apply_overrides(
            "export",
            None,
            ExportOptions,
            None,
            DownloadConfig,
            {"everything": True, "concurrency": "auto"},
        )
    with pytest.raises(ValueError, match="album and album_from_folder"):
        apply_overrides(
            "upload",
            UploadOptions(album="A"),
            UploadOptions,
            None,
            UploadConfig,
            {"album_from_folder": True},
        )


async def test_the_functions_refuse_unknown_keywords_before_running() -> None:
    client: Any = None
    with pytest.raises(TypeError, match="upload"):
        await upload(client, [], state_path=None, albm="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="export"):
        await export(client, "d", state_path=None, everything=True, layot="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="migrate"):
        await migrate(client, client, state_path=None, album="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="verify_migration"):
        await verify_migration(client, client, concurrency=3)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="import_takeout"):
        await import_takeout(client, [], state_path=None, album="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="concurrency must be a whole number, not 'auto'"):
        await import_takeout(client, [], state_path=None, concurrency="auto")  # type: ignore[arg-type]


def _unused(_: Iterable[str]) -> None:  # keeps the Iterable import for get_type_hints
    pass
