"""``/assets*`` and ``/trash*``: upload with dedupe, bulk check, info, updates, trash, metadata."""

from __future__ import annotations

import base64
import binascii
import json
import random
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio.to_thread

from .dto import asset_dto, js_date, pg_date
from .files import FileSink
from .forms import SinkFactory, read_form
from .media import SIDECAR_EXTENSIONS, asset_type_for, extension, image_size
from .metadata import (
    Extracted,
    merge,
    offset_tag_zone_name,
    put_capture,
    read_media,
    read_sidecar,
    read_sidecar_offset,
)
from .multipart import PartStart
from .state import Asset, FakeState, User, new_id, utcnow
from .validate import Validator, parse_date
from .web import (
    Ctx,
    EmptyResponse,
    HTTPError,
    JSONResponse,
    Response,
    handler,
    not_found_or_no_access,
)

if TYPE_CHECKING:
    from .fake import FakeImmich

VISIBILITIES = ("archive", "timeline", "hidden", "locked")
ASSET_TYPES = ("IMAGE", "VIDEO", "AUDIO", "OTHER")
ASSET_JOBS = ("refresh-faces", "refresh-metadata", "regenerate-thumbnail", "transcode-video")


# ---------------------------------------------------------------------- helpers


def decode_checksum(value: str) -> bytes | None:
    """Immich's ``fromChecksum``: 28 characters are base64, anything else hex (lenient)."""
    value = value.strip()
    if len(value) == 28:
        try:
            raw = base64.b64decode(value, validate=False)
        except (binascii.Error, ValueError):
            return None
    else:
        hex_chars = 0
        while hex_chars < len(value) and value[hex_chars] in "0123456789abcdefABCDEF":
            hex_chars += 1
        raw = bytes.fromhex(value[: hex_chars - hex_chars % 2])
    return raw or None


def require_owned(ctx: Ctx, ids: Iterable[str], permission: str | None = None) -> list[Asset]:
    """All ``ids`` must be the caller's assets, else 400 "Not found or no <perm> access"."""
    state = ctx.fake.state
    out = []
    for asset_id in ids:
        asset = state.accessible_asset(ctx.user, asset_id.lower(), elevated=ctx.elevated)
        if asset is None:
            raise not_found_or_no_access(permission or ctx.permission)
        out.append(asset)
    return out


def require_elevated_for(ctx: Ctx, visibility: str | None) -> None:
    """Listing the locked folder needs a PIN-unlocked session (an API key never is one):
    401, as Immich answers."""
    if visibility == "locked" and not ctx.elevated:
        raise HTTPError(401, "Elevated permission is required")


def apply_date_time_original(asset: Asset, value: datetime, zone: str | None) -> None:
    """What Immich's metadata extraction does with a capture date (aware) in *zone*."""
    asset.date_time_original = value
    asset.file_created_at = value.astimezone(timezone.utc)
    # the wall-clock time where the photo was taken, expressed as if it were UTC
    asset.local_date_time = value.replace(tzinfo=timezone.utc)
    asset.time_zone = zone


def apply_metadata(asset: Asset, found: Extracted) -> None:
    """What Immich's metadata extraction writes into a new asset (the fake runs it at
    upload time): the capture date (the earliest file date without one; a date without
    offset read as UTC), its zone, and the tags read from the file and its sidecar."""
    if found.taken is not None:
        aware = found.taken if found.taken.tzinfo else found.taken.replace(tzinfo=timezone.utc)
        asset.date_time_original = aware
        asset.file_created_at = aware.astimezone(timezone.utc)
        # the wall-clock time where it was taken, expressed as if it were UTC
        asset.local_date_time = aware.replace(tzinfo=timezone.utc)
    else:
        earliest = min(asset.file_created_at, asset.file_modified_at)
        asset.file_created_at = asset.local_date_time = earliest
    asset.time_zone = found.time_zone
    asset.description = found.description or ""
    asset.rating = found.rating
    asset.latitude, asset.longitude = found.latitude, found.longitude
    asset.orientation = found.orientation
    if found.width and found.height:
        asset.width, asset.height = found.width, found.height
    if found.duration is not None:
        asset.duration = found.duration


def new_asset(
    fake: FakeImmich,
    owner: User,
    *,
    checksum: bytes,
    size: int,
    original_file_name: str,
    device_asset_id: str,
    device_id: str,
    file_created_at: datetime,
    file_modified_at: datetime,
    head: bytes = b"",
    is_favorite: bool = False,
    visibility: str = "timeline",
    duration: str | None = None,
    has_sidecar: bool = False,
    found: Extracted | None = None,
    thumb_delay: float | None = None,
) -> Asset:
    """Build (not insert) the record of a new upload."""
    state = fake.state
    asset_id = new_id()
    now = utcnow()
    asset_type = asset_type_for(original_file_name) or "OTHER"
    ext = extension(original_file_name)
    width = height = None
    if asset_type == "IMAGE" and head:
        size_wh = image_size(head)
        if size_wh is not None:
            width, height = size_wh
    mtime_ms = int(file_modified_at.timestamp() * 1000)
    asset = Asset(
        id=asset_id,
        owner_id=owner.id,
        device_asset_id=device_asset_id,
        device_id=device_id,
        type=asset_type,
        original_file_name=original_file_name,
        file=state.storage_path(owner.id, asset_id, ext),
        size=size,
        checksum=checksum,
        file_created_at=file_created_at.astimezone(timezone.utc),
        file_modified_at=file_modified_at.astimezone(timezone.utc),
        local_date_time=file_created_at.astimezone(timezone.utc),
        created_at=now,
        updated_at=now,
        mtime_ms=mtime_ms,
        is_favorite=is_favorite,
        visibility=visibility,
        duration=duration,
        width=width,
        height=height,
    )
    if has_sidecar:
        asset.sidecar_file = asset.file + ".xmp"
    if found is not None:
        apply_metadata(asset, found)
    if not state.queues["thumbnailGeneration"].is_paused:
        delay = fake.thumbnail_delay if thumb_delay is None else thumb_delay
        ready = time.time() + delay
        asset.thumb_ready_at = ready
        asset.thumb_generated_ms = int(ready * 1000)
    return asset


def after_insert(
    state: FakeState, owner: User, asset: Asset, live_photo_video_id: str | None
) -> None:
    """Post-processing of a stored upload: live-photo link and queued (fake) jobs."""
    if live_photo_video_id:
        video = state.owned_asset(owner, live_photo_video_id)
        if video is not None and video.type == "VIDEO" and video.id != asset.id:
            link_live_photo(state, asset, video)
    state.enqueue("metadataExtraction")
    state.enqueue("thumbnailGeneration", asset_ids=[asset.id])
    if asset.sidecar_file:
        state.enqueue("sidecar")
    if asset.type == "VIDEO":
        state.enqueue("videoConversion")


def link_live_photo(state: FakeState, still: Asset, video: Asset | None) -> None:
    """Link ``still`` to its motion part (hidden when it was in the timeline), or unlink
    with None."""
    changed = [still]
    previous = state.assets.get(still.live_photo_video_id) if still.live_photo_video_id else None
    if previous is not None and previous is not video and previous.visibility == "hidden":
        previous.visibility = "timeline"
        changed.append(previous)
    still.live_photo_video_id = video.id if video is not None else None
    if video is not None and video.visibility == "timeline":
        # Immich hides only a motion part that is in the timeline: an archived video
        # stays in the archive (server/src/utils/asset.util.ts onBeforeLink)
        video.visibility = "hidden"
        video.updated_at = utcnow()
        changed.append(video)
    still.updated_at = utcnow()
    state.save_many(changed)
    state.touch(still.owner_id)


def parse_metadata_items(raw: Any, v: Validator, name: str = "metadata") -> dict[str, Any] | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError:
            v.errors.append(f"{name} must be an array")
            return None
    if not isinstance(raw, list):
        v.errors.append(f"{name} must be an array")
        return None
    out: dict[str, Any] = {}
    for i, item in enumerate(raw):
        iv = Validator(item, prefix=f"{name}.{i}.")
        key = iv.string("key", required=True, not_empty=True)
        value = iv.object("value", required=True)
        v.errors.extend(iv.errors)
        if key is not None and value is not None:
            out[key] = value
    return out


# ---------------------------------------------------------------------- upload


def _sink_factory(state: FakeState) -> SinkFactory:
    def make_sink(part: PartStart, fields: Mapping[str, str]) -> FileSink | None:
        # As Immich: a `filename` field that arrived before the part names it, whatever the
        # part's own name, so a sidecar sent after `filename=a.jpg` is judged a .jpg.
        filename = fields.get("filename") or part.filename or ""
        if part.name == "assetData":
            if asset_type_for(filename) is None:
                raise HTTPError(400, f"Unsupported file type {filename}")
            return FileSink(state.temp_path(), keep_head=True)
        if part.name == "sidecarData":
            if extension(filename) not in SIDECAR_EXTENSIONS:
                raise HTTPError(400, f"Unsupported file type {filename}")
            return FileSink(state.temp_path())
        return None

    return make_sink


@handler("uploadAsset")
async def upload_asset(ctx: Ctx) -> Response:
    fake = ctx.fake
    state = fake.state
    user = ctx.user
    header = ctx.request.headers.get("x-immich-checksum")
    if header:
        checksum = decode_checksum(header)
        existing = state.find_by_checksum(user.id, checksum) if checksum else None
        if existing is not None:
            # Immich answers from an interceptor before multer reads the body; Node then
            # discards the unread body, which is what draining does here.
            await ctx.request.drain()
            fake.counters.add("duplicates")
            fake.counters.add("duplicates_by_header")
            return JSONResponse({"status": "duplicate", "id": existing.id}, 200)

    form = await read_form(ctx.request, _sink_factory(state))
    try:
        v = Validator(form.fields, strings=True)
        device_asset_id = v.string("deviceAssetId", required=True, not_empty=True)
        device_id = v.string("deviceId", required=True, not_empty=True)
        created = v.date("fileCreatedAt", required=True)
        modified = v.date("fileModifiedAt", required=True)
        duration = v.string("duration")
        filename = v.string("filename")
        is_favorite = v.boolean("isFavorite")
        visibility = v.enum("visibility", VISIBILITIES)
        live_id = v.uuid("livePhotoVideoId")
        metadata = parse_metadata_items(form.fields.get("metadata"), v)
        v.check()
        data = form.files.get("assetData")
        if data is None:
            raise HTTPError(400, "File is required")
        assert device_asset_id and device_id and created and modified
        quota = user.quota_size_in_bytes
        if quota is not None and quota < state.usage.get(user.id, 0) + data.sink.size:
            # checked before the duplicate is looked for (only the checksum header is earlier)
            raise HTTPError(400, "Quota has been exceeded!")
        sidecar = form.files.get("sidecarData")
        found = await anyio.to_thread.run_sync(
            _extract, data.sink.path, filename or data.filename, sidecar
        )
        asset = new_asset(
            fake,
            user,
            checksum=data.sha1,
            size=data.sink.size,
            original_file_name=filename or data.filename,
            device_asset_id=device_asset_id,
            device_id=device_id,
            file_created_at=created,
            file_modified_at=modified,
            head=data.sink.head,
            is_favorite=bool(is_favorite),
            visibility=visibility or "timeline",
            duration=duration,
            has_sidecar=sidecar is not None,
            found=found,
            thumb_delay=ctx.flags.thumb_delay,
        )
        if metadata:
            now = utcnow()
            asset.metadata = {k: {"value": val, "updatedAt": now} for k, val in metadata.items()}
        stored = state.insert_asset(
            asset, data.sink.path, sidecar.sink.path if sidecar is not None else None
        )
    except BaseException:
        form.discard()
        raise
    if stored is not asset:
        form.discard()
        fake.counters.add("duplicates")
        return JSONResponse({"status": "duplicate", "id": stored.id}, 200)
    after_insert(state, user, asset, live_id)
    if found.tags:
        _tag_from_sidecar(ctx, asset, found.tags)
    fake.counters.add("uploads_stored")
    return JSONResponse({"id": asset.id, "status": "created"}, 201)


def _tag_from_sidecar(ctx: Ctx, asset: Asset, values: tuple[str, ...]) -> None:
    """Immich's metadata extraction makes the tags a new asset's sidecar lists (with their
    parents) and sets the asset's tags to them."""
    from .routes_stacks_tags import upsert_tag_path  # that module builds on this one

    state = ctx.fake.state
    with state.lock:
        asset.tag_ids = list(dict.fromkeys(upsert_tag_path(ctx, v).id for v in values))
        state.save(asset)


def _extract(path: Path, filename: str, sidecar: Any) -> Extracted:
    found = read_media(path, extension(filename))
    if sidecar is None:
        return found
    with open(sidecar.sink.path, "rb") as fh:
        return merge(found, read_sidecar(fh.read(4 * 1024 * 1024)))


@handler("checkBulkUpload")
async def check_bulk_upload(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    items = v.array("assets", required=True)
    v.check()
    assert items is not None
    for i, item in enumerate(items):
        iv = Validator(item, prefix=f"assets.{i}.")
        iv.string("id", required=True, not_empty=True, empty_first=True)
        iv.string("checksum", required=True, not_empty=True, empty_first=True)
        v.errors.extend(iv.errors)
    v.check()
    if not items:
        # Immich builds an SQL "IN ()" and fails (transcript 20b).
        raise HTTPError(500, "Failed to check bulk upload")
    state = ctx.fake.state
    results = []
    for item in items:
        checksum = decode_checksum(item["checksum"])
        asset = state.find_by_checksum(ctx.user.id, checksum) if checksum else None
        if asset is None:
            results.append({"id": item["id"], "action": "accept"})
        else:
            results.append(
                {
                    "id": item["id"],
                    "action": "reject",
                    "reason": "duplicate",
                    "assetId": asset.id,
                    "isTrashed": asset.is_trashed,
                }
            )
    return JSONResponse({"results": results})


@handler("checkExistingAssets")
async def check_existing(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    ids = v.string_list("deviceAssetIds", required=True)
    device_id = v.string("deviceId", required=True, not_empty=True)
    v.check()
    assert ids is not None and device_id is not None
    state = ctx.fake.state
    existing = [i for i in ids if state.find_by_device(ctx.user.id, device_id, i) is not None]
    return JSONResponse({"existingIds": existing})


@handler("getAllUserAssetsByDeviceId")
async def assets_by_device(ctx: Ctx) -> Response:
    device_id = ctx.params["deviceId"]
    ids = [
        a.device_asset_id
        for a in ctx.fake.state.iter_user_assets(ctx.user.id)
        if a.device_id == device_id and not a.is_trashed
    ]
    return JSONResponse(ids)


# ---------------------------------------------------------------------- read & update


@handler("getAssetInfo")
async def get_asset_info(ctx: Ctx) -> Response:
    (asset,) = require_owned(ctx, [ctx.params["id"]])
    return JSONResponse(
        asset_dto(asset, ctx.fake.state, owner=True, tags=True, stack=True, faces=True)
    )


def _validate_update(v: Validator) -> dict[str, Any]:
    updates: dict[str, Any] = {}
    for name in ("description", "dateTimeOriginal"):
        if name in v.data:
            updates[name] = v.string(name)
    if "isFavorite" in v.data:
        updates["isFavorite"] = v.boolean("isFavorite")
    if "visibility" in v.data:
        updates["visibility"] = v.enum("visibility", VISIBILITIES)
    if "rating" in v.data:
        updates["rating"] = v.number("rating", integer=True, minimum=-1, maximum=5, nullable=True)
    for name, bound in (("latitude", 90), ("longitude", 180)):
        if name in v.data:
            updates[name] = v.number(name, minimum=-bound, maximum=bound)
    if "livePhotoVideoId" in v.data:
        updates["livePhotoVideoId"] = v.uuid("livePhotoVideoId", nullable=True)
    return updates


@dataclass(frozen=True)
class _Answered:
    """What ``PUT /assets/{id}`` answers about a new capture date: Immich writes the date
    and the zone of its offset (a plain date leaves the zone) and answers at once; the local
    date and the final zone follow when its jobs have re-read the sidecar."""

    taken: datetime
    time_zone: str | None
    local_date_time: datetime
    file_created_at: datetime

    def patch(self, dto: dict[str, Any]) -> dict[str, Any]:
        dto["fileCreatedAt"] = js_date(self.file_created_at)
        dto["localDateTime"] = js_date(self.local_date_time)
        exif = dto.get("exifInfo")
        if isinstance(exif, dict):
            exif["dateTimeOriginal"] = pg_date(self.taken)
            exif["timeZone"] = self.time_zone
        return dto


def _sidecar_offset(state: FakeState, asset: Asset) -> timedelta | None:
    """The offset tag of the asset's sidecar: Immich rewrites only the date in it."""
    if not asset.sidecar_file:
        return None
    try:
        with open(state.root / asset.sidecar_file, "rb") as fh:
            return read_sidecar_offset(fh.read(4 * 1024 * 1024))
    except OSError:
        return None


def _apply_update(ctx: Ctx, asset: Asset, updates: dict[str, Any]) -> _Answered | None:
    state = ctx.fake.state
    answered = None
    if "description" in updates:
        asset.description = updates["description"] or ""
    if updates.get("isFavorite") is not None:
        asset.is_favorite = updates["isFavorite"]
    if updates.get("visibility") is not None:
        asset.visibility = updates["visibility"]
    if "rating" in updates:
        asset.rating = updates["rating"]
    if updates.get("latitude") is not None:
        asset.latitude = updates["latitude"]
    if updates.get("longitude") is not None:
        asset.longitude = updates["longitude"]
    if updates.get("dateTimeOriginal"):
        raw = updates["dateTimeOriginal"]
        parsed = parse_date(raw)
        if parsed is None:
            raise HTTPError(400, ["dateTimeOriginal must be a valid ISO 8601 date string"])
        taken, zone = put_capture(raw, parsed, _sidecar_offset(state, asset))
        answered = _Answered(
            taken=taken,
            time_zone=offset_tag_zone_name(parsed.utcoffset() or timedelta(0))
            if parsed.tzinfo is not None
            else asset.time_zone,
            local_date_time=asset.local_date_time,
            file_created_at=asset.file_created_at,
        )
        apply_date_time_original(asset, taken, zone)
    if "livePhotoVideoId" in updates:
        video_id = updates["livePhotoVideoId"]
        video = None
        if video_id is not None:
            video = state.owned_asset(ctx.user, video_id)
            if video is None:
                raise not_found_or_no_access("asset.update")
            if video.type != "VIDEO":
                raise HTTPError(400, "Live photo video must be a video")
        link_live_photo(state, asset, video)
    asset.updated_at = utcnow()
    return answered


@handler("updateAsset")
async def update_asset(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    updates = _validate_update(v)
    v.check()
    (asset,) = require_owned(ctx, [ctx.params["id"]])
    answered = _apply_update(ctx, asset, updates)
    ctx.fake.state.save(asset)
    ctx.fake.state.touch(asset.owner_id)
    dto = asset_dto(asset, ctx.fake.state, faces=True)
    return JSONResponse(answered.patch(dto) if answered is not None else dto)


@handler("updateAssets")
async def update_assets(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    ids = v.uuid_list("ids", required=True)
    updates = _validate_update(v)
    relative = v.number("dateTimeRelative") if "dateTimeRelative" in v.data else None
    time_zone = v.string("timeZone")
    duplicate_id = v.string("duplicateId", nullable=True) if "duplicateId" in v.data else None
    v.check()
    assert ids is not None
    assets = require_owned(ctx, ids)
    for asset in assets:
        _apply_update(ctx, asset, updates)
        if relative:
            delta = timedelta(minutes=float(relative))
            asset.file_created_at += delta
            asset.local_date_time += delta
            asset.date_time_original = (asset.date_time_original or asset.file_created_at) + delta
        if time_zone is not None:
            asset.time_zone = time_zone
        if "duplicateId" in v.data:
            asset.duplicate_id = duplicate_id
    ctx.fake.state.save_many(assets)
    ctx.fake.state.touch(ctx.user.id)
    return EmptyResponse(204)


# ---------------------------------------------------------------------- delete & trash


@handler("deleteAssets")
async def delete_assets(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    ids = v.uuid_list("ids", required=True)
    force = v.boolean("force")
    v.check()
    assert ids is not None
    state = ctx.fake.state
    assets = require_owned(ctx, ids)
    if force:
        for asset in assets:
            state.delete_asset(asset)
    else:
        now = utcnow()
        for asset in assets:
            if asset.deleted_at is None:
                asset.deleted_at = now
                asset.updated_at = now
        state.save_many(assets)
        state.touch(ctx.user.id)
    return EmptyResponse(204)


def _restore(state: FakeState, assets: Iterable[Asset]) -> int:
    restored = []
    for asset in assets:
        if asset.deleted_at is not None:
            asset.deleted_at = None
            asset.updated_at = utcnow()
            restored.append(asset)
    state.save_many(restored)
    return len(restored)


@handler("restoreAssets")
async def restore_assets(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    ids = v.uuid_list("ids", required=True)
    v.check()
    assert ids is not None
    assets = require_owned(ctx, ids)
    count = _restore(ctx.fake.state, assets)
    ctx.fake.state.touch(ctx.user.id)
    return JSONResponse({"count": count})


@handler("restoreTrash")
async def restore_trash(ctx: Ctx) -> Response:
    state = ctx.fake.state
    count = _restore(state, [a for a in state.iter_user_assets(ctx.user.id) if a.is_trashed])
    state.touch(ctx.user.id)
    return JSONResponse({"count": count})


@handler("emptyTrash")
async def empty_trash(ctx: Ctx) -> Response:
    state = ctx.fake.state
    trashed = [a for a in state.iter_user_assets(ctx.user.id) if a.is_trashed]
    for asset in trashed:
        state.delete_asset(asset)
    return JSONResponse({"count": len(trashed)})


# ---------------------------------------------------------------------- statistics & random


@handler("getAssetStatistics")
async def asset_statistics(ctx: Ctx) -> Response:
    v = Validator(ctx.request.query, strings=True)
    is_favorite = v.boolean("isFavorite")
    is_trashed = v.boolean("isTrashed")
    visibility = v.enum("visibility", VISIBILITIES)
    v.check()
    require_elevated_for(ctx, visibility)
    images = videos = 0
    for asset in ctx.fake.state.iter_user_assets(ctx.user.id):
        if asset.is_trashed != bool(is_trashed):
            continue
        if is_favorite is not None and asset.is_favorite != is_favorite:
            continue
        if visibility is not None:
            if asset.visibility != visibility:
                continue
        elif asset.visibility in ("hidden", "locked"):
            continue
        if asset.type == "VIDEO":
            videos += 1
        else:
            images += 1
    return JSONResponse({"images": images, "videos": videos, "total": images + videos})


@handler("getRandom")
async def random_assets(ctx: Ctx) -> Response:
    v = Validator(ctx.request.query, strings=True)
    count = v.number("count", minimum=1)
    v.check()
    pool = [
        a
        for a in ctx.fake.state.iter_user_assets(ctx.user.id)
        if not a.is_trashed and a.visibility in ("timeline", "archive")
    ]
    picked = random.sample(pool, min(len(pool), int(count or 1)))
    return JSONResponse([asset_dto(a, ctx.fake.state) for a in picked])


# ---------------------------------------------------------------------- metadata


def _metadata_dto(key: str, entry: dict[str, Any]) -> dict[str, Any]:
    return {"key": key, "value": entry["value"], "updatedAt": js_date(entry["updatedAt"])}


@handler("getAssetMetadata")
async def get_metadata(ctx: Ctx) -> Response:
    (asset,) = require_owned(ctx, [ctx.params["id"]])
    return JSONResponse([_metadata_dto(k, e) for k, e in asset.metadata.items()])


@handler("getAssetMetadataByKey")
async def get_metadata_key(ctx: Ctx) -> Response:
    (asset,) = require_owned(ctx, [ctx.params["id"]])
    entry = asset.metadata.get(ctx.params["key"])
    if entry is None:
        raise HTTPError(400, "Asset metadata not found")
    return JSONResponse(_metadata_dto(ctx.params["key"], entry))


@handler("updateAssetMetadata")
async def update_metadata(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    items = parse_metadata_items(v.data.get("items", []), v, "items")
    if "items" not in v.data:
        v.errors.append("items must be an array")
    v.check()
    (asset,) = require_owned(ctx, [ctx.params["id"]])
    now = utcnow()
    for key, value in (items or {}).items():
        asset.metadata[key] = {"value": value, "updatedAt": now}
    ctx.fake.state.save(asset)
    return JSONResponse([_metadata_dto(k, asset.metadata[k]) for k in items or {}])


@handler("deleteAssetMetadata")
async def delete_metadata(ctx: Ctx) -> Response:
    (asset,) = require_owned(ctx, [ctx.params["id"]])
    asset.metadata.pop(ctx.params["key"], None)
    ctx.fake.state.save(asset)
    return EmptyResponse(204)


@handler("runAssetJobs")
async def run_asset_jobs(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    ids = v.uuid_list("assetIds", required=True)
    name = v.enum("name", ASSET_JOBS, required=True)
    v.check()
    assert ids is not None
    assets = require_owned(ctx, ids, "asset.update")
    state = ctx.fake.state
    if name == "regenerate-thumbnail":
        now = time.time()
        for asset in assets:
            asset.thumb_ready_at = now
            asset.thumb_generated_ms = int(now * 1000)
        state.save_many(assets)
        state.enqueue("thumbnailGeneration", len(assets))
    elif name == "refresh-metadata":
        state.enqueue("metadataExtraction", len(assets))
    elif name == "transcode-video":
        state.enqueue("videoConversion", len(assets))
    else:
        state.enqueue("faceDetection", len(assets))
    return EmptyResponse(204)


__all__ = [
    "ASSET_TYPES",
    "VISIBILITIES",
    "decode_checksum",
    "new_asset",
    "require_elevated_for",
    "require_owned",
]
