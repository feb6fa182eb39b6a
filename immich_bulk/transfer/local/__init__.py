"""This machine's files: the scan (what to upload), SHA-1 hashing with its cache, and the
file-system helpers (identity of a file, opening without following links).

Nothing here talks to Immich."""
