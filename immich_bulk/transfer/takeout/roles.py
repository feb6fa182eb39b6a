"""What a member is by its name: media, the video part of a motion photo, JSON, other.

The media extensions default to those of Immich v2.7.5 (``GET /server/media-types``,
images and videos); a caller that talked to the server passes its lists instead.
"""

from __future__ import annotations

from typing import Literal

from .names import motion_still_names, split_ext

__all__ = ["IMAGE_EXTENSIONS", "VIDEO_EXTENSIONS", "Role", "media_kind", "member_role"]

IMAGE_EXTENSIONS: frozenset[str] = frozenset(
    (
        ".avif", ".bmp", ".gif", ".jpeg", ".jpg", ".png", ".webp", ".3fr", ".ari", ".arw",
        ".cap", ".cin", ".cr2", ".cr3", ".crw", ".dcr", ".dng", ".erf", ".fff", ".iiq", ".k25",
        ".kdc", ".mrw", ".nef", ".nrw", ".orf", ".ori", ".pef", ".psd", ".raf", ".raw", ".rw2",
        ".rwl", ".sr2", ".srf", ".srw", ".x3f", ".heic", ".heif", ".hif", ".insp", ".jp2",
        ".jpe", ".jxl", ".svg", ".tif", ".tiff",
    )
)  # fmt: skip
VIDEO_EXTENSIONS: frozenset[str] = frozenset(
    (
        ".3gp", ".3gpp", ".avi", ".flv", ".insv", ".m2t", ".m2ts", ".m4v", ".mkv", ".mov",
        ".mp4", ".mpe", ".mpeg", ".mpg", ".mts", ".mxf", ".ts", ".vob", ".webm", ".wmv",
    )
)  # fmt: skip

Role = Literal["media", "motion", "json", "other"]


def media_kind(
    name: str, images: frozenset[str], videos: frozenset[str]
) -> Literal["image", "video"] | None:
    """``"image"``/``"video"`` by extension (case-insensitive), else None."""
    ext = split_ext(name)[1].lower()
    if ext in images:
        return "image"
    if ext in videos:
        return "video"
    return None


def member_role(name: str, images: frozenset[str], videos: frozenset[str]) -> Role:
    """The role of a member named *name*."""
    if name.lower().endswith(".json"):
        return "json"
    if media_kind(name, images, videos) is not None:
        return "media"
    if motion_still_names(name) is not None:
        return "motion"
    return "other"
