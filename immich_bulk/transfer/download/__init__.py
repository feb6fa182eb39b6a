"""From Immich to this machine: one file, resumable and verified (``resumable``), and the
layouts and safe names of the files written (``layout``).

``immich_bulk.transfer.download`` was a module before it held these: its names still work
from here for one release, with a :class:`DeprecationWarning`.
"""

from typing import TYPE_CHECKING

if not TYPE_CHECKING:  # the old module's names, at run time only
    from .._moved import forward

    __getattr__ = forward(__name__, "resumable")
