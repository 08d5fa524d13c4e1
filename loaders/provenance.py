"""The provenance check: every relationship traces to its evidence, and an article quote really is in its article.

It runs over a finished `Subgraph`, whatever produced it (curated facts, extraction, an import),
so nothing reaches a store with a quote that was altered or invented. Article sentences are checked
word for word against their article; a catalog reference must name an entry of the graph that states the
relationship (its parent is the relationship's object); a dataset record carries its dataset, version, file,
row and licence by construction (`DatasetEvidence`), and the dataset itself is not at hand to check it against.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from computekg.graph.model import CatalogEvidence, Entity, Evidence, Relation, Subgraph
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
    """Every relationship whose evidence is missing, cites an unknown article or entry, or misquotes it."""
    bodies = {source_id: normalize_for_matching(a.body) for source_id, a in articles.items()}
    entities = {entity.id: entity for entity in graph.entities}
    problems: list[ProvenanceProblem] = []
    for relation in graph.relations:
        if not relation.evidence:
            problems.append(ProvenanceProblem(relation.id, None, "no evidence"))
        for evidence in relation.evidence:
            if isinstance(evidence, Evidence):
                problems.extend(_article_problems(relation, evidence, bodies, articles))
            elif isinstance(evidence, CatalogEvidence):
                problems.extend(_catalog_problems(relation, evidence, entities))
    return problems


def _article_problems(relation: Relation, evidence: Evidence, bodies: Mapping[str, str],
                      articles: Mapping[str, Article]) -> list[ProvenanceProblem]:
    body = bodies.get(evidence.source_id)
    if body is None:
        message = f"unknown source article {evidence.source_id!r}"
    elif normalize_for_matching(evidence.quote) not in body:
        message = f"quote not found in {evidence.source_id}: {evidence.quote!r}"
    elif evidence.date != articles[evidence.source_id].date:
        message = "evidence date differs from its article's date"
    else:
        return []
    return [ProvenanceProblem(relation.id, evidence.fact_id, message)]


def _catalog_problems(relation: Relation, evidence: CatalogEvidence,
                      entities: Mapping[str, Entity]) -> list[ProvenanceProblem]:
    entry = entities.get(evidence.entry)
    cited = f"catalog entry {evidence.entry!r} ({evidence.catalog_file})"
    if entry is None:
        return [ProvenanceProblem(relation.id, None, f"unknown {cited}")]
    stated = getattr(entry, evidence.field, None)
    if evidence.entry != relation.subject or stated != relation.object:
        return [ProvenanceProblem(relation.id, None, f"{cited} does not state this relationship: its "
                                  f"{evidence.field} is {stated!r}")]
    return []
