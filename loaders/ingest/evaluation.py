"""Score an extractor against the curated fact base: precision, recall and F1 per relationship type.

Matching rule. For each article, the curated facts are the set of (subject, type, object) triples
whose evidence cites that article; the extractor's candidates for the same article are reduced to
the same triples (duplicates from several sentences count once). A candidate matches when all
three are equal; candidates whose subject or object is new to the catalog never match. Product,
quantity, amount, date and evidence are not compared. In `relaxed` mode the symmetric types
(PARTNERS_WITH, COMPETES_WITH) also match with subject and object swapped. Counts are summed over
articles, so a triple found in two articles counts twice; 'overall' is the micro average.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, computed_field

from computekg.graph.schema import RelType
from computekg.loaders.bundle import FactBase
from computekg.loaders.ingest.extractor import Extractor

__all__ = ["SYMMETRIC_TYPES", "EvalReport", "TypeScore", "evaluate"]

SYMMETRIC_TYPES = frozenset({RelType.PARTNERS_WITH, RelType.COMPETES_WITH})
_OVERALL = "overall"


class TypeScore(BaseModel):
    """Counts for one relationship type (or overall) and the scores they give."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


class EvalReport(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    relaxed: bool
    articles: tuple[str, ...]
    per_type: tuple[TypeScore, ...]
    overall: TypeScore


Triple = tuple[str, RelType, str]


def _key(triple: Triple, relaxed: bool) -> Triple:
    subject, rel_type, obj = triple
    if relaxed and rel_type in SYMMETRIC_TYPES and obj < subject:
        return obj, rel_type, subject
    return triple


def _gold(fact_base: FactBase) -> dict[str, set[Triple]]:
    gold: dict[str, set[Triple]] = defaultdict(set)
    for relation in fact_base.graph.relations:
        for evidence in relation.evidence:
            gold[evidence.source_id].add((relation.subject, relation.type, relation.object))
    return gold


def evaluate(extractor: Extractor, fact_base: FactBase, *, relaxed: bool = False,
             article_ids: Iterable[str] | None = None) -> EvalReport:
    """Run `extractor` on the fact base's articles and score it against their curated facts."""
    ids = tuple(sorted(article_ids if article_ids is not None else fact_base.articles))
    gold = _gold(fact_base)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for article_id in ids:
        expected = {_key(t, relaxed) for t in gold.get(article_id, set())}
        found = {_key(c.triple, relaxed) for c in extractor.extract(fact_base.articles[article_id])
                 if not (c.subject_new or c.object_new)}
        for triple in found:
            counts[triple[1]]["tp" if triple in expected else "fp"] += 1
        for triple in expected - found:
            counts[triple[1]]["fn"] += 1
    per_type = tuple(TypeScore(type=str(t), true_positives=c["tp"], false_positives=c["fp"],
                               false_negatives=c["fn"]) for t, c in sorted(counts.items()))
    overall = TypeScore(type=_OVERALL, true_positives=sum(s.true_positives for s in per_type),
                        false_positives=sum(s.false_positives for s in per_type),
                        false_negatives=sum(s.false_negatives for s in per_type))
    return EvalReport(relaxed=relaxed, articles=ids, per_type=per_type, overall=overall)
