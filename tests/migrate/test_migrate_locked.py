"""The locked folder: listed through a PIN-unlocked session on the source, uploaded into the
target's locked folder with an API key (which may not change it afterwards)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import httpx

from immich_bulk import AsyncClient
from immich_bulk.models import (
    AssetVisibility,
    LoginCredentialDto,
    PinCodeSetupDto,
    SessionUnlockDto,
)
from immich_bulk.samples import jpeg_bytes
from immich_bulk.testing import FakeImmich
from immich_bulk.testing.fake import DEFAULT_BASE_URL
from immich_bulk.transfer.migrate.engine import LOCKED_ON_TARGET, migrate, verify_migration
from tests.migrate.helpers import FAST, WHEN, on_target, servers


@contextlib.asynccontextmanager
async def unlocked_session(fake: FakeImmich, email: str) -> AsyncIterator[AsyncClient]:
    """A client on a login session of *email* (password ``password``), PIN-unlocked."""
    transport = httpx.ASGITransport(app=fake.app)
    async with AsyncClient(DEFAULT_BASE_URL, transport=transport) as anonymous:
        login = await anonymous.authentication.login(
            LoginCredentialDto(email=email, password="password")
        )
    async with AsyncClient(
        DEFAULT_BASE_URL, access_token=login.access_token, transport=transport
    ) as client:
        await client.authentication.setup_pin_code(PinCodeSetupDto(pin_code="123456"))
        await client.authentication.unlock_auth_session(SessionUnlockDto(pin_code="123456"))
        yield client


async def test_a_locked_asset_goes_into_the_targets_locked_folder_and_stays_there() -> None:
    async with servers() as (src, tgt):
        secret = src.fake.add_asset(
            src.user, jpeg_bytes(7, WHEN), "secret.jpg", file_created_at=WHEN,
            visibility="locked", description="for my eyes",
        )  # fmt: skip
        src.fake.add_asset(src.user, jpeg_bytes(8, WHEN), "open.jpg", file_created_at=WHEN)

        with_keys = await migrate(src.client, tgt.client, state_path=None, config=FAST)
        assert with_keys.counts == {"migrated": 1}  # an API key does not see the locked one
        assert any("locked folder" in note for note in with_keys.notes)

        async with unlocked_session(src.fake, src.user.email) as source:
            report = await migrate(source, tgt.client, state_path=None, config=FAST)
            assert report.ok and report.counts == {"migrated": 1, "exists": 1}, [
                o.to_dict() for o in report.outcomes()
            ]
            copy = on_target(tgt, secret)
            assert copy.visibility == AssetVisibility.LOCKED
            assert copy.description == "for my eyes"  # the sidecar carried it

            again = await migrate(source, tgt.client, state_path=None, config=FAST)
            assert again.ok and again.counts == {"exists": 2}, [
                o.to_dict() for o in again.outcomes()
            ]
            (locked,) = [o for o in again.outcomes() if o.item == secret.id]
            assert LOCKED_ON_TARGET in (locked.reason or "")

            async with unlocked_session(tgt.fake, tgt.user.email) as target:
                diff = await verify_migration(source, target)
        assert diff.ok and not [n for n in diff.notes if "locked" in n], diff.notes
