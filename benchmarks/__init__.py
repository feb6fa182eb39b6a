"""Benchmarks: ``python -m benchmarks`` runs the standard suite (see docs/benchmarks.md).

The harness itself ships in :mod:`immich_bulk.bench` (``immich-bulk bench`` runs it after a
plain ``pip install``); the scripts here are standalone single-topic benchmarks.
"""
