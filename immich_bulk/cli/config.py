"""Where the server URL and API key come from: flags, then environment, then the config file.

``immich-bulk login URL KEY`` writes the config file (readable only by its owner, mode 0600,
in a 0700 directory); ``immich-bulk logout`` removes it. The environment variables are the
official Immich CLI's: ``IMMICH_INSTANCE_URL`` and ``IMMICH_API_KEY``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import attrs
import platformdirs

__all__ = ["Credentials", "config_path", "delete_config", "load_config", "save_config"]

ENV_URL = "IMMICH_INSTANCE_URL"
ENV_KEY = "IMMICH_API_KEY"
ENV_CONFIG_DIR = "IMMICH_BULK_CONFIG_DIR"


@attrs.frozen
class Credentials:
    url: str
    key: str = attrs.field(repr=False)
    source: str  # "flags", "environment", "config file"


def config_path() -> Path:
    base = os.environ.get(ENV_CONFIG_DIR) or platformdirs.user_config_dir("immich-bulk")
    return Path(base) / "auth.json"


def load_config() -> dict[str, str]:
    path = config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read the config file {path}: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"the config file {path} is not a JSON object")
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def save_config(url: str, key: str) -> Path:
    """Write the config file so that only its owner can read it (created 0600, never wider)."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_suffix(".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, json.dumps({"url": url, "key": key}, indent=2).encode() + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)  # a partial file holding the key stays nowhere
        raise
    return path


def delete_config() -> bool:
    try:
        config_path().unlink()
    except FileNotFoundError:
        return False
    return True


def resolve(url: str | None, key: str | None) -> Credentials:
    """The URL and key to use; raises ValueError with a one-line fix when something is missing."""
    if url and key:
        return Credentials(url, key, "flags")
    env_url, env_key = os.environ.get(ENV_URL), os.environ.get(ENV_KEY)
    stored = load_config()
    final_url = url or env_url or stored.get("url")
    final_key = key or env_key or stored.get("key")
    if not final_url:
        raise ValueError(
            "no server URL: pass --url, set IMMICH_INSTANCE_URL, or run `immich-bulk login URL KEY`"
        )
    if not final_key:
        raise ValueError(
            "no API key: set IMMICH_API_KEY, pass --key, or run `immich-bulk login URL KEY`"
        )
    source = "flags" if url or key else ("environment" if env_url or env_key else "config file")
    return Credentials(final_url, final_key, source)
