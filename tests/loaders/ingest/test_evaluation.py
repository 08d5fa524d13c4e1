"""The evaluation's matching rule: entity pair + relation family per article, statuses of unstated statements."""

from __future__ import annotations

from computekg.graph.schema import EntityKind, FactStatus, RelType
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.article import Article
from computekg.loaders.bundle import FactBase
from computekg.loaders.ingest.candidate import Candidate
from computekg.loaders.ingest.evaluation import GoldStatement, ScoredArticle, evaluate, party_key, seed_articles

ARTICLE = "004_640c4bcfbb71eeff"
ORG = EntityKind.ORGANIZATION


class _Fixed:
    """An extractor that proposes the same candidates for every article: (subject, type, object, new, status)."""

    def __init__(self, *proposals: tuple[str, RelType, str, bool, FactStatus | None]) -> None:
        self.proposals = proposals

    def extract(self, article: Article) -> list[Candidate]:
        return [Candidate(subject=s, subject_name=s, subject_kind=ORG, type=t, object=o, object_name=o,
                          object_kind=ORG, object_new=new, status=status, evidence="xx", confidence=0.5, rule="fixed")
                for s, t, o, new, status in self.proposals]


def _article(fact_base: FactBase, *gold: GoldStatement) -> list[ScoredArticle]:
    return [ScoredArticle(fact_base.articles[ARTICLE], "Hans", gold)]


def test_a_fact_counts_once_per_article_and_only_in_its_direction(fact_base: FactBase) -> None:
    extractor = _Fixed(("amazon", RelType.INVESTS_IN, "anthropic", False, None),
                       ("amazon", RelType.INVESTS_IN, "anthropic", False, None),
                       ("anthropic", RelType.INVESTS_IN, "amazon", False, None))
    report = evaluate(extractor, seed_articles(fact_base, [ARTICLE]), fact_base.aliases)
    (capital,) = [s for s in report.per_family if s.label == "capital"]
    gold = {(r.subject, r.object) for r in fact_base.graph.relations if r.type is RelType.INVESTS_IN
            and any(e.source_id == ARTICLE for e in r.evidence)}
    assert ("amazon", "anthropic") in gold
    assert (capital.true_positives, capital.false_positives) == (1, 1)
    assert report.overall.false_negatives > 0 and 0 < report.overall.precision < 1


def test_types_of_one_family_match_and_ties_match_either_way(fact_base: FactBase) -> None:
    gold = (GoldStatement("英伟达", RelType.DESIGNS, "H20"), GoldStatement("腾讯", RelType.PARTNERS_WITH, "百度"))
    extractor = _Fixed(("nvidia", RelType.DEVELOPS, "nvidia-h20", False, None),  # same family: right
                       ("nvidia-h20", RelType.DESIGNS, "nvidia", False, None),  # the pair reversed: wrong
                       ("baidu", RelType.COMPETES_WITH, "tencent", False, None))  # ties go either way
    report = evaluate(extractor, _article(fact_base, *gold), fact_base.aliases)
    assert (report.overall.true_positives, report.overall.false_positives) == (2, 1)


def test_a_new_name_matches_the_gold_name_without_its_legal_form(fact_base: FactBase) -> None:
    gold = (GoldStatement("Acme Compute", RelType.SUPPLIES, "字节跳动"),)
    report = evaluate(_Fixed(("Acme Compute Inc.", RelType.SUPPLIES, "bytedance", False, None)),
                      _article(fact_base, *gold), fact_base.aliases)
    assert report.overall.true_positives == 0  # the subject is not flagged new here, so it is a bad id
    flagged = Candidate(subject="Acme Compute Inc.", subject_name="Acme Compute Inc.", subject_kind=ORG,
                        subject_new=True, type=RelType.SUPPLIES, object="bytedance", object_name="字节",
                        object_kind=ORG, evidence="xx", confidence=0.5, rule="fixed")

    class _One:
        def extract(self, article: Article) -> list[Candidate]:
            return [flagged]

    assert evaluate(_One(), _article(fact_base, *gold), fact_base.aliases).overall.true_positives == 1


def test_an_unstated_statement_is_wrong_as_a_fact_and_neutral_with_its_status(fact_base: FactBase) -> None:
    gold = (GoldStatement("阿里巴巴", RelType.INVESTS_IN, "百度", stated=False),)
    claimed = evaluate(_Fixed(("alibaba", RelType.INVESTS_IN, "baidu", False, None)), _article(fact_base, *gold),
                       fact_base.aliases)
    kept = evaluate(_Fixed(("alibaba", RelType.INVESTS_IN, "baidu", False, FactStatus.PLANNED)),
                    _article(fact_base, *gold), fact_base.aliases)
    assert (claimed.overall.false_positives, claimed.unstated_claimed) == (1, 1)
    assert (kept.overall.false_positives, kept.overall.false_negatives, kept.unstated_kept) == (0, 0, 1)


def test_party_keys_fold_script_case_and_legal_form(fact_base: FactBase) -> None:
    index: AliasIndex = fact_base.aliases
    assert party_key("台積電", index) == party_key("TSMC", index) == "tsmc"
    assert party_key("Acme Compute, Inc.", index) == party_key("ACME COMPUTE", index) == "~acme"
    # a firm's distinctive word is its later short form; an ordinary first word is no name alone
    assert party_key("Acme", index) == "~acme"
    assert party_key("Industrial AI Cloud", index) == "~industrial ai cloud"
    assert party_key("星河半導體有限公司", index) == party_key("星河半导体", index)
