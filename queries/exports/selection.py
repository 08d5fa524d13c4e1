"""Turning query results into one exportable `Subgraph`: paths merged, cited articles attached.

Why: neighbourhoods and paths come back without their source articles (queries answer about
entities), but every export shows provenance, and a report must name the article behind each quote.
"""

from __future__ import annotations

from collections.abc import Iterable

from computekg.graph.model import GraphPath, Source, Subgraph, article_evidence
from computekg.graph.subgraph_ops import merge_subgraphs

__all__ = ["paths_subgraph", "with_cited_sources"]


def paths_subgraph(paths: Iterable[GraphPath]) -> Subgraph:
    """The union of the entities of every path and of the facts on their hops (parallel facts included)."""
    return merge_subgraphs(*(
        Subgraph(entities=p.entities, relations=tuple(r for facts in p.hop_relations for r in facts)) for p in paths
    ))


def with_cited_sources(graph: Subgraph, sources: Iterable[Source]) -> Subgraph:
    """`graph` plus each of `sources` its evidence cites and it does not hold yet (sources it holds stay)."""
    held = {source.id for source in graph.sources}
    cited = {evidence.source_id for relation in graph.relations for evidence in article_evidence(relation)}
    added = sorted((s for s in sources if s.id in cited - held), key=lambda s: s.id)
    if not added:
        return graph
    return graph.model_copy(update={"sources": (*graph.sources, *added)})
