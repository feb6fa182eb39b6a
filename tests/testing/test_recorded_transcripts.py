"""Replay the scenarios recorded against a real Immich v2.7.5 (tests/testing/transcripts/)
against FakeImmich: each answer of the fake must be the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from immich_bulk.testing import FakeImmich

from .transcripts import Session, now_years, replay, scenario_dirs

EMAIL = "transcripts@example.com"
PASSWORD = "transcripts-password"

#: What the fake does not model, by design (docs/testing.md, "Known differences"): Immich
#: names the zone of a photo with a GPS position after that place, from a geographic
#: database; the fake keeps the offset of the date (UTC+2).
KNOWN_DIFFERENCES = {
    ("upload-sidecars", "info-a"): ("$.exifInfo.timeZone",),
    ("upload-sidecars", "info-b"): ("$.exifInfo.timeZone",),
    ("migrate-metadata", "info-inline-gps"): ("$.exifInfo.timeZone",),
}


async def _no_jobs_to_wait_for() -> None:
    """The fake's jobs run at once."""


@pytest.mark.parametrize("folder", scenario_dirs(), ids=lambda p: p.name)
async def test_the_fake_answers_as_the_real_server_did(folder: Path) -> None:
    async with FakeImmich() as fake:
        # as tests/e2e/real.py makes its users
        user = fake.state.create_user(EMAIL, "transcripts", PASSWORD, should_change_password=False)
        values = {
            "$API_KEY": fake.create_api_key(user),
            "$ADMIN_KEY": fake.api_key,
            "$USER_EMAIL": EMAIL,
            "$USER_NAME": "transcripts",
            "$USER_ID": user.id,
            "$PASSWORD": PASSWORD,
        }
        async with fake.httpx_client(api_key="") as http:
            session = Session(http, values, _no_jobs_to_wait_for, now_years=now_years(folder))
            failures = await replay(folder, session)
    for case in list(failures):
        known = KNOWN_DIFFERENCES.get((folder.name, case.split("-", 1)[1]), ())
        failures[case] = [p for p in failures[case] if p.split(":")[0] not in known]
        if not failures[case]:
            del failures[case]
    assert not failures, "\n".join(f"{n}:\n  " + "\n  ".join(p[:12]) for n, p in failures.items())


def test_every_scenario_is_recorded() -> None:
    from .transcripts.scenarios import SCENARIOS

    assert sorted(SCENARIOS) == [p.name for p in scenario_dirs()]
