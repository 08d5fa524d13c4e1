"""Names new to the catalog waiting for a reviewer: each with its sentence, a kind guess and the closest entities.

Ingest finds names the catalog lacks (`loaders.ingest.discovery`) whether or not a candidate fact uses them;
they are the catalog's growth. Each distinct name (in any script, case or width) of one kind is one entry in
`names.jsonl` beside the review queue, kept in every state like the queue's entries, so a rejected name is not
proposed again. The closest catalog entities are worked out here, when a name is queued, not while reading: a
reviewer needs them to tell a new company from a new spelling of a known one.

Nothing merges on its own: an accepted name becomes a catalog entry (`catalog/ingested.yaml`) in
`review_queue.merge_accepted`. A closest entity whose model number differs (H100 for an article's H200,
MI300X for MI325X) is marked as a different model, so resemblance never passes for identity.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from computekg.graph.errors import EntityNotFound
from computekg.loaders.alias_index import AliasIndex, AmbiguousName
from computekg.loaders.ingest.new_names import NewName, same_model_number
from computekg.loaders.review_entries import ReviewError, entry_by_id
from computekg.loaders.review_status import ReviewStatus

__all__ = ["ClosestEntity", "NameEntry", "NameQueue", "enqueue_names", "names_path", "set_name_status"]

_CLOSEST = 3  # catalog entities shown beside a new name


class ClosestEntity(BaseModel):
    """A catalog entity a new name resembles."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    other_model: bool = Field(default=False, description="Both carry model numbers and they differ (H100 ≠ H200).")


class NameEntry(BaseModel):
    """One new name under review."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="'n-' and a fingerprint of the name as matched and its kind.")
    status: ReviewStatus = ReviewStatus.PENDING
    discovery: NewName
    closest: tuple[ClosestEntity, ...] = ()
    entity_id: str | None = Field(default=None, description="The catalog id it was merged as.")


class NameQueue(BaseModel):
    """Every new name, in the order it was found."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entries: tuple[NameEntry, ...] = ()

    def get(self, entry_id: str) -> NameEntry:
        """The entry with this id, or the only one whose id starts with it."""
        return entry_by_id(self.entries, entry_id, noun=("new name", "new names"))

    def with_status(self, *statuses: ReviewStatus) -> list[NameEntry]:
        return [e for e in self.entries if e.status in statuses]

    def replaced(self, entry: NameEntry) -> NameQueue:
        return NameQueue(entries=tuple(entry if e.id == entry.id else e for e in self.entries))


def names_path(queue_path: Path) -> Path:
    """Where the new names of the queue in `queue_path` are kept: beside it."""
    return queue_path.with_name("names.jsonl")


def _entry_id(name: NewName) -> str:
    normalized, kind = name.key
    return "n-" + hashlib.sha1(f"{kind}\x00{normalized}".encode()).hexdigest()[:10]


def _known(index: AliasIndex, name: str) -> bool:
    try:
        index.resolve(name)
    except AmbiguousName:
        return True
    except EntityNotFound:
        return False
    return True


def _closest(index: AliasIndex, found: NewName) -> tuple[ClosestEntity, ...]:
    """The catalog entities of the same kind the name most resembles (a person is never 'close' to a country)."""
    closest: list[ClosestEntity] = []
    for entity_id in index.candidates(found.name, limit=4 * _CLOSEST):
        entity = index.resolve(entity_id)
        if entity.kind is found.kind and len(closest) < _CLOSEST:
            other_model = not same_model_number(found.name, entity.name)
            closest.append(ClosestEntity(id=entity.id, name=entity.name, other_model=other_model))
    return tuple(closest)


def enqueue_names(queue: NameQueue, names: Iterable[NewName], index: AliasIndex) -> tuple[NameQueue, list[NameEntry]]:
    """Add the names neither the queue (in any state) nor the catalog holds yet; returns the new entries."""
    held = {e.id for e in queue.entries}
    added = []
    for name in names:
        entry_id = _entry_id(name)
        if entry_id in held or _known(index, name.name):
            continue
        held.add(entry_id)
        added.append(NameEntry(id=entry_id, discovery=name, closest=_closest(index, name)))
    return NameQueue(entries=queue.entries + tuple(added)), added


def set_name_status(queue: NameQueue, entry_id: str, status: ReviewStatus) -> NameQueue:
    """Accept, reject or reopen (pending) a new name; a merged one is final."""
    entry = queue.get(entry_id)
    if entry.status is ReviewStatus.MERGED:
        raise ReviewError(f"new name {entry.id} ({entry.discovery.name}) is already in the catalog as "
                          f"{entry.entity_id}")
    return queue.replaced(entry.model_copy(update={"status": status}))
