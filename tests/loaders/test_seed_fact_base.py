"""The bundled fact base: what analysts rely on from the five seed articles."""

from __future__ import annotations

from collections import Counter

import pytest

from computekg.graph.model import Subgraph, article_evidence
from computekg.graph.schema import EntityKind, RelType
from computekg.loaders.bundle import FactBase, read_fact_base
from computekg.loaders.normalize import normalize_for_matching
from computekg.loaders.provenance import provenance_problems

SEED_IDS = ["000_29ad3f021702c844", "001_d71d305993d8591b", "002_aaf39e4118fc057e", "003_564c7873ebba75ec",
            "004_640c4bcfbb71eeff"]


@pytest.fixture(scope="module")
def base() -> FactBase:
    return read_fact_base()


def test_every_article_contributes_facts(seed_graph: Subgraph) -> None:
    per_source = Counter(ev.source_id for r in seed_graph.relations for ev in article_evidence(r))
    assert sorted(per_source) == SEED_IDS
    assert all(count >= 20 for count in per_source.values()), per_source


def test_size_of_the_fact_base(seed_graph: Subgraph) -> None:
    assert len(seed_graph.relations) >= 150
    kinds = Counter(e.kind for e in seed_graph.entities)
    assert len(seed_graph.entities) >= 100
    assert {EntityKind.ORGANIZATION, EntityKind.PRODUCT, EntityKind.MODEL, EntityKind.FACILITY,
            EntityKind.POLICY, EntityKind.PERSON, EntityKind.PLACE} <= set(kinds)


def test_every_quote_occurs_in_its_article(base: FactBase) -> None:
    assert provenance_problems(base.graph, base.articles) == []


def test_the_check_catches_an_altered_quote(base: FactBase) -> None:
    relation = next(r for r in base.graph.relations if article_evidence(r))
    evidence = article_evidence(relation)[0]
    altered = evidence.model_copy(update={"quote": evidence.quote[:-1] + "X" if len(evidence.quote) > 3 else "XYZ"})
    broken = base.graph.model_copy(update={"relations": (relation.model_copy(update={"evidence": (altered,)}),)})
    (problem,) = provenance_problems(broken, base.articles)
    assert "quote not found" in problem.message


def test_the_check_catches_a_missing_article(base: FactBase) -> None:
    articles = {k: v for k, v in base.articles.items() if k != SEED_IDS[2]}
    problems = provenance_problems(base.graph, articles)
    assert problems and all("unknown source article" in p.message for p in problems)


def test_cleaned_articles_keep_their_script_and_lose_the_spam(base: FactBase) -> None:
    traditional = base.articles["002_aaf39e4118fc057e"]
    assert traditional.script == "Hant" and "英偉達" in traditional.body
    for article in base.articles.values():
        text = normalize_for_matching(article.body)
        assert "一区二区" not in text and "猜你喜欢" not in text and "网站地图" not in text
        assert article.title and article.publisher
    assert "(cái)" not in traditional.body
    assert "日期:07-28" not in base.articles["001_d71d305993d8591b"].body


def _edges(graph: Subgraph, type_: RelType) -> set[tuple[str, str]]:
    return {(r.subject, r.object) for r in graph.relations if r.type is type_}


def test_key_supply_chain_facts(seed_graph: Subgraph) -> None:
    assert ("tsmc", "nvidia") in _edges(seed_graph, RelType.SUPPLIES)
    assert ("volcano-engine", "zhipu-ai") in _edges(seed_graph, RelType.PROVIDES_COMPUTE_TO)
    assert {("alibaba-cloud", "01-ai"), ("alibaba-cloud", "light-year-beyond")} <= _edges(
        seed_graph, RelType.PROVIDES_COMPUTE_TO)
    assert {("nvidia-a800", "nvidia-a100"), ("nvidia-h800", "nvidia-h100"), ("nvidia-h20", "nvidia-h100")} <= _edges(
        seed_graph, RelType.VARIANT_OF)
    assert {("us-export-controls-2022-10", "nvidia-a100"), ("us-export-controls-2022-10", "nvidia-h100"),
            ("us-export-controls-2023-10", "nvidia-a800")} <= _edges(seed_graph, RelType.RESTRICTS)
    assert ("volcano-engine", "bytedance") in _edges(seed_graph, RelType.SUBSIDIARY_OF)
    assert {"ingram-micro", "digital-china", "leadtek"} <= {s for s, _ in _edges(seed_graph, RelType.DISTRIBUTES)}


def test_quantities_and_amounts_are_numbers(seed_graph: Subgraph) -> None:
    bytedance_orders = [r for r in seed_graph.relations
                        if (r.subject, r.type, r.object) == ("nvidia", RelType.SUPPLIES, "bytedance")]
    assert any(r.amount and r.amount.value == 1e9 and r.amount.currency == "USD" for r in bytedance_orders)
    assert any(r.quantity and r.quantity.value == 100_000 for r in bytedance_orders)


def test_stripped_article_invents_no_numbers(base: FactBase) -> None:
    """Article 000 lost its numerals: no fact from it may carry a number its quote does not contain."""
    for relation in base.graph.relations:
        for evidence in article_evidence(relation):
            if evidence.source_id != SEED_IDS[0]:
                continue
            for parsed in (relation.quantity, relation.amount):
                if parsed is not None and len(relation.evidence) == 1:
                    assert normalize_for_matching(parsed.text) in normalize_for_matching(evidence.quote)
