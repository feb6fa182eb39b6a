"""``immich-bulk takeout`` killed with SIGKILL at random points, then run again until done.

After every kill and at the end the server holds each distinct photo at most once (at the
end exactly once), and there is never more than one album per album folder; at the end
every album holds all its photos and every media file of the Takeout has its outcome.
"""

from __future__ import annotations

import json
import random
import subprocess
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from immich_bulk.testing import SubprocessServer
from tests.reliability.conftest import User
from tests.reliability.helpers import ROOT, cli_command, cli_env, kill_after_lines
from tests.reliability.helpers import sha1 as sha1_hex
from tests.takeout.generator import write_bulk_takeout

MAX_KILLS = 3


def _media(parts: list[Path]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Every media member (``part:path`` -> SHA-1) and each album folder's contents."""
    media: dict[str, str] = {}
    albums: dict[str, set[str]] = {}
    for part in parts:
        with zipfile.ZipFile(part) as zf:
            for name in zf.namelist():
                if not name.endswith(".jpg"):
                    continue
                digest = sha1_hex(zf.read(name))
                media[f"{part}:{name}"] = digest
                folder = name.split("/")[2]
                if folder.startswith("Album "):
                    albums.setdefault(folder, set()).add(digest)
    return media, albums


def _server_albums(server: SubprocessServer, user: User) -> dict[str, list[set[str]]]:
    """Album name -> the checksums (hex) of each album of that name."""
    headers = {"x-api-key": user.key}
    base = server.url.rstrip("/")
    by_id = {a["id"]: a["checksum"] for a in server.assets(user.email)}
    found: dict[str, list[set[str]]] = {}
    with httpx.Client(headers=headers, timeout=60) as http:
        for album in http.get(f"{base}/albums").json():
            info = http.get(f"{base}/albums/{album['id']}").json()
            found.setdefault(album["albumName"], []).append(
                {by_id[a["id"]] for a in info["assets"]}
            )
    return found


@pytest.mark.parametrize("seed", [3, 4])
def test_takeout_killed_at_random_points_is_exactly_once_with_complete_albums(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path, seed: int
) -> None:
    parts = write_bulk_takeout(tmp_path / "parts", members=1200, parts=3, seed=seed)
    media, albums = _media(parts)
    distinct = set(media.values())
    assert len(albums) >= 2
    state = tmp_path / "state.sqlite3"
    env = cli_env(home, server.url, user.key)
    server.add_fault("latency", match="uploadAsset", seconds=0.004, times=None)
    rng = random.Random(seed)
    kills = 0
    report: dict[str, Any] = {}
    for run in range(MAX_KILLS + 1):
        events = tmp_path / f"events-{run}.ndjson"
        output = tmp_path / f"report-{run}.json"
        args = ["takeout", *map(str, parts), "--state", str(state), "--events", str(events)]
        with open(output, "wb") as stdout:
            process = subprocess.Popen(
                cli_command(*args, "--json", "--no-progress"),
                stdout=stdout,
                stderr=subprocess.PIPE,
                env=env,
                cwd=ROOT,
            )
            # about 5 events per photo: anywhere from indexing to the albums
            target = rng.randint(1, 3000) if run < MAX_KILLS else 10**9
            killed = kill_after_lines(process, events, target)
            _, stderr = process.communicate()
        on_server = Counter(a["checksum"] for a in server.assets(user.email))
        assert max(on_server.values(), default=1) == 1, "an asset was stored twice"
        assert set(on_server) <= distinct
        names = Counter(name for name, lists in _server_albums(server, user).items()
                        for _ in lists)  # fmt: skip
        assert max(names.values(), default=1) == 1, f"an album was made twice: {names}"
        if killed:
            kills += 1
            continue
        assert process.returncode == 0, stderr.decode()[-2000:]
        report = json.loads(output.read_text())
        break
    else:  # pragma: no cover
        raise AssertionError("the last run was killed")
    assert kills >= 1
    assert report["ok"], report.get("failures")
    items = {o["item"] for o in report["outcomes"]}
    assert set(media) <= items  # every media file has its outcome
    assert sorted(a["checksum"] for a in server.assets(user.email)) == sorted(distinct)
    # and a run over a finished import changes nothing: no upload, no second album
    again = subprocess.run(
        cli_command("takeout", *map(str, parts), "--state", str(state), "--json", "--no-progress"),
        capture_output=True, env=env, cwd=ROOT, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr.decode()[-2000:]
    assert json.loads(again.stdout)["counts"].get("uploaded", 0) == 0
    server_albums = _server_albums(server, user)
    for folder, contents in albums.items():
        assert server_albums[_title(folder)] == [contents], folder


def _title(folder: str) -> str:
    """The generator's album title for folder ``Album 0003``: ``Album 3``."""
    return f"Album {int(folder.split()[1])}"
