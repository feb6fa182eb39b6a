"""Fault injection: a deterministic plan of rules applied to the fake's requests.

A :class:`FaultRule` says *what* to do (``kind``) to *which* requests (``match``) and *how
often* (``skip`` matching requests first, then fire with ``probability`` until it has fired
``times`` times; ``times=None`` means forever). Left out, ``times`` depends on the kind
only (:func:`default_times`): once for the faults that answer a request in place of the
server (``error``, ``drop_request``, ``drop_response``), forever for the others, which
describe the state a server is in (latency, throttling, capacity, corruption...). That
holds however the rule is made: ``FaultRule(...)``, the ``FaultPlan`` methods, or a rule
posted to ``/_fake/faults``. Random choices come from one seeded ``random.Random``, so a
plan replays identically for the same request sequence.

``match`` is ``None``/``"*"`` (every API request), an operationId or an fnmatch pattern over
operationIds (``"uploadAsset"``, ``"get*"``), or ``"METHOD /path"`` where the path pattern is
matched (fnmatch) against both the spec template and the concrete path, without ``/api``:
``"GET /assets/*/original"``, ``"PUT /albums/{id}/assets"``, ``"* /assets*"``.

Kinds:

=================  =========================================================================
``latency``        sleep ``seconds`` (+ uniform ``jitter``) before handling
``error``          answer ``status`` (500/502/503/504/429...) with an Immich-shaped body and
                   an optional ``Retry-After``; the request body is drained first
``drop_request``   read ``after_bytes`` of the request body, then drop the connection
``drop_response``  send ``after_bytes`` of the response body, then drop the connection
``throttle``       limit ``bytes_per_second`` on the response and/or request body
``corrupt``        flip bytes of a served original/video/archive (``offsets`` into the file,
                   default: its middle byte)
``etag_change``    touch the asset file (new mtime, so a new ETag/Last-Modified) before serving
``ignore_range``   drop the request's ``Range`` and ``If-Range`` headers, as a proxy that does
                   not pass them on: the whole file comes back with 200 instead of a 206
``slow_thumbnail`` thumbnails of assets uploaded while the rule fires become available only
                   ``seconds`` after the upload (404 "Asset media not found" until then)
``capacity``       a server that handles ``slots`` matching requests at a time, each taking
                   ``seconds``: throughput tops out at slots/seconds and latency grows beyond
``hold``           keep matching requests waiting (before handling) until the rule is removed
                   or the plan cleared: a client held at a known point, for as long as a
                   test needs, with ``fired`` counting the requests that reached it
=================  =========================================================================

At most one rule of the kinds that decide the response (``error``, ``drop_request``,
``drop_response``) fires per request: the first that matches; the others neither fire nor
count it, so counters equal what the client saw.

A dropped connection is real in socket mode: the app sends a partial response and raises
:class:`ConnectionDropped`, hypercorn then closes the socket mid-message and the client sees
a transport error (``httpx.RemoteProtocolError`` / ``ReadError`` / ``WriteError``). In-process
(``httpx.ASGITransport``) the same :class:`ConnectionDropped` (a subclass of
``httpx.RemoteProtocolError``) propagates out of ``client.send()``.
"""

from __future__ import annotations

import fnmatch
import itertools
import random
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import httpx

__all__ = ["FAULT_KINDS", "ConnectionDropped", "FaultPlan", "FaultRule", "default_times"]

FAULT_KINDS = (
    "latency",
    "error",
    "drop_request",
    "drop_response",
    "throttle",
    "corrupt",
    "etag_change",
    "ignore_range",
    "slow_thumbnail",
    "capacity",
    "hold",
)
#: Kinds of which only the first matching rule fires for a request.
EXCLUSIVE_KINDS = frozenset({"error", "drop_request", "drop_response"})
#: ``times`` of a rule made without one: resolved to :func:`default_times` of its kind.
_KIND_DEFAULT = -1


def default_times(kind: str) -> int | None:
    """How often a rule of *kind* fires when ``times`` is not given: once for the faults
    that answer a request in place of the server (an error, a dropped connection), forever
    (None) for the conditions a server is in (latency, throttling, a capacity, corruption,
    a changing ETag, a proxy that strips Range, slow thumbnails, a hold)."""
    return 1 if kind in EXCLUSIVE_KINDS else None


class ConnectionDropped(httpx.RemoteProtocolError):
    """Raised by the app to drop the connection (an injected fault)."""

    def __init__(self, message: str = "FakeImmich dropped the connection (injected fault)") -> None:
        super().__init__(message)


_ids = itertools.count(1)


@dataclass
class FaultRule:
    kind: str
    match: str | list[str] | None = None
    times: int | None = _KIND_DEFAULT
    probability: float = 1.0
    skip: int = 0
    # error
    status: int = 503
    retry_after: float | str | None = None
    message: str | None = None
    # latency / slow_thumbnail
    seconds: float = 0.0
    jitter: float = 0.0
    # drop_request / drop_response
    after_bytes: int = 0
    # throttle
    bytes_per_second: float = 0.0
    direction: str = "response"
    # corrupt
    offsets: list[int] | None = None
    # capacity
    slots: int = 1
    # bookkeeping
    id: int = field(default_factory=lambda: next(_ids))
    seen: int = 0
    fired: int = 0

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; expected one of {FAULT_KINDS}")
        if self.times == _KIND_DEFAULT:
            self.times = default_times(self.kind)
        elif self.times is not None and self.times < 0:
            raise ValueError(f"times must be a count or None (forever), not {self.times!r}")
        if self.direction not in ("response", "request", "both"):
            raise ValueError("direction must be 'response', 'request' or 'both'")

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.fired >= self.times

    def matches(self, operation_id: str, method: str, template: str, path: str) -> bool:
        patterns = [self.match] if isinstance(self.match, str) or self.match is None else self.match
        return any(_match_one(p, operation_id, method, template, path) for p in patterns)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FaultRule:
        known = {f.name for f in fields(cls)} - {"id", "seen", "fired"}
        unknown = set(data) - known - {"id", "seen", "fired"}
        if unknown:
            raise ValueError(f"unknown fault rule fields: {sorted(unknown)}")
        return cls(**{k: v for k, v in data.items() if k in known})


def _match_one(
    pattern: str | None, operation_id: str, method: str, template: str, path: str
) -> bool:
    if pattern is None or pattern == "*":
        return True
    if " " in pattern:
        want_method, _, want_path = pattern.partition(" ")
        want_method = want_method.upper()
        if want_method not in ("*", method) and not (want_method == "GET" and method == "HEAD"):
            return False
        want_path = want_path.strip()
        if want_path.startswith("/api/"):
            want_path = want_path[4:]
        return (
            template == want_path
            or fnmatch.fnmatchcase(path, want_path)
            or (fnmatch.fnmatchcase(template, want_path))
        )
    return fnmatch.fnmatchcase(operation_id, pattern)


class FaultPlan:
    """The fake's fault rules (``fake.faults``). Thread-safe; deterministic given ``seed``."""

    def __init__(self, seed: int = 0) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._seed = seed
        self.random = random.Random(seed)

    # ------------------------------------------------------------------ management

    def seed(self, seed: int) -> None:
        with self._lock:
            self._seed = seed
            self.random = random.Random(seed)

    def add(self, rule: FaultRule) -> FaultRule:
        with self._lock:
            self._rules.append(rule)
        return rule

    def add_dict(self, data: dict[str, Any]) -> FaultRule:
        return self.add(FaultRule.from_dict(data))

    def remove(self, rule: FaultRule | int) -> None:
        rule_id = rule if isinstance(rule, int) else rule.id
        with self._lock:
            self._rules = [r for r in self._rules if r.id != rule_id]

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    @property
    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def to_dict(self) -> dict[str, Any]:
        return {"seed": self._seed, "rules": [r.to_dict() for r in self.rules]}

    # ------------------------------------------------------------------ convenience

    def latency(
        self,
        seconds: float,
        *,
        match: str | list[str] | None = None,
        jitter: float = 0.0,
        times: int | None = None,
        probability: float = 1.0,
    ) -> FaultRule:
        return self.add(
            FaultRule("latency", match, times, probability, seconds=seconds, jitter=jitter)
        )

    def fail(
        self,
        status: int = 503,
        *,
        match: str | list[str] | None = None,
        times: int | None = 1,
        probability: float = 1.0,
        skip: int = 0,
        retry_after: float | str | None = None,
        message: str | None = None,
    ) -> FaultRule:
        return self.add(
            FaultRule(
                "error",
                match,
                times,
                probability,
                skip,
                status=status,
                retry_after=retry_after,
                message=message,
            )
        )

    def rate_limit(
        self,
        *,
        match: str | list[str] | None = None,
        times: int | None = 1,
        retry_after: float | str | None = 1,
        probability: float = 1.0,
    ) -> FaultRule:
        return self.fail(
            429, match=match, times=times, retry_after=retry_after, probability=probability
        )

    def drop_request(
        self,
        after_bytes: int = 0,
        *,
        match: str | list[str] | None = None,
        times: int | None = 1,
        probability: float = 1.0,
        skip: int = 0,
    ) -> FaultRule:
        return self.add(
            FaultRule("drop_request", match, times, probability, skip, after_bytes=after_bytes)
        )

    def drop_response(
        self,
        after_bytes: int = 0,
        *,
        match: str | list[str] | None = None,
        times: int | None = 1,
        probability: float = 1.0,
        skip: int = 0,
    ) -> FaultRule:
        return self.add(
            FaultRule("drop_response", match, times, probability, skip, after_bytes=after_bytes)
        )

    def throttle(
        self,
        bytes_per_second: float,
        *,
        match: str | list[str] | None = None,
        direction: str = "response",
        times: int | None = None,
    ) -> FaultRule:
        return self.add(
            FaultRule(
                "throttle", match, times, bytes_per_second=bytes_per_second, direction=direction
            )
        )

    def corrupt(
        self,
        *,
        match: str | list[str] | None = "downloadAsset",
        offsets: Sequence[int] | None = None,
        times: int | None = None,
        probability: float = 1.0,
    ) -> FaultRule:
        return self.add(
            FaultRule(
                "corrupt",
                match,
                times,
                probability,
                offsets=list(offsets) if offsets is not None else None,
            )
        )

    def change_etag(
        self, *, match: str | list[str] | None = "downloadAsset", times: int | None = None
    ) -> FaultRule:
        return self.add(FaultRule("etag_change", match, times))

    def ignore_range(
        self, *, match: str | list[str] | None = "downloadAsset", times: int | None = None
    ) -> FaultRule:
        """Serve whole files to ranged requests (a proxy that strips ``Range``)."""
        return self.add(FaultRule("ignore_range", match, times))

    def slow_thumbnails(self, seconds: float, *, times: int | None = None) -> FaultRule:
        return self.add(FaultRule("slow_thumbnail", "uploadAsset", times, seconds=seconds))

    def hold(
        self, *, match: str | list[str] | None = None, times: int | None = None, skip: int = 0
    ) -> FaultRule:
        """Hold matching requests until the rule is removed (``remove(rule)``, ``clear()``)."""
        return self.add(FaultRule("hold", match, times, skip=skip))

    def holding(self, rule: FaultRule) -> bool:
        """Whether *rule* is still in the plan (a ``hold`` lets its requests go once not)."""
        with self._lock:
            return any(r.id == rule.id for r in self._rules)

    def capacity(
        self, slots: int, seconds: float, *, match: str | list[str] | None = None
    ) -> FaultRule:
        """Model a server with a fixed capacity: *slots* requests at a time, *seconds* each."""
        if slots < 1:
            raise ValueError("slots must be at least 1")
        return self.add(FaultRule("capacity", match, None, seconds=seconds, slots=slots))

    # ------------------------------------------------------------------ evaluation

    def fire(self, operation_id: str, method: str, template: str, path: str) -> list[FaultRule]:
        """Rules that fire for this request (advancing their counters)."""
        fired: list[FaultRule] = []
        exclusive_fired = False
        with self._lock:
            for rule in self._rules:
                if rule.exhausted or not rule.matches(operation_id, method, template, path):
                    continue
                if exclusive_fired and rule.kind in EXCLUSIVE_KINDS:
                    continue
                rule.seen += 1
                if rule.seen <= rule.skip:
                    continue
                if rule.probability < 1.0 and self.random.random() >= rule.probability:
                    continue
                rule.fired += 1
                fired.append(rule)
                exclusive_fired = exclusive_fired or rule.kind in EXCLUSIVE_KINDS
        return fired

    def jitter(self, rule: FaultRule) -> float:
        with self._lock:
            return rule.seconds + (self.random.uniform(0, rule.jitter) if rule.jitter else 0.0)
