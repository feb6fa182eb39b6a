"""Request/transfer counters of a FakeImmich, for assertions in tests and benchmarks."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

__all__ = ["Counters"]


class Counters:
    """What the fake saw. Read attributes directly, or :meth:`snapshot` for a plain dict.

    * ``requests[operation_id]`` / ``statuses[operation_id][status]``: API requests
      (``"<unknown>"`` for unmatched routes, ``"<control>"`` for ``/_fake``);
    * ``bytes_received`` / ``bytes_sent``: request and response body bytes;
    * ``uploads_stored``: ``POST /assets`` that created an asset;
    * ``duplicates``: uploads answered 200 duplicate (``duplicates_by_header`` of them without
      reading the body, thanks to ``x-immich-checksum``);
    * ``faults[kind]``: injected faults by kind.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.requests: Counter[str] = Counter()
            self.statuses: dict[str, Counter[int]] = {}
            self.bytes_received = 0
            self.bytes_sent = 0
            self.uploads_stored = 0
            self.duplicates = 0
            self.duplicates_by_header = 0
            self.faults: Counter[str] = Counter()

    def request(self, operation_id: str) -> None:
        with self._lock:
            self.requests[operation_id] += 1

    def status(self, operation_id: str, status: int) -> None:
        with self._lock:
            self.statuses.setdefault(operation_id, Counter())[status] += 1

    def fault(self, kind: str) -> None:
        with self._lock:
            self.faults[kind] += 1

    def add(self, name: str, amount: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + amount)

    def requests_to(self, operation_id: str, status: int | None = None) -> int:
        if status is None:
            return self.requests.get(operation_id, 0)
        return self.statuses.get(operation_id, Counter()).get(status, 0)

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": dict(self.requests),
                "statuses": {
                    op: {str(code): n for code, n in c.items()} for op, c in self.statuses.items()
                },
                "bytesReceived": self.bytes_received,
                "bytesSent": self.bytes_sent,
                "uploadsStored": self.uploads_stored,
                "duplicates": self.duplicates,
                "duplicatesByHeader": self.duplicates_by_header,
                "faults": dict(self.faults),
            }
