"""``/albums*``: create, list, get, update, delete, add/remove assets (one album or many)."""

from __future__ import annotations

from typing import Any

from .dto import album_dto
from .state import Album, Asset, new_id, utcnow
from .validate import Validator
from .web import Ctx, EmptyResponse, HTTPError, JSONResponse, Response, handler

ORDERS = ("asc", "desc")
ROLES = ("editor", "viewer")


def _album(ctx: Ctx, permission: str | None = None) -> Album:
    album = ctx.fake.state.albums.get(ctx.params["id"].lower())
    if album is None or not _can_access(ctx, album):
        raise HTTPError(400, f"Not found or no {permission or ctx.permission} access")
    return album


def _can_access(ctx: Ctx, album: Album) -> bool:
    uid = ctx.user.id
    return album.owner_id == uid or any(u["userId"] == uid for u in album.album_users)


def _album_assets(ctx: Ctx, album: Album) -> list[Asset]:
    state = ctx.fake.state
    assets = [
        a
        for a in (state.assets.get(i) for i in album.asset_ids)
        if a is not None and a.in_album_view
    ]
    assets.sort(key=lambda a: a.file_created_at, reverse=album.order == "desc")
    return assets


def _add_assets(ctx: Ctx, album: Album, ids: list[str]) -> list[dict[str, Any]]:
    state = ctx.fake.state
    results: list[dict[str, Any]] = []
    first_new = None
    for asset_id in ids:
        if asset_id in album.asset_ids:
            results.append({"id": asset_id, "success": False, "error": "duplicate"})
        elif state.accessible_asset(ctx.user, asset_id) is None:
            results.append({"id": asset_id, "success": False, "error": "no_permission"})
        else:
            state.add_to_album(album, asset_id)
            first_new = first_new or asset_id
            results.append({"id": asset_id, "success": True})
    if first_new is not None:
        album.updated_at = utcnow()
        album.thumbnail_asset_id = album.thumbnail_asset_id or first_new
        state.save(album)
        state.touch(album.owner_id)
    return results


@handler("createAlbum")
async def create_album(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    name = v.string("albumName", required=True)
    description = v.string("description")
    asset_ids = v.uuid_list("assetIds")
    users = v.array("albumUsers")
    parsed_users: list[dict[str, str]] = []
    for i, item in enumerate(users or []):
        uv = Validator(item, prefix=f"albumUsers.{i}.")
        user_id = uv.uuid("userId", required=True)
        role = uv.enum("role", ROLES) or "editor"
        v.errors.extend(uv.errors)
        if user_id:
            parsed_users.append({"userId": user_id, "role": role})
    v.check()
    state = ctx.fake.state
    for entry in parsed_users:
        if entry["userId"] not in state.users or entry["userId"] == ctx.user.id:
            raise HTTPError(400, "User not found")
    now = utcnow()
    album = Album(
        id=new_id(),
        owner_id=ctx.user.id,
        name=name or "",
        description=description or "",
        created_at=now,
        updated_at=now,
        album_users=parsed_users,
    )
    with state.lock:
        state.albums[album.id] = album
        for asset_id in asset_ids or []:
            if state.accessible_asset(ctx.user, asset_id) is not None:
                state.add_to_album(album, asset_id)
        album.thumbnail_asset_id = next(iter(album.asset_ids), None)
        state.save(album)
    return JSONResponse(
        album_dto(album, state, assets=_album_assets(ctx, album), created=True), 201
    )


@handler("getAllAlbums")
async def list_albums(ctx: Ctx) -> Response:
    v = Validator(ctx.request.query, strings=True)
    asset_id = v.uuid("assetId")
    shared = v.boolean("shared")
    v.check()
    state = ctx.fake.state
    uid = ctx.user.id
    if asset_id is not None:
        candidates = [
            state.albums[a] for a in state.asset_albums.get(asset_id, ()) if a in state.albums
        ]
    else:
        candidates = list(state.albums.values())
    out = []
    for album in candidates:
        if not _can_access(ctx, album):
            continue
        is_shared = bool(album.album_users)
        if shared is True and not is_shared:
            continue
        if shared is False and (album.owner_id != uid or is_shared):
            continue
        if shared is None and asset_id is None and album.owner_id != uid:
            continue
        out.append(album)
    out.sort(key=lambda a: a.created_at, reverse=True)
    return JSONResponse([album_dto(a, state, assets=None) for a in out])


@handler("getAlbumStatistics")
async def album_statistics(ctx: Ctx) -> Response:
    owned = shared = not_shared = 0
    for album in ctx.fake.state.albums.values():
        if album.owner_id == ctx.user.id:
            owned += 1
            if album.album_users:
                shared += 1
            else:
                not_shared += 1
        elif _can_access(ctx, album):
            shared += 1
    return JSONResponse({"owned": owned, "shared": shared, "notShared": not_shared})


@handler("getAlbumInfo")
async def get_album(ctx: Ctx) -> Response:
    v = Validator(ctx.request.query, strings=True)
    without = v.boolean("withoutAssets")
    v.check()
    album = _album(ctx)
    assets = None if without else _album_assets(ctx, album)
    return JSONResponse(album_dto(album, ctx.fake.state, assets=assets))


@handler("updateAlbumInfo")
async def update_album(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    name = v.string("albumName")
    description = v.string("description")
    thumb = v.uuid("albumThumbnailAssetId")
    activity = v.boolean("isActivityEnabled")
    order = v.enum("order", ORDERS)
    v.check()
    album = _album(ctx)
    if album.owner_id != ctx.user.id:
        raise HTTPError(400, f"Not found or no {ctx.permission} access")
    if thumb is not None and thumb not in album.asset_ids:
        raise HTTPError(400, "Invalid album thumbnail")
    if name is not None:
        album.name = name
    if description is not None:
        album.description = description
    if thumb is not None:
        album.thumbnail_asset_id = thumb
    if activity is not None:
        album.is_activity_enabled = activity
    if order is not None:
        album.order = order
    album.updated_at = utcnow()
    ctx.fake.state.save(album)
    return JSONResponse(album_dto(album, ctx.fake.state, assets=None, created=True))


@handler("deleteAlbum")
async def delete_album(ctx: Ctx) -> Response:
    album = _album(ctx)
    if album.owner_id != ctx.user.id:
        raise HTTPError(400, f"Not found or no {ctx.permission} access")
    ctx.fake.state.delete_album(album)
    return EmptyResponse(204)


@handler("addAssetsToAlbum")
async def add_assets(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    ids = v.uuid_list("ids", required=True)
    v.check()
    assert ids is not None
    album = _album(ctx)
    return JSONResponse(_add_assets(ctx, album, ids))


@handler("removeAssetFromAlbum")
async def remove_assets(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    ids = v.uuid_list("ids", required=True)
    v.check()
    assert ids is not None
    album = _album(ctx)
    state = ctx.fake.state
    results: list[dict[str, Any]] = []
    removed = False
    for asset_id in ids:
        if asset_id not in album.asset_ids:
            results.append({"id": asset_id, "success": False, "error": "not_found"})
        else:
            state.remove_from_album(album, asset_id)
            removed = True
            results.append({"id": asset_id, "success": True})
    if removed:
        if album.thumbnail_asset_id not in album.asset_ids:
            album.thumbnail_asset_id = next(iter(album.asset_ids), None)
        album.updated_at = utcnow()
        state.save(album)
        state.touch(album.owner_id)
    return JSONResponse(results)


@handler("addAssetsToAlbums")
async def add_assets_to_albums(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    album_ids = v.uuid_list("albumIds", required=True)
    asset_ids = v.uuid_list("assetIds", required=True)
    v.check()
    assert album_ids is not None and asset_ids is not None
    state = ctx.fake.state
    albums = [
        state.albums[a]
        for a in album_ids
        if a in state.albums and _can_access(ctx, state.albums[a])
    ]
    if not albums:
        return JSONResponse({"success": False, "error": "no_permission"})
    allowed = [a for a in asset_ids if state.accessible_asset(ctx.user, a) is not None]
    if not allowed:
        return JSONResponse({"success": False, "error": "no_permission"})
    added = False
    for album in albums:
        for result in _add_assets(ctx, album, allowed):
            added = added or result["success"]
    if added:
        return JSONResponse({"success": True})
    return JSONResponse({"success": False, "error": "duplicate"})


@handler("addUsersToAlbum")
async def add_users(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    users = v.array("albumUsers", required=True)
    parsed = []
    for i, item in enumerate(users or []):
        uv = Validator(item, prefix=f"albumUsers.{i}.")
        user_id = uv.uuid("userId", required=True)
        role = uv.enum("role", ROLES) or "editor"
        v.errors.extend(uv.errors)
        if user_id:
            parsed.append({"userId": user_id, "role": role})
    v.check()
    album = _album(ctx)
    state = ctx.fake.state
    for entry in parsed:
        if entry["userId"] not in state.users or entry["userId"] == album.owner_id:
            raise HTTPError(400, "User not found")
        if any(u["userId"] == entry["userId"] for u in album.album_users):
            raise HTTPError(400, "User already added")
        album.album_users.append(entry)
    album.updated_at = utcnow()
    state.save(album)
    return JSONResponse(album_dto(album, state, assets=None))


@handler("removeUserFromAlbum")
async def remove_user(ctx: Ctx) -> Response:
    album = _album(ctx)
    user_id = ctx.params["userId"]
    if user_id == "me":
        user_id = ctx.user.id
    before = len(album.album_users)
    album.album_users = [u for u in album.album_users if u["userId"] != user_id]
    if len(album.album_users) == before:
        raise HTTPError(400, "Album not shared with user")
    ctx.fake.state.save(album)
    return EmptyResponse(204)
