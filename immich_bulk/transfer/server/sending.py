"""Sending one file to Immich as a new asset: the one upload path of every engine that
uploads (upload, migrate, takeout).

:func:`send_asset` posts the multipart request with

- the answer timeout scaled to the file's size (:func:`._engine.upload_timeouts`: the
  server stores the whole file before it answers) and the client's stall limit (a body
  that stops moving fails the try);
- the retries of the client it is given (an engine passes its view of the config's
  policy), in ONE loop: a body that can be opened again is retried by the sender itself,
  and nothing retries around it;
- progress that rewinds: :class:`Sending` counts the bytes handed over, and takes them
  back (a negative :class:`~.events.BytesTransferred`) when a try starts over.

What is sent is an :class:`~immich_bulk.files.UploadFile`: a local file (a path, opened
again for every try), or a body that is not a local file, given as a
:data:`~immich_bulk.files.StreamOpener` with its ``size`` and ``sha1``: e.g. a member of a
zip file (the opener opens the member, each read in a worker thread) or the original of
an asset on another server (the opener starts the download). The opener is called for
every try; the bytes are checked against ``size`` and ``sha1`` while they stream, and a
mismatch (or a failing source) fails the try before its last byte, so the server never
stores a wrong file, and the next try opens the source again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from ..._http.retry import RetryEvent, observe_retries
from ..._types import UNSET
from .._engine import upload_timeouts
from ..events import BytesTransferred, EventHub, ItemRetrying

if TYPE_CHECKING:
    from ..._http.response import ApiResponse
    from ...client import AsyncClient
    from ...models import AssetMediaCreateDto, AssetMediaResponseDto

__all__ = ["Sending", "send_asset"]


@attrs.define(eq=False)
class Sending:
    """One item's upload in progress: the bytes handed over so far (events for the
    progress display; :attr:`sent` is rewound when a try starts over) and its retries."""

    item: str
    stage: str
    hub: EventHub
    counted: Callable[[int], None] = lambda delta: None
    """Told of every byte delta too (an engine's running total)."""
    on_retry: Callable[[RetryEvent], None] = lambda event: None
    """Told of every retry (e.g. adaptive concurrency backing off)."""
    sent: int = 0
    retries: int = 0

    def progress(self, count: int) -> None:
        """For ``UploadFile(progress=...)``: *count* bytes were handed over."""
        self.sent += count
        self.counted(count)
        self.hub.emit(BytesTransferred(item=self.item, stage=self.stage, delta=count))

    def rewind(self) -> None:
        """Take back what this try handed over (the next one starts from the first byte)."""
        if self.sent:
            self.counted(-self.sent)
            self.hub.emit(BytesTransferred(item=self.item, stage=self.stage, delta=-self.sent))
            self.sent = 0

    def retrying(self, event: RetryEvent) -> None:
        self.retries += 1
        self.on_retry(event)
        self.rewind()
        self.hub.emit(
            ItemRetrying(
                item=self.item,
                stage=self.stage,
                attempt=event.attempt,
                reason=event.reason,
                delay=event.delay,
            )
        )


async def send_asset(
    client: AsyncClient,
    request: AssetMediaCreateDto,
    *,
    size: int,
    checksum: str | None,
    min_bytes_per_second: int,
    sending: Sending,
) -> ApiResponse[AssetMediaResponseDto]:
    """Upload *request* (its ``asset_data`` built with ``progress=sending.progress``);
    *checksum* (hex SHA-1) goes in the header that lets a server with the asset answer
    without reading the body. Status 201: a new asset; 200: the server had it."""
    timeout = upload_timeouts(client.timeouts, size, min_bytes_per_second)
    with observe_retries(sending.retrying):
        return await client.assets.upload_asset_with_http_info(
            request,
            x_immich_checksum=checksum if checksum is not None else UNSET,
            _request_timeout=timeout,
        )
