"""Pieces that talk to Immich for several engines: albums, the job queues, the search
filter, the adaptive concurrency and the bandwidth cap."""
