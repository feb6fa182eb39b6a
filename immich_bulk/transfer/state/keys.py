"""Where a state file lives, and how a server is named in it (never with credentials)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from ..._types import DEFAULT_PATH  # the sentinel of StateStore.open: the per-user path
from ..._types import DefaultPath as _Default
from ..local.fsutil import StrPath

__all__ = ["DEFAULT_PATH", "StatePath", "default_state_path", "server_key"]


#: Where a state file lives: a path, ``DEFAULT_PATH`` (the user cache dir) or None (none).
StatePath = StrPath | _Default | None


def default_state_path() -> Path:
    """``platformdirs.user_cache_dir("immich-bulk")/state.sqlite3``."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("immich-bulk", appauthor=False)) / "state.sqlite3"


def resolve_state_path(path: StatePath) -> Path | None:
    """The file *path* names (None: no file)."""
    if path is None:
        return None
    return default_state_path() if isinstance(path, _Default) else Path(path)


_DEFAULT_PORTS = {"http": 80, "https": 443}


def server_key(url: str) -> str:
    """A server URL reduced to what identifies the server: ``scheme://host[:port][/path]``.

    The scheme and host are lower-cased, user info (credentials), query and fragment are
    dropped, a default port is dropped, and so are trailing slashes and a trailing
    ``/api`` (the API root and the web root name the same server). Idempotent.

    >>> server_key("HTTPS://user:secret@Photos.Example.com:443/api/?apiKey=x")
    'https://photos.example.com'
    """
    text = str(url).strip()
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ValueError("server URL must start with http:// or https://")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError("server URL has no host")
    port = parts.port  # ValueError for a malformed port
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[-1] == "api":
        segments.pop()
    path = "".join("/" + s for s in segments)
    return f"{scheme}://{netloc}{path}"
