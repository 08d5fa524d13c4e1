"""The `GraphStore` protocol: what every store (networkx in memory, Neo4j) offers.

Query functions in `computekg.queries` take a store first and use only this protocol,
so the same question gets the same answer from either store; the same test suite runs
against both.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict

from computekg.graph.choices import Direction
from computekg.graph.model import Entity, GraphPath, Subgraph
from computekg.graph.schema import RelType

__all__ = ["Direction", "GraphCounts", "LoadReport", "GraphStore"]


class GraphCounts(BaseModel):
    """What a store holds, by node label, relationship type and source article."""

    model_config = ConfigDict(frozen=True)

    nodes_by_label: dict[str, int]
    relations_by_type: dict[str, int]
    relations_by_source: dict[str, int]

    @property
    def nodes(self) -> int:
        return sum(self.nodes_by_label.values())

    @property
    def relations(self) -> int:
        return sum(self.relations_by_type.values())


class LoadReport(BaseModel):
    """What one load wrote."""

    model_config = ConfigDict(frozen=True)

    entities: int
    relations: int
    sources: int


@runtime_checkable
class GraphStore(Protocol):
    """A place the graph lives. Implementations: `MemoryStore` (networkx) and `Neo4jStore`."""

    @property
    def name(self) -> str:
        """Short human name of the store, shown in the CLI and the app ('memory', 'neo4j')."""
        ...

    def load(self, graph: Subgraph, *, replace: bool = False) -> LoadReport:
        """Write a subgraph, all or nothing; loading the same subgraph twice changes nothing.

        With `replace`, the store afterwards holds exactly `graph` (in the same transaction).
        Source nodes get a MENTIONS relationship to every entity their evidence supports.
        """
        ...

    def counts(self) -> GraphCounts:
        """Node counts by label (Source included), relationship counts by type (MENTIONS included)."""
        ...

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id; raises `EntityNotFound`."""
        ...

    def snapshot(self) -> Subgraph:
        """The whole graph: every entity, fact relationship and source."""
        ...

    def neighbourhood(
        self,
        entity_id: str,
        *,
        hops: int = 1,
        direction: Direction = Direction.BOTH,
        types: frozenset[RelType] | None = None,
        limit: int = 500,
    ) -> Subgraph:
        """Entities within `hops` fact relationships of `entity_id`, and the relationships followed.

        Relationships are ordered by the hop at which they were reached, then by id. At most `limit`
        are returned: at each hop, the facts of one type at one entity are taken whole, smallest such
        groups first, while they fit in what the cap has left; when a group is left out the result
        is marked `truncated` and no further hop is taken (see `graph.neighbourhood_cap`).
        """
        ...

    def shortest_paths(
        self,
        source_id: str,
        target_id: str,
        *,
        max_hops: int = 6,
        direction: Direction = Direction.BOTH,
        types: frozenset[RelType] | None = None,
        limit: int = 5,
    ) -> list[GraphPath]:
        """Up to `limit` shortest simple routes, shortest first, ties by the ids of each hop's first fact.

        A route is a sequence of entities; every fact of `types` between two of its entities (in `direction`)
        is that hop's evidence, so no two paths share a route (`graph.k_shortest`).

        Raises `EntityNotFound` for an unknown id and `NoPath` when none exists within `max_hops`.
        """
        ...

    def close(self) -> None:
        """Release connections."""
        ...
