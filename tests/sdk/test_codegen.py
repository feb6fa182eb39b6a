"""The generator: committed files are exactly what it produces, and its naming rules."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from immich_bulk import api, models
from immich_bulk._naming import camel, snake
from immich_bulk.codegen.generate import PACKAGE_DIR, diff_tree, generate, write_tree
from immich_bulk.codegen.naming import enum_member, group_attr
from tests.spec import spec, spec_bytes


def test_committed_generated_code_matches_the_generator(tmp_path: Path) -> None:
    files = generate(spec_bytes())
    problems = diff_tree(files, PACKAGE_DIR)
    assert problems == [], "regenerate with python -m immich_bulk.codegen --spec ..."
    # and writing into an empty tree gives the same files
    write_tree(files, tmp_path)
    assert diff_tree(files, tmp_path) == []


def test_generation_is_deterministic() -> None:
    data = spec_bytes()
    assert generate(data) == generate(data)


def test_banner_names_spec_version_and_hash() -> None:
    import hashlib

    digest = hashlib.sha256(spec_bytes()).hexdigest()
    for path in [*(PACKAGE_DIR / "models").glob("*.py"), *(PACKAGE_DIR / "api").glob("*.py")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert "Generated from the Immich v2.7.5 OpenAPI spec" in first, path
        assert digest in first, path
        assert "do not edit" in first


def test_every_operation_in_three_modes() -> None:
    s = spec()
    count = 0
    for item in s["paths"].values():
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            group, _ = api.GROUPS[group_attr(op["tags"][0])]
            module = importlib.import_module(f"immich_bulk.api.{group}")
            cls = next(
                v for k, v in vars(module).items() if k.endswith("Api") and isinstance(v, type)
            )
            name = snake(op["operationId"])
            for suffix in ("", "_with_http_info", "_without_preload_content"):
                assert callable(getattr(cls, name + suffix)), f"{cls.__name__}.{name}{suffix}"
            count += 1
    assert count == 245


def test_every_schema_is_a_model_or_enum() -> None:
    schemas = spec()["components"]["schemas"]
    assert len(schemas) == 361
    for name, schema in schemas.items():
        value = getattr(models, name)
        if "enum" in schema:
            assert [m.value for m in value] == [str(v) for v in schema["enum"]]
        else:
            import attrs

            assert attrs.has(value)
            wires = set(schema.get("properties", {}))
            from immich_bulk._converter import wire_names

            assert set(wire_names(value).values()) == wires, name


@pytest.mark.parametrize(
    ("wire", "py"),
    [
        ("albumThumbnailAssetId", "album_thumbnail_asset_id"),
        ("x-immich-checksum", "x_immich_checksum"),
        ("deviceOS", "device_os"),
        ("from", "from_"),
        ("import", "import_"),
        ("isHDR", "is_hdr"),
    ],
)
def test_snake_case(wire: str, py: str) -> None:
    assert snake(wire) == py


def test_wire_name_overrides_cover_irregular_names() -> None:
    from immich_bulk._converter import wire_names

    assert wire_names(models.SessionCreateDto)["device_os"] == "deviceOS"
    assert wire_names(models.SystemConfigSmtpDto)["from_"] == "from"
    assert camel("album_thumbnail_asset_id") == "albumThumbnailAssetId"


def test_group_and_enum_names() -> None:
    assert group_attr("Users (admin)") == "users_admin"
    assert group_attr("API keys") == "api_keys"
    assert enum_member("unsupported-format") == "UNSUPPORTED_FORMAT"
    assert enum_member("2fa") == "N2FA"


def test_models_package_loads_lazily() -> None:
    import subprocess
    import sys

    code = (
        "import sys, immich_bulk.models as m\n"
        "before = {k for k in sys.modules if k.startswith('immich_bulk.models.')}\n"
        "m.AssetResponseDto\n"
        "after = {k for k in sys.modules if k.startswith('immich_bulk.models.')}\n"
        "print(len(before), len(after))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    before, after = int(out[0]), int(out[1])
    assert before == 0
    assert 0 < after < 20  # AssetResponseDto and what it refers to, not all 300 models


def test_unknown_model_name_raises_attribute_error() -> None:
    with pytest.raises(AttributeError):
        models.NoSuchModel  # noqa: B018
