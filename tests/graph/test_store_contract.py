"""The GraphStore contract: every store gives the same answers for the same graph.

Each test runs against the networkx store and against a real Neo4j (the `empty_store` and
`store` fixtures are parametrized over both).
"""

from __future__ import annotations

import pytest

from computekg.graph.errors import EntityNotFound, NoPath
from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import (
    CatalogEvidence,
    DatasetEvidence,
    Entity,
    Estimate,
    Evidence,
    Money,
    Quantity,
    Relation,
    Source,
    Subgraph,
    relation_key,
)
from computekg.graph.schema import EntityKind, RelType
from computekg.graph.store import Direction, GraphStore

SOURCE = Source(id="900_test", title="Test", date="2023-07", script="Hans", path="articles/900_test.txt")


def _entity(entity_id: str, kind: EntityKind = EntityKind.ORGANIZATION) -> Entity:
    return Entity(id=entity_id, kind=kind, name=entity_id.upper(), name_zh=f"{entity_id}中文",
                  aliases=(f"{entity_id}-alias",))


def _relation(subject: str, type_: RelType, obj: str, fact: str, **extra: object) -> Relation:
    key = relation_key(subject, type_, obj, product=extra.get("product"), quantity=extra.get("quantity"),  # type: ignore[arg-type]
                       amount=extra.get("amount"), date=extra.get("date"), status=None)  # type: ignore[arg-type]
    evidence = Evidence(source_id=SOURCE.id, quote=f"quote of {fact}", date=SOURCE.date, fact_id=fact,
                        confidence=0.9)
    return Relation(id=key, subject=subject, type=type_, object=obj, confidence=0.9, evidence=(evidence,),
                    **extra)  # type: ignore[arg-type]


# asml -> tsmc -> nvidia -> bytedance -> volcano -> zhipu, with a chip and a side branch.
CHAIN = Subgraph(
    entities=(
        *(_entity(i) for i in ("asml", "tsmc", "nvidia", "bytedance", "volcano", "zhipu", "baidu")),
        _entity("a800", EntityKind.PRODUCT),
    ),
    relations=(
        _relation("asml", RelType.SUPPLIES, "tsmc", "f1"),
        _relation("tsmc", RelType.SUPPLIES, "nvidia", "f2", product="a800"),
        _relation("nvidia", RelType.DESIGNS, "a800", "f3"),
        _relation("nvidia", RelType.SUPPLIES, "bytedance", "f4", product="a800",
                  quantity=Quantity(value=100000, unit="块", text="10万块"),
                  amount=Money(value=1e9, currency="USD", approximate=True, text="超过10亿美元"), date="2023"),
        _relation("volcano", RelType.SUBSIDIARY_OF, "bytedance", "f5"),
        _relation("volcano", RelType.PROVIDES_COMPUTE_TO, "zhipu", "f6"),
        _relation("bytedance", RelType.COMPETES_WITH, "baidu", "f7"),
        _relation("baidu", RelType.PURCHASED, "a800", "f8"),
    ),
    sources=(SOURCE,),
)


def test_load_is_idempotent_and_round_trips(empty_store: GraphStore) -> None:
    empty_store.load(CHAIN)
    first = empty_store.counts()
    empty_store.load(CHAIN)
    assert empty_store.counts() == first
    assert empty_store.snapshot() == CHAIN.canonical()
    assert first.nodes_by_label == {"Organization": 7, "Product": 1, "Source": 1}
    assert first.relations_by_type["SUPPLIES"] == 3
    assert first.relations_by_type["MENTIONS"] == 8  # every entity is mentioned by the one source
    assert first.relations_by_source == {"900_test": 8}


def test_a_failed_load_leaves_the_previous_graph(empty_store: GraphStore) -> None:
    empty_store.load(CHAIN)
    before = (empty_store.counts(), empty_store.snapshot())
    dangling = _relation("nvidia", RelType.SUPPLIES, "nobody", "f9")
    with pytest.raises(EntityNotFound):
        empty_store.load(Subgraph(entities=(_entity("newco"),), relations=(dangling,), sources=(SOURCE,)))
    assert (empty_store.counts(), empty_store.snapshot()) == before


def test_replace_drops_what_the_new_graph_lacks(empty_store: GraphStore) -> None:
    empty_store.load(CHAIN)
    smaller = Subgraph(entities=CHAIN.entities[:2], relations=CHAIN.relations[:1], sources=(SOURCE,))
    empty_store.load(smaller, replace=True)
    assert empty_store.snapshot() == smaller.canonical()


def test_same_evidence_from_two_loads_merges(empty_store: GraphStore) -> None:
    empty_store.load(CHAIN)
    again = CHAIN.relations[0].model_copy(update={"evidence": (
        CHAIN.relations[0].evidence[0].model_copy(update={"fact_id": "g1", "quote": "another quote"}),)})
    empty_store.load(Subgraph(entities=CHAIN.entities, relations=(again,), sources=(SOURCE,)))
    merged = next(r for r in empty_store.snapshot().relations if r.id == again.id)
    assert [e.fact_id for e in merged.evidence] == ["f1", "g1"]


RECORD = DatasetEvidence(dataset="Epoch AI chip owners", version="2025-06-01", file="nvidia_owners.csv", row="17",
                         licence="MIT", estimates=(Estimate(unit="units", p5=10.5, median=20.0, p95=41.0),
                                                    Estimate(unit="H100e", p5=3.0, median=6.0, p95=12.0)),
                         method="model estimate", confidence=0.6)
REFERENCE = CatalogEvidence(catalog_file="organizations.yaml", entry="volcano", field="parent")


def test_catalog_and_dataset_evidence_round_trip_beside_quotes(empty_store: GraphStore) -> None:
    """Every kind of evidence comes back as loaded, in order, mixed in one fact; only quotes make MENTIONS."""
    parent = CHAIN.relations[4]  # volcano SUBSIDIARY_OF bytedance, from a quote
    quoted = _relation("baidu", RelType.USES, "a800", "f9").evidence[0]
    mixed = Subgraph(entities=CHAIN.entities, sources=(SOURCE,), relations=(
        parent.model_copy(update={"evidence": (*parent.evidence, REFERENCE)}),
        _relation("baidu", RelType.USES, "a800", "f9").model_copy(update={"evidence": (RECORD, quoted)}),
        _relation("nvidia", RelType.DESIGNS, "a800", "f3").model_copy(update={"evidence": (REFERENCE,)}),
        _relation("tsmc", RelType.SUPPLIES, "nvidia", "f10", date="2024").model_copy(update={"evidence": (RECORD,)}),
    ))
    empty_store.load(mixed)
    assert empty_store.snapshot() == mixed.canonical()
    counts = empty_store.counts()
    assert counts.relations_by_source == {"900_test": 2}  # the two facts with a quote
    assert counts.relations_by_type["MENTIONS"] == 4  # volcano, bytedance, baidu, a800: what quotes support
    empty_store.load(mixed)  # a second load merges each fact's evidence with itself: nothing new, in id order
    again = {r.id: sorted(e.identity() for e in r.evidence) for r in empty_store.snapshot().relations}
    assert again == {r.id: sorted(e.identity() for e in r.evidence) for r in mixed.relations}
    assert empty_store.counts() == counts


def test_entity_lookup(empty_store: GraphStore) -> None:
    empty_store.load(CHAIN)
    assert empty_store.entity("nvidia").name_zh == "nvidia中文"
    with pytest.raises(EntityNotFound):
        empty_store.entity("intel")


@pytest.mark.parametrize(
    ("direction", "hops", "expected"),
    [
        (Direction.DOWNSTREAM, 1, {"nvidia", "a800", "bytedance"}),
        (Direction.UPSTREAM, 1, {"nvidia", "tsmc"}),
        (Direction.BOTH, 1, {"nvidia", "a800", "bytedance", "tsmc"}),
        (Direction.UPSTREAM, 2, {"nvidia", "tsmc", "asml"}),
        (Direction.BOTH, 2, {"nvidia", "a800", "bytedance", "tsmc", "asml", "volcano", "baidu"}),
    ],
)
def test_neighbourhood(empty_store: GraphStore, direction: Direction, hops: int, expected: set[str]) -> None:
    empty_store.load(CHAIN)
    found = empty_store.neighbourhood("nvidia", hops=hops, direction=direction)
    assert found.entity_ids() == expected
    assert not found.truncated
    assert all(r.evidence for r in found.relations)


def test_neighbourhood_filters_types_and_caps(empty_store: GraphStore) -> None:
    empty_store.load(CHAIN)
    supplies = empty_store.neighbourhood("nvidia", hops=3, types=frozenset({RelType.SUPPLIES}))
    assert supplies.entity_ids() == {"nvidia", "tsmc", "asml", "bytedance"}
    # NVIDIA's one DESIGNS fact fits a cap of 2; its two SUPPLIES facts (from TSMC, to ByteDance) do not both
    # fit what is left, and a group is shown whole or not at all; having cut, the traversal stops.
    capped = empty_store.neighbourhood("nvidia", hops=2, limit=2)
    assert capped.truncated and [(r.subject, r.type, r.object) for r in capped.relations] == [
        ("nvidia", RelType.DESIGNS, "a800")]
    assert capped == MemoryStore_answer(lambda s: s.neighbourhood("nvidia", hops=2, limit=2))
    # With 4, hop 1 takes all three, leaving 1: the smallest new groups of hop 2 hold one fact each, and
    # the first by entity id is A800's PURCHASED (Baidu); facts reached at hop 1 do not count again.
    four = empty_store.neighbourhood("nvidia", hops=2, limit=4)
    assert four.truncated and len(four.relations) == 4
    assert (four.relations[-1].subject, four.relations[-1].type) == ("baidu", RelType.PURCHASED)
    assert four == MemoryStore_answer(lambda s: s.neighbourhood("nvidia", hops=2, limit=4))


def MemoryStore_answer(question):  # type: ignore[no-untyped-def]  # noqa: N802
    """The reference answer: the same question asked of the networkx store."""
    reference = MemoryStore()
    reference.load(CHAIN)
    return question(reference)


def test_directed_path_follows_the_flow(empty_store: GraphStore) -> None:
    empty_store.load(CHAIN)
    (path,) = empty_store.shortest_paths("asml", "bytedance", direction=Direction.DOWNSTREAM, limit=3)
    assert [e.id for e in path.entities] == ["asml", "tsmc", "nvidia", "bytedance"]
    assert [r.type for r in path.relations] == [RelType.SUPPLIES] * 3
    assert path.relations[2].quantity is not None and path.relations[2].quantity.value == 100000
    with pytest.raises(NoPath):
        empty_store.shortest_paths("bytedance", "asml", direction=Direction.DOWNSTREAM)


def test_paths_in_both_directions_and_ordering(empty_store: GraphStore) -> None:
    empty_store.load(CHAIN)
    paths = empty_store.shortest_paths("tsmc", "zhipu", max_hops=6, limit=5)
    assert [p.hops for p in paths] == sorted(p.hops for p in paths)
    assert [e.id for e in paths[0].entities] == ["tsmc", "nvidia", "bytedance", "volcano", "zhipu"]
    assert paths == MemoryStore_answer(lambda s: s.shortest_paths("tsmc", "zhipu", max_hops=6, limit=5))
    with pytest.raises(NoPath):
        empty_store.shortest_paths("tsmc", "zhipu", max_hops=2)
    with pytest.raises(EntityNotFound):
        empty_store.shortest_paths("tsmc", "intel")


def test_seed_graph_counts_match_the_reference(store: GraphStore, seed_graph: Subgraph) -> None:
    reference = MemoryStore()
    reference.load(seed_graph)
    assert store.counts() == reference.counts()
    assert store.snapshot() == seed_graph.canonical()
