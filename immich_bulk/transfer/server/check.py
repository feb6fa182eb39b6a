"""The server's duplicate check before sending: one ``bulk-upload-check`` request for a
batch of files, and its answer about each in the words of a report. The engines that
upload local files (upload, takeout) ask it the same way; what they do with each answer
is theirs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from ...models import AssetBulkUploadCheckDto, AssetBulkUploadCheckItem

if TYPE_CHECKING:
    from ...client import AsyncClient

__all__ = ["CheckAnswer", "bulk_check"]


@attrs.frozen
class CheckAnswer:
    """What the server says about one file."""

    action: Literal["send", "present", "refused", "unanswered"]
    """``send``: it does not have it; ``present``: it has it as :attr:`asset_id`;
    ``refused``: it will not take it; ``unanswered``: the answer left it out."""
    reason: str = ""
    """Why it is not to be sent, for the report."""
    asset_id: str | None = None
    """The asset the server has (``present`` only)."""


async def bulk_check(client: AsyncClient, checksums: Sequence[bytes]) -> list[CheckAnswer]:
    """The server's answer about each of *checksums* (SHA-1s), in their order, from one
    request; raises :class:`~immich_bulk.errors.ImmichError` when the request fails."""
    request = AssetBulkUploadCheckDto(
        assets=[
            AssetBulkUploadCheckItem(id=str(n), checksum=sha1.hex())
            for n, sha1 in enumerate(checksums)
        ]
    )
    response = await client.assets.check_bulk_upload(request)
    # the answers carry the ids of the request, not necessarily in its order
    answers = {r.id: r for r in response.results}
    result = []
    for n in range(len(checksums)):
        answer = answers.get(str(n))
        if answer is None:
            result.append(CheckAnswer("unanswered", "the server's duplicate check gave no answer"))
        elif answer.action == "accept":
            result.append(CheckAnswer("send"))
        elif answer.reason == "duplicate" and answer.asset_id:
            trashed = " (in the server's trash)" if answer.is_trashed else ""
            reason = f"the server already has it{trashed}"
            result.append(CheckAnswer("present", reason, answer.asset_id))
        else:
            reason = f"rejected by the server: {answer.reason or 'no reason given'}"
            result.append(CheckAnswer("refused", reason))
    return result
