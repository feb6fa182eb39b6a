"""Helpers of the end-to-end suite: users, the command, waiting for the server's jobs."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import anyio
import attrs

from immich_bulk import AsyncClient
from immich_bulk.models import (
    APIKeyCreateDto,
    AssetResponseDto,
    AssetVisibility,
    LoginCredentialDto,
    MetadataSearchDto,
    Permission,
    UserAdminCreateDto,
)

#: How long a test waits for the server's background jobs (thumbnails, metadata) at most.
JOBS_TIMEOUT = 180.0


@attrs.frozen
class RealServer:
    url: str
    admin_key: str = attrs.field(repr=False)
    version: str


@attrs.frozen
class RealUser:
    server: RealServer
    id: str
    email: str
    password: str = attrs.field(repr=False)
    api_key: str = attrs.field(repr=False)

    def client(self, **kwargs: object) -> AsyncClient:
        return AsyncClient(self.server.url, api_key=self.api_key, **kwargs)  # type: ignore[arg-type]

    def env(self, state: Path | None = None) -> dict[str, str]:
        """The environment of an ``immich-bulk`` run as this user (no saved login read)."""
        env = dict(os.environ)
        env.update(
            IMMICH_INSTANCE_URL=self.server.url,
            IMMICH_API_KEY=self.api_key,
            XDG_CONFIG_HOME=str((state or Path("/nonexistent")).parent / "config"),
            PYTHONUNBUFFERED="1",
        )
        return env


async def create_user(
    server: RealServer,
    admin: AsyncClient,
    *,
    name: str,
    is_admin: bool = False,
    quota: int | None = None,
) -> RealUser:
    """A new user (an admin with *is_admin*; a storage quota of *quota* bytes) with an API
    key holding every permission."""
    email = f"{name}@example.com"
    password = secrets.token_urlsafe(12)
    created = await admin.users_admin.create_user_admin(
        UserAdminCreateDto(
            email=email,
            password=password,
            name=name,
            should_change_password=False,
            is_admin=is_admin,
            quota_size_in_bytes=quota,
        )
    )
    async with AsyncClient(server.url) as anonymous:
        login = await anonymous.authentication.login(
            LoginCredentialDto(email=email, password=password)
        )
    async with AsyncClient(server.url, access_token=login.access_token) as session:
        key = await session.api_keys.create_api_key(
            APIKeyCreateDto(name="e2e", permissions=[Permission.ALL])
        )
    return RealUser(
        server=server, id=created.id, email=email, password=password, api_key=key.secret
    )


async def all_assets(client: AsyncClient, **filters: object) -> list[AssetResponseDto]:
    """Every asset of the client's user matching *filters* (``MetadataSearchDto`` fields),
    trashed ones included when ``with_deleted=True`` is given. Without ``visibility`` Immich
    searches the timeline only (see :func:`every_asset`)."""
    found: list[AssetResponseDto] = []
    page = 1
    while True:
        result = await client.search.search_assets(
            MetadataSearchDto(page=page, size=1000, with_exif=True, **filters)  # type: ignore[arg-type]
        )
        found.extend(result.assets.items)
        if not result.assets.next_page:
            return found
        page = int(result.assets.next_page)


async def every_asset(client: AsyncClient, **filters: object) -> list[AssetResponseDto]:
    """Every asset of the client's user that an API key can list: Immich searches one
    visibility at a time (the timeline when none is given), and never the locked folder
    without a PIN session."""
    found: list[AssetResponseDto] = []
    for visibility in (AssetVisibility.TIMELINE, AssetVisibility.ARCHIVE, AssetVisibility.HIDDEN):
        found += await all_assets(client, visibility=visibility, **filters)
    return found


async def wait_for_jobs(admin: AsyncClient, *, at_most: float = JOBS_TIMEOUT) -> None:
    """Wait until no queue of the server has work pending (metadata read, thumbnails made)."""
    with anyio.fail_after(at_most):
        idle_polls = 0
        while idle_polls < 2:  # twice in a row: one job often queues the next
            queues = await admin.queues.get_queues()
            busy = sum(
                q.statistics.active + q.statistics.waiting + q.statistics.delayed
                for q in queues
                if not q.is_paused
            )
            idle_polls = idle_polls + 1 if busy == 0 else 0
            await anyio.sleep(0.25)


def run_cli(
    args: Sequence[str],
    *,
    env: Mapping[str, str],
    timeout: float = 600,
    check: bool = False,
) -> subprocess.CompletedProcess[str]:
    """``immich-bulk ARGS`` in a child process (the command as a user runs it)."""
    done = subprocess.run(
        [sys.executable, "-m", "immich_bulk", *args],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and done.returncode != 0:
        raise AssertionError(
            f"immich-bulk {' '.join(args)} exited {done.returncode}\n"
            f"stdout:\n{done.stdout[-3000:]}\nstderr:\n{done.stderr[-3000:]}"
        )
    return done
