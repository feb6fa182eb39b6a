"""Matching the media files of one Takeout folder to their JSON sidecars.

:func:`match_folder` takes the names in one folder (gathered from every part) and gives
each media file exactly one :class:`Match`:

``matched`` -- its own sidecar, found from its name by Google's rules (:mod:`.names`) and
confirmed by the sidecar's ``title``. The rule says how: ``legacy`` (``IMG.jpg.json``) or
``supplemental`` (``IMG.jpg.supplemental-metadata.json``, suffix possibly clipped), plus
``+index`` (``IMG(1).jpg`` <- ``IMG.jpg(1).json``), ``+clipped`` (46-unit clip),
``+no-ext`` (the title had no extension).

``fallback`` -- a sidecar found by a named, documented fallback:

* ``name-only``: the sidecar's name is exactly derived from the media name, but its title
  is empty or different (titles can differ from archive names);
* ``edited``: an edited copy (``IMG-edited.jpg``, ``-modifié``, ``-bearbeitet``, ...,
  also ``-edited(1)`` and a suffix clipped away by the length limit) shares its
  original's sidecar;
* ``live-video``: the video of a live photo (``IMG.HEIC`` + ``IMG.MP4``, same stem with
  any ``(n)``) shares its still's sidecar;
* ``motion``: the video part of a Pixel motion photo (``X.MP``, ``X.MP~2``, ``MVIMG_x``)
  shares ``X.MP.jpg``'s sidecar;
* ``title``: exactly one unclaimed sidecar in the folder has a title that fits;
* ``case``: as ``matched``, but only when comparing names case-insensitively (no real
  export is known to need it; a case-exact sidecar always wins);
* ``copy`` (decided across folders by :mod:`.resolve`): an identical copy elsewhere has one.

``unmatched`` -- with a reason: ``no-sidecar``, ``ambiguous`` (several sidecars fit
equally well: reported, never guessed), ``title-mismatch`` (a sidecar has the derived
name but another photo's title), ``sidecar-unreadable`` (the derived sidecar is damaged).

Every JSON file gets an outcome too: ``own`` (a media file's own sidecar), ``borrowed``
(only used by a fallback), ``orphan`` (no media file: reported), ``contested`` (part of an
ambiguity), ``album`` / ``other`` / ``bad`` (by content).

Claims are made best first: every title-confirmed candidate of every media file before
any name-only one, lower ranks (exact names) before clipped ones; two media files that
want the same sidecar at the same level are both ambiguous. So ``IMG_1.jpg.json`` can never
go to ``IMG_10.jpg`` (names are compared whole, never as prefixes), and a clipped
duplicate ``X…(1).jpg`` gets ``X…(1).json``, not the original's ``X….json``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import attrs

from .names import (
    Candidate,
    edited_original,
    json_keys,
    media_candidates,
    motion_still_names,
    split_ext,
    title_fits,
)

__all__ = [
    "LIVE_PAIR_SECONDS",
    "FolderMatch",
    "JsonInfo",
    "JsonOutcome",
    "Match",
    "match_folder",
]

#: A still and a video with their own sidecars are one live photo only if their capture
#: times are at most this far apart.
LIVE_PAIR_SECONDS = 3

MATCHED = "matched"
FALLBACK = "fallback"
UNMATCHED = "unmatched"


@attrs.frozen
class JsonInfo:
    """What the matcher needs of one JSON file."""

    name: str
    kind: str
    """``media``, ``album``, ``other`` or ``bad``."""
    title: str = ""
    """Sanitized title (NFC, ``/`` -> ``_``)."""
    taken: int | None = None


@attrs.frozen
class Match:
    outcome: str
    """``matched``, ``fallback`` or ``unmatched``."""
    rule: str
    """How (see the module documentation), or why not for ``unmatched``."""
    sidecar: str | None = None
    """The JSON file's name."""
    detail: str = ""


@attrs.frozen
class JsonOutcome:
    outcome: str
    detail: str = ""


@attrs.frozen
class FolderMatch:
    media: dict[str, Match]
    json: dict[str, JsonOutcome]
    live_pairs: list[tuple[str, str, str]]
    """``(still, video, evidence)``; evidence ``name`` (the video has no sidecar of its
    own) or ``name+time`` (both have one, capture times within seconds)."""


class _Proposal(NamedTuple):
    """A media file's claim on a sidecar (compared as a tuple: best first)."""

    tier: int  # 0: title confirmed, 1: name only
    rank: int
    media: str
    sidecar: str
    rule: str


#: ``kind_of(name)``: ``"image"``, ``"video"`` or None (not uploadable media).
KindOf = Callable[[str], "str | None"]


class _Folder:
    def __init__(
        self,
        media: Sequence[str],
        motion: Sequence[str],
        jsons: Iterable[JsonInfo],
        kind_of: KindOf,
    ) -> None:
        self.media = sorted(set(media))
        self.media_set = set(self.media)
        self.motion = sorted(set(motion))
        self.kind_of = kind_of
        self.jsons = {j.name: j for j in jsons}
        self.lookup: dict[tuple[str, int | None], list[tuple[str, bool]]] = defaultdict(list)
        for info in self.jsons.values():
            if info.kind not in ("media", "bad"):
                continue
            for reading in json_keys(info.name):
                self.lookup[(reading.key, reading.index)].append((info.name, reading.supplemental))
        self.result: dict[str, Match] = {}
        self.claimed: dict[str, str] = {}  # sidecar -> media that owns it
        self.borrowed: set[str] = set()
        self.contested: dict[str, list[str]] = {}
        self.unreadable: dict[str, str] = {}  # media -> bad sidecar it would have had
        self.mismatch: dict[str, str] = {}  # media -> sidecar whose title did not fit

    # ---- pass 1: own sidecars by name

    def _rule(self, cand: Candidate, supplemental: bool) -> str:
        return "+".join(("supplemental" if supplemental else "legacy", *cand.tags))

    def proposals(self) -> list[_Proposal]:
        out: dict[tuple[str, str], _Proposal] = {}
        for media in self.media:
            for cand in media_candidates(media):
                for sidecar, supplemental in self.lookup.get((cand.key, cand.index), ()):
                    info = self.jsons[sidecar]
                    if info.kind == "bad":
                        self.unreadable.setdefault(media, sidecar)
                        continue
                    if title_fits(info.title, media):
                        prop = _Proposal(
                            0, cand.rank, media, sidecar, self._rule(cand, supplemental)
                        )
                    elif not cand.clipped and not cand.no_ext:
                        # the sidecar's name is exactly this file's: strong on its own
                        prop = _Proposal(1, cand.rank, media, sidecar, "name-only")
                    else:
                        self.mismatch.setdefault(media, sidecar)
                        continue
                    key = (media, sidecar)
                    if key not in out or prop < out[key]:
                        out[key] = prop
        return sorted(out.values())

    def claim_own(self) -> None:
        props = self.proposals()
        i = 0
        while i < len(props):
            level = (props[i].tier, props[i].rank)
            j = i
            while j < len(props) and (props[j].tier, props[j].rank) == level:
                j += 1
            live = [
                p
                for p in props[i:j]
                if p.media not in self.result
                and p.sidecar not in self.claimed
                and p.sidecar not in self.contested
            ]
            by_sidecar: dict[str, list[_Proposal]] = defaultdict(list)
            by_media: dict[str, list[_Proposal]] = defaultdict(list)
            for p in live:
                by_sidecar[p.sidecar].append(p)
                by_media[p.media].append(p)
            losers: set[str] = set()
            for sidecar, wanting in by_sidecar.items():
                if len(wanting) > 1:
                    self.contested[sidecar] = [p.media for p in wanting]
                    losers.update(p.media for p in wanting)
            for media, options in by_media.items():
                if len(options) > 1:
                    losers.add(media)
                    for p in options:
                        self.contested.setdefault(p.sidecar, []).append(media)
            for media in sorted(losers):
                names = sorted(
                    {p.sidecar for p in by_media[media]}
                    | {s for s, ms in self.contested.items() if media in ms}
                )
                self.result[media] = Match(
                    UNMATCHED, "ambiguous", None, "several sidecars fit: " + ", ".join(names)
                )
            for p in live:
                if p.media in losers or p.media in self.result:
                    continue
                outcome = MATCHED if p.tier == 0 else FALLBACK
                detail = "" if p.tier == 0 else self._name_only_detail(p.sidecar)
                self.result[p.media] = Match(outcome, p.rule, p.sidecar, detail)
                self.claimed[p.sidecar] = p.media
            i = j

    def _name_only_detail(self, sidecar: str) -> str:
        title = self.jsons[sidecar].title
        return f"title {title!r} differs" if title else "sidecar has no title"

    # ---- pass 2: fallbacks that borrow another file's sidecar

    def _sidecar_of(self, media: str) -> str | None:
        match = self.result.get(media)
        return match.sidecar if match is not None and match.sidecar else None

    def _derived_sidecar(self, name: str) -> str | None:
        """The title-confirmed sidecar derived from *name* (for an original not present)."""
        for cand in media_candidates(name):
            for sidecar, _ in self.lookup.get((cand.key, cand.index), ()):
                info = self.jsons[sidecar]
                if info.kind == "media" and title_fits(info.title, name):
                    return sidecar
        return None

    def _borrow(self, media: str, sidecar: str, rule: str, detail: str) -> None:
        self.result[media] = Match(FALLBACK, rule, sidecar, detail)
        self.borrowed.add(sidecar)

    def edited(self, media: str) -> bool:
        for original, clipped in edited_original(media):
            if not clipped:
                if original in self.media_set:
                    sidecar = self._sidecar_of(original)
                else:
                    sidecar = self._derived_sidecar(original)
                if sidecar:
                    self._borrow(media, sidecar, "edited", f"edited copy of {original}")
                    return True
                continue
            ext = split_ext(media)[1]
            originals = [
                n
                for n in self.media
                if n != media
                and split_ext(n)[1] == ext
                and split_ext(n)[0].startswith(original)
                and not edited_original(n)
            ]
            found = {s for s in map(self._sidecar_of, originals) if s}
            if len(found) == 1:
                self._borrow(media, found.pop(), "edited", "edited copy (suffix clipped)")
                return True
            if len(found) > 1:
                self.result[media] = Match(
                    UNMATCHED,
                    "ambiguous",
                    None,
                    "edited copy of several originals: " + ", ".join(sorted(originals)),
                )
                return True
        return False

    def still_of(self, video: str) -> list[str]:
        stem = split_ext(video)[0]
        return [
            n
            for n in self.media
            if n != video and split_ext(n)[0] == stem and self.kind_of(n) == "image"
        ]

    def live_video(self, media: str) -> bool:
        if self.kind_of(media) != "video":
            return False
        stills = self.still_of(media)
        found = {s for s in map(self._sidecar_of, stills) if s}
        if len(found) == 1:
            self._borrow(media, found.pop(), "live-video", "video of a live photo")
            return True
        if len(found) > 1:
            self.result[media] = Match(
                UNMATCHED, "ambiguous", None, "video of several stills: " + ", ".join(stills)
            )
            return True
        return False

    def motion_video(self, media: str) -> Match:
        for still in motion_still_names(media) or ():
            if still in self.media_set:
                sidecar = self._sidecar_of(still)
                if sidecar:
                    self.borrowed.add(sidecar)
                    return Match(FALLBACK, "motion", sidecar, f"video part of {still}")
                return Match(
                    UNMATCHED, "no-sidecar", None, f"video part of {still}, which has none"
                )
        return Match(UNMATCHED, "no-sidecar", None, "motion video without its still")

    # ---- pass 3: the remaining sidecars, by title, then case-insensitively

    def _unclaimed(self) -> dict[str, JsonInfo]:
        return {
            name: info
            for name, info in self.jsons.items()
            if info.kind == "media"
            and name not in self.claimed
            and name not in self.borrowed
            and name not in self.contested
        }

    def _resolve_unique(
        self, wants: dict[str, list[str]], rule: str, detail: Callable[[str], str]
    ) -> None:
        takers: dict[str, list[str]] = defaultdict(list)
        for media, sidecars in wants.items():
            if len(sidecars) == 1:
                takers[sidecars[0]].append(media)
            elif len(sidecars) > 1:
                self.result[media] = Match(
                    UNMATCHED, "ambiguous", None, "several sidecars fit: " + ", ".join(sidecars)
                )
                for s in sidecars:
                    self.contested.setdefault(s, []).append(media)
        for sidecar, media_list in sorted(takers.items()):
            if len(media_list) == 1:
                media = media_list[0]
                self.result[media] = Match(FALLBACK, rule, sidecar, detail(sidecar))
                self.claimed[sidecar] = media
            else:
                self.contested[sidecar] = media_list
                for media in media_list:
                    self.result[media] = Match(
                        UNMATCHED, "ambiguous", None, f"{sidecar} fits several files"
                    )

    def by_title(self, pending: list[str]) -> None:
        free = self._unclaimed()
        if not free or not pending:
            return
        by_prefix: dict[str, list[str]] = defaultdict(list)
        for name, info in free.items():
            by_prefix[info.title[:3]].append(name)
        wants: dict[str, list[str]] = {}
        for media in pending:
            pool = by_prefix.get(media[:3], []) if len(split_ext(media)[0]) >= 3 else list(free)
            fits = sorted(s for s in pool if title_fits(free[s].title, media))
            if fits:
                wants[media] = fits
        self._resolve_unique(wants, "title", lambda s: f"title of {s}")

    def by_case(self, pending: list[str]) -> None:
        free = self._unclaimed()
        if not free or not pending:
            return
        folded: dict[tuple[str, int | None], list[str]] = defaultdict(list)
        for (key, index), sidecars in self.lookup.items():
            folded[(key.casefold(), index)].extend(name for name, _ in sidecars)
        wants: dict[str, list[str]] = {}
        for media in pending:
            fits: set[str] = set()
            for cand in media_candidates(media):
                for sidecar in folded.get((cand.key.casefold(), cand.index), ()):
                    if sidecar in free and title_fits(
                        free[sidecar].title.casefold(), media.casefold()
                    ):
                        fits.add(sidecar)
            if fits:
                wants[media] = sorted(fits)
        self._resolve_unique(wants, "case", lambda s: f"case-insensitive name {s}")

    # ---- live pairs

    def live_pairs(self) -> list[tuple[str, str, str]]:
        pairs = []
        for video in self.media:
            if self.kind_of(video) != "video":
                continue
            vmatch = self.result.get(video)
            stills = self.still_of(video)
            if len(stills) != 1 or vmatch is None:
                continue
            still = stills[0]
            if vmatch.rule == "live-video":
                pairs.append((still, video, "name"))
                continue
            smatch = self.result.get(still)
            if vmatch.sidecar and smatch is not None and smatch.sidecar:
                t_video = self.jsons[vmatch.sidecar].taken
                t_still = self.jsons[smatch.sidecar].taken
                if (
                    t_video is not None
                    and t_still is not None
                    and abs(t_video - t_still) <= LIVE_PAIR_SECONDS
                ):
                    pairs.append((still, video, "name+time"))
        return pairs

    # ---- everything

    def run(self) -> FolderMatch:
        self.claim_own()
        for media in self.media:
            if media not in self.result and edited_original(media):
                self.edited(media)
        for media in self.media:
            if media not in self.result:
                self.live_video(media)
        motion = {m: self.motion_video(m) for m in self.motion}
        pending = [m for m in self.media if m not in self.result]
        self.by_title(pending)
        pending = [m for m in pending if m not in self.result]
        self.by_case(pending)
        for media in self.media:
            if media not in self.result:
                self.result[media] = self._unmatched(media)
        self.result.update(motion)
        return FolderMatch(self.result, self._json_outcomes(), self.live_pairs())

    def _unmatched(self, media: str) -> Match:
        if media in self.unreadable:
            return Match(UNMATCHED, "sidecar-unreadable", None, self.unreadable[media])
        if media in self.mismatch:
            sidecar = self.mismatch[media]
            return Match(
                UNMATCHED,
                "title-mismatch",
                None,
                f"{sidecar} has the title {self.jsons[sidecar].title!r}",
            )
        return Match(UNMATCHED, "no-sidecar")

    def _json_outcomes(self) -> dict[str, JsonOutcome]:
        out: dict[str, JsonOutcome] = {}
        for name, info in self.jsons.items():
            if info.kind != "media":
                out[name] = JsonOutcome(info.kind)
            elif name in self.claimed:
                out[name] = JsonOutcome("own", self.claimed[name])
            elif name in self.borrowed:
                out[name] = JsonOutcome("borrowed")
            elif name in self.contested:
                out[name] = JsonOutcome(
                    "contested", "fits " + ", ".join(sorted(set(self.contested[name])))
                )
            else:
                out[name] = JsonOutcome("orphan")
        return out


def match_folder(
    media: Sequence[str],
    jsons: Iterable[JsonInfo],
    *,
    kind_of: KindOf,
    motion: Sequence[str] = (),
) -> FolderMatch:
    """Match the media files *media* and motion videos *motion* of one folder (names in
    NFC, each once) to the JSON files *jsons* of the same folder."""
    return _Folder(media, motion, jsons, kind_of).run()
