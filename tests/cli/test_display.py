"""Names reach the terminal escaped: no control sequence, line break or bidi control from a
file name or a server's answer is ever printed as is."""

from __future__ import annotations

import io
import os

import pytest

from immich_bulk.cli.display import shown
from immich_bulk.cli.progress import ProgressView
from immich_bulk.transfer.events import ItemFailed, ItemRetrying, Notice

#: (raw, as shown)
ESCAPED = [
    ("a\x1b[2Jb.jpg", "a\\x1b[2Jb.jpg"),  # clear screen
    ("t\x1b]0;owned\x07.jpg", "t\\x1b]0;owned\\x07.jpg"),  # terminal title
    ("new\nline.jpg", "new\\nline.jpg"),
    ("cr\rreturn\ttab.jpg", "cr\\rreturn\\ttab.jpg"),
    ("c1\x9b31m.jpg", "c1\\x9b31m.jpg"),  # the one-byte CSI
    ("del\x7f.jpg", "del\\x7f.jpg"),
    ("rtl\u202egpj.exe", "rtl\\u202egpj.exe"),  # right-to-left override
    ("sep\u2028line", "sep\\u2028line"),
    (os.fsdecode(b"caf\xe9.jpg"), "caf\\xe9.jpg"),  # not UTF-8: the byte, not \udce9
]
KEPT = ["café.jpg", "日本語の写真.jpg", "👨‍👩‍👧 family.jpg", "a b\u00a0c.jpg", "[red]x[/red].jpg"]


@pytest.mark.parametrize(("raw", "expected"), ESCAPED)
def test_control_characters_line_breaks_bidi_and_undecodable_bytes_are_escaped(
    raw: str, expected: str
) -> None:
    assert shown(raw) == expected
    assert shown(raw).isprintable()


@pytest.mark.parametrize("name", KEPT)
def test_ordinary_names_are_shown_as_they_are(name: str) -> None:
    assert shown(name) == name


@pytest.mark.parametrize("mode", ["lines", "bars"])
def test_progress_prints_failures_retries_and_notices_escaped_on_one_line(mode: str) -> None:
    stream = io.StringIO()
    view = ProgressView("upload", mode=mode, stream=stream)
    if mode == "bars":  # what run() sets up; printing goes through rich
        from rich.progress import Progress

        view._bars = Progress(console=view.console)
    evil = "x\x1b[2J\n[/bold]y\u202e.jpg"
    view(ItemFailed(item=evil, stage="upload", reason="bad\x1b[31m name\nforged line"))
    view(ItemRetrying(item=evil, stage="upload", reason="503\x07", attempt=1, delay=0.5))
    view(Notice(message=f"album {evil} created"))
    out = stream.getvalue()
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in out
    lines = out.splitlines()
    assert len(lines) == 3, out
    assert "x\\x1b[2J\\n[/bold]y\\u202e.jpg" in lines[0]  # markup in a name stays text
    assert "bad\\x1b[31m name\\nforged line" in lines[0]
