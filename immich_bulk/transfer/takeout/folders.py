"""Where a member sits in a Takeout, and what its folder means.

A Takeout member's path is ``Takeout/<service>/<folder>/<file>``. The Google Photos
service folder is localized (``Google Photos``, ``Google Foto``, ``Google Фото``, ...),
other services (``Contacts``, ``Drive``, ...) may sit beside it, and a few files sit at
the top (``archive_browser.html``). Inside the Photos service:

* **year folders** ``Photos from 2020`` (English even in most localized exports; a few
  localized forms exist);
* **special folders** (localized): Trash, Archive, Locked Folder, and ``Failed Videos``;
* every other folder is an **album folder** candidate: it becomes an album when it holds
  an album metadata JSON (``metadata.json``, ``métadonnées.json``, ...).

The lists below are the names seen in real exports (from other importers' fixtures and
issue reports); names are compared case-insensitively and, for the special folders,
also without accents, spaces, ``_`` and ``-``.
"""

from __future__ import annotations

import enum
import re
import unicodedata

import attrs

from .names import nfc

__all__ = [
    "DirKind",
    "Location",
    "album_metadata_name",
    "dir_kind",
    "is_non_asset_json",
    "is_photos_service",
    "is_untitled",
    "locate",
    "year_of",
]


class DirKind(str, enum.Enum):
    """What a folder of the Photos service holds."""

    YEAR = "year"
    """``Photos from YYYY``: every photo taken that year."""
    ALBUM = "album"
    """Any other folder: an album when it holds an album metadata JSON."""
    TRASH = "trash"
    ARCHIVE = "archive"
    LOCKED = "locked"
    FAILED = "failed"
    """``Failed Videos``: videos Google could not process."""
    ROOT = "root"
    """Files directly in the service folder (``print-subscriptions.json``, ...)."""


_PHOTOS_SERVICES = frozenset(
    name.casefold()
    for name in (
        "Google Photos",
        "Google Photo",
        "Google Foto",
        "Google Fotos",
        "Fotky Google",
        "Google Фото",
        "Google Снимки",
        "Google 相册",
        "Google 相簿",
        "Google 相片",
        "Google フォト",
        "Google 포토",
    )
)

_YEAR_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^photos? from ([0-9]{4})$",  # en (also in Italian and other exports)
        r"^fotos? (?:de|del|do|da) ([0-9]{4})$",  # es, pt
        r"^photos? (?:de|du|des) ([0-9]{4})$",  # fr
        r"^fotos? (?:von|aus) ([0-9]{4})$",  # de
        r"^foto (?:da|del|della|dello|dei|degli|di) ([0-9]{4})$",  # it
        r"^foto(?:'|_)?s (?:uit|van) ([0-9]{4})$",  # nl
        r"^фото(?:графии)? (?:за|из) ([0-9]{4})$",  # ru
        r"^(?:来自|來自)?\s*([0-9]{4})\s*年(?:的)?(?:照片|相片)$",  # zh
        r"^([0-9]{4})\s*年(?:の)?写真$",  # ja
        r"^([0-9]{4})\s*년(?:의)?\s*사진$",  # ko
    )
)


def _token(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[\s_-]+", "", text)


_SPECIAL: dict[str, DirKind] = {
    _token(alias): kind
    for kind, aliases in {
        DirKind.TRASH: (
            "Trash", "Bin", "Recycle Bin", "Papelera", "Papelera de reciclaje", "Lixeira",
            "Lixo", "Corbeille", "Papierkorb", "Cestino", "Prullenbak", "Kosz", "Корзина",
            "垃圾桶", "回收站", "ゴミ箱", "휴지통",
        ),
        DirKind.ARCHIVE: (
            "Archive", "Archivo", "Arquivo", "Archives", "Archiv", "Archivio", "Archief",
            "Archiwum", "Архив", "归档", "已归档", "アーカイブ", "보관처리됨",
        ),
        DirKind.LOCKED: (
            "Locked Folder", "Carpeta privada", "Carpeta bloqueada", "Pasta trancada",
            "Dossier verrouillé", "Gesperrter Ordner", "Cartella bloccata", "Vergrendelde map",
            "Folder zablokowany", "Заблокированная папка", "锁定文件夹", "私密文件夹",
            "ロックされたフォルダ", "잠긴 폴더",
        ),
        DirKind.FAILED: ("Failed Videos",),
    }.items()
    for alias in aliases
}  # fmt: skip

_ALBUM_METADATA = frozenset(
    nfc(name).casefold()
    for name in (
        "metadata.json",
        "métadonnées.json",
        "metadati.json",
        "Metadaten.json",
        "metadatos.json",
        "metadades.json",
        "metadáta.json",
        "метаданные.json",
        "метаданни.json",
    )
)
_ALBUM_METADATA_INDEXED = re.compile(r"^(.*)\([0-9]+\)\.json$", re.IGNORECASE)

#: JSON files of the Photos service that describe neither a photo nor an album.
_NON_ASSET_JSON = frozenset(
    (
        "shared_album_comments.json",
        "user-generated-memory-titles.json",
        "print-subscriptions.json",
    )
)

_UNTITLED = re.compile(
    r"^(?:untitled|no title|sans titre|senza titolo|sin t[ií]tulo|sem t[ií]tulo|ohne titel"
    r"|zonder titel|bez tytułu|без названия)(?:\s*\([0-9]+\))?$",
    re.IGNORECASE,
)


@attrs.frozen
class Location:
    """A member's place: ``Takeout/<service>/<folder>/<name>``.

    ``service`` is ``""`` for files at the top of the archive; ``folder`` is ``""`` for
    files directly in the service folder and joins deeper folders with ``/``.
    """

    service: str
    folder: str
    name: str


def locate(path: str) -> Location:
    """The :class:`Location` of the member *path* (``/``-separated, NFC)."""
    parts = [p for p in path.split("/") if p and p != "."]
    if parts and parts[0] == "Takeout":
        parts = parts[1:]
    if not parts:
        return Location("", "", "")
    if len(parts) == 1:
        return Location("", "", parts[0])
    return Location(parts[0], "/".join(parts[1:-1]), parts[-1])


def is_photos_service(service: str) -> bool:
    """Whether *service* is a (localized) name of the Google Photos folder."""
    return nfc(service).casefold() in _PHOTOS_SERVICES


def year_of(folder: str) -> int | None:
    """The year of a year folder (``Photos from 2020`` -> 2020), else None."""
    for pattern in _YEAR_PATTERNS:
        m = pattern.match(folder.strip())
        if m:
            return int(m.group(1))
    return None


def dir_kind(folder: str) -> DirKind:
    """What the folder *folder* of the Photos service is (by its name)."""
    if not folder:
        return DirKind.ROOT
    if year_of(folder) is not None:
        return DirKind.YEAR
    return _SPECIAL.get(_token(folder), DirKind.ALBUM)


def album_metadata_name(name: str) -> bool:
    """Whether *name* is a (localized) album metadata file name (``metadata(1).json`` too)."""
    folded = nfc(name).casefold()
    if folded in _ALBUM_METADATA:
        return True
    m = _ALBUM_METADATA_INDEXED.match(folded)
    return m is not None and m.group(1) + ".json" in _ALBUM_METADATA


def is_non_asset_json(name: str) -> bool:
    """Whether *name* is a JSON the Photos service writes that is not a sidecar."""
    return name.casefold() in _NON_ASSET_JSON


def is_untitled(title: str) -> bool:
    """Whether an album title (or folder name) is one of Google's "Untitled" names."""
    return not title.strip() or _UNTITLED.match(title.strip()) is not None
