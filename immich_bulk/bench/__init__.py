"""Benchmarks of the transfer engine against baselines measured in the same run.

``python -m benchmarks`` / ``immich-bulk bench`` run the standard scenarios (uploads,
re-runs, hashing, downloads, a concurrency sweep, the scale series) against a local
FakeImmich subprocess or any Immich server, and write a markdown table, a JSON file and
PNG plots; ``--tune`` sweeps the upload settings and recommends values. Every number is a
ratio against a baseline measured in the same run on the same machine: a bare httpx loop
(the practical limit), immichpy 4.2.3 and ``sha1sum``. See ``docs/benchmarks.md``.

Library use::

    from immich_bulk.bench import SuiteOptions, TuneOptions, run_suite

    result = anyio.run(run_suite, SuiteOptions(scenarios=("upload-small",), quick=True))
    for comparison in result.comparisons:
        print(comparison.title, comparison.ratio, comparison.met)

Only anyio, attrs and the SDK are needed; immichpy (a baseline), matplotlib (plots) and
psutil are optional (the ``bench`` extra) and their absence is reported, not fatal.
"""

from __future__ import annotations

from .cli import main
from .stats import Comparison, Goal, Recommendation, Run, Summary, compare, recommend, summarize
from .suite import (
    ALIASES,
    SCENARIOS,
    ScenarioResult,
    SuiteOptions,
    SuiteResult,
    expand_scenarios,
    run_suite,
)
from .target import BenchError, Target
from .tuning import TuneOptions, TuneResult, run_tuning

__all__ = [
    "ALIASES",
    "SCENARIOS",
    "BenchError",
    "Comparison",
    "Goal",
    "Recommendation",
    "Run",
    "ScenarioResult",
    "SuiteOptions",
    "SuiteResult",
    "Summary",
    "Target",
    "TuneOptions",
    "TuneResult",
    "compare",
    "expand_scenarios",
    "main",
    "recommend",
    "run_suite",
    "run_tuning",
    "summarize",
]
