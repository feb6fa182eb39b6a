"""Replay every recorded Immich v2.7.5 transcript against FakeImmich and compare.

The transcripts are one session against a fresh server, so they are replayed in order on one
fake that starts uninitialised. Inputs the recording does not contain are synthesised: the
smoke-test images are JPEGs of the recorded sizes and dimensions, and real ids/checksums are
mapped to the fake's as they appear. Compared: status; content type, range, disposition,
cache-control, location, ETag shape, x-immich-cid presence and the order of those headers;
the JSON body's keys, key order, types, date styles and values (except values that differ by
nature: ids through the mapping, timestamps, tokens, paths, thumbhashes, disk sizes, job
counts); sizes of binary bodies where the fake has the same bytes count.

Every case is supported; 40d/40e need the 6000x4000 "img6-big.jpg" upload the recording made
between cases, which is done here with a slow-thumbnail fault.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shlex
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from immich_bulk.testing import FakeImmich

from .conftest import SPEC_CHECKER, make_jpeg
from .replay import compare_headers, compare_json, learn_ids
from .spec_check import TRANSCRIPTS

pytestmark = pytest.mark.skipif(
    not TRANSCRIPTS.exists(), reason=f"transcripts not found at {TRANSCRIPTS}"
)

# The smoke-test inputs: name -> (size, width, height, real sha1 hex)
IMAGES = {
    "img1.jpg": (41202, 320, 240, "7d350b898ff4f3007bf832065ac820288a17ab20"),
    "img2.jpg": (5514, 320, 240, "7491eb34036684f974910f897eb999f073f8e6b4"),
    "img4.jpg": (363, 80, 80, "c0fdd5859c37b281660facd646692880c7e67878"),
    "img5-fresh.jpg": (3280, 100, 100, "e7529f0a713d8e5c7f1aa97fdef8e1e74a02651e"),
    "img6-big.jpg": (7794322, 6000, 4000, "c63030310e41e844b8f7eb8303a05dedcdd14879"),
    "img3-never-uploaded.jpg": (2048, 64, 64, ""),
}
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:DateTimeOriginal="2023-03-03T00:00:00"/>'
    b"</rdf:RDF></x:xmpmeta>"
)


def load_cases() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(TRANSCRIPTS.glob("*.json"))]


class Replay:
    now_years = frozenset({"2026"})  # the year of the recording

    def __init__(self, fake: FakeImmich, http: httpx.AsyncClient) -> None:
        self.fake = fake
        self.http = http
        self.files: dict[str, bytes] = {}
        self.subst: dict[str, str] = {}  # real -> ours, applied to request text
        self.ids: dict[str, str] = {}
        self.vars: dict[str, str] = {}
        for name, (size, width, height, real_hex) in IMAGES.items():
            data = make_jpeg(name, size, width, height)
            self.files[name] = data
            if real_hex:
                self._map_checksum(bytes.fromhex(real_hex), hashlib.sha1(data).digest())
        self.files["note.txt"] = b"not a photo\n"
        self.files["img5.xmp"] = XMP

    def _map_checksum(self, real: bytes, ours: bytes) -> None:
        self.subst[real.hex()] = ours.hex()
        self.subst[real.hex().upper()] = ours.hex().upper()
        self.subst[base64.b64encode(real).decode()] = base64.b64encode(ours).decode()

    def rewrite(self, text: str) -> str:
        for key, value in {**self.subst, **self.ids}.items():
            text = text.replace(key, value)
        return text

    def build(self, curl: str) -> dict[str, Any]:
        tokens = shlex.split(curl)
        assert tokens[0] == "curl"
        method = "GET"
        headers: dict[str, str] = {}
        body: bytes | None = None
        files: dict[str, tuple[str, bytes, str]] = {}
        form: dict[str, str] = {}
        url = ""
        i = 1
        while i < len(tokens):
            tok = tokens[i]
            if tok == "-X":
                method = tokens[i + 1]
                i += 2
            elif tok == "--head":
                method = "HEAD"
                i += 1
            elif tok == "-H":
                name, _, value = tokens[i + 1].partition(":")
                headers[name.strip()] = self.substitute_vars(self.rewrite(value.strip()))
                i += 2
            elif tok == "-d":
                body = self.rewrite(tokens[i + 1]).encode()
                i += 2
            elif tok == "-F":
                name, _, value = tokens[i + 1].partition("=")
                if value.startswith("@"):
                    path, _, opts = value[1:].partition(";")
                    filename = opts.partition("filename=")[2] if "filename=" in opts else None
                    base = Path(path).name
                    files[name] = (filename or base, self.files[base], "application/octet-stream")
                else:
                    form[name] = value
                i += 2
            else:
                url = tok
                i += 1
        path = self.substitute_vars(self.rewrite(url.split("/api", 1)[1]))
        request: dict[str, Any] = {"method": method, "url": path, "headers": headers}
        if files or form:
            # curl -F always sends multipart/form-data (httpx would urlencode plain fields)
            boundary = "------------------------replayboundary"
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            request["content"] = encode_multipart(boundary, form, files)
        elif body is not None:
            request["content"] = body
        return request

    def substitute_vars(self, text: str) -> str:
        for name, value in self.vars.items():
            text = text.replace(name, value)
        return text

    def learn_ids(self, expected: Any, actual: Any) -> None:
        learn_ids(expected, actual, self.ids)


def encode_multipart(
    boundary: str, fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]
) -> bytes:
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value.encode()
            + b"\r\n"
        )
    for name, (filename, data, ctype) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


async def test_replay_transcripts(anyio_backend: str) -> None:
    cases = load_cases()
    assert len(cases) >= 90
    async with FakeImmich(initialized=False) as fake, fake.httpx_client(api_key="") as http:
        replay = Replay(fake, http)
        failures: dict[str, list[str]] = {}
        for case in cases:
            name = case["name"]
            await before_case(name, replay)
            request = replay.build(case["request"]["curl"])
            http.cookies.clear()  # curl keeps no cookies between commands
            resp = await http.request(**request)
            problems = check_case(case, resp, replay)
            after_case(name, case, resp, replay)
            if problems:
                failures[name] = problems
        assert not failures, "\n".join(
            f"{n}:\n  " + "\n  ".join(p[:8]) for n, p in failures.items()
        )


def check_case(case: dict[str, Any], resp: httpx.Response, replay: Replay) -> list[str]:
    expected_status = case["response"]["http_status"]
    problems = []
    if resp.status_code != expected_status:
        return [f"status {resp.status_code} != {expected_status}: {resp.text[:300]}"]
    problems += compare_headers(case, resp)
    body = case["response"].get("body") or {}
    if "json" in body:
        actual = resp.json()
        replay.learn_ids(body["json"], actual)
        problems += compare_json(body["json"], actual, replay)
        if SPEC_CHECKER.enabled and 200 <= resp.status_code < 300:
            op = _operation(resp)
            if op is not None:
                try:
                    SPEC_CHECKER.validate(op, resp.status_code, actual)
                except AssertionError as exc:
                    problems.append(str(exc))
    elif body.get("empty"):
        if resp.content:
            problems.append(f"expected an empty body, got {len(resp.content)} bytes")
    elif "text" in body:
        if resp.text != body["text"]:
            problems.append(f"body {resp.text!r} != {body['text']!r}")
    elif (
        "size" in body
        and case["name"][:2] in ("30", "50", "90")
        and len(resp.content) != body["size"]
    ):
        problems.append(f"body size {len(resp.content)} != {body['size']}")
    return problems


def _operation(resp: httpx.Response) -> str | None:
    from immich_bulk.testing.routing import default_router

    match = default_router.match(resp.request.method, resp.request.url.path[4:])
    return match.route.operation_id if match else None


async def before_case(name: str, replay: Replay) -> None:
    if name == "40d-thumbnail-immediately-after-upload":
        # The recording uploaded a 6000x4000 JPEG here; its thumbnail took ~10 s.
        replay.fake.faults.slow_thumbnails(0.4, times=1)
        data = replay.files["img6-big.jpg"]
        resp = await replay.http.post(
            "/assets",
            headers={"x-api-key": replay.vars["$API_KEY"]},
            files={"assetData": ("img6-big.jpg", data, "image/jpeg")},
            data={
                "deviceAssetId": "img6",
                "deviceId": "curl-smoke",
                "fileCreatedAt": "2024-06-02T00:00:00.000Z",
                "fileModifiedAt": "2024-06-02T00:00:00.000Z",
            },
        )
        assert resp.status_code == 201, resp.text
        replay.ids["e84d472d-dc0e-462b-a387-71f2894d7032"] = resp.json()["id"]
    elif name == "40e-thumbnail-after-job":
        await anyio.sleep(0.5)


def after_case(name: str, case: dict[str, Any], resp: httpx.Response, replay: Replay) -> None:
    if name == "03-login":
        replay.vars["$TOKEN"] = resp.json()["accessToken"]
        admin = replay.fake.user("admin@example.com")
        replay.vars["$API_KEY"] = replay.fake.create_api_key(admin, name="bench")
    elif name == "70l-setup-create-readonly-key":
        replay.vars["<REDACTED>"] = resp.json()["secret"]
    elif name == "70n-delete-api-key":
        replay.vars.pop("<REDACTED>", None)
