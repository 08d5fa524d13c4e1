"""Selections: paths merge into one subgraph, and the articles the evidence cites come along."""

from __future__ import annotations

from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import Subgraph, article_evidence
from computekg.queries.exports.selection import paths_subgraph, with_cited_sources
from computekg.queries.paths import shortest_paths


def test_paths_merge_into_the_union_of_their_entities_and_relations(seed_graph: Subgraph) -> None:
    store = MemoryStore()
    store.load(seed_graph, replace=True)
    paths = shortest_paths(store, "asml", "zhipu-ai", limit=5)
    merged = paths_subgraph(paths)
    assert merged.entity_ids() == {e.id for p in paths for e in p.entities}
    assert {r.id for r in merged.relations} == {r.id for p in paths for facts in p.hop_relations for r in facts}
    assert len(merged.relations) == len({r.id for r in merged.relations})


def test_cited_sources_are_added_and_held_ones_kept(seed_graph: Subgraph) -> None:
    relation = next(r for r in seed_graph.relations if article_evidence(r))
    bare = Subgraph(entities=seed_graph.entities, relations=(relation,))
    cited = {ev.source_id for ev in article_evidence(relation)}
    with_sources = with_cited_sources(bare, seed_graph.sources)
    assert {s.id for s in with_sources.sources} == cited
    assert with_cited_sources(seed_graph, seed_graph.sources) is seed_graph
