"""Progress from transfer events: bars on a terminal, periodic plain lines elsewhere.

Events only bump counters (cheap, called for every chunk); a separate task redraws the bars
a few times a second, or prints one line every few seconds when stderr is not a terminal
(pipes, CI logs). Failures, retries and notices are printed as they happen in both modes,
names escaped (:func:`~immich_bulk.cli.display.shown`; and never read as rich markup).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import deque
from typing import IO, TYPE_CHECKING, Any

import anyio

from ..transfer.events import (
    BytesTransferred,
    ItemDone,
    ItemFailed,
    ItemQueued,
    ItemRetrying,
    ItemSkipped,
    ItemStarted,
    JobsPending,
    Notice,
    TransferEvent,
)
from .display import shown

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

__all__ = ["EventWriter", "ProgressView"]


def escape(text: str) -> str:
    """*text* as literal rich markup (rich loads only for a failure or notice: a run with
    nothing to report, e.g. a re-run that downloads nothing, never imports it)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


LABELS = {
    "scan": "scanning",
    "hash": "hashing",
    "check": "checking",
    "upload": "uploading",
    "album": "albums",
    "list": "listing",
    "download": "downloading",
    "verify": "verifying",
    "migrate": "copying",
    "metadata": "metadata",
    "jobs": "server jobs",
    "links": "albums/stacks/tags",
    "plan": "planning",
}
BYTE_STAGES = {"upload", "download", "migrate"}


def human_bytes(count: float) -> str:
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if abs(count) < 1000 or unit == "TB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} TB"


def human_seconds(seconds: float) -> str:
    seconds = int(max(0, seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class _Stage:
    def __init__(self, name: str) -> None:
        self.name = name
        self.pending: int | None = None
        self.most_pending = 0
        self.done = 0
        self.bytes = 0
        self.total_bytes = 0
        self.samples: deque[tuple[float, int]] = deque(maxlen=50)

    def speed(self) -> float:
        if len(self.samples) < 2:
            return 0.0
        (t0, b0), (t1, b1) = self.samples[0], self.samples[-1]
        return (b1 - b0) / (t1 - t0) if t1 > t0 else 0.0

    def describe(self) -> str:
        if self.pending is not None:
            return f"{self.pending:,} jobs left"
        text = f"{self.done:,} files"
        if self.name in BYTE_STAGES:
            text += f" · {human_bytes(self.bytes)}"
            if self.total_bytes:
                text += f" / {human_bytes(self.total_bytes)}"
            speed = self.speed()
            if speed > 0:
                text += f" · {human_bytes(speed)}/s"
                if self.total_bytes > self.bytes:
                    text += f" · ETA {human_seconds((self.total_bytes - self.bytes) / speed)}"
        return text


class ProgressView:
    """A listener for transfer events that shows progress on stderr."""

    def __init__(
        self,
        title: str,
        *,
        mode: str = "auto",  # auto | bars | lines | off
        stream: IO[str] | None = None,
        interval: float | None = None,
    ) -> None:
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bars" if self.stream.isatty() else "lines"
        self.mode = mode
        self.title = title
        # seconds between plain progress lines (an environment override is used by tests)
        self.interval = interval or float(os.environ.get("IMMICH_BULK_PROGRESS_INTERVAL", "5"))
        self._console: Console | None = None
        self.stages: dict[str, _Stage] = {}
        self.found = 0
        self.skipped = 0
        self.failed = 0
        self.retries = 0
        self.started = time.monotonic()
        self._bars: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    @property
    def console(self) -> Console:
        """The rich console of the bars (made on first use)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(file=self.stream, stderr=self.stream is sys.stderr)
        return self._console

    # -- events ---------------------------------------------------------------------
    def _stage(self, name: str) -> _Stage:
        stage = self.stages.get(name)
        if stage is None:
            stage = self.stages[name] = _Stage(name)
        return stage

    def __call__(self, event: TransferEvent) -> None:
        if isinstance(event, BytesTransferred):
            self._stage(event.stage).bytes += event.delta
        elif isinstance(event, ItemQueued):
            self.found += 1
            self._stage("scan" if event.size is not None else "list").done += 1
        elif isinstance(event, ItemDone):
            stage = self._stage(event.stage)
            stage.done += 1
            if event.stage == "check" and event.status == "accepted" and event.size:
                self._stage("upload").total_bytes += event.size
        elif isinstance(event, ItemStarted):
            if event.size and event.stage in BYTE_STAGES and event.stage != "upload":
                self._stage(event.stage).total_bytes += event.size
        elif isinstance(event, ItemSkipped):
            self.skipped += 1
        elif isinstance(event, ItemFailed):
            self.failed += 1
            what = f"{shown(event.item)}: {shown(event.reason)}"
            self._print(f"[red]failed[/red] {escape(what)}", plain=f"failed {what}")
        elif isinstance(event, ItemRetrying):
            self.retries += 1
            if self.mode != "off":
                what = f"{shown(event.item)}: {shown(event.reason)}"
                self._print(
                    f"[yellow]retry {event.attempt}[/yellow] {escape(what)}"
                    f" (waiting {event.delay:.1f} s)",
                    plain=f"retry {event.attempt} {what}",
                )
        elif isinstance(event, JobsPending):
            stage = self._stage("jobs")
            stage.pending = event.pending
            stage.most_pending = max(stage.most_pending, event.pending)
        elif isinstance(event, Notice):
            message = shown(event.message)
            self._print(
                f"[bold]{escape(event.level)}[/bold]: {escape(message)}",
                plain=f"{event.level}: {message}",
            )

    def _print(self, markup: str, *, plain: str) -> None:
        if self.mode == "bars" and self._bars is not None:
            self._bars.console.print(markup, highlight=False)
        elif self.mode != "off":
            print(plain, file=self.stream, flush=True)

    # -- display --------------------------------------------------------------------
    def line(self) -> str:
        parts = [f"{LABELS.get(n, n)} {s.describe()}" for n, s in self.stages.items()]
        tail = []
        if self.skipped:
            tail.append(f"{self.skipped:,} skipped")
        if self.failed:
            tail.append(f"{self.failed:,} failed")
        if self.retries:
            tail.append(f"{self.retries:,} retries")
        elapsed = human_seconds(time.monotonic() - self.started)
        return f"[{self.title} {elapsed}] " + " | ".join(parts + tail)

    def _refresh(self) -> None:
        now = time.monotonic()
        for stage in self.stages.values():
            stage.samples.append((now, stage.bytes))
        if self._bars is None:
            return
        for name, stage in self.stages.items():
            task = self._tasks.get(name)
            if task is None:
                task = self._tasks[name] = self._bars.add_task(
                    LABELS.get(name, name), total=None, info=""
                )
            total = stage.total_bytes if name in BYTE_STAGES and stage.total_bytes else None
            completed = stage.bytes if total else stage.done
            if stage.pending is not None:
                total = stage.most_pending or None
                completed = stage.most_pending - stage.pending
            self._bars.update(task, total=total, completed=completed, info=stage.describe())

    async def run(self) -> None:
        """Redraw until cancelled (start it in the command's task group)."""
        if self.mode == "off":
            await anyio.sleep_forever()
        if self.mode == "bars":
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

            self._bars = Progress(
                SpinnerColumn(),
                TextColumn("{task.description:<12}"),
                BarColumn(bar_width=30),
                TextColumn("{task.fields[info]}"),
                console=self.console,
                transient=False,
            )
            self._bars.start()
            try:
                while True:
                    self._refresh()
                    await anyio.sleep(0.2)
            finally:
                self._refresh()
                self._bars.stop()
        else:
            last = time.monotonic()
            while True:
                await anyio.sleep(0.5)
                self._refresh()
                if time.monotonic() - last >= self.interval:
                    last = time.monotonic()
                    print(self.line(), file=self.stream, flush=True)


class EventWriter:
    """Writes every event as one JSON line (NDJSON) to a file or stdout.

    A file that cannot be written (its disk is full) stops the writing, not the run: the
    error is kept in :attr:`failed` for the command to report (it was raised in whatever
    task emitted the event -- a hash worker -- and ended the whole run with a traceback).
    """

    def __init__(self, stream: IO[str], *, name: str = "stdout") -> None:
        self.stream = stream
        self.name = name
        self.failed: OSError | None = None

    def __call__(self, event: TransferEvent) -> None:
        self.write(event.to_dict())

    def write(self, data: dict[str, Any]) -> None:
        if self.failed is not None:
            return
        try:
            self.stream.write(json.dumps(data, ensure_ascii=True, separators=(",", ":")) + "\n")
            self.stream.flush()
        except BrokenPipeError:  # stdout closed early (`| head`): the command handles it
            raise
        except OSError as exc:
            self.failed = exc
