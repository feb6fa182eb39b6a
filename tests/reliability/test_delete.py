"""``immich-bulk upload --delete --delete-duplicates`` in a hostile library: a photo whose
only server copy is in the trash, a sidecar written after the upload, a RAW+JPEG pair sharing
one sidecar, a file edited in place with its mtime put back, a file whose hash-cache entry went
stale. Nothing may be lost: every local file that is gone has its bytes on the server, not
trashed, and every sidecar that is gone reached the server with each photo it belongs to.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import httpx

from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import SubprocessServer
from tests.reliability.conftest import User
from tests.reliability.helpers import WHEN, cli_env, run_cli, sha1
from tests.upload.helpers import edit_in_place_keeping_mtime, xmp


def write(path: Path, data: bytes) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def upload(home: Path, server: SubprocessServer, user: User, *args: str) -> dict[str, Any]:
    done = run_cli(
        "upload", *args, "--json", "--no-progress", env=cli_env(home, server.url, user.key)
    )
    assert done.code == 0, done.stderr
    assert "Traceback" not in done.stderr
    report: dict[str, Any] = done.json()
    return report


def stale_hash_cache(state: Path, path: Path) -> None:
    """Make *path*'s hash-cache row (its old digest) match the file as it is now: what a
    filesystem whose ctime cannot be trusted leaves after an in-place edit. Written from
    outside, as another program would."""
    st = path.stat()
    now = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns}
    conn = sqlite3.connect(state)
    try:
        columns = [
            c
            for c in now
            if (c,) in conn.execute("SELECT name FROM pragma_table_info('hash_cache')")
        ]
        with conn:
            changed = conn.execute(
                f"UPDATE hash_cache SET {', '.join(f'{c} = ?' for c in columns)} WHERE ino = ?",
                (*(now[c] for c in columns), st.st_ino),
            ).rowcount
        assert changed == 1
    finally:
        conn.close()


def test_delete_removes_only_what_the_server_holds(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    state = tmp_path / "state.sqlite3"
    trashed = write(lib / "trashed.jpg", jpeg_bytes(201, WHEN, 8_000))
    captioned = write(lib / "captioned.jpg", jpeg_bytes(202, WHEN, 8_000))
    edited_old = write(lib / "edited.jpg", jpeg_bytes(203, WHEN, 8_000))
    stale_old = write(lib / "stale.jpg", jpeg_bytes(204, WHEN, 8_000))
    first = upload(home, server, user, str(lib), "--state", str(state))
    assert first["counts"] == {"uploaded": 4}
    ids = {Path(o["item"]).name: o["asset_id"] for o in first["outcomes"]}

    # then, between the two runs:
    answer = httpx.request(
        "DELETE",
        f"{server.url}/assets",
        json={"ids": [ids["trashed.jpg"]]},
        headers={"x-api-key": user.key},
    )
    assert answer.status_code == 204  # trashed, not purged
    write(lib / "captioned.jpg.xmp", xmp("written after the upload"))
    edited_new = jpeg_bytes(205, WHEN, 8_000)
    edit_in_place_keeping_mtime(lib / "edited.jpg", edited_new)
    stale_new = write(lib / "stale.jpg", jpeg_bytes(208, WHEN, 8_000))
    stale_hash_cache(state, lib / "stale.jpg")
    jpeg = write(lib / "pair" / "a.jpg", jpeg_bytes(206, WHEN, 8_000))
    raw = write(lib / "pair" / "a.cr2", jpeg_bytes(207, WHEN, 9_000))
    write(lib / "pair" / "a.xmp", xmp("one caption for the pair"))
    before = {p: p.read_bytes() for p in lib.rglob("*") if p.is_file()}

    second = upload(
        home,
        server,
        user,
        str(lib),
        "--state",
        str(state),
        "--delete",
        "--delete-duplicates",
        "--concurrency",
        "3",
    )
    outcomes = {Path(o["item"]).name: o for o in second["outcomes"]}
    assert second["total"] == 6 and "failed" not in second["counts"]

    # nothing lost: what is gone is on the server, not trashed (sidecars: with each photo)
    assets = server.assets(user.email)
    live = {a["checksum"] for a in assets if not a["isTrashed"]}
    sidecars_of = {a["checksum"]: a["sidecarSha1"] for a in assets if not a["isTrashed"]}
    for path, data in before.items():
        if path.exists():
            continue
        if path.suffix == ".xmp":
            takers = [
                p
                for p in before
                if p.parent == path.parent and path.stem in (p.stem, p.name) and p != path
            ]
            assert takers and all(sidecars_of[sha1(before[t])] == sha1(data) for t in takers), path
        else:
            assert sha1(data) in live, path
    # and exactly this is left, each with its reason
    left = sorted(str(p.relative_to(lib)) for p in lib.rglob("*") if p.is_file())
    assert left == ["captioned.jpg", "captioned.jpg.xmp", "stale.jpg", "trashed.jpg"]
    assert (lib / "trashed.jpg").read_bytes() == trashed
    assert outcomes["trashed.jpg"]["kept"] == "the server's copy is in its trash"
    assert (lib / "captioned.jpg").read_bytes() == captioned
    assert "sidecar captioned.jpg.xmp is not on the server" in outcomes["captioned.jpg"]["kept"]
    assert (lib / "stale.jpg").read_bytes() == stale_new
    assert outcomes["stale.jpg"]["checksum"] == sha1(stale_old)  # the stale digest, caught
    assert "content changed since it was hashed" in outcomes["stale.jpg"]["kept"]
    assert outcomes["edited.jpg"]["status"] == "uploaded" and outcomes["edited.jpg"]["deleted"]
    assert {sha1(edited_old), sha1(edited_new), sha1(jpeg), sha1(raw)} <= live
    assert sha1(stale_new) not in live
    assert (
        sidecars_of[sha1(jpeg)]
        == sidecars_of[sha1(raw)]
        == hashlib.sha1(xmp("one caption for the pair")).hexdigest()
    )
    assert any("kept" in note for note in second["notes"])

    # the next run uploads what the stale digest hid, and deletes it
    third = upload(
        home, server, user, str(lib), "--state", str(state), "--delete", "--delete-duplicates"
    )
    third_outcomes = {Path(o["item"]).name: o for o in third["outcomes"]}
    assert third_outcomes["stale.jpg"]["status"] == "uploaded"
    assert third_outcomes["stale.jpg"]["deleted"]
    assert sorted(p.name for p in lib.rglob("*") if p.is_file()) == [
        "captioned.jpg",
        "captioned.jpg.xmp",
        "trashed.jpg",
    ]
