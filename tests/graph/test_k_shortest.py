"""Yen's algorithm gives exactly what sorting every simple route would: shortest first, ties by first facts' ids.

A route is a sequence of entities; the facts between two of its entities are one hop (its evidence), so
parallel facts never make two paths of one route.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_store_contract import SOURCE, _entity, _relation

from computekg.graph.errors import NoPath
from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import GraphPath, Relation, Subgraph
from computekg.graph.schema import RelType
from computekg.graph.store import Direction, GraphStore

_ENTITIES = [f"e{n}" for n in range(6)]
_TYPES = [RelType.SUPPLIES, RelType.PARTNERS_WITH, RelType.INVESTS_IN]


# A route as the stores answer it: each hop's fact ids, in order.
Route = tuple[tuple[str, ...], ...]


def _every_route(relations: list[Relation], source: str, target: str, max_hops: int,
                 direction: Direction) -> list[Route]:
    """The reference: every simple route, depth first, each hop with all its facts (smallest id first), sorted by
    the number of hops and then by each hop's smallest fact id."""
    def hop(here: str, there: str) -> tuple[str, ...]:
        forward = direction is not Direction.UPSTREAM
        backward = direction is not Direction.DOWNSTREAM
        return tuple(sorted(r.id for r in relations if (forward and (r.subject, r.object) == (here, there))
                            or (backward and (r.object, r.subject) == (here, there))))

    found: list[Route] = []

    def walk(route: tuple[str, ...]) -> None:
        if route[-1] == target and len(route) > 1:
            found.append(tuple(hop(a, b) for a, b in itertools.pairwise(route)))
            return
        if len(route) - 1 == max_hops:
            return
        for other in sorted({e for r in relations for e in (r.subject, r.object)} - set(route)):
            if hop(route[-1], other):
                walk((*route, other))

    walk((source,))
    return sorted(found, key=lambda hops: (len(hops), tuple(ids[0] for ids in hops)))


def _routes(paths: list[GraphPath]) -> list[Route]:
    return [tuple(tuple(r.id for r in facts) for facts in path.hop_relations) for path in paths]


_GRAPHS = st.lists(st.tuples(st.sampled_from(_ENTITIES), st.sampled_from(_TYPES), st.sampled_from(_ENTITIES)),
                   min_size=1, max_size=14)


@settings(max_examples=150, deadline=None)
@given(edges=_GRAPHS, direction=st.sampled_from(list(Direction)), limit=st.integers(1, 8),
       max_hops=st.integers(1, 5))
def test_yen_matches_sorting_every_simple_route(edges: list[tuple[str, RelType, str]], direction: Direction,
                                               limit: int, max_hops: int) -> None:
    relations = list({r.id: r for r in (_relation(s, t, o, f"f{n}") for n, (s, t, o) in enumerate(edges) if s != o)}
                     .values())
    store = MemoryStore()
    store.load(Subgraph(entities=tuple(_entity(e) for e in _ENTITIES), relations=tuple(relations), sources=(SOURCE,)))
    expected = _every_route(relations, "e0", "e1", max_hops, direction)[:limit]
    try:
        paths = store.shortest_paths("e0", "e1", max_hops=max_hops, direction=direction, limit=limit)
    except NoPath:
        paths = []
    assert _routes(paths) == expected


# Cycles, parallel facts between the same entities and several routes of each length.
_TANGLE = [("e0", RelType.SUPPLIES, "e2"), ("e0", RelType.PARTNERS_WITH, "e2"), ("e2", RelType.SUPPLIES, "e1"),
           ("e0", RelType.SUPPLIES, "e3"), ("e3", RelType.SUPPLIES, "e1"), ("e3", RelType.INVESTS_IN, "e2"),
           ("e2", RelType.SUPPLIES, "e4"), ("e4", RelType.SUPPLIES, "e1"), ("e4", RelType.PARTNERS_WITH, "e3"),
           ("e5", RelType.SUPPLIES, "e0"), ("e5", RelType.SUPPLIES, "e4"), ("e1", RelType.INVESTS_IN, "e5")]


def test_every_store_finds_the_k_best_routes(empty_store: GraphStore) -> None:
    relations = [_relation(s, t, o, f"t{n}") for n, (s, t, o) in enumerate(_TANGLE)]
    empty_store.load(Subgraph(entities=tuple(_entity(e) for e in _ENTITIES), relations=tuple(relations),
                              sources=(SOURCE,)))
    for direction in Direction:
        for source, target in (("e0", "e1"), ("e1", "e0"), ("e5", "e2")):
            expected = _every_route(relations, source, target, 5, direction)[:12]
            try:
                paths = empty_store.shortest_paths(source, target, max_hops=5, direction=direction, limit=12)
            except NoPath:
                paths = []
            assert _routes(paths) == expected, (direction, source, target)
            assert all([e.id for e in path.entities][0] == source for path in paths)
            assert len({tuple(e.id for e in path.entities) for path in paths}) == len(paths)  # no route twice


def test_parallel_facts_are_one_hop_not_two_paths(empty_store: GraphStore) -> None:
    """e0 -> e2 by two facts, e2 -> e1 by one: one route, its first hop citing both facts."""
    relations = [_relation("e0", RelType.SUPPLIES, "e2", "p1"), _relation("e0", RelType.PARTNERS_WITH, "e2", "p2"),
                 _relation("e2", RelType.SUPPLIES, "e1", "p3")]
    empty_store.load(Subgraph(entities=tuple(_entity(e) for e in _ENTITIES), relations=tuple(relations),
                              sources=(SOURCE,)))
    (path,) = empty_store.shortest_paths("e0", "e1", limit=3)
    assert [e.id for e in path.entities] == ["e0", "e2", "e1"]
    assert [len(facts) for facts in path.hop_relations] == [2, 1]
    assert path.relations == tuple(facts[0] for facts in path.hop_relations)
    only_supplies = empty_store.shortest_paths("e0", "e1", types=frozenset({RelType.SUPPLIES}), limit=3)
    assert [len(facts) for facts in only_supplies[0].hop_relations] == [1, 1]  # evidence follows the filter


def test_limit_zero_still_tells_whether_a_path_exists(empty_store: GraphStore) -> None:
    relations = [_relation(s, t, o, f"t{n}") for n, (s, t, o) in enumerate(_TANGLE)]
    empty_store.load(Subgraph(entities=tuple(_entity(e) for e in _ENTITIES), relations=tuple(relations),
                              sources=(SOURCE,)))
    assert empty_store.shortest_paths("e0", "e1", limit=0) == []
    with pytest.raises(NoPath):
        empty_store.shortest_paths("e0", "e1", direction=Direction.UPSTREAM, max_hops=1, limit=0)
