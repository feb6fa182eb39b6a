"""``immich-bulk jobs``: the server's job queues; resume what a killed run left paused."""

from __future__ import annotations

import argparse
from typing import Any

from ..transfer.server.jobs import INGEST_QUEUES, JobControl, describe_owner, owner_alive
from ..transfer.state import StateStore
from .context import Context, add_common_options, state_path
from .display import echo


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "jobs",
        help="show the server's job queues; --resume resumes what a killed run left paused",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--resume",
        action="store_true",
        help="resume the queues a previous run of this tool paused (recorded in the state file)",
    )
    action.add_argument(
        "--wait", action="store_true", help="wait until the ingest queues have no jobs left"
    )
    state = parser.add_mutually_exclusive_group()
    state.add_argument("--state", metavar="FILE", help="state file (default: user cache dir)")
    state.add_argument("--no-state", action="store_true", help=argparse.SUPPRESS)
    add_common_options(parser)
    parser.set_defaults(run=run)


async def run(args: argparse.Namespace, ctx: Context) -> int:
    listeners, _ = ctx.listeners("jobs")
    async with ctx.client() as client, StateStore.open(state_path(args)) as store:
        from ..transfer.events import EventHub

        control = JobControl(client, store, EventHub(listeners))
        if args.resume:
            records = await store.paused_queues(client.base_url)
            if not records:
                echo("no job queues recorded as paused by this tool on this server", ctx.stdout)
                return 0
            # by hand: also the queues of runs on other hosts (their state cannot be known)
            running = [r for r in records if owner_alive(r.owner) is True]
            stale = [r for r in records if r not in running]
            resumed: list[str] = []
            for record in stale:
                resumed += await control.resume(record.queues, owner=record.owner)
            for record in running:
                echo(
                    f"left alone: {', '.join(record.queues)} (paused by a run still going: "
                    f"{describe_owner(record.owner)})",
                    ctx.stdout,
                )
            echo(f"resumed: {', '.join(resumed) or 'nothing'}", ctx.stdout)
            return 0 if len(resumed) == sum(len(r.queues) for r in stale) else 1
        if args.wait:
            await control.wait_until_drained(
                on_progress=lambda n: print(f"{n} jobs left", file=ctx.stderr, flush=True)
            )
            return 0
        states = await control.status()
        records = await store.paused_queues(client.base_url)
    if args.json:
        ctx.print_json(
            {
                "queues": {
                    n: {"paused": s.paused, "pending": s.pending} for n, s in states.items()
                },
                "pausedByThisTool": sorted({n for r in records for n in r.queues}),
                "pausedBy": [
                    {
                        "queues": list(r.queues),
                        "run": describe_owner(r.owner),
                        "running": owner_alive(r.owner),
                    }
                    for r in records
                ],
            }
        )
        return 0
    for name, state in sorted(states.items()):
        mark = " (ingest)" if name in INGEST_QUEUES else ""
        paused = "paused " if state.paused else "running"
        echo(f"{name:<26}{paused}  {state.pending:>6} pending{mark}", ctx.stdout)
    for record in records:
        alive = owner_alive(record.owner)
        status = {
            True: "still going",
            False: "ended without resuming them: `immich-bulk jobs --resume`",
            None: "on another host: `immich-bulk jobs --resume` once it has ended",
        }[alive]
        echo(
            f"recorded as paused by this tool: {', '.join(record.queues)} "
            f"(run {describe_owner(record.owner)}, {status})",
            ctx.stdout,
        )
    return 0
