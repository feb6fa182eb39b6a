"""Hand-written additions to the generated API groups (bulk transfers, *_to_file helpers).

The client exposes these subclasses in place of the generated groups, so
``client.assets`` has every generated operation plus ``upload`` and friends.
"""
