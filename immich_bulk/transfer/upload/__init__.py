"""From this machine to Immich: the upload engine (``engine``: scan, hash, check, upload,
albums) and the one rule for deleting the local files afterwards (``deletion``).

``immich_bulk.transfer.upload`` was a module before it held these: its names still work
from here for one release, with a :class:`DeprecationWarning`.
"""

from typing import TYPE_CHECKING

if not TYPE_CHECKING:  # the old module's names, at run time only
    from .._moved import forward

    __getattr__ = forward(__name__, "engine")
