"""Safe names from hostile server data, collision names, layout templates."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from immich_bulk.transfer.download.layout import (
    MAX_FILE_NAME_BYTES,
    Layout,
    collision_names,
    filename_from_content_disposition,
    safe_name,
    split_ext,
)

ASSET = "1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"


def is_safe(name: str) -> bool:
    return (
        bool(name)
        and name not in (".", "..")
        and not name.startswith(".")
        and not any(c in name for c in '/\\\x00<>:"|?*')
        and not any(unicodedata.category(c) == "Cc" for c in name)
        and len(name.encode("utf-8")) <= MAX_FILE_NAME_BYTES
    )


@pytest.mark.parametrize(
    ("hostile", "expected"),
    [
        ("../../etc/passwd", "_._.._etc_passwd"),
        ("/abs", "_abs"),
        ("/etc/cron.d/x.jpg", "_etc_cron.d_x.jpg"),
        ("a\\b.jpg", "a_b.jpg"),
        ("C:\\Windows\\x.jpg", "C__Windows_x.jpg"),
        ("..", "fallback"),
        (".", "fallback"),
        ("", "fallback"),
        ("   ", "fallback"),
        ("x\x00y.jpg", "x_y.jpg"),
        ("bell\x07\x1b[31m.jpg", "bell__[31m.jpg"),
        ("c1\x85\x9f.jpg", "c1__.jpg"),
        ("del\x7f.jpg", "del_.jpg"),
        ("evil\u202egpj.exe", "evil_gpj.exe"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT1.jpg", "_LPT1.jpg"),
        ("nul", "_nul"),
        (".bashrc", "_bashrc"),
        ("trailing dots...", "trailing dots"),
        ("what?<*>|.jpg", "what_____.jpg"),
        ("e\u0301te\u0301.jpg", "été.jpg"),  # NFD in, NFC out
    ],
)
def test_hostile_names(hostile: str, expected: str) -> None:
    name = safe_name(hostile, fallback="fallback")
    assert name == expected
    assert is_safe(name)


def test_long_names_keep_their_extension_within_255_bytes() -> None:
    name = safe_name("x" * 1000 + ".jpeg", fallback="f")
    assert name.endswith(".jpeg")
    assert len(name.encode()) == MAX_FILE_NAME_BYTES
    wide = safe_name("日本" * 300 + ".heic", fallback="f")  # 3 bytes per character
    assert wide.endswith(".heic") and len(wide.encode()) <= MAX_FILE_NAME_BYTES
    wide.encode("utf-8").decode("utf-8")  # not cut inside a character
    # the .part/.meta names of a download fit too
    assert len((name + ".part.meta").encode()) <= 255


@given(st.text())
def test_any_text_gives_a_safe_stable_name(text: str) -> None:
    name = safe_name(text, fallback="asset")
    assert is_safe(name)
    assert safe_name(name, fallback="asset") == name


@given(st.text(min_size=1), st.uuids())
def test_collision_names_are_safe_distinct_and_deterministic(text: str, uid: object) -> None:
    asset_id = str(uid)
    name = safe_name(text, fallback="asset")
    names = collision_names(name, asset_id)
    assert names == collision_names(name, asset_id)
    assert names[0] == name
    assert len(set(names)) == len(names) == 3
    assert all(is_safe(n) for n in names)
    assert asset_id[:8] in names[1] and asset_id in names[2]


def test_collision_names_keep_the_extension() -> None:
    assert collision_names("IMG_0001.JPG", ASSET) == [
        "IMG_0001.JPG",
        "IMG_0001 (1a2b3c4d).JPG",
        f"IMG_0001 ({ASSET}).JPG",
    ]
    long = collision_names("y" * 300 + ".jpg", ASSET)
    assert long[1].endswith(" (1a2b3c4d).jpg")
    assert all(len(n.encode()) <= MAX_FILE_NAME_BYTES for n in long)


def test_split_ext() -> None:
    assert split_ext("a.tar.gz") == ("a.tar", ".gz")
    assert split_ext("noext") == ("noext", "")
    assert split_ext("x.has space") == ("x.has space", "")
    assert split_ext("x." + "e" * 40) == ("x." + "e" * 40, "")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("inline; filename*=UTF-8''img%201%20%C3%A9.jpg", "img 1 é.jpg"),
        ('attachment; filename="plain.jpg"', "plain.jpg"),
        ("attachment; filename=bare.jpg", "bare.jpg"),
        ("inline; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd", "../../etc/passwd"),
        ("inline", None),
        ("", None),
        (None, None),
    ],
)
def test_content_disposition(header: str | None, expected: str | None) -> None:
    assert filename_from_content_disposition(header) == expected


def test_layout_renders_safe_levels() -> None:
    layout = Layout("{album}/{yyyy}/{filename}")
    values = {"album": "../../x", "yyyy": "2024", "filename": "a.jpg"}
    assert layout.render(values, fallback_name="f") == ("_._.._x", "2024", "a.jpg")
    assert layout.render(
        {"album": "Trip/Day 1", "yyyy": "2024", "filename": "a.jpg"}, fallback_name="f"
    ) == ("Trip_Day 1", "2024", "a.jpg")
    # empty levels are dropped, an empty file name falls back
    assert layout.render({"album": "", "yyyy": "", "filename": ""}, fallback_name="f") == ("f",)
    assert layout.fields == {"album", "yyyy", "filename"}


def test_layout_literal_text_and_all_fields() -> None:
    layout = Layout("photos/{yyyy}-{mm}-{dd}/{type}/{stem} [{id}].{ext}")
    values = {
        "yyyy": "2024", "mm": "05", "dd": "01", "type": "image", "stem": "IMG",
        "id": ASSET, "ext": "JPG",
    }  # fmt: skip
    assert layout.render(values, fallback_name="f") == (
        "photos",
        "2024-05-01",
        "image",
        f"IMG [{ASSET}].JPG",
    )


@pytest.mark.parametrize(
    "template",
    ["", "/abs/{filename}", "../{filename}", "a/../{filename}", "{nope}", "{yyyy:>4}",
     "{filename!r}", "C:/x/{filename}", "{unclosed"],
)  # fmt: skip
def test_bad_layouts_are_refused(template: str) -> None:
    with pytest.raises(ValueError):
        Layout(template)
