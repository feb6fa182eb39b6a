"""Bad local input: unreadable files, files that change, vanish or grow during the run,
zero-byte files, symlink loops, names that are not UTF-8, paths longer than PATH_MAX, and
state files that are damaged, foreign or from another server.

Whatever the input: a clear error or a clean recovery, never a crash (no traceback from
the command), and never a silent loss (every file found has an outcome; what could not be
uploaded says why, and is uploaded by a later run once the problem is gone).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from immich_bulk import AsyncClient
from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import (
    SubprocessServer,
    run_fake_server_in_thread,
    run_fake_server_subprocess,
)
from immich_bulk.transfer.events import BytesTransferred, ItemDone, TransferEvent
from tests.reliability.conftest import User
from tests.reliability.helpers import (
    WHEN,
    can_drop_capabilities,
    cli_env,
    make_library,
    permission_checked_preexec,
    run_cli,
    sha1,
)


def _outcomes(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["item"]: o for o in report["outcomes"]}


# ---------------------------------------------------------------------- unreadable


def test_unreadable_files_and_folders_fail_clearly_then_upload_once_readable(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path
) -> None:
    """Files and a folder the user may not read: reported as failed (permission denied),
    everything else uploaded; once readable, a re-run uploads them too.

    The tests run as root, which reads anything: the upload then runs in a child process
    that file permissions apply to (see ``permission_checked_preexec``)."""
    if not can_drop_capabilities():
        pytest.skip(
            "running as root without the right to drop CAP_DAC_OVERRIDE: root reads 000 files"
        )
    lib = tmp_path / "lib"
    files = make_library(lib, 6, seed=61, folders=2)
    secret = lib / "secret.jpg"
    secret.write_bytes(jpeg_bytes(6_100, WHEN))
    odd = Path(os.fsdecode(os.fsencode(str(lib)) + b"/locked-\xff.jpg"))
    odd.write_bytes(jpeg_bytes(6_101, WHEN))
    closed = lib / "closed"
    closed.mkdir()
    (closed / "inside.jpg").write_bytes(jpeg_bytes(6_102, WHEN))
    for path in (secret, odd, closed):
        path.chmod(0)
    env = cli_env(home, server.url, user.key, PYTHONIOENCODING="utf-8")  # strict stdout
    args = ("upload", str(lib), "--state", str(tmp_path / "state.sqlite3"), "--no-progress")
    try:
        first = run_cli(*args, "--json", env=env, preexec_fn=permission_checked_preexec())
        summary = run_cli(*args, env=env, preexec_fn=permission_checked_preexec())
    finally:
        for path in (secret, odd, closed):
            path.chmod(0o755)
    assert first.code == 1 and "Traceback" not in first.stderr, first.stderr
    outcomes = _outcomes(first.json())
    for path in (secret, odd, closed):
        assert outcomes[str(path)]["status"] == "failed"
        assert "permission denied" in outcomes[str(path)]["reason"]
    readable = [o for name, o in outcomes.items() if Path(name) in files]
    assert len(readable) == len(files) and all(o["status"] == "uploaded" for o in readable)
    # the summary lists the failures, the one whose name is not UTF-8 included
    assert summary.code == 1 and "Traceback" not in summary.stderr, summary.stderr
    assert "failed (3)" in summary.stdout and "locked-" in summary.stdout
    # nothing lost: readable again, they are uploaded by the next run
    again = run_cli(*args, "--json", env=env)
    assert again.code == 0
    statuses = {Path(o["item"]).name: o["status"] for o in again.json()["outcomes"]}
    assert statuses["secret.jpg"] == statuses["inside.jpg"] == "uploaded"
    assert statuses[odd.name] == "uploaded"
    assert len(server.assets(user.email)) == len(files) + 3


# ---------------------------------------------------------------------- odd trees


def _deep_file(base: Path, min_length: int, data: bytes) -> Path:
    """base/ddd.../deep.jpg with a path longer than *min_length* (built with dir fds)."""
    name = "d" * 200
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
    path = str(base)
    try:
        while len(path) <= min_length:
            os.mkdir(name, dir_fd=fd)
            new = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = new
            path += "/" + name
        out = os.open("deep.jpg", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, data)
        os.close(out)
    finally:
        os.close(fd)
    return Path(path + "/deep.jpg")


def test_odd_trees_every_file_has_an_outcome_and_nothing_crashes(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path
) -> None:
    """Zero-byte files, symlink loops, a broken symlink, a FIFO, names that are not UTF-8
    (a file's, and a folder's that names an album) and a path longer than PATH_MAX (4096
    bytes), with a strict UTF-8 stdout."""
    lib = tmp_path / "lib"
    lib.mkdir()
    raw = os.fsencode(str(lib))
    uploaded: dict[str, str] = {}

    def put(name: bytes, data: bytes) -> str:
        path = os.fsdecode(raw + b"/" + name)
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(data)
        uploaded[path] = sha1(data)
        return path

    put(b"plain.jpg", jpeg_bytes(7_000, WHEN))
    put(b"zero.jpg", b"")
    put(b"zero-again.jpg", b"")  # same (empty) content: one asset
    not_utf8 = put(b"caf\xe9-latin1.jpg", jpeg_bytes(7_001, WHEN))
    in_odd_dir = put(b"dir-\xff\xfe/inside.jpg", jpeg_bytes(7_002, WHEN))
    deep = _deep_file(lib, 4_300, jpeg_bytes(7_003, WHEN))
    uploaded[str(deep)] = sha1(jpeg_bytes(7_003, WHEN))
    assert len(os.fsencode(str(deep))) > 4096
    failed = {
        os.fsdecode(raw + b"/self"): "symbolic link loop",
        os.fsdecode(raw + b"/ping-\xff.jpg"): "symbolic link loop",
        os.fsdecode(raw + b"/pong.jpg"): "symbolic link loop",
        os.fsdecode(raw + b"/broken.jpg"): "broken symbolic link",
    }
    os.symlink(".", raw + b"/self")
    os.symlink(b"pong.jpg", raw + b"/ping-\xff.jpg")
    os.symlink(b"ping-\xff.jpg", raw + b"/pong.jpg")
    os.symlink("nowhere.jpg", lib / "broken.jpg")
    os.mkfifo(lib / "pipe.jpg")  # must not hang the scan or the hashing
    env = cli_env(home, server.url, user.key, PYTHONIOENCODING="utf-8")
    state = tmp_path / "state.sqlite3"
    args = ("upload", str(lib), "--state", str(state), "--no-progress")

    first = run_cli(*args, "--json", "--album-from-folder", env=env)
    assert first.code == 1 and "Traceback" not in first.stderr, first.stderr
    report = first.json()
    outcomes = _outcomes(report)
    assert report["total"] == len(outcomes) == len(uploaded) + len(failed) + 1
    for path, digest in uploaded.items():
        assert outcomes[path]["status"] in ("uploaded", "duplicate"), outcomes[path]
        assert outcomes[path]["checksum"] == digest
    for path, reason in failed.items():
        assert outcomes[path]["status"] == "failed" and reason in outcomes[path]["reason"]
    assert outcomes[str(lib / "pipe.jpg")]["status"] == "skipped"
    # an album named after a folder whose name is not UTF-8: valid text, U+FFFD for the bytes
    assert outcomes[in_odd_dir]["albums"] == ["dir-\ufffd\ufffd"]
    assets = server.assets(user.email)
    assert sorted(a["checksum"] for a in assets) == sorted(set(uploaded.values()))
    # the server got valid UTF-8 for the name that is not (its bad byte as U+FFFD)
    names = {a["originalFileName"] for a in assets}
    assert "caf\ufffd-latin1.jpg" in names and "deep.jpg" in names

    # again, with a human summary on a strict UTF-8 stdout: same outcomes, nothing hashed
    again = run_cli(*args, env=env)
    assert again.code == 1 and "Traceback" not in again.stderr, again.stderr
    assert f"failed ({len(failed)})" in again.stdout
    assert "ping-\\xff.jpg" in again.stdout  # shown escaped (the byte), not a crash
    third = run_cli(*args, "--json", env=env).json()
    assert third["hash"]["files_hashed"] == 0  # long and odd paths hit the cache too
    assert third["counts"]["duplicate"] == len(uploaded)
    assert os.path.basename(not_utf8) in {Path(o["item"]).name for o in third["outcomes"]}


# ---------------------------------------------------------------------- changing files


FILE_CHANGED = {"FileChangedError", "ContentMismatchError", "SizeMismatchError"}


async def test_files_changed_after_hashing_are_never_stored_with_a_wrong_checksum(
    tmp_path: Path,
) -> None:
    """Files modified, grown, shrunk, replaced or deleted right after they were hashed, and
    a big file modified while it streams: each fails with FileChangedError, the server
    stores none of their bytes (every stored asset hashes to its checksum, and only the
    unchanged files are there), and a re-run uploads the new content."""
    lib = tmp_path / "lib"
    steady = make_library(lib / "steady", 8, seed=71, folders=1)

    def replace(path: Path) -> None:  # a new file (new inode) under the same name
        path.with_suffix(".new").write_bytes(b"x" * 900)
        os.replace(path.with_suffix(".new"), path)

    victims: dict[str, Callable[[Path], object]] = {
        "same-size.jpg": lambda p: p.write_bytes(bytes(reversed(p.read_bytes()))),
        "grown.jpg": lambda p: p.write_bytes(p.read_bytes() + b"more"),
        "shrunk.jpg": lambda p: p.write_bytes(p.read_bytes()[:-10]),
        "replaced.jpg": replace,
        "deleted.jpg": lambda p: p.unlink(),
    }
    for n, name in enumerate(victims):
        (lib / name).write_bytes(jpeg_bytes(7_100 + n, WHEN, size=3_000))
    big = lib / "big.jpg"
    big.write_bytes(jpeg_bytes(7_200, WHEN, size=3 * 1024 * 1024 + 123))
    touched: set[str] = set()

    def meddle(event: TransferEvent) -> None:
        name = Path(getattr(event, "item", "")).name
        if name in touched:
            return
        if isinstance(event, ItemDone) and event.stage == "hash" and name in victims:
            touched.add(name)
            victims[name](lib / name)
        elif isinstance(event, BytesTransferred) and name == "big.jpg" and event.delta > 0:
            touched.add(name)  # the first MiB is on its way: change the end of the file
            with open(big, "r+b") as handle:
                handle.seek(-1, os.SEEK_END)
                handle.write(b"\x00")

    state = tmp_path / "state.sqlite3"
    with run_fake_server_in_thread() as srv:
        async with AsyncClient(srv.url, api_key=srv.api_key) as client:
            report = await client.assets.upload(lib, state_path=state, on_event=meddle)
            assert touched == {*victims, "big.jpg"}
            outcomes = {Path(o.item).name: o for o in report.outcomes()}
            assert len(outcomes) == report.total == len(steady) + len(victims) + 1
            for name in (*victims, "big.jpg"):
                assert outcomes[name].status == "failed", outcomes[name]
                # FileChangedError, or the kind of it (other bytes, another size)
                assert outcomes[name].error in FILE_CHANGED, outcomes[name]
            assert all(outcomes[p.name].status == "uploaded" for p in steady)
            stored = srv.fake.assets()
            for asset in stored:  # nothing stored under a checksum its bytes do not have
                assert hashlib.sha1(srv.fake.read_asset(asset.id)).digest() == asset.checksum
            assert {a.checksum_hex for a in stored} == set(steady.values())
            assert srv.fake.counters.uploads_stored == len(steady)

            again = await client.assets.upload(lib, state_path=state)
            assert again.ok, again.failures
            current = {sha1(p.read_bytes()) for p in lib.rglob("*.jpg")}
            assert {a.checksum_hex for a in srv.fake.assets()} == current
            assert again.count("uploaded") == len(victims) - 1 + 1  # all but the deleted one


# ---------------------------------------------------------------------- state files


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(40_000))


def _truncated(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1229802818")  # ours ...
    conn.execute("PRAGMA user_version = 1")
    conn.execute("CREATE TABLE hash_cache (x)")
    conn.executemany("INSERT INTO hash_cache VALUES (?)", [(os.urandom(500),) for _ in range(200)])
    conn.commit()
    conn.close()
    with open(path, "r+b") as handle:  # ... but cut short
        handle.truncate(path.stat().st_size // 3)


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1229802818")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("damage", "outcome"),
    [
        (_garbage, "recovered"),
        (_truncated, "recovered"),
        (_foreign, "refused"),
        (_newer, "refused"),
        (lambda p: p.mkdir(), "refused"),
        (lambda p: (p.parent / "file").write_bytes(b"x"), "refused"),  # state under a file
    ],
    ids=[
        "garbage",
        "truncated",
        "other-application",
        "newer-version",
        "a-directory",
        "under-a-file",
    ],
)
def test_a_bad_state_file_is_a_clear_error_or_a_clean_recovery(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path, damage: Any, outcome: str
) -> None:
    files = make_library(tmp_path / "lib", 5, seed=81, folders=1)
    state = tmp_path / "state.sqlite3"
    damage(state)
    if not state.exists() and (tmp_path / "file").exists():
        state = tmp_path / "file" / "state.sqlite3"
    before = state.read_bytes() if state.is_file() else None
    result = run_cli(
        "upload", str(tmp_path / "lib"), "--state", str(state), "--json", "--no-progress",
        env=cli_env(home, server.url, user.key),
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    if outcome == "recovered":
        assert result.code == 0, result.stderr
        assert "damaged" in result.stderr and "moved it to" in result.stderr
        kept = list(tmp_path.glob("state.sqlite3.corrupt-*"))
        assert len(kept) == 1 and kept[0].read_bytes() == before  # kept aside, untouched
        assert result.json()["total"] == len(files)
        assert len(server.assets(user.email)) == len(files)
    else:
        assert result.code == 2, (result.code, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("immich-bulk: error:"), result.stderr
        assert str(state) in lines[0] or "state file" in lines[0]
        if before is not None:
            assert state.read_bytes() == before  # someone else's file is left alone
        assert server.assets(user.email) == []  # refused before anything was sent


def test_a_state_file_from_another_server_uploads_everything_there(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path
) -> None:
    """The journal says what reached *which* server and user: a state file used with
    another server (or with a new server at the same address) never makes a file look
    uploaded there. Only the hash cache (local files) carries over."""
    files = make_library(tmp_path / "lib", 20, seed=91, folders=2)
    state = tmp_path / "state.sqlite3"
    args = ("upload", str(tmp_path / "lib"), "--state", str(state), "--json", "--no-progress")
    first = run_cli(*args, env=cli_env(home, server.url, user.key))
    assert first.code == 0 and first.json()["counts"] == {"uploaded": len(files)}
    with run_fake_server_subprocess(data_dir=tmp_path / "other") as other:
        second = run_cli(*args, env=cli_env(home, other.url, other.api_key)).json()
        assert second["counts"] == {"uploaded": len(files)}
        assert second["hash"]["files_hashed"] == 0
        port = other.port
    # a brand-new server at the very same address (a reinstall): everything again
    with run_fake_server_subprocess(port=port, data_dir=tmp_path / "reinstalled") as fresh:
        assert fresh.url.endswith(f":{port}/api")
        third = run_cli(*args, env=cli_env(home, fresh.url, fresh.api_key)).json()
        assert third["counts"] == {"uploaded": len(files)}
        assert len(fresh.assets()) == len(files)
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
