"""``client.download``: every generated operation, plus zip archives to files and exports."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import anyio.to_thread

from .._http.response import RawCall
from .._types import DEFAULT_PATH, UNSET, Unset
from ..api.download import DownloadApi as GeneratedDownloadApi
from ..errors import ImmichError
from ..models import DownloadArchiveDto, DownloadInfoDto
from ._destination import destination

if TYPE_CHECKING:  # the engines load on first use, not with ``client.download``
    from typing_extensions import Unpack

    from ..transfer.config import DownloadConfig
    from ..transfer.download.export import Exporter, ExportOptions
    from ..transfer.events import Listener
    from ..transfer.local.fsutil import StrPath
    from ..transfer.overrides import ExportOverrides
    from ..transfer.report import ExportReport
    from ..transfer.state import StatePath

__all__ = ["DownloadApi"]


def _real_path(directory: Path) -> Path:
    return Path(os.path.realpath(directory.expanduser()))


class DownloadApi(GeneratedDownloadApi):
    """Download: the API operations, plus :meth:`download_archive_to_file` and
    :meth:`export` (a whole library, an album or a search, to a folder tree)."""

    async def download_archive_to_file(
        self,
        *,
        out_dir: StrPath | None = None,
        filename: str | None = None,
        asset_ids: Iterable[str] | None = None,
        album_id: str | None = None,
        user_id: str | None = None,
        archive_size: int | None = None,
        config: DownloadConfig | None = None,
        progress: Callable[[int], None] | None = None,
        key: str | Unset = UNSET,
        slug: str | Unset = UNSET,
        dest: StrPath | None = None,
    ) -> list[Path]:
        """Download assets as zip archives the server builds; returns the paths written.

        Give exactly one of *asset_ids*, *album_id* or *user_id*. The server splits the
        download into archives of at most *archive_size* bytes (its default: 4 GiB);
        each is streamed to ``<name>.zip.part`` and renamed once complete, so a final name
        never holds a partial archive. Archives cannot be resumed (the server builds them
        on the fly): a failure deletes the ``.part`` (transient failures start that archive
        again). Nothing is extracted.

        The archives go into the directory *out_dir* (created when missing), named
        ``<album name>.zip`` / ``immich-user-<id8>.zip`` / ``immich-assets.zip``, with
        ``-1``, ``-2``... when there are several; with *filename* (``x.zip``): ``x.zip``,
        or ``x-1.zip``, ``x-2.zip``... Existing files are replaced. (*dest*, a directory
        or a file path, is deprecated.)
        """
        from ..transfer.download.layout import safe_id, safe_name, split_ext
        from ..transfer.download.resumable import fetch_unresumable

        chosen = [asset_ids is not None, album_id is not None, user_id is not None]
        if sum(chosen) != 1:
            raise ValueError("give exactly one of asset_ids=, album_id= or user_id=")
        directory, filename = await destination("download_archive_to_file", out_dir, filename, dest)
        info = await self.get_download_info(
            DownloadInfoDto(
                asset_ids=list(asset_ids) if asset_ids is not None else UNSET,
                album_id=album_id if album_id is not None else UNSET,
                user_id=user_id if user_id is not None else UNSET,
                archive_size=archive_size if archive_size is not None else UNSET,
            ),
            key=key,
            slug=slug,
        )
        archives = [a for a in info.archives if a.asset_ids]
        if not archives:
            return []
        if filename is None:
            if album_id is not None:
                base = await self._album_base(album_id, key, slug)
            elif user_id is not None:
                base = f"immich-user-{safe_id(user_id)[:8]}"
            else:
                base = "immich-assets"
            ext = ".zip"
        else:
            base, ext = split_ext(safe_name(filename, fallback="immich-archive.zip"))
            ext = ext or ".zip"
        # created with the first archive's .part (and removed if nothing is written)
        root = await anyio.to_thread.run_sync(_real_path, directory)
        count = len(archives)
        paths: list[Path] = []
        for index, archive in enumerate(archives, start=1):
            name = f"{base}{ext}" if count == 1 else f"{base}-{index}{ext}"
            final = root / safe_name(name, fallback=f"immich-archive-{index}.zip")
            body = DownloadArchiveDto(asset_ids=list(archive.asset_ids))

            def request(body: DownloadArchiveDto = body) -> RawCall:
                # Immich compresses the zip stream for a client that accepts gzip (or br):
                # server CPU spent on photos and videos that do not shrink
                return self.download_archive_without_preload_content(
                    body, key=key, slug=slug, _headers={"Accept-Encoding": "identity"}
                )

            result = await fetch_unresumable(request, final=final, config=config, progress=progress)
            paths.append(result.path)
        return paths

    async def _album_base(self, album_id: str, key: str | Unset, slug: str | Unset) -> str:
        from ..transfer.download.layout import safe_id, safe_name

        fallback = f"immich-album-{safe_id(album_id)[:8]}"
        try:
            album = await self._client.albums.get_album_info(
                album_id, without_assets=True, key=key, slug=slug
            )
        except ImmichError:
            return fallback
        return safe_name(album.album_name, fallback=fallback, max_bytes=200)

    async def export(
        self,
        dest: StrPath,
        *,
        options: ExportOptions | None = None,
        config: DownloadConfig | None = None,
        state_path: StatePath = DEFAULT_PATH,
        on_event: Listener | None = None,
        on_start: Callable[[Exporter], None] | None = None,
        **overrides: Unpack[ExportOverrides],
    ) -> ExportReport:
        """Export originals to a folder tree: an album (name or id), some *asset_ids*, a
        *search* (``MetadataSearchDto`` filters, or their JSON form with camelCase keys:
        an unknown key, a wrong type or an empty filter raise ValueError/TypeError, never
        select everything), or *everything*.

        Each asset goes to ``dest/<layout>`` (placeholders: ``{filename} {stem} {ext}
        {yyyy} {mm} {dd} {date} {album} {id} {type}``; see ``docs/downloads.md``). Downloads
        are resumable, verified against the asset's SHA-1 (*verify*) and placed atomically;
        a re-run downloads only what is missing or changed (the state journal at
        *state_path* remembers what was placed where; ``None`` turns it off, then existing
        files are recognised by hashing them), and moves files whose layout path changed
        instead of downloading them again. Two assets with the same name get stable
        ``name (1a2b3c4d).ext`` names, never ``~1`` copies.

        Returns a report with one outcome per asset: downloaded, present, would-download /
        would-move (*dry_run*) or failed. *on_start* receives the :class:`Exporter` (call
        its ``stop()`` on Ctrl-C: the report is then marked interrupted and ``.part``
        files stay for the next run).

        What to export is *options* (:class:`~immich_bulk.transfer.ExportOptions`), how
        fast *config* (:class:`~immich_bulk.transfer.DownloadConfig`); any of their fields
        may be given as a keyword instead (``album=``, ``layout=``, ``concurrency=`` ...),
        overriding them. An unknown keyword is a TypeError naming it.
        """
        from ..transfer.download.export import export

        return await export(
            self._client,
            dest,
            options=options,
            config=config,
            state_path=state_path,
            on_event=on_event,
            on_start=on_start,
            **overrides,
        )
