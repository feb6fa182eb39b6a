"""What is recorded: the real server's answers that the engines and the fake rely on.

Each scenario runs as a new user (``$API_KEY``); see ``record.py``.
"""

from __future__ import annotations

import hashlib
import json
import shlex
from typing import Any

from . import FILES, RECORDED_URL, Step

WHEN = "2021-01-01T00:00:00.000Z"  # fileCreatedAt / fileModifiedAt of every upload here
UNKNOWN_ID = "ffffffff-ffff-4fff-bfff-ffffffffffff"


def sha1(name: str) -> str:
    return hashlib.sha1((FILES / name).read_bytes()).hexdigest()


def curl(method: str, path: str, *, key: str | None = "$API_KEY", body: Any = None) -> str:
    words = ["curl"] + (["-X", method] if method != "GET" else []) + [RECORDED_URL + path]
    if key is not None:
        words += ["-H", f"x-api-key: {key}"]
    if body is not None:
        words += ["-H", "Content-Type: application/json", "-d", json.dumps(body)]
    return shlex.join(words)


def upload(
    name: str,
    *,
    sidecar: str | None = None,
    filename_first: bool = False,
    key: str = "$API_KEY",
    checksum: str | None = None,
    **fields: str,
) -> str:
    """``POST /assets`` as the engine sends it: the fields, the file parts, then
    ``filename`` (or, with *filename_first*, ``filename`` before the parts)."""
    words = ["curl", "-X", "POST", f"{RECORDED_URL}/assets", "-H", f"x-api-key: {key}"]
    if checksum is not None:
        words += ["-H", f"x-immich-checksum: {checksum}"]
    form = {"deviceAssetId": name, "deviceId": "transcripts", "fileCreatedAt": WHEN,
            "fileModifiedAt": WHEN, **fields}  # fmt: skip
    if filename_first:
        form["filename"] = name
    for field, value in form.items():
        words += ["-F", f"{field}={value}"]
    words += ["-F", f"assetData=@$FILES/{name}"]
    if sidecar is not None:
        words += ["-F", f"sidecarData=@$FILES/{sidecar}"]
    if not filename_first:
        words += ["-F", f"filename={name}"]
    return shlex.join(words)


def check(*names: str) -> str:
    body = {"assets": [{"id": n, "checksum": sha1(n)} for n in names]}
    return curl("POST", "/assets/bulk-upload-check", body=body)


VISIBILITY = [
    Step("upload-locked", "POST /assets visibility=locked with an API key: accepted",
         upload("locked.jpg", visibility="locked"), bind={"$LOCKED": "id"}),
    Step("info-locked", "GET /assets/{locked}: an API key cannot see a locked asset",
         curl("GET", "/assets/$LOCKED")),
    Step("original-locked", "GET /assets/{locked}/original: nor download it",
         curl("GET", "/assets/$LOCKED/original")),
    Step("check-locked", "bulk-upload-check finds the locked asset (a duplicate)",
         check("locked.jpg")),
    Step("reupload-locked", "POST /assets of the same bytes again: a duplicate of it",
         upload("locked.jpg")),
    Step("search-locked", "POST /search/metadata visibility=locked: needs an elevated session",
         curl("POST", "/search/metadata", body={"visibility": "locked"})),
    Step("album-with-locked", "POST /albums with the locked asset: created, without it",
         curl("POST", "/albums", body={"albumName": "Locked", "assetIds": ["$LOCKED"]}),
         bind={"$ALBUM": "id"}),
    Step("album-add-locked", "PUT /albums/{id}/assets with the locked asset: no_permission",
         curl("PUT", "/albums/$ALBUM/assets", body={"ids": ["$LOCKED"]})),
    Step("trash-locked", "DELETE /assets with the locked asset",
         curl("DELETE", "/assets", body={"ids": ["$LOCKED"]})),
    Step("upload-hidden", "POST /assets visibility=hidden",
         upload("hidden.jpg", visibility="hidden"), bind={"$HIDDEN": "id"}),
    Step("info-hidden", "GET /assets/{hidden} after the metadata jobs",
         curl("GET", "/assets/$HIDDEN"), before="wait-for-jobs"),
    Step("album-add-hidden", "PUT /albums/{id}/assets with the hidden asset",
         curl("PUT", "/albums/$ALBUM/assets", body={"ids": ["$HIDDEN"]})),
    Step("upload-archived", "POST /assets visibility=archive isFavorite=true",
         upload("archived.jpg", visibility="archive", isFavorite="true"),
         bind={"$ARCHIVED": "id"}),
    Step("info-archived", "GET /assets/{archived} after the metadata jobs",
         curl("GET", "/assets/$ARCHIVED"), before="wait-for-jobs"),
    Step("search-default", "POST /search/metadata {}: which visibilities a plain search lists",
         curl("POST", "/search/metadata", body={})),
    Step("search-hidden", "POST /search/metadata visibility=hidden",
         curl("POST", "/search/metadata", body={"visibility": "hidden"})),
    Step("statistics", "GET /assets/statistics", curl("GET", "/assets/statistics")),
    Step("album", "GET /albums/{id}: only the hidden asset is in it",
         curl("GET", "/albums/$ALBUM?withoutAssets=true")),
]  # fmt: skip

SIDECARS = [
    Step("filename-before-sidecar",
         "POST /assets with the filename field before the sidecar part: the sidecar is judged "
         "by that name and refused",
         upload("a.jpg", sidecar="a.jpg.xmp", filename_first=True)),
    Step("upload-with-sidecar", "POST /assets a.jpg with a.jpg.xmp, filename after the parts",
         upload("a.jpg", sidecar="a.jpg.xmp"), bind={"$A": "id"}),
    Step("upload-with-short-sidecar", "POST /assets b.jpg with a sidecar named b.xmp",
         upload("b.jpg", sidecar="b.xmp"), bind={"$B": "id"}),
    Step("upload-plain", "POST /assets c.jpg without a sidecar (its EXIF date only)",
         upload("c.jpg"), bind={"$C": "id"}),
    Step("upload-sidecar-offset", "POST /assets d.jpg with a sidecar: date with offset, no GPS",
         upload("d.jpg", sidecar="d.jpg.xmp"), bind={"$D": "id"}),
    Step("upload-no-date", "POST /assets nodate.png (no date inside), created after modified",
         upload("nodate.png", fileCreatedAt="2022-02-02T02:02:02.000Z",
                fileModifiedAt="2021-01-01T00:00:00.000Z"), bind={"$N": "id"}),
    Step("info-a", "GET /assets/{a} after the metadata jobs: the sidecar's description, "
         "rating, GPS and date (time zone from the GPS position)",
         curl("GET", "/assets/$A"), before="wait-for-jobs"),
    Step("info-b", "GET /assets/{b}: a date without offset, placed by the GPS position",
         curl("GET", "/assets/$B")),
    Step("info-c", "GET /assets/{c}: no sidecar", curl("GET", "/assets/$C")),
    Step("info-d", "GET /assets/{d}: a date with an offset and no GPS",
         curl("GET", "/assets/$D")),
    Step("info-no-date", "GET /assets/{nodate}: the earliest of the file's dates",
         curl("GET", "/assets/$N")),
    Step("original-a", "GET /assets/{a}/original: the photo, not the sidecar",
         curl("GET", "/assets/$A/original")),
]  # fmt: skip

VIDEOS = [
    Step("upload-mp4", "POST /assets clip.mp4 (1 s, 64x48, H.264)", upload("clip.mp4"),
         bind={"$MP4": "id"}),
    Step("upload-mov", "POST /assets clip.mov", upload("clip.mov"), bind={"$MOV": "id"}),
    Step("info-mp4", "GET /assets/{mp4} after the jobs", curl("GET", "/assets/$MP4"),
         before="wait-for-jobs"),
    Step("info-mov", "GET /assets/{mov}", curl("GET", "/assets/$MOV")),
    Step("search-videos", "POST /search/metadata type=VIDEO",
         curl("POST", "/search/metadata", body={"type": "VIDEO", "order": "asc"})),
    Step("statistics", "GET /assets/statistics", curl("GET", "/assets/statistics")),
]  # fmt: skip

ERRORS = [
    Step("upload-photo", "POST /assets (an image to ask about)", upload("c.jpg"),
         bind={"$PHOTO": "id"}),
    Step("validation", "GET /assets/not-a-uuid: 400 with the list of validation messages",
         curl("GET", "/assets/not-a-uuid")),
    Step("validation-body", "POST /albums with a wrong type and an unknown id format",
         curl("POST", "/albums", body={"albumName": 5, "assetIds": ["x"]})),
    Step("no-access", "GET /assets/{unknown id}: Immich's 400 for not found or not yours",
         curl("GET", f"/assets/{UNKNOWN_ID}")),
    Step("no-key", "GET /users/me without credentials", curl("GET", "/users/me", key=None)),
    Step("bad-key", "GET /users/me with a wrong API key",
         curl("GET", "/users/me", key="not-a-real-key")),
    Step("limited-key", "POST /api-keys: a key holding asset.read only",
         curl("POST", "/api-keys", body={"name": "limited", "permissions": ["asset.read"]}),
         bind={"$KEY_LIMITED": "secret"}),
    Step("missing-permission", "POST /albums with that key: 403",
         curl("POST", "/albums", key="$KEY_LIMITED", body={"albumName": "No"})),
    Step("missing-permission-upload", "POST /assets with that key: 403",
         upload("a.jpg", key="$KEY_LIMITED")),
    Step("allowed-permission", "GET /assets/{photo} with that key: allowed",
         curl("GET", "/assets/$PHOTO", key="$KEY_LIMITED"), before="wait-for-jobs"),
    Step("admin-only", "GET /queues with a user's key: 403 (admin only)",
         curl("GET", "/queues")),
    Step("no-profile-image", "GET /users/{id}/profile-image of a user without one: 404",
         curl("GET", "/users/$USER_ID/profile-image")),
    Step("not-a-video", "GET /assets/{photo}/video/playback: 404",
         curl("GET", "/assets/$PHOTO/video/playback")),
    Step("unknown-route", "GET /no-such-route: 404", curl("GET", "/no-such-route")),
]  # fmt: skip

QUEUES = [
    Step("queues", "GET /queues (admin)", curl("GET", "/queues", key="$ADMIN_KEY"),
         before="wait-for-jobs"),
    Step("pause", "PUT /queues/thumbnailGeneration {isPaused: true}",
         curl("PUT", "/queues/thumbnailGeneration", key="$ADMIN_KEY", body={"isPaused": True})),
    Step("paused", "GET /queues/thumbnailGeneration",
         curl("GET", "/queues/thumbnailGeneration", key="$ADMIN_KEY")),
    Step("upload-while-paused", "POST /assets while thumbnails are paused", upload("a.jpg"),
         bind={"$A": "id"}),
    Step("thumbnail-while-paused", "GET /assets/{a}/thumbnail: not made yet",
         curl("GET", "/assets/$A/thumbnail")),
    Step("resume", "PUT /queues/thumbnailGeneration {isPaused: false}",
         curl("PUT", "/queues/thumbnailGeneration", key="$ADMIN_KEY", body={"isPaused": False})),
    Step("legacy-jobs", "GET /jobs (the older API, admin)", curl("GET", "/jobs", key="$ADMIN_KEY"),
         before="wait-for-jobs"),
    Step("legacy-pause", "PUT /jobs/metadataExtraction {command: pause}",
         curl("PUT", "/jobs/metadataExtraction", key="$ADMIN_KEY",
              body={"command": "pause", "force": False})),
    Step("legacy-resume", "PUT /jobs/metadataExtraction {command: resume}",
         curl("PUT", "/jobs/metadataExtraction", key="$ADMIN_KEY",
              body={"command": "resume", "force": False})),
    Step("unknown-queue", "PUT /queues/noSuchQueue: 400",
         curl("PUT", "/queues/noSuchQueue", key="$ADMIN_KEY", body={"isPaused": True})),
]  # fmt: skip

QUOTA = [
    Step("set-quota", "PUT /admin/users/{id} quotaSizeInBytes=1000 (the admin)",
         curl("PUT", "/admin/users/$USER_ID", key="$ADMIN_KEY", body={"quotaSizeInBytes": 1000})),
    Step("upload-within", "POST /assets c.jpg (418 bytes of 1000)", upload("c.jpg")),
    Step("upload-within-2", "POST /assets a.jpg (836 bytes of 1000)", upload("a.jpg")),
    Step("upload-over", "POST /assets b.jpg: over the quota", upload("b.jpg")),
    Step("duplicate-over", "POST /assets c.jpg again, no checksum header: the quota is "
         "checked before the duplicate is found", upload("c.jpg")),
    Step("duplicate-by-header", "POST /assets c.jpg again with its checksum header",
         upload("c.jpg", checksum=sha1("c.jpg"))),
    Step("usage", "GET /users/me: the quota and its usage", curl("GET", "/users/me")),
    Step("admin-view", "GET /admin/users/{id}", curl("GET", "/admin/users/$USER_ID",
                                                     key="$ADMIN_KEY")),
]  # fmt: skip

SCENARIOS: dict[str, list[Step]] = {
    "upload-quota": QUOTA,
    "sdk-errors": ERRORS,
    "jobs-queues": QUEUES,
    "upload-visibility": VISIBILITY,
    "upload-sidecars": SIDECARS,
    "upload-videos": VIDEOS,
}
