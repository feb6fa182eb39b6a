"""From Immich to this machine: one file, resumable and verified (``resumable``), and the
layouts and safe names of the files written (``layout``)."""
