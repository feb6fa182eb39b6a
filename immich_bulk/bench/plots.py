"""PNG plots (matplotlib, Agg backend), imported lazily: without matplotlib the plots are
skipped with a note, nothing else changes."""

from __future__ import annotations

import importlib
import math
import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .stats import Run, summarize

if TYPE_CHECKING:
    from .suite import ScenarioResult

__all__ = ["plot_concurrency", "plot_scale", "plot_tuning", "pyplot"]

MISSING = "matplotlib is not installed: no plots (pip install 'immich-bulk[bench]')"


def pyplot(problems: list[str]) -> Any:
    """``matplotlib.pyplot`` on the Agg backend, or None (with a note in *problems*)."""
    try:
        matplotlib = importlib.import_module("matplotlib")
        matplotlib.use("Agg")
        return importlib.import_module("matplotlib.pyplot")
    except ImportError:
        problems.append(MISSING)
        return None


Curve = tuple[list[int], list[float], list[float], list[float]]


def _curve(runs_by_value: Mapping[int, Sequence[Run]]) -> Curve:
    xs: list[int] = []
    mid: list[float] = []
    low: list[float] = []
    high: list[float] = []
    for value in sorted(runs_by_value):
        rates = [r.files_per_s for r in runs_by_value[value] if r.ok]
        if not rates:
            continue
        xs.append(value)
        mid.append(statistics.median(rates))
        low.append(min(rates))
        high.append(max(rates))
    return xs, mid, low, high


def plot_concurrency(
    curves: Mapping[str, Mapping[int, Sequence[Run]]],
    path: Path,
    problems: list[str],
    *,
    title: str = "Upload throughput vs concurrency",
    xlabel: str = "uploads in flight (concurrency)",
) -> list[Path]:
    plt = pyplot(problems)
    if plt is None:
        return []
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=110)
    for label, runs_by_value in curves.items():
        xs, mid, low, high = _curve(runs_by_value)
        if not xs:
            continue
        ax.plot(xs, mid, marker="o", label=label)
        ax.fill_between(xs, low, high, alpha=0.15)
    ax.set_xscale("log", base=2)
    ax.set_xticks(sorted({v for c in curves.values() for v in c}))
    ax.get_xaxis().set_major_formatter(plt.matplotlib.ticker.ScalarFormatter())
    ax.set_xlabel(xlabel)
    ax.set_ylabel("files/s (median, band: min-max)")
    ax.set_ylim(bottom=0)
    ax.set_title(title)
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return [path]


def plot_scale(scenarios: Sequence[ScenarioResult], path: Path, problems: list[str]) -> list[Path]:
    plt = pyplot(problems)
    if plt is None:
        return []
    rows = []
    for scenario in scenarios:
        ours = summarize(scenario.runs.get("ours", []))
        bare = summarize(scenario.runs.get("bare httpx", []))
        if ours is not None:
            rows.append((ours, bare))
    if not rows:
        return []
    rows.sort(key=lambda r: r[0].files)
    files = [r[0].files for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2), dpi=110)
    left.plot(files, [r[0].ms_per_file for r in rows], marker="o", label="ours: wall")
    left.plot(
        files, [1000 * r[0].cpu_s / r[0].files for r in rows], marker="s", label="ours: client CPU"
    )
    bare_cost = [r[1].ms_per_file if r[1] else math.nan for r in rows]
    if any(math.isfinite(x) for x in bare_cost):
        left.plot(files, bare_cost, marker="^", linestyle="--", label="bare httpx: wall")
    left.set_xscale("log")
    left.set_ylim(bottom=0)
    left.set_xlabel("files in the library")
    left.set_ylabel("ms per file")
    left.set_title("Per-file cost (flat = scales linearly)")
    left.grid(True, alpha=0.3)
    left.legend()
    right.plot(files, [r[0].peak_rss_kib / 1024 for r in rows], marker="o", label="ours: peak")
    starts = []
    for scenario in sorted(
        scenarios, key=lambda s: max((r.files for r in s.runs.get("ours", [])), default=0)
    ):
        ok = [r.start_rss_kib for r in scenario.runs.get("ours", []) if r.ok]
        if ok:
            starts.append(max(ok) / 1024)
    if len(starts) == len(files):
        right.plot(files, starts, linestyle=":", marker=".", label="ours: at start (after imports)")
    right.set_xscale("log")
    right.set_ylim(bottom=0)
    right.set_xlabel("files in the library")
    right.set_ylabel("client peak RSS, MB")
    right.set_title("Client memory (flat = bounded)")
    right.grid(True, alpha=0.3)
    right.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return [path]


def plot_tuning(tuning: Any, path: Path, problems: list[str]) -> list[Path]:
    """One panel per swept setting (``tuning.curves``: name -> value -> runs)."""
    plt = pyplot(problems)
    if plt is None:
        return []
    curves: Mapping[str, Mapping[int, Sequence[Run]]] = tuning.curves
    names = [n for n, c in curves.items() if c]
    if not names:
        return []
    fig, axes = plt.subplots(1, len(names), figsize=(4.2 * len(names), 4), dpi=110, squeeze=False)
    for ax, name in zip(axes[0], names, strict=True):
        xs, mid, low, high = _curve(curves[name])
        ax.plot(xs, mid, marker="o")
        ax.fill_between(xs, low, high, alpha=0.2)
        chosen = tuning.recommendations.get(name)
        if chosen is not None:
            ax.axvline(
                chosen.value,
                color="tab:green",
                linestyle="--",
                label=f"recommended: {chosen.value}",
            )
            ax.legend()
        ax.set_xscale("log", base=2)
        ax.set_xticks(xs)
        ax.get_xaxis().set_major_formatter(plt.matplotlib.ticker.ScalarFormatter())
        ax.set_ylim(bottom=0)
        ax.set_xlabel(name)
        ax.set_ylabel("files/s")
        ax.grid(True, alpha=0.3)
    fig.suptitle(f"Upload tuning against {tuning.target}")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return [path]
