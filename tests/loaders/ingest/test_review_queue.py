"""Accepted candidates merge into a copy of the fact base, which still validates; rejected ones stay rejected."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from computekg.graph.schema import RelType
from computekg.loaders.bundle import FactBase, read_fact_base
from computekg.loaders.ingest.extractor import OfflineExtractor
from computekg.loaders.ingest.pipeline import IngestedArticle, ingest_file
from computekg.loaders.review_queue import (
    EntryNotFound,
    MergeRejected,
    ReviewError,
    ReviewQueue,
    ReviewStatus,
    edit_entry,
    enqueue,
    merge_accepted,
    read_queue,
    set_status,
    store_article,
    unrejected,
    write_queue,
)


@pytest.fixture
def ingested(article_files: dict[str, Path], extractor: OfflineExtractor) -> IngestedArticle:
    return ingest_file(article_files["traditional"], extractor)


@pytest.fixture
def queue_path(tmp_path: Path, ingested: IngestedArticle) -> Path:
    path = tmp_path / "review" / "queue.jsonl"
    store_article(path, ingested.article)
    queue, added = enqueue(ReviewQueue(), ingested.candidates)
    assert len(added) == len(ingested.candidates)
    write_queue(queue, path)
    return path


def _entry_id(queue: ReviewQueue, triple: tuple[str, RelType, str]) -> str:
    return next(e.id for e in queue.entries if e.candidate.triple == triple)


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha1(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


def test_queue_round_trips_through_its_file(queue_path: Path, ingested: IngestedArticle) -> None:
    queue = read_queue(queue_path)
    assert [e.candidate for e in queue.entries] == ingested.candidates
    assert all(e.status is ReviewStatus.PENDING for e in queue.entries)


def test_accepted_candidates_merge_and_the_fact_base_validates(queue_path: Path, data_copy: Path,
                                                              ingested: IngestedArticle) -> None:
    queue = read_queue(queue_path)
    order = _entry_id(queue, ("nvidia", RelType.SUPPLIES, "bytedance"))
    leads = _entry_id(queue, ("daniel-zhang", RelType.LEADS, "alibaba"))
    queue = set_status(set_status(queue, order, ReviewStatus.ACCEPTED), leads, ReviewStatus.ACCEPTED)
    result = merge_accepted(queue, queue_path, data_copy)
    assert result.facts == 2
    assert {p.name for p in result.written} == {f"{ingested.article.id}.txt", f"{ingested.article.id}.yaml"}
    merged = read_fact_base(data_copy)
    assert ingested.article.id in merged.articles
    added = [r for r in merged.graph.relations if any(e.source_id == ingested.article.id for e in r.evidence)]
    assert {(r.subject, r.type, r.object) for r in added} == {("nvidia", RelType.SUPPLIES, "bytedance"),
                                                                ("daniel-zhang", RelType.LEADS, "alibaba")}
    supply = next(r for r in added if r.type is RelType.SUPPLIES)
    assert supply.amount is not None and supply.amount.value == 1e9
    assert {e.status for e in result.queue.entries if e.id in (order, leads)} == {ReviewStatus.MERGED}


def test_merging_twice_into_the_same_article_appends(queue_path: Path, data_copy: Path) -> None:
    queue = read_queue(queue_path)
    first, second = queue.entries[0].id, queue.entries[1].id
    queue = merge_accepted(set_status(queue, first, ReviewStatus.ACCEPTED), queue_path, data_copy).queue
    queue = merge_accepted(set_status(queue, second, ReviewStatus.ACCEPTED), queue_path, data_copy).queue
    merged = read_fact_base(data_copy)
    fact_ids = {e.fact_id for r in merged.graph.relations for e in r.evidence}
    assert {first, second} <= fact_ids
    with pytest.raises(ReviewError):
        set_status(queue, first, ReviewStatus.REJECTED)


def test_rejected_claims_are_not_proposed_again(queue_path: Path, article_files: dict[str, Path],
                                                extractor: OfflineExtractor) -> None:
    queue = read_queue(queue_path)
    rejected = _entry_id(queue, ("tencent", RelType.PARTNERS_WITH, "baidu"))
    queue = set_status(queue, rejected, ReviewStatus.REJECTED)
    write_queue(queue, queue_path)
    again = ingest_file(article_files["big5"], extractor)  # the same article, in another encoding
    fresh = unrejected(read_queue(queue_path), again.candidates)
    assert rejected not in {c.fingerprint for c in fresh}
    assert len(fresh) == len(again.candidates) - 1
    _, added = enqueue(read_queue(queue_path), again.candidates)
    assert added == []


def test_edit_changes_fields_and_resolves_names(queue_path: Path, fact_base: FactBase) -> None:
    queue = read_queue(queue_path)
    entry_id = _entry_id(queue, ("meituan", RelType.PURCHASED, "nvidia-a800"))
    edited = edit_entry(queue, entry_id[:8], {"quantity": "2万块", "confidence": "0.55", "subject": "美团",
                                              "note": "checked"}, index=fact_base.aliases)
    entry = edited.get(entry_id)
    assert entry.candidate.quantity is not None and entry.candidate.quantity.value == 20_000
    assert entry.candidate.confidence == 0.55 and entry.candidate.subject == "meituan" and entry.note == "checked"
    with pytest.raises(ReviewError):
        edit_entry(queue, entry_id, {"confidence": "2"})
    with pytest.raises(ReviewError):
        edit_entry(queue, entry_id, {"colour": "red"})
    with pytest.raises(EntryNotFound):
        edit_entry(queue, "nope", {"note": "x"})


def test_a_merge_that_would_break_the_fact_base_writes_nothing(queue_path: Path, data_copy: Path) -> None:
    queue = read_queue(queue_path)
    entry_id = _entry_id(queue, ("nvidia", RelType.SUPPLIES, "bytedance"))
    queue = edit_entry(queue, entry_id, {"evidence": "this sentence is not in the article"})
    queue = set_status(queue, entry_id, ReviewStatus.ACCEPTED)
    before = _snapshot(data_copy)
    with pytest.raises(MergeRejected, match="quote does not occur"):
        merge_accepted(queue, queue_path, data_copy)
    assert _snapshot(data_copy) == before
    read_fact_base(data_copy)


def test_new_organizations_join_the_catalog_on_merge(tmp_path: Path, article_files: dict[str, Path],
                                                     extractor: OfflineExtractor, data_copy: Path) -> None:
    ingested = ingest_file(article_files["english"], extractor)
    path = tmp_path / "q.jsonl"
    store_article(path, ingested.article)
    queue, _ = enqueue(ReviewQueue(), ingested.candidates)
    entry_id = _entry_id(queue, ("nvidia", RelType.SUPPLIES, "Acme Compute Inc."))
    result = merge_accepted(set_status(queue, entry_id, ReviewStatus.ACCEPTED), path, data_copy)
    merged = read_fact_base(data_copy)
    assert merged.aliases.resolve("Acme Compute Inc.").id == "acme-compute-inc"
    assert ("nvidia", RelType.SUPPLIES, "acme-compute-inc") in {(r.subject, r.type, r.object)
                                                                 for r in merged.graph.relations}
    assert data_copy / "catalog" / "ingested.yaml" in result.written
