"""Smaller endpoints, each called once through the spec-validating client."""

from __future__ import annotations

import httpx

from immich_bulk.testing import FakeImmich

from .conftest import make_jpeg, upload_form


async def test_misc_endpoints(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    ids = [
        (
            await client.post("/assets", **upload_form(make_jpeg(f"m{i}", 500 + i), f"m{i}.jpg"))
        ).json()["id"]
        for i in range(3)
    ]
    assert (await client.get("/assets/device/pytest")).json() == [
        f"m{i}.jpg-{500 + i}" for i in range(3)
    ]
    exist = await client.post(
        "/assets/exist", json={"deviceAssetIds": ["m0.jpg-500", "nope"], "deviceId": "pytest"}
    )
    assert exist.json() == {"existingIds": ["m0.jpg-500"]}
    assert len((await client.get("/assets/random", params={"count": 2})).json()) == 2
    assert len((await client.post("/search/random", json={"size": 2})).json()) == 2
    large = (await client.post("/search/large-assets", json={"size": 1})).json()
    assert [a["id"] for a in large] == [ids[2]]
    meta = await client.put(
        f"/assets/{ids[0]}/metadata", json={"items": [{"key": "k", "value": {"a": 1}}]}
    )
    assert meta.json()[0]["value"] == {"a": 1}
    assert (await client.get(f"/assets/{ids[0]}/metadata/k")).json()["key"] == "k"
    assert (await client.delete(f"/assets/{ids[0]}/metadata/k")).status_code == 204
    assert (await client.get(f"/assets/{ids[0]}/metadata/k")).status_code == 400
    jobs = await client.post("/assets/jobs", json={"assetIds": ids, "name": "regenerate-thumbnail"})
    assert jobs.status_code == 204
    assert (await client.post("/jobs", json={"name": "tag-cleanup"})).status_code == 204

    stack = (await client.post("/stacks", json={"assetIds": ids[:2]})).json()
    assert (await client.get(f"/stacks/{stack['id']}")).json()["id"] == stack["id"]
    assert (
        await client.request("DELETE", "/stacks", json={"ids": [stack["id"]]})
    ).status_code == 204

    tag = (await client.post("/tags", json={"name": "t"})).json()
    assert (await client.get(f"/tags/{tag['id']}")).json()["value"] == "t"
    assert (await client.put(f"/tags/{tag['id']}", json={"color": "#00ff00"})).json()["color"] == (
        "#00ff00"
    )

    assert (await client.get("/auth/status")).json()["password"] is True
    assert (await client.post("/auth/validateToken")).json() == {"authStatus": True}
    me = (await client.get("/users/me")).json()
    assert (await client.get(f"/users/{me['id']}")).json()["email"] == "admin@example.com"
    assert (await client.get(f"/admin/users/{me['id']}")).json()["isAdmin"] is True
    changed = await client.post(
        "/auth/change-password", json={"password": "admin", "newPassword": "secret"}
    )
    assert changed.status_code == 200
    wrong = await client.post("/auth/change-password", json={"password": "x", "newPassword": "y"})
    assert wrong.json()["message"] == "Wrong password"

    carol = fake.create_user("carol@example.com", "Carol")
    album = (await client.post("/albums", json={"albumName": "shared"})).json()
    shared = await client.put(
        f"/albums/{album['id']}/users",
        json={"albumUsers": [{"userId": carol.id, "role": "viewer"}]},
    )
    assert shared.json()["shared"] is True
    assert shared.json()["albumUsers"][0]["role"] == "viewer"
    carol_key = fake.create_api_key(carol)
    seen = await client.get("/albums", params={"shared": "true"}, headers={"x-api-key": carol_key})
    assert [a["id"] for a in seen.json()] == [album["id"]]
    left = await client.delete(f"/albums/{album['id']}/user/{carol.id}")
    assert left.status_code == 204

    deleted = await client.request("DELETE", f"/admin/users/{carol.id}", json={"force": False})
    assert deleted.json()["status"] == "removing" and deleted.json()["deletedAt"] is not None
    assert (await client.get("/albums", headers={"x-api-key": carol_key})).status_code == 401
    restored = await client.post(f"/admin/users/{carol.id}/restore")
    assert restored.json()["status"] == "active"
