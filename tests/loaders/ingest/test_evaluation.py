"""The evaluation's matching rule: exact (subject, type, object) per article; relaxed mode for symmetric types."""

from __future__ import annotations

from computekg.graph.schema import EntityKind, RelType
from computekg.loaders.article import Article
from computekg.loaders.bundle import FactBase
from computekg.loaders.ingest.candidate import Candidate
from computekg.loaders.ingest.evaluation import evaluate

ARTICLE = "004_640c4bcfbb71eeff"


class _Fixed:
    """An extractor that proposes the same candidates for one article."""

    def __init__(self, *triples: tuple[str, RelType, str], new: bool = False) -> None:
        self.triples = triples
        self.new = new

    def extract(self, article: Article) -> list[Candidate]:
        org = EntityKind.ORGANIZATION
        return [Candidate(subject=s, subject_name=s, subject_kind=org, type=t, object=o, object_name=o,
                          object_kind=org, object_new=self.new, evidence="xx", confidence=0.5, rule="fixed")
                for s, t, o in self.triples]


def test_exact_matches_count_once_per_article(fact_base: FactBase) -> None:
    extractor = _Fixed(("amazon", RelType.INVESTS_IN, "anthropic"), ("amazon", RelType.INVESTS_IN, "anthropic"),
                       ("anthropic", RelType.INVESTS_IN, "amazon"))
    report = evaluate(extractor, fact_base, article_ids=[ARTICLE])
    (invests,) = [s for s in report.per_type if s.type == "INVESTS_IN"]
    gold = {(r.subject, r.object) for r in fact_base.graph.relations if r.type is RelType.INVESTS_IN
            and any(e.source_id == ARTICLE for e in r.evidence)}
    assert (invests.true_positives, invests.false_positives) == (1, 1)
    assert invests.false_negatives == len(gold) - 1
    assert report.overall.false_negatives > 0 and 0 < report.overall.precision < 1


def test_relaxed_mode_ignores_direction_of_symmetric_types_only(fact_base: FactBase) -> None:
    swapped = _Fixed(("openai", RelType.COMPETES_WITH, "anthropic"), ("anthropic", RelType.SUPPLIES, "amazon"))
    strict = evaluate(swapped, fact_base, article_ids=[ARTICLE])
    relaxed = evaluate(swapped, fact_base, article_ids=[ARTICLE], relaxed=True)
    assert strict.overall.true_positives == 0
    assert relaxed.overall.true_positives == 1


def test_new_endpoints_never_match(fact_base: FactBase) -> None:
    report = evaluate(_Fixed(("amazon", RelType.INVESTS_IN, "anthropic"), new=True), fact_base,
                      article_ids=[ARTICLE])
    assert report.overall.true_positives == 0
