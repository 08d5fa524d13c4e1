"""Yen's algorithm gives exactly what sorting every simple path would: shortest first, ties by fact ids."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_store_contract import SOURCE, _entity, _relation

from computekg.graph.errors import NoPath
from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import Relation, Subgraph
from computekg.graph.schema import RelType
from computekg.graph.store import Direction, GraphStore

_ENTITIES = [f"e{n}" for n in range(6)]
_TYPES = [RelType.SUPPLIES, RelType.PARTNERS_WITH, RelType.INVESTS_IN]


def _every_path(relations: list[Relation], source: str, target: str, max_hops: int,
                direction: Direction) -> list[tuple[str, ...]]:
    """The reference: every simple path, depth first, sorted by length and then fact ids."""
    found: list[tuple[str, ...]] = []

    def walk(entity: str, taken: tuple[str, ...], visited: frozenset[str]) -> None:
        if entity == target and taken:
            found.append(taken)
            return
        if len(taken) == max_hops:
            return
        for relation in relations:
            ends = []
            if direction is not Direction.UPSTREAM and relation.subject == entity:
                ends.append(relation.object)
            if direction is not Direction.DOWNSTREAM and relation.object == entity:
                ends.append(relation.subject)
            for other in ends:
                if other not in visited:
                    walk(other, (*taken, relation.id), visited | {other})

    walk(source, (), frozenset({source}))
    return sorted(set(found), key=lambda ids: (len(ids), ids))


_GRAPHS = st.lists(st.tuples(st.sampled_from(_ENTITIES), st.sampled_from(_TYPES), st.sampled_from(_ENTITIES)),
                   min_size=1, max_size=14)


@settings(max_examples=150, deadline=None)
@given(edges=_GRAPHS, direction=st.sampled_from(list(Direction)), limit=st.integers(1, 8),
       max_hops=st.integers(1, 5))
def test_yen_matches_sorting_every_simple_path(edges: list[tuple[str, RelType, str]], direction: Direction,
                                               limit: int, max_hops: int) -> None:
    relations = list({r.id: r for r in (_relation(s, t, o, f"f{n}") for n, (s, t, o) in enumerate(edges) if s != o)}
                     .values())
    store = MemoryStore()
    store.load(Subgraph(entities=tuple(_entity(e) for e in _ENTITIES), relations=tuple(relations), sources=(SOURCE,)))
    expected = _every_path(relations, "e0", "e1", max_hops, direction)[:limit]
    try:
        paths = store.shortest_paths("e0", "e1", max_hops=max_hops, direction=direction, limit=limit)
    except NoPath:
        paths = []
    assert [tuple(r.id for r in path.relations) for path in paths] == expected


# Cycles, parallel facts between the same entities and several routes of each length.
_TANGLE = [("e0", RelType.SUPPLIES, "e2"), ("e0", RelType.PARTNERS_WITH, "e2"), ("e2", RelType.SUPPLIES, "e1"),
           ("e0", RelType.SUPPLIES, "e3"), ("e3", RelType.SUPPLIES, "e1"), ("e3", RelType.INVESTS_IN, "e2"),
           ("e2", RelType.SUPPLIES, "e4"), ("e4", RelType.SUPPLIES, "e1"), ("e4", RelType.PARTNERS_WITH, "e3"),
           ("e5", RelType.SUPPLIES, "e0"), ("e5", RelType.SUPPLIES, "e4"), ("e1", RelType.INVESTS_IN, "e5")]


def test_every_store_finds_the_k_best_paths(empty_store: GraphStore) -> None:
    relations = [_relation(s, t, o, f"t{n}") for n, (s, t, o) in enumerate(_TANGLE)]
    empty_store.load(Subgraph(entities=tuple(_entity(e) for e in _ENTITIES), relations=tuple(relations),
                              sources=(SOURCE,)))
    for direction in Direction:
        for source, target in (("e0", "e1"), ("e1", "e0"), ("e5", "e2")):
            expected = _every_path(relations, source, target, 5, direction)[:12]
            try:
                paths = empty_store.shortest_paths(source, target, max_hops=5, direction=direction, limit=12)
            except NoPath:
                paths = []
            assert [tuple(r.id for r in path.relations) for path in paths] == expected, (direction, source, target)
            assert all([e.id for e in path.entities][0] == source for path in paths)


def test_limit_zero_still_tells_whether_a_path_exists(empty_store: GraphStore) -> None:
    relations = [_relation(s, t, o, f"t{n}") for n, (s, t, o) in enumerate(_TANGLE)]
    empty_store.load(Subgraph(entities=tuple(_entity(e) for e in _ENTITIES), relations=tuple(relations),
                              sources=(SOURCE,)))
    assert empty_store.shortest_paths("e0", "e1", limit=0) == []
    with pytest.raises(NoPath):
        empty_store.shortest_paths("e0", "e1", direction=Direction.UPSTREAM, max_hops=1, limit=0)
