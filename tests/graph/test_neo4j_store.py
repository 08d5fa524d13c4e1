"""What only the Neo4j store has: its schema, full-text search, storage layout and transactional loads.

The answers it shares with `MemoryStore` are checked in test_store_contract.py; these tests run against
a real Neo4j (the `empty_store` fixture of tests/conftest.py, narrowed to its Neo4j side).
"""

from __future__ import annotations

import pytest

from computekg.graph import neo4j_cypher
from computekg.graph.errors import EntityNotFound, StoreUnavailable
from computekg.graph.model import Entity, Evidence, Money, Quantity, Relation, Source, Subgraph, relation_key
from computekg.graph.neo4j_store import Neo4jStore
from computekg.graph.schema import EntityKind, FacilityKind, FactStatus, OrgRole, ProductKind, RelType
from computekg.graph.settings import Settings
from computekg.graph.store import GraphStore

ON_NEO4J = pytest.mark.parametrize(
    "empty_store", [pytest.param("neo4j", marks=pytest.mark.neo4j)], indirect=True
)

SOURCES = (
    Source(
        id="901_a", title="A", publisher="财新", date="2023-07-04", script="Hans", path="articles/901_a.txt"
    ),
    Source(id="902_b", title="B", language="en", script="Latn", path="articles/902_b.txt"),
)
NVIDIA = Entity(
    id="nvidia",
    kind=EntityKind.ORGANIZATION,
    name="NVIDIA",
    name_zh="英伟达",
    name_zh_hant="輝達",
    aliases=("Team Green", "英伟达公司"),
    roles=(OrgRole.CHIP_DESIGNER,),
    country="US",
    description="GPU designer.",
)
TSMC = Entity(
    id="tsmc",
    kind=EntityKind.ORGANIZATION,
    name="TSMC",
    name_zh="台积电",
    name_zh_hant="台積電",
    roles=(OrgRole.FOUNDRY,),
    country="TW",
)
H20 = Entity(
    id="nvidia-h20", kind=EntityKind.PRODUCT, name="H20", product_kind=ProductKind.CHIP, parent="nvidia"
)
BYTEDANCE = Entity(id="bytedance", kind=EntityKind.ORGANIZATION, name="ByteDance", name_zh="字节跳动")
CAMPUS = Entity(
    id="ulanqab-dc", kind=EntityKind.FACILITY, name="Ulanqab DC", facility_kind=FacilityKind.DATA_CENTRE
)


def _evidence(source: Source, fact_id: str, confidence: float) -> Evidence:
    return Evidence(
        source_id=source.id, quote=f"引文 {fact_id}", date=source.date, fact_id=fact_id, confidence=confidence
    )


def _relation(subject: str, type_: RelType, obj: str, *evidence: Evidence, **extra: object) -> Relation:
    """A fact as the loaders make it: evidence sorted and confidence the best of it, as merging keeps it."""
    ordered = sorted(evidence, key=lambda ev: (ev.source_id, ev.fact_id, ev.quote))
    draft = Relation.model_validate(
        {
            "id": "-",
            "subject": subject,
            "type": type_,
            "object": obj,
            "evidence": ordered,
            "confidence": max(ev.confidence for ev in ordered),
            **extra,
        }
    )
    key = relation_key(
        draft.subject,
        draft.type,
        draft.object,
        product=draft.product,
        quantity=draft.quantity,
        amount=draft.amount,
        date=draft.date,
        status=draft.status,
    )
    return draft.model_copy(update={"id": key})


# Every optional field set somewhere, and left out somewhere else.
GRAPH = Subgraph(
    entities=(NVIDIA, TSMC, H20, BYTEDANCE, CAMPUS),
    relations=(
        _relation("tsmc", RelType.MANUFACTURES, "nvidia-h20", _evidence(SOURCES[1], "b-1", 0.9)),
        _relation(
            "nvidia",
            RelType.SUPPLIES,
            "bytedance",
            _evidence(SOURCES[0], "a-1", 0.8),
            _evidence(SOURCES[1], "b-2", 0.95),
            product="nvidia-h20",
            date="2023-07",
            status=FactStatus.PLANNED,
            note="注: an order",
            quantity=Quantity(value=16000, unit="块", approximate=True, text="约1.6万块"),
            amount=Money(value=1.2e9, currency="USD", text="12亿美元"),
        ),
        _relation(
            "bytedance",
            RelType.OPERATES,
            "ulanqab-dc",
            _evidence(SOURCES[0], "a-2", 0.7),
            quantity=Quantity(value=3, text="三个"),
        ),
    ),
    sources=SOURCES,
)


def _neo4j(store: GraphStore) -> Neo4jStore:
    assert isinstance(store, Neo4jStore)
    return store


def _schema(store: Neo4jStore) -> tuple[dict[str, tuple[str, tuple[str, ...]]], dict[str, object]]:
    """Our constraints (name -> type, labels or types) and the full-text index's description."""
    constraints, _, _ = store.driver.execute_query(
        "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties", database_=store.database
    )
    indexes, _, _ = store.driver.execute_query(
        "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options WHERE name = $name",
        name=neo4j_cypher.NAME_INDEX,
        database_=store.database,
    )
    by_name = {
        r["name"]: (r["type"], tuple(r["labelsOrTypes"])) for r in constraints if r["properties"] == ["id"]
    }
    (index,) = indexes
    return by_name, index.data()


@ON_NEO4J
def test_constraints_and_the_cjk_name_index_are_created_once(empty_store: GraphStore) -> None:
    store = _neo4j(empty_store)
    constraints, index = _schema(store)
    kinds = {constraint_type for constraint_type, _ in constraints.values()}
    on_labels = {
        labels for constraint_type, labels in constraints.values() if constraint_type == "UNIQUENESS"
    }
    on_types = {types for constraint_type, types in constraints.values() if constraint_type != "UNIQUENESS"}
    assert kinds == {"UNIQUENESS", "RELATIONSHIP_UNIQUENESS"}
    assert on_labels >= {("Entity",), *((str(kind),) for kind in EntityKind)}
    assert on_types >= {(str(rel_type),) for rel_type in RelType}
    assert index["labelsOrTypes"] == ["Entity"]
    assert index["properties"] == ["name", "name_zh", "name_zh_hant", "aliases"]
    assert index["options"]["indexConfig"]["fulltext.analyzer"] == "cjk"  # type: ignore[index]

    store.ensure_schema()
    store.ensure_schema()
    assert _schema(store) == (constraints, index)


@ON_NEO4J
def test_search_finds_chinese_names_and_english_aliases(empty_store: GraphStore) -> None:
    store = _neo4j(empty_store)
    store.load(GRAPH)
    assert store.search("英伟达")[0] == NVIDIA  # Simplified name
    assert store.search("輝達")[0] == NVIDIA  # Traditional name
    assert store.search("team green")[0] == NVIDIA  # English alias, any case
    assert store.search("台積電")[0] == TSMC
    assert [e.id for e in store.search("字节跳动", limit=1)] == ["bytedance"]
    # Lucene syntax in the text is taken literally, not parsed (and cannot fail the query).
    assert store.search('NVIDIA (英伟达) AND "H20" -tsmc*')[0].id in {"nvidia", "nvidia-h20"}
    assert store.search("") == []
    assert store.search("no such company") == []


@ON_NEO4J
def test_loading_twice_round_trips_every_field(empty_store: GraphStore) -> None:
    empty_store.load(GRAPH)
    first = empty_store.counts()
    empty_store.load(GRAPH)
    assert empty_store.counts() == first
    assert empty_store.snapshot() == GRAPH.canonical()
    assert first.nodes_by_label == {"Facility": 1, "Organization": 3, "Product": 1, "Source": 2}
    assert first.relations_by_source == {"901_a": 2, "902_b": 2}


@ON_NEO4J
def test_facts_are_readable_from_cypher(empty_store: GraphStore) -> None:
    """The layout Cypher users rely on: scalar properties and evidence as parallel lists."""
    store = _neo4j(empty_store)
    store.load(GRAPH)
    records, _, _ = store.driver.execute_query(
        "MATCH (:Entity:Organization {id: 'nvidia'})-[r:SUPPLIES]->(:Entity {id: 'bytedance'}) "
        "RETURN r{.*} AS r",
        database_=store.database,
    )
    (record,) = records
    assert record["r"] == {
        "id": GRAPH.relations[1].id,
        "type": "SUPPLIES",
        "confidence": 0.95,
        "date": "2023-07",
        "status": "planned",
        "note": "注: an order",
        "product": "nvidia-h20",
        "quantity_value": 16000.0,
        "quantity_unit": "块",
        "quantity_approximate": True,
        "quantity_text": "约1.6万块",
        "amount_value": 1.2e9,
        "amount_currency": "USD",
        "amount_approximate": False,
        "amount_text": "12亿美元",
        "evidence_source_ids": ["901_a", "902_b"],
        "evidence_quotes": ["引文 a-1", "引文 b-2"],
        "evidence_dates": ["2023-07-04", ""],
        "evidence_fact_ids": ["a-1", "b-2"],
        "evidence_confidences": [0.8, 0.95],
    }
    mentioned, _, _ = store.driver.execute_query(
        "MATCH (:Source {id: '902_b'})-[:MENTIONS]->(e:Entity) RETURN e.id AS id ORDER BY id",
        database_=store.database,
    )
    assert [r["id"] for r in mentioned] == ["bytedance", "nvidia", "nvidia-h20", "tsmc"]


@ON_NEO4J
def test_properties_added_by_analytics_do_not_break_reads(empty_store: GraphStore) -> None:
    store = _neo4j(empty_store)
    store.load(GRAPH)
    store.driver.execute_query("MATCH (n:Entity) SET n.pagerank = 0.5", database_=store.database)
    store.driver.execute_query("MATCH ()-[r:SUPPLIES]->() SET r.weight = 2", database_=store.database)
    assert store.snapshot() == GRAPH.canonical()


@ON_NEO4J
@pytest.mark.parametrize("replace", [False, True])
def test_a_bad_row_rolls_the_whole_load_back(empty_store: GraphStore, replace: bool) -> None:
    empty_store.load(GRAPH)
    before = (empty_store.counts(), empty_store.snapshot())
    newcomer = Entity(id="newco", kind=EntityKind.ORGANIZATION, name="NewCo")
    good = _relation("newco", RelType.PARTNERS_WITH, "nvidia", _evidence(SOURCES[0], "c-1", 0.5))
    dangling = _relation("newco", RelType.SUPPLIES, "nobody", _evidence(SOURCES[0], "c-2", 0.5))
    bad = Subgraph(entities=(*GRAPH.entities, newcomer), relations=(good, dangling), sources=SOURCES)
    with pytest.raises(EntityNotFound, match="nobody"):
        empty_store.load(bad, replace=replace)  # with replace, the wipe is undone too
    assert (empty_store.counts(), empty_store.snapshot()) == before


@ON_NEO4J
def test_replace_holds_exactly_the_new_graph(empty_store: GraphStore) -> None:
    empty_store.load(GRAPH)
    moved = TSMC.model_copy(update={"kind": EntityKind.FACILITY, "roles": ()})  # same id, new kind
    smaller = Subgraph(entities=(moved, H20), relations=GRAPH.relations[:1], sources=SOURCES[1:])
    empty_store.load(smaller, replace=True)
    assert empty_store.snapshot() == smaller.canonical()
    assert empty_store.counts().nodes_by_label == {"Facility": 1, "Product": 1, "Source": 1}
    assert empty_store.counts().relations_by_type == {"MANUFACTURES": 1, "MENTIONS": 2}


@ON_NEO4J
def test_a_merging_load_relabels_an_entity_whose_kind_changed(empty_store: GraphStore) -> None:
    empty_store.load(GRAPH)
    moved = CAMPUS.model_copy(update={"kind": EntityKind.PLACE, "facility_kind": None})
    empty_store.load(Subgraph(entities=(moved,)))
    assert empty_store.entity("ulanqab-dc") == moved
    assert empty_store.counts().nodes_by_label == {"Organization": 3, "Place": 1, "Product": 1, "Source": 2}


def test_an_unreachable_server_says_how_to_fix_it() -> None:
    settings = Settings(NEO4J_URI="bolt://127.0.0.1:1")  # type: ignore[call-arg]
    with pytest.raises(StoreUnavailable, match=r"bolt://127\.0\.0\.1:1.*computekg neo4j start.*NEO4J_URI"):
        Neo4jStore.from_settings(settings)
