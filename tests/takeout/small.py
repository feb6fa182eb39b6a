"""A small Takeout of real photos (about 50 files, 3 zip parts) and the checks of what a
server holds after importing it: run against the fake server and a real Immich alike.

The tricky cases of an import that the server can show: photos with and without an EXIF
date (the JSON's ``photoTakenTime`` dates only the latter), favourites, archived photos
(flag and folder), descriptions, locations (``0, 0`` is none), a name Google clipped
(the title is the original name), the same bytes in a year folder and three albums (one
asset, three albums), two albums with one title, an album folder in another part than
its photos, live photos (a still and its video, linked and the video hidden, also when
archived), trashed and partner-shared photos (skipped), a locked-folder photo, a photo
without JSON and a JSON without photo.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from immich_bulk import AsyncClient
from immich_bulk.models import AssetResponseDto, AssetVisibility, MetadataSearchDto
from immich_bulk.samples import jpeg_bytes

from .generator import EXPORT, PHOTOS, Layout, album_json, mp4_bytes, sidecar_json, write_tgz

UTC = dt.timezone.utc


def plain_jpeg(seed: int) -> bytes:
    """A JPEG without EXIF (as a screenshot or a messenger photo), unique for *seed*: a
    sample JPEG with its EXIF segment (APP1) taken out."""
    data = jpeg_bytes(seed, dt.datetime(2000, 1, 1))
    at = data.index(b"\xff\xe1")
    length = int.from_bytes(data[at + 2 : at + 4], "big")
    return data[:at] + data[at + 2 + length :]


@attrs.define
class Photo:
    """What the server must show for one imported file (keyed by its original name)."""

    name: str
    taken: dt.datetime | None = None
    """The capture time the server shows (UTC); None: not checked."""
    exif_year: int | None = None
    """The photo has an EXIF date in this year: it wins over the JSON's."""
    favorite: bool = False
    visibility: str = "timeline"
    description: str = ""
    gps: tuple[float, float] | None = None
    albums: set[str] = attrs.field(factory=set)
    """Folders of the albums it is in."""
    live_video: str | None = None
    """Name of its live-photo video."""
    people: tuple[str, ...] = ()
    """Names of its ``People/<name>`` tags."""


@attrs.define
class Small:
    inputs: list[Path]
    photos: dict[str, Photo]
    """Every asset the server must hold (the locked one cannot be listed by an API key)."""
    albums: dict[str, str]
    """Album folder -> title."""
    skipped: set[str]
    """Archive paths (``Takeout/...``) that must be reported skipped."""
    orphans: set[str]
    locked: str


def build_small_takeout(
    root: Path, *, video: Callable[[int], bytes] = mp4_bytes, layout: Layout = "zip"
) -> Small:
    """Write the small Takeout under *root* (see the module documentation): zip parts
    (stored and deflated members, one part ZIP64), ``.tgz`` parts, or one extracted
    folder (*layout*)."""
    root.mkdir(parents=True, exist_ok=True)
    parts: dict[int, list[tuple[str, bytes]]] = {1: [], 2: [], 3: []}
    photos: dict[str, Photo] = {}
    albums: dict[str, str] = {}
    skipped: set[str] = set()
    year = "Photos from 2016"

    def put(part: int, folder: str, name: str, data: bytes) -> str:
        path = f"Takeout/{PHOTOS}/{folder}/{name}"
        parts[part].append((path, data))
        return path

    def when(n: int) -> dt.datetime:
        return dt.datetime(2016, 3, 1, 8, 0, tzinfo=UTC) + dt.timedelta(days=n, minutes=n)

    def side(name: str, taken: dt.datetime | None, **extra: Any) -> bytes:
        stamp = int(taken.timestamp()) if taken else None
        return sidecar_json(name, stamp, extra=extra or None)

    # 12 photos with an EXIF date in 2011: the JSON (2016) must not replace it
    for n in range(12):
        name = f"IMG_{n:04d}.jpg"
        exif = dt.datetime(2011, 5, 1, 12, 0) + dt.timedelta(days=n)
        put(1 + n % 3, year, name, jpeg_bytes(4000 + n, exif))
        put(1 + (n + 1) % 3, year, name + ".json", side(name, when(n)))
        photos[name] = Photo(name, exif_year=2011)
    # 12 photos without EXIF date: dated from photoTakenTime
    for n in range(12, 24):
        name = f"Screenshot_{n:04d}.jpg"
        put(1 + n % 3, year, name, plain_jpeg(n))
        put(1 + (n + 2) % 3, year, name + ".supplemental-metadata.json", side(name, when(n)))
        photos[name] = Photo(name, taken=when(n))
    # flags and metadata
    flags: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
        ("fav_1.jpg", {"favorited": True, "people": [{"name": "Ada"}]},
         {"favorite": True, "people": ("Ada",)}),
        ("fav_2.jpg", {"favorited": True}, {"favorite": True}),
        ("archived.jpg", {"archived": True}, {"visibility": "archive"}),
        ("described.jpg", {"description": "Grandma's 90th <birthday> & cake 🎂",
                           "people": [{"name": "Ada"}, {"name": "Grace  Hopper"}]},
         {"description": "Grandma's 90th <birthday> & cake 🎂",
          "people": ("Ada", "Grace Hopper")}),
        ("placed.jpg", {"geoData": {"latitude": 48.8584, "longitude": 2.2945, "altitude": 0}},
         {"gps": (48.8584, 2.2945)}),
        ("south.jpg", {"geoData": {"latitude": 0.0, "longitude": 0.0},
                       "geoDataExif": {"latitude": -33.8568, "longitude": 151.2153}},
         {"gps": (-33.8568, 151.2153)}),
        ("nowhere.jpg", {"geoData": {"latitude": 0.0, "longitude": 0.0}}, {}),
        ("everything.jpg", {"favorited": True, "archived": True, "description": "all of it",
                            "geoData": {"latitude": 35.6586, "longitude": 139.7454}},
         {"favorite": True, "visibility": "archive", "description": "all of it",
          "gps": (35.6586, 139.7454)}),
    ]  # fmt: skip
    for n, (name, extra, expect) in enumerate(flags, start=30):
        put(1 + n % 3, year, name, plain_jpeg(n))
        put(1 + (n + 1) % 3, year, name + ".json", side(name, when(n), **extra))
        photos[name] = Photo(name, taken=when(n), **expect)
    put(2, "Archive", "in_archive.jpg", plain_jpeg(40))
    put(2, "Archive", "in_archive.jpg.json", side("in_archive.jpg", when(40)))
    photos["in_archive.jpg"] = Photo("in_archive.jpg", taken=when(40), visibility="archive")
    # a name Google clipped: the title is the original name
    title = "Backyard ceremony wedding photography in the garden, long title.jpg"
    clipped = title[:47] + ".jpg"
    put(3, year, clipped, plain_jpeg(41))
    put(1, year, title[:46] + ".json", side(title, when(41)))
    photos[title] = Photo(title, taken=when(41))
    # the same bytes in a year folder and three albums (one in another part than its JSON)
    trip = plain_jpeg(42)
    put(1, year, "trip.jpg", trip)
    put(2, year, "trip.jpg.json", side("trip.jpg", when(42)))
    for n, folder in enumerate(("Holidays", "Best of", "Family")):
        put(1 + n, folder, "trip.jpg", trip)
        put(1 + (n + 1) % 3, folder, "trip.jpg.json", side("trip.jpg", when(42)))
        put(3 - n, folder, "metadata.json", album_json(folder, description=f"about {folder}"))
        albums[folder] = folder
    photos["trip.jpg"] = Photo("trip.jpg", taken=when(42), albums={"Holidays", "Best of", "Family"})
    # two albums named "Trip" (Google allows it): two albums
    for n, folder in enumerate(("Trip", "Trip(1)")):
        name = f"trip_{n}.jpg"
        put(1 + n, folder, name, plain_jpeg(43 + n))
        put(3, folder, name + ".json", side(name, when(43 + n)))
        put(2, folder, "metadata.json", album_json("Trip"))
        albums[folder] = "Trip"
        photos[name] = Photo(name, taken=when(43 + n), albums={folder})
    # a live photo: the still has the JSON, the video shares it
    put(1, year, "PXL_live.jpg", plain_jpeg(45))
    put(2, year, "PXL_live.jpg.json", side("PXL_live.jpg", when(45)))
    put(3, year, "PXL_live.mp4", video(45))
    photos["PXL_live.jpg"] = Photo("PXL_live.jpg", taken=when(45), live_video="PXL_live.mp4")
    photos["PXL_live.mp4"] = Photo("PXL_live.mp4", visibility="hidden")
    # an archived live photo: its video hidden too (Immich hides only a timeline video)
    put(2, year, "PXL_arch.jpg", plain_jpeg(51))
    put(3, year, "PXL_arch.jpg.json", side("PXL_arch.jpg", when(51), archived=True))
    put(1, year, "PXL_arch.mp4", video(51))
    photos["PXL_arch.jpg"] = Photo(
        "PXL_arch.jpg", taken=when(51), visibility="archive", live_video="PXL_arch.mp4"
    )
    photos["PXL_arch.mp4"] = Photo("PXL_arch.mp4", visibility="hidden")
    # skipped by default: trash (flag and folder), a partner's photo
    skipped.add(put(1, year, "binned.jpg", plain_jpeg(46)))
    put(1, year, "binned.jpg.json", side("binned.jpg", when(46), trashed=True))
    skipped.add(put(2, "Trash", "old.jpg", plain_jpeg(47)))
    skipped.add(put(3, year, "partner.jpg", plain_jpeg(48)))
    put(3, year, "partner.jpg.json",
        side("partner.jpg", when(48), googlePhotosOrigin={"fromPartnerSharing": {}}))  # fmt: skip
    # locked folder: into the server's locked folder (an API key cannot list it)
    locked = put(2, "Locked Folder", "secret.jpg", plain_jpeg(49))
    put(2, "Locked Folder", "secret.jpg.json", side("secret.jpg", when(49)))
    # a photo without JSON, a JSON without photo
    put(3, year, "no_json.jpg", jpeg_bytes(4050, dt.datetime(2012, 2, 2, 2, 2)))
    photos["no_json.jpg"] = Photo("no_json.jpg", exif_year=2012)
    orphan = put(1, year, "gone.jpg.json", side("gone.jpg", when(50)))
    inputs = []
    if layout == "dir":
        tree = root / "extracted"
        for members in parts.values():
            for member, data in members:
                target = tree.joinpath(*member.split("/"))
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        return Small([tree], photos, albums, skipped, {orphan}, locked)
    for number, members in parts.items():
        if layout == "tgz":
            path = root / f"{EXPORT}-{number:03d}.tgz"
            write_tgz(path, members)
            inputs.append(path)
            continue
        path = root / f"{EXPORT}-{number:03d}.zip"
        with zipfile.ZipFile(path, "w") as zf:
            for name, data in members:
                info = zipfile.ZipInfo(name, date_time=(2024, 7, 12, 11, 23, 41))
                stored = name.endswith((".jpg", ".mp4")) and number != 2
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                with zf.open(info, "w", force_zip64=number == 3) as f:
                    f.write(data)
        inputs.append(path)
    return Small(inputs, photos, albums, skipped, {orphan}, locked)


def archive_path(item: str) -> str:
    """The ``Takeout/...`` path of a report item (``<part>:<path inside it>``)."""
    return "Takeout/" + item.split(":Takeout/", 1)[1]


async def _listed(client: AsyncClient) -> list[AssetResponseDto]:
    found: list[AssetResponseDto] = []
    for visibility in (AssetVisibility.TIMELINE, AssetVisibility.ARCHIVE, AssetVisibility.HIDDEN):
        page = 1
        while True:
            result = await client.search.search_assets(
                MetadataSearchDto(page=page, size=1000, with_exif=True, visibility=visibility)
            )
            found.extend(result.assets.items)
            if not result.assets.next_page:
                break
            page = int(result.assets.next_page)
    return found


async def check_server(client: AsyncClient, small: Small) -> dict[str, AssetResponseDto]:
    """Assert that the server holds what the import of *small* must leave there; returns
    the assets by original name."""
    listed = await _listed(client)
    by_name = {a.original_file_name: a for a in listed}
    assert len(by_name) == len(listed), sorted(a.original_file_name for a in listed)
    assert set(by_name) == set(small.photos), set(by_name) ^ set(small.photos)
    problems = []
    for name, photo in small.photos.items():
        asset = by_name[name]
        exif = asset.exif_info
        got: dict[str, Any] = {"visibility": str(asset.visibility.value)}
        want: dict[str, Any] = {"visibility": photo.visibility}
        if photo.visibility != "hidden":
            got["favorite"], want["favorite"] = asset.is_favorite, photo.favorite
            got["description"] = (exif.description or "") if exif else ""
            want["description"] = photo.description
            lat = exif.latitude if exif and isinstance(exif.latitude, float) else None
            lon = exif.longitude if exif and isinstance(exif.longitude, float) else None
            got["gps"] = (round(lat, 4), round(lon, 4)) if lat is not None and lon else None
            want["gps"] = photo.gps
        if photo.taken is not None:
            got["taken"] = asset.file_created_at.astimezone(UTC)
            want["taken"] = photo.taken
            original = exif.date_time_original if exif else None
            got["original"] = original.astimezone(UTC) if original else None
            want["original"] = photo.taken
        if photo.exif_year is not None:
            original = exif.date_time_original if exif else None
            got["exif_year"] = original.year if original else None
            want["exif_year"] = photo.exif_year
        if photo.live_video is not None:
            got["live"] = asset.live_photo_video_id
            want["live"] = by_name[photo.live_video].id
        if got != want:
            problems.append((name, {k: (got[k], want[k]) for k in got if got[k] != want[k]}))
    assert not problems, problems
    # people: a People/<name> tag each (under a People tag), on exactly their photos
    for name, photo in small.photos.items():
        if photo.people:
            shown = await client.assets.get_asset_info(by_name[name].id)  # with its tags
            got_tags = sorted(t.value for t in (shown.tags if isinstance(shown.tags, list) else []))
            assert got_tags == sorted(f"People/{p}" for p in photo.people), (name, got_tags)
    tags = {t.value: t for t in await client.tags.get_all_tags()}
    people = {p for photo in small.photos.values() for p in photo.people}
    assert {v for v in tags if v.startswith("People")} == {"People"} | {
        f"People/{p}" for p in people
    }
    assert all(tags[f"People/{p}"].parent_id == tags["People"].id for p in people)
    # albums: one per folder (two "Trip"), each holding its photos
    albums = await client.albums.get_all_albums()
    assert sorted(a.album_name for a in albums) == sorted(small.albums.values())
    for album in albums:  # from the album JSON
        expected = "" if album.album_name == "Trip" else f"about {album.album_name}"
        assert (album.description or "") == expected, album
    want_members: dict[str, list[set[str]]] = {}
    for folder, title in small.albums.items():
        ids = {by_name[p.name].id for p in small.photos.values() if folder in p.albums}
        want_members.setdefault(title, []).append(ids)
    got_members: dict[str, list[set[str]]] = {}
    for album in albums:
        info = await client.albums.get_album_info(album.id)
        got_members.setdefault(album.album_name, []).append({a.id for a in info.assets})
    for title in want_members:
        assert sorted(map(sorted, got_members[title])) == sorted(map(sorted, want_members[title]))
    return by_name
