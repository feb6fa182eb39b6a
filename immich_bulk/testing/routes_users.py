"""``/users*`` and ``/admin/users*``: current user, user admin, profile images."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Mapping
from pathlib import Path

from .dto import js_date, user_admin_dto, user_dto
from .files import FileSink
from .forms import SinkFactory, read_form
from .media import IMAGE_EXTENSIONS, extension, mime_type_for
from .multipart import PartStart
from .ranges import http_date, weak_etag
from .routes_auth import validate_email
from .state import AVATAR_COLORS, User, utcnow
from .validate import Validator
from .web import (
    BytesResponse,
    Ctx,
    EmptyResponse,
    HTTPError,
    JSONResponse,
    Response,
    handler,
)


def _admin_dto(ctx: Ctx, user: User) -> dict[str, object]:
    return user_admin_dto(user, ctx.fake.state.usage.get(user.id, 0))


def _user(ctx: Ctx, *, include_deleted: bool = False) -> User:
    user = ctx.fake.state.users.get(ctx.params["id"].lower())
    if user is None or (user.deleted_at is not None and not include_deleted):
        raise HTTPError(400, "User not found")
    return user


@handler("getMyUser")
async def get_me(ctx: Ctx) -> Response:
    return JSONResponse(_admin_dto(ctx, ctx.user))


def _apply_user_update(ctx: Ctx, user: User, v: Validator, *, admin: bool) -> None:
    state = ctx.fake.state
    email = validate_email(v, "email", required=False) if "email" in v.data else None
    name = v.string("name")
    password = v.string("password")
    color = v.enum("avatarColor", AVATAR_COLORS)
    is_admin = v.boolean("isAdmin") if admin else None
    should_change = v.boolean("shouldChangePassword") if admin else None
    quota = v.number("quotaSizeInBytes", integer=True, minimum=0, nullable=True) if admin else None
    label = v.string("storageLabel", nullable=True) if admin else None
    v.check()
    if email is not None and email != user.email.lower():
        if email in state.users_by_email:
            raise HTTPError(400, "Email already in use by another account")
        state.update_user_email(user, email)
    if name is not None:
        user.name = name
    if password is not None:
        user.password = password
        user.should_change_password = False if not admin else user.should_change_password
    if color is not None:
        user.avatar_color = color
        user.profile_changed_at = utcnow()
    if is_admin is not None:
        user.is_admin = is_admin
    if should_change is not None:
        user.should_change_password = should_change
    if admin and "quotaSizeInBytes" in v.data:
        user.quota_size_in_bytes = quota
    if admin and "storageLabel" in v.data:
        user.storage_label = label
    user.updated_at = utcnow()
    state.save(user)


@handler("updateMyUser")
async def update_me(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    _apply_user_update(ctx, ctx.user, Validator(body), admin=False)
    return JSONResponse(_admin_dto(ctx, ctx.user))


@handler("searchUsers")
async def search_users(ctx: Ctx) -> Response:
    users = [u for u in ctx.fake.state.users.values() if u.deleted_at is None]
    return JSONResponse([user_dto(u) for u in users])


@handler("getUser")
async def get_user(ctx: Ctx) -> Response:
    return JSONResponse(user_dto(_user(ctx)))


# ---------------------------------------------------------------------- profile images


def _profile_sink(ctx: Ctx) -> SinkFactory:
    def make(part: PartStart, fields: Mapping[str, str]) -> FileSink | None:
        if part.name != "file":
            return None
        filename = fields.get("filename") or part.filename or ""  # as for assets
        if extension(filename) not in IMAGE_EXTENSIONS:
            raise HTTPError(400, f"Unsupported file type {filename}")
        return FileSink(ctx.fake.state.temp_path())

    return make


@handler("createProfileImage")
async def create_profile_image(ctx: Ctx) -> Response:
    state = ctx.fake.state
    form = await read_form(ctx.request, _profile_sink(ctx))
    upload = form.files.get("file")
    if upload is None:
        form.discard()
        raise HTTPError(400, "File is required")
    user = ctx.user
    rel = f"profile/{user.id}/{uuid.uuid4()}{extension(upload.filename)}"
    target = state.root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(upload.sink.path, target)
    old = user.profile_image_file
    user.profile_image_file = rel
    user.profile_changed_at = utcnow()
    user.updated_at = user.profile_changed_at
    state.save(user)
    if old:
        _unlink(state.root / old)
    return JSONResponse(
        {
            "userId": user.id,
            "profileImagePath": user.profile_image_path,
            "profileChangedAt": js_date(user.profile_changed_at),
        },
        201,
    )


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


@handler("deleteProfileImage")
async def delete_profile_image(ctx: Ctx) -> Response:
    user = ctx.user
    if user.profile_image_file:
        _unlink(ctx.fake.state.root / user.profile_image_file)
    user.profile_image_file = None
    user.profile_changed_at = utcnow()
    ctx.fake.state.save(user)
    return EmptyResponse(204)


# Immich's sendFile sets this on every error of a route that answers with a file
_NO_CACHE = [("cache-control", "none")]


@handler("getProfileImage")
async def get_profile_image(ctx: Ctx) -> Response:
    user = _user(ctx)
    if not user.profile_image_file:
        raise HTTPError(404, "User does not have a profile image", headers=_NO_CACHE)
    path = ctx.fake.state.root / user.profile_image_file
    try:
        data = path.read_bytes()
        mtime_ms = int(path.stat().st_mtime * 1000)
    except OSError:
        raise HTTPError(404, "User does not have a profile image", headers=_NO_CACHE) from None
    return BytesResponse(
        data,
        200,
        [
            ("content-type", mime_type_for(user.profile_image_file)),
            ("accept-ranges", "bytes"),
            ("cache-control", "public, max-age=0"),  # Express's sendFile defaults (no name)
            ("last-modified", http_date(mtime_ms)),
            ("etag", weak_etag(len(data), mtime_ms)),
            ("content-length", str(len(data))),
        ],
    )


# ---------------------------------------------------------------------- admin


@handler("searchUsersAdmin")
async def admin_list_users(ctx: Ctx) -> Response:
    v = Validator(ctx.request.query, strings=True)
    user_id = v.uuid("id")
    with_deleted = v.boolean("withDeleted")
    v.check()
    users = [
        u
        for u in ctx.fake.state.users.values()
        if (with_deleted or u.deleted_at is None) and (user_id is None or u.id == user_id)
    ]
    users.sort(key=lambda u: u.created_at)
    return JSONResponse([_admin_dto(ctx, u) for u in users])


@handler("createUserAdmin")
async def admin_create_user(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    email = validate_email(v, "email")
    name = v.string("name", required=True, not_empty=True)
    password = v.string("password", required=True, not_empty=True)
    is_admin = v.boolean("isAdmin")
    should_change = v.boolean("shouldChangePassword")
    quota = v.number("quotaSizeInBytes", integer=True, minimum=0, nullable=True)
    label = v.string("storageLabel", nullable=True)
    color = v.enum("avatarColor", AVATAR_COLORS)
    v.boolean("notify")
    v.check()
    assert email is not None and name is not None and password is not None
    try:
        user = ctx.fake.state.create_user(
            email,
            name,
            password,
            is_admin=bool(is_admin),
            storage_label=label,
            should_change_password=True if should_change is None else should_change,
            quota_size_in_bytes=quota,
            avatar_color=color,
        )
    except ValueError:
        raise HTTPError(400, "User exists") from None
    return JSONResponse(_admin_dto(ctx, user), 201)


@handler("getUserAdmin")
async def admin_get_user(ctx: Ctx) -> Response:
    return JSONResponse(_admin_dto(ctx, _user(ctx, include_deleted=True)))


@handler("updateUserAdmin")
async def admin_update_user(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    user = _user(ctx)
    _apply_user_update(ctx, user, Validator(body), admin=True)
    return JSONResponse(_admin_dto(ctx, user))


@handler("deleteUserAdmin")
async def admin_delete_user(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    force = v.boolean("force")
    v.check()
    user = _user(ctx)
    if user.is_admin and user.id == ctx.user.id:
        raise HTTPError(400, "Cannot delete admin user")
    state = ctx.fake.state
    now = utcnow()
    user.deleted_at = now
    user.status = "deleted" if force else "removing"
    user.updated_at = now
    state.save(user)
    if force:
        for asset in list(state.iter_user_assets(user.id)):
            state.delete_asset(asset)
    return JSONResponse(_admin_dto(ctx, user))


@handler("restoreUserAdmin")
async def admin_restore_user(ctx: Ctx) -> Response:
    user = _user(ctx, include_deleted=True)
    user.deleted_at = None
    user.status = "active"
    user.updated_at = utcnow()
    ctx.fake.state.save(user)
    return JSONResponse(_admin_dto(ctx, user))


@handler("getUserStatisticsAdmin")
async def admin_user_statistics(ctx: Ctx) -> Response:
    user = _user(ctx, include_deleted=True)
    v = Validator(ctx.request.query, strings=True)
    is_favorite = v.boolean("isFavorite")
    is_trashed = v.boolean("isTrashed")
    v.check()
    images = videos = 0
    for asset in ctx.fake.state.iter_user_assets(user.id):
        if asset.is_trashed != bool(is_trashed):
            continue
        if is_favorite is not None and asset.is_favorite != is_favorite:
            continue
        if asset.type == "VIDEO":
            videos += 1
        else:
            images += 1
    return JSONResponse({"images": images, "videos": videos, "total": images + videos})
