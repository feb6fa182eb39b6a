"""The fake's data model: users, keys, sessions, assets, albums, stacks, tags, job queues.

All lookups the hot paths need are dicts: asset by id, asset by (owner, SHA-1) for dedupe,
by (owner, deviceId, deviceAssetId) for ``/assets/exist``, albums by asset. Only list and
search endpoints scan a user's assets. Mutations that must be atomic (the dedupe check and
insert of an upload) run under :attr:`FakeState.lock` without awaiting in between, so two
concurrent uploads of the same bytes create exactly one asset.

With a data directory the metadata lives in ``fake-immich.sqlite3`` (see :mod:`.persist`)
and files under ``upload/``; without one, everything is in memory except the files, which
go to a temporary directory.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import string
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, ClassVar

from .persist import Store, from_document, to_document

__all__ = [
    "QUEUE_NAMES",
    "Album",
    "ApiKey",
    "Asset",
    "FakeState",
    "QueueState",
    "Session",
    "Stack",
    "Tag",
    "User",
    "new_id",
    "utcnow",
]

QUEUE_NAMES = (
    "thumbnailGeneration",
    "metadataExtraction",
    "videoConversion",
    "smartSearch",
    "storageTemplateMigration",
    "migration",
    "backgroundTask",
    "search",
    "duplicateDetection",
    "faceDetection",
    "facialRecognition",
    "sidecar",
    "library",
    "notifications",
    "backupDatabase",
    "ocr",
    "workflow",
    "editor",
)
AVATAR_COLORS = (
    "primary", "pink", "red", "yellow", "blue", "green", "purple", "orange", "gray", "amber",
)  # fmt: skip


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_id() -> str:
    return str(uuid.uuid4())


def _alphanumeric_secret() -> str:
    """Like Immich's keys and tokens: letters and digits only (never a leading ``-``, which a
    command line would take for an option)."""
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(43))


@dataclass(eq=False)
class User:
    kind: ClassVar[str] = "user"
    id: str
    email: str
    name: str
    password: str
    is_admin: bool
    created_at: datetime
    updated_at: datetime
    profile_changed_at: datetime
    avatar_color: str = "primary"
    storage_label: str | None = None
    should_change_password: bool = True
    quota_size_in_bytes: int | None = None
    profile_image_file: str | None = None
    oauth_id: str = ""
    deleted_at: datetime | None = None
    status: str = "active"
    is_onboarded: bool = False
    pin_code: str | None = field(default=None, repr=False)
    preferences: dict[str, Any] = field(default_factory=dict)

    @property
    def profile_image_path(self) -> str:
        return (
            f"/data/profile/{self.id}/{Path(self.profile_image_file).name}"
            if (self.profile_image_file)
            else ""
        )


@dataclass(eq=False)
class ApiKey:
    kind: ClassVar[str] = "api_key"
    id: str
    user_id: str
    name: str
    secret: str
    permissions: list[str]
    created_at: datetime
    updated_at: datetime


@dataclass(eq=False)
class Session:
    kind: ClassVar[str] = "session"
    id: str
    user_id: str
    token: str
    created_at: datetime
    updated_at: datetime
    device_type: str = ""
    device_os: str = ""
    pin_expires_at: datetime | None = None
    """until when the session is unlocked with the PIN code (may reach the locked folder)"""

    def is_elevated(self) -> bool:
        return self.pin_expires_at is not None and self.pin_expires_at > utcnow()


@dataclass(eq=False)
class Asset:
    kind: ClassVar[str] = "asset"
    id: str
    owner_id: str
    device_asset_id: str
    device_id: str
    type: str
    original_file_name: str
    file: str  # path relative to the data directory
    size: int
    checksum: bytes
    file_created_at: datetime
    file_modified_at: datetime
    local_date_time: datetime
    created_at: datetime
    updated_at: datetime
    mtime_ms: int
    is_favorite: bool = False
    visibility: str = "timeline"
    deleted_at: datetime | None = None
    duration: str | None = None
    live_photo_video_id: str | None = None
    description: str = ""
    rating: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    date_time_original: datetime | None = None
    time_zone: str | None = None
    orientation: str | None = None
    sidecar_file: str | None = None
    metadata: dict[str, dict[str, Any]] = field(default_factory=dict)
    tag_ids: list[str] = field(default_factory=list)
    stack_id: str | None = None
    width: int | None = None
    height: int | None = None
    thumb_ready_at: float | None = None
    thumb_generated_ms: int = 0
    duplicate_id: str | None = None

    @property
    def is_trashed(self) -> bool:
        return self.deleted_at is not None

    @property
    def in_album_view(self) -> bool:
        """Listed and counted in an album: Immich leaves out trashed, hidden and locked
        members (a hidden live-photo motion part stays a member all the same)."""
        return self.deleted_at is None and self.visibility in ("timeline", "archive")

    @property
    def checksum_hex(self) -> str:
        return self.checksum.hex()

    def thumbnail_ready(self, now: float | None = None) -> bool:
        return self.thumb_ready_at is not None and (now or time.time()) >= self.thumb_ready_at


@dataclass(eq=False)
class Album:
    kind: ClassVar[str] = "album"
    id: str
    owner_id: str
    name: str
    description: str
    created_at: datetime
    updated_at: datetime
    thumbnail_asset_id: str | None = None
    asset_ids: dict[str, datetime] = field(default_factory=dict)  # insertion ordered
    is_activity_enabled: bool = True
    order: str = "desc"
    album_users: list[dict[str, str]] = field(default_factory=list)  # [{"userId", "role"}]


@dataclass(eq=False)
class Stack:
    kind: ClassVar[str] = "stack"
    id: str
    owner_id: str
    primary_asset_id: str
    asset_ids: list[str]
    created_at: datetime
    updated_at: datetime


@dataclass(eq=False)
class Tag:
    kind: ClassVar[str] = "tag"
    id: str
    user_id: str
    value: str
    parent_id: str | None
    color: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def name(self) -> str:
        return self.value.rsplit("/", 1)[-1]


@dataclass(eq=False)
class QueueState:
    """A job queue's counters. Work is done instantly unless the queue is paused."""

    kind: ClassVar[str] = "queue"
    id: str  # the queue name
    is_paused: bool = False
    completed: int = 0
    failed: int = 0
    paused: int = 0
    waiting: int = 0
    delayed: int = 0
    active: int = 0
    pending_asset_ids: list[str] = field(default_factory=list)


@dataclass(eq=False)
class Meta:
    kind: ClassVar[str] = "meta"
    id: str
    value: Any


_KINDS: dict[str, type[Any]] = {
    cls.kind: cls for cls in (User, ApiKey, Session, Asset, Album, Stack, Tag, QueueState, Meta)
}


class FakeState:
    def __init__(self, root: Path, *, persistent: bool) -> None:
        self.root = root
        self.lock = threading.RLock()
        self.users: dict[str, User] = {}
        self.users_by_email: dict[str, User] = {}
        self.api_keys: dict[str, ApiKey] = {}
        self.api_keys_by_secret: dict[str, ApiKey] = {}
        self.sessions: dict[str, Session] = {}
        self.sessions_by_token: dict[str, Session] = {}
        self.assets: dict[str, Asset] = {}
        self.user_assets: dict[str, dict[str, None]] = {}
        self.by_checksum: dict[str, dict[bytes, str]] = {}
        self.by_device: dict[tuple[str, str, str], str] = {}
        self.albums: dict[str, Album] = {}
        self.asset_albums: dict[str, set[str]] = {}
        self.stacks: dict[str, Stack] = {}
        self.tags: dict[str, Tag] = {}
        self.queues: dict[str, QueueState] = {name: QueueState(name) for name in QUEUE_NAMES}
        self.meta: dict[str, Meta] = {}
        self.usage: dict[str, int] = {}
        self.version = 0  # bumped by every change; keys the search cache
        self._dirs: set[Path] = set()
        self.search_cache: OrderedDict[tuple[str, int, str], list[str]] = OrderedDict()
        (root / "upload").mkdir(parents=True, exist_ok=True)
        tmp = root / "tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True, exist_ok=True)
        self.store: Store | None = Store(root / "fake-immich.sqlite3") if persistent else None
        if self.store is not None:
            self._load(self.store)

    # ------------------------------------------------------------------ persistence

    def _load(self, store: Store) -> None:
        for kind, docs in store.load().items():
            cls = _KINDS.get(kind)
            if cls is None:
                continue
            for doc in docs:
                obj = from_document(cls, doc)
                if isinstance(obj, User):
                    self._index_user(obj)
                elif isinstance(obj, ApiKey):
                    self._index_key(obj)
                elif isinstance(obj, Session):
                    self.sessions[obj.id] = obj
                    self.sessions_by_token[obj.token] = obj
                elif isinstance(obj, Asset):
                    self._index_asset(obj)
                elif isinstance(obj, Album):
                    self.albums[obj.id] = obj
                elif isinstance(obj, Stack):
                    self.stacks[obj.id] = obj
                elif isinstance(obj, Tag):
                    self.tags[obj.id] = obj
                elif isinstance(obj, QueueState):
                    self.queues[obj.id] = obj
                elif isinstance(obj, Meta):
                    self.meta[obj.id] = obj
        for album in self.albums.values():
            for asset_id in album.asset_ids:
                self.asset_albums.setdefault(asset_id, set()).add(album.id)

    def save(self, *objs: Any) -> None:
        self.save_many(objs)

    def save_many(self, objs: Iterable[Any]) -> None:
        self.version += 1
        if self.store is not None:
            self.store.put_many((o.kind, o.id, to_document(o)) for o in objs)

    def forget(self, objs: Iterable[Any]) -> None:
        self.version += 1
        if self.store is not None:
            self.store.delete_many((o.kind, o.id) for o in objs)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def get_meta(self, key: str, default: Any = None) -> Any:
        meta = self.meta.get(key)
        return default if meta is None else meta.value

    def set_meta(self, key: str, value: Any) -> None:
        meta = Meta(key, value)
        self.meta[key] = meta
        self.save(meta)

    # ------------------------------------------------------------------ users & auth

    def _index_user(self, user: User) -> None:
        self.users[user.id] = user
        self.users_by_email[user.email.lower()] = user
        self.user_assets.setdefault(user.id, {})
        self.by_checksum.setdefault(user.id, {})
        self.usage.setdefault(user.id, 0)

    def _index_key(self, key: ApiKey) -> None:
        self.api_keys[key.id] = key
        self.api_keys_by_secret[key.secret] = key

    @property
    def admin(self) -> User | None:
        for user in self.users.values():
            if user.is_admin and user.deleted_at is None:
                return user
        return None

    def create_user(
        self,
        email: str,
        name: str,
        password: str,
        *,
        is_admin: bool = False,
        storage_label: str | None = None,
        should_change_password: bool = True,
        quota_size_in_bytes: int | None = None,
        avatar_color: str | None = None,
    ) -> User:
        with self.lock:
            if email.lower() in self.users_by_email:
                raise ValueError("User exists")
            now = utcnow()
            uid = new_id()
            color = avatar_color or AVATAR_COLORS[int(uid[:8], 16) % len(AVATAR_COLORS)]
            user = User(
                id=uid,
                email=email,
                name=name,
                password=password,
                is_admin=is_admin,
                created_at=now,
                updated_at=now,
                profile_changed_at=now,
                avatar_color=color,
                storage_label=storage_label,
                should_change_password=should_change_password,
                quota_size_in_bytes=quota_size_in_bytes,
            )
            self._index_user(user)
            self.save(user)
            return user

    def update_user_email(self, user: User, email: str) -> None:
        with self.lock:
            self.users_by_email.pop(user.email.lower(), None)
            user.email = email
            self.users_by_email[email.lower()] = user

    def create_api_key(
        self, user: User, name: str, permissions: list[str], secret: str | None = None
    ) -> ApiKey:
        with self.lock:
            now = utcnow()
            key = ApiKey(
                id=new_id(),
                user_id=user.id,
                name=name,
                secret=secret or _alphanumeric_secret(),
                permissions=list(permissions),
                created_at=now,
                updated_at=now,
            )
            self._index_key(key)
            self.save(key)
            return key

    def delete_api_key(self, key: ApiKey) -> None:
        with self.lock:
            self.api_keys.pop(key.id, None)
            self.api_keys_by_secret.pop(key.secret, None)
            self.forget([key])

    def create_session(self, user: User) -> Session:
        with self.lock:
            now = utcnow()
            session = Session(new_id(), user.id, _alphanumeric_secret(), now, now)
            self.sessions[session.id] = session
            self.sessions_by_token[session.token] = session
            self.save(session)
            return session

    def delete_session(self, session: Session) -> None:
        with self.lock:
            self.sessions.pop(session.id, None)
            self.sessions_by_token.pop(session.token, None)
            self.forget([session])

    # ------------------------------------------------------------------ assets

    def _index_asset(self, asset: Asset) -> None:
        self.assets[asset.id] = asset
        self.user_assets.setdefault(asset.owner_id, {})[asset.id] = None
        self.by_checksum.setdefault(asset.owner_id, {})[asset.checksum] = asset.id
        self.by_device[(asset.owner_id, asset.device_id, asset.device_asset_id)] = asset.id
        self.usage[asset.owner_id] = self.usage.get(asset.owner_id, 0) + asset.size
        self.touch(asset.owner_id)

    def touch(self, user_id: str) -> None:
        """Invalidate cached search results (every save does too)."""
        self.version += 1

    def path_of(self, asset: Asset) -> Path:
        return self.root / asset.file

    def storage_path(self, owner_id: str, asset_id: str, ext: str) -> str:
        # One level of sharding (Immich uses two): at most 256 directories per user, so
        # directory creation (slow on some filesystems) stops after the first uploads.
        return f"upload/{owner_id}/{asset_id[:2]}/{asset_id}{ext}"

    def ensure_dir(self, path: Path) -> None:
        if path not in self._dirs:
            path.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path)

    def temp_path(self) -> Path:
        return self.root / "tmp" / f"{uuid.uuid4().hex}.part"

    def find_by_checksum(self, user_id: str, checksum: bytes) -> Asset | None:
        asset_id = self.by_checksum.get(user_id, {}).get(checksum)
        return self.assets.get(asset_id) if asset_id else None

    def find_by_device(self, user_id: str, device_id: str, device_asset_id: str) -> Asset | None:
        asset_id = self.by_device.get((user_id, device_id, device_asset_id))
        return self.assets.get(asset_id) if asset_id else None

    def owned_asset(self, user: User, asset_id: str) -> Asset | None:
        asset = self.assets.get(asset_id)
        return asset if asset is not None and asset.owner_id == user.id else None

    def accessible_asset(
        self, user: User, asset_id: str, *, elevated: bool = False
    ) -> Asset | None:
        """An asset *user* may read, change or add somewhere: theirs, and not in the locked
        folder unless the caller is *elevated* (a PIN-unlocked session; an API key never
        is one, though it may upload into the locked folder)."""
        asset = self.owned_asset(user, asset_id)
        if asset is None or (asset.visibility == "locked" and not elevated):
            return None
        return asset

    def iter_user_assets(self, user_id: str) -> Iterator[Asset]:
        ids = list(self.user_assets.get(user_id, {}))
        for asset_id in ids:
            asset = self.assets.get(asset_id)
            if asset is not None:
                yield asset

    def insert_asset(
        self, asset: Asset, temp_file: Path | None, sidecar_temp: Path | None
    ) -> Asset:
        """Insert unless the owner already has these bytes; returns the asset that exists.

        The caller compares the returned asset with the one it passed to know whether it was a
        duplicate. Files are moved in place under the lock, so the check and the insert are
        atomic even across threads.
        """
        with self.lock:
            existing = self.find_by_checksum(asset.owner_id, asset.checksum)
            if existing is not None:
                return existing
            target = self.root / asset.file
            self.ensure_dir(target.parent)
            if temp_file is not None:
                os.replace(temp_file, target)
            os.utime(target, ns=(asset.mtime_ms * 1_000_000, asset.mtime_ms * 1_000_000))
            if sidecar_temp is not None and asset.sidecar_file is not None:
                os.replace(sidecar_temp, self.root / asset.sidecar_file)
            self._index_asset(asset)
            self.save(asset)
            return asset

    def set_mtime(self, asset: Asset, mtime_ms: int) -> None:
        asset.mtime_ms = mtime_ms
        with contextlib.suppress(OSError):
            os.utime(self.path_of(asset), ns=(mtime_ms * 1_000_000, mtime_ms * 1_000_000))
        self.save(asset)

    def delete_asset(self, asset: Asset) -> None:
        """Hard delete: files, indexes, album membership, stacks, live-photo links."""
        with self.lock:
            if self.assets.pop(asset.id, None) is None:
                return
            self.user_assets.get(asset.owner_id, {}).pop(asset.id, None)
            by_sum = self.by_checksum.get(asset.owner_id, {})
            if by_sum.get(asset.checksum) == asset.id:
                del by_sum[asset.checksum]
            key = (asset.owner_id, asset.device_id, asset.device_asset_id)
            if self.by_device.get(key) == asset.id:
                del self.by_device[key]
            self.usage[asset.owner_id] = max(0, self.usage.get(asset.owner_id, 0) - asset.size)
            changed: list[Any] = []
            for album_id in self.asset_albums.pop(asset.id, set()):
                album = self.albums.get(album_id)
                if album is not None:
                    album.asset_ids.pop(asset.id, None)
                    if album.thumbnail_asset_id == asset.id:
                        album.thumbnail_asset_id = next(iter(album.asset_ids), None)
                    changed.append(album)
            if asset.stack_id and asset.stack_id in self.stacks:
                stack = self.stacks[asset.stack_id]
                stack.asset_ids = [a for a in stack.asset_ids if a != asset.id]
                if len(stack.asset_ids) < 2:
                    self.delete_stack(stack)
                else:
                    if stack.primary_asset_id == asset.id:
                        stack.primary_asset_id = stack.asset_ids[0]
                    changed.append(stack)
            if asset.type == "VIDEO":  # only a video can be the motion part of a live photo
                for other in self.iter_user_assets(asset.owner_id):
                    if other.live_photo_video_id == asset.id:
                        other.live_photo_video_id = None
                        changed.append(other)
            self.save_many(changed)
            self.forget([asset])
            self.touch(asset.owner_id)
            for rel in (asset.file, asset.sidecar_file):
                if rel:
                    with contextlib.suppress(OSError):
                        os.unlink(self.root / rel)

    # ------------------------------------------------------------------ albums & stacks

    def add_to_album(self, album: Album, asset_id: str) -> None:
        album.asset_ids[asset_id] = utcnow()
        self.asset_albums.setdefault(asset_id, set()).add(album.id)

    def remove_from_album(self, album: Album, asset_id: str) -> None:
        album.asset_ids.pop(asset_id, None)
        albums = self.asset_albums.get(asset_id)
        if albums is not None:
            albums.discard(album.id)

    def delete_album(self, album: Album) -> None:
        with self.lock:
            for asset_id in list(album.asset_ids):
                self.remove_from_album(album, asset_id)
            self.albums.pop(album.id, None)
            self.forget([album])

    def delete_stack(self, stack: Stack) -> None:
        with self.lock:
            self.stacks.pop(stack.id, None)
            changed = []
            for asset_id in stack.asset_ids:
                asset = self.assets.get(asset_id)
                if asset is not None and asset.stack_id == stack.id:
                    asset.stack_id = None
                    changed.append(asset)
            self.save_many(changed)
            self.forget([stack])

    # ------------------------------------------------------------------ job queues

    def enqueue(self, name: str, count: int = 1, asset_ids: Iterable[str] = ()) -> None:
        queue = self.queues[name]
        if queue.is_paused:
            queue.paused += count
            queue.pending_asset_ids.extend(asset_ids)
        else:
            queue.completed += count
        self.save(queue)
