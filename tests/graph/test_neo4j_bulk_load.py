"""`Neo4jStore.bulk_load`: the same stored graph as `load`, and all or nothing although it spans many transactions."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from computekg.graph.errors import EntityNotFound
from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import (
    DatasetEvidence,
    Entity,
    Estimate,
    Evidence,
    Quantity,
    Relation,
    Source,
    Subgraph,
    relation_key,
)
from computekg.graph.neo4j_store import BulkLoadError, Neo4jStore
from computekg.graph.schema import EntityKind, RelType
from computekg.graph.settings import Settings
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
def test_dataset_records_bulk_load_as_given(empty_store: GraphStore) -> None:
    """Facts from a dataset alone (no quote lists at all) and facts with both kinds: stored as given."""
    store = _neo4j(empty_store)
    record = DatasetEvidence(dataset="ETO", version="2024-09", file="provision.csv", row="p1|i2",
                             licence="CC BY-NC 4.0", estimates=(Estimate(unit="%", p5=0.1, median=0.8, p95=0.9),),
                             method="share of the market")
    only = _fact("a", "b").model_copy(update={"evidence": (record,)})
    both = _fact("b", "c").model_copy(update={"evidence": (*_fact("b", "c").evidence, record)})
    graph = Subgraph(entities=tuple(_org(i) for i in "abc"), relations=(only, both), sources=(SOURCE,))
    store.bulk_load(_pieces(graph, 5))
    assert store.snapshot() == graph.canonical()
    reference = MemoryStore()
    reference.load(graph)
    assert store.counts() == reference.counts()


@ON_NEO4J
def test_values_that_cannot_be_joined_take_the_exact_path(empty_store: GraphStore) -> None:
    """An empty note (not an absent one) and an absent unit are stored exactly as given.

    (A text holding the separators themselves is refused by the model: they are control characters no export
    can carry, see `computekg.graph.characters`.)
    """
    store = _neo4j(empty_store)
    odd = _fact("a", "b", quote="一句含分隔符", note="", quantity=Quantity(value=1.5, unit=None, text="1.5"))
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


# A bulk load in a process of its own: chunk 1 writes two entities and a source, chunk 2 a fact between them
# and one to `tsmc`, in one transaction, with the source's MENTIONS links (merged: locked as they are
# written, the loader's nodes first); it reports each chunk on stdout. Run by the Ctrl-C test below.
_LOADER = """
import sys
from computekg.graph.model import Entity, Evidence, Relation, Source, Subgraph, relation_key
from computekg.graph.neo4j_store import Neo4jStore
from computekg.graph.schema import EntityKind, RelType
from computekg.graph.settings import Settings

source = Source(id="950_bulk", title="Bulk", date="2024-01", script="Hans", path="articles/950_bulk.txt")
def fact(subject, obj):
    key = relation_key(subject, RelType.SUPPLIES, obj, product=None, quantity=None, amount=None, date=None,
                       status=None)
    evidence = Evidence(source_id=source.id, quote="引文的一句话", fact_id=f"{subject}-{obj}", confidence=0.8)
    return Relation(id=key, subject=subject, type=RelType.SUPPLIES, object=obj, confidence=0.8,
                    evidence=(evidence,))
chunks = [
    Subgraph(entities=tuple(Entity(id=i, kind=EntityKind.ORGANIZATION, name=i) for i in ("bulk-a", "bulk-y")),
             sources=(source,)),
    Subgraph(relations=(fact("bulk-y", "bulk-a"), fact("bulk-y", "tsmc"))),
]
store = Neo4jStore.from_settings(Settings(NEO4J_URI=sys.argv[1]))
store.bulk_load(chunks, progress=lambda report: print("chunk", flush=True))
"""


def _transactions(store: Neo4jStore) -> list[dict[str, object]]:
    records, _, _ = store.driver.execute_query(
        "SHOW TRANSACTIONS YIELD transactionId, status, currentQuery RETURN transactionId, status, currentQuery",
        database_=store.database)
    return [record.data() for record in records]


@ON_NEO4J
def test_ctrl_c_while_a_bulk_transaction_waits_ends_the_load_and_leaves_the_previous_graph(
    store: GraphStore, neo4j_settings: Settings
) -> None:
    """Ctrl-C lands while the load's transaction holds locks on what it wrote and waits for `tsmc`'s lock.

    The undo used to wait for its own open transaction's locks, for ever; now the load ends its transactions
    on the server first, then deletes what it wrote. `tsmc` is held by another writer throughout.
    """
    neo4j = _neo4j(store)
    before = (neo4j.counts(), neo4j.snapshot())
    with neo4j.driver.session(database=neo4j.database) as holder, holder.begin_transaction() as holding:
        holding.run("MATCH (e:Entity {id: 'tsmc'}) SET e.held = true").consume()
        loader = subprocess.Popen([sys.executable, "-c", _LOADER, neo4j_settings.neo4j_uri],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert loader.stdout is not None
            assert loader.stdout.readline() == "chunk\n", loader.communicate()  # chunk 1 is written
            deadline = time.monotonic() + 300  # a guard against waiting for ever, not a measurement
            while not any(str(tx["status"]).startswith("Blocked") for tx in _transactions(neo4j)):
                assert loader.poll() is None, loader.communicate()
                assert time.monotonic() < deadline, _transactions(neo4j)
            loader.send_signal(signal.SIGINT)
            _, stderr = loader.communicate(timeout=300)  # a guard against the old hang, not a measurement
        finally:
            loader.kill()
            loader.wait()
        holding.rollback()
    assert "KeyboardInterrupt" in stderr and loader.returncode != 0
    assert (neo4j.counts(), neo4j.snapshot()) == before
    assert _stamped(neo4j) == 0 and neo4j.unfinished_loads() == []
    assert [tx for tx in _transactions(neo4j) if "SHOW TRANSACTIONS" not in str(tx["currentQuery"])] == []
