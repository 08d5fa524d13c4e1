"""The provenance check: every relationship traces to a sentence that really is in its article.

It runs over a finished `Subgraph`, whatever produced it (curated facts, extraction, an import),
so nothing reaches a store with a quote that was altered or invented.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from computekg.graph.model import Subgraph
from computekg.loaders.article import Article
from computekg.loaders.normalize import normalize_for_matching

__all__ = ["ProvenanceProblem", "provenance_problems"]


@dataclass(frozen=True)
class ProvenanceProblem:
    relation_id: str
    fact_id: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.relation_id} (fact {self.fact_id}): {self.message}"


def provenance_problems(graph: Subgraph, articles: Mapping[str, Article]) -> list[ProvenanceProblem]:
    """Every relationship whose evidence is missing, cites an unknown article, or misquotes it."""
    bodies = {source_id: normalize_for_matching(a.body) for source_id, a in articles.items()}
    problems: list[ProvenanceProblem] = []
    for relation in graph.relations:
        if not relation.evidence:
            problems.append(ProvenanceProblem(relation.id, None, "no evidence"))
        for evidence in relation.evidence:
            body = bodies.get(evidence.source_id)
            if body is None:
                problems.append(ProvenanceProblem(relation.id, evidence.fact_id,
                                                  f"unknown source article {evidence.source_id!r}"))
            elif normalize_for_matching(evidence.quote) not in body:
                problems.append(ProvenanceProblem(relation.id, evidence.fact_id,
                                                  f"quote not found in {evidence.source_id}: {evidence.quote!r}"))
            elif evidence.date != articles[evidence.source_id].date:
                problems.append(ProvenanceProblem(relation.id, evidence.fact_id,
                                                  "evidence date differs from its article's date"))
    return problems
