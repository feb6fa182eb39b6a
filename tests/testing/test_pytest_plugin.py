"""The pytest plugin, tested by running the documented samples as a user would.

The code blocks of README.md and docs/testing.md that follow a ``<!-- pytest-sample -->``
line become the files of a fresh project (``<!-- pytest-sample: conftest.py -->`` names the
file), run by pytest in a subprocess with the plugins installed: the docs cannot drift from
what works.
"""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]
_SAMPLE = re.compile(
    r"^<!-- pytest-sample(?:: (?P<name>[\w.]+))? -->\n+```python\n(?P<code>.*?)^```$",
    re.M | re.S,
)
PLUGIN = "immich_bulk.pytest_plugin"


def samples(doc: Path) -> dict[str, str]:
    """``{file name: source}`` of the marked code blocks of *doc*, in order."""
    files: dict[str, str] = {}
    for index, match in enumerate(_SAMPLE.finditer(doc.read_text("utf-8")), 1):
        name = match["name"] or f"test_{doc.stem.lower()}_{index}.py"
        assert name not in files, f"{doc.name}: two samples named {name}"
        files[name] = match["code"]
    return files


def _plugin_args() -> list[str]:
    """``-p`` for the plugin when this environment's install predates its entry point."""
    registered = {ep.value for ep in importlib.metadata.entry_points(group="pytest11")}
    return [] if PLUGIN in registered else ["-p", PLUGIN]


def test_the_package_declares_the_plugin() -> None:
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    section = text.split("[project.entry-points.pytest11]\n", 1)[1].split("\n[", 1)[0]
    assert re.match(rf'immich_bulk = "{re.escape(PLUGIN)}"', section), section


@pytest.mark.parametrize("doc", ["README.md", "docs/testing.md"])
def test_documented_samples_run_as_written(pytester: pytest.Pytester, doc: str) -> None:
    files = samples(ROOT / doc)
    tests = [name for name in files if name.startswith("test_")]
    assert tests, f"no sample marked in {doc}"
    for name, code in files.items():
        (pytester.path / name).write_text(code, encoding="utf-8")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-v", *_plugin_args())
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed", 0) == outcomes.get("errors", 0) == 0, result.stdout.str()
    passed = {m[1] for m in re.finditer(r"::(\S+) PASSED", result.stdout.str())}
    expected = set()
    for name in tests:
        for is_async, test in re.findall(r"^(async )?def (test_\w+)", files[name], re.M):
            # an async sample runs on both backends the documented conftest names
            expected |= {f"{test}[asyncio]", f"{test}[trio]"} if is_async else {test}
    assert passed == expected, result.stdout.str()
    assert outcomes["passed"] == len(expected)
