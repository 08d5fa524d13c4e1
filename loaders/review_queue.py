"""The review queue: candidate facts waiting for a person to accept, edit or reject them, and the merge.

The queue is a JSON-lines file (default `.computekg/review/queue.jsonl`, under COMPUTEKG_HOME): one
`QueueEntry` a line, whose `id` is the fingerprint of the claim as first proposed. Entries are never
deleted: a rejected entry stays so that the same claim is not proposed again when an article is
ingested again, and a merged one records what went into the fact base. The cleaned articles the
candidates quote are kept beside the queue (`articles/`), so a merge can add them to the data
directory.

Functions here are pure (queue in, queue out) except `read_queue`, `write_queue`, `store_article`
and `merge_accepted`, which touch files. `merge_accepted` is all-or-nothing: it writes the new
article, fact file and catalog entries into a copy of the data directory (`.merge-staging/` beside the
queue), validates that copy with `read_fact_base`, and only then replaces the real files, each
atomically; if validation fails nothing is written.

A merge survives being killed at any point. Which entries are merged is derived from the fact base, not
only from the queue file: an accepted entry whose fact id the fact base already holds is marked merged
and not written again, so a merge killed after replacing the fact files but before the queue was written
is completed by the next one, and so is one killed between two files (a new entity already in the
catalog resolves by its name). Files are written as `.NAME.computekg-tmp` beside their target and moved
into place; what a killed merge left (such files, the staging copy) is removed by the next merge, under a
lock (`.review.lock` beside the queue) that review writes share.

Entities new to the catalog get a readable id from their name (`SMIC` → `smic`; a Chinese name by its
pinyin, `中芯国际` → `zhong-xin-guo-ji`) and keep every name the articles wrote for them as aliases, so
the article's `中芯国际` still resolves after a reviewer named the entity `SMIC`.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from computekg.graph.errors import EntityNotFound
from computekg.graph.model import article_evidence
from computekg.graph.schema import EntityKind, FactStatus, RelType
from computekg.graph.settings import get_settings
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.article import Article, read_article, write_article
from computekg.loaders.bundle import read_fact_base
from computekg.loaders.catalog import read_catalog
from computekg.loaders.errors import DataFileError, FactBaseError
from computekg.loaders.ingest.candidate import Candidate
from computekg.loaders.numbers import NumberFormatError, parse_money, parse_quantity
from computekg.loaders.review_entries import EntryNotFound, ReviewError, entry_by_id
from computekg.loaders.review_names import NameEntry, NameQueue, names_path
from computekg.loaders.review_status import ReviewStatus

__all__ = [
    "EDITABLE_FIELDS", "EntryNotFound", "MergeRejected", "MergeResult", "QueueEntry", "QueueFileError",
    "ReviewError", "ReviewQueue", "ReviewStatus", "default_queue_path", "edit_entry", "enqueue", "merge_accepted",
    "read_names", "read_queue", "set_status", "store_article", "unrejected", "write_names", "write_queue",
]

EDITABLE_FIELDS = ("subject", "object", "type", "product", "quantity", "amount", "date", "status", "confidence",
                   "evidence", "note")
_INGESTED_CATALOG = "ingested.yaml"
_TMP_SUFFIX = ".computekg-tmp"
_STAGING = ".merge-staging"
_LOCK = ".review.lock"
_Line = TypeVar("_Line", bound=BaseModel)


class QueueFileError(ValueError):
    """The queue file is not valid JSON lines of queue entries; names the line."""


class MergeRejected(ValueError):
    """The merged fact base would not validate; nothing was written."""

    def __init__(self, error: FactBaseError | DataFileError) -> None:
        self.error = error
        super().__init__(f"merge rejected, nothing written: {error}")


class QueueEntry(BaseModel):
    """One candidate under review."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    status: ReviewStatus = ReviewStatus.PENDING
    candidate: Candidate
    note: str | None = None
    fact_id: str | None = None


class ReviewQueue(BaseModel):
    """Every entry, in the order they were proposed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entries: tuple[QueueEntry, ...] = ()

    def get(self, entry_id: str) -> QueueEntry:
        """The entry with this id, or the only one whose id starts with it."""
        return entry_by_id(self.entries, entry_id, noun=("entry", "entries"))

    def with_status(self, *statuses: ReviewStatus) -> list[QueueEntry]:
        return [e for e in self.entries if e.status in statuses]

    def _with_entry(self, entry: QueueEntry) -> ReviewQueue:
        return ReviewQueue(entries=tuple(entry if e.id == entry.id else e for e in self.entries))


def default_queue_path() -> Path:
    return get_settings().home / "review" / "queue.jsonl"


def _article_dir(queue_path: Path) -> Path:
    return queue_path.parent / "articles"


def _read_json_lines(path: Path, model: type[_Line], what: str) -> list[_Line]:
    """The records of a JSON-lines file (none when it does not exist yet); a bad line is named."""
    if not path.exists():
        return []
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(model.model_validate_json(line))
        except ValidationError as error:
            raise QueueFileError(f"{path}:{number}: not {what}: {error}") from error
    return records


def read_queue(path: Path) -> ReviewQueue:
    """The queue in `path` (empty when the file does not exist yet)."""
    return ReviewQueue(entries=tuple(_read_json_lines(path, QueueEntry, "a queue entry")))


def read_names(queue_path: Path) -> NameQueue:
    """The new names kept beside the queue in `queue_path` (none when there are none yet)."""
    return NameQueue(entries=tuple(_read_json_lines(names_path(queue_path), NameEntry, "a new-name entry")))


def _replace_file(path: Path, text: str) -> None:
    """Write `text` to `path` atomically: a reader sees the old file or the new one, never half of it.

    Callers hold `_locked`, so the one temporary name per target is never written by two at once.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}{_TMP_SUFFIX}")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())  # the new content is on disk before it takes the old one's name
    os.replace(tmp, path)


@contextlib.contextmanager
def _locked(queue_path: Path) -> Iterator[None]:
    """Serialise the writes of review commands sharing one queue, across processes."""
    queue_path.parent.mkdir(parents=True, exist_ok=True)
    with (queue_path.parent / _LOCK).open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_leftovers(*folders: Path) -> None:
    """Delete what a killed write left in `folders`: temporary files, and the merge's staging copy."""
    for folder in folders:
        for leftover in folder.glob(f".*{_TMP_SUFFIX}"):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(folder / _STAGING, ignore_errors=True)


def _write_json_lines(records: Iterable[BaseModel], path: Path, queue_path: Path) -> None:
    with _locked(queue_path):
        _remove_leftovers(queue_path.parent)
        _replace_file(path, "".join(record.model_dump_json(exclude_none=True) + "\n" for record in records))


def write_queue(queue: ReviewQueue, path: Path) -> None:
    _write_json_lines(queue.entries, path, path)


def write_names(names: NameQueue, queue_path: Path) -> None:
    """Keep `names` beside the queue in `queue_path`."""
    _write_json_lines(names.entries, names_path(queue_path), queue_path)


def store_article(queue_path: Path, article: Article) -> Path:
    """Keep the cleaned article beside the queue, so that accepted candidates can be merged later."""
    target = _article_dir(queue_path) / f"{article.id}.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_article(article, target)
    return target


def unrejected(queue: ReviewQueue, candidates: Iterable[Candidate]) -> list[Candidate]:
    """The candidates whose claim a reviewer has not rejected before."""
    rejected = {e.id for e in queue.with_status(ReviewStatus.REJECTED)}
    return [c for c in candidates if c.fingerprint not in rejected]


def enqueue(queue: ReviewQueue, candidates: Iterable[Candidate]) -> tuple[ReviewQueue, list[QueueEntry]]:
    """Add the candidates whose claim the queue does not hold yet (in any state); returns the new entries."""
    known = {e.id for e in queue.entries}
    added = []
    for candidate in candidates:
        if candidate.fingerprint not in known:
            known.add(candidate.fingerprint)
            added.append(QueueEntry(id=candidate.fingerprint, candidate=candidate))
    return ReviewQueue(entries=queue.entries + tuple(added)), added


def set_status(queue: ReviewQueue, entry_id: str, status: ReviewStatus) -> ReviewQueue:
    """Accept, reject or reopen (pending) an entry; a merged entry is final."""
    entry = queue.get(entry_id)
    if entry.status is ReviewStatus.MERGED:
        raise ReviewError(f"entry {entry.id} is already merged into the fact base")
    if status is ReviewStatus.MERGED:
        raise ReviewError("entries become merged only through merge_accepted")
    return queue._with_entry(entry.model_copy(update={"status": status}))


def _endpoint_update(field: str, value: str, index: AliasIndex | None, kind: EntityKind) -> dict[str, Any]:
    """A new subject or object: resolved to its catalog id when the catalog knows it, else flagged new.

    `<field>_name` stays as the article wrote it: a new entity keeps that name as an alias on merge.
    """
    if index is not None:
        try:
            entity = index.resolve(value)
        except EntityNotFound:
            pass
        else:
            return {field: entity.id, f"{field}_kind": entity.kind, f"{field}_new": False}
    return {field: value, f"{field}_kind": kind, f"{field}_new": index is not None}


def _field_update(field: str, value: str, candidate: Candidate, index: AliasIndex | None) -> dict[str, Any]:
    cleared = value.strip() == ""
    if field in ("subject", "object"):
        return _endpoint_update(field, value, index, getattr(candidate, f"{field}_kind"))
    if field == "product" and index is not None and not cleared:
        try:
            return {"product": index.resolve(value).id}
        except EntityNotFound as error:
            raise ReviewError(f"product {value!r} is not in the catalog") from error
    if field == "quantity":
        return {"quantity": None if cleared else parse_quantity(value)}
    if field == "amount":
        return {"amount": None if cleared else parse_money(value)}
    if field == "type":
        return {"type": RelType(value.upper())}
    if field == "status":
        return {"status": None if cleared else FactStatus(value)}
    return {field: None if cleared and field in ("product", "date") else value}


def edit_entry(queue: ReviewQueue, entry_id: str, changes: Mapping[str, str],
               index: AliasIndex | None = None) -> ReviewQueue:
    """Change fields of an entry's candidate ('' clears an optional field); `index` resolves names to ids."""
    entry = queue.get(entry_id)
    if entry.status is ReviewStatus.MERGED:
        raise ReviewError(f"entry {entry.id} is already merged into the fact base")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ReviewError(f"cannot edit {sorted(unknown)}; editable fields: {', '.join(EDITABLE_FIELDS)}")
    update: dict[str, Any] = {}
    note = entry.note
    try:
        for field, value in changes.items():
            if field == "note":
                note = value or None
            else:
                update |= _field_update(field, value, entry.candidate, index)
        candidate = Candidate.model_validate(entry.candidate.model_dump() | update)
    except (ValidationError, ValueError, NumberFormatError) as error:
        raise ReviewError(f"entry {entry.id}: {error}") from error
    return queue._with_entry(entry.model_copy(update={"candidate": candidate, "note": note}))


@dataclass(frozen=True)
class MergeResult:
    """The queue after the merge, and what changed in the data directory."""

    queue: ReviewQueue
    written: tuple[Path, ...]
    facts: int
    names: NameQueue = NameQueue()
    entities: int = 0  # catalog entries added for accepted new names


def _new_entity_id(names: list[str], taken: set[str]) -> str:
    """A readable catalog id from the first name that gives one: an ASCII name as it is, else its pinyin."""
    from pypinyin import lazy_pinyin  # imported here: only a merge with new entities needs its dictionary

    base = ""
    for name in sorted(names, key=lambda name: not name.isascii()):  # an English name first, if any
        base = re.sub(r"[^a-z0-9]+", "-", " ".join(lazy_pinyin(name)).lower()).strip("-")
        if base:
            break
    base = base or f"org-{hashlib.sha1(names[0].encode('utf-8')).hexdigest()[:8]}"
    candidate, counter = base[:70].strip("-"), 2
    while candidate in taken:
        candidate, counter = f"{base[:66].strip('-')}-{counter}", counter + 1
    return candidate


def _new_entities(entries: list[QueueEntry], index: AliasIndex, known_ids: set[str]) -> list[dict[str, Any]]:
    """Catalog entries for endpoints the catalog does not know (added to catalog/ingested.yaml).

    Each keeps the names the articles wrote for it, where they differ from the reviewer's name, as aliases.
    """
    written_names: dict[str, list[str]] = {}
    first: dict[str, tuple[EntityKind, str | None]] = {}
    for entry in entries:
        c = entry.candidate
        for name, written, kind, new in ((c.subject, c.subject_name, c.subject_kind, c.subject_new),
                                         (c.object, c.object_name, c.object_kind, c.object_new)):
            if not new or _resolves(index, name):
                continue
            first.setdefault(name, (kind, c.source))
            aliases = written_names.setdefault(name, [])
            if written != name and written not in aliases and not _resolves(index, written):
                aliases.append(written)
    added = []
    for name, (kind, source) in first.items():
        entity_id = _new_entity_id([name, *written_names[name]], known_ids)
        known_ids.add(entity_id)
        record: dict[str, Any] = {"id": entity_id, "kind": str(kind), "name": name}
        if written_names[name]:
            record["aliases"] = written_names[name]
        added.append(record | {"description": f"Added by review of ingested article {source}."})
    return added


def _name_entities(names: list[NameEntry], index: AliasIndex, known_ids: set[str]) -> list[dict[str, Any]]:
    """Catalog entries for accepted new names the catalog does not know yet (one merged before stays as it is)."""
    added = []
    for entry in names:
        found = entry.discovery
        if _resolves(index, found.name):
            continue
        entity_id = _new_entity_id([found.name], known_ids)
        known_ids.add(entity_id)
        added.append({"id": entity_id, "kind": str(found.kind), "name": found.name,
                      "description": f"Found by its {found.signal} in ingested article {found.source}."})
    return added


def _resolves(index: AliasIndex, name: str) -> bool:
    try:
        index.resolve(name)
    except EntityNotFound:
        return False
    return True


def _fact_entries(entries: list[QueueEntry]) -> str:
    records = []
    for entry in entries:
        record = entry.candidate.to_fact_record(entry.id, note=entry.note)
        records.append(record.model_dump(mode="json", exclude_none=True))
    dumped = yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=100_000)
    return "".join(f"  {line}\n" for line in dumped.splitlines())


def _fact_file_text(existing: str | None, source: str, entries: list[QueueEntry]) -> str:
    if existing is None or not existing.strip():
        return f"source: {source}\nfacts:\n{_fact_entries(entries)}"
    return existing.rstrip("\n") + "\n" + _fact_entries(entries)


def _article(source: str, data_dir: Path, queue_path: Path) -> Article | None:
    """None when the data directory already has the article; else the stored copy beside the queue."""
    if (data_dir / "articles" / f"{source}.txt").exists():
        return None
    stored = _article_dir(queue_path) / f"{source}.txt"
    if not stored.exists():
        raise ReviewError(f"article {source} is neither in {data_dir / 'articles'} nor in {stored.parent}")
    return read_article(stored)


def _stage(data_dir: Path, staging: Path, queue_path: Path, accepted: list[QueueEntry],
           names: list[NameEntry]) -> list[Path]:
    """Write the merge into `staging` (a copy of data_dir); returns the paths changed, relative to it."""
    changed: list[Path] = []
    entities = read_catalog(staging / "catalog")
    known = AliasIndex(entities)
    taken = {e.id for e in entities}
    new = _new_entities(accepted, known, taken)
    new += _name_entities(names, known, taken)
    if new:
        catalog = staging / "catalog" / _INGESTED_CATALOG
        header = "# Entities added by reviewing ingested articles.\n"
        old = catalog.read_text(encoding="utf-8") if catalog.exists() else header
        catalog.write_text(old.rstrip("\n") + "\n" + yaml.safe_dump(new, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
        changed.append(catalog.relative_to(staging))
        entities = read_catalog(staging / "catalog")
    index = AliasIndex(entities)
    by_source: dict[str, list[QueueEntry]] = {}
    for entry in accepted:
        c = entry.candidate
        endpoints = {
            "subject": index.resolve(c.subject).id if c.subject_new else c.subject,
            "object": index.resolve(c.object).id if c.object_new else c.object,
        }
        resolved = c.model_copy(update=endpoints)
        by_source.setdefault(c.source or "", []).append(entry.model_copy(update={"candidate": resolved}))
    for source, entries in by_source.items():
        if not source:
            raise ReviewError(f"entry {entries[0].id} names no source article")
        article = _article(source, data_dir, queue_path)
        if article is not None:
            write_article(article, staging / "articles" / f"{source}.txt")
            changed.append(Path("articles") / f"{source}.txt")
        fact_file = staging / "facts" / f"{source}.yaml"
        existing = fact_file.read_text(encoding="utf-8") if fact_file.exists() else None
        fact_file.write_text(_fact_file_text(existing, source, entries), encoding="utf-8")
        changed.append(Path("facts") / f"{source}.yaml")
    return changed


def merge_accepted(queue: ReviewQueue, queue_path: Path, data_dir: Path,
                   names: NameQueue | None = None) -> MergeResult:
    """Merge every accepted entry and new name into `data_dir`, all or nothing; raises `MergeRejected` when invalid.

    An accepted entry the fact base already holds (its fact id is there: a merge was killed before the
    queue was written) is marked merged without being written again, and so is a new name the catalog
    already resolves.
    """
    names = names or NameQueue()
    accepted = queue.with_status(ReviewStatus.ACCEPTED)
    accepted_names = names.with_status(ReviewStatus.ACCEPTED)
    if not accepted and not accepted_names:
        return MergeResult(queue, (), 0, names)
    changed: list[Path] = []
    with _locked(queue_path):
        _remove_leftovers(queue_path.parent, *(data_dir / part for part in ("catalog", "articles", "facts")))
        try:
            fact_base = read_fact_base(data_dir)
        except (FactBaseError, DataFileError) as error:
            raise MergeRejected(error) from error
        stored = {e.fact_id for r in fact_base.graph.relations for e in article_evidence(r)}
        unwritten = [entry for entry in accepted if entry.id not in stored]
        unwritten_names = [entry for entry in accepted_names if not _resolves(fact_base.aliases, entry.discovery.name)]
        if unwritten or unwritten_names:
            staging = queue_path.parent / _STAGING / "data"
            try:
                shutil.copytree(data_dir, staging)
                changed = _stage(data_dir, staging, queue_path, unwritten, unwritten_names)
                index = read_fact_base(staging).aliases
                for relative in changed:
                    _replace_file(data_dir / relative, (staging / relative).read_text(encoding="utf-8"))
            except (FactBaseError, DataFileError) as error:
                raise MergeRejected(error) from error
            finally:
                shutil.rmtree(staging.parent, ignore_errors=True)
        else:
            index = fact_base.aliases
    merged = queue
    for entry in accepted:
        merged = merged._with_entry(entry.model_copy(update={"status": ReviewStatus.MERGED, "fact_id": entry.id}))
    merged_names = names
    for name in accepted_names:
        entity_id = index.resolve(name.discovery.name).id
        merged_names = merged_names.replaced(name.model_copy(update={"status": ReviewStatus.MERGED,
                                                                     "entity_id": entity_id}))
    return MergeResult(merged, tuple(data_dir / r for r in dict.fromkeys(changed)), len(accepted), merged_names,
                       len(unwritten_names))
