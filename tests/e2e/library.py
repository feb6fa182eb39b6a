"""A small library on a real server that uses every field a migration carries."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

import attrs

from immich_bulk import AsyncClient
from immich_bulk.models import (
    AssetVisibility,
    BulkIdsDto,
    CreateAlbumDto,
    StackCreateDto,
    TagUpsertDto,
    UpdateAlbumDto,
    UpdateAssetDto,
)
from immich_bulk.samples import jpeg_bytes

from .media import upload, video_bytes

UPLOADED = dt.datetime(2022, 8, 9, 10, 11, 12, tzinfo=dt.timezone.utc)


def photo_bytes(seed: int) -> bytes:
    """A small JPEG, unique for *seed*, with an EXIF date of its own."""
    return jpeg_bytes(seed, dt.datetime(2018, 1, 1) + dt.timedelta(days=seed), size=2_500)


@attrs.frozen
class Library:
    ids: dict[str, str]  # file name -> source asset id
    files: dict[str, bytes]  # file name -> bytes

    def checksum_names(self) -> dict[str, str]:
        """base64 SHA-1 -> file name (how the target's copies are recognised)."""
        return {
            base64.b64encode(hashlib.sha1(data).digest()).decode(): name
            for name, data in self.files.items()
        }


async def build_library(client: AsyncClient) -> Library:
    """Photos with each carried field set, a video, a live photo, a stack, albums, tags.

    ====================  ==============================================================
    fav.jpg               favourite; tag ``people/bob``; album Trip
    archived.jpg          archived
    hidden.jpg            hidden (not a motion part)
    described.jpg         a description; album Best
    rated.jpg             rating 4
    zoned.jpg             capture date 2019-05-01 12:30 at UTC+02:00
    located.jpg           latitude 48.8566, longitude 2.3522
    clip.mp4              a video; tag ``trip``; album Trip (its cover)
    IMG_0042.jpg / .mov   a live photo (the still in album Trip)
    s1.jpg, s2.jpg        a stack, s2.jpg its primary
    ====================  ==============================================================

    Album Trip has a description; album Empty has no assets.
    """
    library = await _upload(client, [*PHOTOS, *VIDEOS, *LIVE_PHOTO])
    ids = library.ids
    update = client.assets.update_asset
    await update(ids["described.jpg"], UpdateAssetDto(description="sunset at the lake"))
    await update(ids["rated.jpg"], UpdateAssetDto(rating=4))
    await update(ids["zoned.jpg"], UpdateAssetDto(date_time_original="2019-05-01T12:30:00+02:00"))
    await update(ids["located.jpg"], UpdateAssetDto(latitude=48.8566, longitude=2.3522))
    await _trip(client, ids, ["fav.jpg", "clip.mp4", "IMG_0042.jpg"])
    await client.albums.create_album(
        CreateAlbumDto(album_name="Best", asset_ids=[ids["described.jpg"]])
    )
    await client.albums.create_album(CreateAlbumDto(album_name="Empty"))
    await client.stacks.create_stack(StackCreateDto(asset_ids=[ids["s2.jpg"], ids["s1.jpg"]]))
    tags = {
        t.value: t.id
        for t in await client.tags.upsert_tags(TagUpsertDto(tags=["people/bob", "trip"]))
    }
    await client.tags.tag_assets(tags["people/bob"], BulkIdsDto(ids=[ids["fav.jpg"]]))
    await client.tags.tag_assets(tags["trip"], BulkIdsDto(ids=[ids["clip.mp4"]]))
    return library


async def build_small_library(client: AsyncClient) -> Library:
    """A video, a live photo and a photo in time zone UTC+2, all in album Trip."""
    library = await _upload(client, ["zoned.jpg", *VIDEOS, *LIVE_PHOTO])
    ids = library.ids
    await client.assets.update_asset(
        ids["zoned.jpg"], UpdateAssetDto(date_time_original="2019-05-01T12:30:00+02:00")
    )
    await _trip(client, ids, ["zoned.jpg", "clip.mp4", "IMG_0042.jpg"])
    return library


PHOTOS = [
    "fav.jpg", "archived.jpg", "hidden.jpg", "described.jpg", "rated.jpg", "zoned.jpg",
    "located.jpg", "s1.jpg", "s2.jpg",
]  # fmt: skip
VIDEOS = ["clip.mp4"]
LIVE_PHOTO = ["IMG_0042.mov", "IMG_0042.jpg"]  # the motion part first
_SEEDS = {name: seed for seed, name in enumerate([*PHOTOS, *VIDEOS, *LIVE_PHOTO], start=100)}
_UPLOAD_FIELDS: dict[str, dict[str, object]] = {
    "fav.jpg": {"is_favorite": True},
    "archived.jpg": {"visibility": AssetVisibility.ARCHIVE},
    "hidden.jpg": {"visibility": AssetVisibility.HIDDEN},
}


def _bytes(name: str) -> bytes:
    seed = _SEEDS[name]
    if name.endswith(".mp4"):
        return video_bytes(seed)
    if name.endswith(".mov"):
        return video_bytes(seed, container="mov")
    return photo_bytes(seed)


async def _upload(client: AsyncClient, names: list[str]) -> Library:
    ids: dict[str, str] = {}
    files: dict[str, bytes] = {}
    for name in names:
        files[name] = _bytes(name)
        fields = dict(_UPLOAD_FIELDS.get(name, {}))
        if name == "IMG_0042.jpg":
            fields["live_photo_video_id"] = ids["IMG_0042.mov"]
        ids[name] = await upload(client, files[name], name, UPLOADED, **fields)  # type: ignore[arg-type]
    return Library(ids=ids, files=files)


async def _trip(client: AsyncClient, ids: dict[str, str], names: list[str]) -> None:
    """Album Trip, with a description and the video as its cover."""
    trip = await client.albums.create_album(
        CreateAlbumDto(
            album_name="Trip",
            description="summer, by the sea",
            asset_ids=[ids[n] for n in names],
        )
    )
    await client.albums.update_album_info(
        trip.id, UpdateAlbumDto(album_thumbnail_asset_id=ids["clip.mp4"])
    )
