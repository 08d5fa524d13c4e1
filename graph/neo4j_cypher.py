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

import re

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
    "expand_groups",
    "group_sizes",
    "best_path",
    "facts_on_hops",
    "oriented_steps",
    "oriented_facts_between",
    "oriented_neighbours",
    "BULK_LOAD_LABEL",
    "START_BULK_LOAD",
    "FINISH_BULK_LOAD",
    "UNFINISHED_BULK_LOADS",
    "create_stamped_entities",
    "CREATE_STAMPED_SOURCES",
    "create_stamped_relations",
    "create_stamped_relations_from_columns",
    "MERGE_STAMPED_MENTIONS",
    "MERGE_STAMPED_MENTIONS_FROM_COLUMNS",
    "STORED_ENTITY_IDS",
    "STORED_SOURCE_IDS",
    "DISCARD_LOAD_RELATIONSHIPS",
    "DISCARD_LOAD_NODES",
    "DISCARD_LOAD_MARKER",
    "BULK_LOAD_METADATA_KEY",
    "BULK_LOAD_TRANSACTIONS",
    "TERMINATE_TRANSACTIONS",
    "DELETE_EVERYTHING_IN_BATCHES",
]

# Every entity node carries this label beside its kind label, so one constraint, one full-text index
# and one `MATCH (n:Entity)` cover all kinds.
ENTITY_LABEL = "Entity"
NAME_INDEX = "entity_names"
NAME_INDEX_PROPERTIES = ("name", "name_zh", "name_zh_hant", "aliases")
_PROPERTY_NAME = re.compile(r"[a-z][a-z0-9_]*")

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


def group_sizes(direction: Direction, types: frozenset[RelType]) -> tuple[str, tuple[RelType, ...]]:
    """How many facts of each type each entity of $frontier has in `direction`, and the types' order.

    Each count is a `COUNT { }` of a typed pattern with nothing to check at the far end, which Neo4j
    answers from the node's degree (kept per type for dense nodes) without reading a relationship.
    """
    left, right = _ARROWS[direction]
    ordered = tuple(sorted(_checked_types(types), key=str))
    counts = ", ".join(f"COUNT {{ (e){left}[:{t}]{right}() }}" for t in ordered)
    # One row holding every entity's counts: the driver's per-record overhead dominates small rows.
    return (f"UNWIND $frontier AS id MATCH (e:{ENTITY_LABEL} {{id: id}}) "
            f"RETURN collect([id, [{counts}]]) AS sizes"), ordered


def expand_groups(direction: Direction, types: frozenset[RelType]) -> str:
    """Every fact of the chosen groups: for each type T of `types`, those of type T at the entities in $T.

    The type is written into each pattern (it comes from the `RelType` enum) so that a dense node
    expands only that type's relationships; the entity ids of each type are the parameter named after it.
    """
    left, right = _ARROWS[direction]
    return " UNION ALL ".join(  # one row per type, holding its facts (a fact between two chosen entities once)
        f"UNWIND ${t} AS id MATCH (:{ENTITY_LABEL} {{id: id}}){left}[r:{t}]{right}() WITH DISTINCT r "
        "RETURN collect({properties: r{.*}, subject: startNode(r).id, object: endNode(r).id}) AS facts"
        for t in sorted(_checked_types(types), key=str)
    )


# --- bulk loads -------------------------------------------------------------------------------------
# A bulk load writes in many transactions, so it cannot be rolled back as one. Instead every node and
# relationship it creates carries `load_id`, and a `:BulkLoad` marker node records the load while it runs
# ('running') and after it finished ('complete'); a failed load is undone by deleting what carries its id.
# The marker has neither the `:Entity` nor the `:Source` label, so no store read or count sees it.

BULK_LOAD_LABEL = "BulkLoad"
START_BULK_LOAD = f"CREATE (:{BULK_LOAD_LABEL} {{id: $load_id, status: 'running', started: datetime()}})"
FINISH_BULK_LOAD = (
    f"MATCH (b:{BULK_LOAD_LABEL} {{id: $load_id}}) "
    "SET b.status = 'complete', b.finished = datetime(), b.entities = $entities, b.relations = $relations, "
    "b.sources = $sources"
)
UNFINISHED_BULK_LOADS = (
    f"MATCH (b:{BULK_LOAD_LABEL}) WHERE b.status = 'running' RETURN b.id AS load_id ORDER BY b.started"
)


def create_stamped_entities(kind: EntityKind) -> str:
    """Create new entities of one kind; an id already stored violates the uniqueness constraint."""
    return f"UNWIND $rows AS row CREATE (n:{ENTITY_LABEL}:{kind}) SET n = row.properties, n.load_id = $load_id"


CREATE_STAMPED_SOURCES = (
    f"UNWIND $rows AS row CREATE (s:{EntityKind.SOURCE}) SET s = row.properties, s.load_id = $load_id"
)


def create_stamped_relations(rel_type: RelType, properties: tuple[str, ...]) -> str:
    """Create new facts of one type from rows `[subject, object, *values of properties]`, and count them.

    The count lets the caller notice a row whose ends are missing. A null value sets nothing, as an absent
    key of `relation_properties` would. `properties` are the store's own field names, checked to be plain
    identifiers because they are embedded.
    """
    for name in properties:
        if not _PROPERTY_NAME.fullmatch(name):
            raise ValueError(f"not a property name: {name!r}")
    values = ", ".join(f"{name}: row[{index}]" for index, name in enumerate(properties, start=2))
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{ENTITY_LABEL} {{id: row[0]}}) "
        f"MATCH (b:{ENTITY_LABEL} {{id: row[1]}}) "
        f"CREATE (a)-[r:{rel_type}]->(b) "
        f"SET r = {{{values}}}, r.load_id = $load_id "
        "RETURN count(r) AS created"
    )


def create_stamped_relations_from_columns(rel_type: RelType, properties: tuple[tuple[str, str], ...]) -> str:
    """Create new facts of one type from joined columns, and count them (see `Neo4jStore.bulk_load`).

    `$columns` holds one string per column, values joined with `$field`: the subjects, the objects, then one
    per `(name, kind)` of `properties`. A value equal to `$null` is absent (a whole list too); list values are
    joined with `$item`; kinds 'float' and 'bool' are parsed (`toFloat`/`toBoolean` give null for `$null`).
    Names are the store's own field names, checked to be plain identifiers because they are embedded.
    """
    parsed = {
        "str": "CASE WHEN c[{k}][i] <> $null THEN c[{k}][i] END",
        "float": "toFloat(c[{k}][i])",
        "bool": "toBoolean(c[{k}][i])",
        "str_list": "CASE WHEN c[{k}][i] <> $null THEN split(c[{k}][i], $item) END",
        "float_list": "CASE WHEN c[{k}][i] <> $null THEN [x IN split(c[{k}][i], $item) | toFloat(x)] END",
    }
    values = []
    for index, (name, kind) in enumerate(properties, start=2):
        if not _PROPERTY_NAME.fullmatch(name):
            raise ValueError(f"not a property name: {name!r}")
        values.append(f"r.{name} = {parsed[kind].format(k=index)}")
    return (
        "WITH [column IN $columns | split(column, $field)] AS c "
        "UNWIND range(0, size(c[0]) - 1) AS i "
        f"MATCH (a:{ENTITY_LABEL} {{id: c[0][i]}}) "
        f"MATCH (b:{ENTITY_LABEL} {{id: c[1][i]}}) "
        f"CREATE (a)-[r:{rel_type}]->(b) "
        f"SET {', '.join(values)}, r.load_id = $load_id "
        "RETURN count(r) AS created"
    )


# MERGE, not CREATE: two chunks of one load (or an earlier load) may both derive the same link.
MERGE_STAMPED_MENTIONS = (
    "UNWIND $rows AS row "
    f"MATCH (s:{EntityKind.SOURCE} {{id: row[0]}}) "
    f"MATCH (e:{ENTITY_LABEL} {{id: row[1]}}) "
    f"MERGE (s)-[m:{MENTIONS}]->(e) "
    "ON CREATE SET m.load_id = $load_id"
)
MERGE_STAMPED_MENTIONS_FROM_COLUMNS = (
    "WITH [column IN $columns | split(column, $field)] AS c "
    "UNWIND range(0, size(c[0]) - 1) AS i "
    f"MATCH (s:{EntityKind.SOURCE} {{id: c[0][i]}}) "
    f"MATCH (e:{ENTITY_LABEL} {{id: c[1][i]}}) "
    f"MERGE (s)-[m:{MENTIONS}]->(e) "
    "ON CREATE SET m.load_id = $load_id"
)
STORED_ENTITY_IDS = f"UNWIND $ids AS id MATCH (n:{ENTITY_LABEL} {{id: id}}) RETURN n.id AS id"
STORED_SOURCE_IDS = f"UNWIND $ids AS id MATCH (s:{EntityKind.SOURCE} {{id: id}}) RETURN s.id AS id"
# Undoing a load runs in batches of auto-commit transactions (`CALL ... IN TRANSACTIONS`), so that
# undoing a million relationships does not need a million-relationship transaction state.
DISCARD_LOAD_RELATIONSHIPS = (
    "MATCH ()-[r]->() WHERE r.load_id = $load_id CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"
)
DISCARD_LOAD_NODES = (
    "MATCH (n) WHERE n.load_id = $load_id CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
)
DISCARD_LOAD_MARKER = f"MATCH (b:{BULK_LOAD_LABEL} {{id: $load_id}}) DELETE b"
# A bulk load's transactions carry its id in their metadata, so that an interrupted load can end the one it
# left open on the server (which holds locks on what the load wrote) before deleting what it wrote.
BULK_LOAD_METADATA_KEY = "computekg_bulk_load"
BULK_LOAD_TRANSACTIONS = (
    "SHOW TRANSACTIONS YIELD transactionId, metaData "
    f"WHERE metaData.{BULK_LOAD_METADATA_KEY} = $load_id RETURN transactionId"
)
TERMINATE_TRANSACTIONS = "TERMINATE TRANSACTIONS $ids"
# Emptying a big store; unlike DELETE_EVERYTHING it is not one transaction, so it needs little memory.
DELETE_EVERYTHING_IN_BATCHES = (
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS",
)


def best_path(direction: Direction, types: frozenset[RelType], max_hops: int) -> str:
    """The first route from $source to $target in route order (fewest hops, then its first facts' ids compared in
    turn) of at most `max_hops` facts of `types`, through no entity in $avoided and not stepping first to an entity
    in $not_first, walked by its first facts; no row: none.

    `allShortestPaths` searches from both ends at once, so it stays fast where hubs make the number of
    paths explode, and it checks the `none(...)` predicates while it searches, so the paths it finds are
    the shortest of those allowed: a first step to an entity of $not_first is ruled out by its facts' ids.
    The path with the smallest fact ids walks the best route by its first facts. `graph.k_shortest` builds
    the k best routes from such calls.
    """
    left, right = _ARROWS[direction]
    pattern = _type_pattern(types)
    return (
        f"MATCH (a:{ENTITY_LABEL} {{id: $source}}), (b:{ENTITY_LABEL} {{id: $target}}) "
        f"OPTIONAL MATCH (a){left}[first:{pattern}]{right}(n:{ENTITY_LABEL}) WHERE n.id IN $not_first "
        "WITH a, b, collect(first.id) AS ruled_out "
        f"MATCH p = allShortestPaths((a){left}[rels:{pattern}*1..{_hop_count(max_hops)}]{right}(b)) "
        "WHERE none(n IN nodes(p) WHERE n.id IN $avoided) AND none(r IN rels WHERE r.id IN ruled_out) "
        "WITH rels, [r IN rels | r.id] AS fact_ids "
        "ORDER BY fact_ids "
        "LIMIT 1 "
        "RETURN [r IN rels | {properties: r{.*}, subject: startNode(r).id, object: endNode(r).id}] AS relations"
    )


def facts_on_hops(direction: Direction, types: frozenset[RelType]) -> str:
    """Every fact of `types` from the first to the second entity of each pair in $pairs, following `direction`."""
    left, right = _ARROWS[direction]
    return (
        "UNWIND $pairs AS pair "
        f"MATCH (x:{ENTITY_LABEL} {{id: pair[0]}}){left}[r:{_type_pattern(types)}]{right}"
        f"(y:{ENTITY_LABEL} {{id: pair[1]}}) "
        "RETURN pair[0] AS here, pair[1] AS there, r{.*} AS properties, startNode(r).id AS subject, "
        "endNode(r).id AS object"
    )


# --- oriented flow (supply) ----------------------------------------------------------------------------
# A fact of a `forward` type gives from its subject to its object, one of a `backward` type from its object
# to its subject; only facts whose status is allowed count ($statuses, and no status when $no_status), and
# only facts some article or dataset states: one with catalog evidence alone (a parent) records ownership,
# not supply (`computekg.queries.supply.carries_supply`).

_ORIENTED_STATUS = (
    "(($no_status AND r.status IS NULL) OR r.status IN $statuses) "
    "AND (r.evidence_kinds IS NULL OR any(kind IN r.evidence_kinds WHERE kind <> 'catalog'))"
)


def _oriented_union(forward: frozenset[RelType], backward: frozenset[RelType], *, upstream: bool,
                    returned: str) -> str:
    """`CALL (n) { ... }` over the allowed facts by which entity `n` receives (`upstream`) or gives, binding `r`
    and the entity `o` at the fact's other end; each branch returns `returned`."""
    parts = []
    for types, gives_forward in ((forward, True), (backward, False)):
        if types:
            # `n` stands at the subject end when it gives along a forward fact or receives along a backward one.
            arrow = "-[r:{t}]->(o)" if gives_forward != upstream else "<-[r:{t}]-(o)"
            parts.append(f"MATCH (n){arrow.format(t=_type_pattern(types))} WHERE {_ORIENTED_STATUS} RETURN {returned}")
    if not parts:
        raise ValueError("an oriented step needs at least one relationship type")
    return f"CALL (n) {{ {' UNION '.join(parts)} }} "


def oriented_steps(forward: frozenset[RelType], backward: frozenset[RelType], *, upstream: bool) -> str:
    """Every allowed fact whose receiver (`upstream`) or giver is an entity of $ids, with its giver and receiver."""
    here, there = ("receiver", "giver") if upstream else ("giver", "receiver")
    return (
        f"UNWIND $ids AS id MATCH (n:{ENTITY_LABEL} {{id: id}}) "
        + _oriented_union(forward, backward, upstream=upstream, returned="r, o")
        + f"RETURN n.id AS {here}, o.id AS {there}, r{{.*}} AS properties, "
        "startNode(r).id AS subject, endNode(r).id AS object"
    )


def oriented_facts_between(forward: frozenset[RelType], backward: frozenset[RelType]) -> str:
    """Every allowed fact by which the giver of each $pairs item ([giver id, receiver id]) gives to its receiver."""
    parts = []
    if forward:
        parts.append(f"MATCH (g)-[r:{_type_pattern(forward)}]->(c) WHERE {_ORIENTED_STATUS} RETURN r")
    if backward:
        parts.append(f"MATCH (g)<-[r:{_type_pattern(backward)}]-(c) WHERE {_ORIENTED_STATUS} RETURN r")
    if not parts:
        raise ValueError("oriented_facts_between needs at least one relationship type")
    return (
        f"UNWIND $pairs AS pair MATCH (g:{ENTITY_LABEL} {{id: pair[0]}}), (c:{ENTITY_LABEL} {{id: pair[1]}}) "
        f"CALL (g, c) {{ {' UNION '.join(parts)} }} "
        "RETURN g.id AS giver, c.id AS receiver, r{.*} AS properties, startNode(r).id AS subject, "
        "endNode(r).id AS object"
    )


def oriented_neighbours(forward: frozenset[RelType], backward: frozenset[RelType], *, upstream: bool,
                        pairs: bool = True) -> str:
    """Pairs (`here`: an entity of $ids, `there`: one it receives from (`upstream`) or gives to) along allowed
    facts, ids only: the steps of a breadth-first search that needs no fact properties. Without `pairs`,
    only the distinct `there` ids: a search layer that needs no adjacency transfers far fewer rows."""
    return (
        f"UNWIND $ids AS id MATCH (n:{ENTITY_LABEL} {{id: id}}) "
        + _oriented_union(forward, backward, upstream=upstream, returned="o")
        + ("RETURN DISTINCT n.id AS here, o.id AS there" if pairs else "RETURN DISTINCT o.id AS there")
    )


def _checked_types(types: frozenset[RelType]) -> frozenset[RelType]:
    """Types written into query text: enum members only (types cannot be parameters in a pattern)."""
    if not types or not all(isinstance(t, RelType) for t in types):
        raise ValueError(f"need one or more RelType members, got {types!r}")
    return types


def _type_pattern(types: frozenset[RelType]) -> str:
    """`A|B|C` for a relationship pattern, from enum members only."""
    return "|".join(sorted(str(t) for t in _checked_types(types)))


def _hop_count(hops: int) -> int:
    """The one value embedded in query text, so it must be a genuine positive int (not a bool or str)."""
    if type(hops) is not int or hops < 1:
        raise ValueError(f"hops must be a positive int, got {hops!r}")
    return hops
