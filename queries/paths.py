"""How two entities are connected: the shortest routes, each hop with every fact behind it."""

from __future__ import annotations

from computekg.graph.model import GraphPath
from computekg.graph.schema import RelType
from computekg.graph.store import Direction, GraphStore

__all__ = ["shortest_paths"]


def shortest_paths(
    store: GraphStore,
    source_id: str,
    target_id: str,
    *,
    max_hops: int = 6,
    direction: Direction = Direction.BOTH,
    types: frozenset[RelType] | None = None,
    limit: int = 5,
) -> list[GraphPath]:
    """Up to `limit` shortest simple routes (parallel facts are one hop's evidence, never another path);
    raises `NoPath` when none is within `max_hops`."""
    if max_hops < 1:
        raise ValueError("max_hops must be at least 1")
    return store.shortest_paths(source_id, target_id, max_hops=max_hops, direction=direction, types=types,
                                limit=limit)
