"""Every numeric setting of the transfer configs has a documented range; a value outside it
is refused with one clear line before anything runs (``concurrency=100000`` once cost
800 MB of workers), and so is a glob pattern that cannot mean what it says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.config import Bounds, DownloadConfig, UploadConfig
from immich_bulk.transfer.local.scan import ScanOptions
from immich_bulk.transfer.migrate.engine import MigrateConfig
from immich_bulk.transfer.upload.engine import UploadOptions

CONFIGS = [UploadConfig, DownloadConfig, MigrateConfig]


def _numeric_fields(cls: type) -> list[tuple[str, Bounds]]:
    out = []
    for field in attrs.fields(cls):
        validator = field.validator
        bounds = getattr(validator, "validator", validator)  # attrs.validators.optional
        if isinstance(bounds, Bounds):
            out.append((field.name, bounds))
    return out


def test_every_numeric_setting_has_a_range() -> None:
    for cls in CONFIGS:
        bounded = {name for name, _ in _numeric_fields(cls)}
        numeric = {
            f.name
            for f in attrs.fields(cls)
            if f.type in ("int", "float", "int | None") or f.type in (int, float)
        }
        assert numeric <= bounded, (cls.__name__, numeric - bounded)
        defaults = cls()
        for name, bounds in _numeric_fields(cls):  # the defaults are inside their ranges
            value = getattr(defaults, name)
            assert value is None or bounds.low <= value <= bounds.high, (cls.__name__, name)


@pytest.mark.parametrize("cls", CONFIGS, ids=lambda c: c.__name__)
def test_out_of_range_values_are_refused_naming_the_setting(cls: type) -> None:
    for name, bounds in _numeric_fields(cls):
        step = 1 if bounds.integer else 0.5
        for value in (bounds.low - step, bounds.high + step, bounds.high * 1000 + 1):
            value = int(value) if bounds.integer else value
            with pytest.raises(ValueError, match=f"^{name} must be between") as raised:
                cls(**{name: value})
            assert "\n" not in str(raised.value)
        cls(**{name: int(bounds.low) if bounds.integer else bounds.low})  # the ends are fine
        cls(**{name: int(bounds.high) if bounds.integer else bounds.high})


@pytest.mark.parametrize("value", [True, 4.0, "4", None])
def test_a_count_must_be_a_whole_number(value: Any) -> None:
    with pytest.raises(TypeError, match="concurrency must be a whole number"):
        UploadConfig(concurrency=value)


def test_the_documented_ranges() -> None:
    with pytest.raises(ValueError, match="concurrency must be between 1 and 64, not 100,000"):
        UploadConfig(concurrency=100_000)
    with pytest.raises(ValueError, match="hash_workers must be between 1 and 128"):
        UploadConfig(hash_workers=1000)
    with pytest.raises(ValueError, match="between 1 KiB and 100 GiB, not 10 bytes"):
        UploadConfig(max_bytes_per_second=10)
    with pytest.raises(ValueError, match="page_size must be between 1 and 1,000"):
        MigrateConfig(page_size=5000)


async def test_the_upload_and_export_calls_refuse_a_bad_number_before_any_request(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.jpg").write_bytes(b"x")
    async with FakeImmich() as fake, fake.client() as client:
        fake.counters.reset()
        with pytest.raises(ValueError, match="concurrency must be between 1 and 64"):
            await client.assets.upload(tmp_path, concurrency=100_000, state_path=None)
        with pytest.raises(ValueError, match="max_bytes_per_second must be between"):
            await client.assets.upload(tmp_path, max_bytes_per_second=1, state_path=None)
        with pytest.raises(ValueError, match="concurrency must be between 1 and 64"):
            await client.download.export(
                tmp_path / "out", everything=True, concurrency=0, state_path=None
            )
        assert sum(fake.counters.requests.values()) == 0


BAD_PATTERNS = [
    ("[", "'[' is never closed"),
    ("*.[jJ", "'[' is never closed"),
    ("[z-a]*", "bad character range"),
    ("photos\\", "unfinished escape"),
    ("", "it is empty"),
]


@pytest.mark.parametrize(("pattern", "why"), BAD_PATTERNS)
def test_a_malformed_glob_is_refused_naming_it(pattern: str, why: str) -> None:
    for option in ("include", "exclude"):
        with pytest.raises(ValueError) as raised:
            UploadOptions(**{option: (pattern,)})  # type: ignore[arg-type]
        message = str(raised.value)
        assert message.startswith(f"{option}: invalid glob pattern {pattern!r}: ")
        assert why in message
        with pytest.raises(ValueError, match="invalid glob pattern"):
            ScanOptions(extensions={".jpg"}, **{option: (pattern,)})  # type: ignore[arg-type]


def test_a_bracket_is_still_matchable_when_escaped() -> None:
    UploadOptions(include=("\\[2020\\]*", "[[]x]*", "[!]a]"))


async def test_upload_refuses_a_malformed_glob_before_any_request(tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(b"x")
    async with FakeImmich() as fake, fake.client() as client:
        fake.counters.reset()
        with pytest.raises(ValueError, match=r"include: invalid glob pattern '\['"):
            await client.assets.upload(tmp_path, include=["["], state_path=None)
        assert sum(fake.counters.requests.values()) == 0
