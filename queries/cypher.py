"""The Cypher console: run a user's own query on the Neo4j store, safely by default.

Why the guard rails: the console takes arbitrary text, so by default it must not change the graph,
must not run for ever and must not flood the caller with rows. Read-only mode opens a READ session
AND refuses any query whose plan (from `EXPLAIN`) is not a pure read, because a single-instance
server executes writes even in a READ session; it also refuses the few clauses whose plan still
looks like a read but that reach outside the graph or the transaction (`LOAD CSV`,
`CALL {...} IN TRANSACTIONS`, `TERMINATE TRANSACTIONS`, `dbms.*` procedures). The server stops a
query at `timeout_s`; fetching stops after `row_limit` rows.

Results are JSON-friendly rows plus, when the rows hold entities or facts, a `Subgraph` built with the
store's own property conversions, ready for the app's graph view.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, NotificationSeverity, Query, Record, Session
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time
from pydantic import BaseModel, ConfigDict, JsonValue

from computekg.graph import neo4j_cypher
from computekg.graph.errors import GraphError, StoreUnavailable
from computekg.graph.model import Entity, Relation, Source, Subgraph
from computekg.graph.neo4j_store import (
    Neo4jStore,
    entity_from_properties,
    relation_from_properties,
    source_from_properties,
)
from computekg.graph.schema import EntityKind, RelType
from computekg.graph.store import GraphStore
from computekg.graph.subgraph_ops import merge_subgraphs

__all__ = ["CypherError", "CypherWriteRefused", "CypherTimeout", "CypherResult", "run_cypher"]

_NEEDS_NEO4J = "the Cypher console needs Neo4j: run `computekg neo4j start` or set NEO4J_URI"
_WRITE_HINT = "pass write=True (CLI: --write) to run it"
_FACT_TYPES = frozenset(str(rel_type) for rel_type in RelType)

# String literals, quoted identifiers and comments, blanked out before looking for keywords so that
# `WHERE n.note = 'load csv'` is not mistaken for the clause.
_NOT_CODE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL)
_OUTSIDE_A_READ = re.compile(
    r"\bLOAD\s+CSV\b"
    r"|\}\s*IN\s+(?:\S+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b"
    r"|\bTERMINATE\s+TRANSACTIONS?\b"
    r"|\bCALL\s+dbms\s*\.",
    re.IGNORECASE,
)
# A leading EXPLAIN or PROFILE (after any `CYPHER ...` options) is dropped before our own EXPLAIN,
# which Neo4j would otherwise reject as a second execution mode.
_EXECUTION_MODE = re.compile(
    r"^(?P<options>\s*CYPHER(?:\s+(?:\d+|\w+\s*=\s*\w+))*\s+)?\s*(?:EXPLAIN|PROFILE)\b", re.IGNORECASE
)
_READ_ONLY = "r"
# What the rows tell about a node: its labels and properties, keyed by element id.
_NodeInfo = tuple[frozenset[str], dict[str, Any]]


class CypherError(GraphError):
    """Neo4j rejected or failed the query; the message carries Neo4j's own explanation."""


class CypherWriteRefused(CypherError):
    """A read-only run was given a query that writes, changes the schema or acts outside the graph."""


class CypherTimeout(CypherError):
    """The server stopped the query when it ran past its time limit."""


class CypherResult(BaseModel):
    """The rows of one query, JSON-friendly, and the graph they contain.

    Nodes become `{"labels": [...], "properties": {...}}`; relationships
    `{"type", "start", "end", "properties"}` with the `id` of their end nodes (the element id when an
    end node has none); paths a list of alternating nodes and relationships; temporal values ISO strings.
    `subgraph` is None when the rows hold no entity, source or fact.
    """

    model_config = ConfigDict(frozen=True)

    columns: tuple[str, ...]
    rows: tuple[dict[str, JsonValue], ...]
    truncated: bool = False
    subgraph: Subgraph | None = None
    warnings: tuple[str, ...] = ()  # Neo4j's warnings about the query (deprecated syntax, cartesian products)


def run_cypher(
    store: GraphStore,
    query: str,
    *,
    params: Mapping[str, object] | None = None,
    write: bool = False,
    timeout_s: float = 10.0,
    row_limit: int = 1000,
) -> CypherResult:
    """Run `query` with `params` (always sent as parameters) on a `Neo4jStore`.

    Raises `CypherWriteRefused` for a non-read query unless `write`, `CypherTimeout` when the server
    stops it after `timeout_s`, `CypherError` for anything Neo4j rejects, and `CypherError` too when
    the store is not Neo4j. At most `row_limit` rows come back; `truncated` says when there were more.
    """
    if not isinstance(store, Neo4jStore):
        raise CypherError(_NEEDS_NEO4J)
    if timeout_s <= 0:
        raise ValueError(f"timeout_s must be positive, got {timeout_s}")
    if row_limit < 0:
        raise ValueError(f"row_limit must not be negative, got {row_limit}")
    parameters = dict(params or {})
    access = WRITE_ACCESS if write else READ_ACCESS
    with (
        _neo4j_errors(timeout_s),
        store.driver.session(database=store.database, default_access_mode=access) as session,
    ):
        if not write:
            _refuse_unless_read_only(session, query, parameters, timeout_s)
        # Auto-commit (not a managed transaction): a user's query is never retried behind their back,
        # and `CALL {...} IN TRANSACTIONS` is only allowed there.
        result = session.run(Query(query, timeout=timeout_s), parameters)
        columns = result.keys()
        records = result.fetch(row_limit)
        truncated = result.peek() is not None
        summary = result.consume()  # tells the server to stop; the rest of the rows are never produced
        elements = _graph_elements(records)
        nodes = _nodes_by_element_id(session, elements, timeout_s)
    return CypherResult(
        columns=tuple(columns),
        rows=tuple({key: _json(record[key], nodes) for key in columns} for record in records),
        truncated=truncated,
        subgraph=_subgraph(elements, nodes, truncated=truncated),
        warnings=tuple(
            status.status_description
            for status in summary.gql_status_objects
            if status.is_notification and status.severity is NotificationSeverity.WARNING
        ),
    )


def _refuse_unless_read_only(
    session: Session, query: str, parameters: dict[str, Any], timeout_s: float
) -> None:
    code = _NOT_CODE.sub(" ", query)
    clause = _OUTSIDE_A_READ.search(code)
    if clause:
        raise CypherWriteRefused(
            f"refused in read-only mode: {' '.join(clause.group().split())!r} acts outside a plain read; "
            + _WRITE_HINT
        )
    plan = session.run(
        Query("EXPLAIN " + _EXECUTION_MODE.sub(r"\g<options>", query, count=1), timeout=timeout_s), parameters
    )
    query_type = plan.consume().query_type
    if query_type != _READ_ONLY:
        kind = {"w": "writes", "rw": "reads and writes", "s": "is a schema or DBMS command"}.get(
            str(query_type), f"is of type {query_type!r}"
        )
        raise CypherWriteRefused(f"refused in read-only mode: this query {kind}; {_WRITE_HINT}")


@contextlib.contextmanager
def _neo4j_errors(timeout_s: float) -> Iterator[None]:
    """Turn driver errors into computekg's: timeouts, lost connections and Neo4j's refusals."""
    try:
        yield
    except (ServiceUnavailable, SessionExpired) as error:
        raise StoreUnavailable(f"lost the connection to Neo4j ({error}); {_NEEDS_NEO4J}") from error
    except Neo4jError as error:
        if "TimedOut" in (error.code or ""):
            raise CypherTimeout(
                f"the query ran longer than {timeout_s:g} s and Neo4j stopped it; "
                + "narrow it down or raise the timeout"
            ) from error
        raise CypherError(f"Neo4j rejected the query: {error.message or error}") from error


def _graph_elements(records: list[Record]) -> dict[str, Node | Relationship]:
    """Every node and relationship anywhere in the rows (inside lists, maps and paths), by element id."""
    found: dict[str, Node | Relationship] = {}
    for record in records:
        for value in record.values():
            for element in _walk(value):
                found.setdefault(element.element_id, element)
    return found


def _walk(value: object) -> Iterator[Node | Relationship]:
    if isinstance(value, Node | Relationship):
        yield value
    elif isinstance(value, Path):
        yield from value.nodes
        yield from value.relationships
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)


def _nodes_by_element_id(
    session: Session, elements: dict[str, Node | Relationship], timeout_s: float
) -> dict[str, _NodeInfo]:
    """Labels and properties of every node the rows hold or a relationship ends at.

    A relationship in the rows names its end nodes by element id only, unless the same result also
    returned those nodes; the missing ones are fetched (a node deleted by the query stays unknown).
    """
    nodes = {eid: (e.labels, dict(e)) for eid, e in elements.items() if isinstance(e, Node)}
    ends = {
        end.element_id
        for e in elements.values()
        if isinstance(e, Relationship)
        for end in (e.start_node, e.end_node)
        if end is not None
    }
    missing = sorted(ends - nodes.keys())
    if missing:
        rows = session.run(
            Query(neo4j_cypher.READ_NODES_BY_ELEMENT_ID, timeout=timeout_s), {"element_ids": missing}
        )
        nodes |= {row["element_id"]: (frozenset(row["labels"]), row["properties"]) for row in rows}
    return nodes


def _node_ref(element_id: str, nodes: Mapping[str, _NodeInfo]) -> str:
    """How a relationship names its end: the node's `id` property, or its element id."""
    _, properties = nodes.get(element_id, (frozenset(), {}))
    ref = properties.get("id")
    return ref if isinstance(ref, str) else element_id


def _json(value: Any, nodes: Mapping[str, _NodeInfo]) -> JsonValue:
    if isinstance(value, Node):
        return {
            "labels": _json(sorted(value.labels), nodes),
            "properties": _json(dict(sorted(value.items())), nodes),
        }
    if isinstance(value, Relationship):
        start, end = value.start_node, value.end_node
        return {
            "type": value.type,
            "start": _node_ref(start.element_id, nodes) if start is not None else None,
            "end": _node_ref(end.element_id, nodes) if end is not None else None,
            "properties": _json(dict(sorted(value.items())), nodes),
        }
    if isinstance(value, Path):
        steps: list[Node | Relationship] = [value.start_node]
        for relationship, node in zip(value.relationships, value.nodes[1:], strict=True):
            steps += [relationship, node]
        return [_json(step, nodes) for step in steps]
    if isinstance(value, Date | DateTime | Time | Duration):  # Duration and Point are tuples: test first
        return value.iso_format()
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, list | tuple):
        return [_json(item, nodes) for item in value]
    if isinstance(value, dict):
        return {str(key): _json(item, nodes) for key, item in value.items()}
    if isinstance(value, bytes | bytearray):
        return value.hex()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _subgraph(
    elements: dict[str, Node | Relationship],
    nodes: Mapping[str, _NodeInfo],
    *,
    truncated: bool,
) -> Subgraph | None:
    """The computekg entities, sources and facts among the rows, with the entities the facts connect.

    Anything that does not convert (nodes or relationships a user created by hand) stays in the rows only.
    """
    entities: list[Entity] = []
    sources: list[Source] = []
    relations: list[Relation] = []
    for labels, properties in nodes.values():
        try:
            if neo4j_cypher.ENTITY_LABEL in labels:
                entities.append(entity_from_properties(properties))
            elif EntityKind.SOURCE in labels:
                sources.append(source_from_properties(properties))
        except (ValueError, TypeError):  # pydantic's ValidationError is a ValueError
            continue
    for element in elements.values():
        if not isinstance(element, Relationship) or element.type not in _FACT_TYPES:
            continue
        if element.start_node is None or element.end_node is None:
            continue
        try:
            relations.append(
                relation_from_properties(
                    dict(element),
                    subject=_node_ref(element.start_node.element_id, nodes),
                    object_=_node_ref(element.end_node.element_id, nodes),
                )
            )
        except (ValueError, TypeError):  # pydantic's ValidationError is a ValueError
            continue
    if not (entities or sources or relations):
        return None
    graph = merge_subgraphs(
        Subgraph(entities=tuple(entities), relations=tuple(relations), sources=tuple(sources))
    )
    return graph.model_copy(update={"truncated": truncated})
