"""The Neo4j store: the same `GraphStore` answers as `MemoryStore`, from a real Neo4j server.

Why it mirrors `MemoryStore` so closely: queries in `computekg.queries` must give the same answer
from either store, so loads merge in Python with `merge_subgraphs` exactly as the memory store does,
and orderings that the protocol fixes (neighbourhood, shortest paths, snapshot) are the memory store's.
Where a graph is too big to read whole, the work moves into Cypher under the same order: neighbourhood
caps are applied in the query, hop by hop, so a hub is never fetched whole; `bulk_load` writes large
graphs in many transactions; supply questions follow oriented facts (`oriented_*`) instead of reading a
snapshot. All Cypher lives in `computekg.graph.neo4j_cypher`.

Storage layout, as a Cypher user sees it: entity nodes `:Entity:<Kind>` with the `Entity` fields as
properties (lists as lists, absent fields omitted); `:Source` nodes; one relationship per fact with its
scalar fields, `quantity_*` and `amount_*` properties and the evidence: article sentences as parallel lists
(`evidence_source_ids`, `evidence_quotes`, `evidence_dates`, `evidence_fact_ids`,
`evidence_confidences`; a missing date is ""), catalog and dataset records as JSON texts in
`evidence_records`, and `evidence_kinds` giving the kind of every item in order (a fact stored without it
has article evidence only); and `(:Source)-[:MENTIONS]->(:Entity)` links. Nodes and
relationships written by `bulk_load` also carry its `load_id`, and one `:BulkLoad` node per bulk load
records it (neither is read back by the store).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import queue
import signal
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self, TypeVar, get_args

from neo4j import Driver, GraphDatabase, ManagedTransaction, Record, RoutingControl, Session, unit_of_work
from neo4j.exceptions import ConstraintError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired
from pydantic import BaseModel

from computekg.graph import neo4j_cypher as cypher
from computekg.graph.errors import EntityNotFound, NoPath, StoreUnavailable
from computekg.graph.k_shortest import Path, k_shortest_paths, path_entity_ids
from computekg.graph.model import (
    Entity,
    Evidence,
    GraphPath,
    Money,
    Quantity,
    Relation,
    Source,
    Subgraph,
    article_evidence,
)
from computekg.graph.neighbourhood_cap import FactGroup, capped_traversal
from computekg.graph.schema import MENTIONS, EntityKind, FactStatus, RelType
from computekg.graph.settings import Settings, get_settings
from computekg.graph.store import Direction, GraphCounts, LoadReport
from computekg.graph.subgraph_ops import check_endpoints, merge_subgraphs, source_mentions

__all__ = [
    "BATCH_SIZE",
    "BULK_BATCH_SIZE",
    "BulkLoadError",
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
# Rows per transaction of a bulk load. Measured by `python -m bench --batch-sweep` on 2 cores at 100k
# facts: 5k rows is fastest (1k is 14% slower, 20k 6% slower, holding more transaction state).
BULK_BATCH_SIZE = 5000

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
# The kind of each evidence item in order, and the JSON of each item that is not an article sentence:
# catalog and dataset records have fields of their own, which no Cypher query filters on one by one.
_EVIDENCE_KINDS = "evidence_kinds"
_EVIDENCE_RECORDS = "evidence_records"
_ARTICLE = "article"
# Nested value objects flattened into prefixed relationship properties (quantity_value, amount_currency, ...).
_NESTED: dict[str, type[BaseModel]] = {"quantity": Quantity, "amount": Money}
# Every property `relation_properties` may write, in a fixed order: a bulk load sends each fact as a list
# in this order rather than as a map, which halves what the driver packs (the keys) per fact.
_RELATION_PROPERTIES: tuple[str, ...] = (
    *(name for name in Relation.model_fields if name not in {"subject", "object", "evidence", *_NESTED}),
    *(f"{prefix}_{name}" for prefix, model in _NESTED.items() for name in model.model_fields),
    *_EVIDENCE_LISTS.values(),
    _EVIDENCE_KINDS,
    _EVIDENCE_RECORDS,
)


def _value_kind(annotation: Any) -> str:
    """How a bulk load encodes a field of this type: 'float', 'bool' or 'str' (enums and ids are strings)."""
    kinds = {annotation, *get_args(annotation)}
    return "bool" if bool in kinds else "float" if float in kinds else "str"


def _property_kinds() -> dict[str, str]:
    kinds = {name: _value_kind(field.annotation) for name, field in Relation.model_fields.items()}
    for prefix, model in _NESTED.items():
        kinds |= {f"{prefix}_{name}": _value_kind(field.annotation) for name, field in model.model_fields.items()}
    for field, list_name in _EVIDENCE_LISTS.items():
        kinds[list_name] = _value_kind(Evidence.model_fields[field].annotation) + "_list"
    return kinds | {_EVIDENCE_KINDS: "str_list", _EVIDENCE_RECORDS: "str_list"}


def _relation_columns() -> tuple[tuple[str, str], ...]:
    kinds = _property_kinds()
    return ("subject", "str"), ("object", "str"), *((name, kinds[name]) for name in _RELATION_PROPERTIES)


# (name, kind) of every value of a fact row in a bulk load: its two ends, then its properties.
_RELATION_COLUMNS = _relation_columns()
# Separators of a bulk load's joined columns (see `_joined_columns`): ASCII control characters that the model
# refuses (`graph.characters`); a value that holds one anyway (built without validation) is sent the slow,
# exact way.
_FIELD = "\x1f"  # unit separator: between the values of a column
_ITEM = "\x1e"  # record separator: between the items of a list value
_NULL = "\x1d"  # group separator: a value that is absent

_T = TypeVar("_T")
_In = TypeVar("_In")
# Rows per statement inside one bulk-load transaction; the statements of a transaction are pipelined.
_STATEMENT_ROWS = 1000
# Entities per query of a breadth-first search layer.
_LAYER_ROWS = 5000


class BulkLoadError(RuntimeError):
    """A bulk load was refused or failed (and was undone); the message says why."""


class Neo4jStore:
    """A `GraphStore` in a Neo4j database (the local server, Docker, Desktop or Aura)."""

    def __init__(self, driver: Driver, database: str) -> None:
        self._driver = driver
        self._database = database
        self._schema_ready = False

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Neo4jStore:
        """Connect per `NEO4J_URI`/`NEO4J_USER`/`NEO4J_PASSWORD`/`NEO4J_DATABASE`; raises `StoreUnavailable`.

        Without `NEO4J_PASSWORD`, the local server is reached with the password it was started with
        (`computekg.graph.neo4j_password`).
        """
        from computekg.graph.neo4j_password import credentials

        settings = settings or get_settings()
        auth = credentials(settings)
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

    def bulk_load(
        self,
        chunks: Iterable[Subgraph],
        *,
        batch_size: int = BULK_BATCH_SIZE,
        progress: Callable[[LoadReport], None] | None = None,
    ) -> LoadReport:
        """Write a large graph of new entities, sources and facts, streamed as `chunks`, in many transactions.

        For datasets too big for `load`, which merges in Python inside one transaction. Each chunk is
        written in transactions of `batch_size` rows (`UNWIND $rows ... CREATE`), entities and sources
        before facts, so a chunk's facts may cite entities and sources of the same or an earlier chunk, or
        ones already stored. Everything written is new: an entity, source or fact id that is already stored
        (or repeats within the load) fails the load; to merge evidence into stored facts use `load`.
        MENTIONS links are derived per chunk and merged with the stored ones.

        All or nothing, at scale: the load is one `:BulkLoad` marker node and every node and relationship it
        creates carries its `load_id`. Any failure (a missing entity, a duplicate id, a lost connection,
        Ctrl-C) deletes whatever carries the load id before the error propagates, so the previous graph is
        left as it was. Ctrl-C may land mid-transaction, when the driver leaves that transaction open on the
        server, holding locks on what the load wrote: the undo first ends the load's own transactions
        (found by their metadata), then deletes, with further Ctrl-C held back until it is done. While it
        runs, readers see the load in progress. If the process dies mid-load the marker stays 'running':
        `unfinished_loads()` lists such loads and `discard_load(id)` removes them.

        `progress` is called after each chunk with the totals so far. Raises `EntityNotFound` for a fact
        or evidence citing an unknown entity or source, `BulkLoadError` for an id already stored.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._prepare()
        load_id = uuid.uuid4().hex
        with _reachable(self._driver), self._driver.session(database=self._database) as session:
            session.execute_write(_run_consumed, cypher.START_BULK_LOAD, load_id=load_id)
            planner = _BulkPlanner(self)
            totals = {"entities": 0, "relations": 0, "sources": 0}
            try:
                with _on_interrupt(lambda: self._end_load_transactions(load_id)):
                    for statements, counts in _read_ahead(chunks, planner.plan):
                        _write_statements(session, statements, load_id, batch_size)
                        for name, value in counts.model_dump().items():
                            totals[name] += value
                        if progress is not None:
                            progress(LoadReport(**totals))
                report = LoadReport(**totals)
                session.execute_write(_run_consumed, cypher.FINISH_BULK_LOAD, load_id=load_id,
                                      **report.model_dump())
            except ConstraintError as error:
                self._undo_load(load_id)
                raise BulkLoadError(
                    f"bulk load refused and undone: {error.message} (a bulk load writes new ids only; "
                    "use load() to merge into stored entities and facts)"
                ) from error
            except BaseException:  # Ctrl-C too: a half-written load must not stay behind
                self._undo_load(load_id)
                raise
        return report

    def _undo_load(self, load_id: str) -> None:
        """End the load's transactions still open on the server, then delete what it wrote; Ctrl-C waits."""
        with _interrupts_held_back():
            self._end_load_transactions(load_id)
            self.discard_load(load_id)

    def _end_load_transactions(self, load_id: str) -> None:
        """Terminate the load's transactions that are open on the server (found by their metadata)."""
        try:
            ids = [record["transactionId"] for record in self._run_read(cypher.BULK_LOAD_TRANSACTIONS,
                                                                         load_id=load_id)]
            if ids:
                self._driver.execute_query(cypher.TERMINATE_TRANSACTIONS, parameters_={"ids": ids},
                                           database_=self._database)
        except (Neo4jError, DriverError):
            pass  # a server that does not let this user see its transactions: the delete may wait for them

    def unfinished_loads(self) -> list[str]:
        """Ids of bulk loads that started and neither finished nor were undone (their process died)."""
        return [record["load_id"] for record in self._run_read(cypher.UNFINISHED_BULK_LOADS)]

    def discard_load(self, load_id: str) -> None:
        """Delete every node and relationship a bulk load created, and its marker; harmless when none is left."""
        self._prepare()
        with _reachable(self._driver), self._driver.session(database=self._database) as session:
            for statement in (cypher.DISCARD_LOAD_RELATIONSHIPS, cypher.DISCARD_LOAD_NODES):
                session.run(statement, load_id=load_id).consume()
            session.execute_write(_run_consumed, cypher.DISCARD_LOAD_MARKER, load_id=load_id)

    def clear(self) -> None:
        """Delete everything, in batches of transactions: for emptying a big store, where `load(Subgraph(),
        replace=True)` would need one transaction as large as the graph. Not atomic."""
        self._prepare()
        with _reachable(self._driver), self._driver.session(database=self._database) as session:
            for statement in cypher.DELETE_EVERYTHING_IN_BATCHES:
                session.run(statement).consume()

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
            centre = _entity(tx, entity_id)
            if types is not None and not types:
                return Subgraph(entities=(centre,))
            sizes_query, ordered_types = cypher.group_sizes(direction, types or frozenset(RelType))

            def group_sizes(frontier: list[str]) -> Iterator[FactGroup]:
                rows = tx.run(sizes_query, frontier=frontier).single(strict=True)["sizes"]
                for entity, sizes in rows:  # empty groups (most of the 20 types at most entities) are left out
                    yield from (FactGroup(n, entity, t) for t, n in zip(ordered_types, sizes, strict=True) if n)

            def group_facts(chosen: list[FactGroup]) -> Iterator[Relation]:
                by_type: dict[str, Any] = {}  # entity ids per type, each the parameter named after its type
                for group in chosen:
                    by_type.setdefault(str(group.type), []).append(group.entity)
                rows = tx.run(cypher.expand_groups(direction, frozenset(g.type for g in chosen)), by_type)
                return (_relation_from_row(fact) for row in rows for fact in row["facts"])

            relations, truncated = capped_traversal(entity_id, hops=hops, limit=limit, direction=direction,
                                                    group_sizes=group_sizes, group_facts=group_facts)
            kept = {entity_id} | {r.subject for r in relations} | {r.object for r in relations}
            return Subgraph(
                entities=tuple(_entities_by_id(tx, kept)), relations=tuple(relations), truncated=truncated
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
            chosen = frozenset(RelType) if types is None else types
            if source_id == target_id or not chosen:
                raise NoPath(source_id, target_id, max_hops)  # a simple path cannot come back to its start

            def best(start: str, target: str, avoided: frozenset[str], not_first: frozenset[str],
                     hops: int) -> Path | None:
                record = tx.run(cypher.best_path(direction, chosen, hops), source=start, target=target,
                                avoided=sorted(avoided), not_first=sorted(not_first)).single()
                return None if record is None else tuple(_relation_from_row(row) for row in record["relations"])

            paths = k_shortest_paths(source_id, target_id, limit=limit, max_hops=max_hops, best=best)
            if not paths:
                raise NoPath(source_id, target_id, max_hops)
            routes = [path_entity_ids(source_id, path) for path in paths[:limit]]
            pairs = sorted({pair for route in routes for pair in itertools.pairwise(route)})
            facts: dict[tuple[str, str], list[Relation]] = defaultdict(list)
            for row in tx.run(cypher.facts_on_hops(direction, chosen), pairs=[list(pair) for pair in pairs]):
                facts[row["here"], row["there"]].append(_relation_from_row(row))
            entities = {entity.id: entity for entity in _entities_by_id(tx, {i for route in routes for i in route})}
            return [GraphPath(entities=tuple(entities[i] for i in route),
                              hop_relations=tuple(tuple(sorted(facts[pair], key=lambda r: r.id))
                                                  for pair in itertools.pairwise(route)))
                    for route in routes]

        return self._read(read)

    def entities(self, entity_ids: Iterable[str]) -> list[Entity]:
        """The entities with these ids, sorted by id; ids not stored are left out."""
        return self._read(lambda tx: _entities_by_id(tx, set(entity_ids)))

    def oriented_steps(
        self,
        entity_ids: Sequence[str],
        *,
        forward: frozenset[RelType],
        backward: frozenset[RelType],
        statuses: frozenset[FactStatus | None],
        upstream: bool,
    ) -> list[tuple[str, str, Relation]]:
        """(giver, receiver, fact) for each fact by which something gives to (`upstream`) or receives from
        an entity of `entity_ids`.

        A fact of a `forward` type gives from its subject to its object, one of a `backward` type from its
        object to its subject; only facts with a status in `statuses` (None: no status) count. This is how
        `computekg.queries.supply` follows the flow of goods without reading the whole graph.
        """
        if not entity_ids or not (forward or backward):
            return []
        query = cypher.oriented_steps(forward, backward, upstream=upstream)
        rows = self._run_read(query, ids=list(entity_ids), **_status_parameters(statuses))
        return [(row["giver"], row["receiver"], _relation_from_row(row)) for row in rows]

    def oriented_facts_between(
        self,
        pairs: Sequence[tuple[str, str]],
        *,
        forward: frozenset[RelType],
        backward: frozenset[RelType],
        statuses: frozenset[FactStatus | None],
    ) -> list[tuple[str, str, Relation]]:
        """(giver, receiver, fact) for each fact by which the giver of a pair gives to its receiver."""
        if not pairs or not (forward or backward):
            return []
        query = cypher.oriented_facts_between(forward, backward)
        rows = self._run_read(query, pairs=[list(pair) for pair in pairs], **_status_parameters(statuses))
        return [(row["giver"], row["receiver"], _relation_from_row(row)) for row in rows]

    def oriented_paths(
        self,
        source_id: str,
        target_id: str,
        *,
        forward: frozenset[RelType],
        backward: frozenset[RelType],
        statuses: frozenset[FactStatus | None],
        max_hops: int,
        limit: int,
    ) -> list[tuple[str, ...]]:
        """The first `limit` simple paths (entity ids) from giver to receiver along the flow, by length, then ids.

        Parallel facts between two entities make one step, not several paths. Empty when none is within
        `max_hops` steps.
        """
        if not (forward or backward) or source_id == target_id or limit < 1:
            return []
        parameters = {"forward": forward, "backward": backward, "statuses": statuses}
        givers = _Layers(self, upstream=True, **parameters)  # distance to the target, by searching upstream
        receivers = _Layers(self, upstream=False, **parameters)  # who each entity gives to, fetched on demand
        givers.reach(target_id, until=source_id, depth=max_hops)
        shortest = givers.distance.get(source_id)
        found: list[tuple[str, ...]] = []
        if shortest is None:
            return found
        for length in range(shortest, max_hops + 1):
            givers.reach(target_id, until=None, depth=length - 1)  # distances up to length - 1 are known
            found += _paths_of_length(source_id, target_id, length, givers.distance, receivers.neighbours,
                                      limit - len(found))
            if len(found) >= limit:
                break
        return found

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


def _run_consumed(tx: ManagedTransaction, query: str, **parameters: Any) -> None:
    tx.run(query, parameters).consume()


def _run_statements(tx: ManagedTransaction, statements: Sequence[_Statement], load_id: str) -> int:
    """Send every statement before reading any answer; return how many facts they created.

    Within one transaction the driver sends a statement as soon as it is packed and reads the previous
    statement's answer only afterwards, so Python packs the next statement while the server writes.
    """
    results = [(tx.run(st.query, st.parameters, load_id=load_id), st.counted) for st in statements]
    created = 0
    for result, counted in results:
        if counted:
            created += int(result.single(strict=True)["created"])
        else:
            result.consume()
    return created


@dataclass(frozen=True)
class _Statement:
    """One statement of a bulk load with its parameters; `rows` is how many items it writes."""

    query: str
    parameters: dict[str, Any]
    rows: int
    counted: bool = False


class _BulkPlanner:
    """Turns the chunks of one bulk load into statements, checking what the database cannot check cheaply.

    Runs ahead of the writer, in its own thread (see `_read_ahead`).
    """

    def __init__(self, store: Neo4jStore) -> None:
        self._store = store
        self._entities: set[str] = set()  # written by this load, or found stored
        self._sources: set[str] = set()

    def plan(self, chunk: Subgraph) -> tuple[list[_Statement], LoadReport]:
        statements: list[_Statement] = []
        by_kind: dict[EntityKind, list[dict[str, Any]]] = defaultdict(list)
        for entity in chunk.entities:
            if entity.id in self._entities:
                raise BulkLoadError(f"entity {entity.id!r} appears twice in the bulk load")
            self._entities.add(entity.id)
            by_kind[entity.kind].append({"properties": entity_properties(entity)})
        for kind, rows in by_kind.items():
            statements += _map_statements(cypher.create_stamped_entities(kind), rows)
        for source in chunk.sources:
            if source.id in self._sources:
                raise BulkLoadError(f"source {source.id!r} appears twice in the bulk load")
            self._sources.add(source.id)
        rows = [{"properties": s.model_dump(mode="json", exclude_none=True)} for s in chunk.sources]
        statements += _map_statements(cypher.CREATE_STAMPED_SOURCES, rows)
        statements += self._relations(chunk)
        return statements, LoadReport(
            entities=len(chunk.entities), relations=len(chunk.relations), sources=len(chunk.sources)
        )

    def _relations(self, chunk: Subgraph) -> list[_Statement]:
        if not chunk.relations:
            return []
        ends = {end for r in chunk.relations for end in (r.subject, r.object, r.product) if end is not None}
        self._require_stored(ends - self._entities, cypher.STORED_ENTITY_IDS, self._entities, prefix="")
        cited = {ev.source_id for r in chunk.relations for ev in article_evidence(r)}
        self._require_stored(cited - self._sources, cypher.STORED_SOURCE_IDS, self._sources, prefix="source:")
        by_type: dict[RelType, list[list[Any]]] = defaultdict(list)
        mentions: set[tuple[str, str]] = set()
        for relation in chunk.relations:
            properties = relation_properties(relation)
            by_type[relation.type].append(
                [relation.subject, relation.object, *(properties.get(name) for name in _RELATION_PROPERTIES)]
            )
            ends_of = [e for e in (relation.subject, relation.object, relation.product) if e is not None]
            mentions.update((ev.source_id, end) for ev in article_evidence(relation) for end in ends_of)
        statements: list[_Statement] = []
        for rel_type, rows in by_type.items():
            rows.sort(key=_ends)  # facts at the same node together: the server switches pages and locks less
            columnar = cypher.create_stamped_relations_from_columns(rel_type, _RELATION_COLUMNS[2:])
            fallback = cypher.create_stamped_relations(rel_type, tuple(name for name, _ in _RELATION_COLUMNS[2:]))
            statements += _column_statements(columnar, fallback, rows, _RELATION_COLUMNS, counted=True)
        by_entity = [[source_id, entity_id] for entity_id, source_id in sorted((e, s) for s, e in mentions)]
        statements += _column_statements(cypher.MERGE_STAMPED_MENTIONS_FROM_COLUMNS, cypher.MERGE_STAMPED_MENTIONS,
                                         by_entity, (("source_id", "str"), ("entity_id", "str")))
        return statements

    def _require_stored(self, ids: set[str], query: str, known: set[str], *, prefix: str) -> None:
        """Ids this load did not write must already be stored; raises `EntityNotFound` for the first missing."""
        if not ids:
            return
        records = self._store._run_read(query, ids=sorted(ids))
        found = {record["id"] for record in records}
        missing = sorted(ids - found)
        if missing:
            raise EntityNotFound(prefix + missing[0])
        known.update(found)


def _ends(row: list[Any]) -> tuple[str, str]:
    return row[0], row[1]


def _map_statements(query: str, rows: list[dict[str, Any]]) -> list[_Statement]:
    return [
        _Statement(query, {"rows": rows[start : start + _STATEMENT_ROWS]}, len(rows[start : start + _STATEMENT_ROWS]))
        for start in range(0, len(rows), _STATEMENT_ROWS)
    ]


def _column_statements(
    columnar: str, fallback: str, rows: list[list[Any]], columns: Sequence[tuple[str, str]], *, counted: bool = False
) -> list[_Statement]:
    """Statements sending `rows` as one joined string per column, or as plain rows when a value cannot be joined."""
    statements = []
    for start in range(0, len(rows), _STATEMENT_ROWS):
        part = rows[start : start + _STATEMENT_ROWS]
        joined = _joined_columns(part, columns)
        if joined is None:
            statements.append(_Statement(fallback, {"rows": part}, len(part), counted))
        else:
            parameters = {"columns": joined, "field": _FIELD, "item": _ITEM, "null": _NULL}
            statements.append(_Statement(columnar, parameters, len(part), counted))
    return statements


def _joined_columns(rows: list[list[Any]], columns: Sequence[tuple[str, str]]) -> list[str] | None:
    """Each column of `rows` as one string, values joined with `_FIELD` (list items with `_ITEM`, None as `_NULL`).

    An empty list cannot be told from a list of one empty text once joined, so it goes the slow way too.

    Returns None when a value would not survive the trip: a text containing one of the three separators
    (then some separator count below is off), or a number that is not finite. Why join at all: the
    pure-Python driver packs values one at a time, about 30 µs per fact, more than the server needs to
    write it; one string per column packs in a single call, and the statement splits it again on the
    server, much as LOAD CSV parses a file.
    """
    joined: list[str] = []
    for index, (_, kind) in enumerate(columns):
        values = [row[index] for row in rows]
        if kind.endswith("_list"):
            present = [value for value in values if value is not None]
            items = sum(len(value) for value in present)
            cells = [_NULL if value is None else _ITEM.join(_cell(item, kind) for item in value) for value in values]
            expected = (len(values) - 1, items - len(present), len(values) - len(present))
        else:
            cells = [_NULL if value is None else _cell(value, kind) for value in values]
            expected = (len(values) - 1, 0, sum(value is None for value in values))
        text = _FIELD.join(cells)
        if (text.count(_FIELD), text.count(_ITEM), text.count(_NULL)) != expected:
            return None
        joined.append(text)
    return joined


def _cell(value: Any, kind: str) -> str:
    if kind.startswith("float"):
        number = float(value)
        return repr(number) if math.isfinite(number) else _NULL  # _NULL miscounts, so the batch goes the slow way
    if kind == "bool":
        return "true" if value else "false"
    return str(value)


def _write_statements(session: Session, statements: Sequence[_Statement], load_id: str, batch_size: int) -> None:
    """Write statements in transactions of about `batch_size` rows each."""
    group: list[_Statement] = []
    rows = 0
    for statement in [*statements, None]:
        if statement is not None:
            group.append(statement)
            rows += statement.rows
        if group and (statement is None or rows >= batch_size):
            expected = sum(st.rows for st in group if st.counted)
            created = session.execute_write(_tagged(_run_statements, load_id), group, load_id)
            if created != expected:  # an end vanished between the check and the write
                raise BulkLoadError(f"{expected - created} of {expected} facts lost an end while loading")
            group, rows = [], 0


def _tagged(work: Callable[..., _T], load_id: str) -> Callable[..., _T]:
    """`work` as a transaction function whose transactions name the bulk load in their metadata."""
    return unit_of_work(metadata={cypher.BULK_LOAD_METADATA_KEY: load_id})(work)


@contextlib.contextmanager
def _on_interrupt(end_on_server: Callable[[], None]) -> Iterator[None]:
    """On Ctrl-C, start `end_on_server` in a thread of its own, then raise KeyboardInterrupt as usual.

    Ctrl-C can land while the driver waits for a statement blocked on another writer's lock; unwinding, the
    driver may then wait on the same connection for that statement to end, which it never does while the
    other writer waits for us. Ending the load's transactions from a second connection, at once, frees it.
    Only the main thread receives signals; elsewhere this does nothing.
    """
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or previous is None:
        yield
        return

    def interrupted(signum: int, frame: Any) -> None:
        threading.Thread(target=end_on_server, name="computekg-bulk-interrupt", daemon=True).start()
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def _interrupts_held_back() -> Iterator[None]:
    """Hold Ctrl-C back while an undo runs, so a second Ctrl-C cannot leave half a load; raised afterwards.

    Only the main thread receives signals; elsewhere there is nothing to hold back.
    """
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or previous is None:
        yield
        return
    pressed: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


def _read_ahead(items: Iterable[_In], work: Callable[[_In], _T], *, depth: int = 2) -> Iterator[_T]:
    """`work(item)` for each item, computed in a background thread up to `depth` items ahead, in order.

    The thread overlaps what is Python-bound (building and checking rows) with the writer's waits on the
    server. An exception in `work` is raised here; closing this generator stops the thread.
    """
    slots: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(entry: tuple[bool, Any]) -> bool:
        while not stop.is_set():
            try:
                slots.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((True, work(item))):
                    return
            put((False, None))
        except BaseException as error:  # handed to the consumer, which raises it
            put((False, error))

    thread = threading.Thread(target=produce, name="computekg-bulk-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            ok, value = slots.get()
            if ok:
                yield value
            elif value is None:
                return
            else:
                raise value
    finally:
        stop.set()
        thread.join()


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


class _Layers:
    """Breadth-first search along oriented facts, one query per layer, ids only."""

    def __init__(self, store: Neo4jStore, *, upstream: bool, forward: frozenset[RelType],
                 backward: frozenset[RelType], statuses: frozenset[FactStatus | None]) -> None:
        self._store = store
        self._query = cypher.oriented_neighbours(forward, backward, upstream=upstream)
        self._layer_query = cypher.oriented_neighbours(forward, backward, upstream=upstream, pairs=False)
        self._parameters = _status_parameters(statuses)
        self.distance: dict[str, int] = {}
        self._frontier: list[str] = []
        self._adjacent: dict[str, list[str]] = {}

    def neighbours(self, entity_id: str) -> list[str]:
        """Who `entity_id` gives to (or receives from, upstream), sorted by id."""
        if entity_id not in self._adjacent:
            self._fetch([entity_id])
        return self._adjacent[entity_id]

    def reach(self, start: str, *, until: str | None, depth: int) -> None:
        """Extend `distance` (from `start`) layer by layer up to `depth`, or until `until` is reached."""
        if not self.distance:
            self.distance, self._frontier = {start: 0}, [start]
        while self._frontier and until not in self.distance:
            level = self.distance[self._frontier[0]]
            if level >= depth:
                return
            reached = sorted(self._layer(self._frontier) - self.distance.keys())
            self.distance.update((i, level + 1) for i in reached)
            self._frontier = reached

    def _layer(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), _LAYER_ROWS):
            rows = self._store._run_read(self._layer_query, ids=ids[start : start + _LAYER_ROWS], **self._parameters)
            found.update(row["there"] for row in rows)
        return found

    def _fetch(self, ids: list[str]) -> None:
        found: dict[str, list[str]] = {i: [] for i in ids}
        for start in range(0, len(ids), _STATEMENT_ROWS):
            for row in self._store._run_read(self._query, ids=ids[start : start + _STATEMENT_ROWS], **self._parameters):
                found[row["here"]].append(row["there"])
        self._adjacent.update((i, sorted(there)) for i, there in found.items())


def _paths_of_length(source: str, target: str, length: int, to_target: Mapping[str, int],
                     successors: Callable[[str], list[str]], limit: int) -> list[tuple[str, ...]]:
    """The first `limit` simple paths of exactly `length` steps from `source` to `target`, in order of their ids.

    Depth first, successors in id order, so paths come out sorted; a step is taken only to an entity whose
    distance to the target (`to_target`, known up to `length - 1`) still fits in the steps left.
    """
    found: list[tuple[str, ...]] = []
    path = [source]

    def walk(node: str) -> None:
        left = length - len(path) + 1
        if left == 0:
            if node == target:
                found.append(tuple(path))
            return
        for follower in successors(node):
            if len(found) >= limit:
                return
            distance = to_target.get(follower)
            if distance is None or distance > left - 1 or follower in path or (follower == target and left > 1):
                continue
            path.append(follower)
            walk(follower)
            path.pop()

    walk(source)
    return found


def _status_parameters(statuses: frozenset[FactStatus | None]) -> dict[str, Any]:
    return {"no_status": None in statuses, "statuses": sorted(str(s) for s in statuses if s is not None)}


def _relation_from_row(row: Mapping[str, Any]) -> Relation:
    return relation_from_properties(row["properties"], subject=row["subject"], object_=row["object"])


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
    dumped = [evidence.model_dump(mode="json") for evidence in article_evidence(relation)]
    if dumped:  # absent rather than empty: a bulk load sends an absent list in its fast, joined form
        for field, list_name in _EVIDENCE_LISTS.items():
            fields[list_name] = [_NO_DATE if item[field] is None else item[field] for item in dumped]
    records = [item.model_dump_json(exclude_none=True) for item in relation.evidence if not isinstance(item, Evidence)]
    if records:  # a fact with article evidence only is stored as before catalog and dataset evidence existed
        fields[_EVIDENCE_KINDS] = [item.kind for item in relation.evidence]
        fields[_EVIDENCE_RECORDS] = records
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
        nested = {name: properties.get(f"{prefix}_{name}") for name in _FIELD_NAMES[model]}
        if nested["value"] is not None:
            fields[prefix] = {k: v for k, v in nested.items() if v is not None}
    columns = [properties.get(list_name) or [] for list_name in _EVIDENCE_LISTS.values()]
    articles = iter([  # plain dicts: `Relation.model_validate` checks them in one (compiled) pass
        {
            field: None if field == "date" and value == _NO_DATE else value
            for field, value in zip(_EVIDENCE_LISTS, item, strict=True)
        }
        for item in zip(*columns, strict=True)
    ])
    records = iter(properties.get(_EVIDENCE_RECORDS) or [])
    kinds = properties.get(_EVIDENCE_KINDS) or [_ARTICLE] * len(columns[0])
    fields["evidence"] = [next(articles) if kind == _ARTICLE else json.loads(next(records)) for kind in kinds]
    return Relation.model_validate(fields)


def _known(properties: Mapping[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """Only the model's own fields: analytics (e.g. GDS write-back) may add properties of their own."""
    fields = _FIELD_NAMES[model]
    return {name: value for name, value in properties.items() if name in fields}


# Field names per model, looked up once: `model_fields` is a computed property, and every fact read uses them.
_FIELD_NAMES: dict[type[BaseModel], frozenset[str]] = {
    model: frozenset(model.model_fields) for model in (Entity, Source, Relation, Quantity, Money)
}
