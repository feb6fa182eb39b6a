"""Measurements and the maths on them: summaries, paired ratios, goals, recommendations.

Pure functions on plain data (no I/O, no clocks), so they are unit-tested on synthetic
numbers. Conventions:

* a :class:`Run` is one measured client process doing one unit of work (upload a corpus,
  download it, hash it);
* a comparison puts *ours* next to a *baseline* measured in the same suite run. Runs are
  interleaved (repetition *i* of every contender runs back to back), so the ratio of the
  *i*-th pair shares that moment's machine noise; the headline ratio is the **median of
  the paired ratios**, with their range as the spread, and the best-of ratio next to it;
* ratios are oriented so the question is always "ours / baseline" of the metric:
  throughput for ``speedup`` (> 1: ours is faster), wall time for ``fraction``
  (re-run / first run), peak RSS or per-file cost for ``growth`` (large library / small),
  client CPU seconds for ``cpu`` (ours / baseline: < 1 means ours needs less);
* two kinds are absolute, not ratios: ``seconds`` (the median wall time of ours) and
  ``rss-mb`` (the largest peak RSS of ours, in MB), for goals such as "a re-run takes
  at most 0.3 s"; their baseline is ours itself.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import attrs

__all__ = [
    "Comparison",
    "Goal",
    "Run",
    "Summary",
    "compare",
    "paired_ratios",
    "recommend",
    "summarize",
]

Kind = Literal["speedup", "fraction", "rss-growth", "cost-growth", "cpu", "seconds", "rss-mb"]
KINDS: tuple[Kind, ...] = (
    "speedup",
    "fraction",
    "rss-growth",
    "cost-growth",
    "cpu",
    "seconds",
    "rss-mb",
)
#: Kinds whose "ratio" is an absolute value of ours alone.
ABSOLUTE: tuple[Kind, ...] = ("seconds", "rss-mb")


@attrs.frozen(kw_only=True)
class Run:
    """One measured client run (one child process)."""

    contender: str
    """Display name: ``ours``, ``bare httpx``, ``immichpy 4.2.3``, ``sha1sum x2``..."""
    wall_s: float
    cpu_s: float
    """Client CPU seconds (user + system) during the timed section."""
    peak_rss_kib: int
    """Peak resident set size of the client process (``ru_maxrss``) at the end of the run."""
    files: int
    bytes: int
    start_rss_kib: int = 0
    """Peak RSS when the timed section started (after imports and preparation)."""
    server_cpu_s: float | None = None
    """CPU seconds the (local) server used during the run, when it is measurable."""
    error: str | None = None
    """Why the run does not count (crashed, or did not do the expected work)."""
    detail: Mapping[str, Any] = attrs.field(factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def files_per_s(self) -> float:
        return self.files / self.wall_s if self.wall_s > 0 else math.inf

    @property
    def mb_per_s(self) -> float:
        return self.bytes / 1e6 / self.wall_s if self.wall_s > 0 else math.inf

    @property
    def ms_per_file(self) -> float:
        return 1000 * self.wall_s / self.files if self.files else math.nan

    def to_dict(self) -> dict[str, Any]:
        data = attrs.asdict(self)
        data["detail"] = dict(self.detail)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Run:
        names = {a.name for a in attrs.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@attrs.frozen(kw_only=True)
class Summary:
    """The valid runs of one contender in one scenario, condensed."""

    contender: str
    n: int
    failed: int
    files: int
    bytes: int
    best_s: float
    median_s: float
    worst_s: float
    cpu_s: float
    """Median client CPU seconds."""
    peak_rss_kib: int
    """Largest peak RSS over the runs."""
    server_cpu_s: float | None

    @property
    def spread(self) -> float:
        """(worst - best) / median: how noisy the repetitions were."""
        return (self.worst_s - self.best_s) / self.median_s if self.median_s > 0 else 0.0

    @property
    def files_per_s(self) -> float:
        return self.files / self.median_s if self.median_s > 0 else math.inf

    @property
    def best_files_per_s(self) -> float:
        return self.files / self.best_s if self.best_s > 0 else math.inf

    @property
    def mb_per_s(self) -> float:
        return self.bytes / 1e6 / self.median_s if self.median_s > 0 else math.inf

    @property
    def ms_per_file(self) -> float:
        return 1000 * self.median_s / self.files if self.files else math.nan

    def to_dict(self) -> dict[str, Any]:
        data = attrs.asdict(self)
        data.update(
            spread=self.spread,
            files_per_s=self.files_per_s,
            mb_per_s=self.mb_per_s,
            ms_per_file=self.ms_per_file,
        )
        return data


def summarize(runs: Sequence[Run]) -> Summary | None:
    """Condense the valid runs (None when there is none)."""
    good = [r for r in runs if r.ok]
    if not good:
        return None
    walls = sorted(r.wall_s for r in good)
    servers = [r.server_cpu_s for r in good if r.server_cpu_s is not None]
    return Summary(
        contender=good[0].contender,
        n=len(good),
        failed=len(runs) - len(good),
        files=good[0].files,
        bytes=good[0].bytes,
        best_s=walls[0],
        median_s=statistics.median(walls),
        worst_s=walls[-1],
        cpu_s=statistics.median(r.cpu_s for r in good),
        peak_rss_kib=max(r.peak_rss_kib for r in good),
        server_cpu_s=statistics.median(servers) if servers else None,
    )


# ---------------------------------------------------------------------- ratios


def metric(kind: Kind) -> Callable[[Run], float]:
    """The per-run value a comparison of this kind divides."""
    if kind == "speedup":
        return lambda r: r.files_per_s
    if kind in ("fraction", "seconds"):
        return lambda r: r.wall_s
    if kind == "cpu":
        return lambda r: r.cpu_s
    if kind == "rss-mb":
        return lambda r: r.peak_rss_kib / 1024
    if kind == "rss-growth":
        return lambda r: float(r.peak_rss_kib)
    if kind == "cost-growth":
        return lambda r: r.wall_s / r.files if r.files else math.nan
    raise ValueError(f"unknown comparison kind {kind!r}")


def higher_is_better(kind: Kind) -> bool:
    return kind == "speedup"


def paired_ratios(ours: Sequence[Run], baseline: Sequence[Run], kind: Kind) -> list[float]:
    """Ratios ours/baseline of repetition *i* with repetition *i* (both valid).

    Empty when the two series cannot be paired (different lengths).
    """
    if len(ours) != len(baseline):
        return []
    value = metric(kind)
    out = []
    for a, b in zip(ours, baseline, strict=True):
        if a.ok and b.ok:
            va, vb = value(a), value(b)
            if vb > 0 and math.isfinite(va) and math.isfinite(vb):
                out.append(va / vb)
    return out


def _divide(a: float, b: float) -> float:
    return a / b if b > 0 and math.isfinite(b) else math.nan


def _best(runs: Sequence[Run], kind: Kind) -> float:
    values = [metric(kind)(r) for r in runs if r.ok]
    return max(values) if higher_is_better(kind) else min(values)


def _median(runs: Sequence[Run], kind: Kind) -> float:
    return statistics.median(metric(kind)(r) for r in runs if r.ok)


@attrs.frozen(kw_only=True)
class Goal:
    """``ratio >= threshold`` (``at_least``) or ``ratio <= threshold``."""

    threshold: float
    at_least: bool = True
    text: str = ""
    """How the issue states it, e.g. ">= 0.9x the bare loop"."""

    def met(self, ratio: float) -> bool:
        if math.isnan(ratio):
            return False
        return ratio >= self.threshold if self.at_least else ratio <= self.threshold

    def describe(self) -> str:
        if self.text:
            return self.text
        sign = ">=" if self.at_least else "<="
        return f"{sign} {self.threshold:g}"


@attrs.frozen(kw_only=True)
class Comparison:
    """Ours against one baseline in one scenario."""

    scenario: str
    """Scenario key (``upload-small``...)."""
    title: str
    kind: Kind
    ours: Summary
    baseline: Summary
    ratio: float
    """Median of the paired ratios (or, unpaired, the ratio of the medians)."""
    ratio_best: float
    """Best of ours / best of the baseline."""
    low: float
    high: float
    paired: bool
    goal: Goal | None = None

    @property
    def met(self) -> bool | None:
        return None if self.goal is None else self.goal.met(self.ratio)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "title": self.title,
            "kind": self.kind,
            "ours": self.ours.to_dict(),
            "baseline": self.baseline.to_dict(),
            "ratio": self.ratio,
            "ratio_best": self.ratio_best,
            "ratio_low": self.low,
            "ratio_high": self.high,
            "paired": self.paired,
            "goal": None if self.goal is None else attrs.asdict(self.goal),
            "met": self.met,
        }


def compare(
    scenario: str,
    title: str,
    kind: Kind,
    ours: Sequence[Run],
    baseline: Sequence[Run],
    goal: Goal | None = None,
) -> Comparison | None:
    """Compare two series (None when either has no valid run)."""
    if kind in ABSOLUTE:
        return _absolute(scenario, title, kind, ours, goal)
    s_ours, s_base = summarize(ours), summarize(baseline)
    if s_ours is None or s_base is None:
        return None
    pairs = paired_ratios(ours, baseline, kind)
    best = _divide(_best(ours, kind), _best(baseline, kind))
    if pairs:
        ratio, low, high = statistics.median(pairs), min(pairs), max(pairs)
    else:
        ratio = _divide(_median(ours, kind), _median(baseline, kind))
        low = high = ratio
    return Comparison(
        scenario=scenario,
        title=title,
        kind=kind,
        ours=s_ours,
        baseline=s_base,
        ratio=ratio,
        ratio_best=best,
        low=low,
        high=high,
        paired=bool(pairs),
        goal=goal,
    )


def _absolute(
    scenario: str, title: str, kind: Kind, runs: Sequence[Run], goal: Goal | None
) -> Comparison | None:
    """An absolute value of ours: the median (wall s) or the largest (peak RSS MB)."""
    summary = summarize(runs)
    if summary is None:
        return None
    values = [metric(kind)(r) for r in runs if r.ok]
    value = max(values) if kind == "rss-mb" else statistics.median(values)
    return Comparison(
        scenario=scenario,
        title=title,
        kind=kind,
        ours=summary,
        baseline=summary,
        ratio=value,
        ratio_best=min(values),
        low=min(values),
        high=max(values),
        paired=len(values) > 1,
        goal=goal,
    )


# ---------------------------------------------------------------------- tuning


@attrs.frozen(kw_only=True)
class Recommendation:
    value: int
    best_value: int
    throughput: float
    """Median throughput (files/s) at the recommended value."""
    best_throughput: float
    within_noise: bool
    """The measured differences between candidates are not larger than the run-to-run
    spread: the curve is flat here, any candidate is as good."""
    reason: str


def recommend(curve: Mapping[int, Sequence[float]], *, tolerance: float = 0.05) -> Recommendation:
    """Pick a setting from a measured curve ``{setting: [throughput per repetition]}``.

    The rule: the **smallest** setting whose median throughput is within ``tolerance`` of
    the best median. Smaller means gentler (fewer connections on the server, fewer threads
    on the client) for the same speed, and a knee is more robust than a noisy maximum.
    """
    points = {k: statistics.median(v) for k, v in curve.items() if v}
    if not points:
        raise ValueError("no measurements to recommend from")
    best_value = max(points, key=lambda k: (points[k], -k))
    best = points[best_value]
    candidates = sorted(k for k, v in points.items() if v >= (1 - tolerance) * best)
    chosen = candidates[0]
    spreads = [(max(v) - min(v)) / statistics.median(v) for v in curve.values() if len(v) > 1]
    noise = max(spreads, default=0.0)
    values = list(points.values())
    flat = (max(values) - min(values)) / best <= max(noise, tolerance) if best > 0 else True
    if chosen == best_value:
        reason = f"fastest measured ({best:.0f} files/s)"
    else:
        reason = (
            f"{points[chosen]:.0f} files/s, within {tolerance:.0%} of the fastest "
            f"({best:.0f} files/s at {best_value}) with less load"
        )
    if flat:
        reason += "; the curve is flat within the noise"
    return Recommendation(
        value=chosen,
        best_value=best_value,
        throughput=points[chosen],
        best_throughput=best,
        within_noise=flat,
        reason=reason,
    )
