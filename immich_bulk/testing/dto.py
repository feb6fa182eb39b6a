"""Response bodies as plain dicts, shaped (key order and date formats included) like the
transcripts of a real Immich v2.7.5.

Two date formats appear in Immich's JSON: JavaScript's ``toISOString()``
(``2024-05-01T10:00:00.000Z``) for most fields, and PostgreSQL's text form
(``2024-05-01T10:00:00+00:00``, ``2026-11-27T03:03:21.53356+00:00``) for rows that are
serialised straight from SQL, e.g. the assets inside an album (60e) and ``exifInfo`` dates.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from .media import mime_type_for

if TYPE_CHECKING:
    from .state import Album, ApiKey, Asset, FakeState, QueueState, Stack, Tag, User


def js_date(dt: datetime) -> str:
    dt = dt.astimezone(timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def pg_date(dt: datetime) -> str:
    dt = dt.astimezone(timezone.utc)
    frac = f".{dt.microsecond:06d}".rstrip("0") if dt.microsecond else ""
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + frac + "+00:00"


def js_date_trunc_day(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT00:00:00.000Z")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def user_dto(user: User, *, pg: bool = False) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "profileImagePath": user.profile_image_path,
        "avatarColor": user.avatar_color,
        "profileChangedAt": pg_date(user.profile_changed_at)
        if pg
        else js_date(user.profile_changed_at),
    }


def user_admin_dto(user: User, usage: int) -> dict[str, Any]:
    out = user_dto(user)
    out.update(
        {
            "storageLabel": user.storage_label,
            "shouldChangePassword": user.should_change_password,
            "isAdmin": user.is_admin,
            "createdAt": js_date(user.created_at),
            "deletedAt": js_date(user.deleted_at) if user.deleted_at else None,
            "updatedAt": js_date(user.updated_at),
            "oauthId": user.oauth_id,
            "quotaSizeInBytes": user.quota_size_in_bytes,
            "quotaUsageInBytes": usage,
            "status": user.status,
            "license": None,
        }
    )
    return out


def api_key_dto(key: ApiKey) -> dict[str, Any]:
    return {
        "id": key.id,
        "name": key.name,
        "createdAt": js_date(key.created_at),
        "updatedAt": js_date(key.updated_at),
        "permissions": list(key.permissions),
    }


def thumbhash(asset: Asset) -> str | None:
    if asset.thumb_ready_at is None:
        return None
    return b64(hashlib.sha1(b"thumbhash:" + asset.checksum).digest()[:18])


def exif_dto(asset: Asset) -> dict[str, Any]:
    original = asset.date_time_original or asset.file_created_at
    return {
        "make": None,
        "model": None,
        "exifImageWidth": asset.width,
        "exifImageHeight": asset.height,
        "fileSizeInByte": asset.size,
        "orientation": asset.orientation,
        "dateTimeOriginal": pg_date(original),
        "modifyDate": pg_date(asset.file_modified_at),
        "timeZone": asset.time_zone,
        "lensModel": None,
        "fNumber": None,
        "focalLength": None,
        "iso": None,
        "exposureTime": None,
        "latitude": asset.latitude,
        "longitude": asset.longitude,
        "city": None,
        "state": None,
        "country": None,
        "description": asset.description,
        "projectionType": None,
        "rating": asset.rating,
    }


def tag_dto(tag: Tag, *, pg: bool = False) -> dict[str, Any]:
    """TagResponseDto; *pg*: PostgreSQL dates, as in an asset's ``tags``."""
    date = pg_date if pg else js_date
    out: dict[str, Any] = {
        "id": tag.id,
        "parentId": tag.parent_id,
        "name": tag.name,
        "value": tag.value,
        "createdAt": date(tag.created_at),
        "updatedAt": date(tag.updated_at),
    }
    if out["parentId"] is None:
        del out["parentId"]
    if tag.color is not None:
        out["color"] = tag.color
    return out


def asset_dto(
    asset: Asset,
    state: FakeState,
    *,
    owner: bool = False,
    exif: bool = True,
    tags: bool = False,
    stack: bool = False,
    faces: bool = False,
    pg: bool = False,
) -> dict[str, Any]:
    """AssetResponseDto. Flags pick the optional parts each endpoint includes:
    getAssetInfo (90a) has everything; updateAsset (90n) exif + unassignedFaces; search (90b)
    none unless ``withExif``; album assets (60e) exif with PostgreSQL dates."""
    date = pg_date if pg else js_date
    out: dict[str, Any] = {
        "id": asset.id,
        "createdAt": date(asset.created_at),
        "deviceAssetId": asset.device_asset_id,
        "ownerId": asset.owner_id,
    }
    if owner:
        owner_user = state.users.get(asset.owner_id)
        if owner_user is not None:
            out["owner"] = user_dto(owner_user, pg=True)
    ready = asset.thumb_ready_at is not None
    out.update(
        {
            "deviceId": asset.device_id,
            "libraryId": None,
            "type": asset.type,
            "originalPath": f"/data/{asset.file}",
            "originalFileName": asset.original_file_name,
            "originalMimeType": mime_type_for(asset.original_file_name),
            "thumbhash": thumbhash(asset),
            "fileCreatedAt": date(asset.file_created_at),
            "fileModifiedAt": date(asset.file_modified_at),
            "localDateTime": date(asset.local_date_time),
            "updatedAt": date(asset.updated_at),
            "isFavorite": asset.is_favorite,
            "isArchived": asset.visibility == "archive",
            "isTrashed": asset.deleted_at is not None,
            "visibility": asset.visibility,
            "duration": asset.duration or "0:00:00.00000",
        }
    )
    if exif:
        out["exifInfo"] = exif_dto(asset)
    out["livePhotoVideoId"] = asset.live_photo_video_id
    if tags:
        out["tags"] = [tag_dto(state.tags[t], pg=True) for t in asset.tag_ids if t in state.tags]
    out["people"] = []
    if faces:
        out["unassignedFaces"] = []
    out["checksum"] = b64(asset.checksum)
    if stack:
        st = state.stacks.get(asset.stack_id) if asset.stack_id else None
        out["stack"] = (
            {"id": st.id, "primaryAssetId": st.primary_asset_id, "assetCount": len(st.asset_ids)}
            if st is not None
            else None
        )
    out.update(
        {
            "isOffline": False,
            "hasMetadata": True,
            "duplicateId": asset.duplicate_id,
            "resized": ready,
            "width": asset.width,
            "height": asset.height,
            "isEdited": False,
        }
    )
    return out


def album_dto(
    album: Album,
    state: FakeState,
    *,
    assets: list[Asset] | None,
    created: bool = False,
) -> dict[str, Any]:
    """AlbumResponseDto. ``assets`` None means "without assets" (``"assets": []``).

    The transcripts show two date styles for start/end: the create and update calls (60f,
    migrate-metadata) report the exact PostgreSQL timestamps and no
    ``lastModifiedAssetTimestamp`` (*created*), list and get (60d, 60e) the day at midnight,
    JS style.
    """
    visible = [
        a
        for a in (state.assets.get(i) for i in album.asset_ids)
        if a is not None and a.in_album_view
    ]
    owner = state.users[album.owner_id]
    out: dict[str, Any] = {
        "albumName": album.name,
        "description": album.description,
        "albumThumbnailAssetId": album.thumbnail_asset_id,
        "createdAt": js_date(album.created_at),
        "updatedAt": js_date(album.updated_at),
        "id": album.id,
        "ownerId": album.owner_id,
        "owner": user_dto(owner, pg=True),
        "albumUsers": [
            {"user": user_dto(state.users[u["userId"]], pg=True), "role": u["role"]}
            for u in album.album_users
            if u["userId"] in state.users
        ],
        "shared": bool(album.album_users),
        "hasSharedLink": False,
    }
    if visible:
        start = min(a.local_date_time for a in visible)
        end = max(a.local_date_time for a in visible)
        if created:
            out["startDate"], out["endDate"] = pg_date(start), pg_date(end)
        else:
            out["startDate"], out["endDate"] = js_date_trunc_day(start), js_date_trunc_day(end)
    if assets is None:
        out["assets"] = []
    else:
        out["assets"] = [asset_dto(a, state, pg=True) for a in assets]
    out["assetCount"] = len(visible)
    out["isActivityEnabled"] = album.is_activity_enabled
    out["order"] = album.order
    if visible and not created:
        out["lastModifiedAssetTimestamp"] = js_date(max(a.updated_at for a in visible))
    return out


def stack_dto(stack: Stack, state: FakeState, *, tags: bool = False) -> dict[str, Any]:
    """StackResponseDto: its assets with PostgreSQL dates (and their tags where Immich reads
    one stack: ``GET`` and ``PUT /stacks/{id}``)."""
    assets = [state.assets[a] for a in stack.asset_ids if a in state.assets]
    return {
        "id": stack.id,
        "primaryAssetId": stack.primary_asset_id,
        "assets": [asset_dto(a, state, pg=True, tags=tags) for a in assets],
    }


def queue_legacy_dto(queue: QueueState) -> dict[str, Any]:
    return {
        "queueStatus": {"isPaused": queue.is_paused, "isActive": queue.active > 0},
        "jobCounts": queue_stats(queue),
    }


def queue_stats(queue: QueueState) -> dict[str, int]:
    return {
        "active": queue.active,
        "completed": queue.completed,
        "failed": queue.failed,
        "delayed": queue.delayed,
        "waiting": queue.waiting,
        "paused": queue.paused,
    }


def queue_dto(queue: QueueState) -> dict[str, Any]:
    return {"name": queue.id, "isPaused": queue.is_paused, "statistics": queue_stats(queue)}
