"""No one learns the key: API keys, bearer tokens, session cookies and passwords never show
in logs (any level, httpx and httpcore included), exception messages, reprs, events, JSON
output or the state file; the saved config is private; TLS is verified unless the user
explicitly says otherwise, and then warned."""

from __future__ import annotations

import functools
import logging
import os
import secrets
import ssl
import stat
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import trustme
from hypercorn.config import Config

from immich_bulk import AsyncClient, ImmichError, RetryEvent, RetryPolicy, TransportError
from immich_bulk.client import default_ssl_context
from immich_bulk.models import LoginCredentialDto, LoginResponseDto
from immich_bulk.testing import FakeImmich, SubprocessServer, run_fake_server_in_thread
from immich_bulk.transfer.config import DownloadConfig, UploadConfig
from immich_bulk.transfer.events import TransferEvent
from tests.reliability.conftest import User
from tests.reliability.helpers import (
    app_in_thread,
    cli_env,
    make_library,
    run_cli,
    serve_app,
    state_bytes,
)


def _assert_absent(secret_values: list[str], **places: str | bytes) -> None:
    for where, text in places.items():
        blob = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
        for secret in secret_values:
            assert secret.encode() not in blob, f"a secret leaked into {where}"


# ---------------------------------------------------------------------- the command


def test_the_command_never_prints_logs_or_stores_the_key(
    server: SubprocessServer, user: User, home: Path, tmp_path: Path
) -> None:
    make_library(tmp_path / "lib", 12, seed=111, folders=2)
    state, events = tmp_path / "state.sqlite3", tmp_path / "events.ndjson"
    # faults, so that retries and failures are logged and reported too
    server.add_faults(
        [
            {"kind": "error", "status": 503, "match": "uploadAsset", "times": 2},
            {"kind": "drop_request", "after_bytes": 500, "match": "uploadAsset", "times": 1},
            {"kind": "error", "status": 400, "match": "uploadAsset", "times": 1, "skip": 6},
        ]
    )
    env = cli_env(home, server.url, user.key)
    upload = run_cli(
        "-vv", "upload", str(tmp_path / "lib"), "--album", "Secret-free", "--state", str(state),
        "--events", str(events), "--json", env=env,
    )  # fmt: skip
    assert upload.code == 1, upload.stderr  # the 400 is a failure; the rest retried through
    assert "DEBUG" in upload.stderr and "retrying" in upload.stderr  # it did log a lot
    download = run_cli(
        "download", str(tmp_path / "out"), "--all", "-vv", "--state", str(state),
        "--events", str(tmp_path / "download.ndjson"), "--json", env=env,
    )  # fmt: skip
    assert download.code == 0, download.stderr
    info = run_cli("-vv", "server-info", "--json", env=env)
    assert info.code == 0
    wrong = "wrong-" + secrets.token_urlsafe(24)
    refused = run_cli("-vv", "upload", str(tmp_path / "lib"), env={**env, "IMMICH_API_KEY": wrong})
    assert refused.code == 3 and "refused the API key" in refused.stderr
    flag = run_cli("upload", str(tmp_path / "lib"), "--key", wrong, "--no-state", env=env)
    assert flag.code == 3
    # a key pasted with a stray newline: refused by name, never echoed
    pasted = run_cli("upload", str(tmp_path / "lib"), env={**env, "IMMICH_API_KEY": wrong + "\r"})
    assert pasted.code == 2 and "api_key contains characters" in pasted.stderr
    _assert_absent(
        [user.key, wrong],
        upload_out=upload.stdout,
        upload_err=upload.stderr,
        events=events.read_bytes() + (tmp_path / "download.ndjson").read_bytes(),
        download=download.stdout + download.stderr,
        state=state_bytes(state),
        info=info.stdout + info.stderr,
        refused=refused.stdout + refused.stderr,
        flag=flag.stdout + flag.stderr,
        pasted=pasted.stdout + pasted.stderr,
    )


def _umask_0() -> None:
    os.umask(0)  # the most permissive: only explicit modes protect the file


def test_login_saves_the_key_readable_only_by_its_owner(
    server: SubprocessServer, user: User, home: Path
) -> None:
    env = cli_env(home)
    config_dir = home / "config"
    login = run_cli("login", server.url, user.key, env=env, preexec_fn=_umask_0)
    assert login.code == 0, login.stderr
    config = config_dir / "auth.json"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600  # even with umask 0
    assert stat.S_IMODE(config_dir.stat().st_mode) == 0o700
    assert sorted(p.name for p in config_dir.iterdir()) == ["auth.json"]  # no temp file left
    assert user.key not in login.stdout + login.stderr
    # used without --key; a second login keeps the mode
    assert run_cli("server-info", env=env).code == 0
    again = run_cli("login", server.url, user.key, env=env, preexec_fn=_umask_0)
    assert again.code == 0 and stat.S_IMODE(config.stat().st_mode) == 0o600


# ---------------------------------------------------------------------- the library


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every logger at DEBUG, httpx and httpcore included."""
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "immich_bulk", "hpack", "h11"):
        caplog.set_level(logging.DEBUG, logger=name)
    yield caplog


async def test_the_library_at_debug_level_never_shows_credentials(
    tmp_path: Path, debug_logs: pytest.LogCaptureFixture
) -> None:
    make_library(tmp_path / "lib", 6, seed=112, folders=1)
    password = "Pw-" + secrets.token_urlsafe(16)
    seen: list[str] = []

    def keep(event: TransferEvent) -> None:
        seen.append(repr(event) + str(event.to_dict()))

    async def no_wait(_: float) -> None:
        return None

    quick = RetryPolicy(max_attempts=4, backoff_base=0.0, sleep=no_wait)
    with run_fake_server_in_thread() as srv:
        srv.fake.create_user("me@example.com", password=password)
        async with AsyncClient(srv.url, api_key=srv.api_key) as admin:
            login = await admin.authentication.login(
                LoginCredentialDto(email="me@example.com", password=password)
            )
        token = login.access_token
        key = srv.fake.create_api_key("me@example.com")
        credentials: list[dict[str, Any]] = [
            {"api_key": key},
            {"access_token": token},
            {"session_cookie": token},
        ]
        texts: list[str] = []
        for n, auth in enumerate(credentials):
            srv.fake.faults.fail(503, match="uploadAsset", times=1)
            srv.fake.faults.drop_response(after_bytes=100, match="downloadAsset", times=1)
            async with AsyncClient(srv.url, retry=quick, **auth) as client:
                texts.append(repr(client))
                await client.users.get_my_user()
                report = await client.assets.upload(
                    tmp_path / "lib",
                    state_path=tmp_path / "state.sqlite3",
                    on_event=keep,
                    config=UploadConfig(retry=quick),
                )
                assert report.ok
                exported = await client.download.export(
                    tmp_path / f"out{n}",
                    everything=True,
                    state_path=tmp_path / "state.sqlite3",
                    on_event=keep,
                    config=DownloadConfig(retry=quick),
                )
                assert exported.ok
                texts += [str(report.to_dict()), str(exported.to_dict())]
                try:
                    await client.assets.get_asset_info("00000000-0000-4000-8000-000000000000")
                except ImmichError as exc:
                    texts += [str(exc), repr(exc), repr(exc.__dict__)]
        # refused credentials of each kind, and a server that is not there
        bad: list[dict[str, Any]] = [
            {"api_key": key[::-1]},
            {"access_token": token[::-1]},
            {"session_cookie": token[::-1]},
        ]
        for wrong in bad:
            async with AsyncClient(srv.url, **wrong) as client:
                with pytest.raises(ImmichError) as refused:
                    await client.users.get_my_user()
                texts += [str(refused.value), repr(refused.value), repr(refused.value.__dict__)]
    for kind in ("api_key", "access_token", "session_cookie"):
        for stray in (" ", "\n", "\r", "\t", "\u00e9"):  # cannot be a header value
            pasted: dict[str, Any] = {kind: token[:10] + stray + token[10:]}
            with pytest.raises(ValueError, match=kind) as refused_value:
                AsyncClient(srv.url, **pasted)
            said = str(refused_value.value) + repr(refused_value.value)
            assert token[:10] not in said and token[10:] not in said
    async with AsyncClient("http://127.0.0.1:9/api", api_key=key, retry=quick) as gone:
        with pytest.raises(TransportError) as unreachable:
            await gone.server.ping_server()
        texts += [str(unreachable.value), repr(unreachable.value)]
    records = [
        f"{r.name} {r.levelname} {r.getMessage()} {r.exc_text or ''}" for r in debug_logs.records
    ]
    assert any(r.startswith("httpcore") for r in records)  # the noisy loggers did log
    assert any("retrying" in r for r in records)
    leaks = [key, token, password, key[::-1], token[::-1]]
    _assert_absent(
        leaks,
        logs="\n".join(records),
        events="\n".join(seen),
        texts="\n".join(texts),
        state=state_bytes(tmp_path / "state.sqlite3"),
    )


def test_models_holding_secrets_do_not_show_them_in_their_repr() -> None:
    token = "tok-" + secrets.token_urlsafe(16)
    response = LoginResponseDto(
        access_token=token,
        is_admin=False,
        is_onboarded=True,
        name="n",
        profile_image_path="",
        should_change_password=False,
        user_email="me@example.com",
        user_id="u",
    )
    assert token not in repr(response)
    assert "hunter2" not in repr(LoginCredentialDto(email="me@example.com", password="hunter2"))


# ---------------------------------------------------------------------- TLS


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Config, Path]:
    """A self-signed CA and a certificate for 127.0.0.1 (trustme): hypercorn's TLS config
    and the CA file a client would have to trust."""
    ca = trustme.CA()
    folder = tmp_path_factory.mktemp("tls")
    cert = ca.issue_cert("127.0.0.1")
    cert.private_key_and_cert_chain_pem.write_to_path(str(folder / "server.pem"))
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    config = Config()
    config.certfile = config.keyfile = str(folder / "server.pem")
    return config, folder / "ca.pem"


async def test_tls_is_verified_by_default_and_turning_it_off_warns(
    tls: tuple[Config, Path], caplog: pytest.LogCaptureFixture
) -> None:
    config, ca_file = tls
    shutdown = anyio.Event()
    async with anyio.create_task_group() as tg, FakeImmich() as fake:
        url: str = await tg.start(
            functools.partial(serve_app, fake.app, config=config, shutdown=shutdown)
        )
        assert url.startswith("https://")
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # verification on: no warning at all
            retried: list[RetryEvent] = []
            async with AsyncClient(url, api_key=fake.api_key, on_retry=retried.append) as client:
                with pytest.raises(TransportError, match="CERTIFICATE_VERIFY_FAILED") as refused:
                    await client.server.ping_server()
            assert fake.api_key not in str(refused.value)
            assert retried == []  # a refused certificate is final: no retries, no waiting
            context = ssl.create_default_context(cafile=str(ca_file))
            async with AsyncClient(url, api_key=fake.api_key, verify=context) as trusted:
                assert (await trusted.server.ping_server()).res == "pong"
        with pytest.warns(UserWarning, match="TLS certificate verification is turned off"):
            insecure = AsyncClient(url, api_key=fake.api_key, verify=False)
        async with insecure:
            assert (await insecure.server.ping_server()).res == "pong"
        assert any("verification is turned off" in r.getMessage() for r in caplog.records)
        shutdown.set()


async def test_a_plain_http_client_cannot_fall_back_to_unverified_tls(
    tls: tuple[Config, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ``http://`` client skips loading the CA bundle, but its TLS context (never meant
    to be used) still refuses every certificate rather than accepting any."""
    config, _ = tls
    for scheme in ("http", "https", "all"):
        monkeypatch.delenv(f"{scheme}_proxy", raising=False)
        monkeypatch.delenv(f"{scheme.upper()}_PROXY", raising=False)
    async with AsyncClient("http://127.0.0.1:9/api", api_key="k") as plain:
        context = plain._ssl_context(True)
    assert isinstance(context, ssl.SSLContext) and context is not default_ssl_context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    shutdown = anyio.Event()
    async with anyio.create_task_group() as tg, FakeImmich() as fake:
        url: str = await tg.start(
            functools.partial(serve_app, fake.app, config=config, shutdown=shutdown)
        )
        async with httpx.AsyncClient(verify=context) as http:
            with pytest.raises(httpx.ConnectError) as refused:
                await http.get(f"{url}/server/ping")
        causes: list[BaseException] = []
        exc: BaseException | None = refused.value
        while exc is not None and len(causes) < 10:  # trio's message is empty: the cause
            causes.append(exc)
            exc = exc.__cause__ or exc.__context__
        assert any(isinstance(c, ssl.SSLCertVerificationError) for c in causes), causes
        shutdown.set()
    # a proxy reached over TLS needs the real trust store, even for an http:// server
    monkeypatch.setenv("HTTP_PROXY", "https://proxy.example:3128")
    for base in ("http://127.0.0.1:9/api", "https://127.0.0.1:9/api"):
        async with AsyncClient(base, api_key="k") as client:
            assert client._ssl_context(True) is default_ssl_context()


def test_the_command_verifies_tls_and_insecure_says_so(
    tls: tuple[Config, Path], tmp_path: Path
) -> None:
    config, _ = tls
    fake = FakeImmich()
    try:
        with app_in_thread(fake.app, config=config) as url:
            env = cli_env(tmp_path, url, fake.api_key)
            refused = run_cli("server-info", env=env)
            allowed = run_cli("server-info", "--insecure", env=env)
    finally:
        fake.close()
    assert refused.code == 4 and "CERTIFICATE_VERIFY_FAILED" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert allowed.code == 0, allowed.stderr
    assert "TLS certificate verification is turned off" in allowed.stderr
    _assert_absent([fake.api_key], out=refused.stderr + allowed.stdout + allowed.stderr)
