"""``/stacks*`` and ``/tags*``."""

from __future__ import annotations

from typing import Any

from .dto import stack_dto, tag_dto
from .routes_assets import require_owned
from .state import Stack, Tag, new_id, utcnow
from .validate import Validator
from .web import Ctx, EmptyResponse, HTTPError, JSONResponse, Response, handler

# ---------------------------------------------------------------------- stacks


def _stack(ctx: Ctx) -> Stack:
    stack = ctx.fake.state.stacks.get(ctx.params["id"].lower())
    if stack is None or stack.owner_id != ctx.user.id:
        raise HTTPError(400, f"Not found or no {ctx.permission} access")
    return stack


@handler("createStack")
async def create_stack(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    ids = v.uuid_list("assetIds", required=True, min_size=2)
    v.check()
    assert ids is not None
    state = ctx.fake.state
    assets = require_owned(ctx, ids, "asset.update")
    with state.lock:
        ordered: list[str] = []
        # Stacks of the given assets are merged into the new one, as Immich does.
        for asset in assets:
            old = state.stacks.get(asset.stack_id) if asset.stack_id else None
            members = old.asset_ids if old is not None else [asset.id]
            for member in [asset.id, *members]:
                if member not in ordered:
                    ordered.append(member)
            if old is not None:
                state.delete_stack(old)
        now = utcnow()
        stack = Stack(new_id(), ctx.user.id, ordered[0], ordered, now, now)
        state.stacks[stack.id] = stack
        changed: list[Any] = [stack]
        for asset_id in ordered:
            member_asset = state.assets[asset_id]
            member_asset.stack_id = stack.id
            changed.append(member_asset)
        state.save_many(changed)
        state.touch(ctx.user.id)
    return JSONResponse(stack_dto(stack, state), 201)


@handler("searchStacks")
async def search_stacks(ctx: Ctx) -> Response:
    v = Validator(ctx.request.query, strings=True)
    primary = v.uuid("primaryAssetId")
    v.check()
    state = ctx.fake.state
    stacks = [
        s
        for s in state.stacks.values()
        if s.owner_id == ctx.user.id and (primary is None or s.primary_asset_id == primary)
    ]
    return JSONResponse([stack_dto(s, state) for s in stacks])


@handler("getStack")
async def get_stack(ctx: Ctx) -> Response:
    return JSONResponse(stack_dto(_stack(ctx), ctx.fake.state, tags=True))


@handler("updateStack")
async def update_stack(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    primary = v.uuid("primaryAssetId")
    v.check()
    stack = _stack(ctx)
    if primary is not None:
        if primary not in stack.asset_ids:
            raise HTTPError(400, "Primary asset must be in the stack")
        stack.primary_asset_id = primary
        stack.updated_at = utcnow()
        ctx.fake.state.save(stack)
    return JSONResponse(stack_dto(stack, ctx.fake.state, tags=True))


@handler("deleteStack")
async def delete_stack(ctx: Ctx) -> Response:
    ctx.fake.state.delete_stack(_stack(ctx))
    return EmptyResponse(204)


@handler("deleteStacks")
async def delete_stacks(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    ids = v.uuid_list("ids", required=True)
    v.check()
    state = ctx.fake.state
    stacks = []
    for stack_id in ids or []:
        stack = state.stacks.get(stack_id)
        if stack is None or stack.owner_id != ctx.user.id:
            raise HTTPError(400, "Not found or no stack.delete access")
        stacks.append(stack)
    for stack in stacks:
        state.delete_stack(stack)
    return EmptyResponse(204)


@handler("removeAssetFromStack")
async def remove_from_stack(ctx: Ctx) -> Response:
    stack = _stack(ctx)
    state = ctx.fake.state
    asset_id = ctx.params["assetId"].lower()
    if asset_id not in stack.asset_ids:
        raise HTTPError(400, "Asset not in stack")
    with state.lock:
        stack.asset_ids.remove(asset_id)
        asset = state.assets.get(asset_id)
        if asset is not None:
            asset.stack_id = None
            state.save(asset)
        if len(stack.asset_ids) < 2:
            state.delete_stack(stack)
        else:
            if stack.primary_asset_id == asset_id:
                stack.primary_asset_id = stack.asset_ids[0]
            state.save(stack)
    return EmptyResponse(204)


# ---------------------------------------------------------------------- tags


def _user_tags(ctx: Ctx) -> dict[str, Tag]:
    return {t.value: t for t in ctx.fake.state.tags.values() if t.user_id == ctx.user.id}


def _tag(ctx: Ctx) -> Tag:
    tag = ctx.fake.state.tags.get(ctx.params["id"].lower())
    if tag is None or tag.user_id != ctx.user.id:
        raise HTTPError(400, f"Not found or no {ctx.permission} access")
    return tag


def _new_tag(ctx: Ctx, value: str, parent: Tag | None, color: str | None) -> Tag:
    now = utcnow()
    tag = Tag(new_id(), ctx.user.id, value, parent.id if parent else None, color, now, now)
    ctx.fake.state.tags[tag.id] = tag
    ctx.fake.state.save(tag)
    return tag


def upsert_tag_path(ctx: Ctx, path: str) -> Tag:
    """Create ``a/b/c`` and its parents as needed; returns the leaf tag."""
    existing = _user_tags(ctx)
    parent: Tag | None = None
    parts = [p.strip() for p in path.split("/") if p.strip()]
    value = ""
    for part in parts:
        value = f"{value}/{part}" if value else part
        tag = existing.get(value)
        if tag is None:
            tag = _new_tag(ctx, value, parent, None)
            existing[value] = tag
        parent = tag
    if parent is None:
        raise HTTPError(400, ["each value in tags should not be empty"])
    return parent


@handler("getAllTags")
async def list_tags(ctx: Ctx) -> Response:
    tags = sorted(_user_tags(ctx).values(), key=lambda t: t.value)
    return JSONResponse([tag_dto(t) for t in tags])


@handler("createTag")
async def create_tag(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    name = v.string("name", required=True, not_empty=True)
    parent_id = v.uuid("parentId", nullable=True)
    color = v.string("color")
    v.check()
    assert name is not None
    state = ctx.fake.state
    parent = None
    if parent_id is not None:
        parent = state.tags.get(parent_id)
        if parent is None or parent.user_id != ctx.user.id:
            raise HTTPError(400, "Not found or no tag.read access")
    value = f"{parent.value}/{name}" if parent else name
    if value in _user_tags(ctx):
        raise HTTPError(400, "A tag with that name already exists")
    return JSONResponse(tag_dto(_new_tag(ctx, value, parent, color)), 201)


@handler("upsertTags")
async def upsert_tags(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    names = v.string_list("tags", required=True)
    v.check()
    with ctx.fake.state.lock:
        tags = [upsert_tag_path(ctx, name) for name in names or []]
    return JSONResponse([tag_dto(t) for t in tags])


@handler("getTagById")
async def get_tag(ctx: Ctx) -> Response:
    return JSONResponse(tag_dto(_tag(ctx)))


@handler("updateTag")
async def update_tag(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    color = v.string("color", nullable=True)
    v.check()
    tag = _tag(ctx)
    if "color" in v.data:
        tag.color = color
    tag.updated_at = utcnow()
    ctx.fake.state.save(tag)
    return JSONResponse(tag_dto(tag))


@handler("deleteTag")
async def delete_tag(ctx: Ctx) -> Response:
    tag = _tag(ctx)
    state = ctx.fake.state
    with state.lock:
        doomed = {t.id for t in state.tags.values() if t.user_id == ctx.user.id and (
            t.id == tag.id or t.value.startswith(tag.value + "/")
        )}  # fmt: skip
        changed = []
        for asset in state.iter_user_assets(ctx.user.id):
            if doomed.intersection(asset.tag_ids):
                asset.tag_ids = [t for t in asset.tag_ids if t not in doomed]
                changed.append(asset)
        removed = [state.tags.pop(t) for t in doomed]
        state.save_many(changed)
        state.forget(removed)
    return EmptyResponse(204)


def _tag_assets(ctx: Ctx, tag: Tag, ids: list[str], *, add: bool) -> list[dict[str, Any]]:
    state = ctx.fake.state
    results: list[dict[str, Any]] = []
    changed = []
    for asset_id in ids:
        asset = state.accessible_asset(ctx.user, asset_id, elevated=ctx.elevated)
        if asset is None:
            results.append({"id": asset_id, "success": False, "error": "no_permission"})
        elif add and tag.id in asset.tag_ids:
            results.append({"id": asset_id, "success": False, "error": "duplicate"})
        elif not add and tag.id not in asset.tag_ids:
            results.append({"id": asset_id, "success": False, "error": "not_found"})
        else:
            if add:
                asset.tag_ids.append(tag.id)
            else:
                asset.tag_ids.remove(tag.id)
            changed.append(asset)
            results.append({"id": asset_id, "success": True})
    state.save_many(changed)
    state.touch(ctx.user.id)
    return results


@handler("tagAssets", "untagAssets")
async def tag_assets(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    ids = v.uuid_list("ids", required=True)
    v.check()
    tag = _tag(ctx)
    add = ctx.route.operation_id == "tagAssets"
    return JSONResponse(_tag_assets(ctx, tag, ids or [], add=add))


@handler("bulkTagAssets")
async def bulk_tag_assets(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    tag_ids = v.uuid_list("tagIds", required=True)
    asset_ids = v.uuid_list("assetIds", required=True)
    v.check()
    state = ctx.fake.state
    tags = []
    for tag_id in tag_ids or []:
        tag = state.tags.get(tag_id)
        if tag is None or tag.user_id != ctx.user.id:
            raise HTTPError(400, "Not found or no tag.asset access")
        tags.append(tag)
    count = 0
    for tag in tags:
        results = _tag_assets(ctx, tag, asset_ids or [], add=True)
        count += sum(1 for r in results if r["success"])
    return JSONResponse({"count": count})
