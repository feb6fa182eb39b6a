"""Record the scenarios of scenarios.py against a real Immich server.

    python -m tests.testing.transcripts.record [SCENARIO...]

The server is the end-to-end suite's (``IMMICH_E2E_URL``, ``IMMICH_E2E_KEY_FILE``; see
docs/testing.md). Each scenario runs as a new user. What is written is scrubbed: no key,
token or secret; the user's email and name become ``$USER_EMAIL`` and ``$USER_NAME``; ids
become stable placeholders in the order they appear; paths start at ``/data``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import secrets
import shutil
import sys
from pathlib import Path
from typing import Any

import anyio
import httpx

from immich_bulk import AsyncClient

from ...e2e.real import RealServer, RealUser, create_user, wait_for_jobs
from . import HERE, RECORDED_URL, Session, Step
from .scenarios import SCENARIOS

UUID_ANYWHERE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SECRET_KEYS = {"secret", "accessToken"}
MEDIA_PATH = re.compile(r"^.*?/(upload|library|thumbs|encoded-video|profile|backups)/")


class Scrubber:
    """Makes an answer fit to commit: the same real id always becomes the same placeholder."""

    def __init__(self, user: RealUser, secrets_: list[str]) -> None:
        self.user = user
        self.secrets = [s for s in secrets_ if s]
        self.ids: dict[str, str] = {}

    def uuid(self, match: re.Match[str]) -> str:
        real = match.group(0)
        if real not in self.ids:
            self.ids[real] = f"00000000-0000-4000-8000-{len(self.ids) + 1:012d}"
        return self.ids[real]

    def text(self, value: str) -> str:
        for secret in self.secrets:
            value = value.replace(secret, "<REDACTED>")
        value = value.replace(self.user.email, "$USER_EMAIL")
        if value == self.user.email.split("@")[0]:
            value = "$USER_NAME"
        return UUID_ANYWHERE.sub(self.uuid, value)

    def json(self, body: Any, key: str = "") -> Any:
        if isinstance(body, dict):
            return {k: self.json(v, k) for k, v in body.items()}
        if isinstance(body, list):
            return [self.json(v) for v in body]
        if isinstance(body, str):
            if key in SECRET_KEYS:
                return "<REDACTED>"
            if key in ("originalPath", "profileImagePath"):
                body = MEDIA_PATH.sub(r"/data/\1/", body)
            return self.text(body)
        return body


def body_record(resp: httpx.Response, scrub: Scrubber) -> dict[str, Any]:
    content = resp.content
    if not content:
        return {"size": 0, "empty": True}
    if "json" in resp.headers.get("content-type", ""):
        return {"size": len(content), "json": scrub.json(resp.json())}
    if resp.headers.get("content-type", "").startswith("text/"):
        return {"size": len(content), "text": scrub.text(resp.text)}
    return {
        "size": len(content),
        "sha1": hashlib.sha1(content).hexdigest(),
        "first_bytes_hex": content[:16].hex(),
    }


def write_case(folder: Path, number: int, step: Step, resp: httpx.Response, scrub: Scrubber,
               seconds: float) -> None:  # fmt: skip
    name = f"{number:03d}-{step.name}"
    status_line = f"{resp.http_version} {resp.status_code} {resp.reason_phrase}"
    headers = [[k.decode(), scrub.text(v.decode())] for k, v in resp.headers.raw]
    case: dict[str, Any] = {
        "name": name,
        "description": step.description,
        "request": {"curl": step.curl},
    }
    if step.bind:
        case["bind"] = dict(step.bind)
    if step.before:
        case["before"] = step.before
    if step.generated:
        case["generated"] = True
    if step.unordered:
        case["unordered"] = list(step.unordered)
    case["response"] = {
        "http_status": resp.status_code,
        "status_line": status_line,
        "headers": headers,
        "body": body_record(resp, scrub),
    }
    case["time_total_s"] = round(seconds, 6)
    case["recorded_at"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S%z")
    (folder / f"{name}.json").write_text(json.dumps(case, indent=2, ensure_ascii=False) + "\n")
    body = case["response"]["body"]
    if "json" in body:
        shown = json.dumps(body["json"], indent=2, ensure_ascii=False)
    elif "text" in body:
        shown = body["text"]
    elif "sha1" in body:
        shown = (
            f"<binary body: {body['size']} bytes, sha1 {body['sha1']}, "
            f"starts {body['first_bytes_hex']}>"
        )
    else:
        shown = ""
    text = [f"# {name}: {step.description}", f"$ {step.curl}", "", status_line]
    text += [f"{k}: {v}" for k, v in headers] + ["", shown]
    (folder / f"{name}.txt").write_text("\n".join(text).rstrip("\n") + "\n")


async def record(server: RealServer, admin: AsyncClient, name: str, steps: list[Step]) -> None:
    user = await create_user(server, admin, name=f"rec-{secrets.token_hex(4)}")
    async with httpx.AsyncClient(base_url=server.url, timeout=120) as http:
        session = Session(
            http,
            {
                "$API_KEY": user.api_key,
                "$ADMIN_KEY": server.admin_key,
                "$USER_EMAIL": user.email,
                "$USER_NAME": user.email.split("@")[0],
                "$USER_ID": user.id,
                "$PASSWORD": user.password,
            },
            lambda: wait_for_jobs(admin),
        )
        scrub = Scrubber(user, [user.api_key, server.admin_key, user.password])
        folder = HERE / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        for number, step in enumerate(steps, 1):
            case = {"request": {"curl": step.curl}, "before": step.before}
            started = anyio.current_time()
            resp = await session.send(case)
            seconds = anyio.current_time() - started
            if resp.status_code < 400:
                session.bind({"bind": step.bind}, resp)
                scrub.secrets += [
                    v for k, v in session.values.items() if k.startswith(("$KEY", "$TOKEN"))
                ]
            write_case(folder, number, step, resp, scrub, seconds)
            print(f"{name}/{number:03d}-{step.name}: {resp.status_code}")


async def main(names: list[str]) -> None:
    url = os.environ["IMMICH_E2E_URL"].rstrip("/")
    assert RECORDED_URL.endswith("/api") and url.endswith("/api"), url
    key = Path(os.environ["IMMICH_E2E_KEY_FILE"]).read_text().strip()
    async with AsyncClient(url, api_key=key) as admin:
        about = await admin.server.get_server_version()
        server = RealServer(
            url=url, admin_key=key, version=f"{about.major}.{about.minor}.{about.patch}"
        )
        for name in names or list(SCENARIOS):
            await record(server, admin, name, SCENARIOS[name])


if __name__ == "__main__":
    anyio.run(main, sys.argv[1:])
