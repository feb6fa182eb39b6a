"""Reports: a markdown table (printed and written), a JSON file, PNG plots."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .stats import ABSOLUTE, Comparison, Summary, summarize

if TYPE_CHECKING:
    from .suite import ScenarioResult, SuiteOptions, SuiteResult

__all__ = [
    "format_ratio",
    "markdown_table",
    "render_markdown",
    "write_reports",
]


def _mb(kib: float) -> str:
    return f"{kib / 1024:,.0f} MB" if kib > 0 else "-"


def _num(value: float, unit: str = "") -> str:
    if not math.isfinite(value):
        return "-"
    if value >= 100:
        text = f"{value:,.0f}"
    elif value >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip()


def format_rate(s: Summary) -> str:
    """Median throughput: ``"520 files/s, 104 MB/s"``."""
    return f"{_num(s.files_per_s, 'files/s')}, {_num(s.mb_per_s, 'MB/s')}"


def format_side(c: Comparison, s: Summary) -> str:
    """One side of a comparison, in the unit its kind compares."""
    if c.kind == "speedup":
        return format_rate(s)
    if c.kind in ("fraction", "seconds"):
        return _num(s.median_s, "s")
    if c.kind == "cpu":
        return f"CPU {_cpu(s)} s"
    if c.kind == "rss-mb":
        return f"peak RSS {_mb(s.peak_rss_kib)}"
    if c.kind == "rss-growth":
        return f"{_mb(s.peak_rss_kib)} at {s.files:,} files"
    return f"{_num(s.ms_per_file, 'ms/file')} at {s.files:,} files"


def format_ratio(c: Comparison) -> str:
    """``"0.91x (0.88-0.95, best 0.93x)"``; re-runs as a percentage of the first run."""
    if not math.isfinite(c.ratio):
        return "n/a"
    if c.kind in ("seconds", "rss-mb"):
        spec, unit = (".2f", " s") if c.kind == "seconds" else (",.0f", " MB")
        main = f"{format(c.ratio, spec)}{unit}"
        if c.paired and c.low != c.high:
            main += f" ({format(c.low, spec)}-{format(c.high, spec)}{unit})"
        return main
    if c.kind == "fraction":
        main = f"{c.ratio:.1%}"
        spread = f"{c.low:.1%}-{c.high:.1%}, " if c.paired and c.low != c.high else ""
        return f"{main} ({spread}best {c.ratio_best:.1%})"
    main = f"{c.ratio:.2f}x"
    spread = f"{c.low:.2f}-{c.high:.2f}, " if c.paired and c.low != c.high else ""
    return f"{main} ({spread}best {c.ratio_best:.2f}x)"


def format_goal(c: Comparison) -> str:
    if c.goal is None:
        return "-"
    return f"{c.goal.describe()}: {'met' if c.met else '**missed**'}"


def _cpu(s: Summary) -> str:
    return f"{s.cpu_s:.2f}" if s.cpu_s < 10 else f"{s.cpu_s:.1f}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(comparisons: Sequence[Comparison]) -> str:
    """The headline table: scenario, ours, baseline, ratio, goal, peak RSS, client CPU s."""
    lines = [
        "| scenario | ours | baseline | ratio (ours / baseline) | goal | "
        "peak RSS ours / baseline | client CPU s ours / baseline |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in comparisons:
        alone = c.kind in ABSOLUTE
        cells = [
            c.title,
            f"{c.ours.contender}: {format_side(c, c.ours)}",
            "-" if alone else f"{c.baseline.contender}: {format_side(c, c.baseline)}",
            format_ratio(c),
            format_goal(c),
            _mb(c.ours.peak_rss_kib)
            if alone
            else f"{_mb(c.ours.peak_rss_kib)} / {_mb(c.baseline.peak_rss_kib)}",
            _cpu(c.ours) if alone else f"{_cpu(c.ours)} / {_cpu(c.baseline)}",
        ]
        lines.append("| " + " | ".join(_cell(x) for x in cells) + " |")
    return "\n".join(lines)


def runs_table(scenarios: Sequence[ScenarioResult]) -> str:
    """Every contender of every scenario: wall (median, best-worst), rates, CPU, RSS."""
    lines = [
        "| scenario | contender | runs | wall s median (best-worst) | files/s | MB/s | "
        "client CPU s | peak RSS | server CPU s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for scenario in scenarios:
        for label, runs in scenario.runs.items():
            s = summarize(runs)
            if s is None:
                failed = next((r.error for r in runs if r.error), "no runs")
                reason = _cell(str(failed)[:150])
                lines.append(f"| {_cell(scenario.title)} | {label} | 0 | failed: {reason} |||||")
                continue
            server = "-" if s.server_cpu_s is None else f"{s.server_cpu_s:.2f}"
            failed = f" (+{s.failed} failed)" if s.failed else ""
            cells = [
                scenario.title,
                label,
                f"{s.n}{failed}",
                f"{s.median_s:.2f} ({s.best_s:.2f}-{s.worst_s:.2f})",
                _num(s.files_per_s),
                _num(s.mb_per_s),
                _cpu(s),
                _mb(s.peak_rss_kib),
                server,
            ]
            lines.append("| " + " | ".join(_cell(x) for x in cells) + " |")
    return "\n".join(lines)


def sweep_table(scenario: ScenarioResult) -> str:
    """A concurrency sweep: throughput per contender per setting, and ours / bare."""
    labels = list(scenario.curves)
    values = sorted({v for curve in scenario.curves.values() for v in curve})
    header = "| concurrency | " + " | ".join(f"{x} files/s" for x in labels)
    has_ratio = "ours" in labels and "bare httpx" in labels
    lines = [
        header + (" | ours / bare |" if has_ratio else " |"),
        "|---" * (len(labels) + 1 + int(has_ratio)) + "|",
    ]
    for value in values:
        cells = [str(value)]
        medians: dict[str, float] = {}
        for label in labels:
            s = summarize(scenario.curves[label].get(value, []))
            medians[label] = s.files_per_s if s else math.nan
            cells.append(_num(medians[label]))
        if has_ratio:
            ours, bare = medians["ours"], medians["bare httpx"]
            cells.append(f"{ours / bare:.2f}x" if bare and math.isfinite(bare) else "-")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def scale_table(scenarios: Sequence[ScenarioResult]) -> str:
    lines = [
        "| files | ours ms/file | ours CPU ms/file | ours peak RSS | ours RSS at start "
        "| bare httpx ms/file |",
        "|---|---|---|---|---|---|",
    ]
    for scenario in scenarios:
        ours = summarize(scenario.runs.get("ours", []))
        bare = summarize(scenario.runs.get("bare httpx", []))
        if ours is None:
            continue
        start = max((r.start_rss_kib for r in scenario.runs["ours"] if r.ok), default=0)
        cells = [
            f"{ours.files:,}",
            _num(ours.ms_per_file),
            _num(1000 * ours.cpu_s / ours.files),
            _mb(ours.peak_rss_kib),
            _mb(start),
            _num(bare.ms_per_file) if bare else "-",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _gb(value: Any) -> str:
    return f"{value / 1e9:.0f} GB" if isinstance(value, (int, float)) else "?"


def environment_lines(env: dict[str, Any]) -> list[str]:
    v = env.get("versions", {})
    versions = ", ".join(
        f"{name} {v.get(key) or 'not installed'}"
        for name, key in (
            ("immich_bulk", "immich_bulk"),
            ("httpx", "httpx"),
            ("anyio", "anyio"),
            ("immichpy", "immichpy"),
        )
    )
    if v.get("official_cli"):
        versions += f", official Immich CLI {v['official_cli']}"
    lines = [
        f"- command: `{env.get('command') or '?'}`",
        f"- date: {env.get('date', '?')}",
        f"- machine: {env.get('cpus', '?')} CPUs ({env.get('cpu_model', '?')}), "
        f"{_gb(env.get('memory_bytes'))} RAM, {env.get('platform', '?')}",
        f"- versions: Python {env.get('python', '?')}, {versions}; "
        f"{v.get('sha1sum') or 'no sha1sum'}",
        f"- target: {env.get('target', '?')}" + (f"; {env['resets']}" if env.get("resets") else ""),
        f"- load average (1, 5, 15 min): {env.get('load_average_start', '?')} at the start, "
        f"{env.get('load_average_end', '?')} at the end",
        f"- method: each measured client is a fresh subprocess; repetitions per contender: "
        f"{env.get('repetitions', '?')}, interleaved (order rotated); ratio = median of the paired "
        f"ratios (range, best-of); concurrency {env.get('concurrency', '?')} for every contender",
    ]
    return lines


def render_markdown(result: SuiteResult) -> str:
    env = result.environment
    title = "immich_bulk benchmarks" + (" (--quick: smoke sizes)" if env.get("quick") else "")
    out = [f"# {title}", ""]
    out += environment_lines(env)
    out.append(f"- duration: {result.seconds / 60:.1f} min")
    out.append("")
    if result.comparisons:
        out += ["## Results", "", markdown_table(result.comparisons), ""]
    sweeps = [s for s in result.scenarios if s.curves]
    for scenario in sweeps:
        out += [f"## {scenario.title}", "", sweep_table(scenario), ""]
    scale = [s for s in result.scenarios if s.key.startswith("scale-") and s.runs]
    if scale:
        out += ["## Scale series (tiny files)", "", scale_table(scale), ""]
    ran = [s for s in result.scenarios if s.runs]
    if ran:
        out += ["## All runs", "", runs_table(ran), ""]
    notes = list(result.notes)
    for scenario in result.scenarios:
        if scenario.error:
            notes.append(f"{scenario.key}: failed: {scenario.error}")
        notes += [f"{scenario.key}: {n}" for n in scenario.notes]
    if result.tuning is not None:
        out += [result.tuning.to_markdown(), ""]
    if notes:
        out += ["## Notes", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(out)


def write_reports(
    result: SuiteResult, out_dir: Path, options: SuiteOptions | None = None
) -> list[Path]:
    """The plots (where matplotlib is installed), ``results.md`` and ``results.json``."""
    from .plots import plot_concurrency, plot_scale, plot_tuning

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    problems: list[str] = []
    if options is None or options.plots:
        sweep = result.scenario("concurrency")
        if sweep is not None and sweep.curves:
            written += plot_concurrency(
                {k: v for k, v in sweep.curves.items()}, out_dir / "concurrency.png", problems
            )
        scale = [s for s in result.scenarios if s.key.startswith("scale-") and s.runs]
        if scale:
            written += plot_scale(scale, out_dir / "scale.png", problems)
        if result.tuning is not None:
            written += plot_tuning(result.tuning, out_dir / "tuning.png", problems)
    for problem in dict.fromkeys(problems):
        if problem not in result.notes:
            result.notes.append(problem)
            if options is not None:
                options.log(f"note: {problem}")
    md = out_dir / "results.md"
    md.write_text(render_markdown(result), encoding="utf-8")
    js = out_dir / "results.json"
    js.write_text(json.dumps(result.to_dict(), indent=2, default=str), encoding="utf-8")
    return [md, js, *written]
