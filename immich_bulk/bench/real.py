"""The scenarios of the real-server table: what a user meets on a live Immich server.

Uploads of a photo library (1,000 JPEGs of 180 KB plus 20 byte-identical copies) with the
server's job queues paused and running, with every contender's defaults, re-runs that have
nothing to do, an export of 1,000 originals and its re-run, one 1 GB file, and a no-op
re-run of 100,000 journaled files. Contenders: ours (the library call, and the
``immich-bulk`` command where a user would run one), a bare httpx loop, immichpy and the
official Immich CLI (where it is installed).

Each measured upload meets a fresh server: with a reset command, a new server (empty
database, media and queues); otherwise the corpus is purged and the server's jobs are
waited for. The job queues are then paused or left running as the scenario says (the
pause is the harness's, for every contender alike, except where a contender pauses them
itself). After every upload the server is asked how many of the corpus's distinct files
it holds: a run that did not leave exactly those is failed, whatever the client reported
(a client that exits 0 on failed uploads does not count as fast).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio
import attrs

from .corpus import Corpus, human_size
from .jobs import Job, run_child
from .stats import Goal, Run
from .target import BenchError, Target

if TYPE_CHECKING:
    from .suite import ScenarioResult, Suite

__all__ = ["SCENARIOS_REAL", "run_real_scenario"]

OURS = "ours"
OURS_CMD = "ours (command)"
BARE = "bare httpx"

#: Goals of the real-server table (ratios "ours / baseline" in the same run).
GOAL_NO_REGRESSION = Goal(threshold=1.0, text=">= 1.0x (time <= the bare loop's)")
GOAL_EXPORT_BARE = Goal(threshold=1.0, text=">= 1.0x")
GOAL_EXPORT_IMMICHPY = Goal(threshold=1.2, text=">= 1.2x")
GOAL_EXPORT_CPU = Goal(threshold=1.2, at_least=False, text="CPU <= 1.2x")
GOAL_RERUN_SECONDS = Goal(threshold=0.3, at_least=False, text="<= 0.3 s")
GOAL_RERUN_VS_CLI = Goal(threshold=0.4, at_least=False, text="<= 40% of the CLI's re-run")
GOAL_NOOP_100K = Goal(threshold=4.0, at_least=False, text="<= 4 s")
GOAL_DEFAULTS = Goal(threshold=2.5, text=">= 2.5x")
GOAL_1GB_RSS = Goal(threshold=100.0, at_least=False, text="< 100 MB")

SCENARIOS_REAL: dict[str, str] = {
    "upload-paused": "upload 1,000 x 180 KB + 20 copies, job queues paused: ours, its "
    "command, a bare httpx loop, immichpy, the official CLI (same concurrency)",
    "upload-running": "the same upload with the job queues running: ours (without and with "
    "pause_jobs), the bare loop, the official CLI",
    "upload-defaults": "the same upload, queues running, every contender's defaults: "
    "immich-bulk upload vs immich upload",
    "reupload": "re-upload the same folder (all duplicates; ours with its state file): "
    "ours vs immichpy vs the official CLI",
    "export": "download the 1,000 originals: our export vs a bare httpx loop vs immichpy",
    "export-noop": "re-run that export (downloads nothing): the command and the library",
    "upload-1gb": "upload one 1 GB file: ours, the bare loop, the official CLI (wall, RSS)",
    "noop-100k": "no-op re-upload of 100,000 journaled files (against a local FakeImmich)",
}


class RealScenarios:
    """The scenarios above, on a :class:`~.suite.Suite`'s target."""

    def __init__(self, suite: Suite) -> None:
        self.suite = suite
        self._export_ready: tuple[Corpus, int] | None = None

    @property
    def target(self) -> Target:
        return self.suite.target

    @property
    def cli(self) -> tuple[str, ...] | None:
        return tuple(self.suite.official_cli) if self.suite.official_cli else None

    def cli_label(self, suffix: str = "") -> str:
        return f"{self.suite.cli_label}{suffix}"

    # -- server state -------------------------------------------------------------------
    async def fresh_server(self, corpus: Corpus, *, paused: bool) -> None:
        """A server without the corpus, its queues paused or running (untimed)."""
        target = self.target
        if not target.fresh_per_run:
            # a purge deletes in a background job: queues must run, and the last run's
            # thumbnails must be done before the next run starts
            await target.set_queues_paused(False)
            await target.reset(corpus.checksums())
            if not await target.wait_for_jobs(max_seconds=900):
                self.suite.note("the server's jobs were still running after 900 s")
        else:
            await target.reset(corpus.checksums())
        await target.set_queues_paused(paused)

    async def verify(self, corpus: Corpus, label: str, run: Run) -> Run:
        """Fail a run after which the server does not hold exactly the corpus's files."""
        if not run.ok:
            return run
        found = await self.target.find(corpus.checksums())
        if len(found) != corpus.unique:
            self.suite.log(f"  {label}: the server holds {len(found)} of {corpus.unique}")
            said = dict(run.detail.get("counts") or {})
            return attrs.evolve(
                run,
                error=f"the server holds {len(found)} of the corpus's {corpus.unique} "
                f"distinct files after the run (the client said {said})",
            )
        return run

    async def uploads(
        self,
        result: ScenarioResult,
        corpus: Corpus,
        jobs: dict[str, Callable[[int], Job]],
        *,
        paused: bool,
    ) -> None:
        """Interleaved measured uploads, each on a fresh server, each verified."""
        suite = self.suite

        async def before() -> None:
            await self.fresh_server(corpus, paused=paused)

        async def after(label: str, job: Job) -> None:
            await suite.remember_in_album(corpus)
            await suite.remove(*(Path(p) for p in (job.state_path,) if p))

        async def check(label: str, run: Run) -> Run:
            return await self.verify(corpus, label, run)

        expect = {label: {"failed": 0} for label in jobs}
        result.runs = await suite.interleave(
            corpus,
            jobs,
            suite.options.reps,
            expect=expect,
            before=before,
            after=after,
            check=check,
            server=False,
        )
        await self.target.set_queues_paused(False)
        if not self.target.fresh_per_run:
            await suite.purge(corpus)

    def ours(self, corpus: Corpus, **kwargs: Any) -> Callable[[int], Job]:
        suite = self.suite
        return lambda rep: suite.job(
            "ours-upload", corpus, state_path=str(suite.fresh("state.db")), **kwargs
        )

    def ours_command(self, corpus: Corpus, **kwargs: Any) -> Callable[[int], Job]:
        suite = self.suite
        return lambda rep: suite.job(
            "ours-command-upload", corpus, state_path=str(suite.fresh("state.db")), **kwargs
        )

    def official(self, corpus: Corpus, **kwargs: Any) -> Callable[[int], Job]:
        cli = self.cli
        assert cli is not None
        return lambda rep: self.suite.job("official-cli-upload", corpus, cli=cli, **kwargs)

    # -- scenarios ----------------------------------------------------------------------
    async def upload_paused(self, result: ScenarioResult) -> None:
        suite = self.suite
        corpus = await suite.corpus(suite.options.sizes.photos)
        c = suite.options.concurrency
        jobs: dict[str, Callable[[int], Job]] = {
            OURS: self.ours(corpus),
            OURS_CMD: self.ours_command(corpus),
            BARE: lambda rep: suite.job("bare-upload", corpus),
        }
        if suite.immichpy_label:
            jobs[suite.immichpy_label] = lambda rep: suite.job("immichpy-upload", corpus)
        if self.cli:
            jobs[self.cli_label(f" (concurrency {c})")] = self.official(corpus)
        await self.uploads(result, corpus, jobs, paused=True)
        suite.compare(result, OURS, BARE, "speedup", GOAL_NO_REGRESSION)
        if suite.immichpy_label:
            suite.compare(result, OURS, suite.immichpy_label, "speedup", None)
        if self.cli:
            suite.compare(result, OURS_CMD, self.cli_label(f" (concurrency {c})"), "speedup")
        suite.compare(result, OURS, BARE, "cpu", None)

    async def upload_running(self, result: ScenarioResult) -> None:
        suite = self.suite
        corpus = await suite.corpus(suite.options.sizes.photos)
        c = suite.options.concurrency
        paused = f"{OURS} (pause_jobs)"
        jobs: dict[str, Callable[[int], Job]] = {
            OURS: self.ours(corpus),
            paused: self.ours(corpus, pause_jobs=True),
            BARE: lambda rep: suite.job("bare-upload", corpus),
        }
        cli = self.cli_label(f" (concurrency {c})")
        if self.cli:
            jobs[cli] = self.official(corpus)
        await self.uploads(result, corpus, jobs, paused=False)
        suite.compare(result, OURS, BARE, "speedup", None)
        if self.cli:
            suite.compare(result, OURS, cli, "speedup", None)
        suite.compare(result, paused, OURS, "speedup", None)

    async def upload_defaults(self, result: ScenarioResult) -> None:
        suite = self.suite
        corpus = await suite.corpus(suite.options.sizes.photos)
        ours = f"{OURS_CMD[:-1]}, defaults)"
        jobs: dict[str, Callable[[int], Job]] = {
            ours: lambda rep: suite.job("ours-command-upload", corpus, defaults=True),
        }
        cli = self.cli_label(" (defaults)")
        if self.cli:
            jobs[cli] = self.official(corpus, defaults=True)
        else:
            result.notes.append("the official CLI is not available: no baseline")
        await self.uploads(result, corpus, jobs, paused=False)
        if self.cli:
            suite.compare(result, ours, cli, "speedup", GOAL_DEFAULTS)

    async def reupload(self, result: ScenarioResult) -> None:
        suite = self.suite
        corpus = await suite.corpus(suite.options.sizes.photos)
        await self.fresh_server(corpus, paused=True)
        state = suite.fresh("state.db")
        suite.log(f"uploading {corpus.spec.describe()} with our state file (not timed)")
        first = await run_child(suite.job("ours-upload", corpus, state_path=str(state)))
        if first.error:
            raise BenchError(f"the first upload failed: {first.error}")
        await suite.remember_in_album(corpus)
        cmd, lib = f"{OURS_CMD[:-1]} re-run)", f"{OURS} (re-run)"
        jobs: dict[str, Callable[[int], Job]] = {
            cmd: lambda rep: suite.job("ours-command-upload", corpus, state_path=str(state)),
            lib: lambda rep: suite.job("ours-upload", corpus, state_path=str(state)),
        }
        if suite.immichpy_label:
            jobs[f"{suite.immichpy_label} (re-run)"] = lambda rep: suite.job(
                "immichpy-upload", corpus
            )
        cli = self.cli_label(" (re-run)")
        if self.cli:
            jobs[cli] = self.official(corpus)

        async def check(label: str, run: Run) -> Run:
            return await self.verify(corpus, label, run)

        expect = {label: {"failed": 0, "uploaded": 0} for label in jobs}
        result.runs = await suite.interleave(
            corpus, jobs, suite.options.reps, expect=expect, check=check, server=False
        )
        await suite.remove(state)
        await self.target.set_queues_paused(False)
        if not self.target.fresh_per_run:
            await suite.purge(corpus)
        suite.compare(result, cmd, cmd, "seconds", GOAL_RERUN_SECONDS)
        if self.cli:
            suite.compare(result, cmd, cli, "fraction", GOAL_RERUN_VS_CLI)
        suite.compare(result, lib, lib, "seconds", None)
        if suite.immichpy_label:
            suite.compare(result, lib, f"{suite.immichpy_label} (re-run)", "speedup", None)

    async def export_setup(self) -> Corpus:
        """The corpus on the server, its jobs done (a processed library), in the album."""
        suite = self.suite
        ready = self._export_ready
        if ready is not None and ready[1] == self.target.generation:
            return ready[0]
        corpus = await suite.corpus(suite.options.sizes.photos)
        suite.log(f"uploading {corpus.spec.describe()} for the export scenarios (not timed)")
        await self.fresh_server(corpus, paused=False)
        setup = await run_child(suite.job("bare-upload", corpus))
        if setup.error:
            raise BenchError(f"could not upload the export corpus: {setup.error}")
        ids = await self.target.asset_ids(corpus.checksums())
        if len(ids) != corpus.unique:
            raise BenchError(f"the server holds {len(ids)} of {corpus.unique} corpus files")
        suite.log("  waiting for the server's jobs (thumbnails, metadata) to finish")
        if not await self.target.wait_for_jobs(max_seconds=900):
            suite.note("export: the server's jobs were still running after 900 s")
        await self.target.ensure_album(suite.album_name)
        await self.target.add_to_album(ids)
        ids_file = suite.work / "export-ids.txt"
        await anyio.Path(ids_file).write_text("\n".join(ids) + "\n")
        self._export_ready = (corpus, self.target.generation)
        return corpus

    async def export(self, result: ScenarioResult) -> None:
        suite = self.suite
        corpus = await self.export_setup()
        album = self.target.album_id
        ids_file = str(suite.work / "export-ids.txt")
        mine, mine_cmd = f"{OURS} (export)", f"{OURS_CMD[:-1]}, export)"

        def fresh(kind: str) -> Callable[[int], Job]:
            return lambda rep: suite.job(
                kind,
                corpus,
                album=album,
                dest=str(suite.fresh("dest")),
                state_path=str(suite.fresh("export-state.db")),
            )

        jobs: dict[str, Callable[[int], Job]] = {
            mine: fresh("ours-export"),
            mine_cmd: fresh("ours-command-export"),
            BARE: lambda rep: suite.job(
                "bare-download", corpus, ids_file=ids_file, dest=str(suite.fresh("dest"))
            ),
        }
        if suite.immichpy_label:
            jobs[suite.immichpy_label] = lambda rep: suite.job(
                "immichpy-download", corpus, ids_file=ids_file, dest=str(suite.fresh("dest"))
            )

        async def after(label: str, job: Job) -> None:
            await suite.remove(*(Path(p) for p in (job.dest, job.state_path) if p))

        wanted = {"downloaded": corpus.unique}
        expect = {label: wanted for label in (mine, BARE, suite.immichpy_label) if label}
        result.runs = await suite.interleave(
            corpus, jobs, suite.options.reps, expect=expect, after=after, server=False
        )
        for run_list in result.runs.values():  # a download moves the unique files only
            run_list[:] = [_unique(r, corpus) for r in run_list]
        suite.compare(result, mine, BARE, "speedup", GOAL_EXPORT_BARE)
        if suite.immichpy_label:
            suite.compare(result, mine, suite.immichpy_label, "speedup", GOAL_EXPORT_IMMICHPY)
        suite.compare(result, mine, BARE, "cpu", GOAL_EXPORT_CPU)

    async def export_noop(self, result: ScenarioResult) -> None:
        suite = self.suite
        corpus = await self.export_setup()
        album = self.target.album_id
        first = f"{OURS_CMD[:-1]}, first export)"
        cmd, lib = f"{OURS_CMD[:-1]}, export re-run)", f"{OURS} (export re-run)"
        result.runs = {first: [], cmd: [], lib: []}
        for rep in range(suite.options.reps):
            suite.log(f" repetition {rep + 1}/{suite.options.reps}")
            dest, state = suite.fresh("dest"), suite.fresh("export-state.db")
            common: dict[str, Any] = {
                "album": album,
                "dest": str(dest),
                "state_path": str(state),
            }
            for label, kind, expect in (
                (first, "ours-command-export", None),
                (cmd, "ours-command-export", None),
                (lib, "ours-export", {"present": corpus.unique}),
            ):
                job = suite.job(kind, corpus, **common)
                run = await suite.measure(label, job, corpus, expect=expect, server=False)
                result.runs[label].append(_unique(run, corpus))
            await suite.remove(dest, state)
        suite.compare(result, cmd, cmd, "seconds", GOAL_RERUN_SECONDS)
        suite.compare(result, cmd, first, "fraction", None)
        suite.compare(result, lib, lib, "seconds", None)

    async def export_done(self) -> None:
        if self._export_ready is not None:
            corpus = self._export_ready[0]
            self._export_ready = None
            if not self.target.fresh_per_run:
                await self.suite.purge(corpus)

    async def upload_1gb(self, result: ScenarioResult) -> None:
        suite = self.suite
        corpus = await suite.corpus(suite.options.sizes.huge)
        c = suite.options.concurrency
        jobs: dict[str, Callable[[int], Job]] = {
            OURS: self.ours(corpus),
            BARE: lambda rep: suite.job("bare-upload", corpus),
        }
        cli = self.cli_label(f" (concurrency {c})")
        if self.cli:
            jobs[cli] = self.official(corpus)
        await self.uploads(result, corpus, jobs, paused=True)
        suite.compare(result, OURS, OURS, "rss-mb", GOAL_1GB_RSS)
        suite.compare(result, OURS, BARE, "speedup", None)
        if self.cli:
            suite.compare(result, OURS, cli, "speedup", None)
        # the corpus is the largest in bytes: free the disk early
        await anyio.to_thread.run_sync(corpus.remove)
        suite.corpora.pop(corpus.spec.name, None)

    async def noop_100k(self, result: ScenarioResult) -> None:
        """Against a local fake: a no-op re-run reads the journal, not the server (it
        makes no request per file), and a real server on this machine would take most
        of an hour to ingest 100,000 files."""
        suite = self.suite
        spec = suite.options.sizes.noop
        corpus = await suite.corpus(spec)
        fake = await Target.fake(suite.work, pin=suite.options.pin)
        try:
            state = suite.fresh("state.db")
            suite.log(f"uploading {spec.describe()} to a local fake with a state file (not timed)")
            first = await run_child(
                suite.job("ours-upload", corpus, state_path=str(state), target=fake),
                max_seconds=7200,
            )
            if first.error:
                raise BenchError(f"the first upload failed: {first.error}")
            cmd, lib = f"{OURS_CMD[:-1]} re-run)", f"{OURS} (re-run)"
            jobs: dict[str, Callable[[int], Job]] = {
                cmd: lambda rep: suite.job(
                    "ours-command-upload", corpus, state_path=str(state), target=fake
                ),
                lib: lambda rep: suite.job(
                    "ours-upload", corpus, state_path=str(state), target=fake
                ),
            }
            expect = {label: {"failed": 0, "uploaded": 0} for label in jobs}
            result.runs = await suite.interleave(
                corpus, jobs, suite.options.reps, expect=expect, server=False
            )
            await suite.remove(state)
        finally:
            data = fake.server.data_dir if fake.server is not None else None
            await fake.close()
            if data is not None:  # 100,000 stored files: free the disk now
                await suite.remove(Path(data))
        result.notes.append(f"target: {fake.describe()}")
        suite.compare(result, cmd, cmd, "seconds", GOAL_NOOP_100K)
        suite.compare(result, lib, lib, "seconds", None)
        await anyio.to_thread.run_sync(corpus.remove)
        suite.corpora.pop(spec.name, None)


def _unique(run: Run, corpus: Corpus) -> Run:
    """A download run counts the distinct files (copies are one asset on the server)."""
    return attrs.evolve(run, files=corpus.unique, bytes=corpus.unique * corpus.spec.size)


HANDLERS: dict[str, Callable[[RealScenarios, ScenarioResult], Awaitable[None]]] = {
    "upload-paused": RealScenarios.upload_paused,
    "upload-running": RealScenarios.upload_running,
    "upload-defaults": RealScenarios.upload_defaults,
    "reupload": RealScenarios.reupload,
    "export": RealScenarios.export,
    "export-noop": RealScenarios.export_noop,
    "upload-1gb": RealScenarios.upload_1gb,
    "noop-100k": RealScenarios.noop_100k,
}


def title_of(key: str, suite: Suite) -> str:
    sizes = suite.options.sizes
    photos, huge, noop = sizes.photos, sizes.huge, sizes.noop
    return {
        "upload-paused": f"upload {photos.describe()}, job queues paused",
        "upload-running": f"upload {photos.describe()}, job queues running",
        "upload-defaults": f"upload {photos.describe()}, queues running, each one's defaults",
        "reupload": f"re-upload {photos.describe()} (all duplicates)",
        "export": f"download {photos.files:,} originals ({human_size(photos.size)})",
        "export-noop": f"export re-run, {photos.files:,} originals (downloads nothing)",
        "upload-1gb": f"upload one {human_size(huge.size)} file",
        "noop-100k": f"no-op re-upload of {noop.files:,} journaled files (local fake)",
    }[key]


async def run_real_scenario(scenarios: RealScenarios, key: str, result: ScenarioResult) -> None:
    await HANDLERS[key](scenarios, result)
