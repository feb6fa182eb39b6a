"""``/server/*``: ping, version, about, features, config, media types, statistics, storage."""

from __future__ import annotations

import shutil

from .media import MEDIA_TYPES
from .web import Ctx, JSONResponse, Response, handler

VERSION = (2, 7, 5)


@handler("pingServer")
async def ping(ctx: Ctx) -> Response:
    return JSONResponse({"res": "pong"})


@handler("getServerVersion")
async def version(ctx: Ctx) -> Response:
    major, minor, patch = VERSION
    return JSONResponse({"major": major, "minor": minor, "patch": patch})


@handler("getVersionHistory")
async def version_history(ctx: Ctx) -> Response:
    entry = ctx.fake.version_history()
    return JSONResponse([entry])


@handler("getAboutInfo")
async def about(ctx: Ctx) -> Response:
    return JSONResponse(
        {
            "version": "v2.7.5",
            "versionUrl": "https://github.com/immich-app/immich/releases/tag/v2.7.5",
            "licensed": False,
            "nodejs": "v24.15.0",
            "exiftool": "13.53",
            "ffmpeg": "5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers",
            "libvips": "8.17.3",
            "imagemagick": "",
        }
    )


@handler("getServerFeatures")
async def features(ctx: Ctx) -> Response:
    return JSONResponse(
        {
            "smartSearch": False,
            "facialRecognition": False,
            "duplicateDetection": False,
            "map": True,
            "reverseGeocoding": True,
            "importFaces": False,
            "sidecar": True,
            "search": True,
            "trash": True,
            "oauth": False,
            "oauthAutoLaunch": False,
            "ocr": False,
            "passwordLogin": True,
            "configFile": False,
            "email": False,
        }
    )


@handler("getServerConfig")
async def config(ctx: Ctx) -> Response:
    admin = ctx.fake.state.admin
    return JSONResponse(
        {
            "loginPageMessage": "",
            "trashDays": 30,
            "userDeleteDelay": 7,
            "oauthButtonText": "Login with OAuth",
            "isInitialized": admin is not None,
            "isOnboarded": bool(admin and admin.is_onboarded),
            "externalDomain": "",
            "publicUsers": True,
            "mapDarkStyleUrl": "https://tiles.immich.cloud/v1/style/dark.json",
            "mapLightStyleUrl": "https://tiles.immich.cloud/v1/style/light.json",
            "maintenanceMode": False,
        }
    )


@handler("getSupportedMediaTypes")
async def media_types(ctx: Ctx) -> Response:
    return JSONResponse(MEDIA_TYPES)


@handler("getTheme")
async def theme(ctx: Ctx) -> Response:
    return JSONResponse({"customCss": ""})


@handler("getServerStatistics")
async def statistics(ctx: Ctx) -> Response:
    state = ctx.fake.state
    per_user: list[dict[str, object]] = []
    totals = {"photos": 0, "videos": 0, "usage": 0, "usagePhotos": 0, "usageVideos": 0}
    for user in state.users.values():
        photos = videos = usage_photos = usage_videos = 0
        for asset in state.iter_user_assets(user.id):
            if asset.type == "VIDEO":
                videos += 1
                usage_videos += asset.size
            else:
                photos += 1
                usage_photos += asset.size
        counts = {
            "photos": photos,
            "videos": videos,
            "usage": usage_photos + usage_videos,
            "usagePhotos": usage_photos,
            "usageVideos": usage_videos,
        }
        for key, value in counts.items():
            totals[key] += value
        per_user.append(
            {
                "userId": user.id,
                "userName": user.name,
                **counts,
                "quotaSizeInBytes": user.quota_size_in_bytes,
            }
        )
    return JSONResponse({**totals, "usageByUser": per_user})


def _human(size: float) -> str:
    units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
    i = 0
    while size >= 1024 and i < len(units) - 1:
        size /= 1024
        i += 1
    return f"{size:.1f} {units[i]}"


@handler("getStorage")
async def storage(ctx: Ctx) -> Response:
    usage = shutil.disk_usage(ctx.fake.data_dir)
    return JSONResponse(
        {
            "diskSize": _human(usage.total),
            "diskUse": _human(usage.used),
            "diskAvailable": _human(usage.free),
            "diskSizeRaw": usage.total,
            "diskUseRaw": usage.used,
            "diskAvailableRaw": usage.free,
            "diskUsagePercentage": round(usage.used / usage.total * 100, 2) if usage.total else 0,
        }
    )
