"""The asset ``*_to_file`` helpers (mixed into ``client.assets``).

Each downloads one asset file into a directory (``out_dir``, created when missing; the
file is named after the server's name, or ``filename=``), resumably (an interrupted call
continues where it stopped), and returns the final :class:`~pathlib.Path`. See
:mod:`immich_bulk.transfer.download.resumable` for the resume and verification rules and
``docs/downloads.md`` for examples.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .._http.response import RawCall
from .._types import UNSET, Unset
from ..api.assets import AssetsApi as GeneratedAssetsApi
from ..models import AssetMediaSize, AssetResponseDto
from ._destination import destination

if TYPE_CHECKING:  # the downloader loads on the first download, not with ``client.assets``
    from ..transfer.config import DownloadConfig
    from ..transfer.local.fsutil import StrPath

__all__ = ["AssetFileHelpers", "ProgressCallback"]

#: Called with byte deltas as a download progresses (negative after a restart).
ProgressCallback = Callable[[int], None]


def _mtime_ns(when: dt.datetime | None) -> int | None:
    if not isinstance(when, dt.datetime):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return int(when.timestamp() * 1_000_000) * 1000


def _size(info: AssetResponseDto | None) -> int | None:
    exif = info.exif_info if info is not None else None
    size = getattr(exif, "file_size_in_byte", None) if exif is not None else None
    return int(size) if isinstance(size, (int, float)) and size >= 0 else None


class AssetFileHelpers(GeneratedAssetsApi):
    """``download_asset_to_file``, ``view_asset_to_file`` and ``play_asset_video_to_file``.

    Mixed into ``client.assets`` (``class AssetsApi(AssetFileHelpers, ...)``).
    """

    async def download_asset_to_file(
        self,
        id: str,
        out_dir: StrPath | None = None,
        *,
        filename: str | None = None,
        verify: bool = True,
        checksum: str | None = None,
        asset: AssetResponseDto | None = None,
        preserve_mtime: bool = True,
        config: DownloadConfig | None = None,
        progress: ProgressCallback | None = None,
        key: str | Unset = UNSET,
        slug: str | Unset = UNSET,
        dest: StrPath | None = None,
    ) -> Path:
        """Download the original file of asset *id* into the directory *out_dir* (created
        when missing); returns the final path.

        The file is named *filename* (an existing file of that name is replaced), else
        after the asset's original file name, made safe, with a stable `` (1a2b3c4d)``
        suffix if another file already has that name (also when another call is placing
        one at the same time). If the target already holds exactly this asset (same SHA-1)
        nothing is downloaded. (*dest*, a file path or a directory, is deprecated.)

        The download resumes an earlier interrupted one (``.part`` + ``.part.meta``), and
        with *verify* (the default) the SHA-1 of the bytes must equal the asset's checksum
        (*checksum*, or from *asset* / the asset's info, fetched when not given), else
        :class:`~immich_bulk.errors.ChecksumMismatchError` is raised and no file is left.
        *preserve_mtime* gives the file the asset's ``fileModifiedAt``.
        """
        directory, name = await destination("download_asset_to_file", out_dir, filename, dest)
        info = asset
        if info is None and ((verify and checksum is None) or preserve_mtime or name is None):
            info = await self.get_asset_info(id, key=key, slug=slug)
        from ..transfer.local.hashing import parse_checksum

        expected: bytes | None = None
        if checksum is not None:
            expected = parse_checksum(checksum)
        elif info is not None and info.checksum:
            expected = parse_checksum(info.checksum)

        def request(headers: Mapping[str, str]) -> RawCall:
            return self.download_asset_without_preload_content(
                id, key=key, slug=slug, _headers=headers
            )

        from ..transfer.download.layout import safe_id
        from ..transfer.download.resumable import download_to

        result = await download_to(
            request,
            directory,
            filename=name,
            kind="original",
            item_id=id,
            name=info.original_file_name if info is not None else None,
            fallback_stem=safe_id(id),
            expected_checksum=expected if verify else None,
            expected_size=_size(info),
            config=config,
            mtime_ns=_mtime_ns(info.file_modified_at) if info and preserve_mtime else None,
            progress=progress,
        )
        return result.path

    async def view_asset_to_file(
        self,
        id: str,
        out_dir: StrPath | None = None,
        *,
        filename: str | None = None,
        size: AssetMediaSize = AssetMediaSize.THUMBNAIL,
        edited: bool | Unset = UNSET,
        config: DownloadConfig | None = None,
        progress: ProgressCallback | None = None,
        key: str | Unset = UNSET,
        slug: str | Unset = UNSET,
        dest: StrPath | None = None,
    ) -> Path:
        """Download a rendition of asset *id* (``size``: thumbnail, preview or fullsize)
        into the directory *out_dir*; returns the final path. The file is named
        *filename*, else as the server proposes (``img1_thumbnail.webp``), made safe.
        Renditions have no checksum to verify against; the download is resumable like an
        original (ETag-validated). (*dest* is deprecated.)"""
        directory, name = await destination("view_asset_to_file", out_dir, filename, dest)
        media_size = AssetMediaSize(size)  # a plain string from untyped code still works
        kind = f"{media_size.value}"

        def request(headers: Mapping[str, str]) -> RawCall:
            return self.view_asset_without_preload_content(
                id, size=media_size, edited=edited, key=key, slug=slug, _headers=headers
            )

        from ..transfer.download.layout import safe_id
        from ..transfer.download.resumable import download_to

        result = await download_to(
            request,
            directory,
            filename=name,
            kind=kind,
            item_id=id,
            fallback_stem=f"{safe_id(id)}_{kind}",
            config=config,
            progress=progress,
        )
        return result.path

    async def play_asset_video_to_file(
        self,
        id: str,
        out_dir: StrPath | None = None,
        *,
        filename: str | None = None,
        config: DownloadConfig | None = None,
        progress: ProgressCallback | None = None,
        key: str | Unset = UNSET,
        slug: str | Unset = UNSET,
        dest: StrPath | None = None,
    ) -> Path:
        """Download the playback version of video asset *id* (the server's encoded video,
        or the original when there is none) into the directory *out_dir*; returns the
        final path (named *filename*, else as the server proposes). Resumable; not
        verified (an encoded video has no checksum on the server). (*dest* is
        deprecated.)"""
        directory, name = await destination("play_asset_video_to_file", out_dir, filename, dest)

        def request(headers: Mapping[str, str]) -> RawCall:
            return self.play_asset_video_without_preload_content(
                id, key=key, slug=slug, _headers=headers
            )

        from ..transfer.download.layout import safe_id
        from ..transfer.download.resumable import download_to

        result = await download_to(
            request,
            directory,
            filename=name,
            kind="video",
            item_id=id,
            fallback_stem=f"{safe_id(id)}_video",
            config=config,
            progress=progress,
        )
        return result.path
