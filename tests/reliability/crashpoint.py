"""Run the ``immich-bulk`` command and SIGKILL it right after one file step of a download.

``python -m tests.reliability.crashpoint POINT N immich-bulk-args...`` kills the process
(``SIGKILL``, as a crash or an OOM kill would) just after the N-th time the download engine
completes step POINT -- at the exact boundary, not after some time:

* ``meta-written``: a ``.part.meta`` was written (and closed);
* ``meta-removed``: a ``.part.meta`` was deleted;
* ``part-placed``: a ``.part`` was renamed (or linked) to its final name.

The steps are recognised at the ``os`` calls (by the ``.part``/``.part.meta`` names), so
nothing in the engine knows about this.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

POINTS = ("meta-written", "meta-removed", "part-placed")


def _install(point: str, after: int) -> None:
    seen = 0

    def step() -> None:
        nonlocal seen
        seen += 1
        if seen >= after:
            os.kill(os.getpid(), signal.SIGKILL)

    def is_meta(path: Any) -> bool:
        return isinstance(path, (str, bytes, os.PathLike)) and os.fsdecode(path).endswith(
            ".part.meta"
        )

    def is_part(path: Any) -> bool:
        return isinstance(path, (str, bytes, os.PathLike)) and os.fsdecode(path).endswith(".part")

    if point == "meta-written":
        real_open, real_close = os.open, os.close
        writing: set[int] = set()

        def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            fd = real_open(path, flags, *args, **kwargs)
            if is_meta(path) and flags & (os.O_WRONLY | os.O_RDWR):
                writing.add(fd)
            return fd

        def close(fd: int) -> None:
            real_close(fd)
            if fd in writing:
                writing.discard(fd)
                step()

        os.open, os.close = open_, close
    elif point == "meta-removed":
        real_unlink = os.unlink

        def unlink(path: Any, *args: Any, **kwargs: Any) -> None:
            real_unlink(path, *args, **kwargs)
            if is_meta(path):
                step()

        os.unlink = unlink
    elif point == "part-placed":
        real_replace, real_link = os.replace, os.link

        def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
            real_replace(src, dst, *args, **kwargs)
            if is_part(src) and not is_part(dst):
                step()

        def link(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
            real_link(src, dst, *args, **kwargs)
            if is_part(src):
                step()

        os.replace, os.link = replace, link
    else:
        raise SystemExit(f"unknown crash point {point!r}; expected one of {POINTS}")


def main() -> None:
    point, after, *args = sys.argv[1:]
    _install(point, int(after))
    from immich_bulk.cli import main as cli_main

    raise SystemExit(cli_main(args))


if __name__ == "__main__":
    main()
