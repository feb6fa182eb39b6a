"""Per-item outcomes and the report a transfer returns.

Every input item (a local file for uploads, an asset for downloads and migrations) gets
exactly one :class:`Outcome`. Outcomes are spooled to a temporary file as they happen, so a
run over a million files keeps its memory flat; the report holds the totals, the first
failures in memory, and reads the full list back on demand (:meth:`TransferReport.outcomes`).
"""

from __future__ import annotations

import base64
import enum
import json
import os
import sys
import tempfile
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any, TypeVar

import attrs

if TYPE_CHECKING:
    from .local.hashing import HasherStats
    from .server.adaptive import LevelChange

__all__ = [
    "AdaptiveSummary",
    "AlbumTotals",
    "ExportReport",
    "MigrateReport",
    "Outcome",
    "OutcomeLog",
    "RateLimitSummary",
    "Status",
    "TakeoutPart",
    "TakeoutPlanSummary",
    "TakeoutReport",
    "TransferReport",
    "UploadReport",
]

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover

    class StrEnum(str, enum.Enum):
        def __str__(self) -> str:
            return str(self.value)


class Status(StrEnum):
    """What happened to one item: a string (``Status.UPLOADED == "uploaded"``), written
    as its value in JSON. Each engine uses a part of it:

    - upload (and a Takeout import): ``uploaded``, ``duplicate`` (the server had it),
      ``would-upload`` (dry run), ``skipped``, ``failed``;
    - export: ``downloaded``, ``present`` (already there, or moved after a layout change),
      ``would-download``, ``would-move``, ``skipped`` (e.g. listed twice), ``failed``;
    - migrate (assets, ``album:NAME``, ``stack:ID``, ``tag:VALUE``): ``migrated``,
      ``exists`` (the target had it), ``would-migrate``, ``skipped``, ``failed``;
    - all: ``interrupted``: found, but the run stopped before it finished (a re-run takes
      it up).
    """

    UPLOADED = "uploaded"
    DUPLICATE = "duplicate"
    WOULD_UPLOAD = "would-upload"
    DOWNLOADED = "downloaded"
    PRESENT = "present"
    WOULD_DOWNLOAD = "would-download"
    WOULD_MOVE = "would-move"
    MIGRATED = "migrated"
    EXISTS = "exists"
    WOULD_MIGRATE = "would-migrate"
    SKIPPED = "skipped"
    FAILED = "failed"
    INTERRUPTED = "interrupted"


#: Statuses that mean "this item is where it should be".
SUCCESS = frozenset(
    {
        Status.UPLOADED,
        Status.DUPLICATE,
        Status.DOWNLOADED,
        Status.PRESENT,
        Status.MIGRATED,
        Status.EXISTS,
    }
)
#: Statuses of a dry run: what a real run would do.
WOULD = frozenset(
    {Status.WOULD_UPLOAD, Status.WOULD_DOWNLOAD, Status.WOULD_MOVE, Status.WOULD_MIGRATE}
)
#: Failures kept in memory on the report (all of them are in ``outcomes()``).
MAX_FAILURES_IN_MEMORY = 1000


@attrs.frozen(kw_only=True)
class Outcome:
    """What happened to one item; ``status`` is a :class:`Status` (given as one, or as
    its string)."""

    item: str  # the local path, or the asset id
    status: Status = attrs.field(converter=Status)
    reason: str | None = None
    asset_id: str | None = None
    checksum: str | None = None  # SHA-1, hex
    size: int | None = None
    path: str | None = None  # for downloads: where the file is
    retries: int = 0
    albums: tuple[str, ...] = ()
    deleted: bool = False
    kept: str | None = None  # with delete: what stayed on disk, and why
    error: str | None = None  # the exception class behind a failure

    @property
    def ok(self) -> bool:
        return self.status in SUCCESS or self.status in WOULD

    def to_dict(self) -> dict[str, Any]:
        """The outcome as JSON data. A local path that is not valid UTF-8 (``item`` of an
        upload, ``path`` of a download) also comes as ``item_b64``/``path_b64``: its exact
        bytes in base64, since JSON text cannot carry them (tools like jq turn the lone
        surrogates that stand for them into U+FFFD)."""
        data: dict[str, Any] = {}
        for field in attrs.fields(Outcome):
            value = getattr(self, field.name)
            if value is None or value == ():
                continue
            if field.name in ("deleted", "retries") and not value:
                continue
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, Status):
                value = value.value
            data[field.name] = value
        for name in ("item", "path"):
            raw = _undecodable(data.get(name))
            if raw is not None:
                data[f"{name}_b64"] = base64.b64encode(raw).decode("ascii")
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Outcome:
        values = {k: v for k, v in data.items() if not k.endswith("_b64")}
        if "albums" in values:
            values["albums"] = tuple(values["albums"])
        return cls(**values)


def _undecodable(value: object) -> bytes | None:
    """The bytes of a path held as text with lone surrogates (``os.fsdecode`` of a name
    that is not UTF-8); None for any other value."""
    if not isinstance(value, str):
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return os.fsencode(value)
        except UnicodeEncodeError:  # a surrogate no file name decodes to
            return value.encode("utf-8", "surrogatepass")
    return None


class OutcomeLog:
    """Outcomes written to an anonymous temporary file as they arrive; counts kept in memory."""

    def __init__(self) -> None:
        # an anonymous file that lives as long as the report: closed by close(), or when
        # the log is garbage-collected
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="immich-bulk-outcomes-")  # noqa: SIM115
        weakref.finalize(self, self._file.close)
        self.counts: Counter[str] = Counter()
        self.failures: list[Outcome] = []
        self.bytes = 0
        self.retries = 0
        # items found and not finished yet (bounded by what is in flight between stages)
        self._open: Counter[str] = Counter()

    def begin(self, item: str) -> None:
        """*item* was found: it owes an outcome (see :meth:`close_open`)."""
        self._open[item] += 1

    @property
    def unfinished(self) -> int:
        """Items begun and not finished yet."""
        return sum(self._open.values())

    def close_open(self, reason: str = "the run was interrupted before it finished") -> int:
        """Give every item begun and not finished the outcome ``interrupted`` (a stopped
        run: nothing found may go unreported). Returns how many."""
        unfinished = list(self._open.elements())
        for item in unfinished:
            self.add(Outcome(item=item, status=Status.INTERRUPTED, reason=reason))
        return len(unfinished)

    def add(self, outcome: Outcome) -> None:
        if self._open[outcome.item] > 1:
            self._open[outcome.item] -= 1
        else:
            self._open.pop(outcome.item, None)
        self.counts[outcome.status.value] += 1
        self.retries += outcome.retries
        if outcome.status is Status.FAILED and len(self.failures) < MAX_FAILURES_IN_MEMORY:
            self.failures.append(outcome)
        line = json.dumps(outcome.to_dict(), ensure_ascii=True, separators=(",", ":"))
        self._file.write(line.encode("ascii") + b"\n")

    def __len__(self) -> int:
        return sum(self.counts.values())

    def __iter__(self) -> Iterator[Outcome]:
        self._file.flush()
        with open(self._file.fileno(), "rb", closefd=False) as reader:
            reader.seek(0)
            for line in reader:
                yield Outcome.from_dict(json.loads(line))

    def close(self) -> None:
        self._file.close()


R = TypeVar("R", bound="TransferReport")


@attrs.frozen(kw_only=True)
class TransferReport:
    """The result of a transfer: what every engine reports. Each engine's report adds
    its own typed figures (:class:`UploadReport`, :class:`ExportReport`,
    :class:`MigrateReport`), which :meth:`to_dict` writes after the common fields.

    ``total`` equals the number of input items: nothing is dropped without an outcome.
    """

    kind: str  # upload | export | migrate
    counts: Mapping[str, int]
    total: int
    bytes_transferred: int
    seconds: float
    stage_seconds: Mapping[str, float]
    retries: int
    failures: tuple[Outcome, ...]
    dry_run: bool = False
    interrupted: bool = False
    stopped: str | None = None
    """Why the run stopped itself before the end (then ``interrupted`` is True too, and a
    re-run resumes): ``"unreachable"`` (the server cannot be reached), ``"unresponsive"``
    (its answers kept timing out or failing), ``"refused"`` (it refuses the key: 401/403),
    ``"disk-full"`` (a local write failed for lack of space). ``stop_reason`` says it in
    words."""
    stop_reason: str | None = None
    state_saved: bool = True
    """False when the state file could not be written at the end (e.g. its disk is full):
    what was done is done, but the next run checks those files with the server again."""
    notes: tuple[str, ...] = ()
    # the figures of an engine without a typed report of its own, as JSON data
    _figures: Mapping[str, Any] = attrs.field(factory=dict, alias="extra")
    _log: OutcomeLog = attrs.field(repr=False, eq=False, alias="log")

    @classmethod
    def from_log(
        cls: type[R],
        kind: str,
        log: OutcomeLog,
        *,
        bytes_transferred: int,
        seconds: float,
        stages: Mapping[str, Any],
        dry_run: bool,
        interrupted: bool,
        notes: Iterable[str] = (),
        extra: Mapping[str, Any] | None = None,
        stopped: tuple[str, str] | None = None,
        state_saved: bool = True,
        **figures: Any,
    ) -> R:
        """The report of an engine run from its outcome log (``stages``: name -> an object
        with ``seconds``; *figures*: the fields of the engine's report class). In an
        interrupted run, the items found but not finished get the outcome ``interrupted``."""
        if interrupted:
            log.close_open()
        return cls(
            kind=kind,
            counts=dict(log.counts),
            total=len(log),
            bytes_transferred=bytes_transferred,
            seconds=seconds,
            stage_seconds={name: stage.seconds for name, stage in stages.items()},
            retries=log.retries,
            failures=tuple(log.failures),
            dry_run=dry_run,
            interrupted=interrupted or stopped is not None,
            stopped=stopped[0] if stopped else None,
            stop_reason=stopped[1] if stopped else None,
            state_saved=state_saved,
            notes=tuple(notes),
            extra=dict(extra or {}),
            log=log,
            **figures,
        )

    def details(self) -> dict[str, Any]:
        """The engine's own figures as JSON data (what :meth:`to_dict` adds to the common
        fields)."""
        return dict(self._figures)

    @property
    def extra(self) -> Mapping[str, Any]:
        """Deprecated, for one release: :meth:`details` (read the typed fields instead,
        e.g. ``report.hash.files_hashed`` for ``report.extra["hash"]["files_hashed"]``)."""
        return self.details()

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def ok(self) -> bool:
        """True when no item failed and the run was not interrupted."""
        return self.failed == 0 and not self.interrupted

    def outcomes(self) -> Iterator[Outcome]:
        """Every item's outcome, in the order they finished (read back from disk)."""
        return iter(self._log)

    def summary(self) -> str:
        parts = [f"{n} {status}" for status, n in sorted(self.counts.items()) if n]
        speed = self.bytes_transferred / self.seconds / 1e6 if self.seconds > 0 else 0.0
        text = (
            f"{self.kind}: {self.total} items: "
            f"{', '.join(parts) or ('nothing finished' if self.interrupted else 'nothing to do')}; "
            f"{self.bytes_transferred / 1e6:.1f} MB in {self.seconds:.1f} s ({speed:.1f} MB/s)"
        )
        if self.retries:
            text += f"; {self.retries} retries"
        if self.stopped:
            text += f"; STOPPED ({self.stopped}; re-run to resume)"
        elif self.interrupted:
            text += "; INTERRUPTED (re-run to resume)"
        return text

    def to_dict(self, *, outcomes: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "ok": self.ok,
            "dry_run": self.dry_run,
            "interrupted": self.interrupted,
            "stopped": self.stopped,
            "stop_reason": self.stop_reason,
            "state_saved": self.state_saved,
            "total": self.total,
            "counts": dict(sorted(self.counts.items())),
            "bytes": self.bytes_transferred,
            "seconds": round(self.seconds, 3),
            "stage_seconds": {k: round(v, 3) for k, v in sorted(self.stage_seconds.items())},
            "retries": self.retries,
            "notes": list(self.notes),
            **self.details(),
        }
        if outcomes:
            data["outcomes"] = [o.to_dict() for o in self.outcomes()]
        else:
            data["failures"] = [o.to_dict() for o in self.failures]
        return data

    def write_json(self, stream: IO[str]) -> None:
        """The report as one JSON document, streaming the outcomes (no list in memory)."""
        head = self.to_dict(outcomes=False)
        head.pop("failures")
        stream.write(json.dumps(head, ensure_ascii=True)[:-1] + ', "outcomes": [')
        for index, outcome in enumerate(self.outcomes()):
            stream.write(("," if index else "") + "\n  " + json.dumps(outcome.to_dict()))
        stream.write("\n]}\n")


@attrs.frozen(kw_only=True)
class AlbumTotals:
    created: int
    """Albums created."""
    added: int
    """Assets added to albums (not counting those already in them)."""


@attrs.frozen(kw_only=True)
class AdaptiveSummary:
    """How the adaptive concurrency of an upload moved."""

    final: int
    """The number of parallel uploads at the end."""
    changes: tuple[LevelChange, ...] = ()


@attrs.frozen(kw_only=True)
class RateLimitSummary:
    bytes_per_second: int
    """The cap asked for."""
    waited_seconds: float
    """Time spent waiting for it (rounded to milliseconds)."""


@attrs.frozen(kw_only=True)
class UploadReport(TransferReport):
    """The report of an upload (and of a Takeout import)."""

    hash: HasherStats
    """Files hashed, answered by the hash cache, bytes read, ..."""
    albums: AlbumTotals | None = None
    """With ``album`` or ``album_from_folder`` (and not a dry run)."""
    concurrency: AdaptiveSummary | None = None
    """With ``UploadConfig.adaptive``."""
    rate_limit: RateLimitSummary | None = None
    """With ``UploadConfig.max_bytes_per_second``."""
    paused_jobs: tuple[str, ...] | None = None
    """With ``pause_jobs``: the server's queues this run paused (and resumed)."""

    def details(self) -> dict[str, Any]:
        data: dict[str, Any] = {"hash": attrs.asdict(self.hash)}
        if self.albums is not None:
            data["albums"] = attrs.asdict(self.albums)
        if self.concurrency is not None:
            data["concurrency"] = attrs.asdict(self.concurrency)
        if self.rate_limit is not None:
            data["rate_limit"] = attrs.asdict(self.rate_limit)
        if self.paused_jobs is not None:
            data["paused_jobs"] = list(self.paused_jobs)
        return data


@attrs.frozen(kw_only=True)
class ExportReport(TransferReport):
    """The report of an export."""

    dest: str
    """The destination folder (its real path)."""
    layout: str
    moved: int = 0
    """Files moved to their new layout path instead of being downloaded again."""
    restarts: int = 0
    """Downloads started over (the server's file changed, or it ignored a range)."""
    resumed_bytes: int = 0
    """Bytes not downloaded again: ``.part`` files of an earlier run resumed."""

    def details(self) -> dict[str, Any]:
        return {
            "dest": self.dest,
            "layout": self.layout,
            "moved": self.moved,
            "restarts": self.restarts,
            "resumed_bytes": self.resumed_bytes,
        }


@attrs.frozen(kw_only=True)
class MigrateReport(TransferReport):
    """The report of a migration."""

    items: Mapping[str, int]
    """Outcomes per kind of item: ``assets``, ``albums``, ``stacks``, ``tags``."""
    preserve: tuple[str, ...]
    """The fields carried (sorted)."""
    links: Mapping[str, int] | None = None
    """Albums, stacks and tags per status (None in a dry run, or when none was handled)."""

    def details(self) -> dict[str, Any]:
        data: dict[str, Any] = {"items": dict(self.items), "preserve": list(self.preserve)}
        if self.links:
            data["links"] = dict(self.links)
        return data


@attrs.frozen(kw_only=True)
class TakeoutPart:
    """One input of a Takeout import."""

    path: str
    kind: str
    """``zip``, ``tgz``, ``tar`` or ``dir``."""
    members: int
    """Files in it."""
    reused: bool
    """Known from an earlier run (not read again)."""


@attrs.frozen(kw_only=True)
class TakeoutPlanSummary:
    """What the index planned (what ``--dry-run`` prints)."""

    assets: int
    """Distinct photos and videos (identical copies are one)."""
    dispositions: Mapping[str, int]
    """Assets per disposition: ``upload`` or a ``skip-...`` reason."""
    media: Mapping[str, int]
    """Media files per match outcome (``matched``, ``fallback``, ``unmatched``...)."""
    json: Mapping[str, int]
    """JSON files per role."""
    visibility: Mapping[str, int]
    """Uploaded assets per visibility (``timeline``, ``archive``, ``locked``)."""
    live_pairs: int
    albums: int


@attrs.frozen(kw_only=True)
class TakeoutReport(TransferReport):
    """The report of a Google Takeout import."""

    parts: tuple[TakeoutPart, ...]
    plan: TakeoutPlanSummary | None = None
    """None when the run stopped before planning."""
    problems: Mapping[str, int] = attrs.field(factory=dict)
    """Files that need a look, per kind (``orphan-json``, ``unmatched``...)."""
    live_photos_linked: int = 0
    trashed: int = 0
    """Assets moved to the server's trash (they were in Google's trash)."""
    tags: Mapping[str, int] | None = None
    """People tags (``People/<name>``): ``people`` (tags used) and ``tagged`` (asset-tag
    links made, not counting those already there); None in a dry run."""
    albums: AlbumTotals | None = None
    """None in a dry run."""
    rate_limit: RateLimitSummary | None = None
    paused_jobs: tuple[str, ...] | None = None

    def details(self) -> dict[str, Any]:
        takeout: dict[str, Any] = {
            "parts": [attrs.asdict(p) for p in self.parts],
            "problems": dict(self.problems),
            "live_photos_linked": self.live_photos_linked,
            "trashed": self.trashed,
        }
        if self.plan is not None:
            takeout["plan"] = attrs.asdict(self.plan)
        if self.tags is not None:
            takeout["tags"] = dict(self.tags)
        data: dict[str, Any] = {"takeout": takeout}
        if self.albums is not None:
            data["albums"] = attrs.asdict(self.albums)
        if self.rate_limit is not None:
            data["rate_limit"] = attrs.asdict(self.rate_limit)
        if self.paused_jobs is not None:
            data["paused_jobs"] = list(self.paused_jobs)
        return data
