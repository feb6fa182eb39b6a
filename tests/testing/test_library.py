"""Albums, asset updates, trash, search/timeline, stacks, tags."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone

import httpx

from immich_bulk.testing import FakeImmich

from .conftest import make_jpeg

UNKNOWN = "00000000-0000-4000-8000-000000000000"
T0 = datetime(2024, 1, 15, 12, 0, tzinfo=timezone.utc)


def seed(fake: FakeImmich, n: int) -> list[str]:
    return [
        fake.add_asset(
            None,
            make_jpeg(f"lib{i}", 400 + i),
            f"photo{i:02d}.jpg",
            file_created_at=T0 + timedelta(days=40 * i),
        ).id
        for i in range(n)
    ]


async def test_album_lifecycle(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    a1, a2, a3 = seed(fake, 3)
    created = await client.post("/albums", json={"albumName": "Trip", "description": "d"})
    assert created.status_code == 201
    album = created.json()
    assert album["assetCount"] == 0 and album["albumThumbnailAssetId"] is None
    url = f"/albums/{album['id']}"
    added = await client.put(f"{url}/assets", json={"ids": [a1, a2]})
    assert added.json() == [{"id": a1, "success": True}, {"id": a2, "success": True}]
    again = await client.put(f"{url}/assets", json={"ids": [a1, a3, UNKNOWN]})
    assert again.json() == [
        {"id": a1, "success": False, "error": "duplicate"},
        {"id": a3, "success": True},
        {"id": UNKNOWN, "success": False, "error": "no_permission"},
    ]
    got = (await client.get(url)).json()
    assert got["assetCount"] == 3 and got["albumThumbnailAssetId"] == a1
    assert [a["id"] for a in got["assets"]] == [a3, a2, a1]  # newest first
    assert got["startDate"] == "2024-01-15T00:00:00.000Z"
    without = (await client.get(url, params={"withoutAssets": "true"})).json()
    assert without["assets"] == [] and without["assetCount"] == 3
    removed = await client.request("DELETE", f"{url}/assets", json={"ids": [a1, UNKNOWN]})
    assert removed.json() == [
        {"id": a1, "success": True},
        {"id": UNKNOWN, "success": False, "error": "not_found"},
    ]
    patched = await client.patch(url, json={"albumName": "Trip 2", "order": "asc"})
    assert patched.json()["albumName"] == "Trip 2" and patched.json()["order"] == "asc"
    by_asset = await client.get("/albums", params={"assetId": a2})
    assert [a["id"] for a in by_asset.json()] == [album["id"]]
    assert (await client.get("/albums", params={"assetId": a1})).json() == []
    stats = await client.get("/albums/statistics")
    assert stats.json() == {"owned": 1, "shared": 0, "notShared": 1}
    assert (await client.delete(url)).status_code == 204
    gone = await client.get(url)
    assert gone.status_code == 400
    assert gone.json()["message"] == "Not found or no album.read access"


async def test_bulk_add_to_albums(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    a1, a2 = seed(fake, 2)
    first = (await client.post("/albums", json={"albumName": "A", "assetIds": [a1]})).json()
    second = (await client.post("/albums", json={"albumName": "B"})).json()
    assert first["assetCount"] == 1 and first["startDate"] == "2024-01-15T12:00:00+00:00"
    body = {"albumIds": [first["id"], second["id"]], "assetIds": [a1, a2]}
    assert (await client.put("/albums/assets", json=body)).json() == {"success": True}
    assert (await client.put("/albums/assets", json=body)).json() == {
        "success": False,
        "error": "duplicate",
    }
    nobody = {"albumIds": [UNKNOWN], "assetIds": [a1]}
    assert (await client.put("/albums/assets", json=nobody)).json()["error"] == "no_permission"
    bad = await client.put(f"/albums/{first['id']}/assets", json={"ids": ["nope"]})
    assert bad.json()["message"] == ["each value in ids must be a UUID"]
    wrong = await client.post("/albums", json={"albumName": 123})
    assert wrong.json()["message"] == ["albumName must be a string"]


async def test_update_trash_restore(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    a1, a2, a3 = seed(fake, 3)
    resp = await client.put(
        f"/assets/{a1}",
        json={
            "description": "hello",
            "rating": 4,
            "latitude": 48.1,
            "longitude": 11.5,
            "dateTimeOriginal": "2020-02-02T02:02:02+01:00",
        },
    )
    info = resp.json()
    assert info["exifInfo"]["description"] == "hello" and info["exifInfo"]["rating"] == 4
    assert info["exifInfo"]["latitude"] == 48.1
    # the answer has the new date; its file and local dates follow the server's jobs
    assert info["exifInfo"]["dateTimeOriginal"] == "2020-02-02T01:02:02+00:00"
    assert info["exifInfo"]["timeZone"] == "UTC+1"
    after = (await client.get(f"/assets/{a1}")).json()
    assert after["fileCreatedAt"] == "2020-02-02T01:02:02.000Z"
    assert after["localDateTime"] == "2020-02-02T02:02:02.000Z"
    assert "unassignedFaces" in info and "owner" not in info
    assert (
        await client.put("/assets", json={"ids": [a2, a3], "isFavorite": True})
    ).status_code == 204
    assert all(fake.asset(i).is_favorite for i in (a2, a3))  # type: ignore[union-attr]
    bad = await client.put("/assets", json={"ids": [a2, UNKNOWN], "isFavorite": True})
    assert bad.json()["message"] == "Not found or no asset.update access"
    await client.request("DELETE", "/assets", json={"ids": [a1, a2]})
    stats = (await client.get("/assets/statistics")).json()
    assert stats == {"images": 1, "videos": 0, "total": 1}
    trashed = (await client.get("/assets/statistics", params={"isTrashed": "true"})).json()
    assert trashed["total"] == 2
    assert (await client.post("/trash/restore/assets", json={"ids": [a1]})).json() == {"count": 1}
    assert (await client.post("/trash/empty")).json() == {"count": 1}
    assert fake.asset(a2) is None
    await client.request("DELETE", "/assets", json={"ids": [a3]})
    assert (await client.post("/trash/restore")).json() == {"count": 1}
    await client.request("DELETE", "/assets", json={"ids": [a3], "force": True})
    assert fake.asset(a3) is None
    assert [a.id for a in fake.assets()] == [a1]


async def test_search_paging_and_filters(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    ids = seed(fake, 7)
    pages: list[str] = []
    page: int | None = 1
    while page is not None:
        resp = await client.post("/search/metadata", json={"page": page, "size": 3})
        assets = resp.json()["assets"]
        assert assets["total"] == assets["count"] == len(assets["items"])
        pages += [a["id"] for a in assets["items"]]
        page = int(assets["nextPage"]) if assets["nextPage"] else None
    assert pages == ids[::-1]
    asc = await client.post("/search/metadata", json={"order": "asc", "size": 2})
    assert [a["id"] for a in asc.json()["assets"]["items"]] == ids[:2]
    one = fake.asset(ids[3])
    assert one is not None
    by_sum = await client.post(
        "/search/metadata", json={"checksum": base64.b64encode(one.checksum).decode()}
    )
    assert [a["id"] for a in by_sum.json()["assets"]["items"]] == [one.id]
    by_name = await client.post("/search/metadata", json={"originalFileName": "PHOTO03"})
    assert [a["id"] for a in by_name.json()["assets"]["items"]] == [one.id]
    taken = await client.post(
        "/search/metadata",
        json={"takenAfter": "2024-03-01T00:00:00Z", "takenBefore": "2024-06-01T00:00:00Z"},
    )
    assert {a["id"] for a in taken.json()["assets"]["items"]} == {ids[2], ids[3]}
    album = (await client.post("/albums", json={"albumName": "x", "assetIds": ids[:2]})).json()
    in_album = await client.post(
        "/search/metadata", json={"albumIds": [album["id"]], "withExif": True}
    )
    items = in_album.json()["assets"]["items"]
    assert {a["id"] for a in items} == set(ids[:2]) and "exifInfo" in items[0]
    await client.put("/assets", json={"ids": [ids[0]], "isFavorite": True})
    fav = await client.post("/search/metadata", json={"isFavorite": True})
    assert [a["id"] for a in fav.json()["assets"]["items"]] == [ids[0]]
    await client.request("DELETE", "/assets", json={"ids": [ids[1]]})
    live = await client.post("/search/metadata", json={})
    assert ids[1] not in [a["id"] for a in live.json()["assets"]["items"]]
    deleted = await client.post("/search/metadata", json={"withDeleted": True})
    assert ids[1] in [a["id"] for a in deleted.json()["assets"]["items"]]
    trashed = await client.post("/search/metadata", json={"trashedAfter": "2000-01-01T00:00:00Z"})
    assert [a["id"] for a in trashed.json()["assets"]["items"]] == [ids[1]]
    stats = await client.post("/search/statistics", json={"type": "IMAGE"})
    assert stats.json() == {"total": 6}
    too_big = await client.post("/search/metadata", json={"size": 5000})
    assert too_big.json()["message"] == ["size must not be greater than 1000"]


async def test_timeline(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    ids = seed(fake, 3)
    buckets = (await client.get("/timeline/buckets")).json()
    assert buckets == [
        {"timeBucket": "2024-04-01", "count": 1},
        {"timeBucket": "2024-02-01", "count": 1},
        {"timeBucket": "2024-01-01", "count": 1},
    ]
    bucket = (await client.get("/timeline/bucket", params={"timeBucket": "2024-02-01"})).json()
    assert bucket["id"] == [ids[1]] and bucket["isImage"] == [True]


async def test_stacks(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    a1, a2, a3 = seed(fake, 3)
    stack = (await client.post("/stacks", json={"assetIds": [a1, a2]})).json()
    assert stack["primaryAssetId"] == a1
    assert [a["id"] for a in stack["assets"]] == [a1, a2]
    info = (await client.get(f"/assets/{a2}")).json()
    assert info["stack"] == {"id": stack["id"], "primaryAssetId": a1, "assetCount": 2}
    merged = (await client.post("/stacks", json={"assetIds": [a3, a1]})).json()
    assert merged["primaryAssetId"] == a3 and len(merged["assets"]) == 3
    assert (await client.get(f"/stacks/{stack['id']}")).status_code == 400
    listed = (await client.get("/stacks", params={"primaryAssetId": a3})).json()
    assert [s["id"] for s in listed] == [merged["id"]]
    updated = await client.put(f"/stacks/{merged['id']}", json={"primaryAssetId": a2})
    assert updated.json()["primaryAssetId"] == a2
    assert (await client.delete(f"/stacks/{merged['id']}/assets/{a1}")).status_code == 204
    assert (await client.delete(f"/stacks/{merged['id']}")).status_code == 204
    assert (await client.get(f"/assets/{a2}")).json()["stack"] is None
    short = await client.post("/stacks", json={"assetIds": [a1]})
    assert short.json()["message"] == ["assetIds must contain at least 2 elements"]


async def test_tags(fake: FakeImmich, client: httpx.AsyncClient) -> None:
    a1, a2 = seed(fake, 2)
    upserted = (await client.put("/tags", json={"tags": ["trips/2024/italy", "people"]})).json()
    assert [t["value"] for t in upserted] == ["trips/2024/italy", "people"]
    assert upserted[0]["name"] == "italy"
    values = [t["value"] for t in (await client.get("/tags")).json()]
    assert values == ["people", "trips", "trips/2024", "trips/2024/italy"]
    italy = upserted[0]["id"]
    res = await client.put(f"/tags/{italy}/assets", json={"ids": [a1, UNKNOWN]})
    assert res.json() == [
        {"id": a1, "success": True},
        {"id": UNKNOWN, "success": False, "error": "no_permission"},
    ]
    info = (await client.get(f"/assets/{a1}")).json()
    assert [t["value"] for t in info["tags"]] == ["trips/2024/italy"]
    bulk = await client.put(
        "/tags/assets", json={"tagIds": [upserted[1]["id"]], "assetIds": [a1, a2]}
    )
    assert bulk.json() == {"count": 2}
    created = await client.post("/tags", json={"name": "solo", "color": "#ff0000"})
    assert created.status_code == 201 and created.json()["color"] == "#ff0000"
    dup = await client.post("/tags", json={"name": "solo"})
    assert dup.status_code == 400
    untag = await client.request("DELETE", f"/tags/{italy}/assets", json={"ids": [a1]})
    assert untag.json() == [{"id": a1, "success": True}]
    assert (await client.delete(f"/tags/{upserted[1]['id']}")).status_code == 204
    assert (await client.get(f"/assets/{a2}")).json()["tags"] == []
