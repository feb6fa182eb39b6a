"""The harness's maths on synthetic measurements (no processes, no clocks)."""

from __future__ import annotations

import math

import pytest

from immich_bulk.bench.stats import Goal, Run, compare, paired_ratios, recommend, summarize


def run(
    wall: float,
    *,
    files: int = 100,
    size: int = 1_000_000,
    rss: int = 50_000,
    cpu: float = 1.0,
    who: str = "ours",
    error: str | None = None,
) -> Run:
    return Run(
        contender=who,
        wall_s=wall,
        cpu_s=cpu,
        peak_rss_kib=rss,
        files=files,
        bytes=size,
        error=error,
    )


def test_summary_uses_valid_runs_only() -> None:
    s = summarize([run(2.0), run(1.0), run(9.0, error="crashed"), run(3.0, cpu=3.0)])
    assert s is not None
    assert (s.n, s.failed) == (3, 1)
    assert (s.best_s, s.median_s, s.worst_s) == (1.0, 2.0, 3.0)
    assert s.spread == pytest.approx(1.0)  # (3 - 1) / 2
    assert s.files_per_s == pytest.approx(50.0)
    assert s.best_files_per_s == pytest.approx(100.0)
    assert s.mb_per_s == pytest.approx(0.5)
    assert s.cpu_s == 1.0
    assert summarize([run(1.0, error="x")]) is None
    assert summarize([]) is None


def test_speedup_is_throughput_ours_over_baseline_paired_by_repetition() -> None:
    ours = [run(2.0), run(4.0), run(3.0)]
    bare = [run(1.0, who="bare"), run(5.0, who="bare"), run(3.0, who="bare")]
    assert paired_ratios(ours, bare, "speedup") == pytest.approx([0.5, 1.25, 1.0])
    c = compare("s", "title", "speedup", ours, bare, Goal(threshold=0.9))
    assert c is not None
    assert c.paired
    assert c.ratio == pytest.approx(1.0)  # median of the pairs
    assert c.low == pytest.approx(0.5)
    assert c.high == pytest.approx(1.25)
    assert c.ratio_best == pytest.approx(1.0 / 2.0)  # best 2.0 s vs best 1.0 s
    assert c.met is True


def test_failed_pairs_are_dropped() -> None:
    ours = [run(2.0), run(2.0, error="boom")]
    base = [run(1.0), run(1.0)]
    assert paired_ratios(ours, base, "speedup") == [0.5]


def test_fraction_goal_is_an_upper_bound() -> None:
    rerun = [run(0.2), run(0.3)]
    first = [run(4.0), run(4.0)]
    c = compare("rerun", "t", "fraction", rerun, first, Goal(threshold=0.05, at_least=False))
    assert c is not None
    assert c.ratio == pytest.approx(0.0625)
    assert c.met is False
    c2 = compare("rerun", "t", "fraction", [run(0.1)], [run(4.0)], c.goal)
    assert c2 is not None and c2.met is True


def test_unpaired_series_compare_medians() -> None:
    large = [run(200.0, files=100_000, rss=60_000)]
    small = [
        run(2.1, files=1000, rss=50_000),
        run(1.9, files=1000, rss=52_000),
        run(2.0, files=1000, rss=51_000),
    ]
    rss = compare("scale", "t", "rss-growth", large, small, Goal(threshold=1.2, at_least=False))
    assert rss is not None and not rss.paired
    assert rss.ratio == pytest.approx(60_000 / 51_000)
    assert rss.met is True
    cost = compare("scale", "t", "cost-growth", large, small)
    assert cost is not None
    assert cost.ratio == pytest.approx((200 / 100_000) / (2.0 / 1000))
    assert cost.met is None  # no goal


def test_no_valid_runs_means_no_comparison() -> None:
    assert compare("s", "t", "speedup", [run(1, error="x")], [run(1)]) is None


def test_zero_baseline_gives_nan_not_an_exception() -> None:
    c = compare("s", "t", "rss-growth", [run(1, rss=10)], [run(1, rss=0)], Goal(threshold=1.2))
    assert c is not None
    assert math.isnan(c.ratio)
    assert c.met is False


def test_run_round_trips_through_dicts() -> None:
    r = Run(
        contender="ours",
        wall_s=1.5,
        cpu_s=0.5,
        peak_rss_kib=1,
        files=2,
        bytes=3,
        server_cpu_s=0.25,
        detail={"counts": {"uploaded": 2}},
    )
    assert Run.from_dict(r.to_dict() | {"unknown": 1}) == r


# ---------------------------------------------------------------------- recommendations


def test_recommend_picks_the_smallest_setting_within_tolerance() -> None:
    curve = {
        1: [100.0, 102.0],
        2: [180.0, 185.0],
        4: [240.0, 250.0],
        8: [252.0, 249.0],
        16: [245.0],
    }
    rec = recommend(curve, tolerance=0.05)
    assert rec.best_value == 8
    assert rec.value == 4  # 245 median is within 5% of 250.5
    assert "within 5%" in rec.reason
    assert not rec.within_noise


def test_recommend_the_fastest_when_nothing_else_is_close() -> None:
    rec = recommend({1: [100.0], 2: [150.0], 4: [300.0]}, tolerance=0.05)
    assert (rec.value, rec.best_value) == (4, 4)
    assert rec.reason.startswith("fastest")


def test_recommend_on_a_flat_curve_says_so() -> None:
    rec = recommend({1: [500.0, 520.0], 4: [510.0, 505.0], 16: [498.0, 530.0]}, tolerance=0.05)
    assert rec.value == 1
    assert rec.within_noise
    assert "flat" in rec.reason


def test_recommend_ignores_empty_points_and_needs_some() -> None:
    assert recommend({1: [], 2: [10.0]}).value == 2
    with pytest.raises(ValueError):
        recommend({1: []})


def test_cpu_kind_is_client_cpu_ours_over_baseline() -> None:
    ours = [run(1.0, cpu=2.4), run(1.0, cpu=2.0)]
    bare = [run(1.0, cpu=2.0, who="bare"), run(1.0, cpu=1.0, who="bare")]
    c = compare("export", "t", "cpu", ours, bare, Goal(threshold=1.2, at_least=False))
    assert c is not None
    assert c.low == pytest.approx(1.2) and c.high == pytest.approx(2.0)
    assert c.ratio == pytest.approx(1.6) and c.met is False


def test_absolute_kinds_judge_ours_alone() -> None:
    reruns = [run(0.5), run(0.2), run(0.3, error="crashed"), run(0.4)]
    c = compare("reupload", "t", "seconds", reruns, [], Goal(threshold=0.3, at_least=False))
    assert c is not None
    assert c.ratio == pytest.approx(0.4) and (c.low, c.high) == (0.2, 0.5)
    assert c.baseline is c.ours and c.met is False
    rss = [run(1.0, rss=60 * 1024), run(1.0, rss=120 * 1024)]
    c = compare("upload-1gb", "t", "rss-mb", rss, [], Goal(threshold=100, at_least=False))
    assert c is not None and c.ratio == pytest.approx(120.0)  # the largest peak
    assert c.met is False
    assert compare("x", "t", "seconds", [run(1.0, error="no")], []) is None
