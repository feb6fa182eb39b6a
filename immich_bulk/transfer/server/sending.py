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

:class:`UploadingEngine` is the part of an engine that sends files with an
:class:`~..config.UploadConfig` (upload, takeout): the run's client with the config's
retries, the concurrency limiter, the bandwidth cap, the job queues it may pause and the
wait for them to drain.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

import anyio
import attrs

from ..._http.retry import RetryEvent, observe_retries
from ..._types import UNSET
from ...errors import AuthenticationError, PermissionDeniedError
from .._engine import Engine, upload_timeouts
from ..config import UploadConfig
from ..events import BytesTransferred, EventHub, ItemRetrying, JobsPending, Notice
from .jobs import JobControl
from .ratelimit import RateLimiter

if TYPE_CHECKING:
    from ..._http.response import ApiResponse
    from ...client import AsyncClient
    from ...models import AssetMediaCreateDto, AssetMediaResponseDto
    from ..local.fsutil import StrPath
    from ..report import TransferReport
    from ..state import StateStore

__all__ = ["Sending", "UploadingEngine", "send_asset"]

R = TypeVar("R", bound="TransferReport")


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


class UploadingEngine(Engine[R]):
    """The base of the engines that send files under an :class:`UploadConfig` (see the
    module documentation); a subclass sets its ``options`` before calling this."""

    def __init__(
        self,
        client: AsyncClient,
        paths: Iterable[StrPath] | StrPath,
        *,
        config: UploadConfig | None,
        store: StateStore,
        hub: EventHub | None,
        dry_run: bool,
    ) -> None:
        self.config = config or UploadConfig()
        self.client = client.with_retry(self.config.retry)  # every call of the run
        self.paths: list[StrPath] = (
            [paths] if isinstance(paths, (str, bytes, os.PathLike)) else list(paths)
        )
        super().__init__(
            store=store, hub=hub, max_failures=self.config.max_failures, dry_run=dry_run
        )
        self.limiter = anyio.CapacityLimiter(self.config.concurrency)
        self.rate: RateLimiter | None = None
        if self.config.max_bytes_per_second:
            self.rate = RateLimiter(self.config.max_bytes_per_second)
        self.jobs = JobControl(client, store, self.hub)
        self.paused_jobs: list[str] = []

    async def _wait_for_jobs(self) -> None:
        """Wait until the server's ingest queues are empty (an admin key's right)."""

        def progress(pending: int) -> None:
            self.hub.emit(JobsPending(pending=pending))

        try:
            await self.jobs.wait_until_drained(on_progress=progress)
        except (AuthenticationError, PermissionDeniedError):
            self.hub.emit(
                Notice(
                    message="waiting for jobs needs an admin API key; not waiting", level="warning"
                )
            )
