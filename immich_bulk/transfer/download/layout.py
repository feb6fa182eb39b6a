"""Safe local file names from untrusted server data, and export layout templates.

Everything a server says about a name -- ``Content-Disposition``, ``originalFileName``, an
album name, even an asset id -- is untrusted. :func:`safe_name` turns any such string into
one path component that

* contains no path separator (``/``, ``\\``), no NUL, no control character (C0, C1, DEL),
  no bidirectional override (U+202A-U+202E, U+2066-U+2069), nothing Windows forbids
  (``< > : " | ? *``) -- each of those becomes ``_``;
* is not ``.``/``..``, does not start with a dot (no hidden files) and does not end with a
  dot or a space (Windows drops those);
* is not a Windows device name (``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM0-9``, ``LPT0-9``,
  ``CONIN$``, ``CONOUT$``, with or without an extension): those get a leading ``_``;
* is NFC-normalised and at most :data:`MAX_NAME_BYTES` bytes of UTF-8, cut at a character
  boundary, keeping the extension. File names leave room for the ``.part``/``.part.meta``
  suffixes of a download in progress (:data:`MAX_FILE_NAME_BYTES`).

An empty result is replaced by a fallback (an asset id based name). A :class:`Layout` renders
export templates such as ``"{album}/{yyyy}/{filename}"``: each placeholder value goes through
the same rules, so no value can add a directory level or climb out of the export root.
:func:`collision_names` gives the stable alternatives used when two assets want the same
name: ``name (1a2b3c4d).ext`` (the first 8 characters of the asset id), then the full id.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import string
import unicodedata
from collections.abc import Iterable, Mapping
from email.message import Message
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

if TYPE_CHECKING:
    from ...models import AssetResponseDto
    from ..server.listing import ListedAsset

__all__ = [
    "DEFAULT_LAYOUT",
    "LAYOUT_FIELDS",
    "MAX_FILE_NAME_BYTES",
    "MAX_NAME_BYTES",
    "PART_SUFFIX",
    "Layout",
    "UnsafePathError",
    "asset_fields",
    "collision_names",
    "filename_from_content_disposition",
    "is_inside",
    "safe_id",
    "safe_name",
    "split_ext",
]

#: Longest path component most file systems accept (ext4, APFS, NTFS: 255).
MAX_NAME_BYTES = 255
#: Suffix of a download in progress; its resume metadata is ``<part>.meta``.
PART_SUFFIX = ".part"
#: Longest final file name: leaves room for ``.part.meta``.
MAX_FILE_NAME_BYTES = MAX_NAME_BYTES - len(PART_SUFFIX + ".meta")
#: The default export layout.
DEFAULT_LAYOUT = "{yyyy}/{mm}/{filename}"
#: Extensions longer than this (in characters) are treated as part of the stem.
_MAX_EXT_CHARS = 16

#: Separators, Windows-forbidden characters, C0/C1 controls and DEL (category Cc),
#: surrogates (Cs) and bidirectional overrides.
_UNSAFE_CHARS = re.compile(
    '[/\\\\<>:"|?*\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]'
)
_RESERVED = (
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{c}" for c in "0123456789¹²³"}
    | {f"LPT{c}" for c in "0123456789¹²³"}
)
_UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)


class UnsafePathError(ValueError):
    """A path would end up outside the destination (a hostile name or a planted symlink)."""


# ---------------------------------------------------------------------- names


def _clean_chars(text: str) -> str:
    return _UNSAFE_CHARS.sub("_", text)


def truncate_utf8(text: str, max_bytes: int) -> str:
    """*text* cut to at most *max_bytes* bytes of UTF-8, at a character boundary."""
    raw = text.encode("utf-8")
    if len(raw) <= max_bytes:
        return text
    return raw[:max_bytes].decode("utf-8", "ignore")


def split_ext(name: str) -> tuple[str, str]:
    """``("IMG_0001", ".JPG")``; the extension includes its dot and is ``""`` when there is
    none (or when it is implausibly long, contains spaces, or would leave no stem)."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or not ext or len(ext) > _MAX_EXT_CHARS or " " in ext:
        return name, ""
    return stem, "." + ext


def _fit(stem: str, ext: str, max_bytes: int) -> str:
    if len(ext.encode("utf-8")) > max_bytes // 2:
        stem, ext = stem + ext, ""
    room = max_bytes - len(ext.encode("utf-8"))
    cut = truncate_utf8(stem, room)
    if cut != stem:
        cut = cut.rstrip(" .") or "_"
    return cut + ext


def _is_reserved(name: str) -> bool:
    base = name.split(".", 1)[0].rstrip(" ").upper()
    return base in _RESERVED


def _sanitize(name: str, max_bytes: int) -> str:
    text = unicodedata.normalize("NFC", name)
    text = _clean_chars(text).strip(" ").rstrip(". ")
    if not text:
        return ""
    if text.startswith("."):
        text = "_" + text[1:]
    if _is_reserved(text):
        text = "_" + text
    stem, ext = split_ext(text)
    return _fit(stem, ext, max_bytes)


def safe_name(name: str | None, *, fallback: str, max_bytes: int = MAX_FILE_NAME_BYTES) -> str:
    """One safe path component from an untrusted *name* (see the module documentation);
    *fallback* (sanitised too) when nothing usable is left."""
    if name:
        cleaned = _sanitize(name, max_bytes)
        if cleaned:
            return cleaned
    cleaned = _sanitize(fallback, max_bytes)
    return cleaned or "_"


def safe_id(value: str) -> str:
    """An asset/album/user id for use in a name: a UUID as is (lower case), anything else
    (a hostile server) sanitised and shortened."""
    if _UUID_RE.match(value):
        return value.lower()
    return safe_name(value, fallback="unknown", max_bytes=64)


def collision_names(name: str, asset_id: str, *, max_bytes: int = MAX_FILE_NAME_BYTES) -> list[str]:
    """The names an asset may take, in order: *name*, ``stem (id8).ext``, ``stem (id).ext``.

    Deterministic: a re-run computes the same list, so it finds the file it placed before.
    """
    ident = safe_id(asset_id)
    stem, ext = split_ext(name)
    out = [name if len(name.encode("utf-8")) <= max_bytes else _fit(stem, ext, max_bytes)]
    for tag in (ident.split("-", 1)[0][:8], ident):
        candidate = _fit(f"{stem} ({tag})", ext, max_bytes)
        if not candidate.endswith(f"({tag}){ext}"):
            # the stem was so long that the tag got cut: shorten the stem, keep the tag
            suffix = f" ({tag}){ext}"
            candidate = truncate_utf8(stem, max_bytes - len(suffix.encode())).rstrip(" .") + suffix
        if candidate not in out:
            out.append(candidate)
    return out


def filename_from_content_disposition(header: str | None) -> str | None:
    """The file name a ``Content-Disposition`` header proposes (``filename*`` preferred,
    RFC 5987/8187 decoded), *unsanitised*; None when there is none."""
    if not header:
        return None
    star = re.search(r"filename\*\s*=\s*([^;]+)", header, re.IGNORECASE)
    if star:
        value = star.group(1).strip().strip('"')
        charset, sep, rest = value.partition("'")
        if sep:
            _lang, sep2, encoded = rest.partition("'")
            if sep2:
                try:
                    return unquote(encoded, encoding=charset or "utf-8", errors="replace")
                except LookupError:
                    return unquote(encoded, encoding="utf-8", errors="replace")
    message = Message()
    message["content-disposition"] = header
    params = message.get_params(header="content-disposition", failobj=[])
    for key, val in params:
        if key.lower() == "filename" and isinstance(val, str):
            return val
    return None


# ---------------------------------------------------------------------- paths


def is_inside(root: Path, candidate: Path) -> bool:
    """True when *candidate*, with every symlink resolved, is *root* or below it
    (*root* must already be resolved)."""
    try:
        resolved = Path(os.path.realpath(candidate))
    except (OSError, ValueError):
        return False
    return resolved == root or root in resolved.parents


# ---------------------------------------------------------------------- layouts

#: Placeholders of :class:`Layout` and what they hold.
LAYOUT_FIELDS: Mapping[str, str] = {
    "filename": "the original file name (safe), e.g. IMG_0001.JPG",
    "stem": "the original file name without its extension, e.g. IMG_0001",
    "ext": "the extension without its dot, e.g. JPG ('' when there is none)",
    "yyyy": "year the photo was taken (local time), e.g. 2024",
    "mm": "month, 01-12",
    "dd": "day of the month, 01-31",
    "date": "yyyy-mm-dd",
    "album": "the album being exported ('' for assets in no album: the level is dropped)",
    "id": "the asset id",
    "type": "image, video, audio or other",
}


class Layout:
    """An export layout: a relative path template with ``{placeholders}``.

    ``/`` separates directory levels; placeholders are the keys of :data:`LAYOUT_FIELDS`.
    A level that renders empty is dropped (``{album}/{filename}`` for an asset in no album
    gives just the file name). The last level is the file name. Templates are checked when
    created: absolute paths, ``..``, unknown placeholders and format specs are refused.
    """

    def __init__(self, template: str) -> None:
        if not isinstance(template, str) or not template.strip():
            raise ValueError("layout must be a non-empty template, e.g. '{yyyy}/{filename}'")
        text = template.replace("\\", "/")
        if text.startswith("/") or re.match(r"^[A-Za-z]:", text):
            raise ValueError(f"layout must be a relative path: {template!r}")
        levels = [level for level in text.split("/") if level]
        if not levels:
            raise ValueError(f"layout has no file name level: {template!r}")
        parsed: list[list[tuple[str, str | None]]] = []
        formatter = string.Formatter()
        used: set[str] = set()
        for level in levels:
            if level in (".", ".."):
                raise ValueError(f"layout must not contain '.' or '..' levels: {template!r}")
            parts: list[tuple[str, str | None]] = []
            try:
                pieces = list(formatter.parse(level))
            except ValueError as exc:
                raise ValueError(f"layout {template!r}: {exc}") from None
            for literal, field, spec, conversion in pieces:
                if field is not None:
                    if field not in LAYOUT_FIELDS:
                        known = ", ".join("{" + k + "}" for k in LAYOUT_FIELDS)
                        raise ValueError(
                            f"layout {template!r}: unknown placeholder {{{field}}} (known: {known})"
                        )
                    if spec or conversion:
                        raise ValueError(f"layout {template!r}: format specs are not supported")
                    used.add(field)
                parts.append((literal, field))
            parsed.append(parts)
        self.template = template
        self._levels = parsed
        self.fields = frozenset(used)

    def __repr__(self) -> str:
        return f"Layout({self.template!r})"

    def render(self, values: Mapping[str, str], *, fallback_name: str) -> tuple[str, ...]:
        """The relative path (its components) for one asset. Every component is safe; the
        file name is at most :data:`MAX_FILE_NAME_BYTES` bytes (*fallback_name* if empty)."""
        out: list[str] = []
        last = len(self._levels) - 1
        for index, parts in enumerate(self._levels):
            text = "".join(
                literal + (_clean_value(values.get(field, "")) if field else "")
                for literal, field in parts
            )
            if index == last:
                out.append(safe_name(text, fallback=fallback_name))
            else:
                name = _sanitize(text, MAX_NAME_BYTES)
                if name:
                    out.append(name)
        return tuple(out)


def _clean_value(value: str) -> str:
    # a value is part of one level: separators must not add levels
    return _clean_chars(unicodedata.normalize("NFC", value))


def _local_date(asset: AssetResponseDto | ListedAsset) -> dt.datetime | None:
    for value in (asset.local_date_time, asset.file_created_at):
        if isinstance(value, dt.datetime):
            return value
    return None


def asset_fields(asset: AssetResponseDto | ListedAsset, album: str | None = None) -> dict[str, str]:
    """The :data:`LAYOUT_FIELDS` values of one asset."""
    ident = safe_id(str(asset.id))
    filename = safe_name(asset.original_file_name, fallback=ident)
    stem, ext = split_ext(filename)
    when = _local_date(asset)
    kind = str(asset.type).lower() if asset.type is not None else "other"
    fields = {
        "filename": filename,
        "stem": stem,
        "ext": ext[1:],
        "album": album or "",
        "id": ident,
        "type": kind,
        "yyyy": "",
        "mm": "",
        "dd": "",
        "date": "",
    }
    if when is not None:
        fields.update(
            yyyy=f"{when.year:04d}",
            mm=f"{when.month:02d}",
            dd=f"{when.day:02d}",
            date=f"{when.year:04d}-{when.month:02d}-{when.day:02d}",
        )
    return fields


def name_key(parts: Iterable[str]) -> str:
    """A key under which two relative paths collide on a case-insensitive file system."""
    return "/".join(unicodedata.normalize("NFC", p).casefold() for p in parts)
