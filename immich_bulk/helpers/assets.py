"""``client.assets``: every generated operation, plus bulk upload and download helpers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

import attrs

from ..api.assets import AssetsApi as GeneratedAssetsApi
from ..models import AssetVisibility
from ..transfer.state import DEFAULT_PATH, StatePath
from .asset_files import AssetFileHelpers

if TYPE_CHECKING:  # the engines load on the first transfer, not with ``client.assets``
    from ..transfer.config import UploadConfig
    from ..transfer.events import Listener
    from ..transfer.local.fsutil import StrPath
    from ..transfer.report import TransferReport

__all__ = ["AssetsApi"]


class AssetsApi(AssetFileHelpers, GeneratedAssetsApi):
    """Assets: the API operations, :meth:`upload` for whole folders, and the
    ``*_to_file`` download helpers (resumable, verified)."""

    async def upload(
        self,
        paths: Iterable[StrPath] | StrPath,
        *,
        album: str | None = None,
        album_from_folder: bool = False,
        include: Iterable[str] = (),
        exclude: Iterable[str] = (),
        include_hidden: bool = False,
        follow_symlinks: bool = True,
        recursive: bool = True,
        dry_run: bool = False,
        delete: bool = False,
        delete_duplicates: bool = False,
        skip_hash: bool = False,
        visibility: AssetVisibility | None = None,
        favorite: bool = False,
        recheck: bool = False,
        pause_jobs: bool = False,
        wait_for_jobs: bool = False,
        concurrency: int | Literal["auto"] | None = None,
        max_bytes_per_second: int | None = None,
        config: UploadConfig | None = None,
        state_path: StatePath = DEFAULT_PATH,
        on_event: Listener | None = None,
    ) -> TransferReport:
        """Upload files and folders: every supported media file ends up on the server
        exactly once (duplicates, by SHA-1, are recognised and not sent again).

        Returns a report with one outcome per file found (uploaded, duplicate, skipped
        with a reason, or failed with a reason). Re-running after an interruption resumes:
        unchanged files are not hashed again and files already uploaded are not sent again
        (``state_path``: the SQLite state file; None disables it).

        ``concurrency`` sets the number of parallel uploads, or ``"auto"`` to let it adapt
        to the server while running; ``max_bytes_per_second`` caps the bandwidth of all
        uploads together; ``pause_jobs`` pauses the server's thumbnail/metadata job queues
        during the upload (admin key needed; always resumed), ``wait_for_jobs`` waits for
        them to finish afterwards. ``config`` tunes everything else.
        """
        from ..transfer.config import UploadConfig
        from ..transfer.upload import UploadOptions, upload

        options = UploadOptions(
            album=album,
            album_from_folder=album_from_folder,
            include=tuple(include),
            exclude=tuple(exclude),
            include_hidden=include_hidden,
            follow_symlinks=follow_symlinks,
            recursive=recursive,
            dry_run=dry_run,
            delete=delete,
            delete_duplicates=delete_duplicates,
            skip_hash=skip_hash,
            visibility=visibility,
            favorite=favorite,
            recheck=recheck,
            pause_jobs=pause_jobs,
            wait_for_jobs=wait_for_jobs,
        )
        config = config or UploadConfig()
        if concurrency == "auto":
            config = attrs.evolve(config, adaptive=True)  # starts at config.concurrency
        elif concurrency is not None:
            config = attrs.evolve(config, concurrency=concurrency)
        if max_bytes_per_second is not None:
            config = attrs.evolve(config, max_bytes_per_second=max_bytes_per_second)
        return await upload(
            self._client,
            paths,
            options=options,
            config=config,
            state_path=state_path,
            on_event=on_event,
        )

    async def import_takeout(
        self,
        paths: Iterable[StrPath] | StrPath,
        *,
        include_trashed: bool = False,
        include_partner: bool = False,
        skip_locked: bool = False,
        include_motion_videos: bool = False,
        untitled_albums: bool = False,
        include_unmatched: bool = True,
        dry_run: bool = False,
        recheck: bool = False,
        pause_jobs: bool = False,
        wait_for_jobs: bool = False,
        concurrency: int | None = None,
        max_bytes_per_second: int | None = None,
        config: UploadConfig | None = None,
        state_path: StatePath = DEFAULT_PATH,
        on_event: Listener | None = None,
    ) -> TransferReport:
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
        """
        from ..transfer.config import UploadConfig
        from ..transfer.takeout.importer import TakeoutOptions, import_takeout

        options = TakeoutOptions(
            include_trashed=include_trashed,
            include_partner=include_partner,
            skip_locked=skip_locked,
            include_motion_videos=include_motion_videos,
            untitled_albums=untitled_albums,
            include_unmatched=include_unmatched,
            dry_run=dry_run,
            recheck=recheck,
            pause_jobs=pause_jobs,
            wait_for_jobs=wait_for_jobs,
        )
        config = config or UploadConfig()
        if concurrency is not None:
            config = attrs.evolve(config, concurrency=concurrency)
        if max_bytes_per_second is not None:
            config = attrs.evolve(config, max_bytes_per_second=max_bytes_per_second)
        return await import_takeout(
            self._client,
            paths,
            options=options,
            config=config,
            state_path=state_path,
            on_event=on_event,
        )
