"""The ``/_fake/...`` control channel (no auth): configure faults and read counters of a fake
running in another thread or process. Not part of Immich's API.

=======================  ====================================================================
``GET /_fake/health``    ``{"ok": true, "apiKey": ..., "version": "2.7.5"}``
``GET /_fake/counters``  the :class:`~.counters.Counters` snapshot
``POST /_fake/reset-counters``
``GET /_fake/faults``    ``{"seed", "rules": [...]}`` with each rule's ``seen``/``fired``
``POST /_fake/faults``   add rules: one rule object, a list, or ``{"rules": [...], "seed": n}``
``DELETE /_fake/faults`` remove every rule (``?id=N`` removes one)
``POST /_fake/settings`` ``{"thumbnailDelay": seconds}``
``POST /_fake/users``    ``{"email", "name", "password", "isAdmin"}`` -> ``{"id", "apiKey"}``
``GET /_fake/assets``    assets (``?userId=`` or ``?email=``): id, owner, name, size, checksum,
                         trashed, visibility, the SHA-1 of the sidecar stored with it (or null)
``POST /_fake/touch``    ``{"assetId"}``: new mtime (new ETag) for an asset's file
=======================  ====================================================================
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from .web import HTTPError, JSONResponse, Request, Response, Send

if TYPE_CHECKING:
    from .fake import FakeImmich
    from .state import Asset, User


async def handle(fake: FakeImmich, request: Request, send: Send) -> None:
    try:
        resp = await _route(fake, request)
    except HTTPError as exc:
        resp = JSONResponse(exc.body(""), exc.status)
    except (ValueError, TypeError, KeyError) as exc:
        resp = JSONResponse({"message": str(exc), "statusCode": 400}, 400)
    await resp.send(send, [], head=request.method == "HEAD")


def _sidecar_sha1(fake: FakeImmich, asset: Asset) -> str | None:
    if asset.sidecar_file is None:
        return None
    return hashlib.sha1((fake.state.root / asset.sidecar_file).read_bytes()).hexdigest()


async def _json(request: Request) -> Any:
    raw = await request.body()
    return json.loads(raw) if raw.strip() else {}


async def _route(fake: FakeImmich, request: Request) -> Response:
    action = request.full_path[len("/_fake/") :].strip("/")
    method = request.method
    if action == "health":
        return JSONResponse({"ok": True, "apiKey": fake.api_key, "version": "2.7.5"})
    if action == "counters" and method == "GET":
        return JSONResponse(fake.counters.snapshot())
    if action == "reset-counters" and method == "POST":
        fake.counters.reset()
        return JSONResponse(fake.counters.snapshot())
    if action == "faults":
        if method == "GET":
            return JSONResponse(fake.faults.to_dict())
        if method == "DELETE":
            if "id" in request.query:
                fake.faults.remove(int(request.query["id"]))
            else:
                fake.faults.clear()
            return JSONResponse(fake.faults.to_dict())
        if method == "POST":
            body = await _json(request)
            if isinstance(body, dict) and "rules" in body:
                if "seed" in body:
                    fake.faults.seed(int(body["seed"]))
                rules = body["rules"]
            else:
                rules = body if isinstance(body, list) else [body]
            added = [fake.faults.add_dict(r).to_dict() for r in rules]
            return JSONResponse({"rules": added}, 201)
    if action == "settings" and method == "POST":
        body = await _json(request)
        if "thumbnailDelay" in body:
            fake.thumbnail_delay = float(body["thumbnailDelay"])
        return JSONResponse({"thumbnailDelay": fake.thumbnail_delay})
    if action == "users" and method == "POST":
        body = await _json(request)
        user = fake.create_user(
            body["email"],
            body.get("name", body["email"]),
            body.get("password", "password"),
            is_admin=bool(body.get("isAdmin", False)),
        )
        key = fake.create_api_key(user)
        return JSONResponse({"id": user.id, "email": user.email, "apiKey": key}, 201)
    if action == "assets" and method == "GET":
        owner: User | None = None
        if "userId" in request.query or "email" in request.query:
            owner = fake.user(request.query.get("userId") or request.query["email"])
        return JSONResponse(
            [
                {
                    "id": a.id,
                    "ownerId": a.owner_id,
                    "originalFileName": a.original_file_name,
                    "size": a.size,
                    "checksum": a.checksum_hex,
                    "isTrashed": a.is_trashed,
                    "visibility": a.visibility,
                    "sidecarSha1": _sidecar_sha1(fake, a),
                }
                for a in fake.assets(owner)
            ]
        )
    if action == "touch" and method == "POST":
        body = await _json(request)
        return JSONResponse({"mtimeMs": fake.touch_asset(body["assetId"])})
    raise HTTPError(404, f"Cannot {method} {request.full_path}")
