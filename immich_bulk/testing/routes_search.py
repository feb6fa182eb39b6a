"""``/search/*`` and ``/timeline/*``: metadata search with paging, statistics, buckets.

Search scans the caller's assets once per distinct query and caches the ordered result
(invalidated by any change to that user's assets), so paging through a large library costs
one scan, not one per page.
"""

from __future__ import annotations

import base64
import binascii
import json
import random
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from .dto import asset_dto, js_date, thumbhash
from .routes_assets import ASSET_TYPES, VISIBILITIES, require_elevated_for
from .state import Asset, FakeState
from .validate import Validator
from .web import Ctx, HTTPError, JSONResponse, Response, handler

Predicate = Callable[[Asset], bool]
_CACHE_SIZE = 16


def _filters(ctx: Ctx, v: Validator, *, paged: bool) -> tuple[list[Predicate], dict[str, Any]]:
    """Validate a search DTO and turn it into predicates (all must hold)."""
    state = ctx.fake.state
    preds: list[Predicate] = []
    opts: dict[str, Any] = {}
    for name in ("takenAfter", "takenBefore", "createdAfter", "createdBefore", "updatedAfter",
                 "updatedBefore", "trashedAfter", "trashedBefore"):  # fmt: skip
        value = v.date(name)
        if value is not None:
            opts[name] = value
    for name in ("checksum", "originalFileName", "originalPath", "deviceId", "deviceAssetId",
                 "description", "make", "ocr"):  # fmt: skip
        opts[name] = v.string(name)
    for name in ("model", "lensModel", "city", "state", "country"):
        opts[name] = v.string(name, nullable=True)
    opts["albumIds"] = v.uuid_list("albumIds")
    opts["tagIds"] = v.uuid_list("tagIds", nullable=True)
    opts["personIds"] = v.uuid_list("personIds")
    opts["id"] = v.uuid("id")
    opts["libraryId"] = v.uuid("libraryId", nullable=True)
    for name in ("isFavorite", "isNotInAlbum", "isMotion", "isOffline", "isEncoded", "withDeleted",
                 "withExif", "withPeople", "withStacked"):  # fmt: skip
        opts[name] = v.boolean(name)
    opts["type"] = v.enum("type", ASSET_TYPES)
    opts["visibility"] = v.enum("visibility", VISIBILITIES)
    opts["rating"] = v.number("rating", minimum=-1, maximum=5, nullable=True)
    if paged:
        opts["order"] = v.enum("order", ("asc", "desc"))
        opts["page"] = v.number("page", minimum=1)
        opts["size"] = v.number("size", minimum=1, maximum=1000)
    else:
        opts["size"] = v.number("size", minimum=1, maximum=1000)
    v.check()
    require_elevated_for(ctx, opts["visibility"])

    def between(attr: str, after: str, before: str) -> None:
        lo, hi = opts.get(after), opts.get(before)
        if lo is not None:
            preds.append(lambda a: (d := getattr(a, attr)) is not None and d >= lo)
        if hi is not None:
            preds.append(lambda a: (d := getattr(a, attr)) is not None and d <= hi)

    between("file_created_at", "takenAfter", "takenBefore")
    between("created_at", "createdAfter", "createdBefore")
    between("updated_at", "updatedAfter", "updatedBefore")
    between("deleted_at", "trashedAfter", "trashedBefore")

    trash_filter = opts.get("trashedAfter") or opts.get("trashedBefore")
    if not opts["withDeleted"] and not trash_filter:
        preds.append(lambda a: a.deleted_at is None)
    if opts["checksum"] is not None:
        try:
            wanted = base64.b64decode(opts["checksum"], validate=False)
        except (binascii.Error, ValueError):
            wanted = b""
        preds.append(lambda a: a.checksum == wanted)
    if opts["originalFileName"]:
        needle = opts["originalFileName"].lower()
        preds.append(lambda a: needle in a.original_file_name.lower())
    if opts["originalPath"]:
        path_needle = opts["originalPath"].lower()
        preds.append(lambda a: path_needle in f"/data/{a.file}".lower())
    if opts["description"]:
        text = opts["description"].lower()
        preds.append(lambda a: text in a.description.lower())
    if opts["deviceId"] is not None:
        preds.append(lambda a: a.device_id == opts["deviceId"])
    if opts["deviceAssetId"] is not None:
        preds.append(lambda a: a.device_asset_id == opts["deviceAssetId"])
    if opts["id"] is not None:
        preds.append(lambda a: a.id == opts["id"])
    if opts["albumIds"]:
        albums = [state.albums.get(i) for i in opts["albumIds"]]
        members = [set(al.asset_ids) if al is not None else set() for al in albums]
        preds.append(lambda a: all(a.id in m for m in members))
    if opts["isNotInAlbum"]:
        preds.append(lambda a: not state.asset_albums.get(a.id))
    if opts["tagIds"]:
        tag_ids = set(opts["tagIds"])
        preds.append(lambda a: tag_ids.issubset(a.tag_ids))
    if opts["personIds"]:
        preds.append(lambda a: False)
    if opts["isFavorite"] is not None:
        preds.append(lambda a: a.is_favorite == opts["isFavorite"])
    if opts["isMotion"] is not None:
        motion_ids = {x.live_photo_video_id for x in state.iter_user_assets(ctx.user.id)}
        preds.append(lambda a: (a.id in motion_ids) == opts["isMotion"])
    if opts["isOffline"]:
        preds.append(lambda a: False)
    if opts["type"] is not None:
        preds.append(lambda a: a.type == opts["type"])
    # Immich searches the timeline unless told otherwise: not the archive, not hidden ones
    visibility = opts["visibility"] or "timeline"
    preds.append(lambda a: a.visibility == visibility)
    if "rating" in v.data:
        preds.append(lambda a: a.rating == opts["rating"])
    for name in ("make", "model", "lensModel", "city", "state", "country", "ocr"):
        if v.data.get(name) not in (None, ""):
            preds.append(lambda a: False)  # no EXIF/OCR data in the fake
    if opts.get("libraryId"):
        preds.append(lambda a: False)
    return preds, opts


def _matching(ctx: Ctx, body: dict[str, Any], preds: list[Predicate], order: str) -> list[str]:
    state: FakeState = ctx.fake.state
    uid = ctx.user.id
    key_body = {k: v for k, v in body.items() if k not in ("page", "size", "withExif")}
    key = (uid, state.version, json.dumps(key_body, sort_keys=True, default=str))
    cache = state.search_cache
    cached = cache.get(key)
    if cached is not None:
        cache.move_to_end(key)
        return cached
    found = [a for a in state.iter_user_assets(uid) if all(p(a) for p in preds)]
    found.sort(key=lambda a: (a.file_created_at, a.created_at), reverse=order != "asc")
    ids = [a.id for a in found]
    cache[key] = ids
    while len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)
    return ids


@handler("searchAssets")
async def search_metadata(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    if not isinstance(body, dict):
        body = {}
    v = Validator(body)
    preds, opts = _filters(ctx, v, paged=True)
    ids = _matching(ctx, body, preds, opts["order"] or "desc")
    size = int(opts["size"] or 250)
    page = int(opts["page"] or 1)
    start = (page - 1) * size
    page_ids = ids[start : start + size]
    state = ctx.fake.state
    items = [
        asset_dto(state.assets[i], state, exif=bool(opts["withExif"]))
        for i in page_ids
        if i in state.assets
    ]
    next_page = str(page + 1) if len(ids) > start + size else None
    return JSONResponse(
        {
            "albums": {"total": 0, "count": 0, "items": [], "facets": []},
            "assets": {
                # Immich reports the page's count as "total" (transcript 90b).
                "total": len(items),
                "count": len(items),
                "items": items,
                "facets": [],
                "nextPage": next_page,
            },
        }
    )


@handler("searchAssetStatistics")
async def search_statistics(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    body = body if isinstance(body, dict) else {}
    preds, _ = _filters(ctx, Validator(body), paged=False)
    return JSONResponse({"total": len(_matching(ctx, body, preds, "desc"))})


@handler("searchRandom", "searchLargeAssets")
async def search_random(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    body = body if isinstance(body, dict) else {}
    preds, opts = _filters(ctx, Validator(body), paged=False)
    state = ctx.fake.state
    ids = _matching(ctx, body, preds, "desc")
    size = int(opts["size"] or 250)
    if ctx.route.operation_id == "searchRandom":
        picked = random.sample(ids, min(size, len(ids)))
    else:
        picked = sorted(ids, key=lambda i: state.assets[i].size, reverse=True)[:size]
    return JSONResponse(
        [asset_dto(state.assets[i], state, exif=bool(opts["withExif"])) for i in picked]
    )


# ---------------------------------------------------------------------- timeline


def _timeline_assets(ctx: Ctx) -> tuple[list[Asset], dict[str, Any]]:
    v = Validator(ctx.request.query, strings=True)
    album_id = v.uuid("albumId")
    is_favorite = v.boolean("isFavorite")
    is_trashed = v.boolean("isTrashed")
    order = v.enum("order", ("asc", "desc")) or "desc"
    tag_id = v.uuid("tagId")
    user_id = v.uuid("userId")
    visibility = v.enum("visibility", VISIBILITIES)
    with_stacked = v.boolean("withStacked")
    with_coordinates = v.boolean("withCoordinates")
    v.uuid("personId")
    v.boolean("withPartners")
    bucket = ctx.request.query.get("timeBucket")
    v.check()
    require_elevated_for(ctx, visibility)
    state = ctx.fake.state
    if album_id is not None:
        album = state.albums.get(album_id)
        if album is None or album.owner_id != ctx.user.id:
            raise HTTPError(400, "Not found or no album.read access")
        source = [state.assets[a] for a in album.asset_ids if a in state.assets]
    else:
        if user_id is not None and user_id != ctx.user.id:
            raise HTTPError(400, "Not found or no timeline.read access")
        source = list(state.iter_user_assets(ctx.user.id))
    out = []
    for asset in source:
        if asset.is_trashed != bool(is_trashed):
            continue
        if is_favorite is not None and asset.is_favorite != is_favorite:
            continue
        if visibility is not None:
            if asset.visibility != visibility:
                continue
        elif album_id is None and asset.visibility not in ("timeline", "archive"):
            continue
        if tag_id is not None and tag_id not in asset.tag_ids:
            continue
        out.append(asset)
    out.sort(key=lambda a: a.local_date_time, reverse=order == "desc")
    opts = {"bucket": bucket, "withStacked": with_stacked, "withCoordinates": with_coordinates}
    return out, opts


def _bucket_of(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-01")


@handler("getTimeBuckets")
async def time_buckets(ctx: Ctx) -> Response:
    assets, _ = _timeline_assets(ctx)
    counts: dict[str, int] = {}
    for asset in assets:
        key = _bucket_of(asset.local_date_time)
        counts[key] = counts.get(key, 0) + 1
    return JSONResponse([{"timeBucket": k, "count": n} for k, n in counts.items()])


@handler("getTimeBucket")
async def time_bucket(ctx: Ctx) -> Response:
    if not ctx.request.query.get("timeBucket"):
        raise HTTPError(400, ["timeBucket must be a string", "timeBucket should not be empty"])
    assets, opts = _timeline_assets(ctx)
    wanted = str(opts["bucket"])[:7]
    chosen = [a for a in assets if _bucket_of(a.local_date_time)[:7] == wanted]
    state = ctx.fake.state
    columns: dict[str, list[Any]] = {
        name: []
        for name in (
            "city",
            "country",
            "duration",
            "fileCreatedAt",
            "id",
            "isFavorite",
            "isImage",
            "isTrashed",
            "livePhotoVideoId",
            "localOffsetHours",
            "ownerId",
            "projectionType",
            "ratio",
            "thumbhash",
            "visibility",
        )
    }
    if opts["withCoordinates"]:
        columns["latitude"], columns["longitude"] = [], []
    if opts["withStacked"]:
        columns["stack"] = []
    for asset in chosen:
        columns["city"].append(None)
        columns["country"].append(None)
        columns["duration"].append(asset.duration if asset.type == "VIDEO" else None)
        columns["fileCreatedAt"].append(js_date(asset.local_date_time))
        columns["id"].append(asset.id)
        columns["isFavorite"].append(asset.is_favorite)
        columns["isImage"].append(asset.type == "IMAGE")
        columns["isTrashed"].append(asset.is_trashed)
        columns["livePhotoVideoId"].append(asset.live_photo_video_id)
        columns["localOffsetHours"].append(0)
        columns["ownerId"].append(asset.owner_id)
        columns["projectionType"].append(None)
        ratio = asset.width / asset.height if asset.width and asset.height else 1
        columns["ratio"].append(ratio)
        columns["thumbhash"].append(thumbhash(asset))
        columns["visibility"].append(asset.visibility)
        if opts["withCoordinates"]:
            columns["latitude"].append(asset.latitude)
            columns["longitude"].append(asset.longitude)
        if opts["withStacked"]:
            stack = state.stacks.get(asset.stack_id) if asset.stack_id else None
            columns["stack"].append([stack.id, str(len(stack.asset_ids))] if stack else None)
    return JSONResponse(columns)
