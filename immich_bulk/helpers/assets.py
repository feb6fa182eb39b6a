"""``client.assets``: every generated operation, plus bulk upload and download helpers."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING

from .._types import DEFAULT_PATH
from ..api.assets import AssetsApi as GeneratedAssetsApi
from .asset_files import AssetFileHelpers

if TYPE_CHECKING:  # the engines load on the first transfer, not with ``client.assets``
    from typing_extensions import Unpack

    from ..transfer.config import UploadConfig
    from ..transfer.events import Listener
    from ..transfer.local.fsutil import StrPath
    from ..transfer.overrides import TakeoutOverrides, UploadOverrides
    from ..transfer.report import TakeoutReport, UploadReport
    from ..transfer.state import StatePath
    from ..transfer.takeout.importer import TakeoutOptions
    from ..transfer.upload.engine import UploadOptions
    from ..transfer.upload.handle import UploadRun

__all__ = ["AssetsApi"]


class AssetsApi(AssetFileHelpers, GeneratedAssetsApi):
    """Assets: the API operations, :meth:`upload` for whole folders, and the
    ``*_to_file`` download helpers (resumable, verified)."""

    async def upload(
        self,
        paths: Iterable[StrPath] | StrPath,
        *,
        options: UploadOptions | None = None,
        config: UploadConfig | None = None,
        state_path: StatePath = DEFAULT_PATH,
        on_event: Listener | None = None,
        **overrides: Unpack[UploadOverrides],
    ) -> UploadReport:
        """Upload files and folders: every supported media file ends up on the server
        exactly once (duplicates, by SHA-1, are recognised and not sent again).

        Returns a report with one outcome per file found (uploaded, duplicate, skipped
        with a reason, or failed with a reason). Re-running after an interruption resumes:
        unchanged files are not hashed again and files already uploaded are not sent again
        (``state_path``: the SQLite state file; None disables it).

        What to do is *options* (:class:`~immich_bulk.transfer.UploadOptions`:
        ``album``, ``album_from_folder``, ``include``/``exclude``, ``delete``, ``dry_run``,
        ``pause_jobs``, ``wait_for_jobs`` ...), how fast *config*
        (:class:`~immich_bulk.transfer.UploadConfig`); any of their fields may be given as
        a keyword instead, overriding them: ``concurrency`` sets the number of parallel
        uploads, or ``"auto"`` to let it adapt to the server while running;
        ``max_bytes_per_second`` caps the bandwidth of all uploads together;
        ``pause_jobs`` pauses the server's thumbnail/metadata job queues during the
        upload (default "auto": once a few dozen files are to send, with an admin key;
        True at once, False never; always resumed), ``wait_for_jobs`` waits for them to
        finish afterwards; ``watch=True`` keeps uploading new and changed files until
        stopped -- use :meth:`start_upload` for it, whose handle stops the watch and gives
        the report. An unknown keyword is a TypeError naming it.
        """
        from ..transfer.upload.engine import upload

        return await upload(
            self._client,
            paths,
            options=options,
            config=config,
            state_path=state_path,
            on_event=on_event,
            **overrides,
        )

    def start_upload(
        self,
        paths: Iterable[StrPath] | StrPath,
        *,
        options: UploadOptions | None = None,
        config: UploadConfig | None = None,
        state_path: StatePath = DEFAULT_PATH,
        on_event: Listener | None = None,
        **overrides: Unpack[UploadOverrides],
    ) -> AbstractAsyncContextManager[UploadRun]:
        """:meth:`upload` with a handle on it while it runs: subscribe to its events,
        stop it and still get the report (the arguments are :meth:`upload`'s)::

            async with client.assets.start_upload("~/Pictures", watch=True) as run:
                async for event in run.events():
                    ...  # run.stop() ends it
            report = run.report

        Leaving the block waits for the upload to end; a watch (``watch=True``: keep
        uploading new and changed files) is stopped first, as is the upload when the block
        raises. ``run.wait()`` waits for the report inside the block.
        """
        from ..transfer.upload.handle import start_upload

        return start_upload(
            self._client,
            paths,
            options=options,
            config=config,
            state_path=state_path,
            on_event=on_event,
            **overrides,
        )

    async def import_takeout(
        self,
        paths: Iterable[StrPath] | StrPath,
        *,
        options: TakeoutOptions | None = None,
        config: UploadConfig | None = None,
        state_path: StatePath = DEFAULT_PATH,
        on_event: Listener | None = None,
        **overrides: Unpack[TakeoutOverrides],
    ) -> TakeoutReport:
        """Import a Google Photos Takeout: ``paths`` are its ``.zip``/``.tgz`` parts and
        extracted folders, in any mix (docs/takeout.md).

        Every part is indexed first, without extracting anything (the index lives beside
        the state file: a re-run, or a run given one more part, reads only what is new);
        then each photo is streamed from its part with the metadata of its JSON (capture
        time, favourite, archive or locked visibility, description, location), added to
        its albums (one per album folder: same titles stay apart) and live photos are
        linked. Trashed and partner-shared photos are skipped unless asked; Locked Folder
        items go to the locked folder unless ``skip_locked``. Returns a report with one
        outcome per media file (and one per JSON file without media); a re-run resumes
        with the same exactly-once guarantee as :meth:`upload`.

        What to do is *options* (:class:`~immich_bulk.transfer.takeout.importer.TakeoutOptions`),
        how fast *config* (:class:`~immich_bulk.transfer.UploadConfig`); any of their
        fields may be given as a keyword instead (``include_trashed=``, ``concurrency=``,
        ``max_bytes_per_second=`` ...), overriding them. An unknown keyword is a TypeError
        naming it.
        """
        from ..transfer.takeout.importer import import_takeout

        return await import_takeout(
            self._client,
            paths,
            options=options,
            config=config,
            state_path=state_path,
            on_event=on_event,
            **overrides,
        )
