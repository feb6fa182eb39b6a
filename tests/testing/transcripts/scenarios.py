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


def curl(
    method: str,
    path: str,
    *,
    key: str | None = "$API_KEY",
    body: Any = None,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> str:
    """A command line; *token*: a session's (``Authorization: Bearer``) instead of a key."""
    words = ["curl"] + (["-X", method] if method != "GET" else []) + [RECORDED_URL + path]
    if token is not None:
        words += ["-H", f"Authorization: Bearer {token}"]
    elif key is not None:
        words += ["-H", f"x-api-key: {key}"]
    for name, value in (headers or {}).items():
        words += ["-H", f"{name}: {value}"]
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


def info(name: str, description: str, *, then: str = "", before: str | None = None) -> Step:
    """``GET /assets/{$NAME}``, as step ``info-name`` (``info-name-then``)."""
    step = f"info-{name.lower().replace('_', '-')}" + (f"-{then}" if then else "")
    return Step(step, description, curl("GET", f"/assets/${name}"), before=before)


# What the downloads rely on: Range and If-Range on a video's original and playback, what
# playback and the renditions are named, where a missing full-size rendition redirects, the
# profile image, archives (and their compression).
DOWNLOADS = [
    Step("upload-video", "POST /assets clip.mp4", upload("clip.mp4"), bind={"$V": "id"}),
    Step("upload-photo", "POST /assets a.jpg", upload("a.jpg"), bind={"$P": "id"}),
    Step("upload-tiff", "POST /assets scan.tif (not an image a browser shows)",
         upload("scan.tif"), bind={"$T": "id"}),
    Step("original-video", "GET /assets/{video}/original after the jobs",
         curl("GET", "/assets/$V/original"), bind={"$ETAG": "header:etag"},
         before="wait-for-jobs"),
    Step("original-video-resume", "GET original with Range: bytes=100- and its If-Range: 206",
         curl("GET", "/assets/$V/original",
              headers={"Range": "bytes=100-", "If-Range": "$ETAG", "Accept-Encoding": "identity"})),
    Step("original-video-changed", "GET original with Range and an If-Range of another file: "
         "the whole file, 200",
         curl("GET", "/assets/$V/original",
              headers={"Range": "bytes=100-", "If-Range": 'W/"7530-17aa0000000"'})),
    Step("playback", "GET /assets/{video}/video/playback: no Content-Disposition",
         curl("GET", "/assets/$V/video/playback")),
    Step("playback-resume", "GET playback with Range: bytes=100- and If-Range: 206",
         curl("GET", "/assets/$V/video/playback",
              headers={"Range": "bytes=100-", "If-Range": "$ETAG"})),
    Step("playback-photo", "GET /assets/{photo}/video/playback: 404",
         curl("GET", "/assets/$P/video/playback")),
    Step("thumbnail-video", "GET /assets/{video}/thumbnail: a WebP named after the video",
         curl("GET", "/assets/$V/thumbnail"), generated=True),
    Step("preview-video", "GET /assets/{video}/thumbnail?size=preview: a JPEG",
         curl("GET", "/assets/$V/thumbnail?size=preview"), generated=True),
    Step("fullsize-video", "GET ?size=fullsize of a video: redirected to the preview",
         curl("GET", "/assets/$V/thumbnail?size=fullsize")),
    Step("fullsize-tiff", "GET ?size=fullsize&edited=false of a TIFF: redirected to the "
         "preview, the other parameters kept",
         curl("GET", "/assets/$T/thumbnail?size=fullsize&edited=false")),
    Step("profile-image-set", "POST /users/profile-image a.jpg",
         "curl -X POST " + RECORDED_URL + "/users/profile-image -H 'x-api-key: $API_KEY' "
         "-F file=@$FILES/a.jpg"),
    Step("profile-image", "GET /users/{me}/profile-image: the uploaded bytes, no name",
         curl("GET", "/users/$USER_ID/profile-image")),
    Step("archive-info", "POST /download/info {assetIds}",
         curl("POST", "/download/info", body={"assetIds": ["$V"]})),
    Step("archive-plain", "POST /download/archive with Accept-Encoding: identity",
         curl("POST", "/download/archive", body={"assetIds": ["$V", "$P"]},
              headers={"Accept-Encoding": "identity"}), generated=True),
    Step("archive-gzip", "POST /download/archive with Accept-Encoding: gzip: compressed",
         curl("POST", "/download/archive", body={"assetIds": ["$V", "$P"]},
              headers={"Accept-Encoding": "gzip"}), generated=True),
]  # fmt: skip

# What a migration relies on: the zone Immich names from the sidecar a migration writes,
# capture dates changed with PUT, live photos linked at upload, stacks, tags, albums.
MIGRATE = [
    Step("upload-tag-utc", "POST /assets a.jpg, sidecar: a plain date, OffsetTimeOriginal +00:00",
         upload("a.jpg", sidecar="tag-utc.xmp"), bind={"$TAG_UTC": "id"}),
    Step("upload-inline-utc", "POST /assets b.jpg, sidecar: a date ending +00:00",
         upload("b.jpg", sidecar="inline-utc.xmp"), bind={"$INLINE_UTC": "id"}),
    Step("upload-tag-plus2-gps", "POST /assets c.jpg, sidecar: +02:00 in the date and the "
         "offset tag, and a GPS position",
         upload("c.jpg", sidecar="tag-plus2-gps.xmp"), bind={"$TAG_GPS": "id"}),
    Step("upload-inline-plus2-gps", "POST /assets d.jpg, sidecar: +02:00 in the date only, "
         "and a GPS position",
         upload("d.jpg", sidecar="inline-plus2-gps.xmp"), bind={"$INLINE_GPS": "id"}),
    Step("upload-video-naive", "POST /assets clip.mov, sidecar: a plain date",
         upload("clip.mov", sidecar="naive.xmp"), bind={"$VIDEO_NAIVE": "id"}),
    Step("upload-motion", "POST /assets clip.mp4 (the motion part)", upload("clip.mp4"),
         bind={"$MOTION": "id"}),
    Step("upload-still", "POST /assets hidden.jpg with livePhotoVideoId",
         upload("hidden.jpg", livePhotoVideoId="$MOTION"), bind={"$STILL": "id"}),
    info("TAG_UTC", "the zone of an offset tag of zero: UTC", before="wait-for-jobs"),
    info("INLINE_UTC", "a zero offset inside the date: UTC+0"),
    info("TAG_GPS", "an offset tag wins over the GPS position: UTC+2"),
    info("INLINE_GPS", "an offset inside the date only: the zone of the GPS position"),
    info("VIDEO_NAIVE", "a video with a sidecar date without offset: no zone"),
    info("MOTION", "the motion part: hidden, in UTC"),
    info("STILL", "the still: linked to its motion part"),
    Step("put-date-plus2", "PUT /assets/{inline utc} dateTimeOriginal +02:00 (the answer "
         "before the server re-reads its sidecar)",
         curl("PUT", "/assets/$INLINE_UTC",
              body={"dateTimeOriginal": "2019-05-01T12:30:00+02:00"})),
    Step("put-date-utc", "PUT /assets/{tag utc} dateTimeOriginal +00:00",
         curl("PUT", "/assets/$TAG_UTC",
              body={"dateTimeOriginal": "2019-05-01T12:30:00+00:00"})),
    Step("put-date-plain", "PUT /assets/{motion} dateTimeOriginal without an offset",
         curl("PUT", "/assets/$MOTION", body={"dateTimeOriginal": "2019-05-01T12:30:00"})),
    Step("put-description", "PUT /assets/{still} description, rating",
         curl("PUT", "/assets/$STILL", body={"description": "at the lake", "rating": 4})),
    info("INLINE_UTC", "after the jobs: UTC+2", then="put", before="wait-for-jobs"),
    info("TAG_UTC", "after the jobs: UTC+0 (the sidecar the server wrote has the offset in "
         "the date)", then="put"),
    info("MOTION", "after the jobs: UTC+0", then="put"),
    info("STILL", "after the jobs: the description and rating kept", then="put"),
    Step("stack", "POST /stacks {assetIds: [tag utc, inline utc]}: the first is the primary",
         curl("POST", "/stacks", body={"assetIds": ["$TAG_UTC", "$INLINE_UTC"]}),
         bind={"$STACK": "id"}, unordered=("assets",)),
    Step("stack-primary", "PUT /stacks/{id} primaryAssetId: its assets with their tags",
         curl("PUT", "/stacks/$STACK", body={"primaryAssetId": "$INLINE_UTC"}),
         unordered=("assets",)),
    Step("tags", "PUT /tags {tags: [people/bob, trip]}: upserted with their parents",
         curl("PUT", "/tags", body={"tags": ["people/bob", "trip"]}), bind={"$TAG": "0.id"}),
    Step("tag-assets", "PUT /tags/{id}/assets", curl("PUT", "/tags/$TAG/assets",
         body={"ids": ["$STILL", "$TAG_GPS"]})),
    Step("album", "POST /albums with a description and an asset",
         curl("POST", "/albums", body={"albumName": "Trip", "description": "by the sea",
                                       "assetIds": ["$STILL"]}),
         bind={"$ALBUM": "id"}),
    Step("album-add", "PUT /albums/{id}/assets", curl("PUT", "/albums/$ALBUM/assets",
         body={"ids": ["$TAG_GPS"]})),
    Step("album-cover", "PATCH /albums/{id} albumThumbnailAssetId: exact dates in the answer",
         curl("PATCH", "/albums/$ALBUM", body={"albumThumbnailAssetId": "$TAG_GPS"})),
    info("STILL", "with its tag", then="tagged"),
    Step("check", "POST /assets/bulk-upload-check of what is there: their ids",
         check("a.jpg", "clip.mp4", "hidden.jpg")),
]  # fmt: skip

# The locked folder through a PIN-unlocked login session: what an API key may not do.
LOCKED = [
    Step("login", "POST /auth/login", curl("POST", "/auth/login", key=None,
         body={"email": "$USER_EMAIL", "password": "$PASSWORD"}), bind={"$TOKEN": "accessToken"}),
    Step("status", "GET /auth/status of the new session", curl("GET", "/auth/status",
         token="$TOKEN")),
    Step("upload-locked", "POST /assets locked.jpg visibility=locked (an API key)",
         upload("locked.jpg", visibility="locked"), bind={"$LOCKED": "id"}),
    Step("upload-open", "POST /assets a.jpg", upload("a.jpg"), bind={"$OPEN": "id"}),
    Step("search-locked-session", "POST /search/metadata visibility=locked: the session is "
         "not unlocked", curl("POST", "/search/metadata", token="$TOKEN",
                              body={"visibility": "locked"})),
    Step("unlock-with-key", "POST /auth/session/unlock with an API key",
         curl("POST", "/auth/session/unlock", body={"pinCode": "123456"})),
    Step("unlock-without-pin", "POST /auth/session/unlock before a PIN code is set",
         curl("POST", "/auth/session/unlock", token="$TOKEN", body={"pinCode": "123456"})),
    Step("pin-malformed", "POST /auth/pin-code {pinCode: 12ab}",
         curl("POST", "/auth/pin-code", token="$TOKEN", body={"pinCode": "12ab"})),
    Step("pin-setup", "POST /auth/pin-code {pinCode: 123456}",
         curl("POST", "/auth/pin-code", token="$TOKEN", body={"pinCode": "123456"})),
    Step("pin-setup-again", "POST /auth/pin-code again",
         curl("POST", "/auth/pin-code", token="$TOKEN", body={"pinCode": "123456"})),
    Step("unlock-wrong-pin", "POST /auth/session/unlock with another PIN code",
         curl("POST", "/auth/session/unlock", token="$TOKEN", body={"pinCode": "654321"})),
    Step("unlock", "POST /auth/session/unlock {pinCode}",
         curl("POST", "/auth/session/unlock", token="$TOKEN", body={"pinCode": "123456"})),
    Step("status-unlocked", "GET /auth/status: elevated", curl("GET", "/auth/status",
         token="$TOKEN")),
    Step("search-locked", "POST /search/metadata visibility=locked, unlocked: the asset",
         curl("POST", "/search/metadata", token="$TOKEN", body={"visibility": "locked"})),
    Step("statistics-locked", "GET /assets/statistics?visibility=locked, unlocked",
         curl("GET", "/assets/statistics?visibility=locked", token="$TOKEN")),
    Step("info-locked", "GET /assets/{locked}, unlocked", curl("GET", "/assets/$LOCKED",
         token="$TOKEN")),
    Step("original-locked", "GET /assets/{locked}/original, unlocked",
         curl("GET", "/assets/$LOCKED/original", token="$TOKEN")),
    Step("update-locked-key", "PUT /assets/{locked} with an API key",
         curl("PUT", "/assets/$LOCKED", body={"description": "mine"})),
    Step("update-locked", "PUT /assets/{locked}, unlocked",
         curl("PUT", "/assets/$LOCKED", token="$TOKEN", body={"description": "mine"})),
    Step("lock-away-with-key", "PUT /assets/{open} visibility=locked with an API key",
         curl("PUT", "/assets/$OPEN", body={"visibility": "locked"})),
    Step("lock", "POST /auth/session/lock", curl("POST", "/auth/session/lock", token="$TOKEN")),
    Step("info-locked-locked", "GET /assets/{locked} once the session is locked again",
         curl("GET", "/assets/$LOCKED", token="$TOKEN")),
    Step("status-locked", "GET /auth/status: not elevated", curl("GET", "/auth/status",
         token="$TOKEN")),
    Step("pin-reset", "DELETE /auth/pin-code {password}", curl("DELETE", "/auth/pin-code",
         token="$TOKEN", body={"password": "$PASSWORD"})),
]  # fmt: skip

SCENARIOS: dict[str, list[Step]] = {
    "upload-quota": QUOTA,
    "downloads": DOWNLOADS,
    "locked-session": LOCKED,
    "migrate-metadata": MIGRATE,
    "sdk-errors": ERRORS,
    "jobs-queues": QUEUES,
    "upload-visibility": VISIBILITY,
    "upload-sidecars": SIDECARS,
    "upload-videos": VIDEOS,
}
