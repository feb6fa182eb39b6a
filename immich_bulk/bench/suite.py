"""The standard scenarios, run against one server, every result a ratio to a baseline.

Each scenario writes (or reuses) a synthetic corpus, then runs its contenders as child
processes (:mod:`.jobs`), repetition by repetition, rotating their order so each
contender sees each position and each repetition's runs share the machine's state at
that moment. Between two upload runs the server is purged of the corpus (by checksum;
see :class:`~.target.Target`), so every upload starts from the same server state.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.metadata
import importlib.util
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
import attrs

from .commands import find_official_cli, official_cli_version
from .corpus import Corpus, CorpusSpec, drop_caches_hint, human_size, write_corpus
from .jobs import Job, run_child, to_run
from .real import SCENARIOS_REAL, RealScenarios, run_real_scenario, title_of
from .stats import Comparison, Goal, Kind, Run, compare
from .target import BenchError, Target, available_cpus

__all__ = [
    "ALIASES",
    "QUICK",
    "SCENARIOS",
    "STANDARD",
    "ScenarioResult",
    "Sizes",
    "SuiteOptions",
    "SuiteResult",
    "expand_scenarios",
    "run_suite",
]

OURS = "ours"
BARE = "bare httpx"

#: Goals from the issue (ratios "ours / baseline", see :mod:`.stats`).
GOAL_UPLOAD_BARE = Goal(threshold=0.9, text=">= 0.9x")
GOAL_UPLOAD_IMMICHPY = Goal(threshold=2.0, text=">= 2x")
GOAL_DOWNLOAD_BARE = Goal(threshold=0.9, text=">= 0.9x")
GOAL_DOWNLOAD_IMMICHPY = Goal(threshold=1.5, text=">= 1.5x")
GOAL_RERUN = Goal(threshold=0.05, at_least=False, text="< 5% of a first run")
GOAL_HASH = Goal(threshold=0.9, text=">= 0.9x")
GOAL_FLAT = Goal(threshold=1.2, at_least=False, text="flat: <= 1.2x")
GOAL_ADAPTIVE = Goal(threshold=0.9, text=">= 0.9x the best fixed setting")


@attrs.frozen(kw_only=True)
class Sizes:
    small: CorpusSpec
    large: CorpusSpec
    sweep: CorpusSpec
    scale: tuple[CorpusSpec, CorpusSpec, CorpusSpec]
    sweep_values: tuple[int, ...]
    reps: int
    photos: CorpusSpec
    """The real-server table's library: 1,000 photos and 20 byte-identical copies."""
    huge: CorpusSpec
    noop: CorpusSpec
    """The no-op re-run of a large journaled library."""


STANDARD = Sizes(
    small=CorpusSpec(name="small", files=2000, size=200_000),
    large=CorpusSpec(name="large", files=20, size=50_000_000),
    sweep=CorpusSpec(name="sweep", files=500, size=200_000),
    scale=(
        CorpusSpec(name="scale-1k", files=1_000, size=2_000),
        CorpusSpec(name="scale-10k", files=10_000, size=2_000),
        CorpusSpec(name="scale-100k", files=100_000, size=2_000),
    ),
    sweep_values=(1, 2, 4, 8, 16),
    reps=3,
    photos=CorpusSpec(name="photos", files=1000, size=180_000, copies=20),
    huge=CorpusSpec(name="huge", files=1, size=1_000_000_000),
    noop=CorpusSpec(name="noop-100k", files=100_000, size=2_000),
)

QUICK = Sizes(
    small=CorpusSpec(name="small", files=40, size=20_000),
    large=CorpusSpec(name="large", files=2, size=2_000_000),
    sweep=CorpusSpec(name="sweep", files=30, size=20_000),
    scale=(
        CorpusSpec(name="scale-1k", files=50, size=2_000),
        CorpusSpec(name="scale-10k", files=100, size=2_000),
        CorpusSpec(name="scale-100k", files=200, size=2_000),
    ),
    sweep_values=(1, 4),
    reps=1,
    photos=CorpusSpec(name="photos", files=20, size=20_000, copies=2),
    huge=CorpusSpec(name="huge", files=1, size=3_000_000),
    noop=CorpusSpec(name="noop-100k", files=200, size=2_000),
)

#: Scenario key -> one-line description (standard sizes): the suite against the local
#: fake (the CI-friendly table), then the real-server table (:mod:`.real`).
SCENARIOS: dict[str, str] = {
    "upload-small": "upload 2,000 x 200 KB: ours vs a bare httpx loop vs immichpy",
    "upload-large": "upload 20 x 50 MB: ours vs a bare httpx loop vs immichpy",
    "upload-rerun": "re-run an upload (all duplicates, with the state file) vs its first run",
    "hash-small": "hash 2,000 x 200 KB: the upload engine's hasher vs sha1sum",
    "hash-large": "hash 20 x 50 MB: the upload engine's hasher vs sha1sum",
    "download": "download 2,000 originals: our export vs a bare httpx loop vs immichpy",
    "export-rerun": "re-run an export (downloads nothing) vs its first run",
    "concurrency": "upload throughput vs concurrency (1..16), ours / bare / immichpy",
    "scale-1k": "upload 1,000 tiny files: per-file cost and peak RSS",
    "scale-10k": "upload 10,000 tiny files: per-file cost and peak RSS",
    "scale-100k": "upload 100,000 tiny files: per-file cost and peak RSS (minutes)",
}
STANDARD_SCENARIOS = tuple(SCENARIOS)
SCENARIOS.update(SCENARIOS_REAL)

ALIASES: dict[str, tuple[str, ...]] = {
    "all": tuple(SCENARIOS),
    "standard": STANDARD_SCENARIOS,
    "real": tuple(SCENARIOS_REAL),
    "upload": ("upload-small", "upload-large", "upload-rerun"),
    "hash": ("hash-small", "hash-large"),
    "downloads": ("download", "export-rerun"),
    "scale": ("scale-1k", "scale-10k", "scale-100k"),
}


def expand_scenarios(names: Sequence[str]) -> tuple[str, ...]:
    """Scenario keys from user input (keys and aliases, comma lists), in suite order."""
    wanted: set[str] = set()
    for raw in names:
        for name in (n.strip() for n in raw.split(",")):
            if not name:
                continue
            if name in ALIASES:
                wanted.update(ALIASES[name])
            elif name in SCENARIOS:
                wanted.add(name)
            else:
                known = ", ".join([*SCENARIOS, *ALIASES])
                raise ValueError(f"unknown scenario {name!r} (known: {known})")
    return tuple(k for k in SCENARIOS if k in wanted)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@attrs.frozen(kw_only=True)
class SuiteOptions:
    url: str | None = None
    """The server (None: a FakeImmich subprocess on a throwaway data directory)."""
    api_key: str | None = attrs.field(default=None, repr=False)
    key_file: Path | None = None
    """Read the key from this file (again after every reset)."""
    reset_cmd: str | None = None
    """A shell command that replaces the server at ``url`` by a fresh one (throwaway
    servers only): run before every measured upload, never timed."""
    insecure: bool = False
    scenarios: tuple[str, ...] = STANDARD_SCENARIOS
    quick: bool = False
    repeat: int | None = None
    """Repetitions per contender (default: 3, or 1 with ``quick``)."""
    concurrency: int = 4
    """Uploads/downloads in flight, the same for every contender."""
    out_dir: Path | None = Path("benchmarks/out")
    """Where reports go (None: nowhere)."""
    work_dir: Path | None = None
    """Where corpora and downloads go (default: a new temporary directory)."""
    keep_work: bool = False
    immichpy: bool = True
    """Measure immichpy too (when it is installed)."""
    official_cli: bool = True
    """Measure the official Immich CLI too (when it is found and runs)."""
    official_cli_command: str | None = None
    """The official CLI's command line (default: ``immich`` on ``PATH``)."""
    pin: bool = True
    """Pin the local fake server to one CPU and the clients to the others."""
    plots: bool = True
    backend: str = "asyncio"
    """Async backend of our contenders."""
    command: str = ""
    """The command line, for the report."""
    log: Callable[[str], None] = _stderr

    @property
    def sizes(self) -> Sizes:
        return QUICK if self.quick else STANDARD

    @property
    def reps(self) -> int:
        return self.repeat if self.repeat is not None else self.sizes.reps


@attrs.define(kw_only=True)
class ScenarioResult:
    key: str
    title: str
    corpus: str = ""
    runs: dict[str, list[Run]] = attrs.field(factory=dict)
    comparisons: list[Comparison] = attrs.field(factory=list)
    notes: list[str] = attrs.field(factory=list)
    seconds: float = 0.0
    curves: dict[str, dict[int, list[Run]]] = attrs.field(factory=dict)
    """Sweeps: contender -> setting -> runs."""
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "corpus": self.corpus,
            "seconds": self.seconds,
            "error": self.error,
            "notes": list(self.notes),
            "runs": {k: [r.to_dict() for r in v] for k, v in self.runs.items()},
            "comparisons": [c.to_dict() for c in self.comparisons],
            "curves": {
                k: {str(x): [r.to_dict() for r in runs] for x, runs in v.items()}
                for k, v in self.curves.items()
            },
        }


@attrs.define(kw_only=True)
class SuiteResult:
    environment: dict[str, Any]
    scenarios: list[ScenarioResult] = attrs.field(factory=list)
    comparisons: list[Comparison] = attrs.field(factory=list)
    """Every comparison (per scenario, plus those across the scale series)."""
    notes: list[str] = attrs.field(factory=list)
    seconds: float = 0.0
    tuning: Any = None
    """A :class:`~.tuning.TuneResult` when the run tuned."""

    def scenario(self, key: str) -> ScenarioResult | None:
        return next((s for s in self.scenarios if s.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "environment": self.environment,
            "seconds": self.seconds,
            "notes": list(self.notes),
            "comparisons": [c.to_dict() for c in self.comparisons],
            "scenarios": [s.to_dict() for s in self.scenarios],
            "tuning": None if self.tuning is None else self.tuning.to_dict(),
        }


# ---------------------------------------------------------------------- environment


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def immichpy_version() -> str | None:
    """The installed immichpy's version (None when it cannot be imported)."""
    if importlib.util.find_spec("immichpy") is None:
        return None
    return _version("immichpy") or "?"


def _memory_bytes() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _sha1sum_version() -> str | None:
    exe = shutil.which("sha1sum")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "?"
    return (out.stdout.splitlines() or ["?"])[0]


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except (OSError, AttributeError):
        return "?"


def environment(options: SuiteOptions, target: str = "") -> dict[str, Any]:
    from .. import __version__

    return {
        "load_average_start": load_average(),
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": options.command,
        "quick": options.quick,
        "repetitions": options.reps,
        "concurrency": options.concurrency,
        "target": target,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "cpus_usable": len(available_cpus()),
        "cpu_model": _cpu_model(),
        "memory_bytes": _memory_bytes(),
        "versions": {
            "immich_bulk": __version__,
            "httpx": _version("httpx"),
            "anyio": _version("anyio"),
            "immichpy": immichpy_version(),
            "sha1sum": _sha1sum_version(),
        },
    }


# ---------------------------------------------------------------------- the suite


class Suite:
    """One suite run: the target, the corpora, the results."""

    def __init__(self, options: SuiteOptions, target: Target, work: Path) -> None:
        self.options = options
        self.target = target
        self.work = work
        self.corpora: dict[str, Corpus] = {}
        self.results: list[ScenarioResult] = []
        self.notes: list[str] = []
        self.log = options.log
        version = immichpy_version() if options.immichpy else None
        self.immichpy_label = f"immichpy {version}" if version else None
        if options.immichpy and version is None:
            self.note("immichpy is not installed: its baselines are skipped "
                      "(pip install 'immich-bulk[bench]')")  # fmt: skip
        self.sha1sum = shutil.which("sha1sum") is not None
        self._download_ready: tuple[Corpus, list[str], int] | None = None
        self._counter = 0
        self.album_name = album_name()
        self.official_cli: list[str] | None = None
        self.cli_label = "official CLI"
        self.official_cli_version: str | None = None
        if options.official_cli and any(k in SCENARIOS_REAL for k in options.scenarios):
            self._find_official_cli()
        self.real = RealScenarios(self)

    def _find_official_cli(self) -> None:
        cli = find_official_cli(self.options.official_cli_command)
        if cli is None:
            self.note("the official Immich CLI (immich) is not on PATH: its baselines are "
                      "skipped (npm install -g @immich/cli, or --immich-cli PATH)")  # fmt: skip
            return
        version, problem = official_cli_version(cli)
        if version is None:
            self.note(f"the official Immich CLI cannot run, its baselines are skipped: {problem}")
            return
        self.official_cli = cli
        self.official_cli_version = version
        self.cli_label = f"official CLI {version}"

    def note(self, text: str) -> None:
        self.notes.append(text)
        self.log(f"note: {text}")

    # -- helpers ------------------------------------------------------------------------
    def fresh(self, stem: str) -> Path:
        self._counter += 1
        return self.work / f"{stem}-{self._counter}"

    async def remove(self, *paths: Path) -> None:
        def rm() -> None:
            for path in paths:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                        p.unlink(missing_ok=True)

        await anyio.to_thread.run_sync(rm)

    async def corpus(self, spec: CorpusSpec) -> Corpus:
        found = self.corpora.get(spec.name)
        if found is not None:
            return found
        self.log(f"writing corpus {spec.name}: {spec.describe()} ...")
        started = time.monotonic()
        corpus = await anyio.to_thread.run_sync(write_corpus, spec, self.work / "corpora")
        self.log(f"  written in {time.monotonic() - started:.1f} s")
        self.corpora[spec.name] = corpus
        return corpus

    def job(
        self,
        contender: str,
        corpus: Corpus | None = None,
        *,
        target: Target | None = None,
        **kwargs: Any,
    ) -> Job:
        """A job against *target* (default: the suite's), with its current key."""
        target = target or self.target
        base: dict[str, Any] = {
            "contender": contender,
            "url": target.url,
            "api_key": target.api_key,
            "insecure": target.insecure,
            "concurrency": self.options.concurrency,
            "cpus": target.client_cpus,
            "backend": self.options.backend,
        }
        if corpus is not None:
            base.update(corpus=str(corpus.root), manifest=str(corpus.manifest))
        base.update(kwargs)
        return Job(**base)

    async def measure(
        self,
        label: str,
        job: Job,
        corpus: Corpus,
        *,
        expect: Mapping[str, int] | None = None,
        server: bool = True,
    ) -> Run:
        await anyio.to_thread.run_sync(drop_caches_hint)
        before = self.target.server_cpu() if server else None
        result = await run_child(job)
        after = self.target.server_cpu() if server else None
        error = None if result.error else check_expected(result.detail, expect)
        run = to_run(
            result,
            contender=label,
            files=corpus.files,
            size=corpus.bytes,
            server_cpu_s=after - before if before is not None and after is not None else None,
            error=error,
        )
        if run.ok:
            server_text = (
                f", server CPU {run.server_cpu_s:.1f} s" if run.server_cpu_s is not None else ""
            )
            self.log(
                f"  {label:<22} {run.wall_s:8.2f} s  {run.files_per_s:8.0f} files/s "
                f"{run.mb_per_s:7.1f} MB/s  CPU {run.cpu_s:6.2f} s  "
                f"RSS {run.peak_rss_kib / 1024:6.0f} MB{server_text}"
            )
        else:
            self.log(f"  {label:<22} FAILED: {run.error}")
        return run

    async def purge(self, corpus: Corpus) -> None:
        """Delete the corpus's assets from the server (the cleanup after a scenario)."""
        await self.target.purge(corpus.checksums())

    async def reset(self, corpus: Corpus) -> None:
        """Before a measured upload: a fresh fake server, or a real one purged of the corpus."""
        await self.target.reset(corpus.checksums())

    async def remember_in_album(self, corpus: Corpus) -> None:
        """On a real server, put what a run created in the benchmark's album (so it can be
        found should the benchmark die before cleaning up)."""
        if self.target.fresh_per_run:
            return  # the next reset removes it anyway
        await self.target.ensure_album(self.album_name)
        await self.target.add_to_album(await self.target.asset_ids(corpus.checksums()))

    async def interleave(
        self,
        corpus: Corpus,
        jobs: Mapping[str, Callable[[int], Job]],
        reps: int,
        *,
        expect: Mapping[str, Mapping[str, int]] | None = None,
        before: Callable[[], Awaitable[None]] | None = None,
        after: Callable[[str, Job], Awaitable[None]] | None = None,
        check: Callable[[str, Run], Awaitable[Run]] | None = None,
        server: bool = True,
    ) -> dict[str, list[Run]]:
        """Every contender once per repetition, in an order rotated per repetition.

        *before* runs before each measured run (untimed: e.g. a fresh server), the job is
        built after it (so it carries the key of a reset server), *check* may fail a run
        after it (e.g. the server does not hold what it should), *after* cleans up.
        """
        labels = list(jobs)
        runs: dict[str, list[Run]] = {label: [] for label in labels}
        for rep in range(reps):
            shift = rep % len(labels)
            self.log(f" repetition {rep + 1}/{reps}")
            for label in labels[shift:] + labels[:shift]:
                if before is not None:
                    await before()
                job = jobs[label](rep)
                wanted = (expect or {}).get(label)
                run = await self.measure(label, job, corpus, expect=wanted, server=server)
                if check is not None:
                    run = await check(label, run)
                runs[label].append(run)
                if after is not None:
                    await after(label, job)
        return runs

    # -- scenarios ----------------------------------------------------------------------
    async def upload(self, key: str, spec: CorpusSpec) -> ScenarioResult:
        corpus = await self.corpus(spec)
        title = f"upload {spec.describe()}"
        result = ScenarioResult(key=key, title=title, corpus=spec.describe())

        def ours(rep: int) -> Job:
            return self.job("ours-upload", corpus, state_path=str(self.fresh("state.db")))

        jobs: dict[str, Callable[[int], Job]] = {
            OURS: ours,
            BARE: lambda rep: self.job("bare-upload", corpus),
        }
        if self.immichpy_label:
            jobs[self.immichpy_label] = lambda rep: self.job("immichpy-upload", corpus)

        async def before() -> None:
            await self.reset(corpus)

        async def after(label: str, job: Job) -> None:
            await self.remember_in_album(corpus)
            if job.state_path:
                await self.remove(Path(job.state_path))

        expect = {label: {"uploaded": corpus.files} for label in jobs}
        result.runs = await self.interleave(
            corpus, jobs, self.options.reps, expect=expect, before=before, after=after
        )
        await self.purge(corpus)
        self._compare(result, OURS, BARE, "speedup", GOAL_UPLOAD_BARE)
        if self.immichpy_label:
            self._compare(result, OURS, self.immichpy_label, "speedup", GOAL_UPLOAD_IMMICHPY)
        return result

    async def upload_rerun(self, key: str) -> ScenarioResult:
        spec = self.options.sizes.small
        corpus = await self.corpus(spec)
        first, rerun = f"{OURS} (first run)", f"{OURS} (re-run)"
        theirs = f"{self.immichpy_label} (re-run)" if self.immichpy_label else None
        result = ScenarioResult(
            key=key,
            title=f"upload re-run, {spec.describe()} (all duplicates, with the state file)",
            corpus=spec.describe(),
        )
        result.runs = {first: [], rerun: []}
        if theirs:
            result.runs[theirs] = []
        for rep in range(self.options.reps):
            self.log(f" repetition {rep + 1}/{self.options.reps}")
            await self.reset(corpus)
            state = self.fresh("state.db")
            job = self.job("ours-upload", corpus, state_path=str(state))
            result.runs[first].append(
                await self.measure(first, job, corpus, expect={"uploaded": corpus.files})
            )
            await self.remember_in_album(corpus)
            result.runs[rerun].append(
                await self.measure(rerun, job, corpus, expect={"duplicate": corpus.files})
            )
            if theirs:
                result.runs[theirs].append(
                    await self.measure(
                        theirs,
                        self.job("immichpy-upload", corpus),
                        corpus,
                        expect={"duplicate": corpus.files},
                    )
                )
            await self.remove(state)
        await self.purge(corpus)
        self._compare(result, rerun, first, "fraction", GOAL_RERUN)
        if theirs:
            self._compare(result, rerun, theirs, "speedup", None)
        return result

    async def hashing(self, key: str, spec: CorpusSpec) -> ScenarioResult:
        corpus = await self.corpus(spec)
        workers = len(available_cpus())
        result = ScenarioResult(
            key=key, title=f"hash {spec.describe()} ({workers} workers)", corpus=spec.describe()
        )
        if not self.sha1sum:
            result.notes.append("sha1sum is not installed: no baseline")
        ours_label = f"{OURS} (Hasher)"
        theirs_label = f"sha1sum x{workers}"
        jobs: dict[str, Callable[[int], Job]] = {
            ours_label: lambda rep: self.job("ours-hash", corpus, hash_workers=workers, cpus=None),
        }
        if self.sha1sum:
            jobs[theirs_label] = lambda rep: self.job(
                "sha1sum", corpus, hash_workers=workers, cpus=None
            )
        expect = {label: {"hashed": corpus.files, "mismatches": 0} for label in jobs}
        result.runs = await self.interleave(
            corpus, jobs, self.options.reps, expect=expect, server=False
        )
        if self.sha1sum:
            self._compare(result, ours_label, theirs_label, "speedup", GOAL_HASH)
        return result

    async def _download_setup(self) -> tuple[Corpus, list[str]]:
        ready = self._download_ready
        if ready is not None and ready[2] == self.target.generation:
            return ready[0], ready[1]
        corpus = await self.corpus(self.options.sizes.small)
        self.log(f"uploading {corpus.spec.describe()} for the download scenarios (not timed)")
        await self.reset(corpus)
        setup = await run_child(self.job("bare-upload", corpus))
        if setup.error:
            raise BenchError(f"could not upload the download corpus: {setup.error}")
        ids = await self.target.asset_ids(corpus.checksums())
        if len(ids) != corpus.files:
            raise BenchError(f"the server holds {len(ids)} of {corpus.files} corpus files")
        await self.target.ensure_album(self.album_name)
        await self.target.add_to_album(ids)
        self._download_ready = (corpus, ids, self.target.generation)
        return corpus, ids

    async def download_done(self) -> None:
        if self._download_ready is not None:
            corpus = self._download_ready[0]
            self._download_ready = None
            await self.purge(corpus)

    async def download(self, key: str) -> ScenarioResult:
        corpus, ids = await self._download_setup()
        album = self.target.album_id
        ids_file = self.work / "download-ids.txt"
        await anyio.Path(ids_file).write_text("\n".join(ids) + "\n")
        result = ScenarioResult(
            key=key,
            title=f"download {corpus.files:,} originals ({human_size(corpus.spec.size)})",
            corpus=corpus.spec.describe(),
        )
        ours_label = f"{OURS} (export)"
        unsynced_label = f"{OURS} (export, fsync off)"

        def ours(rep: int, fsync: bool | None = None) -> Job:
            return self.job(
                "ours-export",
                corpus,
                album=album,
                dest=str(self.fresh("dest")),
                state_path=str(self.fresh("export-state.db")),
                fsync=fsync,
            )

        jobs: dict[str, Callable[[int], Job]] = {
            ours_label: ours,
            # a diagnostic: the same export without an fsync per file (what it costs)
            unsynced_label: lambda rep: ours(rep, fsync=False),
            BARE: lambda rep: self.job(
                "bare-download", corpus, ids_file=str(ids_file), dest=str(self.fresh("dest"))
            ),
        }
        if self.immichpy_label:
            jobs[self.immichpy_label] = lambda rep: self.job(
                "immichpy-download", corpus, ids_file=str(ids_file), dest=str(self.fresh("dest"))
            )

        async def after(label: str, job: Job) -> None:
            await self.remove(*(Path(p) for p in (job.dest, job.state_path) if p))

        expect = {label: {"downloaded": corpus.files} for label in jobs}
        result.runs = await self.interleave(
            corpus, jobs, self.options.reps, expect=expect, after=after
        )
        self._compare(result, ours_label, BARE, "speedup", GOAL_DOWNLOAD_BARE)
        if self.immichpy_label:
            self._compare(
                result, ours_label, self.immichpy_label, "speedup", GOAL_DOWNLOAD_IMMICHPY
            )
        self._compare(result, unsynced_label, BARE, "speedup", None)
        return result

    async def export_rerun(self, key: str) -> ScenarioResult:
        corpus, _ = await self._download_setup()
        album = self.target.album_id
        first, rerun = f"{OURS} export (first run)", f"{OURS} export (re-run)"
        result = ScenarioResult(
            key=key,
            title=f"export re-run, {corpus.files:,} originals (downloads nothing)",
            corpus=corpus.spec.describe(),
        )
        result.runs = {first: [], rerun: []}
        for rep in range(self.options.reps):
            self.log(f" repetition {rep + 1}/{self.options.reps}")
            dest, state = self.fresh("dest"), self.fresh("export-state.db")
            job = self.job(
                "ours-export", corpus, album=album, dest=str(dest), state_path=str(state)
            )
            result.runs[first].append(
                await self.measure(first, job, corpus, expect={"downloaded": corpus.files})
            )
            result.runs[rerun].append(
                await self.measure(rerun, job, corpus, expect={"present": corpus.files})
            )
            await self.remove(dest, state)
        self._compare(result, rerun, first, "fraction", GOAL_RERUN)
        return result

    async def concurrency(self, key: str) -> ScenarioResult:
        sizes = self.options.sizes
        corpus = await self.corpus(sizes.sweep)
        result = ScenarioResult(
            key=key,
            title=f"upload {sizes.sweep.describe()} at concurrency "
            + ", ".join(map(str, sizes.sweep_values)),
            corpus=sizes.sweep.describe(),
        )
        contenders = {OURS: "ours-upload", BARE: "bare-upload"}
        if self.immichpy_label:
            contenders[self.immichpy_label] = "immichpy-upload"
        curves: dict[str, dict[int, list[Run]]] = {c: {} for c in contenders}
        labels = list(contenders)
        reps = max(1, min(self.options.reps, 2))
        for rep in range(reps):
            for value in sizes.sweep_values:
                self.log(f" repetition {rep + 1}/{reps}, concurrency {value}")
                shift = (rep + value) % len(labels)
                for label in labels[shift:] + labels[:shift]:
                    await self.reset(corpus)
                    state = self.fresh("state.db")
                    job = self.job(
                        contenders[label],
                        corpus,
                        concurrency=value,
                        state_path=str(state) if label == OURS else None,
                    )
                    run = await self.measure(
                        f"{label} @{value}", job, corpus, expect={"uploaded": corpus.files}
                    )
                    curves[label].setdefault(value, []).append(attrs.evolve(run, contender=label))
                    await self.remember_in_album(corpus)
                    await self.remove(state)
        # adaptive concurrency against the best fixed setting of the same sweep
        auto = f"{OURS} (concurrency auto)"
        for rep in range(reps):
            self.log(f" repetition {rep + 1}/{reps}, concurrency auto")
            await self.reset(corpus)
            state = self.fresh("state.db")
            job = self.job("ours-upload", corpus, state_path=str(state))
            job = attrs.evolve(job, adaptive=True)
            run = await self.measure(auto, job, corpus, expect={"uploaded": corpus.files})
            result.runs.setdefault(auto, []).append(attrs.evolve(run, contender=auto))
            await self.remember_in_album(corpus)
            await self.remove(state)
        await self.purge(corpus)
        result.curves = curves
        ok_levels = {v: runs for v, runs in curves[OURS].items() if any(r.ok for r in runs)}
        if ok_levels:
            best_value = max(
                ok_levels,
                key=lambda v: statistics.median(r.files_per_s for r in ok_levels[v] if r.ok),
            )
            fixed = f"{OURS} (best fixed: concurrency {best_value})"
            result.runs[fixed] = [attrs.evolve(r, contender=fixed) for r in ok_levels[best_value]]
            self._compare(result, auto, fixed, "speedup", GOAL_ADAPTIVE)
        return result

    async def scale(self, key: str, spec: CorpusSpec) -> ScenarioResult:
        corpus = await self.corpus(spec)
        result = ScenarioResult(
            key=key, title=f"scale: upload {spec.describe()}", corpus=spec.describe()
        )
        reps = self.options.reps
        if spec.files >= 50_000:
            reps = 1
        elif spec.files >= 5_000:
            reps = min(reps, 2)

        def ours(rep: int) -> Job:
            return self.job("ours-upload", corpus, state_path=str(self.fresh("state.db")))

        jobs: dict[str, Callable[[int], Job]] = {
            OURS: ours,
            BARE: lambda rep: self.job("bare-upload", corpus),
        }

        async def before() -> None:
            await self.reset(corpus)

        async def after(label: str, job: Job) -> None:
            await self.remember_in_album(corpus)
            if job.state_path:
                await self.remove(Path(job.state_path))

        expect = {label: {"uploaded": corpus.files} for label in jobs}
        result.runs = await self.interleave(
            corpus, jobs, reps, expect=expect, before=before, after=after
        )
        await self.purge(corpus)
        self._compare(result, OURS, BARE, "speedup", None)
        # free the disk early: the 100k corpus is the largest in files
        await anyio.to_thread.run_sync(corpus.remove)
        self.corpora.pop(spec.name, None)
        return result

    def scale_comparisons(self) -> list[Comparison]:
        """Largest vs smallest scale point: peak RSS and per-file cost should be flat."""
        points = [r for r in self.results if r.key.startswith("scale-") and OURS in r.runs]
        points = [p for p in points if any(run.ok for run in p.runs[OURS])]
        if len(points) < 2:
            return []
        points.sort(key=lambda p: p.runs[OURS][0].files)
        small, large = points[0], points[-1]
        out = []
        for kind, what in (("rss-growth", "peak RSS"), ("cost-growth", "per-file cost")):
            title = (
                f"scale: {what}, {large.runs[OURS][0].files:,} vs "
                f"{small.runs[OURS][0].files:,} files"
            )
            found = compare("scale", title, kind, large.runs[OURS], small.runs[OURS], GOAL_FLAT)  # type: ignore[arg-type]
            if found is not None:
                out.append(found)
        return out

    def compare(
        self,
        result: ScenarioResult,
        ours: str,
        baseline: str,
        kind: Kind,
        goal: Goal | None = None,
    ) -> None:
        self._compare(result, ours, baseline, kind, goal)

    def _compare(
        self,
        result: ScenarioResult,
        ours: str,
        baseline: str,
        kind: str,
        goal: Goal | None,
    ) -> None:
        found = compare(
            result.key,
            result.title,
            kind,  # type: ignore[arg-type]
            result.runs.get(ours, []),
            result.runs.get(baseline, []),
            goal,
        )
        if found is None:
            result.notes.append(f"no valid runs to compare {ours} with {baseline}")
        else:
            result.comparisons.append(found)

    async def run_scenario(self, key: str) -> ScenarioResult:
        sizes = self.options.sizes
        scale = {s.name: s for s in sizes.scale}
        handlers: dict[str, Callable[[], Awaitable[ScenarioResult]]] = {
            "upload-small": lambda: self.upload(key, sizes.small),
            "upload-large": lambda: self.upload(key, sizes.large),
            "upload-rerun": lambda: self.upload_rerun(key),
            "hash-small": lambda: self.hashing(key, sizes.small),
            "hash-large": lambda: self.hashing(key, sizes.large),
            "download": lambda: self.download(key),
            "export-rerun": lambda: self.export_rerun(key),
            "concurrency": lambda: self.concurrency(key),
        }
        for name, spec in scale.items():
            handlers[name] = lambda spec=spec: self.scale(key, spec)  # type: ignore[misc]
        self.log(f"== {key}: {SCENARIOS[key]} (load average {load_average()})")
        started = time.monotonic()
        try:
            if key in SCENARIOS_REAL:
                result = ScenarioResult(key=key, title=title_of(key, self))
                result.corpus = self._corpus_of(key)
                await run_real_scenario(self.real, key, result)
            else:
                result = await handlers[key]()
        except BenchError as exc:
            result = ScenarioResult(key=key, title=SCENARIOS[key], error=str(exc))
            self.log(f"  scenario failed: {exc}")
        result.seconds = time.monotonic() - started
        result.notes.append(f"load average after: {load_average()}")
        for comparison in result.comparisons:
            self.log(f"  => {describe_comparison(comparison)}")
        return result

    def _corpus_of(self, key: str) -> str:
        sizes = self.options.sizes
        spec = {"upload-1gb": sizes.huge, "noop-100k": sizes.noop}.get(key, sizes.photos)
        return spec.describe()


def check_expected(detail: Mapping[str, Any], expect: Mapping[str, int] | None) -> str | None:
    """Why a run did not do the expected work (None: it did)."""
    if not expect:
        return None
    counts = detail.get("counts") or {}
    wrong = []
    for name, value in expect.items():
        got = detail.get(name) if name == "mismatches" else counts.get(name, 0)
        if got != value:
            wrong.append(f"{name}={got} (expected {value})")
    if not wrong:
        return None
    failures = detail.get("failures") or []
    extra = f"; first failures: {failures[:3]}" if failures else ""
    return f"unexpected result: {', '.join(wrong)}; counts {dict(counts)}{extra}"


def describe_comparison(c: Comparison) -> str:
    from .report import format_ratio

    goal = ""
    if c.goal is not None:
        goal = f" (goal {c.goal.describe()}: {'met' if c.met else 'MISSED'})"
    return f"{c.ours.contender} vs {c.baseline.contender}: {format_ratio(c)}{goal}"


def album_name() -> str:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return f"immich-bulk-bench-{stamp}-{secrets.token_hex(2)}"


@contextlib.asynccontextmanager
async def open_target(options: SuiteOptions, work: Path) -> AsyncIterator[Target]:
    if options.url:
        if not options.api_key and options.key_file is None:
            raise BenchError("a server URL needs an API key")
        target = await Target.remote(
            options.url,
            options.api_key,
            insecure=options.insecure,
            key_file=options.key_file,
            reset_cmd=options.reset_cmd,
        )
    else:
        target = await Target.fake(work, pin=options.pin)
    try:
        yield target
    finally:
        await target.close()


def compile_package() -> None:
    """Byte-compile the measured ``immich_bulk``, as installing it does: a checkout run
    with ``PYTHONDONTWRITEBYTECODE`` set would compile every module again in each measured
    command, a cost no installed copy has."""
    import compileall

    compileall.compile_dir(Path(__file__).resolve().parents[1], quiet=1)


def _work_dir(options: SuiteOptions) -> Path:
    """A new directory for this run (inside ``work_dir`` if given), removed at the end."""
    if options.work_dir is not None:
        options.work_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="immich-bulk-bench-", dir=options.work_dir))


async def run_suite(options: SuiteOptions, *, tune_options: Any = None) -> SuiteResult:
    """Run the selected scenarios (and/or the tuning sweep) and write the reports.

    Cleans up whatever happens (also on Ctrl-C): the corpus's assets are deleted from the
    server, the benchmark album too, the fake server stopped, the work directory removed.
    """
    from .report import write_reports

    started = time.monotonic()
    work = _work_dir(options)
    await anyio.to_thread.run_sync(compile_package)
    result = SuiteResult(environment=environment(options))
    try:
        async with open_target(options, work) as target:
            result.environment["target"] = target.describe()
            suite = Suite(options, target, work)
            result.environment["versions"]["official_cli"] = suite.official_cli_version
            try:
                for key in options.scenarios:
                    scenario = await suite.run_scenario(key)
                    suite.results.append(scenario)
                    result.scenarios.append(scenario)
                    if key == "export-rerun" or (
                        key == "download" and "export-rerun" not in options.scenarios
                    ):
                        await suite.download_done()
                    if key == "export-noop" or (
                        key == "export" and "export-noop" not in options.scenarios
                    ):
                        await suite.real.export_done()
                if tune_options is not None:
                    from .tuning import run_tuning

                    result.tuning = await run_tuning(suite, tune_options)
            finally:
                with anyio.CancelScope(shield=True), anyio.move_on_after(900):
                    await _cleanup(suite)
            result.notes.extend(suite.notes)
            result.environment["load_average_end"] = load_average()
            if target.resets:
                result.environment["resets"] = (
                    f"{target.resets} resets, {target.reset_seconds / target.resets:.1f} s "
                    "each on average (not timed)"
                )
            for scenario in result.scenarios:
                result.comparisons.extend(scenario.comparisons)
            result.comparisons.extend(suite.scale_comparisons())
    finally:
        if not options.keep_work:
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(lambda: shutil.rmtree(work, ignore_errors=True))
    result.seconds = time.monotonic() - started
    if options.out_dir is not None:
        written = await anyio.to_thread.run_sync(write_reports, result, options.out_dir, options)
        for path in written:
            options.log(f"wrote {path}")
    return result


async def _cleanup(suite: Suite) -> None:
    target = suite.target
    if target.is_fake:
        return  # the throwaway server and its data directory go away with the work dir
    for corpus in list(suite.corpora.values()):
        with contextlib.suppress(Exception):
            await target.purge(corpus.checksums())
    with contextlib.suppress(Exception):
        await target.delete_album()
    if target.deleted:
        suite.log(
            f"cleanup: deleted the {target.deleted:,} assets the benchmark uploaded (and its album)"
        )
