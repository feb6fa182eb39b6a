"""From one Immich to another: the migration engine (``engine``) and its settings
(``options``), the source's library page by page (``listing``), what is carried and how
(``metadata``), albums, stacks and tags once the assets are there (``links``), and the
comparison of both libraries afterwards (``verify``). What a migration already did is kept
by the state package (``state.migration``).

``immich_bulk.transfer.migrate`` was a module before it held these: its names still work
from here for one release, with a :class:`DeprecationWarning`.
"""

from typing import TYPE_CHECKING

if not TYPE_CHECKING:  # the old module's names, at run time only
    from .._moved import forward

    __getattr__ = forward(__name__, "engine")
