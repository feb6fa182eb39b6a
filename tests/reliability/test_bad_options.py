"""Bad options and input to the command: a search filter that does not fit the schema,
numbers out of range, malformed globs, a key piped to ``login``.

Each is one ``immich-bulk: error:`` line and exit code 2 before anything is transferred
-- never a silent "everything", a silent "nothing", or an attempt that eats the machine.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import SubprocessServer
from tests.reliability.conftest import User
from tests.reliability.helpers import WHEN, cli_env, run_cli


def _one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("immich-bulk: error: "), stderr
    return lines[0]


# ---------------------------------------------------------------------- --search


def test_a_search_that_does_not_fit_the_schema_is_refused_never_everything(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path
) -> None:
    env = cli_env(home, server.url, user.key)
    for folder, seed, flags in (("fav", 1, ["--favorite"]), ("plain", 2, [])):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / f"{folder}.jpg").write_bytes(jpeg_bytes(9_000 + seed, WHEN))
        sent = run_cli("upload", str(tmp_path / folder), "--no-state", *flags, env=env)
        assert sent.code == 0, sent.stderr
    dest = tmp_path / "out"
    refused = {
        '{"isFavourite": true}': "unknown key 'isFavourite' (did you mean 'isFavorite'?)",
        "[]": "--search must be a JSON object",  # this one downloaded the whole library
        '"str"': "--search must be a JSON object",
        "null": "not null",
        "{}": "--search is empty: it would select every asset",
        '{"isFavorite": "yes"}': '--search: isFavorite must be true or false, not "yes"',
        '{"takenAfter": 2020}': "--search: takenAfter must be an ISO 8601 date-time",
        '{"type": "PHOTO"}': '--search: type must be one of "IMAGE"',
        '{"size": 1}': "--search: 'size' is not a filter",
    }
    for text, words in refused.items():
        result = run_cli("download", str(dest), "--search", text, "--no-state", env=env)
        assert result.code == 2, (text, result.stdout, result.stderr)
        assert words in _one_error_line(result.stderr), (text, result.stderr)
        assert not dest.exists(), text  # refused before anything was created
    good = run_cli("download", str(dest), "--search", '{"isFavorite": true}', "--no-state",
                   "--layout", "{filename}", "--json", env=env)  # fmt: skip
    assert good.code == 0, good.stderr
    assert good.json()["counts"] == {"downloaded": 1}
    assert sorted(p.name for p in dest.iterdir()) == ["fav.jpg"]


# ---------------------------------------------------------------------- numbers and globs


def test_numbers_out_of_range_are_one_line_before_any_work(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.jpg").write_bytes(jpeg_bytes(9_100, WHEN))
    env = cli_env(home, server.url, user.key)
    cases: dict[tuple[str, ...], str] = {
        # 65 ran with 65 workers, 100000 with 818 MB of RSS
        ("upload", str(lib), "--concurrency", "65"): "--concurrency must be between 1 and 64",
        ("upload", str(lib), "--concurrency", "100000"): "between 1 and 64, not 100,000",
        ("upload", str(lib), "--hash-workers", "1000"): "--hash-workers must be between 1 and 128",
        ("upload", str(lib), "--limit-rate", "10"): "--limit-rate must be between 1 KiB and",
        ("upload", str(lib), "--limit-rate", "1000G"): "not 1,000 GiB",
        ("download", str(tmp_path / "o"), "--all", "--concurrency", "65"): "between 1 and 64",
        ("migrate", "--from", server.url, "--from-key", user.key, "--concurrency", "65"): (
            "--concurrency must be between 1 and 64"
        ),
        ("demo", "--photos", "0"): "--photos must be between 1 and 100,000, not 0",
    }
    _refused(cases, env, tmp_path)
    assert server.assets(user.email) == []  # nothing was sent


def test_a_malformed_glob_is_one_line_not_a_silent_match_of_nothing(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.jpg").write_bytes(jpeg_bytes(9_101, WHEN))
    cases: dict[tuple[str, ...], str] = {
        # an unclosed '[' matched nothing, silently: "1 skipped", exit 0
        ("upload", str(lib), "--include", "["): (
            "--include: invalid glob pattern '[': '[' is never closed (write '\\[' for a "
            "literal '[')"
        ),
        ("upload", str(lib), "--exclude", "*.[jJ"): "--exclude: invalid glob pattern '*.[jJ'",
        ("upload", str(lib), "--exclude", "[z-a]"): "--exclude: invalid glob pattern '[z-a]'",
    }
    _refused(cases, cli_env(home, server.url, user.key), tmp_path)
    assert server.assets(user.email) == []


def _refused(cases: dict[tuple[str, ...], str], env: dict[str, str], tmp_path: Path) -> None:
    state = str(tmp_path / "state.sqlite3")
    for args, words in cases.items():
        state_args = ("--state", state) if args[0] != "demo" else ()
        result = run_cli(*args, *state_args, env=env, timeout=60)
        assert result.code == 2, (args, result.stdout, result.stderr)
        assert words in _one_error_line(result.stderr), (args, result.stderr)
        assert result.stdout == ""
    assert not Path(state).exists() and not (tmp_path / "o").exists()


# ---------------------------------------------------------------------- login, key on stdin


def _saved(home: Path) -> dict[str, str]:
    data: dict[str, str] = json.loads((home / "config" / "auth.json").read_text())
    return data


def test_login_takes_a_piped_key_and_never_shows_it(
    server: SubprocessServer, user: User, home: Path
) -> None:
    env = cli_env(home, "", "")
    for piped in (f"{user.key}\n".encode(), user.key.encode(), f"  {user.key}\r\n".encode()):
        result = run_cli("login", server.url, env=env, stdin=piped)
        assert result.code == 0, result.stderr
        assert "logged in" in result.stdout and user.email in result.stdout
        assert user.key not in result.stdout + result.stderr
        assert _saved(home)["key"] == user.key  # exactly the key: no newline, no spaces
        (home / "config" / "auth.json").unlink()
    refused = {
        b"": "no API key: stdin (not a terminal) is empty",
        b"\n\n": "no API key: stdin (not a terminal) is empty",
        f"{user.key} extra\n".encode(): "holds spaces or control characters",
        b"k\xffey\n": "not ASCII text",
        b"x" * 5000: "longer than 4096 bytes",
    }
    for piped, words in refused.items():
        result = run_cli("login", server.url, env=env, stdin=piped)
        assert result.code == 2, (piped[:20], result.stderr)
        line = _one_error_line(result.stderr)
        assert words in line and user.key not in line
        assert not (home / "config" / "auth.json").exists()
    wrong = run_cli("login", server.url, env=env, stdin=b"not-the-key\n")
    assert wrong.code == 3 and "not-the-key" not in wrong.stdout + wrong.stderr


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_login_does_not_wait_forever_on_a_pipe_that_never_delivers(
    backend: str, home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """stdin is an open pipe nobody writes to (a script's leftover): a clear error after
    the wait, not a hang. Nothing is contacted (the URL is unroutable)."""
    from immich_bulk.cli import cmd_login, main

    read_end, write_end = os.pipe()
    monkeypatch.setattr(cmd_login, "STDIN_WAIT_SECONDS", 0.3, raising=False)
    monkeypatch.setenv("IMMICH_API_KEY", "")
    monkeypatch.setenv("IMMICH_BULK_CONFIG_DIR", str(home / "config"))
    with os.fdopen(read_end, "r") as stdin:
        monkeypatch.setattr(sys, "stdin", stdin)
        try:
            code = main(["--backend", backend, "login", "http://192.0.2.1:9/api"])
        finally:
            os.close(write_end)
    assert code == 2
    assert "no API key: nothing arrived on stdin within 0 s" in capsys.readouterr().err
