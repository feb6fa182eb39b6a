"""Hostile names: file names (and a server's answers) holding ESC sequences, line breaks,
C1 controls, bidi overrides or bytes that are not UTF-8.

On the terminal they are escaped (one line per item, no control sequence ever reaches it);
in ``--json`` they are exact, with ``item_b64`` for a name JSON text cannot carry; and the
README's retry recipe (``jq`` -> ``--files-from --base64``) finds every such file again.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from pathlib import Path

from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import SubprocessServer
from tests.reliability.conftest import User
from tests.reliability.helpers import ROOT, WHEN, cli_command, cli_env

NAMES = [
    b"esc\x1b]0;owned\x07.jpg",  # sets the terminal's title
    b"clear\x1b[2J\x1b[H.jpg",
    b"new\nline.jpg",
    b"caf\xe9.jpg",  # Latin-1: not UTF-8
    "rtl\u202egpj.jpg".encode(),
    "c1\u009b31m.jpg".encode(),  # the one-character CSI
]
RAW = (b"\x1b", b"\x07", b"\xc2\x9b", "\u202e".encode(), b"\xe9")
#: The recipe of the README, word for word.
JQ_FILTER = '.outcomes[] | select(.status == "failed") | .item_b64 // (.item | @base64)'


def _run(*args: str, env: dict[str, str]) -> tuple[int, bytes, bytes]:
    done = subprocess.run(cli_command(*args), capture_output=True, env=env, cwd=ROOT, timeout=120)
    return done.returncode, done.stdout, done.stderr


def _library(root: Path) -> list[Path]:
    root.mkdir()
    paths = []
    for n, name in enumerate(NAMES):
        path = Path(os.fsdecode(os.fsencode(root) + b"/" + name))
        path.write_bytes(jpeg_bytes(8_800 + n, WHEN))
        paths.append(path)
    (root / "notes.txt").write_text("not media")  # skipped: the recipe must leave it out
    return paths


def _failed_entries(report: bytes, tmp_path: Path) -> bytes:
    """The README's jq line (a stand-in doing the same where jq is not installed)."""
    if shutil.which("jq"):
        source = tmp_path / "report.json"
        source.write_bytes(report)
        done = subprocess.run(["jq", "-r", JQ_FILTER, str(source)], capture_output=True, check=True)
        return done.stdout
    lines = []
    for outcome in json.loads(report)["outcomes"]:
        if outcome["status"] == "failed":
            lines.append(outcome.get("item_b64") or base64.b64encode(outcome["item"].encode()))
    return b"".join((line if isinstance(line, bytes) else line.encode()) + b"\n" for line in lines)


def test_names_are_escaped_on_the_terminal_exact_in_json_and_the_retry_recipe_finds_them(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path
) -> None:
    paths = _library(tmp_path / "lib")
    env = cli_env(home, server.url, user.key, IMMICH_BULK_PROGRESS_INTERVAL="0.5")
    fail_all = {"match": "uploadAsset", "status": 400, "times": len(paths)}

    # 1. the terminal: a summary on stdout, failures as they happen on stderr
    server.add_fault("error", message="bad \x1b[31mfile\x1b[0m\nforged: ok", **fail_all)
    code, out, err = _run("upload", str(tmp_path / "lib"), "--no-state", env=env)
    assert code == 1
    for raw in RAW:
        assert raw not in out and raw not in err, (raw, out, err)
    text, progress = out.decode(), err.decode()  # valid UTF-8: no stray byte either
    failures = text.split(f"failed ({len(paths)}):\n", 1)[1].splitlines()
    assert len(failures) == len(paths)  # one line per file, whatever its name holds
    assert all(line.startswith("  ") and "forged: ok" in line for line in failures)
    assert not any(line.startswith("forged") for line in (text + progress).splitlines())
    escaped = ["esc\\x1b]0;owned\\x07.jpg", "new\\nline.jpg", "caf\\xe9.jpg", "rtl\\u202egpj.jpg"]
    escaped += ["c1\\x9b31m.jpg", "bad \\x1b[31mfile\\x1b[0m\\nforged"]
    for shown in escaped:
        assert shown in text, shown
        assert shown in progress, shown  # the "failed ..." lines of the progress
    assert len([line for line in progress.splitlines() if line.startswith("failed ")]) == len(paths)

    # 2. --json: exact names, and the bytes of the one that is not UTF-8
    server.add_fault("error", message="bad \x1b[31mfile", **fail_all)
    code, report, _ = _run("upload", str(tmp_path / "lib"), "--no-state", "--json", env=env)
    assert code == 1
    outcomes = json.loads(report)["outcomes"]
    failed = {o["item"]: o for o in outcomes if o["status"] == "failed"}
    assert set(failed) == {os.fsdecode(p) for p in paths}
    for path in paths:
        outcome = failed[os.fsdecode(path)]
        if b"\xe9" in os.fsencode(path):
            assert base64.b64decode(outcome["item_b64"]) == os.fsencode(path)
        else:
            assert "item_b64" not in outcome  # plain UTF-8 names need no second form

    # 3. the README's recipe retries exactly those files, whatever their names
    listing = tmp_path / "failed.txt"
    listing.write_bytes(_failed_entries(report, tmp_path))
    assert len(listing.read_bytes().splitlines()) == len(paths)
    code, again, err = _run("upload", "--files-from", str(listing), "--base64", "--no-state",
                            "--json", env=env)  # fmt: skip
    assert code == 0, err
    retried = json.loads(again)
    assert retried["counts"] == {"uploaded": len(paths)}
    assert {o["item"] for o in retried["outcomes"]} == set(failed)


def test_a_bad_base64_listing_is_one_line_naming_the_entry(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path
) -> None:
    listing = tmp_path / "list.txt"
    listing.write_bytes(base64.b64encode(b"/x.jpg") + b"\nnot base64!\x1b\n")
    env = cli_env(home, server.url, user.key)
    code, out, err = _run("upload", "--files-from", str(listing), "--base64", env=env)
    assert code == 2 and out == b""
    assert err.decode().splitlines() == [
        f"immich-bulk: error: --files-from {str(listing)!r}: entry 2 is not base64: "
        "not base64!\\x1b"
    ]
    code, _, err = _run("upload", str(tmp_path), "--base64", env=env)
    assert code == 2 and b"--base64 only applies to --files-from" in err


def test_names_from_the_server_are_escaped_too(
    server: SubprocessServer, home: Path, tmp_path: Path
) -> None:
    made = server.create_user("evil-name@example.com", name="Eve\x1b[2J\x1b]0;owned\x07\nroot")
    code, out, err = _run("server-info", env=cli_env(home, server.url, made["apiKey"]))
    assert code == 0, err
    assert b"\x1b" not in out + err and b"\x07" not in out + err
    assert "user:    Eve\\x1b[2J\\x1b]0;owned\\x07\\nroot <evil-name@example.com>" in out.decode()
