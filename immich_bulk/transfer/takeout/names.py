"""File names in a Takeout, and the sidecar names Google derives from them.

Google builds names with limits counted in **UTF-16 code units** (an emoji counts two),
not in code points as Python's ``len`` does:

* a sidecar is ``<title>.json`` or ``<title>.supplemental-metadata.json`` with the part
  before ``.json`` clipped to :data:`JSON_CLIP` (46) units, so the suffix may be cut to any
  prefix (``.supple``, ``.s``, ``.``) or vanish with the end of the title;
* a media file's stem is clipped to :data:`MEDIA_STEM_CLIP` (47) units (a character that
  starts inside the limit is kept whole), so long names collide;
* names that collide in one folder get a duplicate index: ``IMG(1).jpg``, whose sidecar
  carries the index *after* the clipped part: ``IMG.jpg(1).json``,
  ``IMG.jpg.supplemental-metadata(1).json``.

This module only parses and derives names; :mod:`.matcher` decides. Every name is compared
in Unicode NFC (macOS writes NFD) and case-sensitively.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import attrs

__all__ = [
    "EDITED_SUFFIXES",
    "JSON_CLIP",
    "MEDIA_STEM_CLIP",
    "SUPPLEMENTAL",
    "Candidate",
    "JsonKey",
    "clip16",
    "edited_original",
    "json_keys",
    "media_candidates",
    "motion_still_names",
    "nfc",
    "sanitize_title",
    "split_ext",
    "split_index",
    "title_fits",
    "utf16_len",
]

#: Units of a sidecar name before ``.json`` (and before a moved duplicate index).
JSON_CLIP = 46
#: Units of a media file's stem in the archive.
MEDIA_STEM_CLIP = 47
#: The new-style sidecar suffix (from about October 2024), clipped like the title.
SUPPLEMENTAL = ".supplemental-metadata"

#: Localized suffixes of an edited copy (``IMG-edited.jpg``), which has no sidecar of its
#: own and shares the original's.
EDITED_SUFFIXES: tuple[str, ...] = (
    "-edited",  # en
    "-modifié",  # fr
    "-bearbeitet",  # de
    "-modificato",  # it
    "-modificata",  # it (seen as "-EFFECTS-modificata")
    "-bewerkt",  # nl
    "-edytowane",  # pl
    "-編集済み",  # ja
    "-ha editado",  # es
    "-editado",  # es, pt
    "-editat",  # ca
)

_INDEX = re.compile(r"\(([0-9]{1,6})\)$")
#: A clipped edited suffix must keep at least this many units to be recognised.
_MIN_EDITED_PARTIAL = 3


def nfc(text: str) -> str:
    """*text* in Unicode normal form C."""
    return unicodedata.normalize("NFC", text)


def utf16_len(text: str) -> int:
    """Length of *text* in UTF-16 code units."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _clips(text: str, limit: int) -> tuple[str, str]:
    """*text* clipped to *limit* units: (characters ending within the limit, characters
    starting within it). They differ only when a two-unit character straddles the limit."""
    units = 0
    for i, ch in enumerate(text):
        width = 2 if ord(ch) > 0xFFFF else 1
        if units + width > limit:
            if units < limit:
                return text[:i], text[: i + 1]
            return text[:i], text[:i]
        units += width
    return text, text


def clip16(text: str, limit: int, *, whole: bool = False) -> str:
    """*text* clipped to at most *limit* UTF-16 units; with ``whole``, a two-unit character
    that starts inside the limit is kept (Google's media names do that)."""
    inner, outer = _clips(text, limit)
    return outer if whole else inner


def split_ext(name: str) -> tuple[str, str]:
    """``("IMG_1", ".JPG")`` for ``IMG_1.JPG``; no extension for ``.hidden`` or ``MVIMG_1``."""
    dot = name.rfind(".")
    if dot <= 0 or dot == len(name) - 1:
        return name, ""
    return name[:dot], name[dot:]


def split_index(stem: str) -> tuple[str, int] | None:
    """``("IMG", 1)`` for the stem ``IMG(1)``; None without a trailing ``(n)``."""
    m = _INDEX.search(stem)
    if m is None or m.start() == 0:
        return None
    return stem[: m.start()], int(m.group(1))


def sanitize_title(title: str) -> str:
    """A sidecar ``title`` as Google writes it into a file name (NFC, ``/`` -> ``_``)."""
    return nfc(title).replace("/", "_")


# --------------------------------------------------------------------------- sidecar names


@attrs.frozen
class JsonKey:
    """One reading of a sidecar's name: the (possibly clipped) title it was derived from,
    the duplicate index after it, and whether it had the supplemental suffix."""

    key: str
    index: int | None
    supplemental: bool


def _strip_supplemental(body: str) -> str | None:
    """*body* without a trailing (possibly clipped) ``.supplemental-metadata``, or None.

    The suffix has one dot, its first character, so only the part after the last dot
    can be a clipped suffix."""
    dot = body.rfind(".")
    if dot > 0 and SUPPLEMENTAL.startswith(body[dot:]):
        return body[:dot]
    return None


def json_keys(name: str) -> list[JsonKey]:
    """Every reading of the sidecar file name *name* (NFC, ending in ``.json``).

    A name can be read several ways (``x(1).json``: a title ``x(1)``, or ``x`` with index
    1; ``a.jpg.s.json``: the title ``a.jpg.s`` clipped, or ``a.jpg`` with a clipped
    suffix); the matcher looks media names up in all of them and lets the title decide.
    """
    if not name.lower().endswith(".json"):
        return []
    body = name[:-5]
    bodies: list[tuple[str, int | None]] = [(body, None)]
    parsed = split_index(body)
    if parsed is not None:
        bodies.append(parsed)
    keys: list[JsonKey] = []
    for text, index in bodies:
        if text:
            keys.append(JsonKey(text, index, False))
        stripped = _strip_supplemental(text)
        if stripped:
            keys.append(JsonKey(stripped, index, True))
    return keys


# --------------------------------------------------------------------------- media names


@attrs.frozen
class Candidate:
    """A sidecar key to look up for a media file, best first (lowest ``rank``)."""

    key: str
    index: int | None
    rank: int
    clipped: bool
    no_ext: bool

    @property
    def tags(self) -> tuple[str, ...]:
        tags = []
        if self.index is not None:
            tags.append("index")
        if self.clipped:
            tags.append("clipped")
        if self.no_ext:
            tags.append("no-ext")
        return tuple(tags)


def _clipped_keys(text: str) -> list[str]:
    if utf16_len(text) <= JSON_CLIP:
        return []
    inner, outer = _clips(text, JSON_CLIP)
    return [inner] if inner == outer else [inner, outer]


def media_candidates(name: str) -> list[Candidate]:
    """The sidecar keys Google may have used for the media file *name* (NFC), best first.

    Only whole-key equality ever matches: ``IMG_1.jpg.json`` is never a candidate of
    ``IMG_10.jpg``. A clipped key that cut the whole duplicate index off an indexed name
    (``X…(1).jpg`` -> ``X…``) is not offered: it is the original's key, and would steal its
    sidecar; a clip through a natural ``(38)`` (``…(38``) is offered.
    """
    stem, ext = split_ext(name)
    parsed = split_index(stem)
    out: list[Candidate] = []
    seen: set[tuple[str, int | None]] = set()

    def add(key: str, index: int | None, rank: int, clipped: bool, no_ext: bool) -> None:
        if key and (key, index) not in seen:
            seen.add((key, index))
            out.append(Candidate(key, index, rank, clipped, no_ext))

    stems: list[tuple[str, bool]] = [(name, False)]
    if ext:
        stems.append((stem, True))  # a title without its extension
    for rank_base, (full, no_ext) in enumerate(stems):
        r = rank_base * 4
        add(full, None, r, False, no_ext)
        if parsed is not None:
            base_stem, index = parsed
            base = base_stem + ("" if no_ext else ext)
            add(base, index, r + 1, False, no_ext)
        base_keys: list[str] = []
        if parsed is not None:
            base_stem, index = parsed
            base_keys = _clipped_keys(base_stem + ("" if no_ext else ext))
        for key in _clipped_keys(full):
            if key not in base_keys:  # a clip that cut the whole index off is the original's
                add(key, None, r + 2, True, no_ext)
        if parsed is not None:
            for key in base_keys:
                add(key, parsed[1], r + 3, True, no_ext)
    out.sort(key=lambda c: c.rank)
    return out


def _is_clipped_form(archive: str, title: str) -> bool:
    """True if *archive* is *title* with its stem clipped (``…ORIGINA.jpg``)."""
    a_stem, a_ext = split_ext(archive)
    t_stem, t_ext = split_ext(title)
    return (
        a_ext == t_ext
        and utf16_len(a_stem) >= MEDIA_STEM_CLIP
        and len(t_stem) > len(a_stem)
        and t_stem.startswith(a_stem)
    )


def title_fits(title: str, name: str) -> bool:
    """Whether a sidecar whose ``title`` is *title* can describe the media file *name*.

    The title is the name as uploaded: the archive name is that title, or the title with
    its stem clipped, or (for a duplicate ``IMG(1).jpg``) the title ``IMG.jpg`` with an
    index added; a title may lack the extension the archive name has.
    """
    t = sanitize_title(title)
    if not t:
        return False
    stem, ext = split_ext(name)
    targets = [name]
    parsed = split_index(stem)
    if parsed is not None:
        targets.append(parsed[0] + ext)
    for target in targets:
        if t == target or _is_clipped_form(target, t):
            return True
        # a title without the extension the archive name has
        a_stem, a_ext = split_ext(target)
        if a_ext and (
            t == a_stem or (utf16_len(a_stem) >= MEDIA_STEM_CLIP and t.startswith(a_stem))
        ):
            return True
    return False


# --------------------------------------------------------------------------- edited copies


def _edited_parts(stem: str) -> Iterator[tuple[str, bool]]:
    """``(original stem, clipped)`` for each reading of *stem* as an edited copy's stem."""
    for suffix in EDITED_SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            yield stem[: -len(suffix)], False
    if utf16_len(stem) >= MEDIA_STEM_CLIP:
        # the suffix itself clipped away at the end of a long name ("…-ha edit")
        for suffix in EDITED_SUFFIXES:
            for n in range(len(suffix) - 1, 0, -1):
                part = suffix[:n]
                if utf16_len(part) < _MIN_EDITED_PARTIAL:
                    break
                if stem.endswith(part) and len(stem) > n:
                    yield stem[:-n], True
                    break


def edited_original(name: str) -> list[tuple[str, bool]]:
    """For an edited copy's name, the original's name (or, when the suffix was clipped,
    the original's stem prefix) and whether it was clipped; ``[]`` if not an edited name.

    ``IMG-edited.jpg`` -> ``[("IMG.jpg", False)]``; ``IMG-edited(1).jpg`` ->
    ``[("IMG(1).jpg", False)]`` (the edit of the duplicate); ``<47 units>-ha edit.jpg``
    -> ``[("<prefix>", True)]``.
    """
    stem, ext = split_ext(name)
    index = ""
    parsed = split_index(stem)
    if parsed is not None:
        stem, number = parsed
        index = f"({number})"
    out: list[tuple[str, bool]] = []
    for original, clipped in _edited_parts(stem):
        out.append((original if clipped else original + index + ext, clipped))
    return out


# --------------------------------------------------------------------------- motion photos

_MOTION_MP = re.compile(r"\.MP(~[0-9]+)?$", re.IGNORECASE)


def motion_still_names(name: str) -> list[str] | None:
    """For the video part of a Pixel motion photo (``PXL_x.MP``, ``PXL_x.MP~2``) or an
    old ``MVIMG_x`` (no extension), the names its still may have; None otherwise."""
    if _MOTION_MP.search(name):
        return [name + ".jpg", name + ".JPG", name + ".jpeg"]
    if name.upper().startswith("MVIMG_") and not split_ext(name)[1]:
        return [name + ".jpg", name + ".JPG", name + ".jpeg"]
    return None
