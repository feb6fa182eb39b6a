"""The snippets beside this file, type-checked as a user's code would be.

``ok_*.py`` must pass ``mypy --strict`` and ``pyright --strict``; in ``bad_*.py`` each line
marked ``# error`` must be an error for both checkers, and no other line may be one.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
OK = sorted(HERE.glob("ok_*.py"))
BAD = sorted(HERE.glob("bad_*.py"))
_MYPY_ERROR = re.compile(r"^(?P<file>[^:\n]+\.py):(?P<line>\d+): error: (?P<text>.*)$", re.M)

Errors = set[tuple[str, int]]  # (file name, 1-based line)


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYRIGHT_PYTHON_IGNORE_WARNINGS="1", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # a hang guard
    )


def mypy_errors(files: list[Path]) -> tuple[Errors, str]:
    # the project's configuration: --strict, Python 3.10
    done = _run(["mypy", "--no-error-summary", *map(str, files)])
    found = {(Path(m["file"]).name, int(m["line"])) for m in _MYPY_ERROR.finditer(done.stdout)}
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return found, done.stdout


def pyright_errors(files: list[Path]) -> tuple[Errors, str]:
    done = _run(
        [
            "pyright",
            "--outputjson",
            "--pythonpath",
            sys.executable,
            "-p",
            str(HERE),
            *map(str, files),
        ]
    )
    assert done.returncode in (0, 1), done.stdout + done.stderr
    report = json.loads(done.stdout)
    errors = [d for d in report["generalDiagnostics"] if d["severity"] == "error"]
    found = {(Path(d["file"]).name, d["range"]["start"]["line"] + 1) for d in errors}
    text = "\n".join(
        f"{Path(d['file']).name}:{d['range']['start']['line'] + 1}: {d['message']}" for d in errors
    )
    return found, text


CHECKERS = {"mypy": mypy_errors, "pyright": pyright_errors}


def marked(files: list[Path]) -> Errors:
    return {
        (path.name, number)
        for path in files
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if line.rstrip().endswith("# error")
    }


@pytest.mark.parametrize("checker", CHECKERS)
def test_good_snippets_type_check(checker: str) -> None:
    found, text = CHECKERS[checker](OK)
    assert not found, text


@pytest.mark.parametrize("checker", CHECKERS)
def test_bad_snippets_are_errors_exactly_where_marked(checker: str) -> None:
    expected = marked(BAD)
    assert expected
    found, text = CHECKERS[checker](BAD)
    assert expected - found == set(), f"not reported:\n{text}"
    assert found - expected == set(), f"reported but not marked:\n{text}"
