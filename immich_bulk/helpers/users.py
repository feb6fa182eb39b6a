"""``client.users``: every generated operation, plus ``get_profile_image_to_file``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .._http.response import RawCall
from ..api.users import UsersApi as GeneratedUsersApi
from ..transfer.download.layout import safe_id
from ._destination import destination

if TYPE_CHECKING:  # the downloader loads on the first download, not with ``client.users``
    from ..transfer.config import DownloadConfig
    from ..transfer.local.fsutil import StrPath

__all__ = ["UsersApi"]


class UsersApi(GeneratedUsersApi):
    """Users: the API operations, plus :meth:`get_profile_image_to_file`."""

    async def get_profile_image_to_file(
        self,
        id: str,
        out_dir: StrPath | None = None,
        *,
        filename: str | None = None,
        config: DownloadConfig | None = None,
        progress: Callable[[int], None] | None = None,
        dest: StrPath | None = None,
    ) -> Path:
        """Download the profile image of user *id* into the directory *out_dir* (created
        when missing); returns the final path.

        The file is named *filename*, else ``profile-<user id>.<ext>`` (the extension from
        the response's content type), and an earlier download of this user's image there
        is replaced. Written to a ``.part`` file first and renamed when complete (see
        ``docs/downloads.md``). A user without a profile image raises
        :class:`~immich_bulk.errors.NotFoundError` and leaves nothing on disk (no file, no
        directory). (*dest*, a file path or a directory, is deprecated.)
        """
        directory, name = await destination("get_profile_image_to_file", out_dir, filename, dest)

        def request(headers: Mapping[str, str]) -> RawCall:
            return self.get_profile_image_without_preload_content(id, _headers=headers)

        from ..transfer.download.resumable import download_to

        result = await download_to(
            request,
            directory,
            filename=name,
            kind="profile",
            item_id=id,
            fallback_stem=f"profile-{safe_id(id)}",
            config=config,
            progress=progress,
        )
        return result.path
