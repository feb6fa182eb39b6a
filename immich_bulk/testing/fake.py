"""``FakeImmich``: the object tests hold. State, faults, counters and the ASGI app."""

from __future__ import annotations

import hashlib
import importlib
import os
import random
import shutil
import string
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import anyio.to_thread
import httpx

from .app import FakeApp
from .counters import Counters
from .dto import js_date
from .faults import FaultPlan
from .media import asset_type_for, extension
from .metadata import read_media
from .routes_assets import after_insert, new_asset
from .state import Album, Asset, FakeState, User, new_id, utcnow

if TYPE_CHECKING:
    from immich_bulk.client import AsyncClient

__all__ = ["FakeImmich", "FakeUser"]

FakeUser = User
"""A user of the fake (``id``, ``email``, ``name``, ``is_admin``, ...)."""

DEFAULT_BASE_URL = "http://fake-immich/api"
_CID_ALPHABET = string.ascii_lowercase + string.digits


class FakeImmich:
    """An in-memory Immich v2.7.5 server.

    ``async with FakeImmich() as fake:`` (or ``with``) gives an initialised server: an admin
    ``admin@example.com`` / ``admin`` and an all-permission API key, :attr:`api_key`.
    :attr:`app` is the ASGI app; :meth:`client` and :meth:`httpx_client` talk to it
    in-process. With ``data_dir`` the state persists there (a restarted fake on the same
    directory sees the same users, keys and assets); without it a temporary directory holds
    the uploaded files and is removed on close.
    """

    def __init__(
        self,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        initialized: bool = True,
        api_key: str | None = None,
        seed: int = 0,
        thumbnail_delay: float = 0.0,
        control_endpoints: bool = True,
    ) -> None:
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if data_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="fake-immich-")
            root = Path(self._tmp.name)
        else:
            root = Path(data_dir)
            root.mkdir(parents=True, exist_ok=True)
        self.data_dir = root
        self.state = FakeState(root, persistent=data_dir is not None)
        self.faults = FaultPlan(seed)
        self.counters = Counters()
        self.thumbnail_delay = thumbnail_delay
        self.control_enabled = control_endpoints
        self.app = FakeApp(self)
        self._cid_random = random.Random()
        self.api_key = ""
        self.closed = False
        if self.state.get_meta("versionHistory") is None:
            self.state.set_meta("versionHistory", {"id": new_id(), "createdAt": js_date(utcnow())})
        if initialized or self.state.admin is not None:
            self._bootstrap(api_key)

    def _bootstrap(self, api_key: str | None) -> None:
        state = self.state
        admin = state.admin or state.create_user(
            "admin@example.com", "Admin", "admin", is_admin=True, storage_label="admin"
        )
        key = None
        if api_key:
            key = state.api_keys_by_secret.get(api_key)
            if key is None:
                key = state.create_api_key(admin, "fake-immich", ["all"], secret=api_key)
        else:
            stored = state.get_meta("bootstrapKeyId")
            key = state.api_keys.get(stored) if stored else None
            if key is None:
                key = state.create_api_key(admin, "fake-immich", ["all"])
                state.set_meta("bootstrapKeyId", key.id)
        self.api_key = key.secret

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.state.close()
        if self._tmp is not None:
            self._tmp.cleanup()

    async def aclose(self) -> None:
        await anyio.to_thread.run_sync(self.close)

    def __enter__(self) -> FakeImmich:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> FakeImmich:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    # ------------------------------------------------------------------ clients

    def client(self, api_key: str | None = None, **kwargs: Any) -> AsyncClient:
        """``immich_bulk.AsyncClient`` talking to this fake in-process (ASGI transport).

        Without a key (a fake made with ``initialized=False``) the client sends no credentials.
        The SDK is imported here, not at module level, so the fake stays usable (and cheap to
        import) on its own.
        """
        cls: type[AsyncClient] = importlib.import_module("immich_bulk.client").AsyncClient
        kwargs.setdefault("transport", httpx.ASGITransport(app=self.app))
        return cls(base_url=DEFAULT_BASE_URL, api_key=api_key or self.api_key or None, **kwargs)

    def httpx_client(
        self, api_key: str | None = None, *, base_url: str = DEFAULT_BASE_URL, **kwargs: Any
    ) -> httpx.AsyncClient:
        """A plain ``httpx.AsyncClient`` on the ASGI app with the ``x-api-key`` header set.

        Pass ``api_key=""`` for a client without credentials.
        """
        headers = dict(kwargs.pop("headers", {}) or {})
        key = self.api_key if api_key is None else api_key
        if key:
            headers.setdefault("x-api-key", key)
        kwargs.setdefault("timeout", 60.0)
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),
            base_url=base_url,
            headers=headers,
            **kwargs,
        )

    # ------------------------------------------------------------------ helpers

    def new_cid(self) -> str:
        return "".join(self._cid_random.choices(_CID_ALPHABET, k=8))

    def version_history(self) -> dict[str, str]:
        entry = self.state.get_meta("versionHistory") or {}
        return {
            "id": entry.get("id", ""),
            "createdAt": entry.get("createdAt", ""),
            "version": "2.7.5",
        }

    @property
    def admin(self) -> User | None:
        return self.state.admin

    def create_user(
        self, email: str, name: str = "", password: str = "password", is_admin: bool = False
    ) -> User:
        """Create a user directly (no HTTP); raises ValueError if the email exists."""
        return self.state.create_user(
            email, name or email.split("@")[0], password, is_admin=is_admin
        )

    def create_api_key(
        self, user: User | str, permissions: Sequence[str] = ("all",), name: str = "fake"
    ) -> str:
        """Create an API key for ``user`` and return its secret."""
        return self.state.create_api_key(self._user(user), name, list(permissions)).secret

    def user(self, id_or_email: str) -> User:
        return self._user(id_or_email)

    def _user(self, user: User | str | None) -> User:
        if isinstance(user, User):
            return user
        if user is None:
            admin = self.state.admin
            if admin is None:
                raise LookupError("the fake has no admin yet")
            return admin
        found = self.state.users.get(user) or self.state.users_by_email.get(user.lower())
        if found is None:
            raise LookupError(f"no such user: {user}")
        return found

    def add_asset(
        self,
        user: User | str | None,
        data: bytes | str | os.PathLike[str],
        filename: str | None = None,
        *,
        file_created_at: datetime | None = None,
        file_modified_at: datetime | None = None,
        device_asset_id: str | None = None,
        device_id: str = "fake-immich-seed",
        is_favorite: bool = False,
        visibility: str = "timeline",
        trashed: bool = False,
        description: str = "",
        live_photo_video_id: str | None = None,
    ) -> Asset:
        """Store an asset directly (no HTTP). ``data`` is the bytes or a file path.

        Returns the existing asset when the user already has these bytes (dedupe by SHA-1).
        """
        owner = self._user(user)
        if isinstance(data, bytes):
            name = filename or f"{hashlib.sha1(data).hexdigest()[:12]}.jpg"
            payload: bytes | None = data
            source: Path | None = None
        else:
            source = Path(data)
            name = filename or source.name
            payload = None
        if asset_type_for(name) is None:
            raise ValueError(f"Unsupported file type {name}")
        temp = self.state.temp_path()
        if payload is not None:
            temp.write_bytes(payload)
        else:
            assert source is not None
            shutil.copyfile(source, temp)
        digest = hashlib.sha1()
        head = b""
        with open(temp, "rb") as fh:
            while chunk := fh.read(1024 * 1024):
                if not head:
                    head = chunk[: 256 * 1024]
                digest.update(chunk)
        size = temp.stat().st_size
        now = datetime.now(timezone.utc).replace(microsecond=0)
        created = file_created_at or now
        modified = file_modified_at or created
        asset = new_asset(
            self,
            owner,
            checksum=digest.digest(),
            size=size,
            original_file_name=name,
            device_asset_id=device_asset_id or f"{name}-{size}",
            device_id=device_id,
            file_created_at=created if created.tzinfo else created.replace(tzinfo=timezone.utc),
            file_modified_at=modified if modified.tzinfo else modified.replace(tzinfo=timezone.utc),
            head=head,
            is_favorite=is_favorite,
            visibility=visibility,
            found=read_media(temp, extension(name)),
        )
        asset.description = description or asset.description
        if trashed:
            asset.deleted_at = utcnow()
        stored = self.state.insert_asset(asset, temp, None)
        if stored is not asset:
            temp.unlink(missing_ok=True)
            return stored
        after_insert(self.state, owner, asset, live_photo_video_id)
        return asset

    def assets(
        self, user: User | str | None = None, *, include_trashed: bool = True
    ) -> list[Asset]:
        """All assets (of ``user`` if given), oldest upload first."""
        if user is None:
            found = list(self.state.assets.values())
        else:
            found = list(self.state.iter_user_assets(self._user(user).id))
        if not include_trashed:
            found = [a for a in found if not a.is_trashed]
        return sorted(found, key=lambda a: a.created_at)

    def asset(self, asset_id: str) -> Asset | None:
        return self.state.assets.get(asset_id)

    def asset_by_checksum(self, user: User | str | None, checksum: bytes | str) -> Asset | None:
        raw = bytes.fromhex(checksum) if isinstance(checksum, str) else checksum
        return self.state.find_by_checksum(self._user(user).id, raw)

    def read_asset(self, asset_id: str) -> bytes:
        return self.state.path_of(self.state.assets[asset_id]).read_bytes()

    def albums(self, user: User | str | None = None) -> list[Album]:
        owner = None if user is None else self._user(user).id
        return [a for a in self.state.albums.values() if owner is None or a.owner_id == owner]

    def touch_asset(self, asset_id: str) -> int:
        """Give the asset's file a new mtime (so a new ETag); returns it in ms."""
        asset = self.state.assets[asset_id]
        mtime = max(asset.mtime_ms + 1000, int(time.time() * 1000))
        self.state.set_mtime(asset, mtime)
        return mtime
