"""``python -m immich_bulk.bench._child``: run one contender, print one JSON line.

Reads a :class:`~immich_bulk.bench.jobs.Job` (JSON) on stdin. Each contender prepares
untimed (imports, reading the file list, building request bodies for the bare loop), then
runs its work inside :class:`Timer`, which records wall time, CPU time (user + system, of
this process, or of its children for ``sha1sum``) and the peak RSS. The result, one JSON
object, is the last line on stdout; everything else goes to stderr.

The contenders:

* ``ours-upload``: ``client.assets.upload(corpus, config=UploadConfig(...), state_path=...)``:
  scan, hash, bulk check, streaming uploads, the state journal;
* ``bare-upload``: the practical limit: multipart bodies built in memory beforehand (same
  fields and checksum header as ours), posted by N workers on one ``httpx.AsyncClient``;
* ``immichpy-upload``: immichpy 4.2.3's ``client.assets.upload(paths, concurrency=N)``
  (its scan, serial hashing, bulk check in batches of 5000, uploads under a semaphore);
* ``ours-export``: ``client.download.export(dest, album=..., layout="{filename}")``:
  listing, ``.part`` files, SHA-1 verification, fsync, atomic rename, the journal;
* ``bare-download``: N workers streaming ``GET /assets/{id}/original`` to files;
* ``immichpy-download``: ``client.assets.download_asset_to_file`` with N workers;
* ``ours-hash``: the upload engine's :class:`~immich_bulk.transfer.local.hashing.Hasher` over
  the corpus (no cache), N worker threads;
* ``sha1sum``: coreutils ``sha1sum``, N processes, files split round-robin;
* ``ours-command-upload``, ``ours-command-export``: the ``immich-bulk upload`` and
  ``download`` commands, and ``official-cli-upload``: the official Immich CLI's
  ``immich upload``, each measured as a whole process (see :mod:`.commands`).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import subprocess
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import attrs

from .jobs import Job

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

__all__ = ["Timer", "main"]

Detail = dict[str, Any]

_RSS_SCALE = 1024 if sys.platform == "darwin" else 1  # ru_maxrss: bytes on macOS, KiB elsewhere


def _vm_hwm_kib() -> int | None:
    """This process's peak RSS from ``/proc/self/status`` (Linux), else None.

    Preferred to ``ru_maxrss``, which Linux carries over ``exec`` from the forking parent:
    a child of a 250 MB parent would report at least 250 MB. ``VmHWM`` belongs to the
    new program's address space only.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _usage(who: int) -> tuple[float, int]:
    """(user + system CPU seconds, peak RSS KiB) of ``RUSAGE_SELF``/``RUSAGE_CHILDREN``.

    For children the peak RSS is not measurable (0): ``ru_maxrss`` would report the
    launcher's own footprint, copied at fork.
    """
    if resource is None:  # pragma: no cover
        return time.process_time(), 0
    ru = resource.getrusage(who)
    cpu = ru.ru_utime + ru.ru_stime
    if who != resource.RUSAGE_SELF:
        return cpu, 0
    hwm = _vm_hwm_kib()
    return cpu, hwm if hwm is not None else ru.ru_maxrss // _RSS_SCALE


class Timer:
    """``with timer:`` around the measured work (once).

    ``peak_rss_kib`` is the process's peak RSS when the work ends (so it includes the
    preparation, e.g. the bare loop's bodies held in memory); ``start_rss_kib`` the peak
    when it started.
    """

    def __init__(self, *, children: bool = False) -> None:
        self.children = children
        self.wall_s = 0.0
        self.cpu_s = 0.0
        self.peak_rss_kib = 0
        self.start_rss_kib = 0
        self._t0 = 0.0
        self._cpu0 = 0.0
        self.used = False

    def record(self, wall_s: float, cpu_s: float, peak_rss_kib: int) -> None:
        """A section measured elsewhere (a command run in a subprocess)."""
        self.used = True
        self.wall_s, self.cpu_s, self.peak_rss_kib = wall_s, cpu_s, peak_rss_kib

    def _who(self) -> int:
        if resource is None:  # pragma: no cover
            return 0
        return resource.RUSAGE_CHILDREN if self.children else resource.RUSAGE_SELF

    def __enter__(self) -> Timer:
        self.used = True
        self._cpu0, self.start_rss_kib = _usage(self._who())
        self._t0 = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.wall_s = time.perf_counter() - self._t0
        cpu1, self.peak_rss_kib = _usage(self._who())
        self.cpu_s = cpu1 - self._cpu0


def _entries(job: Job) -> list[tuple[str, str, int]]:
    data = json.loads(Path(job.manifest).read_text(encoding="utf-8"))
    return [(str(r[0]), str(r[1]), int(r[2])) for r in data["files"]]


def _warm_imports(*names: str) -> None:
    """Import what the contender would load lazily, before the timer starts.

    Every contender does this (httpx loads httpcore, and with it trio and h2 when they are
    installed, only when its first client is created): what is measured is the transfer,
    not Python's import system (``benchmarks/bench_sdk.py`` measures that).
    """
    for name in names:
        importlib.import_module(name)


#: The response models our transfers parse. Their modules load, and their cattrs hooks are
#: built, on first use: warmed before the timer like any import, and only these, so the
#: process holds what a real run holds.
RESPONSE_MODELS = (
    "ServerMediaTypesResponseDto",
    "UserAdminResponseDto",
    "AssetBulkUploadCheckResponseDto",
    "AssetMediaResponseDto",
    "AlbumResponseDto",
    "SearchResponseDto",
    "AssetResponseDto",
)


def _import_ours() -> None:
    """Our client, the engine, and the response models it parses."""
    from immich_bulk import models
    from immich_bulk.serialization import prepare

    prepare(*(getattr(models, name) for name in RESPONSE_MODELS))
    _warm_imports(
        "httpx",
        "httpcore",
        "immich_bulk.client",
        "immich_bulk.api.server",
        "immich_bulk.api.users",
        "immich_bulk.api.albums",
        "immich_bulk.api.search",
        "immich_bulk.helpers.users",
        "immich_bulk.helpers.assets",
        "immich_bulk.helpers.download",
        "immich_bulk.transfer.upload.engine",
        "immich_bulk.transfer.download.export",
    )


def _run_async(fn: Callable[[], Any], backend: str = "asyncio") -> Any:
    import anyio

    return anyio.run(fn, backend=backend)


# ---------------------------------------------------------------------- uploads


def ours_upload(job: Job, timer: Timer) -> Detail:
    from immich_bulk import AsyncClient
    from immich_bulk.transfer.config import UploadConfig

    _import_ours()
    settings: dict[str, Any] = {"concurrency": job.concurrency, "adaptive": job.adaptive}
    if job.hash_workers is not None:
        settings["hash_workers"] = job.hash_workers
    if job.check_batch_size is not None:
        settings["check_batch_size"] = job.check_batch_size
    config = UploadConfig(**settings)
    state = Path(job.state_path) if job.state_path else None

    async def work() -> Detail:
        with timer:
            async with AsyncClient(job.url, api_key=job.api_key, verify=not job.insecure) as c:
                report = await c.assets.upload(
                    Path(job.corpus),
                    config=config,
                    state_path=state,
                    album=job.album,
                    pause_jobs=job.pause_jobs,
                )
        return {
            "counts": dict(report.counts),
            "stage_seconds": dict(report.stage_seconds),
            "retries": report.retries,
            "failures": [f"{o.item}: {o.reason}" for o in report.failures[:5]],
            "concurrency": attrs.asdict(report.concurrency) if report.concurrency else None,
        }

    result: Detail = _run_async(work, job.backend)
    return result


_BOUNDARY = "immich-bulk-bench-7d1c2b9e4f"
_DATE = "2020-01-01T00:00:00.000Z"


def multipart_body(name: str, data: bytes) -> bytes:
    """The body our engine sends for a file, built in one piece (no streaming)."""
    fields = (
        ("deviceAssetId", f"{name}-{len(data)}"),
        ("deviceId", "immich-bulk-bench"),
        ("fileCreatedAt", _DATE),
        ("fileModifiedAt", _DATE),
        ("filename", name),
    )
    parts = [
        f'--{_BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields
    ]
    parts.append(
        f'--{_BOUNDARY}\r\nContent-Disposition: form-data; name="assetData"; '
        f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
    )
    parts.append(data)
    parts.append(f"\r\n--{_BOUNDARY}--\r\n".encode())
    return b"".join(parts)


#: Above this many corpus bytes, the bare loop reads each file just before posting it
#: instead of holding every body in memory.
BARE_PRECOMPUTE_LIMIT = 4 * 10**9


def bare_upload(job: Job, timer: Timer) -> Detail:
    import anyio
    import httpx

    _warm_imports("httpcore")
    root = Path(job.corpus)
    entries = _entries(job)
    precompute = sum(e[2] for e in entries) <= BARE_PRECOMPUTE_LIMIT

    def body_of(rel: str) -> bytes:
        return multipart_body(rel.rsplit("/", 1)[-1], (root / rel).read_bytes())

    bodies: list[tuple[str, bytes | None, str]] = [
        (rel, body_of(rel) if precompute else None, sha1) for rel, sha1, _ in entries
    ]
    statuses: Counter[int] = Counter()
    content_type = f"multipart/form-data; boundary={_BOUNDARY}"

    async def work() -> Detail:
        limits = httpx.Limits(
            max_connections=job.concurrency, max_keepalive_connections=job.concurrency
        )
        pending = iter(bodies)
        with timer:
            async with httpx.AsyncClient(
                base_url=job.url,
                headers={"x-api-key": job.api_key},
                limits=limits,
                timeout=httpx.Timeout(600.0),
                verify=not job.insecure,
            ) as http:

                async def worker() -> None:
                    for rel, body, sha1 in pending:
                        resp = await http.post(
                            "/assets",
                            content=body if body is not None else body_of(rel),
                            headers={"content-type": content_type, "x-immich-checksum": sha1},
                        )
                        statuses[resp.status_code] += 1
                        if resp.status_code not in (200, 201):
                            raise RuntimeError(f"POST /assets: {resp.status_code} {resp.text}")

                async with anyio.create_task_group() as tg:
                    for _ in range(job.concurrency):
                        tg.start_soon(worker)
        return {
            "counts": {"uploaded": statuses[201], "duplicate": statuses[200]},
            "precomputed": precompute,
        }

    result: Detail = _run_async(work)
    return result


def _immichpy() -> Any:
    return importlib.import_module("immichpy")


def immichpy_upload(job: Job, timer: Timer) -> Detail:
    immichpy = _immichpy()

    async def work() -> Detail:
        with timer:
            async with immichpy.AsyncClient(api_key=job.api_key, base_url=job.url) as client:
                result = await client.assets.upload([Path(job.corpus)], concurrency=job.concurrency)
        stats = result.stats
        return {
            "counts": {
                "uploaded": stats.uploaded,
                "duplicate": stats.rejected,
                "failed": stats.failed,
            },
            "failures": [str(f.error)[:200] for f in result.failed[:5]],
        }

    result: Detail = _run_async(work)
    return result


# ---------------------------------------------------------------------- downloads


def ours_export(job: Job, timer: Timer) -> Detail:
    from immich_bulk import AsyncClient
    from immich_bulk.transfer.config import DownloadConfig

    _import_ours()
    state = Path(job.state_path) if job.state_path else None
    config = DownloadConfig(concurrency=job.concurrency)
    if job.fsync is not None:
        config = DownloadConfig(concurrency=job.concurrency, fsync=job.fsync)

    async def work() -> Detail:
        with timer:
            async with AsyncClient(job.url, api_key=job.api_key, verify=not job.insecure) as c:
                report = await c.download.export(
                    Path(job.dest or "."),
                    album=job.album,
                    layout="{filename}",
                    config=config,
                    state_path=state,
                )
        return {
            "counts": dict(report.counts),
            "stage_seconds": dict(report.stage_seconds),
            "failures": [f"{o.item}: {o.reason}" for o in report.failures[:5]],
        }

    result: Detail = _run_async(work, job.backend)
    return result


def _ids(job: Job) -> list[str]:
    assert job.ids_file is not None
    return [ln.strip() for ln in Path(job.ids_file).read_text().splitlines() if ln.strip()]


def bare_download(job: Job, timer: Timer) -> Detail:
    import anyio
    import httpx

    _warm_imports("httpcore")
    ids = _ids(job)
    dest = Path(job.dest or ".")
    dest.mkdir(parents=True, exist_ok=True)
    done = 0

    async def work() -> Detail:
        nonlocal done
        limits = httpx.Limits(
            max_connections=job.concurrency, max_keepalive_connections=job.concurrency
        )
        pending = iter(ids)
        with timer:
            async with httpx.AsyncClient(
                base_url=job.url,
                headers={"x-api-key": job.api_key},
                limits=limits,
                timeout=httpx.Timeout(600.0),
                verify=not job.insecure,
            ) as http:

                async def worker() -> None:
                    nonlocal done
                    for asset_id in pending:
                        async with http.stream("GET", f"/assets/{asset_id}/original") as resp:
                            resp.raise_for_status()
                            # the bare limit: plain blocking writes, no .part, no hashing
                            with open(dest / f"{asset_id}.jpg", "wb") as fh:  # noqa: ASYNC230
                                async for chunk in resp.aiter_raw():
                                    fh.write(chunk)
                        done += 1

                async with anyio.create_task_group() as tg:
                    for _ in range(job.concurrency):
                        tg.start_soon(worker)
        return {"counts": {"downloaded": done}}

    result: Detail = _run_async(work)
    return result


def immichpy_download(job: Job, timer: Timer) -> Detail:
    import uuid

    import anyio

    immichpy = _immichpy()
    ids = _ids(job)
    dest = Path(job.dest or ".")
    done = 0

    async def work() -> Detail:
        nonlocal done
        pending = iter(ids)
        with timer:
            async with immichpy.AsyncClient(api_key=job.api_key, base_url=job.url) as client:

                async def worker() -> None:
                    nonlocal done
                    for asset_id in pending:
                        await client.assets.download_asset_to_file(
                            id=uuid.UUID(asset_id), out_dir=dest
                        )
                        done += 1

                async with anyio.create_task_group() as tg:
                    for _ in range(job.concurrency):
                        tg.start_soon(worker)
        return {"counts": {"downloaded": done}}

    result: Detail = _run_async(work)
    return result


# ---------------------------------------------------------------------- hashing


def ours_hash(job: Job, timer: Timer) -> Detail:
    import anyio

    from immich_bulk.transfer.local.hashing import Hasher, HashResult
    from immich_bulk.transfer.local.scan import ScannedFile, ScanOptions, iter_scan

    workers = job.hash_workers or os.cpu_count() or 1
    items = [
        item
        for item in iter_scan([job.corpus], ScanOptions(extensions={".jpg"}))
        if isinstance(item, ScannedFile)
    ]
    results: dict[str, HashResult] = {}

    async def work() -> None:
        hasher = Hasher(max_workers=workers)
        send, receive = anyio.create_memory_object_stream[ScannedFile](workers)

        async def worker(receive: Any) -> None:
            async with receive:
                async for item in receive:
                    results[str(item.path)] = await hasher.hash(item)

        with timer:
            async with anyio.create_task_group() as tg:
                async with receive:
                    for _ in range(workers):
                        tg.start_soon(worker, receive.clone())
                async with send:
                    for item in items:
                        await send.send(item)

    _run_async(work, job.backend)
    root = Path(job.corpus)
    expected = {str(root / rel): sha1 for rel, sha1, _ in _entries(job)}
    wrong = sum(1 for p, r in results.items() if expected.get(p) != r.hex)
    return {"counts": {"hashed": len(results)}, "mismatches": wrong, "workers": workers}


def sha1sum(job: Job, timer: Timer) -> Detail:
    workers = job.hash_workers or os.cpu_count() or 1
    root = Path(job.corpus)
    entries = _entries(job)
    paths = [str(root / rel) for rel, _, _ in entries]
    groups = [g for g in (paths[i::workers] for i in range(workers)) if g]
    outputs: list[bytes] = []
    with timer:
        procs = [subprocess.Popen(["sha1sum", *g], stdout=subprocess.PIPE) for g in groups]
        for proc in procs:
            out, _ = proc.communicate()
            outputs.append(out)
    digests = {}
    for out in outputs:
        for line in out.decode().splitlines():
            digest, _, name = line.partition("  ")
            digests[name] = digest
    expected = {str(root / rel): sha1 for rel, sha1, _ in entries}
    wrong = sum(1 for p, d in expected.items() if digests.get(p) != d)
    return {"counts": {"hashed": len(digests)}, "mismatches": wrong, "workers": workers}


# ---------------------------------------------------------------------- commands


def _command(job: Job, timer: Timer, argv: list[str]) -> tuple[Detail, str]:
    """Run a command in a fresh home; its output (stdout + stderr) for the counts."""
    from .commands import command_env, fresh_home, run_measured

    with fresh_home() as home:
        env = command_env(os.environ, Path(home), job.url, job.api_key)
        result = run_measured(argv, env=env, cwd=home)
    timer.record(result.wall_s, result.cpu_s, result.peak_rss_kib)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise RuntimeError(f"exit code {result.returncode}: {output.strip()[-800:]}")
    return {"exit_code": result.returncode, "output_tail": output.strip()[-300:]}, output


def ours_command_upload(job: Job, timer: Timer) -> Detail:
    from .commands import ours_upload_argv

    argv = ours_upload_argv(
        job.corpus,
        state=None if job.defaults else job.state_path,
        concurrency=None if job.defaults else job.concurrency,
        pause_jobs=None if job.defaults else job.pause_jobs,
        progress=job.defaults,
    )
    detail, _ = _command(job, timer, argv)
    return detail


def ours_command_export(job: Job, timer: Timer) -> Detail:
    from .commands import ours_export_argv

    if not job.album or not job.state_path:
        raise ValueError("ours-command-export needs an album and a state file")
    argv = ours_export_argv(
        job.dest or ".", album=job.album, state=job.state_path, concurrency=job.concurrency
    )
    detail, _ = _command(job, timer, argv)
    return detail


def official_cli_upload(job: Job, timer: Timer) -> Detail:
    from .commands import official_cli_upload_argv, parse_official_cli_output

    if not job.cli:
        raise ValueError("official-cli-upload needs the CLI's command")
    argv = official_cli_upload_argv(
        job.cli,
        job.corpus,
        concurrency=None if job.defaults else job.concurrency,
        progress=job.defaults,
    )
    detail, output = _command(job, timer, argv)
    detail["counts"] = parse_official_cli_output(output)
    if detail["counts"]["failed"]:
        # the CLI exits 0 when uploads fail: a run that failed must not count
        raise RuntimeError(f"the CLI failed uploads: {output.strip()[-800:]}")
    return detail


IMPLEMENTATIONS: dict[str, Callable[[Job, Timer], Detail]] = {
    "ours-upload": ours_upload,
    "bare-upload": bare_upload,
    "immichpy-upload": immichpy_upload,
    "ours-export": ours_export,
    "bare-download": bare_download,
    "immichpy-download": immichpy_download,
    "ours-hash": ours_hash,
    "sha1sum": sha1sum,
    "ours-command-upload": ours_command_upload,
    "ours-command-export": ours_command_export,
    "official-cli-upload": official_cli_upload,
}


def run_job(job: Job) -> dict[str, Any]:
    """Run *job* in this process; the result as the child prints it."""
    fn = IMPLEMENTATIONS.get(job.contender)
    if fn is None:
        return {"error": f"unknown contender {job.contender!r}"}
    timer = Timer(children=job.contender == "sha1sum")
    try:
        detail = fn(job, timer)
    except Exception as exc:  # reported, not raised: the parent records a failed run
        traceback.print_exc(file=sys.stderr)
        return {"error": f"{type(exc).__name__}: {exc}"[:1000]}
    if not timer.used:
        return {"error": "the contender measured nothing"}
    return {
        "wall_s": timer.wall_s,
        "cpu_s": timer.cpu_s,
        "peak_rss_kib": timer.peak_rss_kib,
        "start_rss_kib": timer.start_rss_kib,
        "detail": detail,
    }


def main() -> int:
    job = Job.from_json(sys.stdin.read())
    if job.cpus and hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, job.cpus)
    out = sys.stdout
    sys.stdout = sys.stderr  # only the result goes to the real stdout
    try:
        result = run_job(job)
    finally:
        sys.stdout = out
    out.write(json.dumps(result, default=str) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
