"""`immich-bulk demo`, the README's main command, end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_demo(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "immich_bulk", "demo", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_demo_round_trip(tmp_path: Path) -> None:
    result = run_demo("--photos", "60", "--workdir", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: every photo is on the server once" in result.stdout
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line[:1].isalpha()}
    assert "60 uploaded" in lines["upload"]
    assert "61 duplicates, 0 sent" in lines["re-upload"]
    assert "60 downloaded" in lines["download"]
    assert "every SHA-1 matches" in lines["verify"]
    assert len(list((tmp_path / "download").rglob("*.jpg"))) == 60


def test_demo_json() -> None:
    result = run_demo("--photos", "20", "--json", "--no-progress")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["ok"] is True
    assert [p["name"] for p in data["phases"]] == ["upload", "re-upload", "download", "verify"]
