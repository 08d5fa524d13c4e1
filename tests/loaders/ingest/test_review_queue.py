"""Accepted candidates merge into a copy of the fact base, which still validates; rejected ones stay rejected."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from computekg.graph.model import article_evidence
from computekg.graph.schema import RelType
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.bundle import FactBase, bundled_data_dir, read_fact_base
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


def _aliases(data_dir: Path) -> AliasIndex:
    return read_fact_base(data_dir).aliases


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
    added = [r for r in merged.graph.relations if any(e.source_id == ingested.article.id for e in article_evidence(r))]
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
    fact_ids = {e.fact_id for r in merged.graph.relations for e in article_evidence(r)}
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


# `computekg ARGS...`, killed with SIGKILL at the moment it would move its new `DOOMED` file into place:
# what a kill -9 at that point leaves behind.
_KILLED_BEFORE_REPLACING = """
import os, signal, sys
from pathlib import Path
doomed, real_replace = sys.argv[1], os.replace
def replace(source, target):
    if Path(target).name == doomed:
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(source, target)
os.replace = replace
from computekg.app.cli import main
sys.argv = ["computekg", *sys.argv[2:]]
main()
"""


def _leftovers(*folders: Path) -> list[str]:
    """What a merge writes only while it runs: its temporary files and its staging copy."""
    return [str(p) for folder in folders for p in folder.rglob("*")
            if p.name.endswith(".computekg-tmp") or p.name == ".merge-staging" or p.name.startswith("tmp")]


@pytest.mark.parametrize("doomed", ["queue.jsonl", "fact file"])
def test_a_merge_killed_midway_is_completed_by_the_next_and_leaves_no_files_behind(
    queue_path: Path, data_copy: Path, ingested: IngestedArticle, tmp_path: Path, doomed: str
) -> None:
    """Killed after replacing the fact file but before writing the queue, or between the article and the fact
    file: the next merge finishes the job, every fact once, and nothing temporary is left anywhere."""
    queue = read_queue(queue_path)
    chosen = [_entry_id(queue, ("nvidia", RelType.SUPPLIES, "bytedance")),
              _entry_id(queue, ("daniel-zhang", RelType.LEADS, "alibaba"))]
    for entry_id in chosen:
        queue = set_status(queue, entry_id, ReviewStatus.ACCEPTED)
    write_queue(queue, queue_path)
    temp = tmp_path / "tmp"
    temp.mkdir()
    environment = os.environ | {"TMPDIR": str(temp)}
    merge = ["review", "merge", "--queue", str(queue_path), "--data-dir", str(data_copy)]
    target = "queue.jsonl" if doomed == "queue.jsonl" else f"{ingested.article.id}.yaml"
    killed = subprocess.run([sys.executable, "-c", _KILLED_BEFORE_REPLACING, target, *merge],
                            env=environment, capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    again = subprocess.run([str(Path(sys.executable).with_name("computekg")), *merge], env=environment,
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    merged = read_fact_base(data_copy)
    fact_ids = [e.fact_id for r in merged.graph.relations for e in article_evidence(r)]
    assert all(fact_ids.count(entry_id) == 1 for entry_id in chosen)
    assert {read_queue(queue_path).get(entry_id).status for entry_id in chosen} == {ReviewStatus.MERGED}
    assert _leftovers(data_copy, queue_path.parent, temp) == []


def test_a_new_entity_gets_a_readable_id_and_keeps_the_article_s_name(
    tmp_path: Path, article_files: dict[str, Path], extractor: OfflineExtractor, data_copy: Path
) -> None:
    """An entity new to the catalog: its id reads as its name (pinyin for a Chinese one), and the name the
    article wrote still resolves after a reviewer gives the entity another (English) name."""
    ingested = ingest_file(article_files["simplified"], extractor)
    path = tmp_path / "q.jsonl"
    store_article(path, ingested.article)
    queue, _ = enqueue(ReviewQueue(), ingested.candidates)
    entry_id = _entry_id(queue, ("深算科技", RelType.PURCHASED, "nvidia-a100"))

    as_written = merge_accepted(set_status(queue, entry_id, ReviewStatus.ACCEPTED), path, data_copy)
    assert read_fact_base(data_copy).aliases.resolve("深算科技").id == "shen-suan-ke-ji"
    assert as_written.facts == 1

    renamed_copy = tmp_path / "renamed"
    shutil.copytree(bundled_data_dir(), renamed_copy)
    renamed = edit_entry(queue, entry_id, {"subject": "DeepCompute Tech"}, index=_aliases(renamed_copy))
    merge_accepted(set_status(renamed, entry_id, ReviewStatus.ACCEPTED), path, renamed_copy)
    merged = read_fact_base(renamed_copy)
    entity = merged.aliases.resolve("深算科技")
    assert entity.id == "deepcompute-tech" and entity.name == "DeepCompute Tech"
    assert merged.aliases.resolve("DeepCompute Tech").id == "deepcompute-tech"
    assert ("deepcompute-tech", RelType.PURCHASED, "nvidia-a100") in {
        (r.subject, r.type, r.object) for r in merged.graph.relations}
