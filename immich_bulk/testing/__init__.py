"""FakeImmich: an in-process / out-of-process Immich v2.7.5 stand-in with fault injection.

In-process::

    async with FakeImmich() as fake:
        async with fake.httpx_client() as http:       # or fake.client() for the SDK
            r = await http.get("/server/ping")

On a loopback port (thread) or in a subprocess::

    with run_fake_server_in_thread() as server:
        server.url, server.api_key, server.fake

    with run_fake_server_subprocess(data_dir=tmp) as server:
        server.stop(); server.start()                  # same data, same URL

Faults: ``fake.faults.fail(503, match="uploadAsset", times=2)``, ``.latency()``,
``.drop_response(after_bytes=...)``, ``.throttle()``, ``.corrupt()``, ``.change_etag()``,
``.slow_thumbnails()``; counters: ``fake.counters``. See ``docs/testing.md``.
"""

from __future__ import annotations

from .counters import Counters
from .fake import FakeImmich, FakeUser
from .faults import FAULT_KINDS, ConnectionDropped, FaultPlan, FaultRule
from .server import (
    FakeServer,
    SubprocessServer,
    ThreadServer,
    build_config,
    run_fake_server_in_thread,
    run_fake_server_subprocess,
    serve,
)
from .state import Album, ApiKey, Asset, Stack, Tag

__all__ = [
    "FAULT_KINDS",
    "Album",
    "ApiKey",
    "Asset",
    "ConnectionDropped",
    "Counters",
    "FakeImmich",
    "FakeServer",
    "FakeUser",
    "FaultPlan",
    "FaultRule",
    "Stack",
    "SubprocessServer",
    "Tag",
    "ThreadServer",
    "build_config",
    "run_fake_server_in_thread",
    "run_fake_server_subprocess",
    "serve",
]
