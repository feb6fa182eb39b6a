"""The recorded answers (tests/testing/transcripts/) are still the real server's: each
scenario replayed against it gives the answers that were recorded, as the fake must."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from immich_bulk import AsyncClient
from tests.testing.transcripts import Session, now_years, replay, scenario_dirs

from .real import RealServer, RealUser, wait_for_jobs


@pytest.mark.parametrize("folder", scenario_dirs(), ids=lambda p: p.name)
async def test_the_real_server_still_answers_as_recorded(
    folder: Path, real_server: RealServer, user: RealUser, admin: AsyncClient
) -> None:
    values = {
        "$API_KEY": user.api_key,
        "$ADMIN_KEY": real_server.admin_key,
        "$USER_EMAIL": user.email,
        "$USER_NAME": user.email.split("@")[0],
        "$USER_ID": user.id,
        "$PASSWORD": user.password,
    }
    async with httpx.AsyncClient(base_url=real_server.url, timeout=120) as http:
        session = Session(http, values, lambda: wait_for_jobs(admin), now_years=now_years(folder))
        failures = await replay(folder, session)
    assert not failures, "\n".join(f"{n}:\n  " + "\n  ".join(p[:12]) for n, p in failures.items())
