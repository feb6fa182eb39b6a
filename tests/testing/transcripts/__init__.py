"""Scenarios recorded against a real Immich v2.7.5, replayed against any server.

A scenario is a folder here of steps, one request each: ``NNN-name.json`` (the curl command
line, the answer: status, headers, body) and ``NNN-name.txt`` (the same for reading), the
format of the shared smoke-test recordings. Placeholders in a command line: ``$API_KEY`` (a
fresh user's key, every permission), ``$ADMIN_KEY``, ``$PASSWORD`` (the user's, to log in),
``$FILES`` (``files/`` here) and
``$NAME`` for a value an earlier answer gave (a step's ``bind``: ``{"$A1": "id"}``). A step
with ``"before": "wait-for-jobs"`` waits for the server's background jobs first; a step
``"generated": true`` answers with bytes the server makes (a rendition, a zip), which are not
compared; ``"unordered"`` names lists of the answer that the server returns in no defined
order.

``scenarios.py`` says what is recorded; ``python -m tests.testing.transcripts.record``
records it against a real server (tests/e2e's environment variables), scrubbing secrets,
paths and ids. The replay (:func:`replay`) runs the recorded steps against FakeImmich
(tests/testing/test_recorded_transcripts.py) and against the real server again
(tests/e2e/test_transcripts.py), comparing each answer with the recording.
"""

from __future__ import annotations

import hashlib
import json
import shlex
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

import attrs
import httpx

from ..replay import compare_headers, compare_json, learn_ids

HERE = Path(__file__).parent
FILES = HERE / "files"
#: The URL written into the recorded command lines (whatever server was recorded).
RECORDED_URL = "http://127.0.0.1:2283/api"
BOUNDARY = "------------------------transcriptboundary"


@attrs.frozen
class Step:
    name: str
    description: str
    curl: str
    bind: Mapping[str, str] = attrs.field(factory=dict)
    """placeholder -> dotted path into this step's JSON answer (``id``, ``0.id``, ``secret``),
    or ``header:NAME`` for a header of the answer (``header:etag``)"""
    before: str | None = None
    """``"wait-for-jobs"``: wait for the server's background jobs before this step"""
    generated: bool = False
    """the server makes this body (a rendition, a zip): its bytes are not compared"""
    unordered: tuple[str, ...] = ()
    """dotted paths of lists in the JSON answer whose order the server does not define
    (a stack's assets): compared as sets of ids"""


def scenario_dirs() -> list[Path]:
    return sorted(p for p in HERE.iterdir() if p.is_dir() and p.name != "files" and _cases(p))


def _cases(folder: Path) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9][0-9]-*.json"))


def load(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in _cases(folder)]


def dig(body: Any, path: str) -> Any:
    for key in path.split("."):
        body = body[int(key)] if isinstance(body, list) else body[key]
    return body


class Session:
    """One run of a scenario against one server: the values of the placeholders, and the
    recorded ids mapped to the ids this server gave."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        values: Mapping[str, str],
        wait_for_jobs: Callable[[], Awaitable[None]],
        *,
        now_years: frozenset[str] = frozenset(),
    ) -> None:
        self.http = http
        self.values = dict(values)
        self.wait_for_jobs = wait_for_jobs
        self.ids: dict[str, str] = {}
        self.now_years = now_years

    # -- the Mapping protocol of ..replay ---------------------------------------------
    def rewrite(self, text: str) -> str:
        for key, value in self.ids.items():
            text = text.replace(key, value)
        return self.substitute(text)

    def substitute(self, text: str) -> str:
        for name in sorted(self.values, key=len, reverse=True):  # $A10 before $A1
            text = text.replace(name, self.values[name])
        return text

    # -- requests ---------------------------------------------------------------------
    def build(self, curl: str) -> dict[str, Any]:
        """The httpx request of a recorded command line (multipart parts in their order)."""
        tokens = shlex.split(curl)
        assert tokens[0] == "curl", curl
        method, url = "GET", ""
        headers: dict[str, str] = {}
        body: bytes | None = None
        parts: list[tuple[str, str | None, bytes, str | None]] = []
        i = 1
        while i < len(tokens):
            token = tokens[i]
            if token == "-X":
                method = tokens[i + 1]
            elif token == "-H":
                name, _, value = tokens[i + 1].partition(":")
                headers[name.strip()] = self.substitute(value.strip())
            elif token == "-d":
                body = self.substitute(tokens[i + 1]).encode()
            elif token == "-F":
                parts.append(self._part(tokens[i + 1]))
            else:
                url = token
                i += 1
                continue
            i += 2
        assert url.startswith(RECORDED_URL), url
        request: dict[str, Any] = {
            "method": method,
            "url": self.substitute(url[len(RECORDED_URL) :]),
            "headers": headers,
        }
        if parts:
            headers["Content-Type"] = f"multipart/form-data; boundary={BOUNDARY}"
            request["content"] = encode_multipart(parts)
        elif body is not None:
            request["content"] = body
        return request

    def _part(self, spec: str) -> tuple[str, str | None, bytes, str | None]:
        name, _, value = spec.partition("=")
        if not value.startswith("@"):
            return name, None, self.substitute(value).encode(), None
        path, *options = value[1:].split(";")
        opts = dict(o.split("=", 1) for o in options)
        file = Path(path.replace("$FILES", str(FILES)))
        return name, opts.get("filename", file.name), file.read_bytes(), opts.get("type")

    async def send(self, case: Mapping[str, Any]) -> httpx.Response:
        if case.get("before") == "wait-for-jobs":
            await self.wait_for_jobs()
        self.http.cookies.clear()  # curl keeps no cookies between commands
        return await self.http.request(**self.build(case["request"]["curl"]))

    def bind(self, case: Mapping[str, Any], resp: httpx.Response) -> None:
        for name, path in (case.get("bind") or {}).items():
            if path.startswith("header:"):
                self.values[name] = resp.headers[path.removeprefix("header:")]
            else:
                self.values[name] = str(dig(resp.json(), path))


def encode_multipart(parts: list[tuple[str, str | None, bytes, str | None]]) -> bytes:
    out = []
    for name, filename, data, ctype in parts:
        head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"'
        if filename is not None:
            head += (
                f'; filename="{filename}"\r\nContent-Type: {ctype or "application/octet-stream"}'
            )
        out.append(head.encode() + b"\r\n\r\n" + data + b"\r\n")
    return b"".join(out) + f"--{BOUNDARY}--\r\n".encode()


def check(case: Mapping[str, Any], resp: httpx.Response, session: Session) -> list[str]:
    """How *resp* differs from the recorded answer of *case* (nothing: the same)."""
    recorded = case["response"]
    if resp.status_code != recorded["http_status"]:
        return [f"status {resp.status_code} != {recorded['http_status']}: {resp.text[:300]}"]
    # recorded ids in a header or a text (a redirect's Location) stand for this server's
    headers = [[k, session.rewrite(v)] for k, v in recorded["headers"]]
    problems = compare_headers({**case, "response": {**recorded, "headers": headers}}, resp)
    body = recorded.get("body") or {}
    if "json" in body:
        actual = resp.json()
        for path in case.get("unordered") or ():
            _same_order(dig(body["json"], path), dig(actual, path), session)
        learn_ids(body["json"], actual, session.ids)
        problems += compare_json(body["json"], actual, session)
    elif body.get("empty"):
        if resp.content:
            problems.append(f"expected an empty body, got {len(resp.content)} bytes")
    elif "text" in body:
        if resp.text != session.rewrite(body["text"]):
            problems.append(f"body {resp.text!r} != {body['text']!r}")
    elif case.get("generated"):
        pass  # a rendition or a zip of the server's own making
    elif "sha1" in body and hashlib.sha1(resp.content).hexdigest() != body["sha1"]:
        problems.append(f"body: {len(resp.content)} bytes, not the {body['size']} recorded")
    return problems


def _same_order(recorded: list[Any], actual: list[Any], session: Session) -> None:
    """Put the items of *actual* in the order of *recorded*, matched by their ids."""
    wanted = [session.ids.get(item["id"], item["id"]) for item in recorded]
    actual.sort(key=lambda item: wanted.index(item["id"]) if item["id"] in wanted else len(wanted))


async def replay(folder: Path, session: Session) -> dict[str, list[str]]:
    """Run the recorded steps of *folder*; the differences, by step name."""
    failures: dict[str, list[str]] = {}
    for case in load(folder):
        resp = await session.send(case)
        problems = check(case, resp, session)
        if problems:
            failures[case["name"]] = problems
        if resp.status_code < 400:
            session.bind(case, resp)
    return failures


def now_years(folder: Path) -> frozenset[str]:
    return frozenset(c["recorded_at"][:4] for c in load(folder))
