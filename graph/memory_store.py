"""The embedded default store: the whole graph in a networkx MultiDiGraph.

Entities and Source articles are nodes; fact relationships and MENTIONS links are keyed
edges. Loads build a new graph and swap it in, so a failed load leaves the old one whole.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator

import networkx as nx

from computekg.graph.errors import EntityNotFound, NoPath
from computekg.graph.k_shortest import Path, k_shortest_paths, path_entity_ids
from computekg.graph.model import Entity, GraphPath, Relation, Subgraph, article_evidence
from computekg.graph.neighbourhood_cap import FactGroup, capped_traversal
from computekg.graph.schema import MENTIONS, EntityKind, RelType
from computekg.graph.store import Direction, GraphCounts, LoadReport
from computekg.graph.subgraph_ops import check_endpoints, merge_subgraphs, source_mentions

__all__ = ["MemoryStore"]

_SOURCE_PREFIX = "source:"


class MemoryStore:
    """A `GraphStore` held in memory; nothing persists between processes."""

    def __init__(self) -> None:
        self._graph: nx.MultiDiGraph = nx.MultiDiGraph()

    @property
    def name(self) -> str:
        return "memory"

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The underlying networkx graph, for analytics; treat it as read-only."""
        return self._graph

    def load(self, graph: Subgraph, *, replace: bool = False) -> LoadReport:
        base = Subgraph() if replace else self.snapshot()
        merged = merge_subgraphs(base, graph)
        self._graph = _build(merged)  # swapped in only once fully built: all or nothing
        return LoadReport(
            entities=len(graph.entities), relations=len(graph.relations), sources=len(graph.sources)
        )

    def counts(self) -> GraphCounts:
        labels = Counter(str(data["kind"]) for _, data in self._graph.nodes(data=True))
        types: Counter[str] = Counter()
        by_source: Counter[str] = Counter()
        for _, _, data in self._graph.edges(data=True):
            types[data["type"]] += 1
            relation = data.get("relation")
            if relation is not None:
                for source_id in {ev.source_id for ev in article_evidence(relation)}:
                    by_source[source_id] += 1
        return GraphCounts(
            nodes_by_label=dict(sorted(labels.items())),
            relations_by_type=dict(sorted(types.items())),
            relations_by_source=dict(sorted(by_source.items())),
        )

    def entity(self, entity_id: str) -> Entity:
        data = self._graph.nodes.get(entity_id)
        if data is None or "entity" not in data:
            raise EntityNotFound(entity_id)
        entity: Entity = data["entity"]
        return entity

    def snapshot(self) -> Subgraph:
        entities = [d["entity"] for _, d in self._graph.nodes(data=True) if "entity" in d]
        sources = [d["source"] for _, d in self._graph.nodes(data=True) if "source" in d]
        return Subgraph(
            entities=tuple(sorted(entities, key=lambda e: e.id)),
            relations=tuple(sorted(self._relations(), key=lambda r: r.id)),
            sources=tuple(sorted(sources, key=lambda s: s.id)),
        )

    def neighbourhood(
        self,
        entity_id: str,
        *,
        hops: int = 1,
        direction: Direction = Direction.BOTH,
        types: frozenset[RelType] | None = None,
        limit: int = 500,
    ) -> Subgraph:
        self.entity(entity_id)

        by_group: dict[tuple[str, RelType], list[Relation]] = {}  # the facts counted, read back if chosen

        def group_sizes(frontier: list[str]) -> Iterator[FactGroup]:
            by_group.clear()
            for node in frontier:
                for relation, _ in self._steps(node, direction, types):
                    by_group.setdefault((node, relation.type), []).append(relation)
            return (FactGroup(len(facts), node, rel_type) for (node, rel_type), facts in by_group.items())

        def group_facts(chosen: list[FactGroup]) -> Iterator[Relation]:
            return (relation for group in chosen for relation in by_group[group.entity, group.type])

        relations, truncated = capped_traversal(entity_id, hops=hops, limit=limit, direction=direction,
                                                group_sizes=group_sizes, group_facts=group_facts)
        kept = {entity_id} | {r.subject for r in relations} | {r.object for r in relations}
        return Subgraph(
            entities=tuple(self.entity(i) for i in sorted(kept)),
            relations=tuple(relations),
            truncated=truncated,
        )

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
        self.entity(source_id)
        self.entity(target_id)
        if source_id == target_id:
            raise NoPath(source_id, target_id, max_hops)  # a simple path cannot come back to its start

        def best(start: str, target: str, avoided: frozenset[str], not_first: frozenset[str], hops: int) -> Path | None:
            return self._best_path(start, target, avoided, not_first, hops, direction, types)

        paths = k_shortest_paths(source_id, target_id, limit=limit, max_hops=max_hops, best=best)
        if not paths:
            raise NoPath(source_id, target_id, max_hops)
        return [self._as_route(source_id, relations, direction, types) for relations in paths[:limit]]

    def close(self) -> None:
        """Nothing to release: the graph lives in this process."""

    def _relations(self) -> Iterator[Relation]:
        for _, _, data in self._graph.edges(data=True):
            if "relation" in data:
                yield data["relation"]

    def _steps(
        self, node: str, direction: Direction, types: frozenset[RelType] | None
    ) -> Iterator[tuple[Relation, str]]:
        """Fact relationships leaving `node` in `direction`, each with the entity at its far end."""
        if direction in (Direction.DOWNSTREAM, Direction.BOTH):
            for _, other, data in self._graph.out_edges(node, data=True):
                relation = data.get("relation")
                if relation is not None and (types is None or relation.type in types):
                    yield relation, other
        if direction in (Direction.UPSTREAM, Direction.BOTH):
            for other, _, data in self._graph.in_edges(node, data=True):
                relation = data.get("relation")
                if relation is not None and (types is None or relation.type in types):
                    yield relation, other

    def _best_path(self, start: str, target: str, avoided: frozenset[str], not_first: frozenset[str], max_hops: int,
                   direction: Direction, types: frozenset[RelType] | None) -> Path | None:
        """The first route from `start` to `target` in route order (fewest hops, then its first facts' ids), of at
        most `max_hops` hops, through none of the `avoided` entities and not stepping first to one of `not_first`.

        A breadth-first search back from the target gives each entity its distance; walking forward
        from `start`, the fact with the smallest id that brings the target one step nearer comes first.
        """
        backwards = {Direction.DOWNSTREAM: Direction.UPSTREAM, Direction.UPSTREAM: Direction.DOWNSTREAM}
        distance = {target: 0}
        frontier = [target]
        while frontier and start not in distance and distance[frontier[0]] < max_hops:
            reached = []
            for entity in frontier:
                for _, other in self._steps(entity, backwards.get(direction, direction), types):
                    if other not in distance and other not in avoided and not (other == start and entity in not_first):
                        distance[other] = distance[entity] + 1
                        reached.append(other)
            frontier = reached
        if start not in distance:
            return None
        path: list[Relation] = []
        entity = start
        while entity != target:
            relation, entity = min(
                ((relation, other) for relation, other in self._steps(entity, direction, types)
                 if distance.get(other) == distance[entity] - 1 and not (entity == start and other in not_first)),
                key=lambda step: step[0].id,
            )
            path.append(relation)
        return tuple(path)

    def _as_route(self, source_id: str, relations: Path, direction: Direction,
                  types: frozenset[RelType] | None) -> GraphPath:
        """The route `relations` walks, each hop with every fact the question allows between its entities."""
        ids = path_entity_ids(source_id, relations)
        hops = tuple(
            tuple(sorted((relation for relation, other in self._steps(here, direction, types) if other == there),
                         key=lambda relation: relation.id))
            for here, there in itertools.pairwise(ids)
        )
        return GraphPath(entities=tuple(self.entity(i) for i in ids), hop_relations=hops)


def _build(graph: Subgraph) -> nx.MultiDiGraph:
    built = nx.MultiDiGraph()
    for entity in graph.entities:
        built.add_node(entity.id, kind=entity.kind, entity=entity)
    for source in graph.sources:
        built.add_node(_SOURCE_PREFIX + source.id, kind=EntityKind.SOURCE, source=source)
    check_endpoints(graph)
    for relation in graph.relations:
        built.add_edge(relation.subject, relation.object, key=relation.id, type=str(relation.type),
                       relation=relation)
    for source_id, entity_id in source_mentions(graph):
        built.add_edge(_SOURCE_PREFIX + source_id, entity_id, key=f"mentions:{source_id}:{entity_id}",
                       type=MENTIONS)
    return built
