"""Where a ``*_to_file`` helper writes: a directory, and optionally a file name in it.

``out_dir`` is always a directory (created when missing); ``filename=`` names the file in
it. Two older spellings still work, with a :class:`DeprecationWarning`:

* ``dest=`` (keyword): a directory when it exists or ends with ``/``, else a file path;
* a file path given as ``out_dir``, recognised when it is an existing file, or when its
  last part has an extension (``"out/cover.jpg"``) and no such directory exists.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import anyio.to_thread

if TYPE_CHECKING:
    from ..transfer.local.fsutil import StrPath

__all__ = ["destination"]


def _check_filename(filename: str) -> str:
    seps = {"/", os.sep, *([os.altsep] if os.altsep else [])}
    if (
        not isinstance(filename, str)
        or filename in ("", ".", "..")
        or "\0" in filename
        or any(sep in filename for sep in seps)
    ):
        raise ValueError(f"filename must be a plain file name (no directory part): {filename!r}")
    return filename


def _names_a_directory(text: str, path: Path) -> bool:
    return text.endswith(("/", os.sep)) or path.is_dir()


def _old_rule(dest: StrPath) -> tuple[Path, str | None]:
    text = os.fsdecode(dest)
    path = Path(text).expanduser()
    if _names_a_directory(text, path):
        return path, None
    return path.parent, path.name


def _new_rule(out_dir: StrPath) -> tuple[Path, str | None]:
    text = os.fsdecode(out_dir)
    path = Path(text).expanduser()
    if _names_a_directory(text, path):
        return path, None
    if os.path.lexists(path) or path.suffix:
        return path.parent, path.name  # the old spelling: a file path
    return path, None  # a directory that does not exist yet


async def destination(
    call: str, out_dir: StrPath | None, filename: str | None, dest: StrPath | None
) -> tuple[Path, str | None]:
    """``(directory, file name or None)`` for the helper *call* (its name, for messages).
    Warns (pointing at the caller of the helper) when an old spelling is used."""
    if dest is not None:
        if out_dir is not None or filename is not None:
            raise TypeError(f"{call}: pass out_dir (and filename=), not dest= as well")
        directory, name = await anyio.to_thread.run_sync(_old_rule, dest)
        _deprecated(f"{call}: dest= is deprecated; pass out_dir (a directory) and filename=")
        return directory, name
    if out_dir is None:
        raise TypeError(f"{call}: out_dir (the directory to write to) is required")
    if filename is not None:
        return Path(os.fsdecode(out_dir)), _check_filename(filename)
    directory, name = await anyio.to_thread.run_sync(_new_rule, out_dir)
    if name is not None:
        _deprecated(
            f"{call}: {os.fsdecode(out_dir)!r} is taken as a file path; passing a file path "
            f"as out_dir is deprecated: pass the directory and filename={name!r}"
        )
    return directory, name


def _deprecated(message: str) -> None:
    # 1: here, 2: destination(), 3: the helper, 4: the code that called the helper
    warnings.warn(message, DeprecationWarning, stacklevel=4)
