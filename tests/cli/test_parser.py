"""The command's parser: a run parses and imports only the command it runs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from immich_bulk.cli import _command_module, build_parser


@pytest.mark.parametrize(
    ("argv", "module"),
    [
        (["upload", "x"], "upload"),
        (["-v", "--backend", "trio", "download", "d"], "download"),
        (["--backend", "upload", "jobs"], "jobs"),  # "upload" is --backend's value here
        (["server-info"], "server_info"),
        (["logout"], "login"),
        (["nosuch"], None),
        (["--help"], None),
        (["-q"], None),
        ([], None),
    ],
)
def test_the_command_word_names_its_module(argv: list[str], module: str | None) -> None:
    assert _command_module(argv) == module


def test_a_run_imports_only_its_commands_module() -> None:
    code = (
        "import json, sys\n"
        "from immich_bulk.cli import _command_module, build_parser\n"
        "argv = ['-v', 'upload', 'somewhere', '--dry-run']\n"
        "args = build_parser(_command_module(argv)).parse_args(argv)\n"
        "assert args.dry_run is True\n"
        "loaded = [m for m in sys.modules if m.startswith('immich_bulk.cli.cmd_')]\n"
        "print(json.dumps(sorted(loaded)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == ["immich_bulk.cli.cmd_upload"]


def test_the_whole_parser_still_knows_every_command() -> None:
    parser = build_parser()
    assert parser.parse_args(["jobs"]).command == "jobs"
    assert parser.parse_args(["upload", "x"]).command == "upload"
