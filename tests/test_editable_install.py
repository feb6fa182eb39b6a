"""``pip install -e`` of a checkout leaves the package visible to mypy and pyright.

An editable install that works through an import hook runs for Python but is invisible to
type checkers, which read ``.pth`` files as plain paths and never run a hook. This builds
the editable wheel with the project's declared build backend (as pip does, from this
environment's build tools: offline), installs it into a fresh virtual environment, and
type-checks a user's module against that environment.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

USER_CODE = """\
from immich_bulk import UNSET, AsyncClient, is_set
from immich_bulk.models import AssetResponseDto


def name(asset: AssetResponseDto) -> str:
    return asset.original_file_name


def camera(asset: AssetResponseDto) -> str:
    if asset.exif_info is not UNSET and is_set(asset.exif_info.make):
        return asset.exif_info.make or ""
    return ""


async def version(client: AsyncClient) -> str:
    about = await client.server.get_about_info()
    return about.version
"""


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYRIGHT_PYTHON_IGNORE_WARNINGS="1", NO_COLOR="1")
    env.pop("MYPYPATH", None)
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        args,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,  # a hang guard
    )


def build_editable_wheel(out: Path) -> Path:
    """What ``pip install -e`` asks the build backend for (PEP 660), here in a subprocess."""
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    match = re.search(r'^build-backend = "([\w.:]+)"', pyproject, re.M)
    assert match, "no build-backend in pyproject.toml"
    importlib.import_module(match[1].split(":")[0])  # the build tools are installed here
    code = f"import sys, {match[1]} as backend\nprint(backend.build_editable(sys.argv[1]))"
    done = _run([sys.executable, "-c", code, str(out)], cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    return out / done.stdout.strip().splitlines()[-1]


@pytest.mark.slow
def test_an_editable_install_is_visible_to_mypy_and_pyright(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    wheel = build_editable_wheel(tmp_path)
    done = _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "--no-cache-dir", "-q", str(wheel)],
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    # Python finds the checkout through the install (its dependencies are not installed)
    find = "import importlib.util as u; print(u.find_spec('immich_bulk').origin)"
    done = _run([str(python), "-c", find], tmp_path)
    assert done.stdout.strip() == str(ROOT / "immich_bulk" / "__init__.py"), done.stderr

    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(USER_CODE, encoding="utf-8")
    mypy = _run(
        [sys.executable, "-m", "mypy", "--strict", "--python-executable", str(python),
         "--cache-dir", str(tmp_path / "mypy-cache"), "app.py"],
        cwd=project,
    )  # fmt: skip
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    pyright = _run(
        [sys.executable, "-m", "pyright", "--outputjson", "--pythonpath", str(python), "app.py"],
        cwd=project,
    )
    report = json.loads(pyright.stdout)
    assert report["summary"]["errorCount"] == 0, pyright.stdout
