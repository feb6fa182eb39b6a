"""A handle on a running upload: its events, ``stop()``, and the report at the end.

``await upload(...)`` gives the report and nothing before it; :func:`start_upload` gives
an :class:`UploadRun` while the upload runs (``client.assets.start_upload``)::

    async with client.assets.start_upload("~/Pictures", watch=True) as run:
        async for event in run.events():
            if ...:
                run.stop()
    print(run.report.summary())

Leaving the ``async with`` waits for the upload to end -- a watch is stopped first, it
lasts as long as the block -- and an error in the block stops the upload too (its report
is kept, the error goes on). ``stop()`` ends the run cleanly: the state file is written
and the report accounts for every file found.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import anyio

from .._engine import single_errors
from ..config import UploadConfig
from ..events import EventHub, EventSubscription, Listener
from ..overrides import apply_overrides
from ..state import DEFAULT_PATH, StatePath, StateStore
from .engine import Uploader, UploadOptions

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ...client import AsyncClient
    from ..local.fsutil import StrPath
    from ..overrides import UploadOverrides
    from ..report import UploadReport

__all__ = ["UploadRun", "start_upload"]


class UploadRun:
    """One upload in progress (made by :func:`start_upload`)."""

    def __init__(self, options: UploadOptions, on_event: Listener | None = None) -> None:
        self.options = options
        self.hub = EventHub([on_event] if on_event else None)
        self.engine: Uploader | None = None
        """The engine, once the state file is open (for its lower-level parts)."""
        self.report: UploadReport | None = None
        """The report, once the upload ended (None before)."""
        self._stops = 0
        self._done = anyio.Event()

    def events(self) -> EventSubscription:
        """The events from now until the upload ends: ``async for event in run.events()``
        (a subscription made before the first event sees them all)."""
        return self.hub.subscribe()

    def stop(self, *, now: bool = False) -> None:
        """End the upload: the state is saved, and the report says what happened to every
        file found. A watch stops looking for new files and finishes those on their way
        first (unless *now*, or when stopped a second time); any other upload ends at
        once: work in flight is abandoned (a re-run resumes it)."""
        self._stops += 2 if now else 1
        if self.engine is not None:
            for _ in range(2 if now else 1):
                self.engine.stop()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    async def wait(self) -> UploadReport:
        """Wait for the upload to end (a watch ends only by :meth:`stop`); its report."""
        await self._done.wait()
        assert self.report is not None
        return self.report

    async def _run(
        self,
        client: AsyncClient,
        paths: Iterable[StrPath] | StrPath,
        config: UploadConfig,
        state_path: StatePath,
    ) -> None:
        try:
            async with StateStore.open(state_path) as store:
                self.engine = Uploader(
                    client, paths, options=self.options, config=config, store=store, hub=self.hub
                )
                for _ in range(min(self._stops, 2)):
                    self.engine.stop()
                self.report = await self.engine.run()
        finally:
            self.hub.close()  # also when the state file could not be opened
            self._done.set()


@asynccontextmanager
async def start_upload(
    client: AsyncClient,
    paths: Iterable[StrPath] | StrPath,
    *,
    options: UploadOptions | None = None,
    config: UploadConfig | None = None,
    state_path: StatePath = DEFAULT_PATH,
    on_event: Listener | None = None,
    **overrides: Unpack[UploadOverrides],
) -> AsyncIterator[UploadRun]:
    """Start an upload (the arguments of :func:`~.engine.upload`) and give its handle."""
    options, config = apply_overrides(
        "start_upload", options, UploadOptions, config, UploadConfig, overrides
    )
    run = UploadRun(options, on_event)
    with single_errors():
        async with anyio.create_task_group() as tg:
            tg.start_soon(run._run, client, paths, config, state_path)
            try:
                yield run
            except BaseException:
                run.stop(now=True)  # its report is kept for the caller
                with anyio.CancelScope(shield=True):
                    await run._done.wait()
                raise
            if options.watch:
                run.stop()
            await run.wait()
