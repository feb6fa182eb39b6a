"""``/auth/*`` and ``/api-keys*``: admin sign-up, login/logout, sessions, API keys."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

from .dto import api_key_dto, js_date, user_admin_dto
from .state import Session, utcnow
from .validate import Validator
from .web import Ctx, EmptyResponse, HTTPError, JSONResponse, Response, handler

PERMISSIONS = (
    "all", "activity.create", "activity.read", "activity.update", "activity.delete",
    "activity.statistics", "apiKey.create", "apiKey.read", "apiKey.update", "apiKey.delete",
    "asset.read", "asset.update", "asset.delete", "asset.statistics", "asset.share", "asset.view",
    "asset.download", "asset.upload", "asset.replace", "asset.copy", "asset.derive",
    "asset.edit.get", "asset.edit.create", "asset.edit.delete", "album.create", "album.read",
    "album.update", "album.delete", "album.statistics", "album.share", "album.download",
    "albumAsset.create", "albumAsset.delete", "albumUser.create", "albumUser.update",
    "albumUser.delete", "auth.changePassword", "authDevice.delete", "archive.read", "backup.list",
    "backup.download", "backup.upload", "backup.delete", "duplicate.read", "duplicate.delete",
    "face.create", "face.read", "face.update", "face.delete", "folder.read", "job.create",
    "job.read", "library.create", "library.read", "library.update", "library.delete",
    "library.statistics", "timeline.read", "timeline.download", "maintenance", "map.read",
    "map.search", "memory.create", "memory.read", "memory.update", "memory.delete",
    "memory.statistics", "memoryAsset.create", "memoryAsset.delete", "notification.create",
    "notification.read", "notification.update", "notification.delete", "partner.create",
    "partner.read", "partner.update", "partner.delete", "person.create", "person.read",
    "person.update", "person.delete", "person.statistics", "person.merge", "person.reassign",
    "pinCode.create", "pinCode.update", "pinCode.delete", "plugin.create", "plugin.read",
    "plugin.update", "plugin.delete", "server.about", "server.apkLinks", "server.storage",
    "server.statistics", "server.versionCheck", "serverLicense.read", "serverLicense.update",
    "serverLicense.delete", "session.create", "session.read", "session.update", "session.delete",
    "session.lock", "sharedLink.create", "sharedLink.read", "sharedLink.update",
    "sharedLink.delete", "stack.create", "stack.read", "stack.update", "stack.delete",
    "sync.stream", "syncCheckpoint.read", "syncCheckpoint.update", "syncCheckpoint.delete",
    "systemConfig.read", "systemConfig.update", "systemMetadata.read", "systemMetadata.update",
    "tag.create", "tag.read", "tag.update", "tag.delete", "tag.asset", "user.read", "user.update",
    "userLicense.create", "userLicense.read", "userLicense.update", "userLicense.delete",
    "userOnboarding.read", "userOnboarding.update", "userOnboarding.delete",
    "userPreference.read", "userPreference.update", "userProfileImage.create",
    "userProfileImage.read", "userProfileImage.update", "userProfileImage.delete", "queue.read",
    "queue.update", "queueJob.create", "queueJob.read", "queueJob.update", "queueJob.delete",
    "workflow.create", "workflow.read", "workflow.update", "workflow.delete", "adminUser.create",
    "adminUser.read", "adminUser.update", "adminUser.delete", "adminSession.read",
    "adminAuth.unlinkAll",
)  # fmt: skip

COOKIE_MAX_AGE = 34560000  # 400 days, as Immich


def validate_email(v: Validator, name: str, *, required: bool = True) -> str | None:
    value = v.data.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or "@" not in value or value.startswith("@") or " " in value:
        v.errors.append(f"{name} must be an email")
        return None
    return value.strip().lower()


@handler("signUpAdmin")
async def sign_up_admin(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    email = validate_email(v, "email")
    password = v.string("password", required=True, not_empty=True)
    name = v.string("name", required=True, not_empty=True)
    v.check()
    state = ctx.fake.state
    if state.admin is not None:
        raise HTTPError(400, "The server already has an admin")
    assert email is not None and password is not None and name is not None
    user = state.create_user(email, name, password, is_admin=True, storage_label="admin")
    return JSONResponse(user_admin_dto(user, 0), 201)


@handler("login")
async def login(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    email = validate_email(v, "email")
    password = v.string("password", required=True, not_empty=True)
    v.check()
    state = ctx.fake.state
    user = state.users_by_email.get(email or "")
    if user is None or user.password != password or user.deleted_at is not None:
        raise HTTPError(401, "Incorrect email or password")
    session = state.create_session(user)
    expires = format_datetime(
        (datetime.now(timezone.utc) + timedelta(seconds=COOKIE_MAX_AGE)).replace(microsecond=0),
        usegmt=True,
    )
    tail = f"Max-Age={COOKIE_MAX_AGE}; Path=/; Expires={expires}"
    cookies = [
        ("set-cookie", f"immich_access_token={session.token}; {tail}; HttpOnly; SameSite=Lax"),
        ("set-cookie", f"immich_auth_type=password; {tail}; HttpOnly; SameSite=Lax"),
        ("set-cookie", f"immich_is_authenticated=true; {tail}; SameSite=Lax"),
    ]
    resp = JSONResponse(
        {
            "accessToken": session.token,
            "userId": user.id,
            "userEmail": user.email,
            "name": user.name,
            "isAdmin": user.is_admin,
            "profileImagePath": user.profile_image_path,
            "shouldChangePassword": user.should_change_password,
            "isOnboarded": user.is_onboarded,
        },
        201,
    )
    resp.headers[:0] = cookies
    return resp


@handler("logout")
async def logout(ctx: Ctx) -> Response:
    if ctx.auth.session is not None:
        ctx.fake.state.delete_session(ctx.auth.session)
    return JSONResponse({"successful": True, "redirectUri": "/auth/login?autoLaunch=0"})


@handler("validateAccessToken")
async def validate_token(ctx: Ctx) -> Response:
    return JSONResponse({"authStatus": True})


@handler("getAuthStatus")
async def auth_status(ctx: Ctx) -> Response:
    out: dict[str, object] = {
        "pinCode": ctx.user.pin_code is not None,
        "password": True,
        "isElevated": ctx.elevated,
    }
    session = ctx.auth.session
    if session is not None and session.pin_expires_at is not None:
        out["pinExpiresAt"] = js_date(session.pin_expires_at)
    return JSONResponse(out)


# ---------------------------------------------------------------------- PIN code, unlocking

#: How long ``POST /auth/session/unlock`` opens the locked folder to a session.
PIN_UNLOCK = timedelta(minutes=15)


def _pin(v: Validator, name: str, *, required: bool) -> str | None:
    value = v.string(name, required=required, not_empty=required)
    if not isinstance(value, str):
        return None
    if not (len(value) == 6 and value.isdigit()):
        v.errors.append(f"{name} must be a 6-digit numeric string")
    return value


def _check_pin(ctx: Ctx, pin: str | None, password: str | None) -> None:
    """Immich's check of a PIN code, or of the password instead."""
    user = ctx.user
    if user.pin_code is None:
        raise HTTPError(400, "User does not have a PIN code")
    if password:
        if password != user.password:
            raise HTTPError(400, "Wrong password")
    elif pin:
        if pin != user.pin_code:
            raise HTTPError(400, "Wrong PIN code")
    else:
        raise HTTPError(400, "Either password or pinCode is required")


def _session(ctx: Ctx) -> Session:
    session = ctx.auth.session
    if session is None:
        raise HTTPError(400, "This endpoint can only be used with a session token")
    return session


@handler("setupPinCode")
async def setup_pin_code(ctx: Ctx) -> Response:
    v = Validator(await ctx.request.json())
    pin = _pin(v, "pinCode", required=True)
    v.check()
    user = ctx.user
    if user.pin_code is not None:
        raise HTTPError(400, "User already has a PIN code")
    user.pin_code = pin
    ctx.fake.state.save(user)
    return EmptyResponse(204)


@handler("changePinCode")
async def change_pin_code(ctx: Ctx) -> Response:
    v = Validator(await ctx.request.json())
    pin = _pin(v, "pinCode", required=False)
    password = v.string("password", not_empty=True)
    new_pin = _pin(v, "newPinCode", required=True)
    v.check()
    _check_pin(ctx, pin, password)
    ctx.user.pin_code = new_pin
    ctx.fake.state.save(ctx.user)
    return EmptyResponse(204)


@handler("resetPinCode")
async def reset_pin_code(ctx: Ctx) -> Response:
    v = Validator(await ctx.request.json())
    pin = _pin(v, "pinCode", required=False)
    password = v.string("password", not_empty=True)
    v.check()
    _check_pin(ctx, pin, password)
    state = ctx.fake.state
    ctx.user.pin_code = None
    locked = [s for s in state.sessions.values() if s.user_id == ctx.user.id]
    for session in locked:
        session.pin_expires_at = None
    state.save_many([ctx.user, *locked])
    return EmptyResponse(204)


@handler("unlockAuthSession")
async def unlock_session(ctx: Ctx) -> Response:
    v = Validator(await ctx.request.json())
    pin = _pin(v, "pinCode", required=False)
    v.string("password", not_empty=True)
    v.check()
    session = _session(ctx)
    _check_pin(ctx, pin, None)  # the password does not unlock a session
    session.pin_expires_at = utcnow() + PIN_UNLOCK
    ctx.fake.state.save(session)
    return EmptyResponse(204)


@handler("lockAuthSession")
async def lock_session(ctx: Ctx) -> Response:
    session = _session(ctx)
    session.pin_expires_at = None
    ctx.fake.state.save(session)
    return EmptyResponse(204)


@handler("changePassword")
async def change_password(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    password = v.string("password", required=True, not_empty=True)
    new_password = v.string("newPassword", required=True, not_empty=True)
    v.boolean("invalidateSessions")
    v.check()
    user = ctx.user
    if password != user.password:
        raise HTTPError(400, "Wrong password")
    assert new_password is not None
    user.password = new_password
    user.updated_at = utcnow()
    ctx.fake.state.save(user)
    return JSONResponse(user_admin_dto(user, ctx.fake.state.usage.get(user.id, 0)))


# ---------------------------------------------------------------------- API keys


def _permissions(v: Validator, *, required: bool) -> list[str] | None:
    return v.enum_list("permissions", PERMISSIONS, required=required)


@handler("createApiKey")
async def create_api_key(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    name = v.string("name")
    permissions = _permissions(v, required=True)
    v.check()
    assert permissions is not None
    current = ctx.auth.api_key
    if (
        current is not None
        and "all" not in current.permissions
        and any(p not in current.permissions for p in permissions)
    ):
        raise HTTPError(400, "Cannot grant permissions you do not have")
    key = ctx.fake.state.create_api_key(ctx.user, name or "API Key", permissions)
    return JSONResponse({"secret": key.secret, "apiKey": api_key_dto(key)}, 201)


@handler("getApiKeys")
async def list_api_keys(ctx: Ctx) -> Response:
    keys = [k for k in ctx.fake.state.api_keys.values() if k.user_id == ctx.user.id]
    keys.sort(key=lambda k: k.created_at, reverse=True)
    return JSONResponse([api_key_dto(k) for k in keys])


@handler("getApiKey")
async def get_api_key(ctx: Ctx) -> Response:
    key = ctx.fake.state.api_keys.get(ctx.params["id"].lower())
    if key is None or key.user_id != ctx.user.id:
        raise HTTPError(400, "API Key not found")
    return JSONResponse(api_key_dto(key))


@handler("getMyApiKey")
async def get_my_api_key(ctx: Ctx) -> Response:
    if ctx.auth.api_key is None:
        raise HTTPError(403, "Not an API key")
    return JSONResponse(api_key_dto(ctx.auth.api_key))


@handler("updateApiKey")
async def update_api_key(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    name = v.string("name")
    permissions = _permissions(v, required=False)
    v.check()
    key = ctx.fake.state.api_keys.get(ctx.params["id"].lower())
    if key is None or key.user_id != ctx.user.id:
        raise HTTPError(400, "API Key not found")
    if name is not None:
        key.name = name
    if permissions is not None:
        key.permissions = permissions
    key.updated_at = utcnow()
    ctx.fake.state.save(key)
    return JSONResponse(api_key_dto(key))


@handler("deleteApiKey")
async def delete_api_key(ctx: Ctx) -> Response:
    key = ctx.fake.state.api_keys.get(ctx.params["id"].lower())
    if key is None or key.user_id != ctx.user.id:
        raise HTTPError(400, "API Key not found")
    ctx.fake.state.delete_api_key(key)
    return EmptyResponse(204)
