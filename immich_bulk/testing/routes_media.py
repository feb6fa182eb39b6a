"""Binary endpoints: originals (Range/ETag), thumbnails, video playback, zip archives."""

from __future__ import annotations

import time
import zlib
from collections.abc import AsyncIterator
from urllib.parse import parse_qsl, quote, urlencode

from .files import CHUNK_BYTES, FileResponse
from .media import is_web_friendly, jpeg_preview, mime_type_for, webp_thumbnail
from .ranges import http_date, is_not_modified, parse_range, range_fresh, weak_etag
from .routes_assets import require_owned
from .state import Asset
from .validate import Validator
from .web import (
    BytesResponse,
    Ctx,
    EmptyResponse,
    HeaderList,
    HTTPError,
    JSONResponse,
    Response,
    StreamResponse,
    handler,
)
from .zipstream import ZipEntry, stream_zip

CACHE_CONTROL = (
    "private, max-age=86400, no-transform, stale-while-revalidate=2592000, stale-if-error=2592000"
)
DEFAULT_ARCHIVE_SIZE = 4 * 1024**3


def content_disposition(filename: str) -> str:
    return "inline; filename*=UTF-8''" + quote(filename, safe="!'()*-._~")


def serve_file(ctx: Ctx, asset: Asset, *, named: bool = True) -> Response:
    """Answer like Express's ``res.sendFile`` (see :mod:`.ranges`); *named*: with a
    ``Content-Disposition`` (Immich names originals, not video playback)."""
    filename = asset.original_file_name
    content_type = mime_type_for(filename)
    state = ctx.fake.state
    if ctx.flags.bump_etag:
        state.set_mtime(asset, max(asset.mtime_ms + 1000, int(time.time() * 1000)))
    size = asset.size
    etag = weak_etag(size, asset.mtime_ms)
    base: HeaderList = [
        ("cache-control", CACHE_CONTROL),
        ("content-type", content_type),
        ("content-disposition", content_disposition(filename)),
        ("accept-ranges", "bytes"),
        ("last-modified", http_date(asset.mtime_ms)),
        ("etag", etag),
    ]
    if not named:
        del base[2]
    headers = ctx.request.headers
    if is_not_modified(
        headers.get("if-none-match"), headers.get("if-modified-since"), etag, asset.mtime_ms
    ):
        return EmptyResponse(304, [h for h in base if h[0] != "content-type"])
    corrupt: list[int] = []
    if ctx.flags.corrupt_offsets is not None:
        corrupt = ctx.flags.corrupt_offsets or ([size // 2] if size else [])
    path = state.path_of(asset)
    range_header = headers.get("range")
    if range_header and range_fresh(headers.get("if-range"), etag, asset.mtime_ms):
        result = parse_range(range_header, size)
        if result.ranges is not None and not result.ranges:
            # Express answers 416; Immich's exception filter turns it into this 500 (30e).
            body = JSONResponse(
                {"message": "Internal server error", "statusCode": 500, "correlationId": ctx.cid},
                500,
                etag=False,
            )
            err_headers: HeaderList = [
                ("cache-control", "none"),
                ("content-type", f"{content_type}; charset=utf-8"),
                *[h for h in base if h[0] not in ("cache-control", "content-type")],
                ("content-range", f"bytes */{size}"),
                ("content-length", str(len(body.body))),
            ]
            return BytesResponse(body.body, 500, err_headers)
        if result.ranges is not None and len(result.ranges) == 1:
            rng = result.ranges[0]
            return FileResponse(
                path,
                start=rng.start,
                length=rng.length,
                status=206,
                headers=[
                    *base,
                    ("content-range", f"bytes {rng.start}-{rng.end}/{size}"),
                    ("content-length", str(rng.length)),
                ],
                corrupt=corrupt,
            )
    return FileResponse(
        path,
        start=0,
        length=size,
        headers=[*base, ("content-length", str(size))],
        corrupt=corrupt,
    )


# Immich's sendFile sets this on every error of a route that answers with a file
_SENDFILE_ERROR = [("cache-control", "none")]


def _download_not_found(permission: str) -> HTTPError:
    return HTTPError(400, f"Not found or no {permission} access", headers=_SENDFILE_ERROR)


@handler("downloadAsset")
async def download_asset(ctx: Ctx) -> Response:
    asset = ctx.fake.state.accessible_asset(
        ctx.user, ctx.params["id"].lower(), elevated=ctx.elevated
    )
    if asset is None:
        raise _download_not_found("asset.download")
    return serve_file(ctx, asset)


@handler("playAssetVideo")
async def play_video(ctx: Ctx) -> Response:
    asset = ctx.fake.state.accessible_asset(
        ctx.user, ctx.params["id"].lower(), elevated=ctx.elevated
    )
    if asset is None:
        raise _download_not_found("asset.view")
    if asset.type != "VIDEO":
        raise HTTPError(404, "Asset not found or asset is not a video", headers=_SENDFILE_ERROR)
    return serve_file(ctx, asset, named=False)  # the encoded video or the original: no name


@handler("viewAsset")
async def view_asset(ctx: Ctx) -> Response:
    v = Validator(ctx.request.query, strings=True)
    size = v.enum("size", ("original", "fullsize", "preview", "thumbnail")) or "thumbnail"
    v.boolean("edited")
    v.check()
    asset = ctx.fake.state.accessible_asset(
        ctx.user, ctx.params["id"].lower(), elevated=ctx.elevated
    )
    if asset is None:
        raise HTTPError(400, "Not found or no asset.view access")
    if size == "original":
        raise HTTPError(400, "May not request original file")
    if size == "fullsize" and asset.type == "IMAGE" and is_web_friendly(asset.original_file_name):
        query = urlencode([(k, val) for k, val in ctx.request.query.items() if k != "size"])
        return _redirect(f"original?{query}")
    if size == "fullsize":
        # the fake makes no full-size renditions (Immich's default: off), so Immich
        # downgrades to the preview, with a redirect that keeps the other parameters
        return _redirect(ctx.request.full_path + "?" + _with_size(ctx.request.query_string))
    if not asset.thumbnail_ready():
        raise HTTPError(404, "Asset media not found")
    stem = asset.original_file_name.rsplit(".", 1)[0]
    if size == "thumbnail":
        data, ctype, name = webp_thumbnail(asset.id), "image/webp", f"{stem}_thumbnail.webp"
    else:
        data, ctype, name = jpeg_preview(asset.id), "image/jpeg", f"{stem}_{size}.jpeg"
    mtime_ms = asset.thumb_generated_ms or asset.mtime_ms
    etag = weak_etag(len(data), mtime_ms)
    headers: HeaderList = [
        ("cache-control", CACHE_CONTROL),
        ("content-type", ctype),
        ("content-disposition", content_disposition(name)),
        ("accept-ranges", "bytes"),
        ("last-modified", http_date(mtime_ms)),
        ("etag", etag),
    ]
    req = ctx.request.headers
    if is_not_modified(req.get("if-none-match"), req.get("if-modified-since"), etag, mtime_ms):
        return EmptyResponse(304, [h for h in headers if h[0] != "content-type"])
    headers.append(("content-length", str(len(data))))
    return BytesResponse(data, 200, headers)


def _with_size(query: bytes, size: str = "preview") -> str:
    """*query* with ``size`` set to *size* in place (URLSearchParams.set)."""
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
    out: list[tuple[str, str]] = []
    for key, value in pairs:
        if key == "size":
            if any(k == "size" for k, _ in out):
                continue
            value = size
        out.append((key, value))
    if not any(k == "size" for k, _ in out):
        out.append(("size", size))
    return urlencode(out)


def _redirect(location: str) -> Response:
    """Express's ``res.redirect``: 302 with a plain-text body naming the target."""
    body = b"Found. Redirecting to " + location.encode()
    return BytesResponse(
        body,
        302,
        [
            ("location", location),
            ("vary", "Accept, Accept-Encoding"),
            ("content-type", "text/plain; charset=utf-8"),
            ("content-length", str(len(body))),
        ],
    )


# ---------------------------------------------------------------------- archives


async def _download_assets(ctx: Ctx, body: object) -> list[Asset]:
    v = Validator(body)
    ids = v.uuid_list("assetIds")
    album_id = v.uuid("albumId")
    user_id = v.uuid("userId")
    v.number("archiveSize", integer=True, minimum=1)
    v.check()
    state = ctx.fake.state
    if ids is not None:
        assets = require_owned(ctx, ids, "asset.download")
    elif album_id is not None:
        album = state.albums.get(album_id)
        if album is None or album.owner_id != ctx.user.id:
            raise HTTPError(400, "Not found or no album.download access")
        assets = [state.assets[a] for a in album.asset_ids if a in state.assets]
    elif user_id is not None:
        if user_id != ctx.user.id:
            raise HTTPError(400, "Not found or no timeline.download access")
        assets = [
            a
            for a in state.iter_user_assets(user_id)
            if not a.is_trashed and a.visibility in ("timeline", "archive")
        ]
    else:
        raise HTTPError(400, "assetIds, albumId, or userId is required")
    out: list[Asset] = []
    seen: set[str] = set()
    for asset in assets:
        for item in (asset, state.assets.get(asset.live_photo_video_id or "")):
            if item is not None and item.id not in seen:
                seen.add(item.id)
                out.append(item)
    return out


@handler("getDownloadInfo")
async def download_info(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    assets = await _download_assets(ctx, body)
    limit = body.get("archiveSize") if isinstance(body, dict) else None
    archive_size = int(limit) if isinstance(limit, int) and limit > 0 else DEFAULT_ARCHIVE_SIZE
    archives: list[dict[str, object]] = []
    current: list[str] = []
    current_size = 0
    total = 0
    for asset in assets:
        current.append(asset.id)
        current_size += asset.size
        total += asset.size
        if current_size > archive_size:
            archives.append({"size": current_size, "assetIds": current})
            current, current_size = [], 0
    if current:
        archives.append({"size": current_size, "assetIds": current})
    return JSONResponse({"totalSize": total, "archives": archives}, 201)


@handler("downloadArchive")
async def download_archive(ctx: Ctx) -> Response:
    body = await ctx.request.json()
    v = Validator(body)
    ids = v.uuid_list("assetIds", required=True)
    v.boolean("edited")
    v.check()
    assert ids is not None
    state = ctx.fake.state
    assets = require_owned(ctx, ids, "asset.download")
    names: dict[str, int] = {}
    entries = []
    for asset in assets:
        name = asset.original_file_name
        count = names.get(name.lower(), 0)
        names[name.lower()] = count + 1
        if count:
            stem, dot, ext = name.rpartition(".")
            name = f"{stem}+{count}.{ext}" if dot else f"{name}+{count}"
        entries.append(
            ZipEntry(name, state.path_of(asset), asset.size, asset.file_modified_at.timestamp())
        )
    corrupt = ctx.flags.corrupt_offsets is not None
    chunks = _archive_chunks(entries, corrupt)
    headers: HeaderList = [
        ("content-type", "application/octet-stream"),
        ("vary", "Accept-Encoding"),
    ]
    if _accepts_gzip(ctx.request.headers.get("accept-encoding", "")):
        # Immich's compression middleware compresses the zip stream too
        chunks = _gzipped(chunks)
        headers.append(("content-encoding", "gzip"))
    return StreamResponse(chunks, 200, headers)


def _accepts_gzip(accept_encoding: str) -> bool:
    for item in accept_encoding.split(","):
        name, _, params = item.strip().partition(";")
        if name.strip().lower() in ("gzip", "*") and params.replace(" ", "") not in ("q=0",):
            return True
    return False


async def _gzipped(chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: the gzip container
    async for chunk in chunks:
        out = packer.compress(chunk)
        if out:
            yield out
    yield packer.flush()


async def _archive_chunks(entries: list[ZipEntry], corrupt: bool) -> AsyncIterator[bytes]:
    """The zip stream; with the ``corrupt`` fault, one byte in the middle of the first file's
    data is inverted (its CRC no longer matches)."""
    target = -1
    if corrupt and entries and 0 < entries[0].size < 2**31:
        target = 30 + len(entries[0].name.encode()) + entries[0].size // 2
    position = 0
    async for chunk in stream_zip(entries, CHUNK_BYTES):
        if position <= target < position + len(chunk):
            buf = bytearray(chunk)
            buf[target - position] ^= 0xFF
            chunk = bytes(buf)
        position += len(chunk)
        yield chunk


__all__ = ["content_disposition", "serve_file"]
