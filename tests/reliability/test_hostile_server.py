"""A hostile (or broken) server: wrong Content-Type, truncated or endless JSON, redirects to
another host, path traversal in file names, a malicious zip, an ETag that never holds still.

Each case wraps the fake's ASGI app in a small middleware that misbehaves on some routes,
served over a real loopback socket. Whatever the server does: a clear error (an
``ImmichError``), never a crash, the API key never leaves for another host, nothing is
written outside the destination, nothing is extracted, nothing loops forever.
"""

from __future__ import annotations

import functools
import io
import json
import re
import zipfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import anyio.lowlevel
import pytest

from immich_bulk import (
    AsyncClient,
    ResponseValidationError,
    ResumeError,
    RetryPolicy,
    UnsafeRedirectError,
)
from immich_bulk.helpers.asset_files import AssetFileHelpers
from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import FakeImmich, run_fake_server_in_thread
from immich_bulk.transfer.config import DownloadConfig
from tests.reliability.helpers import (
    WHEN,
    Recorder,
    app_in_thread,
    cli_env,
    make_library,
    run_cli,
    serve_app,
    sha1,
)

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
Behaviour = Callable[[Scope, Receive, Send], Awaitable[None]]


class Hostile:
    """Passes requests to the fake unless one of its routes (``"METHOD /path-regex"``)
    matches: then that behaviour answers instead."""

    def __init__(self, inner: Any, routes: dict[str, Behaviour]) -> None:
        self.inner = inner
        self.routes = [
            (re.compile(k.split(" ", 1)[1]), k.split(" ", 1)[0], v) for k, v in routes.items()
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            for pattern, method, behaviour in self.routes:
                if scope["method"] == method and pattern.fullmatch(scope["path"]):
                    await behaviour(scope, receive, send)
                    return
        await self.inner(scope, receive, send)


async def _drain(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body"):
            return


def answer(status: int, headers: dict[str, str], body: bytes) -> Behaviour:
    async def behaviour(scope: Scope, receive: Receive, send: Send) -> None:
        await _drain(receive)
        raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
        if "content-length" not in headers:
            raw.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": raw})
        await send({"type": "http.response.body", "body": body})

    return behaviour


def endless_json(cap: int = 256 * 1024 * 1024) -> Behaviour:
    """``{"id": "aaaa...`` without end, as far as a client with a smaller size limit can
    tell (chunked: no length announced; *cap* only stops the server after a hang-up,
    after which hypercorn's ``send`` no longer blocks)."""

    async def behaviour(scope: Scope, receive: Receive, send: Send) -> None:
        await _drain(receive)
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b'{"id": "', "more_body": True})
        chunk = b"a" * 65_536
        for _ in range(cap // len(chunk)):
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await anyio.lowlevel.checkpoint()
        await send({"type": "http.response.body", "body": b'"}'})

    return behaviour


Edit = Callable[[Scope, dict[str, str], bytes], tuple[dict[str, str], bytes]]


def rewrite(inner: Any, edit: Edit) -> Behaviour:
    """The fake's own answer, with headers and body edited by *edit*."""

    async def behaviour(scope: Scope, receive: Receive, send: Send) -> None:
        messages: list[dict[str, Any]] = []

        async def capture(message: dict[str, Any]) -> None:
            messages.append(message)

        await inner(scope, receive, capture)
        start = messages[0]
        body = b"".join(m.get("body", b"") for m in messages[1:])
        headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
        headers, body = edit(scope, headers, body)
        headers["content-length"] = str(len(body))
        raw = [(k.encode(), v.encode()) for k, v in headers.items()]
        await send({"type": "http.response.start", "status": start["status"], "headers": raw})
        await send({"type": "http.response.body", "body": body})

    return behaviour


@asynccontextmanager
async def hostile_server(fake: FakeImmich, routes: dict[str, Behaviour]) -> AsyncIterator[str]:
    """The fake behind the middleware on a loopback port: yields the base URL."""
    shutdown = anyio.Event()
    async with anyio.create_task_group() as tg:
        url: str = await tg.start(
            functools.partial(serve_app, Hostile(fake.app, routes), shutdown=shutdown)
        )
        try:
            yield url
        finally:
            shutdown.set()


# ---------------------------------------------------------------------- bad bodies


async def test_wrong_content_type_is_a_clear_error(tmp_path: Path) -> None:
    make_library(tmp_path / "lib", 3, seed=101, folders=1)
    html = answer(200, {"content-type": "text/html"}, b"<html><body>Welcome to nginx</body></html>")
    async with FakeImmich() as fake, hostile_server(fake, {"GET /api/users/me": html}) as url:
        async with AsyncClient(url, api_key=fake.api_key) as client:
            with pytest.raises(
                ResponseValidationError, match="expected a JSON response, got 'text/html'"
            ):
                await client.users.get_my_user()
            with pytest.raises(ResponseValidationError, match="text/html"):
                await client.assets.upload(tmp_path / "lib", state_path=None)
        assert fake.assets() == []


@pytest.mark.parametrize(
    "body",
    [b'{"results": [{"id": "0", "action": "acc', b'{"results": 42}', b"\xff\xfe not json"],
    ids=["truncated", "wrong-shape", "binary"],
)
async def test_a_broken_json_answer_fails_the_items_not_the_run(
    tmp_path: Path, body: bytes
) -> None:
    files = make_library(tmp_path / "lib", 6, seed=102, folders=1)
    broken = answer(200, {"content-type": "application/json"}, body)
    routes = {"POST /api/assets/bulk-upload-check": broken}
    async with FakeImmich() as fake, hostile_server(fake, routes) as url:
        async with AsyncClient(url, api_key=fake.api_key) as client:
            report = await client.assets.upload(tmp_path / "lib", state_path=None)
        assert report.total == len(files) and report.failed == len(files)
        for outcome in report.outcomes():
            assert outcome.error == "ResponseValidationError"
            assert "duplicate check failed" in (outcome.reason or "")
        assert fake.assets() == []


async def test_an_endless_or_huge_answer_is_refused_at_the_size_limit() -> None:
    routes = {
        "GET /api/users/me": endless_json(),
        "GET /api/server/about": answer(
            200, {"content-type": "application/json", "content-length": str(10**12)}, b"{}"
        ),
    }
    async with FakeImmich() as fake, hostile_server(fake, routes) as url:
        limit = 2 * 1024 * 1024
        async with AsyncClient(url, api_key=fake.api_key, max_response_bytes=limit) as client:
            with pytest.raises(ResponseValidationError, match="larger than the 2097152 bytes"):
                await client.users.get_my_user()
            with pytest.raises(ResponseValidationError, match="declares 1000000000000 bytes"):
                await client.server.get_about_info()
            # the connection is still usable afterwards
            assert (await client.server.ping_server()).res == "pong"


# ---------------------------------------------------------------------- redirects


def _redirect(to: str, status: int = 302) -> Behaviour:
    return answer(status, {"location": to, "content-type": "text/plain"}, b"moved")


async def test_a_redirect_to_another_host_never_carries_the_key(tmp_path: Path) -> None:
    other = Recorder()
    shutdown = anyio.Event()
    async with anyio.create_task_group() as tg, FakeImmich() as fake:
        elsewhere: str = await tg.start(functools.partial(serve_app, other, shutdown=shutdown))
        # another host: "localhost" and another port, while the client talks to 127.0.0.1
        there = elsewhere.replace("127.0.0.1", "localhost")
        asset = fake.add_asset(None, jpeg_bytes(1, WHEN), "a.jpg")
        calls = {
            "GET /api/users/me": _redirect(f"{there}/api/users/me"),
            "POST /api/search/metadata": _redirect(f"{there}/api/search/metadata", 307),
        }
        async with hostile_server(fake, calls) as url:
            auths: list[dict[str, Any]] = [
                {"api_key": fake.api_key},
                {"access_token": "token-" + fake.api_key},
            ]
            for auth in auths:
                async with AsyncClient(url, **auth) as client:
                    with pytest.raises(UnsafeRedirectError, match="another origin"):
                        await client.users.get_my_user()
                    with pytest.raises(UnsafeRedirectError, match="another origin"):
                        await client.download.export(
                            tmp_path / "x", everything=True, state_path=None
                        )
        transfers = {
            "GET /api/assets/[^/]+/original": _redirect(f"{there}/steal", 301),
            "POST /api/assets": _redirect(f"{elsewhere}/api/assets", 308),
        }
        make_library(tmp_path / "lib", 2, seed=103, folders=1)
        async with (
            hostile_server(fake, transfers) as url,
            AsyncClient(url, api_key=fake.api_key) as client,
        ):
            with pytest.raises(UnsafeRedirectError):
                await AssetFileHelpers(client).download_asset_to_file(asset.id, f"{tmp_path}/d/")
            exported = await client.download.export(
                tmp_path / "export", asset_ids=[asset.id], state_path=None
            )
            assert exported.failed == 1
            assert next(exported.outcomes()).error == "UnsafeRedirectError"
            uploaded = await client.assets.upload(tmp_path / "lib", state_path=None)
            assert uploaded.failed == uploaded.total == 2
            assert {o.error for o in uploaded.outcomes()} == {"UnsafeRedirectError"}
        shutdown.set()
    assert other.requests == []  # not followed at all: the other host never heard of us
    assert not other.saw(fake.api_key)
    assert not list((tmp_path / "export").rglob("*.jpg"))


def test_the_command_refuses_a_redirect_to_another_host(tmp_path: Path) -> None:
    other = Recorder()
    with app_in_thread(other) as elsewhere:
        fake = FakeImmich()
        try:
            there = elsewhere.replace("127.0.0.1", "localhost")
            routes = {"GET /api/users/me": _redirect(f"{there}/api/users/me")}
            with app_in_thread(Hostile(fake.app, routes)) as url:
                make_library(tmp_path / "lib", 2, seed=104, folders=1)
                result = run_cli(
                    "upload", str(tmp_path / "lib"), "--no-state", "-vv",
                    env=cli_env(tmp_path, url + "/api", fake.api_key),
                )  # fmt: skip
        finally:
            fake.close()
    assert result.code != 0 and "Traceback" not in result.stderr
    assert "redirected to another origin" in result.stderr
    assert fake.api_key not in result.stdout + result.stderr
    assert other.requests == []


# ---------------------------------------------------------------------- names and archives


HOSTILE_NAMES = [
    "../../escape-1.jpg",
    "/etc/escape-2.jpg",
    "..\\..\\escape-3.jpg",
    "sub/../../../escape-4.jpg",
    "....//....//escape-5.jpg",
    "..",
    "CON.jpg",
    "\u202eescape-6gpj.jpg",
]


def _everything_inside(sandbox: Path, dest: Path) -> list[Path]:
    """Files below *sandbox* that are not below *dest* (there must be none)."""
    return [p for p in sandbox.rglob("*") if p.is_file() and dest not in p.parents]


async def test_path_traversal_in_server_names_stays_inside_the_destination(tmp_path: Path) -> None:
    sandbox = tmp_path / "sandbox"
    dest = sandbox / "inner" / "dest"
    dest.mkdir(parents=True)

    def disposition(
        scope: Scope, headers: dict[str, str], body: bytes
    ) -> tuple[dict[str, str], bytes]:
        tag = scope["path"].split("/")[3][:8]
        headers["content-disposition"] = (
            f'attachment; filename="../../../evil-{tag}.webp"; '
            f"filename*=UTF-8''..%2F..%2F..%2Fescape-{tag}.webp"
        )
        return headers, body

    async with FakeImmich() as fake:
        assets = []
        for n, name in enumerate(HOSTILE_NAMES):
            data = jpeg_bytes(200 + n, WHEN)
            stored = fake.add_asset(None, data, name if name.endswith(".jpg") else name + ".jpg")
            assets.append((stored, sha1(data)))
        routes = {"GET /api/assets/[^/]+/thumbnail": rewrite(fake.app, disposition)}
        async with (
            hostile_server(fake, routes) as url,
            AsyncClient(url, api_key=fake.api_key) as client,
        ):
            report = await client.download.export(
                dest / "export", everything=True, layout="{filename}", state_path=None
            )
            helpers = AssetFileHelpers(client)
            for asset, _ in assets:  # into a directory: the name comes from the server
                await helpers.download_asset_to_file(asset.id, f"{dest}/one-by-one/")
                await helpers.view_asset_to_file(asset.id, f"{dest}/thumbs/")
    assert report.ok and report.count("downloaded") == len(assets)
    assert _everything_inside(sandbox, dest) == []
    assert not [p for p in tmp_path.rglob("*escape*") if dest not in p.parents]
    exported = sorted(sha1(p.read_bytes()) for p in (dest / "export").iterdir())
    assert exported == sorted(digest for _, digest in assets)  # all there, flat, verified
    assert len(list((dest / "one-by-one").iterdir())) == len(assets)
    assert len(list((dest / "thumbs").iterdir())) == len(assets)


async def test_a_hostile_asset_id_is_never_a_path(tmp_path: Path) -> None:
    """An id like ``../../../evil`` in a search answer: quoted in the URL (it reaches no
    other route), made safe in the layout (``{id}``), and that asset fails on its own."""
    sandbox = tmp_path / "sandbox"
    dest = sandbox / "dest"

    def evil_id(scope: Scope, headers: dict[str, str], body: bytes) -> tuple[dict[str, str], bytes]:
        data = json.loads(body)
        if data["assets"]["items"]:  # the export searches the archive too: nothing there
            data["assets"]["items"][0]["id"] = "../../../evil"
        return headers, json.dumps(data).encode()

    async with FakeImmich() as fake:
        ids = {fake.add_asset(None, jpeg_bytes(700 + n, WHEN), f"{n}.jpg").id for n in (0, 1)}
        routes = {"POST /api/search/metadata": rewrite(fake.app, evil_id)}
        async with (
            hostile_server(fake, routes) as url,
            AsyncClient(url, api_key=fake.api_key) as client,
        ):
            report = await client.download.export(
                dest, everything=True, layout="{id}/{filename}", state_path=None
            )
        requested = fake.counters.requests
    assert report.total == 2 and report.failed == 1
    assert report.failures[0].item == "../../../evil"
    assert report.failures[0].error == "NotFoundError"
    assert requested.get("<unknown>", 0) == 1  # the quoted id matched no other route
    assert _everything_inside(sandbox, dest) == []
    (placed,) = [p for p in dest.rglob("*") if p.is_file()]  # the other asset, in its {id}
    assert placed.parent.parent == dest and placed.parent.name in ids


def _evil_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../evil.txt", b"outside")
        archive.writestr("/tmp/evil-absolute.txt", b"absolute")
        link = zipfile.ZipInfo("link-to-passwd")
        link.external_attr = 0o120777 << 16  # a symlink entry
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


async def test_a_zip_from_the_server_is_written_as_a_file_never_extracted(tmp_path: Path) -> None:
    evil = _evil_zip()
    replace = answer(200, {"content-type": "application/zip"}, evil)
    sandbox = tmp_path / "sandbox"
    async with FakeImmich() as fake:
        asset = fake.add_asset(None, jpeg_bytes(300, WHEN), "z.jpg")
        routes = {"POST /api/download/archive": replace}
        async with (
            hostile_server(fake, routes) as url,
            AsyncClient(url, api_key=fake.api_key) as client,
        ):
            paths = await client.download.download_archive_to_file(
                asset_ids=[asset.id], out_dir=f"{sandbox}/zips/"
            )
    assert paths == [sandbox / "zips" / "immich-assets.zip"]
    assert paths[0].read_bytes() == evil  # exactly what was sent, as one file
    assert [p for p in sandbox.rglob("*")] == [sandbox / "zips", paths[0]]
    assert not list(tmp_path.rglob("evil*")) and not list(tmp_path.rglob("link-to-passwd"))


# ---------------------------------------------------------------------- restarts


async def test_an_etag_that_changes_on_every_request_gives_up_after_bounded_restarts(
    tmp_path: Path,
) -> None:
    async def no_wait(_: float) -> None:
        return None

    quick = RetryPolicy(max_attempts=4, backoff_base=0.0, sleep=no_wait)
    config = DownloadConfig(chunk_size=16 * 1024, max_restarts=3, retry=quick)
    with run_fake_server_in_thread() as srv:
        calm = [
            srv.fake.add_asset(None, jpeg_bytes(400 + n, WHEN, size=200_000), f"c{n}.jpg")
            for n in range(2)
        ]
        restless = srv.fake.add_asset(None, jpeg_bytes(499, WHEN, size=200_000), "restless.jpg")
        only = f"GET /assets/{restless.id}/original"
        srv.fake.faults.change_etag(match=only, times=None)  # a new ETag for every request
        srv.fake.faults.drop_response(after_bytes=60_000, match=only, times=None)  # and a resume
        async with AsyncClient(srv.url, api_key=srv.api_key) as client:
            with anyio.fail_after(120):  # a hang guard only: the real bound is counted below
                report = await client.download.export(
                    tmp_path / "out", everything=True, state_path=None, config=config
                )
                with pytest.raises(ResumeError, match="restarts"):
                    await AssetFileHelpers(client).download_asset_to_file(
                        restless.id, f"{tmp_path}/single/", config=config
                    )
        requests = srv.fake.counters.requests_to("downloadAsset")
    assert report.count("downloaded") == len(calm) and report.failed == 1
    failure = report.failures[0]
    assert failure.error == "ResumeError" and failure.asset_id == restless.id
    # each restart costs one request: the first try, max_restarts restarts, and the one
    # whose restart was refused; twice (export, then the single download), plus the calm ones
    assert requests == len(calm) + 2 * (config.max_restarts + 2)
    placed = [p for p in (tmp_path / "out").rglob("restless*") if not p.name.endswith(".meta")]
    assert all(p.name.endswith(".part") for p in placed)  # never under its final name


def test_hostile_json_through_the_command_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    fake = FakeImmich()
    try:
        routes = {
            "GET /api/server/ping": answer(200, {"content-type": "application/json"}, b'{"res": ')
        }
        with app_in_thread(Hostile(fake.app, routes)) as url:
            make_library(tmp_path / "lib", 1, seed=105, folders=1)
            result = run_cli(
                "upload", str(tmp_path / "lib"), env=cli_env(tmp_path, url, fake.api_key)
            )
    finally:
        fake.close()
    assert result.code == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("immich-bulk: error:") and "not valid JSON" in result.stderr
    assert fake.api_key not in result.stderr


async def test_two_assets_whose_renditions_share_a_name_and_size_keep_both_files(
    tmp_path: Path,
) -> None:
    """Two different photos both called IMG_0001.jpg (two cameras): their thumbnails get the
    same proposed name; with equal sizes the second download must not replace the first."""

    def per_asset_bytes(
        scope: Scope, headers: dict[str, str], body: bytes
    ) -> tuple[dict[str, str], bytes]:
        return headers, scope["path"].split("/")[3].encode()[:32].ljust(64, b".")

    async with FakeImmich() as fake:
        one = fake.add_asset(None, jpeg_bytes(501, WHEN), "IMG_0001.jpg")
        two = fake.add_asset(None, jpeg_bytes(502, WHEN), "IMG_0001.jpg")
        routes = {"GET /api/assets/[^/]+/thumbnail": rewrite(fake.app, per_asset_bytes)}
        async with (
            hostile_server(fake, routes) as url,
            AsyncClient(url, api_key=fake.api_key) as client,
        ):
            helpers = AssetFileHelpers(client)
            first = await helpers.view_asset_to_file(one.id, f"{tmp_path}/thumbs/")
            second = await helpers.view_asset_to_file(two.id, f"{tmp_path}/thumbs/")
    assert first != second
    assert first.read_bytes().startswith(one.id.encode()[:32])
    assert second.read_bytes().startswith(two.id.encode()[:32])


async def test_corrupted_bytes_are_never_placed_and_a_rerun_fetches_them(tmp_path: Path) -> None:
    """A server that flips bytes of some originals: those downloads fail verification and
    leave nothing (no final file, no ``.part`` to resume from); the others are placed; once
    the server behaves, a re-run downloads exactly the missing ones."""
    with run_fake_server_in_thread() as srv:
        assets = [
            srv.fake.add_asset(None, jpeg_bytes(600 + n, WHEN, size=50_000), f"v{n}.jpg")
            for n in range(4)
        ]
        bad = assets[:2]
        for asset in bad:
            srv.fake.faults.corrupt(match=f"GET /assets/{asset.id}/original", times=None)
        state = tmp_path / "state.sqlite3"
        async with AsyncClient(srv.url, api_key=srv.api_key) as client:
            first = await client.download.export(
                tmp_path / "out", everything=True, state_path=state
            )
            assert first.count("downloaded") == 2 and first.failed == 2
            assert {o.error for o in first.failures} == {"ChecksumMismatchError"}
            placed = {p.name for p in (tmp_path / "out").rglob("*") if p.is_file()}
            assert placed == {"v2.jpg", "v3.jpg"}  # nothing of the corrupted ones, not even .part
            srv.fake.faults.clear()
            second = await client.download.export(
                tmp_path / "out", everything=True, state_path=state
            )
        assert second.ok and second.count("downloaded") == 2 and second.count("present") == 2
        for asset in assets:
            (path,) = (tmp_path / "out").rglob(asset.original_file_name)
            assert sha1(path.read_bytes()) == asset.checksum_hex
