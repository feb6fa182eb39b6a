"""Report formatting: the markdown table, the JSON file, ratio texts."""

from __future__ import annotations

import json
from pathlib import Path

from immich_bulk.bench.cli import redact_command
from immich_bulk.bench.report import (
    format_ratio,
    markdown_table,
    render_markdown,
    runs_table,
    scale_table,
    sweep_table,
    write_reports,
)
from immich_bulk.bench.stats import Goal, Run, compare
from immich_bulk.bench.suite import ScenarioResult, SuiteOptions, SuiteResult


def run(
    who: str,
    wall: float,
    *,
    files: int = 2000,
    rss: int = 60 * 1024,
    cpu: float = 3.0,
    error: str | None = None,
) -> Run:
    return Run(
        contender=who,
        wall_s=wall,
        cpu_s=cpu,
        peak_rss_kib=rss,
        files=files,
        bytes=files * 200_000,
        error=error,
    )


def upload_scenario() -> ScenarioResult:
    s = ScenarioResult(key="upload-small", title="upload 2,000 x 200 KB", corpus="2,000 x 200 KB")
    s.runs = {
        "ours": [run("ours", 4.0), run("ours", 4.4)],
        "bare httpx": [
            run("bare httpx", 4.0, rss=420 * 1024, cpu=1.5),
            run("bare httpx", 4.0, rss=420 * 1024, cpu=1.5),
        ],
    }
    c = compare(
        "upload-small",
        s.title,
        "speedup",
        s.runs["ours"],
        s.runs["bare httpx"],
        Goal(threshold=0.9, text=">= 0.9x"),
    )
    assert c is not None
    s.comparisons.append(c)
    return s


def test_markdown_table_has_the_columns_and_values() -> None:
    s = upload_scenario()
    table = markdown_table(s.comparisons)
    lines = table.splitlines()
    assert lines[0].startswith("| scenario | ours | baseline | ratio")
    assert "peak RSS" in lines[0] and "client CPU s" in lines[0]
    row = lines[2]
    assert row.count("|") == 8
    assert "upload 2,000 x 200 KB" in row
    assert "ours: 476 files/s, 95.2 MB/s" in row  # median 4.2 s
    assert "bare httpx: 500 files/s, 100 MB/s" in row
    assert "0.95x (0.91-1.00, best 1.00x)" in row
    assert ">= 0.9x: met" in row
    assert "60 MB / 420 MB" in row
    assert "3.00 / 1.50" in row


def test_missed_goals_stand_out_and_fractions_are_percentages() -> None:
    rerun = [run("ours (re-run)", 0.3), run("ours (re-run)", 0.2)]
    first = [run("ours (first run)", 4.0), run("ours (first run)", 4.0)]
    c = compare(
        "upload-rerun",
        "re-run",
        "fraction",
        rerun,
        first,
        Goal(threshold=0.05, at_least=False, text="< 5%"),
    )
    assert c is not None
    assert format_ratio(c) == "6.2% (5.0%-7.5%, best 5.0%)"
    assert "< 5%: **missed**" in markdown_table([c])


def test_runs_table_reports_failures() -> None:
    s = upload_scenario()
    s.runs["immichpy"] = [run("immichpy", 1.0, error="ImportError: no immichpy")]
    table = runs_table([s])
    assert "failed: ImportError: no immichpy" in table
    assert "| upload 2,000 x 200 KB | ours | 2 | 4.20 (4.00-4.40) |" in table


def test_sweep_and_scale_tables() -> None:
    sweep = ScenarioResult(key="concurrency", title="sweep")
    sweep.curves = {
        "ours": {1: [run("ours", 10.0)], 4: [run("ours", 4.0)]},
        "bare httpx": {1: [run("bare httpx", 8.0)], 4: [run("bare httpx", 4.0)]},
    }
    table = sweep_table(sweep)
    assert "| 1 | 200 | 250 | 0.80x |" in table
    assert "| 4 | 500 | 500 | 1.00x |" in table
    scale = ScenarioResult(key="scale-1k", title="scale")
    scale.runs = {
        "ours": [run("ours", 2.0, files=1000, cpu=1.0)],
        "bare httpx": [run("bare httpx", 1.0, files=1000)],
    }
    assert "| 1,000 | 2.00 | 1.00 | 60 MB |" in scale_table([scale])


def test_reports_are_written_and_json_is_complete(tmp_path: Path) -> None:
    s = upload_scenario()
    result = SuiteResult(
        environment={"command": "python -m benchmarks", "cpus": 2, "versions": {"httpx": "0.28.1"}},
        scenarios=[s],
        comparisons=list(s.comparisons),
        seconds=12.0,
    )
    written = write_reports(result, tmp_path, SuiteOptions(plots=False, log=lambda m: None))
    assert {p.name for p in written} == {"results.md", "results.json"}
    md = (tmp_path / "results.md").read_text()
    assert "- command: `python -m benchmarks`" in md
    assert "## Results" in md and "## All runs" in md
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["comparisons"][0]["met"] is True
    assert data["comparisons"][0]["ratio"] == s.comparisons[0].ratio
    assert len(data["scenarios"][0]["runs"]["ours"]) == 2
    assert render_markdown(result) == md


def test_plots_are_written_or_skipped_with_a_note(tmp_path: Path) -> None:
    sweep = ScenarioResult(key="concurrency", title="sweep")
    sweep.curves = {"ours": {1: [run("ours", 10.0)], 4: [run("ours", 4.0)]}}
    result = SuiteResult(environment={}, scenarios=[sweep])
    written = write_reports(result, tmp_path, SuiteOptions(log=lambda m: None))
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert any("matplotlib is not installed" in n for n in result.notes)
    else:
        assert (tmp_path / "concurrency.png") in written
        assert (tmp_path / "concurrency.png").read_bytes()[:4] == b"\x89PNG"


def test_the_api_key_never_reaches_the_report() -> None:
    assert redact_command(["--url", "http://x", "--key", "s3cret", "--quick"]) == (
        "--url http://x --key '***' --quick"
    )
    assert "s3cret" not in redact_command(["--api-key=s3cret"])
    assert "s3cret" not in repr(SuiteOptions(api_key="s3cret"))


def test_absolute_and_cpu_rows() -> None:
    reruns = [run("ours (command re-run)", 0.52, cpu=0.5), run("ours (command re-run)", 0.58)]
    goal = Goal(threshold=0.3, at_least=False, text="<= 0.3 s")
    seconds = compare("reupload", "re-upload", "seconds", reruns, [], goal)
    assert seconds is not None
    assert format_ratio(seconds) == "0.55 s (0.52-0.58 s)"
    row = markdown_table([seconds]).splitlines()[2]
    assert "| ours (command re-run): 0.55 s | - | 0.55 s (0.52-0.58 s) |" in row
    assert "| <= 0.3 s: **missed** |" in row
    assert row.endswith("| 60 MB | 1.75 |")
    rss = compare("upload-1gb", "1 GB", "rss-mb", [run("ours", 7.5, files=1, rss=54 * 1024)], [])
    assert rss is not None and format_ratio(rss) == "54 MB"
    cpu = compare("export", "e", "cpu", [run("ours", 3.0, cpu=2.4)], [run("bare", 2.5, cpu=1.2)])
    assert cpu is not None
    assert "ours: CPU 2.40 s | bare: CPU 1.20 s | 2.00x" in markdown_table([cpu])


def test_environment_lines_name_the_cli_the_load_and_the_resets() -> None:
    result = SuiteResult(
        environment={
            "versions": {"official_cli": "2.7.5"},
            "load_average_start": "4.00 5.00 6.00",
            "load_average_end": "5.00 5.00 6.00",
            "resets": "40 resets, 8.1 s each on average (not timed)",
            "target": "Immich server at http://127.0.0.1:2287/api",
        }
    )
    md = render_markdown(result)
    assert "official Immich CLI 2.7.5" in md
    assert "4.00 5.00 6.00 at the start, 5.00 5.00 6.00 at the end" in md
    assert "2287/api; 40 resets" in md
