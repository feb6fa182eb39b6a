"""Out-of-process fake (restart on the same data), persistence, and the SDK client helper."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import httpx
import pytest

from immich_bulk.testing import FakeImmich, run_fake_server_subprocess
from immich_bulk.testing.__main__ import build_parser

from .conftest import make_jpeg, upload_form


def test_subprocess_restart_keeps_data(tmp_path: Path) -> None:
    data = make_jpeg("proc", 200_000)
    with run_fake_server_subprocess(data_dir=tmp_path / "data") as server:
        url, key = server.url, server.api_key
        with httpx.Client(base_url=url, headers={"x-api-key": key}, timeout=30) as http:
            created = http.post("/assets", **upload_form(data, "proc.jpg"))
            assert created.status_code == 201
            asset_id = created.json()["id"]
            album = http.post("/albums", json={"albumName": "kept", "assetIds": [asset_id]})
            assert album.status_code == 201
        server.add_fault("error", status=503, match="pingServer", times=1)
        assert httpx.get(f"{url}/server/ping").status_code == 503
        assert server.counters()["faults"] == {"error": 1}

        server.stop()
        with pytest.raises(httpx.TransportError):
            httpx.get(f"{url}/server/ping", timeout=2)
        server.start()
        assert (server.url, server.api_key) == (url, key)
        with httpx.Client(base_url=url, headers={"x-api-key": key}, timeout=30) as http:
            info = http.get(f"/assets/{asset_id}")
            assert info.status_code == 200
            assert http.get(f"/assets/{asset_id}/original").content == data
            again = http.post("/assets", **upload_form(data, "proc.jpg"))
            assert again.json() == {"status": "duplicate", "id": asset_id}
            assert [a["albumName"] for a in http.get("/albums").json()] == ["kept"]

        # a crash (SIGKILL) loses nothing that was acknowledged
        with httpx.Client(base_url=url, headers={"x-api-key": key}, timeout=30) as http:
            second = http.post("/assets", **upload_form(make_jpeg("crash", 5000), "c.jpg"))
            assert second.status_code == 201
        server.kill()
        server.start()
        listed = server.assets()
        assert {a["id"] for a in listed} == {asset_id, second.json()["id"]}
        assert {a["checksum"] for a in listed} >= {hashlib.sha1(data).hexdigest()}


def test_persistent_data_dir_in_process(tmp_path: Path) -> None:
    with FakeImmich(tmp_path) as fake:
        key = fake.api_key
        bob = fake.create_user("bob@example.com", "Bob")
        bob_key = fake.create_api_key(bob, ["asset.read"])
        asset = fake.add_asset(bob, make_jpeg("p", 1000), "p.jpg", is_favorite=True)
        fake.state.queues["thumbnailGeneration"].is_paused = True
        fake.state.save(fake.state.queues["thumbnailGeneration"])
    with FakeImmich(tmp_path) as again:
        assert again.api_key == key
        restored = again.asset(asset.id)
        assert restored is not None and restored.is_favorite and restored.owner_id == bob.id
        assert again.asset_by_checksum(bob, asset.checksum) is restored
        assert again.state.api_keys_by_secret[bob_key].permissions == ["asset.read"]
        assert again.state.queues["thumbnailGeneration"].is_paused is True
        assert again.read_asset(asset.id) == make_jpeg("p", 1000)


def test_cli_parser_defaults() -> None:
    args = build_parser().parse_args(["--port", "0", "--data", "x", "--api-key", "k"])
    assert (args.port, args.data, args.api_key, args.host) == (0, "x", "k", "127.0.0.1")
    assert build_parser().parse_args([]).port == 2283


@pytest.mark.skipif(
    importlib.util.find_spec("immich_bulk.client") is None, reason="the SDK client is not there"
)
async def test_sdk_client_helper(fake: FakeImmich) -> None:
    async with fake.client() as client:
        about = await client.server.get_about_info()
        assert about.version == "v2.7.5"
