"""Google Photos Takeout: index the parts, match media to sidecars, plan the import.

Nothing is extracted: zip parts are read through their central directory, ``.tgz`` parts
in one recorded pass, extracted folders by walking them; what is learnt goes to an index
file on disk (SQLite), so memory stays flat and a second run -- or a run given one more
part -- re-reads nothing it already knows. Docs: ``docs/takeout.md``.

Entry points (what the import command and ``client.assets.import_takeout`` build on)::

    from immich_bulk.transfer.takeout import PlanOptions, TakeoutIndex

    async with TakeoutIndex.open(index_path) as index:
        # 1. index: every input checked first (PartError names a bad one), known parts
        #    reused, new ones read, then media matched to sidecars across all parts
        statuses = await index.update(paths, on_progress=callback)  # list[PartStatus]
        # 2. plan: counts per outcome, albums (several may share a title), dispositions
        plan = await index.plan(PlanOptions(include_trashed=False))  # Plan
        render_plan(plan, sys.stdout, problems)                      # --dry-run
        async for batch in index.problems():                         # list[Problem]
            ...  # unmatched / ambiguous media, orphan / bad JSON, skipped, by part path
        # 3. import: assets in batches; each has its copies (MemberRef), the chosen
        #    sidecar (MediaSidecar), albums, visibility, disposition, live-photo partner,
        #    and asset.metadata (AssetMetadata: file name, capture time, upload time,
        #    location, description, favourite, archived, trashed, locked, partner,
        #    people, albums)
        async for batch in index.assets(options):                   # list[PlannedAsset]
            ...
        # 4. read a member (in a worker thread; one MemberReader per worker):
        with index.reader() as reader:                               # MemberReader
            with Sha1Reader(reader.open(asset.member)) as stream:    # size known, CRC checked
                data = stream.read(1 << 20) ...
                sha1 = stream.digest()
        await index.record_sha1s({asset.member.id: sha1})            # cached per member
        await index.sha1s(member_ids)                                # {member id: sha1}

Modules: :mod:`.parts` (inputs, listing), :mod:`.zipdir` (zip central directory),
:mod:`.streams` (member streams), :mod:`.reader` (MemberRef, MemberReader),
:mod:`.folders` (Takeout layout, localized names), :mod:`.names` (Google's naming
rules), :mod:`.roles` (media / JSON / other), :mod:`.sidecar` (JSON records),
:mod:`.matcher` (one folder's matching), :mod:`.store` (index schema),
:mod:`.indexer` (parts -> index), :mod:`.resolve` (matching over the index),
:mod:`.plan` (assets, plan, problems), :mod:`.index` (the async facade).
"""

from __future__ import annotations

from .errors import MemberError, PartError, TakeoutError, TakeoutIndexError
from .index import TakeoutIndex, default_index_path
from .indexer import IndexOptions, IndexProgress, PartStatus
from .parts import PartKind, PartRef
from .plan import (
    AssetMetadata,
    Plan,
    PlannedAlbum,
    PlannedAsset,
    PlanOptions,
    Problem,
    render_plan,
)
from .reader import MemberReader, MemberRef
from .sidecar import AlbumSidecar, GeoPoint, MediaSidecar
from .streams import MemberStream, Sha1Reader

__all__ = [
    "AlbumSidecar",
    "AssetMetadata",
    "GeoPoint",
    "IndexOptions",
    "IndexProgress",
    "MediaSidecar",
    "MemberError",
    "MemberReader",
    "MemberRef",
    "MemberStream",
    "PartError",
    "PartKind",
    "PartRef",
    "PartStatus",
    "Plan",
    "PlanOptions",
    "PlannedAlbum",
    "PlannedAsset",
    "Problem",
    "Sha1Reader",
    "TakeoutError",
    "TakeoutIndex",
    "TakeoutIndexError",
    "default_index_path",
    "render_plan",
]
