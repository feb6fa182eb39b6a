"""A synthetic Google Photos Takeout with a ground-truth manifest (no real user data).

:func:`build_cases` describes every edge case of the Takeout notes' test plan (section 7,
cases 1-40) as files (media and JSON, their placement in parts) and expectations (each
media file's match outcome, rule and sidecar, its disposition, visibility and albums;
each JSON file's outcome). :func:`write_takeout` writes it as zip parts, ``.tgz`` parts or
one extracted folder, and ``expected.json`` beside them.

Media are small valid files: JPEGs from :func:`immich_bulk.samples.jpeg_bytes` (unique
per file, identical bytes where a case needs copies), HEIC/MP4 as ``ftyp`` boxes with a
unique tail. Sidecar names are derived here from the rules of the notes (46-unit UTF-16
clip, moved index, clipped ``.supplemental-metadata``), written independently of the
code under test, and several are the literal names quoted in the notes.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import tarfile
import unicodedata
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

import attrs

from immich_bulk.samples import jpeg_bytes

Layout = Literal["zip", "tgz", "dir"]

PHOTOS = "Google Photos"
PARTS = 4
EXPORT = "takeout-20240712T112341Z"
BASE_TIME = 1_500_000_000


# --------------------------------------------------------------------------- naming rules


def u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def clip(text: str, limit: int, *, whole: bool = False) -> str:
    """*text* clipped to *limit* UTF-16 units (*whole*: keep a pair that starts inside)."""
    out = ""
    for ch in text:
        if u16(out + ch) > limit and not (whole and u16(out) < limit):
            break
        out += ch
    return out


def split(name: str) -> tuple[str, str]:
    dot = name.rfind(".")
    return (name, "") if dot <= 0 else (name[:dot], name[dot:])


def media_name(title: str, index: int | None = None) -> str:
    stem, ext = split(title)
    return clip(stem, 47, whole=True) + (f"({index})" if index else "") + ext


def json_name(title: str, index: int | None = None, *, supplemental: bool = False) -> str:
    body = title + ".supplemental-metadata" if supplemental else title
    return clip(body, 46) + (f"({index})" if index else "") + ".json"


# --------------------------------------------------------------------------- file contents


def heic_bytes(seed: int) -> bytes:
    return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + f"heic {seed}".encode()


def mp4_bytes(seed: int) -> bytes:
    return b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + f"mp4 {seed}".encode()


def sidecar_json(
    title: str,
    taken: int | None = None,
    *,
    taken_raw: Any = None,
    created: int | None = None,
    extra: dict[str, Any] | None = None,
) -> bytes:
    obj: dict[str, Any] = {"title": title, "description": ""}
    if taken_raw is not None:
        obj["photoTakenTime"] = taken_raw
    elif taken is not None:
        formatted = dt.datetime.fromtimestamp(taken, dt.timezone.utc).strftime(
            "%d %b %Y, %H:%M:%S UTC"
        )
        obj["photoTakenTime"] = {"timestamp": str(taken), "formatted": formatted}
    created = created if created is not None else (taken or BASE_TIME) + 86_400
    obj["creationTime"] = {"timestamp": str(created), "formatted": "x"}
    obj["geoData"] = {"latitude": 0.0, "longitude": 0.0, "altitude": 0.0}
    obj["url"] = "https://photos.google.com/photo/synthetic"
    obj["googlePhotosOrigin"] = {"mobileUpload": {"deviceType": "ANDROID_PHONE"}}
    obj.update(extra or {})
    return json.dumps(obj, ensure_ascii=False, indent=2).encode()


def album_json(title: str, form: str = "classic", **fields: Any) -> bytes:
    body: dict[str, Any] = {"title": title}
    if form == "classic":
        body.update(description=fields.get("description", ""), access="protected",
                    date={"timestamp": "1500000000", "formatted": "x"}, location="",
                    geoData={"latitude": 0.0, "longitude": 0.0})  # fmt: skip
    elif form == "albumData":
        body = {"albumData": {"title": title, "description": fields.get("description", "")}}
    elif form == "enrichments":
        body["enrichments"] = [
            {"narrativeEnrichment": {"text": fields.get("text", "")}},
            {"locationEnrichment": {"location": [
                {"name": "Lisbon", "latitudeE7": 387223000, "longitudeE7": -91393000}
            ]}},
        ]  # fmt: skip
    return json.dumps(body, ensure_ascii=False).encode()


# --------------------------------------------------------------------------- manifest


@attrs.frozen(kw_only=True)
class MediaExpect:
    case: str
    outcome: str
    rule: str
    sidecar: str | None = None
    """Logical path of the sidecar used (``service/folder/name``)."""
    disposition: str = "upload"
    visibility: str = "timeline"
    albums: frozenset[str] = frozenset()
    """Folders of the albums the asset belongs to."""
    asset: str = ""
    """Files with the same label are one asset (identical copies)."""
    ref_albums: frozenset[str] = frozenset()
    """Albums it belongs to through an album folder that holds only its JSON."""

    def albums_alone(self, folder: str) -> frozenset[str]:
        """Its albums when its copies are separate assets (extracted folders)."""
        return (self.albums & {folder}) | self.ref_albums


@attrs.frozen(kw_only=True)
class JsonExpect:
    case: str
    outcome: str


@attrs.define
class Entry:
    path: str
    """Logical path under ``Takeout/`` (``service/folder/name``), NFC."""
    data: bytes
    parts: tuple[int, ...]
    stored_name: str | None = None
    """The name as written in the archive, when it differs (NFD)."""


@attrs.define
class Manifest:
    entries: list[Entry] = attrs.field(factory=list)
    media: dict[str, MediaExpect] = attrs.field(factory=dict)
    jsons: dict[str, JsonExpect] = attrs.field(factory=dict)
    albums: dict[str, str] = attrs.field(factory=dict)
    """Album folder -> title, for the albums created with default options."""
    ignored: list[str] = attrs.field(factory=list)
    cases: dict[str, str] = attrs.field(factory=dict)
    facts: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    """Per logical path, sidecar fields a case checks (taken, created, geo, ...)."""

    def to_json(self) -> str:
        return json.dumps(
            {
                "cases": self.cases,
                "media": {k: attrs.asdict(v, value_serializer=_ser) for k, v in self.media.items()},
                "jsons": {k: attrs.asdict(v) for k, v in self.jsons.items()},
                "albums": self.albums,
                "ignored": self.ignored,
                "facts": self.facts,
                "files": {e.path: list(e.parts) for e in self.entries},
            },
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        )


def _ser(_inst: Any, _field: Any, value: Any) -> Any:
    return sorted(value) if isinstance(value, frozenset) else value


class _Builder:
    def __init__(self, seed: int) -> None:
        self.m = Manifest()
        self.rng = random.Random(seed)
        self.seed = 0
        self.case = ""

    def start(self, case: str, description: str) -> None:
        self.case = case
        self.m.cases[case] = description

    def _parts(self, part: int | tuple[int, ...] | None) -> tuple[int, ...]:
        if part is None:
            return (self.rng.randrange(1, PARTS + 1),)
        return (part,) if isinstance(part, int) else part

    def file(
        self,
        path: str,
        data: bytes,
        part: int | tuple[int, ...] | None = None,
        *,
        stored_name: str | None = None,
    ) -> str:
        path = unicodedata.normalize("NFC", path)
        self.m.entries.append(Entry(path, data, self._parts(part), stored_name))
        return path

    def photo(
        self,
        folder: str,
        name: str,
        *,
        data: bytes | None = None,
        part: int | tuple[int, ...] | None = None,
        expect: dict[str, Any] | None = None,
        service: str = PHOTOS,
        stored_name: str | None = None,
    ) -> tuple[str, bytes]:
        if data is None:
            self.seed += 1
            ext = split(name)[1].lower()
            if ext in (".heic",):
                data = heic_bytes(self.seed)
            elif ext in (".mp4", ".mov") or ext.upper() == ".MP" or ("MVIMG" in name and not ext):
                data = mp4_bytes(self.seed)
            else:
                taken = dt.datetime(2015, 1, 1) + dt.timedelta(hours=self.seed)
                data = jpeg_bytes(90_000 + self.seed, taken)
        path = self.file(f"{service}/{folder}/{name}", data, part, stored_name=stored_name)
        if expect is not None:
            fields = dict(expect)
            fields.setdefault("asset", path)
            if fields.get("sidecar") and "/" not in fields["sidecar"]:
                fields["sidecar"] = f"{service}/{folder}/{fields['sidecar']}"
            fields["albums"] = frozenset(fields.get("albums", ()))
            fields["ref_albums"] = frozenset(fields.get("ref_albums", ()))
            self.m.media[path] = MediaExpect(case=self.case, **fields)
        return path, data

    def sidecar(
        self,
        folder: str,
        name: str,
        title: str,
        taken: int | None = None,
        *,
        outcome: str | None = "own",
        part: int | tuple[int, ...] | None = None,
        service: str = PHOTOS,
        data: bytes | None = None,
        **kw: Any,
    ) -> str:
        if data is None:
            data = sidecar_json(
                title, taken if taken is not None else BASE_TIME + self.seed * 60, **kw
            )
        path = self.file(f"{service}/{folder}/{name}", data, part)
        if outcome is not None:
            self.m.jsons[path] = JsonExpect(case=self.case, outcome=outcome)
        return path

    def album(
        self,
        folder: str,
        title: str,
        *,
        form: str = "classic",
        name: str = "metadata.json",
        created: bool = True,
        part: int | None = None,
        **fields: Any,
    ) -> None:
        path = self.file(f"{PHOTOS}/{folder}/{name}", album_json(title, form, **fields), part)
        self.m.jsons[path] = JsonExpect(case=self.case, outcome="album")
        if created:
            self.m.albums[folder] = title

    def pair(
        self,
        folder: str,
        media: str,
        sidecar_name: str,
        *,
        title: str | None = None,
        rule: str = "legacy",
        part_media: int | None = None,
        part_json: int | None = None,
        taken: int | None = None,
        extra: dict[str, Any] | None = None,
        **expect: Any,
    ) -> tuple[str, bytes]:
        """A media file and its own sidecar."""
        path, data = self.photo(
            folder,
            media,
            part=part_media,
            expect={"outcome": "matched", "rule": rule, "sidecar": sidecar_name, **expect},
        )
        self.sidecar(
            folder, sidecar_name, title if title is not None else media, taken,
            part=part_json, extra=extra,
        )  # fmt: skip
        return path, data


Y = "Photos from 2020"


def build_cases(seed: int = 0) -> Manifest:
    """Every case of the notes' test plan (see the module documentation)."""
    b = _Builder(seed)

    b.start("c01", "media and JSON in different parts")
    b.pair("Photos from 2019", "c01_split.jpg", "c01_split.jpg.json", part_media=4, part_json=3)

    b.start("c02", "same member path in two parts")
    b.photo(
        "Photos from 2019",
        "c02_twice.jpg",
        part=(1, 3),
        expect={"outcome": "matched", "rule": "legacy", "sidecar": "c02_twice.jpg.json"},
    )
    jp = b.sidecar("Photos from 2019", "c02_twice.jpg.json", "c02_twice.jpg", part=(2, 4))
    b.m.facts[jp] = {"copies": 2}

    b.start("c03", "year folder + 2 albums, same bytes")
    b.album("c03 Album A", "c03 Album A")
    b.album("c03 Album B", "c03 Album B")
    _, data = b.photo(
        "Photos from 2018",
        "c03_trip.jpg",
        part=4,
        expect={
            "outcome": "matched",
            "rule": "legacy",
            "sidecar": "c03_trip.jpg.json",
            "albums": {"c03 Album A", "c03 Album B"},
            "asset": "c03",
        },
    )
    b.sidecar("Photos from 2018", "c03_trip.jpg.json", "c03_trip.jpg", BASE_TIME + 3, part=3)
    for folder, part in (("c03 Album A", 1), ("c03 Album B", 2)):
        b.photo(
            folder,
            "c03_trip.jpg",
            data=data,
            part=part,
            expect={
                "outcome": "matched",
                "rule": "legacy",
                "sidecar": "c03_trip.jpg.json",
                "albums": {"c03 Album A", "c03 Album B"},
                "asset": "c03",
            },
        )
        b.sidecar(folder, "c03_trip.jpg.json", "c03_trip.jpg", BASE_TIME + 3, part=part)

    b.start("c04", "album copy with different bytes")
    b.album("c04 Album", "c04 Album")
    b.pair("Photos from 2018", "c04_copy.jpg", "c04_copy.jpg.json", taken=BASE_TIME + 4)
    b.pair(
        "c04 Album", "c04_copy.jpg", "c04_copy.jpg.json", taken=BASE_TIME + 4, albums={"c04 Album"}
    )

    b.start("c05", "localized root (Google Fotos, Google Фото)")
    for service in ("Google Fotos", "Google Фото"):
        folder = "Fotos von 2017" if service == "Google Fotos" else "Photos from 2016"
        b.photo(
            folder,
            "c05_local.jpg",
            service=service,
            expect={"outcome": "matched", "rule": "legacy", "sidecar": "c05_local.jpg.json"},
        )
        b.sidecar(folder, "c05_local.jpg.json", "c05_local.jpg", service=service)

    b.start("c06", "other services under Takeout/")
    b.m.ignored.append(
        b.file("Contacts/c06 Someone/c06_contact.jpg", jpeg_bytes(6, dt.datetime(2016, 6, 6)))
    )
    b.m.ignored.append(
        b.file("Keep/c06_note.json", b'{"title": "shopping", "textContent": "milk"}')
    )
    b.m.ignored.append(b.file("archive_browser.html", b"<html></html>"))

    b.start("c07", "album JSON: albumData / classic / title-only / métadonnées.json")
    for folder, title, form, name in (
        ("c07 Old", "Seven old", "albumData", "metadata.json"),
        ("c07 Classic", "Seven classic", "classic", "metadata.json"),
        ("c07 New", "Seven new", "enrichments", "metadata.json"),
        ("c07 Français", "Sept", "classic", "métadonnées.json"),
    ):
        b.album(folder, title, form=form, name=name, text="A day out")
        b.pair(folder, f"c07_{form}.jpg", f"c07_{form}.jpg.json", albums={folder})

    b.start("c08", "two folders, same album title")
    for folder in ("c08 Summer", "c08 Summer(1)"):
        b.album(folder, "c08 Summer")
        b.pair(folder, "c08_beach.jpg", "c08_beach.jpg.json", albums={folder})

    b.start("c09", "untitled albums")
    b.album("Untitled(1)", "", created=False)
    b.pair("Untitled(1)", "c09_shared.jpg", "c09_shared.jpg.json")
    b.album("Sans titre(9)", "", created=False)
    b.pair("Sans titre(9)", "c09_partage.jpg", "c09_partage.jpg.json")

    b.start("c10", "album folder with JSON only")
    b.album("c10 Only JSON", "c10 Only JSON")
    b.pair(
        "Photos from 2015",
        "c10_only.jpg",
        "c10_only.jpg.json",
        taken=BASE_TIME + 10,
        albums={"c10 Only JSON"},
        ref_albums={"c10 Only JSON"},
    )
    b.sidecar(
        "c10 Only JSON", "c10_only.jpg.json", "c10_only.jpg", BASE_TIME + 10, outcome="album-ref"
    )

    b.start("c11", "Trash / trashed")
    b.pair(
        "Trash",
        "c11_bin.jpg",
        "c11_bin.jpg.json",
        disposition="skip-trashed",
        extra={"trashed": True},
    )
    b.pair(
        Y,
        "c11_trashed.jpg",
        "c11_trashed.jpg.json",
        disposition="skip-trashed",
        extra={"trashed": True},
    )

    b.start("c12", "Archive / archived")
    b.pair("Archive", "c12_folder.jpg", "c12_folder.jpg.json", visibility="archive")
    b.pair(Y, "c12_flag.jpg", "c12_flag.jpg.json", visibility="archive", extra={"archived": True})

    b.start("c13", "Locked Folder")
    b.pair("Locked Folder", "c13_secret.jpg", "c13_secret.jpg.json", visibility="locked")

    b.start("c14", "Failed Videos")
    b.photo(
        "Failed Videos",
        "c14_broken.mp4",
        expect={"outcome": "unmatched", "rule": "no-sidecar", "disposition": "skip-failed"},
    )

    b.start("c15", "favorited")
    p, _ = b.pair(Y, "c15_fav.jpg", "c15_fav.jpg.json", extra={"favorited": True})
    b.m.facts[p] = {"favorited": True}

    b.start("c16", "partner item")
    b.pair(
        Y,
        "c16_partner.jpg",
        "c16_partner.jpg.json",
        disposition="skip-partner",
        extra={"googlePhotosOrigin": {"fromPartnerSharing": {}}},
    )

    b.start("c17", 'photoTakenTime "0" / missing')
    p, _ = b.photo(
        Y,
        "c17_zero.jpg",
        expect={"outcome": "matched", "rule": "legacy", "sidecar": "c17_zero.jpg.json"},
    )
    b.sidecar(
        Y,
        "c17_zero.jpg.json",
        "c17_zero.jpg",
        taken_raw={"timestamp": "0", "formatted": "1 Jan 1970"},
        created=BASE_TIME + 1717,
    )
    b.m.facts[p] = {"taken": None, "created": BASE_TIME + 1717}
    p, _ = b.photo(
        Y,
        "c17_none.jpg",
        expect={"outcome": "matched", "rule": "legacy", "sidecar": "c17_none.jpg.json"},
    )
    b.sidecar(
        Y,
        "c17_none.jpg.json",
        "c17_none.jpg",
        data=json.dumps(
            {"title": "c17_none.jpg", "creationTime": {"timestamp": str(BASE_TIME + 1718)}}
        ).encode(),
    )
    b.m.facts[p] = {"taken": None, "created": BASE_TIME + 1718}

    b.start("c18", "localized formatted")
    p, _ = b.photo(
        Y,
        "c18_fr.jpg",
        expect={"outcome": "matched", "rule": "legacy", "sidecar": "c18_fr.jpg.json"},
    )
    b.sidecar(
        Y,
        "c18_fr.jpg.json",
        "c18_fr.jpg",
        taken_raw={"timestamp": "1695397525", "formatted": "22 sept. 2023, 15:45:25 UTC"},
    )
    b.m.facts[p] = {"taken": 1695397525}

    b.start("c19", "geo 0,0; geoData != geoDataExif")
    p, _ = b.pair(
        Y,
        "c19_nogeo.jpg",
        "c19_nogeo.jpg.json",
        extra={"geoDataExif": {"latitude": 0.0, "longitude": 0.0}},
    )
    b.m.facts[p] = {"location": None}
    p, _ = b.pair(
        Y,
        "c19_moved.jpg",
        "c19_moved.jpg.json",
        extra={
            "geoData": {"latitude": 48.85, "longitude": 2.35, "altitude": 35.0},
            "geoDataExif": {"latitude": 45.76, "longitude": 4.84, "altitude": 170.0},
        },
    )
    b.m.facts[p] = {"location": [48.85, 2.35], "geo_exif": [45.76, 4.84]}
    p, _ = b.pair(
        Y,
        "c19_exif.jpg",
        "c19_exif.jpg.json",
        extra={"geoDataExif": {"latitude": -33.86, "longitude": 151.21}},
    )
    b.m.facts[p] = {"location": [-33.86, 151.21]}

    b.start("c20", "description")
    p, _ = b.pair(
        Y,
        "c20_desc.jpg",
        "c20_desc.jpg.json",
        extra={
            "description": "Grandma's 90th birthday 🎂",
            "people": [{"name": "Ada"}, {"name": "Grace"}],
        },
    )
    b.m.facts[p] = {"description": "Grandma's 90th birthday 🎂", "people": ["Ada", "Grace"]}

    b.start("c21", "legacy IMG.jpg.json; .JPG vs .jpg stems")
    b.pair(Y, "c21_IMG_0170.JPG", "c21_IMG_0170.JPG.json")
    b.pair(Y, "c21_IMG_0170.jpg", "c21_IMG_0170.jpg.json")

    b.start("c22", "title > 46 units")
    title = "05yqt21kruxwwlhhgrwrdyb6chhwszi9bqmzu16w0 2.jpg"
    b.pair(Y, media_name(title), json_name(title), title=title, rule="legacy+clipped")
    assert json_name(title) == "05yqt21kruxwwlhhgrwrdyb6chhwszi9bqmzu16w0 2.jp.json"
    title = "PXL_20230809_203449253.LONG_EXPOSURE-02.ORIGINAL.jpg"
    b.pair(Y, media_name(title), json_name(title), title=title, rule="legacy+clipped")
    assert media_name(title) == "PXL_20230809_203449253.LONG_EXPOSURE-02.ORIGINA.jpg"
    title = "Screenshot_2024-08-31-00-53-48-647_com.snapchat.jpg"
    b.pair(
        Y,
        media_name(title),
        json_name(title, supplemental=True),
        title=title,
        rule="legacy+clipped",
    )
    assert (
        json_name(title, supplemental=True) == "Screenshot_2024-08-31-00-53-48-647_com.snapcha.json"
    )

    b.start("c23", "clip on a dot (…COVER..json)")
    title = "PXL_20230814_201154491.LONG_EXPOSURE-01.COVER.jpg"
    b.pair(Y, media_name(title), json_name(title), title=title, rule="legacy+clipped")
    assert json_name(title) == "PXL_20230814_201154491.LONG_EXPOSURE-01.COVER..json"

    b.start("c24", "clipped media colliding with (n)")
    stem = "Backyard_ceremony_wedding_photography_c24xxxxx_"
    for index, tail in (
        (None, "magnoliastudios-371"),
        (1, "magnoliastudios-181"),
        (494, "markham-19"),
    ):
        title = f"{stem}{tail}.jpg"
        rule = "legacy+index+clipped" if index else "legacy+clipped"
        b.pair(
            "c24 Wedding",
            media_name(title, index),
            json_name(title, index),
            title=title,
            rule=rule,
            albums={"c24 Wedding"},
        )
    b.album("c24 Wedding", "c24 Wedding")

    b.start("c25", "IMG(1).JPG <-> IMG.JPG(1).json, (494)")
    for index in (None, 1, 2, 494):
        rule = "legacy+index" if index else "legacy"
        b.pair(
            Y,
            media_name("c25_IMG_3479.JPG", index),
            json_name("c25_IMG_3479.JPG", index),
            title="c25_IMG_3479.JPG",
            rule=rule,
        )

    b.start("c26", "natural (38) in a name")
    for title in (
        "Urlaub in Knaufspesch in der Schneifel (38).JPG",  # clip cuts the extension
        "c26 Urlaub in Knaufspesch in der Schneifel (38).JPG",  # clip cuts the "(38)"
    ):
        b.pair(Y, media_name(title), json_name(title), title=title, rule="legacy+clipped")
    assert json_name("Urlaub in Knaufspesch in der Schneifel (38).JPG").endswith("(38).JP.json")
    b.pair(Y, "c26_photo(2).jpg", "c26_photo(2).jpg.json", title="c26_photo(2).jpg")

    b.start("c27", "every supplemental-metadata truncation")
    for cut in range(0, 23):  # units of ".supplemental-metadata" kept
        stem_len = 46 - cut - 4
        title = ("c27_" + "t" * 60)[:stem_len] + ".jpg"
        name = json_name(title, supplemental=True)
        rule = "legacy" if cut == 0 else "supplemental"
        b.pair("Photos from 2014", title, name, title=title, rule=rule)

    b.start("c28", "…supple(1).json, index in place")
    title = "c28_Screenshot_20231027_123303_Facebook"[:35] + ".jpg"
    assert json_name(title, 1, supplemental=True).endswith(".supple(1).json")
    b.pair(Y, title, json_name(title, supplemental=True), title=title, rule="supplemental")
    b.pair(
        Y,
        media_name(title, 1),
        json_name(title, 1, supplemental=True),
        title=title,
        rule="supplemental+index",
    )
    b.pair(
        Y,
        "c28_skytree.jpg",
        "c28_skytree.jpg.supplemental-metadata.json",
        title="c28_skytree.jpg",
        rule="supplemental",
    )
    b.pair(
        Y,
        "c28_skytree(2).jpg",
        "c28_skytree(2).jpg.supplemental-metadata.json",
        title="c28_skytree.jpg",
        rule="supplemental",
    )

    b.start("c29", "unclipped sidecar > 51")
    title = "c29_an_unusually_long_file_name_that_google_did_not_clip_at_all.jpg"
    b.pair(Y, title, title + ".supplemental-metadata.json", title=title, rule="supplemental")

    b.start("c30", "JSON without media extension")
    b.pair(
        Y,
        "c30 Peanut Butter Balls.jpg",
        "c30 Peanut Butter Balls.supplemental-metadata.json",
        title="c30 Peanut Butter Balls",
        rule="supplemental+no-ext",
    )
    b.pair(Y, "c30_20030616.jpg", "c30_20030616.json", title="c30_20030616", rule="legacy+no-ext")
    b.pair(
        Y,
        "c30_2013-12-23.jpg",
        "c30_2013-12-23.supplemental-metadata.json",
        title="c30_2013-12-23",
        rule="supplemental+no-ext",
    )
    b.pair(
        Y,
        "c30_2013-12-23(1).jpg",
        "c30_2013-12-23.supplemental-metadata(1).json",
        title="c30_2013-12-23",
        rule="supplemental+index+no-ext",
    )
    title = "c30 27/06/12 - 1"
    b.pair(Y, "c30 27_06_12 - 1.mov", "c30 27_06_12 - 1.mov.json", title=title, rule="legacy")

    b.start("c31", "-edited, -modifié, -edited(1), clipped suffix")
    b.pair(Y, "c31_a.jpg", "c31_a.jpg.json")
    b.photo(
        Y,
        "c31_a-edited.jpg",
        expect={"outcome": "fallback", "rule": "edited", "sidecar": "c31_a.jpg.json"},
    )
    b.pair(Y, "c31_b.jpg", "c31_b.jpg.supplemental-metadata.json", rule="supplemental")
    b.photo(
        Y,
        "c31_b-modifié.jpg",
        expect={
            "outcome": "fallback",
            "rule": "edited",
            "sidecar": "c31_b.jpg.supplemental-metadata.json",
        },
    )
    b.pair(Y, "c31_c(1).jpg", "c31_c.jpg(1).json", title="c31_c.jpg", rule="legacy+index")
    b.photo(
        Y,
        "c31_c-edited(1).jpg",
        expect={"outcome": "fallback", "rule": "edited", "sidecar": "c31_c.jpg(1).json"},
    )
    b.pair(Y, "c31_d.jpg", "c31_d.jpg.json")
    b.photo(
        Y,
        "c31_d-bearbeitet.jpg",
        expect={"outcome": "fallback", "rule": "edited", "sidecar": "c31_d.jpg.json"},
    )
    title = "c31_" + "e" * 40 + ".jpg"  # stem 44 units: "-ha editado" is clipped to "-ha"
    b.pair(Y, title, json_name(title), title=title, rule="legacy+clipped")
    b.photo(
        Y,
        media_name(title[:-4] + "-ha editado.jpg"),
        expect={"outcome": "fallback", "rule": "edited", "sidecar": json_name(title)},
    )

    b.start("c32", "~2 copies have their own JSON")
    b.pair(Y, "c32_IMG-WA0122.jpg", "c32_IMG-WA0122.jpg.json")
    b.pair(
        Y,
        "c32_IMG-WA0122~2.jpg",
        "c32_IMG-WA0122~2.jpg.supplemental-metadat.json",
        rule="supplemental",
    )

    b.start("c33", "emoji / CJK / NFD names")
    emoji = "😀😃😄😁😆😅😂🤣🥲☺️😊😇🙂🙃😉😌😍🥰😘😗😙😚😋😛😝😜🤪🤨🧐🤓😎🥸🤩🥳😏"
    title = emoji + ".jpg"
    b.pair(
        "Photos from 2023", media_name(title), json_name(title), title=title, rule="legacy+clipped"
    )
    assert json_name(title) == "😀😃😄😁😆😅😂🤣🥲☺️😊😇🙂🙃😉😌😍🥰😘😗😙😚😋.json"
    title = (
        "c33_東京タワーからの夜景と富士山の眺めが素晴らしかった日の写真です。"
        "長い名前の写真はこうして切られてしまう.jpg"
    )
    assert u16(title) > 51
    b.pair(
        "Photos from 2023", media_name(title), json_name(title), title=title, rule="legacy+clipped"
    )
    nfd = unicodedata.normalize("NFD", "c33_Café Noël.jpg")
    b.photo(
        "Photos from 2023",
        "c33_Café Noël.jpg",
        stored_name=nfd,
        expect={"outcome": "matched", "rule": "legacy", "sidecar": "c33_Café Noël.jpg.json"},
    )
    b.sidecar("Photos from 2023", "c33_Café Noël.jpg.json", "c33_Café Noël.jpg")

    b.start("c34", "JSON-less IMG_10.jpg beside IMG_1.jpg.json")
    b.photo(Y, "c34_IMG_10.jpg", expect={"outcome": "unmatched", "rule": "no-sidecar"})
    b.sidecar(Y, "c34_IMG_1.jpg.json", "c34_IMG_1.jpg", outcome="orphan")

    b.start("c35", "media without JSON")
    b.photo(Y, "c35_nojson.jpg", expect={"outcome": "unmatched", "rule": "no-sidecar"})

    b.start("c36", "JSON without media")
    b.sidecar(Y, "c36_gone.jpg.json", "c36_gone.jpg", outcome="orphan")

    b.start("c37", "HEIC + MP4 live photo, also (1)")
    b.pair(Y, "c37_IMG_4573.HEIC", "c37_IMG_4573.HEIC.json")
    b.photo(
        Y,
        "c37_IMG_4573.MP4",
        expect={"outcome": "fallback", "rule": "live-video", "sidecar": "c37_IMG_4573.HEIC.json"},
    )
    b.pair(
        Y, "c37_IMG_0769.HEIC", "c37_IMG_0769.HEIC.supplemental-metadata.json", rule="supplemental"
    )
    b.photo(
        Y,
        "c37_IMG_0769.mp4",
        expect={
            "outcome": "fallback",
            "rule": "live-video",
            "sidecar": "c37_IMG_0769.HEIC.supplemental-metadata.json",
        },
    )
    b.pair(
        Y,
        "c37_IMG_0769(1).HEIC",
        "c37_IMG_0769.HEIC.supplemental-metadata(1).json",
        title="c37_IMG_0769.HEIC",
        rule="supplemental+index",
    )
    b.photo(
        Y,
        "c37_IMG_0769(1).mp4",
        expect={
            "outcome": "fallback",
            "rule": "live-video",
            "sidecar": "c37_IMG_0769.HEIC.supplemental-metadata(1).json",
        },
    )
    for still, video in (
        ("c37_IMG_4573.HEIC", "c37_IMG_4573.MP4"),
        ("c37_IMG_0769.HEIC", "c37_IMG_0769.mp4"),
        ("c37_IMG_0769(1).HEIC", "c37_IMG_0769(1).mp4"),
    ):
        b.m.facts[f"{PHOTOS}/{Y}/{still}"] = {"live_video": f"{PHOTOS}/{Y}/{video}"}

    b.start("c38", ".MP.jpg + .MP / MVIMG")
    b.pair(Y, "PXL_20221228_c38.MP.jpg", "PXL_20221228_c38.MP.jpg.json")
    b.photo(
        Y,
        "PXL_20221228_c38.MP",
        expect={
            "outcome": "fallback",
            "rule": "motion",
            "sidecar": "PXL_20221228_c38.MP.jpg.json",
            "disposition": "skip-motion",
        },
    )
    b.pair(Y, "PXL_20210102_c38.MP~2.jpg", "PXL_20210102_c38.MP~2.jpg.json")
    b.photo(
        Y,
        "PXL_20210102_c38.MP~2",
        expect={
            "outcome": "fallback",
            "rule": "motion",
            "sidecar": "PXL_20210102_c38.MP~2.jpg.json",
            "disposition": "skip-motion",
        },
    )
    b.pair(Y, "MVIMG_20180418_c38.jpg", "MVIMG_20180418_c38.jpg.json")
    b.photo(
        Y,
        "MVIMG_20180418_c38",
        expect={
            "outcome": "fallback",
            "rule": "motion",
            "sidecar": "MVIMG_20180418_c38.jpg.json",
            "disposition": "skip-motion",
        },
    )

    b.start("c39", "same stem, different days")
    p1, _ = b.pair(Y, "c39_IMG_0001.HEIC", "c39_IMG_0001.HEIC.json", taken=1_550_000_000)
    b.pair(Y, "c39_IMG_0001.MP4", "c39_IMG_0001.MP4.json", taken=1_610_000_000)
    b.m.facts[p1] = {"live_video": None}
    p2, _ = b.pair(Y, "c39_IMG_0002.HEIC", "c39_IMG_0002.HEIC.json", taken=1_550_000_000)
    b.pair(Y, "c39_IMG_0002.MOV", "c39_IMG_0002.MOV.json", taken=1_550_000_001)
    b.m.facts[p2] = {"live_video": f"{PHOTOS}/{Y}/c39_IMG_0002.MOV"}

    b.start("c40", "ZIP64, STORED+DEFLATED, corrupt JSON")
    b.pair(Y, "c40_stored.jpg", "c40_stored.jpg.json", part_media=1)
    b.pair(Y, "c40_deflated.jpg", "c40_deflated.jpg.json", part_media=2)
    b.pair(Y, "c40_zip64.jpg", "c40_zip64.jpg.json", part_media=4)
    b.photo(Y, "c40_bad.jpg", expect={"outcome": "unmatched", "rule": "sidecar-unreadable"})
    b.file(
        f"{PHOTOS}/{Y}/c40_bad.jpg.json",
        b'{"title": "c40_bad.jpg", "photoTakenTime": {"timesta\xff',
    )
    b.m.jsons[f"{PHOTOS}/{Y}/c40_bad.jpg.json"] = JsonExpect(case="c40", outcome="bad")

    # files of the Photos service that are not sidecars
    b.start("c00", "non-asset files of the Photos service")
    b.file(f"{PHOTOS}/user-generated-memory-titles.json", b'{"memories": []}')
    b.m.jsons[f"{PHOTOS}/user-generated-memory-titles.json"] = JsonExpect(
        case="c00", outcome="other"
    )
    return b.m


# --------------------------------------------------------------------------- writing


def _part_members(manifest: Manifest) -> dict[int, list[tuple[str, bytes]]]:
    parts: dict[int, list[tuple[str, bytes]]] = {n: [] for n in range(1, PARTS + 1)}
    for entry in manifest.entries:
        service_path = entry.path
        if entry.stored_name is not None:
            head, _, _ = service_path.rpartition("/")
            service_path = f"{head}/{entry.stored_name}"
        for part in entry.parts:
            parts[part].append((f"Takeout/{service_path}", entry.data))
    return parts


def _compression(name: str, part: int) -> int:
    if name.endswith(".json"):
        return zipfile.ZIP_DEFLATED
    return zipfile.ZIP_STORED if part % 2 else zipfile.ZIP_DEFLATED


def write_zip(
    path: Path, members: Iterable[tuple[str, bytes]], *, part: int, zip64: bool = False
) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 7, 12, 11, 23, 41))
            info.compress_type = _compression(name, part)
            with zf.open(info, "w", force_zip64=zip64) as f:
                f.write(data)


def write_tgz(path: Path, members: Iterable[tuple[str, bytes]]) -> None:
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as tf:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1_720_783_421
            tf.addfile(info, io.BytesIO(data))


def write_takeout(root: Path, manifest: Manifest, layout: Layout = "zip") -> list[Path]:
    """Write *manifest* under *root*; returns the inputs to give the importer."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "expected.json").write_text(manifest.to_json(), encoding="utf-8")
    parts = _part_members(manifest)
    if layout == "dir":
        folder = root / "extracted"
        for members in parts.values():
            for name, data in members:
                target = folder.joinpath(*name.split("/"))
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                os.utime(target, (1_720_783_421, 1_720_783_421))
        return [folder]
    paths = []
    for number, members in parts.items():
        if layout == "zip":
            path = root / f"{EXPORT}-{number:03d}.zip"
            write_zip(path, members, part=number, zip64=number == PARTS)
        else:
            path = root / f"{EXPORT}-{number:03d}.tgz"
            write_tgz(path, members)
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- bulk


def write_bulk_takeout(
    root: Path, *, members: int, parts: int = PARTS, seed: int = 0, layout: Layout = "zip"
) -> list[Path]:
    """A plain Takeout of about *members* members (half media, half sidecars) for
    benchmarks and scale tests: 20 year folders, an album per 250 photos holding a copy
    of every 10th photo (with its sidecar), files scattered over *parts* parts (a photo's
    sidecar often in another part). Media are small unique byte strings."""
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    photos = max(1, members // 2 * 10 // 11)  # album copies bring the total to ~members
    albums = max(1, photos // 250)
    paths = [
        root / f"{EXPORT}-{n:03d}.{'zip' if layout == 'zip' else 'tgz'}"
        for n in range(1, parts + 1)
    ]
    if layout == "zip":
        writers: list[Any] = [zipfile.ZipFile(p, "w") for p in paths]  # closed below
    else:
        writers = [tarfile.open(p, "w:gz", format=tarfile.PAX_FORMAT) for p in paths]  # noqa: SIM115

    def put(name: str, data: bytes) -> None:
        w = writers[rng.randrange(parts)]
        if layout == "zip":
            method = zipfile.ZIP_DEFLATED if name.endswith(".json") else zipfile.ZIP_STORED
            w.writestr(zipfile.ZipInfo(name, (2024, 7, 12, 11, 23, 41)), data, method)
        else:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            w.addfile(info, io.BytesIO(data))

    try:
        for album in range(albums):
            put(f"Takeout/{PHOTOS}/Album {album:04d}/metadata.json", album_json(f"Album {album}"))
        for i in range(photos):
            year = 2004 + i % 20
            name = f"IMG_{i:06d}.jpg"
            data = b"\xff\xd8\xff\xe0" + i.to_bytes(8, "little") + b"\0" * rng.randrange(64, 512)
            side = sidecar_json(name, BASE_TIME + i * 37)
            put(f"Takeout/{PHOTOS}/Photos from {year}/{name}", data)
            put(f"Takeout/{PHOTOS}/Photos from {year}/{name}.json", side)
            if i % 10 == 0:
                folder = f"Album {i // 10 % albums:04d}"
                put(f"Takeout/{PHOTOS}/{folder}/{name}", data)
                put(f"Takeout/{PHOTOS}/{folder}/{name}.json", side)
    finally:
        for w in writers:
            w.close()
    return paths
