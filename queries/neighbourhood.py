"""Who is around an entity: the k-hop neighbourhood, filtered."""

from __future__ import annotations

from computekg.graph.model import Subgraph
from computekg.graph.schema import RelType
from computekg.graph.store import Direction, GraphStore

__all__ = ["neighbourhood"]


def neighbourhood(
    store: GraphStore,
    entity_id: str,
    *,
    hops: int = 1,
    direction: Direction = Direction.BOTH,
    types: frozenset[RelType] | None = None,
    min_confidence: float = 0.0,
    limit: int = 500,
) -> Subgraph:
    """Entities within `hops` of `entity_id` and the relationships between them.

    Relationships below `min_confidence` are dropped after traversal (so a weak edge never
    appears), and entities left without any relationship but the centre are dropped with them.
    """
    found = store.neighbourhood(entity_id, hops=hops, direction=direction, types=types, limit=limit)
    relations = tuple(r for r in found.relations if r.confidence >= min_confidence)
    kept = {entity_id} | {r.subject for r in relations} | {r.object for r in relations}
    return Subgraph(
        entities=tuple(e for e in found.entities if e.id in kept),
        relations=relations,
        truncated=found.truncated,
    )
