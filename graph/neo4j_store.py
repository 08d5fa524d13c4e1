"""The Neo4j store: the same `GraphStore` answers as `MemoryStore`, from a real Neo4j server.

Why it mirrors `MemoryStore` so closely: queries in `computekg.queries` must give the same answer
from either store, so loads merge in Python with `merge_subgraphs` exactly as the memory store does,
and orderings that the protocol fixes (neighbourhood, shortest paths, snapshot) are applied in Python
on the rows Cypher returns. All Cypher lives in `computekg.graph.neo4j_cypher`.

Storage layout, as a Cypher user sees it: entity nodes `:Entity:<Kind>` with the `Entity` fields as
properties (lists as lists, absent fields omitted); `:Source` nodes; one relationship per fact with its
scalar fields, `quantity_*` and `amount_*` properties and the evidence as parallel lists
(`evidence_source_ids`, `evidence_quotes`, `evidence_dates`, `evidence_fact_ids`,
`evidence_confidences`; a missing date is ""); and `(:Source)-[:MENTIONS]->(:Entity)` links.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any, Self, TypeVar

from neo4j import Driver, GraphDatabase, ManagedTransaction, Record, RoutingControl
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired
from pydantic import BaseModel

from computekg.graph import neo4j_cypher as cypher
from computekg.graph.errors import EntityNotFound, NoPath, StoreUnavailable
from computekg.graph.model import Entity, Evidence, GraphPath, Money, Quantity, Relation, Source, Subgraph
from computekg.graph.schema import MENTIONS, EntityKind, RelType
from computekg.graph.settings import Settings, get_settings
from computekg.graph.store import Direction, GraphCounts, LoadReport
from computekg.graph.subgraph_ops import check_endpoints, merge_subgraphs, source_mentions

__all__ = [
    "BATCH_SIZE",
    "Neo4jStore",
    "entity_properties",
    "relation_properties",
    "entity_from_properties",
    "source_from_properties",
    "relation_from_properties",
]

# Rows per `UNWIND $rows` statement: large enough to keep round trips few, small enough to keep
# each parameter map modest.
BATCH_SIZE = 1000

_FACT_TYPES = [str(rel_type) for rel_type in RelType]
_STORED_TYPES = [*_FACT_TYPES, MENTIONS]
_KIND_LABELS = [str(kind) for kind in EntityKind]
_INDEX_WAIT_S = 300
_START_HINT = "run `computekg neo4j start` or set NEO4J_URI"
# Evidence field -> the relationship property holding that field of every evidence item, in order.
_EVIDENCE_LISTS = {
    "source_id": "evidence_source_ids",
    "quote": "evidence_quotes",
    "date": "evidence_dates",
    "fact_id": "evidence_fact_ids",
    "confidence": "evidence_confidences",
}
# Neo4j lists cannot hold null, so an evidence item without a date stores this instead.
_NO_DATE = ""
# Nested value objects flattened into prefixed relationship properties (quantity_value, amount_currency, ...).
_NESTED: dict[str, type[BaseModel]] = {"quantity": Quantity, "amount": Money}

_T = TypeVar("_T")


class Neo4jStore:
    """A `GraphStore` in a Neo4j database (the local server, Docker, Desktop or Aura)."""

    def __init__(self, driver: Driver, database: str) -> None:
        self._driver = driver
        self._database = database
        self._schema_ready = False

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Neo4jStore:
        """Connect per `NEO4J_URI`/`NEO4J_USER`/`NEO4J_PASSWORD`/`NEO4J_DATABASE`; raises `StoreUnavailable`.

        An empty password means the server has authentication disabled (the local server does).
        """
        settings = settings or get_settings()
        password = settings.neo4j_password.get_secret_value()
        auth = (settings.neo4j_user, password) if password else None
        uri = settings.neo4j_uri
        try:
            driver = GraphDatabase.driver(uri, auth=auth)
        except (DriverError, ValueError) as error:
            raise StoreUnavailable(f"cannot use NEO4J_URI {uri!r}: {error}") from error
        try:
            driver.verify_connectivity()
        except (DriverError, Neo4jError) as error:
            driver.close()
            reason = " ".join(str(error).split())  # the driver's message spans lines
            raise StoreUnavailable(f"cannot reach Neo4j at {uri} ({reason}); {_START_HINT}") from error
        return cls(driver, settings.neo4j_database)

    @property
    def name(self) -> str:
        return "neo4j"

    @property
    def driver(self) -> Driver:
        """The underlying driver, for the Cypher console (`computekg.queries.cypher`)."""
        return self._driver

    @property
    def database(self) -> str:
        return self._database

    def ensure_schema(self) -> None:
        """Create the constraints and the full-text name index if missing, and wait until they are online.

        Runs by itself before the first read or write; calling it again is harmless.
        """
        with _reachable(self._driver):
            for statement in cypher.schema_statements():
                self._driver.execute_query(statement, database_=self._database)
            self._driver.execute_query(
                cypher.AWAIT_INDEXES, parameters_={"timeout_s": _INDEX_WAIT_S}, database_=self._database
            )
        self._schema_ready = True

    def load(self, graph: Subgraph, *, replace: bool = False) -> LoadReport:
        self._write(lambda tx: _load(tx, graph, replace=replace))
        return LoadReport(
            entities=len(graph.entities), relations=len(graph.relations), sources=len(graph.sources)
        )

    def counts(self) -> GraphCounts:
        return self._read(_counts)

    def entity(self, entity_id: str) -> Entity:
        return self._read(lambda tx: _entity(tx, entity_id))

    def snapshot(self) -> Subgraph:
        return self._read(_snapshot)

    def search(self, text: str, limit: int = 10) -> list[Entity]:
        """Entities whose names or aliases (Chinese or English) match `text`, best match first.

        `text` is taken literally: Lucene's operators and special characters are escaped.
        """
        query = _lucene_literal(text)
        if not query:
            return []
        records = self._run_read(cypher.SEARCH_NAMES, text=query, limit=limit)
        return [entity_from_properties(record["properties"]) for record in records]

    def neighbourhood(
        self,
        entity_id: str,
        *,
        hops: int = 1,
        direction: Direction = Direction.BOTH,
        types: frozenset[RelType] | None = None,
        limit: int = 500,
    ) -> Subgraph:
        def read(tx: ManagedTransaction) -> Subgraph:
            _entity(tx, entity_id)
            seen = {entity_id}
            reached: dict[str, tuple[int, Relation]] = {}
            frontier = [entity_id]
            for hop in range(1, hops + 1):
                if not frontier:
                    break
                rows = tx.run(cypher.expand_hop(direction), frontier=frontier, types=_type_list(types))
                next_frontier: list[str] = []
                for row in rows:
                    if row["properties"]["id"] not in reached:
                        reached[row["properties"]["id"]] = (hop, _relation_from_row(row))
                    if row["other"] not in seen:
                        seen.add(row["other"])
                        next_frontier.append(row["other"])
                frontier = next_frontier
            ordered = sorted(reached.values(), key=lambda item: (item[0], item[1].id))
            relations = [relation for _, relation in ordered[:limit]]
            kept = {entity_id} | {r.subject for r in relations} | {r.object for r in relations}
            return Subgraph(
                entities=tuple(_entities_by_id(tx, kept)),
                relations=tuple(relations),
                truncated=len(ordered) > limit,
            )

        return self._read(read)

    def shortest_paths(
        self,
        source_id: str,
        target_id: str,
        *,
        max_hops: int = 6,
        direction: Direction = Direction.BOTH,
        types: frozenset[RelType] | None = None,
        limit: int = 5,
    ) -> list[GraphPath]:
        def read(tx: ManagedTransaction) -> list[GraphPath]:
            _entity(tx, source_id)
            _entity(tx, target_id)
            wanted = max(limit, 1)  # even with limit 0, whether a path exists decides NoPath
            paths: list[GraphPath] = []
            for hops in range(1, max_hops + 1):
                rows = tx.run(
                    cypher.paths_of_length(direction, hops),
                    source=source_id,
                    target=target_id,
                    types=_type_list(types),
                    limit=wanted - len(paths),
                )
                paths += [_path_from_row(row) for row in rows]
                if len(paths) >= wanted:
                    break
            if not paths:
                raise NoPath(source_id, target_id, max_hops)
            return paths[:limit]

        return self._read(read)

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _read(self, work: Callable[[ManagedTransaction], _T]) -> _T:
        """Run `work` in one read transaction, so a multi-query answer sees one state of the graph."""
        self._prepare()
        with _reachable(self._driver), self._driver.session(database=self._database) as session:
            return session.execute_read(work)

    def _write(self, work: Callable[[ManagedTransaction], _T]) -> _T:
        self._prepare()
        with _reachable(self._driver), self._driver.session(database=self._database) as session:
            return session.execute_write(work)

    def _run_read(self, query: str, **parameters: Any) -> list[Record]:
        self._prepare()
        with _reachable(self._driver):
            records, _, _ = self._driver.execute_query(
                query, parameters_=parameters, database_=self._database, routing_=RoutingControl.READ
            )
        return records

    def _prepare(self) -> None:
        if not self._schema_ready:
            self.ensure_schema()


@contextlib.contextmanager
def _reachable(driver: Driver) -> Iterator[None]:
    """Turn a lost connection into `StoreUnavailable`, with the hint that fixes it."""
    try:
        yield
    except (ServiceUnavailable, SessionExpired) as error:
        raise StoreUnavailable(f"lost the connection to Neo4j ({error}); {_START_HINT}") from error


# --- transaction functions -------------------------------------------------------------------------


def _load(tx: ManagedTransaction, graph: Subgraph, *, replace: bool) -> None:
    """Merge `graph` into what is stored, like `MemoryStore.load`; any error rolls the whole load back."""
    if replace:
        tx.run(cypher.DELETE_EVERYTHING).consume()
        merged = merge_subgraphs(graph)
    else:
        merged = merge_subgraphs(_snapshot(tx), graph)
    check_endpoints(merged)
    mentions = source_mentions(merged)  # raises EntityNotFound for evidence citing an unknown source
    if not replace:
        tx.run(cypher.DELETE_RELATIONSHIPS, types=_STORED_TYPES).consume()
    # Only the loaded nodes change (in their merged version); facts and MENTIONS are rewritten whole.
    loaded_entities = graph.entity_ids()
    loaded_sources = {source.id for source in graph.sources}
    for kind in EntityKind:
        rows = [
            {"id": e.id, "properties": entity_properties(e)}
            for e in merged.entities
            if e.kind is kind and e.id in loaded_entities
        ]
        _write_batches(tx, cypher.merge_entities(kind), rows)
    source_rows = [
        {"id": s.id, "properties": s.model_dump(mode="json", exclude_none=True)}
        for s in merged.sources
        if s.id in loaded_sources
    ]
    _write_batches(tx, cypher.MERGE_SOURCES, source_rows)
    for rel_type in RelType:
        rows = [
            {"subject": r.subject, "object": r.object, "properties": relation_properties(r)}
            for r in merged.relations
            if r.type is rel_type
        ]
        _write_batches(tx, cypher.create_relations(rel_type), rows)
    mention_rows = [{"source_id": source_id, "entity_id": entity_id} for source_id, entity_id in mentions]
    _write_batches(tx, cypher.CREATE_MENTIONS, mention_rows)


def _write_batches(tx: ManagedTransaction, query: str, rows: Sequence[Mapping[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH_SIZE):
        tx.run(query, rows=rows[start : start + BATCH_SIZE]).consume()


def _snapshot(tx: ManagedTransaction) -> Subgraph:
    entities = [entity_from_properties(r["properties"]) for r in tx.run(cypher.READ_ENTITIES)]
    sources = [source_from_properties(r["properties"]) for r in tx.run(cypher.READ_SOURCES)]
    relations = [_relation_from_row(r) for r in tx.run(cypher.READ_RELATIONS, types=_FACT_TYPES)]
    # Sorted in Python, not by ORDER BY: Python's string order is the one MemoryStore uses.
    return Subgraph(
        entities=tuple(sorted(entities, key=lambda e: e.id)),
        relations=tuple(sorted(relations, key=lambda r: r.id)),
        sources=tuple(sorted(sources, key=lambda s: s.id)),
    )


def _counts(tx: ManagedTransaction) -> GraphCounts:
    labels = {r["label"]: r["count"] for r in tx.run(cypher.COUNT_NODES_BY_LABEL, labels=_KIND_LABELS)}
    types = {r["type"]: r["count"] for r in tx.run(cypher.COUNT_RELATIONS_BY_TYPE, types=_STORED_TYPES)}
    by_source = {
        r["source_id"]: r["count"] for r in tx.run(cypher.COUNT_RELATIONS_BY_SOURCE, types=_FACT_TYPES)
    }
    return GraphCounts(
        nodes_by_label=dict(sorted(labels.items())),
        relations_by_type=dict(sorted(types.items())),
        relations_by_source=dict(sorted(by_source.items())),
    )


def _entity(tx: ManagedTransaction, entity_id: str) -> Entity:
    record = tx.run(cypher.READ_ENTITY, id=entity_id).single()
    if record is None:
        raise EntityNotFound(entity_id)
    return entity_from_properties(record["properties"])


def _entities_by_id(tx: ManagedTransaction, ids: set[str]) -> list[Entity]:
    rows = tx.run(cypher.READ_ENTITIES_BY_ID, ids=sorted(ids))
    return sorted((entity_from_properties(r["properties"]) for r in rows), key=lambda e: e.id)


def _type_list(types: frozenset[RelType] | None) -> list[str]:
    """The `$types` parameter: the chosen fact types, or all of them (never MENTIONS)."""
    return _FACT_TYPES if types is None else sorted(str(t) for t in types)


def _relation_from_row(row: Mapping[str, Any]) -> Relation:
    return relation_from_properties(row["properties"], subject=row["subject"], object_=row["object"])


def _path_from_row(row: Mapping[str, Any]) -> GraphPath:
    return GraphPath(
        entities=tuple(entity_from_properties(p) for p in row["entities"]),
        relations=tuple(_relation_from_row(r) for r in row["relations"]),
    )


# Lucene's classic query syntax: these characters must be backslash-escaped to be taken literally.
_LUCENE_SPECIAL = frozenset('+-&|!(){}[]^"~*?:\\/')


def _lucene_literal(text: str) -> str:
    """`text` as a literal full-text query: special characters escaped, and lower-cased.

    Lower-casing keeps the words AND, OR and NOT from being read as operators; the index lower-cases
    what it stores anyway.
    """
    return "".join(f"\\{ch}" if ch in _LUCENE_SPECIAL else ch for ch in text.strip().lower())


# --- model <-> properties --------------------------------------------------------------------------


def entity_properties(entity: Entity) -> dict[str, Any]:
    """Node properties of an entity: its fields, lists as lists, absent fields omitted."""
    return entity.model_dump(mode="json", exclude_none=True)


def relation_properties(relation: Relation) -> dict[str, Any]:
    """Relationship properties of a fact: scalars, flattened quantity/amount, evidence as parallel lists.

    Subject and object are the relationship's ends, not properties.
    """
    fields = relation.model_dump(
        mode="json", exclude_none=True, exclude={"subject", "object", "evidence", *_NESTED}
    )
    for prefix in _NESTED:
        nested = getattr(relation, prefix)
        if nested is not None:
            fields |= {
                f"{prefix}_{k}": v for k, v in nested.model_dump(mode="json", exclude_none=True).items()
            }
    dumped = [evidence.model_dump(mode="json") for evidence in relation.evidence]
    for field, list_name in _EVIDENCE_LISTS.items():
        fields[list_name] = [_NO_DATE if item[field] is None else item[field] for item in dumped]
    return fields


def entity_from_properties(properties: Mapping[str, Any]) -> Entity:
    """The `Entity` a node's properties describe; properties computekg did not write are ignored."""
    return Entity.model_validate(_known(properties, Entity))


def source_from_properties(properties: Mapping[str, Any]) -> Source:
    return Source.model_validate(_known(properties, Source))


def relation_from_properties(properties: Mapping[str, Any], *, subject: str, object_: str) -> Relation:
    """The `Relation` a fact relationship stores (the inverse of `relation_properties`)."""
    fields: dict[str, Any] = {**_known(properties, Relation), "subject": subject, "object": object_}
    for prefix, model in _NESTED.items():
        nested = {name: properties.get(f"{prefix}_{name}") for name in model.model_fields}
        if nested["value"] is not None:
            fields[prefix] = {k: v for k, v in nested.items() if v is not None}
    columns = [properties.get(list_name) or [] for list_name in _EVIDENCE_LISTS.values()]
    fields["evidence"] = [
        Evidence.model_validate(
            {
                field: None if field == "date" and value == _NO_DATE else value
                for field, value in zip(_EVIDENCE_LISTS, item, strict=True)
            }
        )
        for item in zip(*columns, strict=True)
    ]
    return Relation.model_validate(fields)


def _known(properties: Mapping[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """Only the model's own fields: analytics (e.g. GDS write-back) may add properties of their own."""
    return {name: value for name, value in properties.items() if name in model.model_fields}
