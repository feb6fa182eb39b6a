"""Google's naming rules (UTF-16 clips, sidecar readings, candidates, titles, edited and
motion names) and the matcher's guarantees on one folder (ambiguity, never a prefix)."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from immich_bulk.transfer.takeout.matcher import JsonInfo, match_folder
from immich_bulk.transfer.takeout.names import (
    JsonKey,
    clip16,
    edited_original,
    json_keys,
    media_candidates,
    motion_still_names,
    split_index,
    title_fits,
    utf16_len,
)
from immich_bulk.transfer.takeout.roles import IMAGE_EXTENSIONS, VIDEO_EXTENSIONS, media_kind


def kind(name: str) -> str | None:
    return media_kind(name, IMAGE_EXTENSIONS, VIDEO_EXTENSIONS)


def test_utf16_lengths_and_clips() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("😀é") == 3
    assert clip16("😀😀", 3) == "😀"  # a pair is never split...
    assert clip16("😀😀", 3, whole=True) == "😀😀"  # ...unless it starts inside the limit
    assert clip16("abc", 5) == "abc"


def test_json_readings() -> None:
    assert json_keys("IMG.jpg(1).json") == [
        JsonKey("IMG.jpg(1)", None, False),
        JsonKey("IMG.jpg", 1, False),
    ]
    assert json_keys("a.jpg.supple(2).json") == [
        JsonKey("a.jpg.supple(2)", None, False),
        JsonKey("a.jpg.supple", 2, False),
        JsonKey("a.jpg", 2, True),
    ]
    assert JsonKey("X.COVER", None, True) in json_keys("X.COVER..json")
    assert json_keys("not-a-sidecar.txt") == []


def test_candidates_rank_exact_before_clipped() -> None:
    long = "x" * 47 + "(1).jpg"
    keys = [(c.key, c.index, c.tags) for c in media_candidates(long)]
    assert keys[0] == (long, None, ())
    assert (("x" * 47 + ".jpg")[:46], 1, ("index", "clipped")) in keys
    # the clip that cuts "(1)" off entirely would be the original's key: not offered
    assert ("x" * 46, None, ("clipped",)) not in keys


def test_titles() -> None:
    assert title_fits("IMG_1.jpg", "IMG_1.jpg")
    assert not title_fits("IMG_1.jpg", "IMG_10.jpg")
    assert title_fits("IMG.JPG", "IMG(3).JPG")
    assert title_fits("27/06/12 - 1", "27_06_12 - 1.mov")
    assert title_fits("A" * 60 + ".jpg", "A" * 47 + ".jpg")  # the archive name was clipped
    assert not title_fits("A" * 60 + ".jpg", "A" * 20 + ".jpg")
    assert not title_fits("", "x.jpg")


def test_edited_and_motion_names() -> None:
    assert edited_original("IMG-edited.jpg") == [("IMG.jpg", False)]
    assert edited_original("IMG-edited(1).jpg") == [("IMG(1).jpg", False)]
    assert edited_original("PXL.PORTRAIT-modifié.jpg") == [("PXL.PORTRAIT.jpg", False)]
    assert edited_original("x" * 44 + "-ha.jpg") == [("x" * 44, True)]
    assert edited_original("x" * 10 + "-ha.jpg") == []  # only a clipped name lost its suffix
    assert edited_original("IMG_1.jpg") == []
    assert motion_still_names("PXL_1.MP") == ["PXL_1.MP.jpg", "PXL_1.MP.JPG", "PXL_1.MP.jpeg"]
    assert motion_still_names("PXL_1.MP~2") is not None
    assert motion_still_names("MVIMG_1") is not None
    assert motion_still_names("MVIMG_1.jpg") is None
    assert split_index("IMG(12)") == ("IMG", 12)
    assert split_index("(12)") is None


def _info(name: str, title: str) -> JsonInfo:
    return JsonInfo(name, "media", title, 1)


def test_two_files_wanting_one_sidecar_are_ambiguous() -> None:
    """Two sidecars with the same title and no name match: reported, not guessed."""
    result = match_folder(
        ["IMG(1).jpg", "IMG(2).jpg"],
        [_info("a.json", "IMG.jpg"), _info("b.json", "IMG.jpg")],
        kind_of=kind,
    )
    for name in ("IMG(1).jpg", "IMG(2).jpg"):
        assert (result.media[name].outcome, result.media[name].rule) == ("unmatched", "ambiguous")
    assert {o.outcome for o in result.json.values()} == {"contested"}


def test_one_file_two_equal_sidecars_is_ambiguous() -> None:
    sidecars = [_info("a.jpg.json", "a.jpg"), _info("a.jpg.supplemental-metadata.json", "a.jpg")]
    result = match_folder(["a.jpg"], sidecars, kind_of=kind)
    assert result.media["a.jpg"].rule == "ambiguous"


def test_title_fallback_and_mismatch() -> None:
    result = match_folder(
        ["holiday.jpg", "IMG_5.jpg"],
        [_info("weird-name.json", "holiday.jpg"), _info("IMG_5.jpg.json", "IMG_6.jpg")],
        kind_of=kind,
    )
    assert (result.media["holiday.jpg"].outcome, result.media["holiday.jpg"].rule) == (
        "fallback",
        "title",
    )
    # the exact name wins even with another title (titles can differ from archive names)
    assert (result.media["IMG_5.jpg"].outcome, result.media["IMG_5.jpg"].rule) == (
        "fallback",
        "name-only",
    )


def test_a_clipped_name_with_the_wrong_title_is_not_matched() -> None:
    name = "x" * 50 + ".jpg"
    result = match_folder([name], [_info("x" * 46 + ".json", "y" * 50 + ".jpg")], kind_of=kind)
    assert (result.media[name].outcome, result.media[name].rule) == ("unmatched", "title-mismatch")


_names = st.text(alphabet=string.ascii_letters + string.digits + "_-() ", min_size=1, max_size=40)


@given(a=_names, b=_names)
def test_a_sidecar_never_goes_to_another_file(a: str, b: str) -> None:
    """With only ``<a>.jpg``'s sidecar in the folder, ``<b>.jpg`` (any other name, e.g.
    ``IMG_10.jpg`` beside ``IMG_1.jpg.json``) never gets it while ``<a>.jpg`` is there,
    and gets it without ``<a>.jpg`` only through a documented rule that fits its title."""
    a, b = a.strip() or "a", b.strip() or "b"
    if a == b:
        return
    media_a, media_b = a + ".jpg", b + ".jpg"
    sidecar = _info(media_a + ".json", media_a)
    both = match_folder([media_a, media_b], [sidecar], kind_of=kind)
    assert both.media[media_a].sidecar == sidecar.name
    assert both.media[media_b].sidecar != sidecar.name or both.media[media_b].rule in (
        "edited",
        "live-video",
    )
    alone = match_folder([media_b], [sidecar], kind_of=kind).media[media_b]
    if alone.sidecar == sidecar.name:
        assert title_fits(media_a, media_b) or alone.rule == "edited"


@pytest.mark.parametrize(
    ("media", "sidecar", "title"),
    [
        ("Scan35(1).jpg", "Scan35.jpg.supplemental-metadata(1).json", "Scan35.jpg"),
        ("CLIP0001(10).AVI", "CLIP0001.AVI.supplemental-metadata(10).json", "CLIP0001.AVI"),
        ("MVIMG_20191230_232926.jpg", "MVIMG_20191230_232926.jpg.supplemental-metadat.json",
         "MVIMG_20191230_232926.jpg"),
        ("Screenshot_20200301-161151.png", "Screenshot_20200301-161151.png.supplemental-me.json",
         "Screenshot_20200301-161151.png"),
        ("13039_327707840323_537645323_9470255_27214_n(1).jpg",
         "13039_327707840323_537645323_9470255_27214_n.j(1).json",
         "13039_327707840323_537645323_9470255_27214_n.jpg"),
        ("IMG_2710(1).HEIC", "IMG_2710.HEIC(1).json", "IMG_2710.HEIC"),
    ],
)  # fmt: skip
def test_names_from_importers_reports(media: str, sidecar: str, title: str) -> None:
    """Pairs quoted in other importers' bug reports and fixtures."""
    result = match_folder([media], [_info(sidecar, title)], kind_of=kind)
    assert (result.media[media].outcome, result.media[media].sidecar) == ("matched", sidecar)
