"""Every Cypher statement `Neo4jStore` runs, as constants and builders.

Why one module: the store's storage layout (labels, properties, indexes) is readable in one place,
and a reviewer can check at a glance that no statement is built from data. Labels and relationship
types appear only through the `EntityKind`, `RelType` and `Direction` members the builders take
(a relationship type cannot be a parameter in MERGE or CREATE); every value is a parameter, and the
only other thing ever embedded is a hop count that `_hop_count` has checked to be a plain int.

Layout: an entity is a node labelled `:Entity` plus its kind label (`:Entity:Organization`) with the
`Entity` fields as properties; a source article is a `:Source` node; a fact is a relationship of its
`RelType` from subject to object; `(:Source)-[:MENTIONS]->(:Entity)` links are derived from evidence.
"""

from __future__ import annotations

from computekg.graph.schema import MENTIONS, EntityKind, RelType
from computekg.graph.store import Direction

__all__ = [
    "ENTITY_LABEL",
    "NAME_INDEX",
    "NAME_INDEX_PROPERTIES",
    "schema_statements",
    "AWAIT_INDEXES",
    "DELETE_EVERYTHING",
    "DELETE_RELATIONSHIPS",
    "merge_entities",
    "MERGE_SOURCES",
    "create_relations",
    "CREATE_MENTIONS",
    "READ_ENTITY",
    "READ_ENTITIES",
    "READ_ENTITIES_BY_ID",
    "READ_SOURCES",
    "READ_RELATIONS",
    "READ_NODES_BY_ELEMENT_ID",
    "COUNT_NODES_BY_LABEL",
    "COUNT_RELATIONS_BY_TYPE",
    "COUNT_RELATIONS_BY_SOURCE",
    "SEARCH_NAMES",
    "expand_hop",
    "paths_of_length",
]

# Every entity node carries this label beside its kind label, so one constraint, one full-text index
# and one `MATCH (n:Entity)` cover all kinds.
ENTITY_LABEL = "Entity"
NAME_INDEX = "entity_names"
NAME_INDEX_PROPERTIES = ("name", "name_zh", "name_zh_hant", "aliases")

# The arrows of a one-step pattern for each direction, seen from the entity the step starts at.
_ARROWS: dict[Direction, tuple[str, str]] = {
    Direction.DOWNSTREAM: ("-", "->"),
    Direction.UPSTREAM: ("<-", "-"),
    Direction.BOTH: ("-", "-"),
}


def schema_statements() -> tuple[str, ...]:
    """Constraints and indexes, each idempotent (`IF NOT EXISTS`) and each its own schema transaction.

    Uniqueness on `id` for `:Entity` and for every kind label (so a Cypher user matching
    `(:Organization {id: ...})` gets an index too, and `:Source` ids are unique); uniqueness of the
    relationship `id` per fact type (available in Community since 5.7); and a full-text index over every
    name with the `cjk` analyzer, which splits Chinese into bigrams and English into lower-cased words.
    """
    node_labels = [ENTITY_LABEL, *(str(kind) for kind in EntityKind)]
    constraints = [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in node_labels
    ]
    constraints += [
        f"CREATE CONSTRAINT rel_{rel_type.lower()}_id IF NOT EXISTS "
        f"FOR ()-[r:{rel_type}]-() REQUIRE r.id IS UNIQUE"
        for rel_type in RelType
    ]
    names = ", ".join(f"n.{prop}" for prop in NAME_INDEX_PROPERTIES)
    full_text = (
        f"CREATE FULLTEXT INDEX {NAME_INDEX} IF NOT EXISTS FOR (n:{ENTITY_LABEL}) ON EACH [{names}] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
    )
    return (*constraints, full_text)


AWAIT_INDEXES = "CALL db.awaitIndexes($timeout_s)"

# `replace`: the store afterwards holds exactly the loaded graph, so nothing else may survive.
DELETE_EVERYTHING = "MATCH (n) DETACH DELETE n"

# A merging load rewrites every fact and MENTIONS link from the merged graph ($types); nodes are
# updated in place so their element ids (and anything a user attached to them) survive.
DELETE_RELATIONSHIPS = "MATCH ()-[r]->() WHERE type(r) IN $types DELETE r"


def merge_entities(kind: EntityKind) -> str:
    """Upsert entities of one kind; `SET n = ...` drops properties the new version no longer has.

    The other kind labels are removed because an entity reloaded under a new kind must not keep the old one.
    """
    others = ":".join(str(other) for other in EntityKind if other is not kind)
    return (
        "UNWIND $rows AS row "
        f"MERGE (n:{ENTITY_LABEL} {{id: row.id}}) "
        f"SET n = row.properties, n:{kind} "
        f"REMOVE n:{others}"
    )


MERGE_SOURCES = f"UNWIND $rows AS row MERGE (s:{EntityKind.SOURCE} {{id: row.id}}) SET s = row.properties"


def create_relations(rel_type: RelType) -> str:
    """Create facts of one type; the caller has checked both ends exist, so no row is silently dropped."""
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{ENTITY_LABEL} {{id: row.subject}}) "
        f"MATCH (b:{ENTITY_LABEL} {{id: row.object}}) "
        f"CREATE (a)-[r:{rel_type}]->(b) "
        "SET r = row.properties"
    )


CREATE_MENTIONS = (
    "UNWIND $rows AS row "
    f"MATCH (s:{EntityKind.SOURCE} {{id: row.source_id}}) "
    f"MATCH (e:{ENTITY_LABEL} {{id: row.entity_id}}) "
    f"CREATE (s)-[:{MENTIONS}]->(e)"
)

# Reads return plain property maps (`n{.*}`), which the store turns back into pydantic models.
READ_ENTITY = f"MATCH (n:{ENTITY_LABEL} {{id: $id}}) RETURN n{{.*}} AS properties"
READ_ENTITIES = f"MATCH (n:{ENTITY_LABEL}) RETURN n{{.*}} AS properties"
READ_ENTITIES_BY_ID = f"UNWIND $ids AS id MATCH (n:{ENTITY_LABEL} {{id: id}}) RETURN n{{.*}} AS properties"
READ_SOURCES = f"MATCH (s:{EntityKind.SOURCE}) RETURN s{{.*}} AS properties"
READ_RELATIONS = (
    f"MATCH (a:{ENTITY_LABEL})-[r]->(b:{ENTITY_LABEL}) WHERE type(r) IN $types "
    "RETURN r{.*} AS properties, a.id AS subject, b.id AS object"
)
# The Cypher console's results name relationship ends by element id only; this fetches those nodes.
READ_NODES_BY_ELEMENT_ID = (
    "MATCH (n) WHERE elementId(n) IN $element_ids "
    "RETURN elementId(n) AS element_id, labels(n) AS labels, n{.*} AS properties"
)

# Counted by kind label ($labels: the EntityKind values), so the extra `:Entity` label is not counted.
COUNT_NODES_BY_LABEL = (
    "MATCH (n) UNWIND labels(n) AS label WITH label WHERE label IN $labels RETURN label, count(*) AS count"
)
COUNT_RELATIONS_BY_TYPE = "MATCH ()-[r]->() WHERE type(r) IN $types RETURN type(r) AS type, count(*) AS count"
# A fact counts once for each distinct source among its evidence.
COUNT_RELATIONS_BY_SOURCE = (
    "MATCH ()-[r]->() WHERE type(r) IN $types "
    "UNWIND r.evidence_source_ids AS source_id WITH DISTINCT r, source_id "
    "RETURN source_id, count(*) AS count"
)

SEARCH_NAMES = (
    f"CALL db.index.fulltext.queryNodes('{NAME_INDEX}', $text, {{limit: $limit}}) YIELD node, score "
    "RETURN node{.*} AS properties ORDER BY score DESC"
)


def expand_hop(direction: Direction) -> str:
    """One hop of a neighbourhood: the facts of types $types at each entity of $frontier, in `direction`.

    Each row is one (fact, far end) step, like `MemoryStore._steps`; a fact between two frontier
    entities comes back once from each end when the direction is BOTH.
    """
    left, right = _ARROWS[direction]
    return (
        "UNWIND $frontier AS id "
        f"MATCH (a:{ENTITY_LABEL} {{id: id}}){left}[r]{right}(b:{ENTITY_LABEL}) "
        "WHERE type(r) IN $types "
        "RETURN r{.*} AS properties, startNode(r).id AS subject, endNode(r).id AS object, b.id AS other"
    )


def paths_of_length(direction: Direction, hops: int) -> str:
    """Simple paths of exactly `hops` facts from $source to $target, the first $limit by their fact ids.

    One length per query lets the store look for longer paths only while it still needs more: the
    number of paths grows steeply with length. Variable-length matches never repeat a relationship;
    the `single(...)` predicate also forbids repeating an entity, as `MemoryStore` does.
    """
    left, right = _ARROWS[direction]
    length = _hop_count(hops)
    return (
        f"MATCH p = (a:{ENTITY_LABEL} {{id: $source}}){left}[rels*{length}..{length}]{right}"
        f"(b:{ENTITY_LABEL} {{id: $target}}) "
        "WHERE all(r IN rels WHERE type(r) IN $types) "
        "AND all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n)) "
        "WITH p, rels, [r IN rels | r.id] AS fact_ids "
        "ORDER BY fact_ids "
        "LIMIT $limit "
        "RETURN [n IN nodes(p) | n{.*}] AS entities, "
        "[r IN rels | {properties: r{.*}, subject: startNode(r).id, object: endNode(r).id}] AS relations"
    )


def _hop_count(hops: int) -> int:
    """The one value embedded in query text, so it must be a genuine positive int (not a bool or str)."""
    if type(hops) is not int or hops < 1:
        raise ValueError(f"hops must be a positive int, got {hops!r}")
    return hops
