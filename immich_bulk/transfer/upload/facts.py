"""What an upload looks up before it starts, kept per client: the server's supported media
types, the current user, and the user's albums by name.

None of it changes from one upload to the next on the same client (the same server, the
same credentials), so a program that calls ``client.assets.upload`` in a loop -- a folder
synced every minute -- asks for it once, not three requests per call. The album list is
the one fact the uploads change themselves: an album a run creates is added to it, and an
album id the server no longer knows (deleted meanwhile) drops the list, which the next
lookup asks the server for again.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import attrs

from ..server.albums import AlbumCache

if TYPE_CHECKING:
    from ...client import AsyncClient
    from ...models import ServerMediaTypesResponseDto

__all__ = ["AlbumCache", "ClientFacts", "facts_for"]


@attrs.define(eq=False)
class ClientFacts:
    media: ServerMediaTypesResponseDto | None = None
    user_id: str | None = None
    albums: AlbumCache = attrs.Factory(AlbumCache)


_FACTS: weakref.WeakKeyDictionary[AsyncClient, ClientFacts] = weakref.WeakKeyDictionary()


def facts_for(client: AsyncClient) -> ClientFacts:
    """The facts kept for *client* (gone with it)."""
    facts = _FACTS.get(client)
    if facts is None:
        facts = _FACTS[client] = ClientFacts()
    return facts
