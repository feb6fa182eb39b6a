"""Errors come out as one clear error, never as a traceback of internals: URLs that cannot
be connected to, an events file that cannot be written, and failures inside the engines'
task groups (raised as the library's own error, never wrapped in an ExceptionGroup)."""

from __future__ import annotations

import resource
import signal
from pathlib import Path
from typing import Any

import anyio
import anyio.abc
import httpx
import pytest

from immich_bulk import (
    ApiError,
    AsyncClient,
    AuthenticationError,
    BadRequestError,
    RetryPolicy,
    ServerError,
    UnsafeRedirectError,
)
from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import FakeImmich
from immich_bulk.transfer.config import DownloadConfig, UploadConfig
from immich_bulk.transfer.download.export import Exporter, ExportOptions, export
from immich_bulk.transfer.state import StateStore
from immich_bulk.transfer.upload.engine import Uploader, UploadOptions
from tests.reliability.conftest import User
from tests.reliability.helpers import WHEN, cli_env, make_library, run_cli
from tests.reliability.rawhttp import read_request, serving

# ---------------------------------------------------------------------- URLs

BAD_URLS = [
    "http://127.0.0.1:99999",  # was: an ExceptionGroup ending in OverflowError, at connect
    "http://127.0.0.1:0",
    "http://a..b",  # was: a bare UnicodeError ("label empty or too long")
    f"http://{'a' * 64}.example",
    "http://xn--",  # was: a bare IDNAError
    "http://bad%host.example",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_url_that_cannot_be_connected_to_is_refused_when_the_client_is_made(url: str) -> None:
    with pytest.raises(ValueError, match="not a valid URL") as caught:
        AsyncClient(url, api_key="k")
    assert url in str(caught.value)


def test_a_bad_url_is_named_without_its_credentials() -> None:
    with pytest.raises(ValueError) as caught:
        AsyncClient("http://user:hunter2@a..b", api_key="k")
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize("url", BAD_URLS)
def test_the_command_refuses_a_bad_url_in_one_line(url: str, tmp_path: Path) -> None:
    result = run_cli("server-info", "--url", url, env=cli_env(tmp_path, "", "k"))
    assert result.code == 2, result
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("immich-bulk: error:") and url in result.stderr


@pytest.mark.parametrize(
    ("location", "shown"),
    [("http://xn--/api/users/me", "not valid"), ("http://127.0.0.1:99999/x", "127.0.0.1:99999")],
)
async def test_a_redirect_to_a_url_that_cannot_be_connected_to_is_an_unsafe_redirect(
    location: str, shown: str
) -> None:
    """The server's ``Location`` is no more trusted than the URL a user types."""

    async def redirect(stream: anyio.abc.SocketStream) -> None:
        await read_request(stream)
        head = f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n"
        await stream.send(head.encode())

    with anyio.fail_after(60):
        async with serving(redirect) as (url, _), AsyncClient(url, api_key="k") as client:
            with pytest.raises(UnsafeRedirectError, match="redirected") as caught:
                await client.users.get_my_user()
        assert shown in str(caught.value)
        # the same through a caller's own httpx client (httpx's send, not the transport)
        async with (
            serving(redirect) as (url, _),
            httpx.AsyncClient() as http,
            AsyncClient(url, api_key="k", http_client=http) as client,
        ):
            with pytest.raises(UnsafeRedirectError, match="redirected") as caught:
                await client.users.get_my_user()
        assert shown in str(caught.value)


# ---------------------------------------------------------------------- --events


def test_events_to_a_full_device_are_one_warning_and_the_run_completes(
    tmp_path: Path, server: Any, user: User
) -> None:
    """``--events /dev/full``: every write fails. The run is not the events file's
    hostage: it completes, prints its summary and one warning, and exits with code 5
    (a local write failed) -- no traceback, not even from closing the file."""
    files = make_library(tmp_path / "lib", 12, seed=81)
    result = run_cli(
        "upload", str(tmp_path / "lib"), "--no-state", "--no-progress", "--events", "/dev/full",
        env=cli_env(tmp_path, server.url, user.key),
    )  # fmt: skip
    assert result.code == 5, result
    assert "Traceback" not in result.stderr
    assert f"{len(files)} uploaded" in result.stdout
    assert result.stderr.count("/dev/full") == 1 and "incomplete" in result.stderr


def _file_size_limit(limit: int) -> Any:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit: EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_events_on_a_disk_that_fills_mid_run_do_not_stop_the_hash_workers(
    tmp_path: Path, server: Any, user: User
) -> None:
    """The events file stops growing mid-run (a file size limit stands in for the disk
    filling up: the writes start failing after a while). The write error used to be
    raised in the hash worker that emitted the event: a 63-line traceback, no summary.
    Now: every file uploaded, the summary, one warning, exit code 5."""
    files = make_library(tmp_path / "lib", 60, seed=82)
    events = tmp_path / "events.ndjson"
    result = run_cli(
        "upload", str(tmp_path / "lib"), "--no-state", "--no-progress", "--events", str(events),
        env=cli_env(tmp_path, server.url, user.key, PYTHONDONTWRITEBYTECODE="1"),
        preexec_fn=_file_size_limit(32 * 1024),
    )  # fmt: skip
    assert result.code == 5, result
    assert "Traceback" not in result.stderr
    assert f"{len(files)} uploaded" in result.stdout
    assert "incomplete" in result.stderr
    assert 0 < events.stat().st_size <= 32 * 1024
    assert len(server.assets(user.email)) == len(files)


# ---------------------------------------------------------------------- task groups


async def _no_wait(_: float) -> None:
    return None


QUICK = RetryPolicy(max_attempts=2, backoff_base=0.0, sleep=_no_wait)
EXPECTED: dict[int, type[ApiError]] = {
    500: ServerError,
    401: AuthenticationError,
    400: BadRequestError,
}


async def _export_everything(client: AsyncClient, dest: Path) -> Any:
    return await client.download.export(
        dest, everything=True, state_path=None, config=DownloadConfig(retry=QUICK)
    )


async def _export_by_album(client: AsyncClient, dest: Path) -> Any:
    options = ExportOptions(everything=True, layout="{album}/{filename}")
    return await export(
        client, dest, options=options, config=DownloadConfig(retry=QUICK), state_path=None
    )


async def _exporter_run(client: AsyncClient, dest: Path) -> Any:
    async with StateStore.open(None) as store:
        exporter = Exporter(
            client,
            dest,
            options=ExportOptions(everything=True),
            config=DownloadConfig(retry=QUICK),
            store=store,
        )
        return await exporter.run()


async def _upload_into_album(client: AsyncClient, dest: Path) -> Any:
    return await client.assets.upload(
        dest.parent / "lib", album="A", state_path=None, config=UploadConfig(retry=QUICK)
    )


async def _uploader_run(client: AsyncClient, dest: Path) -> Any:
    async with StateStore.open(None) as store:
        uploader = Uploader(
            client,
            dest.parent / "lib",
            options=UploadOptions(album="A"),
            config=UploadConfig(retry=QUICK),
            store=store,
        )
        return await uploader.run()


ENTRY_POINTS = {
    "download.export": (_export_everything, "searchAssets"),
    "export-by-album": (_export_by_album, "getAllAlbums"),
    "Exporter.run": (_exporter_run, "searchAssets"),
    "assets.upload": (_upload_into_album, "getAllAlbums"),
    "Uploader.run": (_uploader_run, "getAllAlbums"),
}


@pytest.mark.parametrize("status", sorted(EXPECTED))
@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
async def test_a_failure_inside_a_run_is_raised_as_itself_never_as_a_group(
    entry: str, status: int, tmp_path: Path
) -> None:
    """The listing (or the album lookup) fails inside the engine's task group: the caller's
    ``except ImmichError`` catches it -- the ServerError, AuthenticationError or
    BadRequestError itself, not an ExceptionGroup holding it."""
    call, operation = ENTRY_POINTS[entry]
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "a.jpg").write_bytes(jpeg_bytes(83, WHEN))
    async with FakeImmich() as fake, fake.client(retry=QUICK) as client:
        fake.add_asset(None, jpeg_bytes(84, WHEN), "b.jpg")
        fake.faults.fail(status, match=operation, times=None)
        with pytest.raises(EXPECTED[status]) as caught:
            await call(client, tmp_path / "out")
    assert caught.value.status_code == status
