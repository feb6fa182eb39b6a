"""``python -m immich_bulk``: the same as the ``immich-bulk`` command."""

import sys

from .cli import main

sys.exit(main())
