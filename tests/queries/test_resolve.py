"""Names in any script resolve to entities; several names share one alias index."""

from __future__ import annotations

import pytest

from computekg.graph.errors import EntityNotFound
from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import Subgraph
from computekg.queries.resolve import resolve_entities


class _CountingStore(MemoryStore):
    """A memory store that counts full snapshots (what building an alias index costs)."""

    snapshots = 0

    def snapshot(self) -> Subgraph:
        self.snapshots += 1
        return super().snapshot()


def test_names_share_one_alias_index(seed_graph: Subgraph) -> None:
    store = _CountingStore()
    store.load(seed_graph)
    store.snapshots = 0
    found = resolve_entities(store, ["台积电", "智谱", "nvidia", "火山引擎"])
    assert [e.id for e in found] == ["tsmc", "zhipu-ai", "nvidia", "volcano-engine"]
    assert store.snapshots == 1


def test_ids_need_no_alias_index(seed_graph: Subgraph) -> None:
    store = _CountingStore()
    store.load(seed_graph)
    store.snapshots = 0
    assert [e.id for e in resolve_entities(store, ["tsmc", "nvidia"])] == ["tsmc", "nvidia"]
    assert store.snapshots == 0


def test_an_unknown_name_fails_with_candidates(seed_graph: Subgraph) -> None:
    store = MemoryStore()
    store.load(seed_graph)
    with pytest.raises(EntityNotFound) as caught:
        resolve_entities(store, ["tsmc", "Nvidea"])
    assert "nvidia" in caught.value.candidates
