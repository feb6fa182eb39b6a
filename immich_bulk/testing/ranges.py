"""HTTP conditional and Range request logic, as Express's ``send`` module applies it.

Immich serves originals with ``res.sendFile``; the transcripts (30a-30j) pin the behaviour:

* one satisfiable range -> 206 with ``Content-Range``; an end past EOF is clamped;
* several ranges, a malformed header or a unit other than ``bytes`` -> the full 200;
* an unsatisfiable range -> *500* (Immich's error filter turns send's 416 into a 500 but keeps
  ``Content-Range: bytes */SIZE``);
* ``If-Range`` with an entity tag must contain the current ETag, with a date it must not be
  older than ``Last-Modified``; otherwise the Range is ignored;
* ``If-None-Match`` (weak comparison) or ``If-Modified-Since`` -> 304.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime

__all__ = [
    "ByteRange",
    "RangeResult",
    "http_date",
    "is_not_modified",
    "parse_range",
    "range_fresh",
    "weak_etag",
]


_BYTES_RE = re.compile(r"^ *bytes=")
_INT_RE = re.compile(r"^\s*[+-]?\d+")


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive

    @property
    def length(self) -> int:
        return self.end - self.start + 1


@dataclass(frozen=True)
class RangeResult:
    """``ranges`` is None when the header is to be ignored; empty when unsatisfiable."""

    ranges: list[ByteRange] | None


def weak_etag(size: int, mtime_ms: int) -> str:
    return f'W/"{size:x}-{mtime_ms:x}"'


def http_date(mtime_ms: int) -> str:
    return formatdate(mtime_ms // 1000, usegmt=True)


def _js_parse_int(text: str) -> int | None:
    """``parseInt(text, 10)``: optional sign and leading digits; None for NaN."""
    match = _INT_RE.match(text)
    return int(match.group(0)) if match else None


def parse_range(header: str, size: int) -> RangeResult:
    """Parse a Range header like ``range-parser`` with ``combine: true`` (as ``send`` does)."""
    if not _BYTES_RE.match(header):
        return RangeResult(None)
    spec = header[header.index("=") + 1 :]
    ranges: list[ByteRange] = []
    for raw in spec.split(","):
        first, _, last = raw.partition("-")
        start = _js_parse_int(first)
        end = _js_parse_int(last)
        if start is None:
            if end is None:
                continue
            start, end = size - end, size - 1
        elif end is None:
            end = size - 1
        end = min(end, size - 1)
        if start > end or start < 0:
            continue
        ranges.append(ByteRange(start, end))
    return RangeResult(_combine(ranges))


def _combine(ranges: list[ByteRange]) -> list[ByteRange]:
    merged: list[ByteRange] = []
    for rng in sorted(ranges, key=lambda r: r.start):
        if merged and merged[-1].end + 1 >= rng.start:
            last = merged[-1]
            merged[-1] = ByteRange(last.start, max(last.end, rng.end))
        else:
            merged.append(rng)
    return merged


def _parse_http_date(value: str) -> float | None:
    try:
        return parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None


def range_fresh(if_range: str | None, etag: str, mtime_ms: int) -> bool:
    """True when the Range may be honoured (no If-Range, or it still matches)."""
    if not if_range:
        return True
    if '"' in if_range:
        return etag in if_range
    when = _parse_http_date(if_range)
    return when is not None and (mtime_ms // 1000) <= when


def _strip_weak(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag


def is_not_modified(
    if_none_match: str | None, if_modified_since: str | None, etag: str, mtime_ms: int
) -> bool:
    if if_none_match:
        if if_none_match.strip() == "*":
            return True
        mine = _strip_weak(etag)
        return any(_strip_weak(tag) == mine for tag in if_none_match.split(","))
    if if_modified_since:
        when = _parse_http_date(if_modified_since)
        return when is not None and (mtime_ms // 1000) <= when
    return False
