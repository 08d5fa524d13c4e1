"""Catalog parents as SUBSIDIARY_OF relationships, cited as catalog reference data."""

from __future__ import annotations

from computekg.graph.choices import Direction
from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import CatalogEvidence, Evidence, Subgraph
from computekg.graph.schema import RelType
from computekg.loaders.bundle import FactBase
from computekg.loaders.provenance import provenance_problems
from computekg.queries.neighbourhood import neighbourhood


def _subsidiaries(graph: Subgraph, parent: str) -> dict[str, list[str]]:
    return {r.subject: [e.kind for e in r.evidence] for r in graph.relations
            if r.type is RelType.SUBSIDIARY_OF and r.object == parent}


def test_every_catalog_parent_is_an_edge(base: FactBase) -> None:
    edges = {(r.subject, r.object) for r in base.graph.relations if r.type is RelType.SUBSIDIARY_OF}
    parents = {(e.id, e.parent) for e in base.entities if e.parent}
    assert parents and parents <= edges


def test_baidus_subsidiaries_include_kunlunxin_cited_to_the_catalog(base: FactBase) -> None:
    (fact,) = [r for r in base.graph.relations if (r.subject, r.type, r.object) ==
               ("kunlunxin", RelType.SUBSIDIARY_OF, "baidu")]
    (evidence,) = fact.evidence
    assert isinstance(evidence, CatalogEvidence)
    assert (evidence.entry, evidence.field) == ("kunlunxin", "parent")
    assert evidence.catalog_file.endswith(".yaml")
    store = MemoryStore()
    store.load(base.graph)
    around = neighbourhood(store, "baidu", direction=Direction.UPSTREAM, types=frozenset({RelType.SUBSIDIARY_OF}))
    assert "kunlunxin" in around.entity_ids()


def test_a_parent_an_article_states_stays_one_edge_with_both_sources(base: FactBase) -> None:
    stated = [r for r in base.graph.relations
              if (r.subject, r.type, r.object) == ("volcano-engine", RelType.SUBSIDIARY_OF, "bytedance")]
    assert len(stated) == 1
    kinds = [type(e) for e in stated[0].evidence]
    assert Evidence in kinds and CatalogEvidence in kinds


def test_the_check_refuses_a_reference_the_entry_does_not_make(base: FactBase) -> None:
    fact = next(r for r in base.graph.relations if r.subject == "kunlunxin" and r.type is RelType.SUBSIDIARY_OF)
    wrong = fact.model_copy(update={"object": "tencent"})
    broken = base.graph.model_copy(update={"relations": (wrong,)})
    (problem,) = provenance_problems(broken, base.articles)
    assert "does not state this relationship" in problem.message and "'baidu'" in problem.message
    missing = fact.model_copy(update={"evidence": (fact.evidence[0].model_copy(update={"entry": "nobody"}),)})
    (problem,) = provenance_problems(base.graph.model_copy(update={"relations": (missing,)}), base.articles)
    assert "unknown catalog entry 'nobody'" in problem.message
