"""``client.users``: every generated operation, plus ``get_profile_image_to_file``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from .._http.response import RawCall
from ..api.users import UsersApi as GeneratedUsersApi
from ..transfer._fsutil import StrPath
from ..transfer.config import DownloadConfig
from ..transfer.download import download_to
from ..transfer.naming import safe_id

__all__ = ["UsersApi"]


class UsersApi(GeneratedUsersApi):
    """Users: the API operations, plus :meth:`get_profile_image_to_file`."""

    async def get_profile_image_to_file(
        self,
        id: str,
        dest: StrPath,
        *,
        config: DownloadConfig | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Path:
        """Download the profile image of user *id*; returns the final path.

        *dest* is a file path or a directory; in a directory the file is named
        ``profile-<user id>.<ext>`` (the extension from the response's content type), and
        an earlier file of that name and size is replaced. Written to a ``.part`` file first
        and renamed when complete (see ``docs/downloads.md``).
        """

        def request(headers: Mapping[str, str]) -> RawCall:
            return self.get_profile_image_without_preload_content(id, _headers=headers)

        result = await download_to(
            request,
            dest,
            kind="profile",
            item_id=id,
            fallback_stem=f"profile-{safe_id(id)}",
            config=config,
            progress=progress,
        )
        return result.path
