"""`Neo4jStore.bulk_load`: the same stored graph as `load`, and all or nothing although it spans many transactions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from computekg.graph.errors import EntityNotFound
from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import Entity, Evidence, Quantity, Relation, Source, Subgraph, relation_key
from computekg.graph.neo4j_store import BulkLoadError, Neo4jStore
from computekg.graph.schema import EntityKind, RelType
from computekg.graph.store import GraphStore

ON_NEO4J = pytest.mark.parametrize(
    "empty_store", [pytest.param("neo4j", marks=pytest.mark.neo4j)], indirect=True
)
SOURCE = Source(id="950_bulk", title="Bulk", date="2024-01", script="Hans", path="articles/950_bulk.txt")


def _neo4j(store: GraphStore) -> Neo4jStore:
    assert isinstance(store, Neo4jStore)
    return store


def _org(entity_id: str) -> Entity:
    return Entity(id=entity_id, kind=EntityKind.ORGANIZATION, name=entity_id.upper())


def _fact(subject: str, obj: str, quote: str = "引文", **extra: object) -> Relation:
    key = relation_key(subject, RelType.SUPPLIES, obj, product=None, quantity=extra.get("quantity"),  # type: ignore[arg-type]
                       amount=None, date=None, status=None)
    evidence = Evidence(source_id=SOURCE.id, quote=quote, fact_id=f"{subject}-{obj}", confidence=0.8)
    return Relation(id=key, subject=subject, type=RelType.SUPPLIES, object=obj, confidence=0.8,
                    evidence=(evidence,), **extra)  # type: ignore[arg-type]


def _pieces(graph: Subgraph, size: int) -> Iterator[Subgraph]:
    """`graph` as a bulk load's stream: entities, then sources, then facts, `size` at a time."""
    for start in range(0, len(graph.entities), size):
        yield Subgraph(entities=graph.entities[start : start + size])
    yield Subgraph(sources=graph.sources)
    for start in range(0, len(graph.relations), size):
        yield Subgraph(relations=graph.relations[start : start + size])


def _stamped(store: Neo4jStore) -> int:
    records, _, _ = store.driver.execute_query(
        "MATCH (n) WHERE n.load_id IS NOT NULL RETURN count(n) AS n", database_=store.database)
    return int(records[0]["n"])


@ON_NEO4J
def test_bulk_load_stores_what_load_stores(empty_store: GraphStore, seed_graph: Subgraph) -> None:
    store = _neo4j(empty_store)
    seen = []
    report = store.bulk_load(_pieces(seed_graph, 7), batch_size=10, progress=seen.append)
    assert (report.entities, report.relations, report.sources) == (
        len(seed_graph.entities), len(seed_graph.relations), len(seed_graph.sources))
    assert seen[-1] == report and len(seen) > 3
    reference = MemoryStore()
    reference.load(seed_graph)
    assert store.snapshot() == seed_graph.canonical()
    assert store.counts() == reference.counts()
    assert store.unfinished_loads() == []


@ON_NEO4J
def test_values_that_cannot_be_joined_take_the_exact_path(empty_store: GraphStore) -> None:
    """Separators inside a text, an empty note, a list with an empty item: all stored exactly as given."""
    store = _neo4j(empty_store)
    odd = _fact("a", "b", quote="一句\x1f含\x1e分隔\x1d符", note="",
                quantity=Quantity(value=1.5, unit=None, text="1.5"))
    plain = _fact("b", "c", note="注")
    graph = Subgraph(entities=tuple(_org(i) for i in "abc"), relations=(odd, plain), sources=(SOURCE,))
    store.bulk_load(_pieces(graph, 1))
    assert store.snapshot() == graph.canonical()


@ON_NEO4J
def test_a_failure_midway_leaves_the_previous_graph(empty_store: GraphStore) -> None:
    store = _neo4j(empty_store)
    store.load(Subgraph(entities=(_org("old"), _org("older")), relations=(_fact("old", "older"),),
                        sources=(SOURCE,)))
    before = (store.counts(), store.snapshot())
    newcomers = tuple(_org(f"new{i}") for i in range(5))
    good = tuple(_fact("old", f"new{i}") for i in range(5))  # facts at a stored entity, citing a stored source

    def stream() -> Iterator[Subgraph]:
        yield Subgraph(entities=newcomers)
        yield Subgraph(relations=good)
        yield Subgraph(relations=(_fact("new1", "nobody"),))

    with pytest.raises(EntityNotFound, match="nobody"):
        store.bulk_load(stream(), batch_size=2)
    assert (store.counts(), store.snapshot()) == before
    assert _stamped(store) == 0 and store.unfinished_loads() == []


@ON_NEO4J
def test_an_id_already_stored_is_refused_and_undone(empty_store: GraphStore) -> None:
    store = _neo4j(empty_store)
    store.load(Subgraph(entities=(_org("old"),)))
    before = (store.counts(), store.snapshot())
    with pytest.raises(BulkLoadError, match="new ids only"):
        store.bulk_load([Subgraph(entities=(_org("fresh"),)), Subgraph(entities=(_org("old"),))])
    assert (store.counts(), store.snapshot()) == before
    with pytest.raises(BulkLoadError, match="twice"):
        store.bulk_load([Subgraph(entities=(_org("x"),)), Subgraph(entities=(_org("x"),))])
    assert (store.counts(), store.snapshot()) == before


@ON_NEO4J
def test_an_interrupted_stream_is_undone(empty_store: GraphStore) -> None:
    store = _neo4j(empty_store)

    def stream() -> Iterator[Subgraph]:
        yield Subgraph(entities=(_org("a"), _org("b")), sources=(SOURCE,))
        yield Subgraph(relations=(_fact("a", "b"),))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.bulk_load(stream())
    assert store.counts().nodes == 0 and _stamped(store) == 0


@ON_NEO4J
def test_a_load_whose_process_died_can_be_discarded(empty_store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _neo4j(empty_store)
    store.load(Subgraph(entities=(_org("old"),)))
    before = store.snapshot()
    monkeypatch.setattr(store, "discard_load", lambda load_id: None)  # as if the process died before undoing
    with pytest.raises(EntityNotFound):
        store.bulk_load([Subgraph(entities=(_org("half"),), sources=(SOURCE,)),
                         Subgraph(relations=(_fact("half", "gone"),))])
    monkeypatch.undo()
    (unfinished,) = store.unfinished_loads()
    assert store.snapshot() != before
    store.discard_load(unfinished)
    assert store.snapshot() == before and store.unfinished_loads() == []
