"""Names in any script resolve to entities; several names share one alias index."""

from __future__ import annotations

import pytest

from computekg.graph.errors import EntityNotFound
from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import Entity, Subgraph
from computekg.graph.schema import EntityKind
from computekg.loaders.alias_index import AliasIndex, AmbiguousName
from computekg.queries.resolve import describe_unresolved, resolve_entities


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


def test_a_person_is_told_candidates_by_name_and_id() -> None:
    index = AliasIndex([Entity(id="tsmc", kind=EntityKind.ORGANIZATION, name="TSMC", name_zh="台积电"),
                        Entity(id="nvidia", kind=EntityKind.ORGANIZATION, name="NVIDIA", name_zh="英伟达")])
    with pytest.raises(EntityNotFound) as caught:
        index.resolve("台机电")
    assert describe_unresolved(caught.value, index.resolve) == (
        "no entity is called '台机电'; did you mean TSMC 台积电 (tsmc)?")
    with pytest.raises(EntityNotFound) as nothing:
        index.resolve("zzqqxx")
    assert describe_unresolved(nothing.value, index.resolve) == (
        "no entity is called 'zzqqxx', and no entity's name resembles it")
    twins = AliasIndex([Entity(id="a", kind=EntityKind.ORGANIZATION, name="Twin", name_zh="双子"),
                        Entity(id="b", kind=EntityKind.ORGANIZATION, name="TWIN")])
    with pytest.raises(AmbiguousName) as ambiguous:
        twins.resolve("twin")
    assert describe_unresolved(ambiguous.value, twins.resolve) == (
        "'twin' is a name of 2 entities: Twin 双子 (a), TWIN (b); give the id you mean")
