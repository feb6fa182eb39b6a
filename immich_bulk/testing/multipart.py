"""Incremental ``multipart/form-data`` parser.

Feed it the body chunks as they arrive; it returns events without ever buffering more than
one chunk plus a delimiter's worth of bytes, so a 10 GB upload streams straight to disk.

Events: :class:`PartStart` (the part's headers, name and filename), :class:`PartData`
(a slice of the part's body) and :class:`PartEnd`. :meth:`MultipartParser.close` checks
that the closing delimiter was seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

__all__ = [
    "MultipartError",
    "MultipartParser",
    "PartData",
    "PartEnd",
    "PartStart",
    "parse_boundary",
    "parse_options_header",
]

MAX_HEADER_BYTES = 16 * 1024


class MultipartError(ValueError):
    """The body is not valid multipart/form-data."""


@dataclass(frozen=True)
class PartStart:
    headers: dict[str, str]
    name: str
    filename: str | None
    content_type: str


@dataclass(frozen=True)
class PartData:
    data: bytes


@dataclass(frozen=True)
class PartEnd:
    pass


Event = PartStart | PartData | PartEnd

_PREAMBLE, _AFTER_DELIM, _HEADERS, _BODY, _DONE = range(5)


def parse_options_header(value: str) -> tuple[str, dict[str, str]]:
    """Split ``form-data; name="a"; filename*=UTF-8''b`` into a value and parameters."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    escaped = False
    for ch in value:
        if quoted:
            if escaped:
                escaped = False
                current.append(ch)
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                quoted = False
                current.append(ch)
            else:
                current.append(ch)
        elif ch == '"':
            quoted = True
            current.append(ch)
        elif ch == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    main = parts[0].strip().lower()
    params: dict[str, str] = {}
    for part in parts[1:]:
        key, sep, val = part.strip().partition("=")
        if not sep:
            continue
        key = key.strip().lower()
        val = val.strip()
        if len(val) >= 2 and val[0] == val[-1] == '"':
            val = val[1:-1]
        if key.endswith("*"):
            charset, _, rest = val.partition("'")
            _, _, encoded = rest.partition("'")
            try:
                val = unquote(encoded, encoding=charset or "utf-8", errors="strict")
            except (LookupError, UnicodeDecodeError):
                val = unquote(encoded, encoding="latin-1")
            key = key[:-1]
            params[key] = val  # RFC 5987 form wins over the plain one
        else:
            params.setdefault(key, val)
    return main, params


def parse_boundary(content_type: str) -> bytes | None:
    main, params = parse_options_header(content_type)
    if main != "multipart/form-data":
        return None
    boundary = params.get("boundary")
    if not boundary or len(boundary) > 200:
        return None
    return boundary.encode("latin-1")


class MultipartParser:
    def __init__(self, boundary: bytes) -> None:
        self._delim = b"\r\n--" + boundary
        self._keep = len(self._delim) + 1
        # The first delimiter has no leading CRLF: pretend there was one.
        self._buf = bytearray(b"\r\n")
        self._state = _PREAMBLE

    @property
    def done(self) -> bool:
        return self._state == _DONE

    def feed(self, data: bytes) -> list[Event]:
        if self._state == _DONE:
            return []
        self._buf += data
        events: list[Event] = []
        buf = self._buf
        while True:
            if self._state == _PREAMBLE:
                idx = buf.find(self._delim)
                if idx < 0:
                    if len(buf) > self._keep:
                        del buf[: len(buf) - self._keep]
                    break
                del buf[: idx + len(self._delim)]
                self._state = _AFTER_DELIM
            elif self._state == _AFTER_DELIM:
                if len(buf) < 2:
                    break
                if buf[:2] == b"--":
                    self._state = _DONE
                    buf.clear()
                    break
                # tolerate transport padding (spaces/tabs) before the CRLF
                eol = buf.find(b"\r\n")
                if eol < 0:
                    if len(buf) > 1024:
                        raise MultipartError("malformed delimiter line")
                    break
                if buf[:eol].strip(b" \t"):
                    raise MultipartError("malformed delimiter line")
                del buf[: eol + 2]
                self._state = _HEADERS
            elif self._state == _HEADERS:
                if buf[:2] == b"\r\n":
                    raw_headers = b""
                    del buf[:2]
                else:
                    end = buf.find(b"\r\n\r\n")
                    if end < 0:
                        if len(buf) > MAX_HEADER_BYTES:
                            raise MultipartError("part headers too large")
                        break
                    raw_headers = bytes(buf[:end])
                    del buf[: end + 4]
                events.append(self._part_start(raw_headers))
                self._state = _BODY
            elif self._state == _BODY:
                idx = buf.find(self._delim)
                if idx >= 0:
                    if idx:
                        events.append(PartData(bytes(memoryview(buf)[:idx])))
                    events.append(PartEnd())
                    del buf[: idx + len(self._delim)]
                    self._state = _AFTER_DELIM
                    continue
                safe = len(buf) - self._keep
                if safe > 0:
                    events.append(PartData(bytes(memoryview(buf)[:safe])))
                    del buf[:safe]
                break
            else:  # _DONE
                buf.clear()
                break
        return events

    def close(self) -> None:
        if self._state != _DONE:
            raise MultipartError("Unexpected end of form")

    @staticmethod
    def _part_start(raw: bytes) -> PartStart:
        headers: dict[str, str] = {}
        for line in raw.split(b"\r\n"):
            if not line:
                continue
            name, sep, value = line.partition(b":")
            if not sep:
                raise MultipartError("malformed part header")
            try:
                text = value.decode("utf-8").strip()
            except UnicodeDecodeError:
                text = value.decode("latin-1").strip()
            headers[name.decode("latin-1").strip().lower()] = text
        disposition, params = parse_options_header(headers.get("content-disposition", ""))
        if disposition != "form-data" or "name" not in params:
            raise MultipartError("part without form-data name")
        return PartStart(
            headers=headers,
            name=params["name"],
            filename=params.get("filename"),
            content_type=headers.get("content-type", "text/plain"),
        )
