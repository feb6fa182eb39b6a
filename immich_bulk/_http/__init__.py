"""HTTP plumbing: operations as data, request building, retries, streaming bodies, errors.

This package and :mod:`immich_bulk.client` are the only places that import httpx.
"""
