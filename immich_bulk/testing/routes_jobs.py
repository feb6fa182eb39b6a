"""``/jobs`` (legacy) and ``/queues``: queue status and pause/resume/start/empty commands.

The fake's job model is counts only. Uploads enqueue one metadataExtraction and one
thumbnailGeneration job (plus sidecar / videoConversion when relevant). A running queue
completes its jobs instantly; a paused queue keeps them in its ``paused`` count and, for
thumbnailGeneration, the uploaded assets get no thumbnail (404) until the queue is resumed.
"""

from __future__ import annotations

import time

from .dto import queue_dto, queue_legacy_dto
from .state import QUEUE_NAMES, FakeState, QueueState
from .validate import Validator
from .web import Ctx, EmptyResponse, HTTPError, JSONResponse, Response, handler

# Order of the QueueName enum in the spec (validation messages, and GET /queues lists them so).
QUEUE_ENUM = (
    "thumbnailGeneration", "metadataExtraction", "videoConversion", "faceDetection",
    "facialRecognition", "smartSearch", "duplicateDetection", "backgroundTask",
    "storageTemplateMigration", "migration", "search", "sidecar", "library", "notifications",
    "backupDatabase", "ocr", "workflow", "editor",
)  # fmt: skip
COMMANDS = ("start", "pause", "resume", "empty", "clear-failed")
MANUAL_JOBS = (
    "person-cleanup", "tag-cleanup", "user-cleanup", "memory-cleanup", "memory-create",
    "backup-database",
)  # fmt: skip


def _queue(ctx: Ctx) -> QueueState:
    name = ctx.params["name"]
    if name not in QUEUE_NAMES:
        raise HTTPError(400, [f"name must be one of the following values: {', '.join(QUEUE_ENUM)}"])
    return ctx.fake.state.queues[name]


def _generate_thumbnails(ctx: Ctx, asset_ids: list[str]) -> None:
    state = ctx.fake.state
    ready = time.time() + ctx.fake.thumbnail_delay
    changed = []
    for asset_id in asset_ids:
        asset = state.assets.get(asset_id)
        if asset is not None and asset.thumb_ready_at is None:
            asset.thumb_ready_at = ready
            asset.thumb_generated_ms = int(ready * 1000)
            changed.append(asset)
    state.save_many(changed)


def set_paused(ctx: Ctx, queue: QueueState, paused: bool) -> None:
    state: FakeState = ctx.fake.state
    queue.is_paused = paused
    if not paused:
        queue.completed += queue.paused + queue.waiting
        queue.paused = queue.waiting = 0
        if queue.id == "thumbnailGeneration":
            _generate_thumbnails(ctx, queue.pending_asset_ids)
        queue.pending_asset_ids = []
    state.save(queue)


def run_command(ctx: Ctx, queue: QueueState, command: str, force: bool) -> None:
    state = ctx.fake.state
    if command == "pause":
        set_paused(ctx, queue, True)
    elif command == "resume":
        set_paused(ctx, queue, False)
    elif command == "empty":
        queue.paused = queue.waiting = 0
        state.save(queue)
    elif command == "clear-failed":
        queue.failed = 0
        state.save(queue)
    elif command == "start":
        if queue.id == "thumbnailGeneration":
            targets = [
                a.id for a in list(state.assets.values()) if force or a.thumb_ready_at is None
            ]
            if queue.is_paused:
                queue.paused += len(targets)
                queue.pending_asset_ids.extend(
                    t for t in targets if t not in queue.pending_asset_ids
                )
            else:
                if force:
                    for asset_id in targets:
                        state.assets[asset_id].thumb_ready_at = None
                _generate_thumbnails(ctx, targets)
                queue.completed += len(targets)
            state.save(queue)
        else:
            state.enqueue(queue.id, 0)


@handler("getQueuesLegacy")
async def get_jobs(ctx: Ctx) -> Response:
    queues = ctx.fake.state.queues
    return JSONResponse({name: queue_legacy_dto(queues[name]) for name in QUEUE_NAMES})


@handler("runQueueCommandLegacy")
async def run_queue_command(ctx: Ctx) -> Response:
    queue = _queue(ctx)
    body = await ctx.request.json()
    v = Validator(body)
    command = v.enum("command", COMMANDS, required=True)
    force = v.boolean("force")
    v.check()
    assert command is not None
    run_command(ctx, queue, command, bool(force))
    return JSONResponse(queue_legacy_dto(queue))


@handler("createJob")
async def create_job(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    v.enum("name", MANUAL_JOBS, required=True)
    v.check()
    return EmptyResponse(204)


@handler("getQueues")
async def get_queues(ctx: Ctx) -> Response:
    queues = ctx.fake.state.queues
    return JSONResponse([queue_dto(queues[name]) for name in QUEUE_ENUM])


@handler("getQueue")
async def get_queue(ctx: Ctx) -> Response:
    return JSONResponse(queue_dto(_queue(ctx)))


@handler("updateQueue")
async def update_queue(ctx: Ctx) -> Response:
    queue = _queue(ctx)
    body = await ctx.request.json()
    v = Validator(body)
    paused = v.boolean("isPaused")
    v.check()
    if paused and queue.id == "backgroundTask":  # Immich's own housekeeping (the legacy
        # PUT /jobs/backgroundTask pause is accepted, as on the real server)
        raise HTTPError(400, "The BackgroundTask queue cannot be paused")
    if paused is not None and paused != queue.is_paused:
        set_paused(ctx, queue, paused)
    return JSONResponse(queue_dto(queue))


@handler("emptyQueue")
async def empty_queue(ctx: Ctx) -> Response:
    queue = _queue(ctx)
    body = await ctx.request.json()
    v = Validator(body)
    failed = v.boolean("failed")
    v.check()
    queue.paused = queue.waiting = 0
    if failed:
        queue.failed = 0
    ctx.fake.state.save(queue)
    return EmptyResponse(204)


@handler("getQueueJobs")
async def get_queue_jobs(ctx: Ctx) -> Response:
    _queue(ctx)
    return JSONResponse([])
