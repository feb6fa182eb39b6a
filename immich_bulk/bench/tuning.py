"""Tuning: sweep the upload settings against one server and recommend values.

Sweeps one setting at a time, each at the values recommended so far: upload
``concurrency``, then ``hash_workers``, then ``check_batch_size``. Every point uploads the
same synthetic corpus (unique random JPEGs) into the benchmark's own album
(``immich-bulk-bench-<timestamp>``), and the assets are force-deleted again (exactly those:
found by the corpus's checksums) before the next point, so every point starts from the same
server state. At the end the album is deleted too.

The recommendation per setting (:func:`~immich_bulk.bench.stats.recommend`): the smallest
value whose median throughput is within 5% of the best.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .corpus import CorpusSpec
from .stats import Recommendation, Run, recommend, summarize

if TYPE_CHECKING:
    from .suite import Suite

__all__ = ["TuneOptions", "TuneResult", "run_tuning"]

SETTINGS = ("concurrency", "hash_workers", "check_batch_size")


def _default_hash_workers() -> tuple[int, ...]:
    cpus = os.cpu_count() or 1
    return tuple(sorted({1, 2, cpus, 2 * cpus}))


@attrs.frozen(kw_only=True)
class TuneOptions:
    files: int = 400
    size: int = 250_000
    concurrency: tuple[int, ...] = (1, 2, 4, 8, 16)
    hash_workers: tuple[int, ...] = attrs.field(factory=_default_hash_workers)
    check_batch_size: tuple[int, ...] = (100, 1000, 5000)
    reps: int = 2
    tolerance: float = 0.05

    @classmethod
    def quick(cls) -> TuneOptions:
        return cls(
            files=30,
            size=20_000,
            concurrency=(1, 4),
            hash_workers=(1, 2),
            check_batch_size=(100, 1000),
            reps=1,
        )


@attrs.define(kw_only=True)
class TuneResult:
    target: str
    corpus: str
    defaults: dict[str, int]
    curves: dict[str, dict[int, list[Run]]] = attrs.field(factory=dict)
    recommendations: dict[str, Recommendation] = attrs.field(factory=dict)
    album: str = ""
    tolerance: float = 0.05

    def settings(self) -> dict[str, int]:
        chosen = dict(self.defaults)
        chosen.update({k: r.value for k, r in self.recommendations.items()})
        return chosen

    def config_line(self) -> str:
        s = self.settings()
        return (
            f"UploadConfig(concurrency={s['concurrency']}, hash_workers={s['hash_workers']}, "
            f"check_batch_size={s['check_batch_size']})"
        )

    def cli_line(self) -> str:
        s = self.settings()
        return (
            f"immich-bulk upload --concurrency {s['concurrency']} "
            f"--hash-workers {s['hash_workers']}"
        )

    def curve_table(self, name: str) -> str:
        lines = [
            f"| {name} | files/s median | min-max | MB/s | client CPU s | |",
            "|---|---|---|---|---|---|",
        ]
        chosen = self.recommendations.get(name)
        for value in sorted(self.curves.get(name, {})):
            runs = self.curves[name][value]
            s = summarize(runs)
            if s is None:
                lines.append(f"| {value} | failed | | | | |")
                continue
            rates = [r.files_per_s for r in runs if r.ok]
            mark = "recommended" if chosen is not None and chosen.value == value else ""
            lines.append(
                f"| {value} | {s.files_per_s:,.0f} | {min(rates):,.0f}-{max(rates):,.0f} "
                f"| {s.mb_per_s:.1f} | {s.cpu_s:.2f} | {mark} |"
            )
        return "\n".join(lines)

    def to_markdown(self) -> str:
        out = [
            "## Tuning",
            "",
            f"Corpus {self.corpus}, target {self.target}; each setting swept at the values "
            f"recommended before it; recommended = the smallest value within "
            f"{self.tolerance:.0%} of the best median throughput.",
            "",
        ]
        for name in SETTINGS:
            if name not in self.curves:
                continue
            rec = self.recommendations.get(name)
            out += [f"### {name}", "", self.curve_table(name), ""]
            if rec is not None:
                out += [f"Recommended {name} = **{rec.value}**: {rec.reason}.", ""]
        out += [
            f"**Recommended settings:** `{self.config_line()}`",
            f"(command line: `{self.cli_line()}`)",
        ]
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "corpus": self.corpus,
            "album": self.album,
            "defaults": self.defaults,
            "tolerance": self.tolerance,
            "settings": self.settings(),
            "recommendations": {k: attrs.asdict(v) for k, v in self.recommendations.items()},
            "curves": {
                k: {str(x): [r.to_dict() for r in runs] for x, runs in v.items()}
                for k, v in self.curves.items()
            },
        }


async def run_tuning(suite: Suite, options: TuneOptions) -> TuneResult:
    """Sweep the settings against ``suite.target`` (see the module docstring)."""
    from ..transfer.config import UploadConfig

    defaults = UploadConfig()
    current = {
        "concurrency": defaults.concurrency,
        "hash_workers": defaults.hash_workers,
        "check_batch_size": defaults.check_batch_size,
    }
    spec = CorpusSpec(name="tune", files=options.files, size=options.size)
    corpus = await suite.corpus(spec)
    result = TuneResult(
        target=suite.target.describe(),
        corpus=spec.describe(),
        defaults=dict(current),
        album=suite.album_name,
        tolerance=options.tolerance,
    )
    await suite.target.ensure_album(suite.album_name)
    sweeps = {
        "concurrency": options.concurrency,
        "hash_workers": options.hash_workers,
        "check_batch_size": options.check_batch_size,
    }
    suite.log(f"== tuning against {suite.target.describe()}, corpus {spec.describe()}")
    suite.log(f"   assets go into the album {suite.album_name!r} and are deleted afterwards")
    for name in SETTINGS:
        values = sweeps[name]
        if not values:
            continue
        curve: dict[int, list[Run]] = {}
        for rep in range(options.reps):
            order = list(values) if rep % 2 == 0 else list(reversed(values))
            for value in order:
                settings = dict(current, **{name: value})
                suite.log(
                    f" {name}={value} (repetition {rep + 1}/{options.reps}; "
                    + ", ".join(f"{k}={v}" for k, v in settings.items())
                    + ")"
                )
                await suite.reset(corpus)
                state: Path = suite.fresh("state.db")
                job = suite.job(
                    "ours-upload",
                    corpus,
                    state_path=str(state),
                    album=suite.album_name,
                    **dict[str, Any](settings),
                )
                run = await suite.measure(
                    f"{name}={value}", job, corpus, expect={"uploaded": corpus.files}
                )
                curve.setdefault(value, []).append(run)
                await suite.remove(state)
        await suite.purge(corpus)
        result.curves[name] = curve
        rates = {v: [r.files_per_s for r in runs if r.ok] for v, runs in curve.items()}
        if any(rates.values()):
            rec = recommend(rates, tolerance=options.tolerance)
            result.recommendations[name] = rec
            current[name] = rec.value
            suite.log(f"  => {name} = {rec.value}: {rec.reason}")
    suite.log(f"recommended: {result.config_line()}")
    return result
