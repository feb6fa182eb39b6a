"""Authentication, permissions, users and keys, server info, jobs/queues, 404/501."""

from __future__ import annotations

import httpx

from immich_bulk.testing import FakeImmich

from .conftest import SPEC_CHECKER, make_jpeg, upload_form


async def test_sign_up_login_and_token_kinds(anyio_backend: str) -> None:
    async with FakeImmich(initialized=False) as fake:
        assert fake.api_key == ""
        hooks = {"response": [SPEC_CHECKER.hook]}
        async with fake.httpx_client(api_key="", event_hooks=hooks) as http:
            assert (await http.get("/server/config")).json()["isInitialized"] is False
            body = {"email": "Root@Example.com", "password": "pw", "name": "Root"}
            signed = await http.post("/auth/admin-sign-up", json=body)
            assert signed.status_code == 201
            assert signed.json()["email"] == "root@example.com" and signed.json()["isAdmin"]
            again = await http.post("/auth/admin-sign-up", json=body)
            assert again.json()["message"] == "The server already has an admin"
            wrong = await http.post(
                "/auth/login", json={"email": "root@example.com", "password": "x"}
            )
            assert wrong.status_code == 401
            assert wrong.json()["message"] == "Incorrect email or password"
            login = await http.post(
                "/auth/login", json={"email": "root@example.com", "password": "pw"}
            )
            assert login.status_code == 201
            token = login.json()["accessToken"]
            cookies = login.headers.get_list("set-cookie")
            assert cookies[0].startswith(f"immich_access_token={token};")
            http.cookies.clear()
            for headers, params in (
                ({"authorization": f"Bearer {token}"}, {}),
                ({"cookie": f"immich_access_token={token}"}, {}),
                ({"x-immich-user-token": token}, {}),
                ({}, {"sessionKey": token}),
            ):
                me = await http.get("/users/me", headers=headers, params=params)
                assert me.status_code == 200, headers
            key = await http.post(
                "/api-keys",
                headers={"authorization": f"Bearer {token}"},
                json={"name": "k", "permissions": ["all"]},
            )
            secret = key.json()["secret"]
            assert (await http.get("/albums", params={"apiKey": secret})).status_code == 200
            mine = await http.get("/api-keys/me", headers={"x-api-key": secret})
            assert mine.json()["name"] == "k"
            session_mine = await http.get(
                "/api-keys/me", headers={"authorization": f"Bearer {token}"}
            )
            assert session_mine.status_code == 403
            out = await http.post("/auth/logout", headers={"authorization": f"Bearer {token}"})
            assert out.json()["successful"] is True
            after = await http.get("/users/me", headers={"authorization": f"Bearer {token}"})
            assert after.json()["message"] == "Invalid user token"


async def test_auth_errors(client: httpx.AsyncClient) -> None:
    anonymous = await client.get("/albums", headers={"x-api-key": ""})
    assert anonymous.status_code == 401
    assert anonymous.json()["message"] == "Authentication required"
    bad_key = await client.get("/albums", headers={"x-api-key": "wrong"})
    assert bad_key.json()["message"] == "Invalid API key"
    bad_token = await client.get("/albums", headers={"authorization": "Bearer nope"})
    assert bad_token.json()["message"] == "Invalid user token"
    public = await client.get("/server/ping", headers={"x-api-key": ""})
    assert public.status_code == 200


async def test_permissions(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    created = await client.post("/api-keys", json={"name": "ro", "permissions": ["asset.read"]})
    ro = created.json()["secret"]
    denied = await client.post("/albums", headers={"x-api-key": ro}, json={"albumName": "x"})
    assert denied.status_code == 403
    assert denied.json() == {
        "message": "Missing required permission: album.create",
        "error": "Forbidden",
        "statusCode": 403,
        "correlationId": denied.headers["x-immich-cid"],
    }
    allowed = await client.post("/search/metadata", headers={"x-api-key": ro}, json={})
    assert allowed.status_code == 200
    escalate = await client.post(
        "/api-keys", headers={"x-api-key": ro}, json={"permissions": ["all"]}
    )
    assert escalate.status_code == 403  # apiKey.create is missing already
    key_id = created.json()["apiKey"]["id"]
    assert (await client.get(f"/api-keys/{key_id}")).json()["permissions"] == ["asset.read"]
    updated = await client.put(f"/api-keys/{key_id}", json={"permissions": ["album.create"]})
    assert updated.json()["permissions"] == ["album.create"]
    assert (
        await client.post("/albums", headers={"x-api-key": ro}, json={"albumName": "y"})
    ).status_code == 201
    keys = (await client.get("/api-keys")).json()
    assert key_id in [k["id"] for k in keys]
    assert (await client.delete(f"/api-keys/{key_id}")).status_code == 204
    assert (await client.get("/albums", headers={"x-api-key": ro})).status_code == 401
    invalid = await client.post("/api-keys", json={"permissions": ["bogus"]})
    assert invalid.status_code == 400


async def test_admin_only_routes(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    made = await client.post(
        "/admin/users", json={"email": "eve@example.com", "name": "Eve", "password": "pw"}
    )
    assert made.status_code == 201 and made.json()["isAdmin"] is False
    exists = await client.post(
        "/admin/users", json={"email": "eve@example.com", "name": "Eve", "password": "pw"}
    )
    assert exists.json()["message"] == "User exists"
    eve_key = fake.create_api_key(made.json()["id"])
    for path in ("/jobs", "/queues", "/server/statistics", "/admin/users"):
        resp = await client.get(path, headers={"x-api-key": eve_key})
        assert resp.status_code == 403, path
        assert resp.json()["message"] == "Forbidden"
    users = (await client.get("/admin/users")).json()
    assert sorted(u["email"] for u in users) == ["admin@example.com", "eve@example.com"]
    upd = await client.put(f"/admin/users/{made.json()['id']}", json={"quotaSizeInBytes": 1000})
    assert upd.json()["quotaSizeInBytes"] == 1000
    stats = await client.get(f"/admin/users/{made.json()['id']}/statistics")
    assert stats.json() == {"images": 0, "videos": 0, "total": 0}


async def test_users_and_profile_image(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    me = (await client.get("/users/me")).json()
    assert me["email"] == "admin@example.com" and me["isAdmin"] is True
    image = make_jpeg("avatar", 800)
    up = await client.post("/users/profile-image", files={"file": ("me.jpg", image, "image/jpeg")})
    assert up.status_code == 201 and up.json()["userId"] == me["id"]
    got = await client.get(f"/users/{me['id']}/profile-image")
    assert got.status_code == 200 and got.content == image
    assert got.headers["content-type"] == "image/jpeg"
    assert (await client.get("/users/me")).json()["profileImagePath"] != ""
    assert (await client.delete("/users/profile-image")).status_code == 204
    missing = await client.get(f"/users/{me['id']}/profile-image")
    assert missing.status_code == 404
    renamed = await client.put("/users/me", json={"name": "Boss"})
    assert renamed.json()["name"] == "Boss"
    others = (await client.get("/users")).json()
    assert [u["name"] for u in others] == ["Boss"]


async def test_server_endpoints(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    assert (await client.get("/server/version")).json() == {"major": 2, "minor": 7, "patch": 5}
    media = (await client.get("/server/media-types")).json()
    assert ".jpg" in media["image"] and ".mp4" in media["video"] and media["sidecar"] == [".xmp"]
    assert (await client.get("/server/about")).json()["version"] == "v2.7.5"
    assert (await client.get("/server/features")).json()["trash"] is True
    assert (await client.get("/server/storage")).json()["diskSizeRaw"] > 0
    assert len((await client.get("/server/version-history")).json()) == 1
    fake.add_asset(None, make_jpeg("s1", 1000), "a.jpg")
    fake.add_asset(None, b"\x00" * 300, "b.mp4")
    stats = (await client.get("/server/statistics")).json()
    assert (stats["photos"], stats["videos"], stats["usage"]) == (1, 1, 1300)
    assert (await client.get("/users/me")).json()["quotaUsageInBytes"] == 1300
    assert (await client.get("/server/theme")).json() == {"customCss": ""}
    known = await client.get("http://fake-immich/.well-known/immich")
    assert known.json() == {"api": {"endpoint": "/api"}}


async def test_unknown_and_unimplemented(client: httpx.AsyncClient) -> None:
    missing = await client.get("/does-not-exist")
    assert missing.status_code == 404
    assert missing.json()["message"] == "Cannot GET /api/does-not-exist"
    wrong_method = await client.patch("/assets")
    assert wrong_method.json()["message"] == "Cannot PATCH /api/assets"
    todo = await client.get("/activities")
    assert todo.status_code == 501
    assert todo.json()["message"] == "FakeImmich does not implement getActivities (GET /activities)"
    malformed = await client.post(
        "/albums", content=b'{"albumName": "x",', headers={"content-type": "application/json"}
    )
    assert malformed.status_code == 400
    assert "x-immich-cid" not in malformed.headers and "correlationId" not in malformed.json()
    text = await client.post(
        "/albums", content=b'{"albumName":"x"}', headers={"content-type": "text/plain"}
    )
    assert text.json()["message"] == ["albumName must be a string"]


async def test_jobs_pause_thumbnails(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    jobs = (await client.get("/jobs")).json()
    assert len(jobs) == 18 and jobs["thumbnailGeneration"]["queueStatus"]["isPaused"] is False
    paused = await client.put(
        "/jobs/thumbnailGeneration", json={"command": "pause", "force": False}
    )
    assert paused.json()["queueStatus"]["isPaused"] is True
    asset_id = (await client.post("/assets", **upload_form(make_jpeg("q", 600)))).json()["id"]
    pending = await client.get(f"/assets/{asset_id}/thumbnail")
    assert pending.status_code == 404 and pending.json()["message"] == "Asset media not found"
    info = (await client.get(f"/assets/{asset_id}")).json()
    assert info["thumbhash"] is None and info["resized"] is False
    queue = (await client.get("/queues/thumbnailGeneration")).json()
    assert queue["isPaused"] is True and queue["statistics"]["paused"] == 1
    resumed = await client.put("/queues/thumbnailGeneration", json={"isPaused": False})
    assert resumed.json()["isPaused"] is False and resumed.json()["statistics"]["paused"] == 0
    assert (await client.get(f"/assets/{asset_id}/thumbnail")).status_code == 200
    start = await client.put("/jobs/thumbnailGeneration", json={"command": "start", "force": True})
    assert start.status_code == 200
    queues = (await client.get("/queues")).json()
    assert [q["name"] for q in queues][:2] == ["thumbnailGeneration", "metadataExtraction"]
    bad = await client.put("/jobs/nope", json={"command": "pause"})
    assert bad.status_code == 400
    assert (await client.request("DELETE", "/queues/sidecar/jobs", json={})).status_code == 204
    assert (await client.get("/queues/sidecar/jobs")).json() == []


async def test_the_background_task_queue_cannot_be_paused(client: httpx.AsyncClient) -> None:
    """As Immich v2.7.5 (the ``/queues`` API only): a 400, and the queue keeps running."""
    refused = await client.put("/queues/backgroundTask", json={"isPaused": True})
    assert refused.status_code == 400
    assert refused.json()["message"] == "The BackgroundTask queue cannot be paused"
    queue = (await client.get("/queues/backgroundTask")).json()
    assert queue["isPaused"] is False
    assert (await client.put("/queues/backgroundTask", json={"isPaused": False})).status_code == 200
