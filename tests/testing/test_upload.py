"""Uploads: validation, dedupe (per user, by header and by content), concurrency, sidecars."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import AsyncIterator

import anyio
import httpx

from immich_bulk.testing import FakeImmich

from .conftest import make_jpeg, sha1_hex, upload_form


async def test_upload_creates_then_duplicates(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    data = make_jpeg("a", 5000)
    first = await client.post("/assets", **upload_form(data, "a.jpg"))
    assert first.status_code == 201
    assert first.json()["status"] == "created"
    again = await client.post("/assets", **upload_form(data, "other-name.jpg", device_asset_id="x"))
    assert again.status_code == 200
    assert again.json() == {"status": "duplicate", "id": first.json()["id"]}
    assert len(fake.assets()) == 1
    assert fake.counters.uploads_stored == 1
    assert fake.counters.duplicates == 1
    assert fake.read_asset(first.json()["id"]) == data
    # nothing left behind in the temporary upload area
    assert not any((fake.data_dir / "tmp").iterdir())


async def test_checksum_header_short_circuits(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    data = make_jpeg("b", 3000)
    created = (await client.post("/assets", **upload_form(data))).json()["id"]
    digest = hashlib.sha1(data).digest()
    for header in (digest.hex(), digest.hex().upper(), base64.b64encode(digest).decode()):
        other = make_jpeg("different", 999)  # the header wins, as in transcript 10g
        resp = await client.post(
            "/assets", headers={"x-immich-checksum": header}, **upload_form(other)
        )
        assert resp.status_code == 200
        assert resp.json() == {"status": "duplicate", "id": created}
    assert fake.counters.duplicates_by_header == 3
    assert len(fake.assets()) == 1


async def test_bogus_checksum_header_is_only_a_lookup(
    fake: FakeImmich, client: httpx.AsyncClient
) -> None:
    data = make_jpeg("c", 2000)
    resp = await client.post(
        "/assets", headers={"x-immich-checksum": "0" * 40}, **upload_form(data)
    )
    assert resp.status_code == 201
    (asset,) = fake.assets()
    assert asset.checksum_hex == sha1_hex(data)


async def test_dedupe_is_per_user(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    data = make_jpeg("shared", 4000)
    bob = fake.create_user("bob@example.com", "Bob")
    bob_key = fake.create_api_key(bob)
    r1 = await client.post("/assets", **upload_form(data))
    r2 = await client.post("/assets", headers={"x-api-key": bob_key}, **upload_form(data))
    assert r1.status_code == r2.status_code == 201
    assert r1.json()["id"] != r2.json()["id"]
    assert len(fake.assets(bob)) == 1
    # Bob cannot see the admin's asset
    resp = await client.get(f"/assets/{r1.json()['id']}", headers={"x-api-key": bob_key})
    assert resp.status_code == 400
    assert resp.json()["message"] == "Not found or no asset.read access"


async def test_validation_messages(client: httpx.AsyncClient) -> None:
    data = make_jpeg("v", 1000)
    resp = await client.post(
        "/assets",
        files={"assetData": ("v.jpg", data, "image/jpeg")},
        data={"deviceId": "d"},
    )
    assert resp.status_code == 400
    assert resp.json()["message"] == [
        "deviceAssetId must be a string",
        "deviceAssetId should not be empty",
        "fileCreatedAt must be a Date instance",
        "fileCreatedAt should not be empty",
        "fileModifiedAt must be a Date instance",
        "fileModifiedAt should not be empty",
    ]
    resp = await client.post("/assets", **upload_form(data, created="not-a-date"))
    assert resp.json()["message"] == "fileCreatedAt must be a date string"
    form = upload_form(data)
    del form["files"]
    resp = await client.post("/assets", files={"other": ("x.bin", b"x")}, data=form["data"])
    assert resp.json()["message"] == "File is required"
    resp = await client.post("/assets", **upload_form(b"hello", "note.txt"))
    assert resp.status_code == 400
    assert resp.json()["message"] == "Unsupported file type note.txt"
    resp = await client.post("/assets", **upload_form(data, visibility="nope"))
    assert resp.json()["message"] == [
        "visibility must be one of the following values: archive, timeline, hidden, locked"
    ]


async def test_trashed_duplicate_stays_trashed(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    data = make_jpeg("t", 1500)
    asset_id = (await client.post("/assets", **upload_form(data))).json()["id"]
    assert (await client.request("DELETE", "/assets", json={"ids": [asset_id]})).status_code == 204
    check = await client.post(
        "/assets/bulk-upload-check", json={"assets": [{"id": "x", "checksum": sha1_hex(data)}]}
    )
    assert check.json()["results"][0]["isTrashed"] is True
    again = await client.post("/assets", **upload_form(data))
    assert again.status_code == 200 and again.json()["id"] == asset_id
    info = (await client.get(f"/assets/{asset_id}")).json()
    assert info["isTrashed"] is True


async def test_bulk_upload_check(client: httpx.AsyncClient) -> None:
    data = make_jpeg("k", 1234)
    asset_id = (await client.post("/assets", **upload_form(data))).json()["id"]
    digest = hashlib.sha1(data).digest()
    resp = await client.post(
        "/assets/bulk-upload-check",
        json={
            "assets": [
                {"id": "hex", "checksum": digest.hex()},
                {"id": "b64", "checksum": base64.b64encode(digest).decode()},
                {"id": "upper", "checksum": digest.hex().upper()},
                {"id": "new", "checksum": "1" * 40},
                {"id": "garbage", "checksum": "not-a-checksum"},
            ]
        },
    )
    results = resp.json()["results"]
    assert [r["action"] for r in results] == ["reject", "reject", "reject", "accept", "accept"]
    assert results[0] == {
        "id": "hex",
        "action": "reject",
        "reason": "duplicate",
        "assetId": asset_id,
        "isTrashed": False,
    }
    empty = await client.post("/assets/bulk-upload-check", json={"assets": []})
    assert empty.status_code == 500
    assert empty.json()["message"] == "Failed to check bulk upload"
    missing = await client.post("/assets/bulk-upload-check", json={"assets": [{"id": "a"}]})
    assert missing.json()["message"] == [
        "assets.0.checksum should not be empty",
        "assets.0.checksum must be a string",
    ]


async def test_concurrent_uploads_give_one_asset_per_checksum(
    fake: FakeImmich, client: httpx.AsyncClient
) -> None:
    blobs = [make_jpeg(f"c{i}", 20_000 + i) for i in range(8)]
    statuses: list[int] = []

    async def upload(n: int) -> None:
        data = blobs[n % len(blobs)]
        resp = await client.post("/assets", **upload_form(data, f"f{n}.jpg"))
        statuses.append(resp.status_code)

    async with anyio.create_task_group() as tg:
        for n in range(64):
            tg.start_soon(upload, n)
    assert sorted(statuses).count(201) == len(blobs)
    assert statuses.count(200) == 64 - len(blobs)
    assets = fake.assets()
    assert sorted(a.checksum_hex for a in assets) == sorted(sha1_hex(b) for b in blobs)
    assert fake.counters.uploads_stored == len(blobs)


async def test_sidecar_metadata_and_flags(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    data = make_jpeg("s", 3000, 100, 50)
    xmp = b'<x:xmpmeta><rdf:Description exif:DateTimeOriginal="2023-03-03T12:30:00+02:00"/>'
    form = upload_form(
        data,
        "s.jpg",
        isFavorite=True,
        visibility="archive",
        metadata=json.dumps([{"key": "mobile-app", "value": {"iCloudId": "abc"}}]),
    )
    form["files"]["sidecarData"] = ("s.jpg.xmp", xmp, "application/xml")
    asset_id = (await client.post("/assets", **form)).json()["id"]
    info = (await client.get(f"/assets/{asset_id}")).json()
    assert info["isFavorite"] is True
    assert info["visibility"] == "archive" and info["isArchived"] is True
    assert info["fileCreatedAt"] == "2023-03-03T10:30:00.000Z"
    assert info["localDateTime"] == "2023-03-03T12:30:00.000Z"
    assert info["exifInfo"]["timeZone"] == "UTC+2"
    assert (info["width"], info["height"]) == (100, 50)
    meta = (await client.get(f"/assets/{asset_id}/metadata")).json()
    assert meta[0]["key"] == "mobile-app" and meta[0]["value"] == {"iCloudId": "abc"}
    (asset,) = fake.assets()
    assert asset.sidecar_file is not None
    assert (fake.data_dir / asset.sidecar_file).read_bytes() == xmp


async def test_a_filename_field_before_a_sidecar_names_the_sidecar(
    fake: FakeImmich, client: httpx.AsyncClient
) -> None:
    """As Immich v2.7.5: each file part is judged by the ``filename`` field when it arrived
    earlier (httpx sends fields before files), so the sidecar looks like a .jpg."""
    form = upload_form(make_jpeg("f", 2000), "f.jpg")
    form["data"]["filename"] = "f.jpg"
    form["files"]["sidecarData"] = ("f.jpg.xmp", b"<x:xmpmeta/>", "application/xml")
    refused = await client.post("/assets", **form)
    assert refused.status_code == 400
    assert refused.json()["message"] == "Unsupported file type f.jpg"
    # the same name given to the asset part alone passes; so does a field naming a photo
    # for a part whose own name is not one (the field wins)
    named = upload_form(make_jpeg("g", 2000), "upload.bin")
    named["data"]["filename"] = "g.jpg"
    assert (await client.post("/assets", **named)).status_code == 201
    assert len(fake.assets()) == 1
    assert not any((fake.data_dir / "tmp").iterdir())


async def test_live_photo_link(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    video = (await client.post("/assets", **upload_form(b"\x00" * 500, "live.mov"))).json()["id"]
    still = await client.post(
        "/assets", **upload_form(make_jpeg("live", 900), "live.jpg", livePhotoVideoId=video)
    )
    info = (await client.get(f"/assets/{still.json()['id']}")).json()
    assert info["livePhotoVideoId"] == video
    video_info = (await client.get(f"/assets/{video}")).json()
    assert video_info["visibility"] == "hidden" and video_info["type"] == "VIDEO"
    # unlink through an update: the motion part comes back to the timeline
    resp = await client.put(f"/assets/{still.json()['id']}", json={"livePhotoVideoId": None})
    assert resp.json()["livePhotoVideoId"] is None
    assert (await client.get(f"/assets/{video}")).json()["visibility"] == "timeline"


async def test_linking_a_live_photo_hides_only_a_video_in_the_timeline(
    fake: FakeImmich, client: httpx.AsyncClient
) -> None:
    """As Immich v2.7.5 (checked on a real server): an archived motion part stays
    archived when a still is linked to it; the fake hid it."""
    form = upload_form(b"\x00" * 500, "live.mov", visibility="archive")
    video = (await client.post("/assets", **form)).json()["id"]
    still = await client.post(
        "/assets", **upload_form(make_jpeg("archived live", 900), "live.jpg", visibility="archive")
    )
    resp = await client.put(f"/assets/{still.json()['id']}", json={"livePhotoVideoId": video})
    assert resp.status_code == 200 and resp.json()["livePhotoVideoId"] == video
    assert (await client.get(f"/assets/{video}")).json()["visibility"] == "archive"


async def test_large_upload_streams_to_disk(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    chunk = make_jpeg("big", 1024 * 1024)
    total = 12

    boundary = "xyzBOUNDARYxyz"

    async def stream() -> AsyncIterator[bytes]:
        fields = {
            "deviceAssetId": "big",
            "deviceId": "d",
            "fileCreatedAt": "2024-01-01T00:00:00Z",
            "fileModifiedAt": "2024-01-01T00:00:00Z",
        }
        for name, value in fields.items():
            yield (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            ).encode()
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="assetData"; '
            'filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
        ).encode()
        for _ in range(total):
            yield chunk
        yield f"\r\n--{boundary}--\r\n".encode()

    resp = await client.post(
        "/assets",
        content=stream(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert resp.status_code == 201, resp.text
    (asset,) = fake.assets()
    assert asset.size == total * len(chunk)
    assert asset.checksum == hashlib.sha1(chunk * total).digest()
