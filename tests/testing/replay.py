"""Comparing a server's answer with a recorded answer of a real Immich v2.7.5.

Shared by the replay of the shared smoke-test recordings (test_transcripts.py) and of the
scenarios recorded in this repository (tests/testing/transcripts/). Compared: status; the
significant headers and their order; the JSON body's keys, key order, types, date styles
and values, except values that differ by nature (ids, through a mapping learnt as they
appear; timestamps of "now"; tokens, paths, thumbhashes, disk sizes, job counts).
"""

from __future__ import annotations

import re
from typing import Any, Protocol

import httpx

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
JS_DATE_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
PG_DATE_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?\+00:00$")
STRONG_ETAG_RE = re.compile(r'^"[0-9a-f]+-[A-Za-z0-9+/]{27}"$')
WEAK_ETAG_RE = re.compile(r'^W/"[0-9a-f]+-[0-9a-f]+"$')

# Values that legitimately differ between two servers (compared by type/format only).
VOLATILE_KEYS = {
    "originalPath", "profileImagePath", "thumbhash", "accessToken", "secret", "correlationId",
    "nodejs", "diskSize", "diskUse", "diskAvailable", "diskSizeRaw", "diskUseRaw",
    "diskAvailableRaw", "diskUsagePercentage", "avatarColor",
}  # fmt: skip
VOLATILE_UNDER = {"jobCounts", "statistics"}  # counts depend on the fake's instant job model

SIGNIFICANT_HEADERS = (
    "x-immich-cid", "set-cookie", "cache-control", "location", "content-type",
    "content-disposition", "accept-ranges", "last-modified", "etag", "content-range",
)  # fmt: skip


class Mapping(Protocol):
    """What the comparison needs to know of a replay."""

    ids: dict[str, str]
    """recorded id -> the id the server under test gave the same thing"""
    now_years: frozenset[str]
    """years of dates that are "now" when recorded (creation times...): not compared"""

    def rewrite(self, text: str) -> str:
        """A recorded string as the server under test should say it."""


def learn_ids(expected: Any, actual: Any, ids: dict[str, str]) -> None:
    """Record recorded id -> our id wherever both bodies hold a UUID at the same place."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in expected.keys() & actual.keys():
            learn_ids(expected[key], actual[key], ids)
    elif isinstance(expected, list) and isinstance(actual, list):
        for e, a in zip(expected, actual, strict=False):
            learn_ids(e, a, ids)
    elif (
        isinstance(expected, str)
        and isinstance(actual, str)
        and UUID_RE.match(expected)
        and UUID_RE.match(actual)
    ):
        ids.setdefault(expected, actual)


def compare_json(expected: Any, actual: Any, replay: Mapping, path: str = "$") -> list[str]:
    problems: list[str] = []
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected object, got {type(actual).__name__}"]
        if list(expected) != list(actual):
            problems.append(f"{path}: keys {list(actual)} != {list(expected)}")
        for key in expected.keys() & actual.keys():
            sub = f"{path}.{key}"
            if key in VOLATILE_KEYS:
                if type(expected[key]) is not type(actual[key]) and expected[key] is not None:
                    problems.append(f"{sub}: type {type(actual[key]).__name__}")
            elif key in VOLATILE_UNDER:
                problems += compare_shape(expected[key], actual[key], sub)
            else:
                problems += compare_json(expected[key], actual[key], replay, sub)
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: expected array"]
        if len(expected) != len(actual):
            return [f"{path}: {len(actual)} items != {len(expected)}"]
        for n, (e, a) in enumerate(zip(expected, actual, strict=True)):
            problems += compare_json(e, a, replay, f"{path}[{n}]")
        return problems
    if isinstance(expected, str) and isinstance(actual, str):
        if UUID_RE.match(expected):
            mapped = replay.ids.get(expected)
            if not UUID_RE.match(actual) or (mapped is not None and mapped != actual):
                problems.append(f"{path}: id {actual} is not ours for {expected}")
        elif JS_DATE_RE.match(expected):
            if not JS_DATE_RE.match(actual):
                problems.append(f"{path}: {actual!r} is not a JS date like {expected!r}")
            elif expected[:4] not in replay.now_years and actual != expected:
                problems.append(f"{path}: {actual!r} != {expected!r}")
        elif PG_DATE_RE.match(expected):
            if not PG_DATE_RE.match(actual):
                problems.append(f"{path}: {actual!r} is not a PostgreSQL date like {expected!r}")
            elif expected[:4] not in replay.now_years and actual != expected:
                problems.append(f"{path}: {actual!r} != {expected!r}")
        elif replay.rewrite(expected) != actual:
            problems.append(f"{path}: {actual!r} != {expected!r}")
        return problems
    if expected != actual or type(expected) is not type(actual):
        problems.append(f"{path}: {actual!r} != {expected!r}")
    return problems


def compare_shape(expected: Any, actual: Any, path: str) -> list[str]:
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or list(expected) != list(actual):
            return [f"{path}: keys differ"]
        return [p for k in expected for p in compare_shape(expected[k], actual[k], f"{path}.{k}")]
    if type(expected) is not type(actual):
        return [f"{path}: {type(actual).__name__} != {type(expected).__name__}"]
    return []


def compare_headers(case: dict[str, Any], resp: httpx.Response) -> list[str]:
    problems: list[str] = []
    recorded = [(k.lower(), v) for k, v in case["response"]["headers"]]
    rec_names = [k for k, _ in recorded if k in SIGNIFICANT_HEADERS]
    ours = [k.decode().lower() for k, _ in resp.headers.raw]
    ours_names = [k for k in ours if k in SIGNIFICANT_HEADERS]
    if rec_names != ours_names:
        problems.append(f"headers {ours_names} != {rec_names}")
    rec = dict(recorded)
    for name in ("content-type", "content-range", "accept-ranges", "content-disposition",
                 "cache-control", "location"):  # fmt: skip
        if name in rec and resp.headers.get(name) != rec[name]:
            problems.append(f"{name}: {resp.headers.get(name)!r} != {rec[name]!r}")
    if "etag" in rec:
        etag = resp.headers.get("etag", "")
        want = WEAK_ETAG_RE if rec["etag"].startswith("W/") else STRONG_ETAG_RE
        if not want.match(etag):
            problems.append(f"etag {etag!r} has not the shape of {rec['etag']!r}")
    if "x-immich-cid" in rec and not re.match(
        r"^[a-z0-9]{8}$", resp.headers.get("x-immich-cid", "")
    ):
        problems.append("x-immich-cid missing")
    return problems
