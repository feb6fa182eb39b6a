"""Pieces that talk to Immich for several engines: albums, the job queues, the search
filter, the duplicate check before sending, the adaptive concurrency and the bandwidth cap."""
