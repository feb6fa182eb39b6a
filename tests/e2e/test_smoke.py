"""The harness itself: the server answers, users are separate."""

from __future__ import annotations

from immich_bulk import AsyncClient

from .real import RealServer, RealUser


async def test_the_server_is_the_version_this_client_was_generated_for(
    real_server: RealServer, client: AsyncClient
) -> None:
    about = await client.server.get_about_info()
    assert about.version.lstrip("v") == real_server.version == "2.7.5"


async def test_each_test_gets_a_user_of_its_own(
    user: RealUser, other_user: RealUser, client: AsyncClient
) -> None:
    me = await client.users.get_my_user()
    assert me.id == user.id != other_user.id
    assert me.email == user.email
