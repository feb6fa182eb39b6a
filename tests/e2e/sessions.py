"""Logged-in sessions: the only credentials that can reach a user's locked folder."""

from __future__ import annotations

from immich_bulk import AsyncClient
from immich_bulk.models import LoginCredentialDto, PinCodeSetupDto, SessionUnlockDto

from .real import RealUser

PIN = "123456"


async def unlocked_session(user: RealUser) -> AsyncClient:
    """A client on a new login session of *user*, unlocked with a PIN code (set up here on
    the first call): it may list, read and change locked assets, which no API key can."""
    async with AsyncClient(user.server.url) as anonymous:
        login = await anonymous.authentication.login(
            LoginCredentialDto(email=user.email, password=user.password)
        )
    client = AsyncClient(user.server.url, access_token=login.access_token)
    status = await client.authentication.get_auth_status()
    if not status.pin_code:
        await client.authentication.setup_pin_code(PinCodeSetupDto(pin_code=PIN))
    await client.authentication.unlock_auth_session(SessionUnlockDto(pin_code=PIN))
    return client
