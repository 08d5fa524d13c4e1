"""The Cypher console: run a user's own query on the Neo4j store, safely by default.

Why the guard rails: the console takes arbitrary text, so by default it must not change the graph,
must not reach outside it, must not run for ever, must not take the server down and must not flood the
caller with rows.

- Read-only mode opens a READ session AND plans the query first (`EXPLAIN`): it runs only when the plan
  is a pure read (a single-instance server executes writes even in a READ session), when every procedure
  it calls and every `SHOW` command in it is on an allow-list of plain reads of this graph
  (`READ_ONLY_PROCEDURES`, `READ_ONLY_COMMANDS`: no `SHOW TRANSACTIONS`, which shows other sessions'
  queries, no `SHOW SETTINGS`, which shows server paths, no `db.stats.*`, no replanning), and when the
  plan has none of the operators that reach outside the graph or the transaction (`LOAD CSV`,
  `CALL {...} IN TRANSACTIONS`, `TERMINATE TRANSACTIONS`, administration commands). Judging the plan
  rather than the text means quoting, comments or backticks cannot hide a call.
- Every query, read or write, is at most `MAX_QUERY_CHARS` long and nests brackets at most
  `MAX_NESTING` deep: Neo4j parses before its timeout applies, and its parser's time and stack grow with
  both (50,000 chained `+ 1` held a connection for minutes; 1,000 nested brackets overflowed the server's
  stack). Values belong in parameters, which have no such limit.
- The server stops a query at `timeout_s`; fetching stops after `row_limit` rows. The memory one query
  may use is the server's to bound: the local server allows each transaction 256 MB
  (`COMPUTEKG_NEO4J_TRANSACTION_MEMORY`; on your own server, `db.memory.transaction.max`), and a query
  over it fails with `CypherLimitExceeded` while the server keeps serving.

Results are JSON-friendly rows plus, when the rows hold entities or facts, a `Subgraph` built with the
store's own property conversions, ready for the app's graph view.
"""

from __future__ import annotations

import contextlib
import json
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

__all__ = [
    "MAX_NESTING",
    "MAX_QUERY_CHARS",
    "MAX_RESULT_CHARS",
    "MAX_RESULT_VALUES",
    "READ_ONLY_COMMANDS",
    "READ_ONLY_PROCEDURES",
    "CypherError",
    "CypherLimitExceeded",
    "CypherWriteRefused",
    "CypherTimeout",
    "CypherResult",
    "parameter_value",
    "run_cypher",
]

# Generous for a hand-written query (the app's examples are under 300 characters); a 5,000-character
# query of the costliest shape Neo4j 5.26 parses (nested lists) takes it about 9 s on 2 busy cores.
MAX_QUERY_CHARS = 5000
MAX_NESTING = 50
# What one result may hold, over all its rows (a value is a number, string, list, map, node...): enough
# for `row_limit` rows of nodes with their properties; one row of `range(1, 3000000)` took the CLI minutes.
MAX_RESULT_VALUES = 200_000
MAX_RESULT_CHARS = 10_000_000
# Procedures a read-only query may call: they read this graph's data or schema and nothing else.
READ_ONLY_PROCEDURES = frozenset({
    "db.labels",
    "db.relationshipTypes",
    "db.propertyKeys",
    "db.schema.visualization",
    "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships",
    "db.index.fulltext.listAvailableAnalyzers",
    "db.index.vector.queryNodes",
    "db.index.vector.queryRelationships",
})  # fmt: skip
# `SHOW` commands a read-only query may run, by plan operator: this graph's schema and Cypher's vocabulary.
READ_ONLY_COMMANDS = frozenset({"ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions"})
# Plan operators that reach outside a plain read even when Neo4j calls the query a read.
_OUTSIDE_A_READ = {
    "LoadCSV": "LOAD CSV reads files and URLs",
    "TransactionApply": "CALL { ... } IN TRANSACTIONS commits on its own",
    "TransactionForeach": "CALL { ... } IN TRANSACTIONS commits on its own",
    "AdministrationCommand": "administration commands act on the server",
}
_COMMAND_PREFIXES = ("Show", "Terminate")
_PROCEDURE_CALL = "ProcedureCall"

_NEEDS_NEO4J = "the Cypher console needs Neo4j: run `computekg neo4j start` or set NEO4J_URI"
_FACT_TYPES = frozenset(str(rel_type) for rel_type in RelType)

# String literals, quoted identifiers and comments, blanked out before counting brackets so that
# `WHERE n.note = '((('` is not mistaken for nesting.
_NOT_CODE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL)
_OPENING, _CLOSING = "([{", ")]}"
# A leading EXPLAIN or PROFILE (after any `CYPHER ...` options) is blanked out before our own EXPLAIN,
# which Neo4j would otherwise reject as a second execution mode; blanked, not cut, so that the positions
# in Neo4j's messages stay the user's.
_EXECUTION_MODE = re.compile(
    r"^(?P<options>\s*CYPHER(?:\s+(?:\d+|\w+\s*=\s*\w+))*\s+)?\s*(?P<mode>EXPLAIN|PROFILE)\b", re.IGNORECASE
)
# Our EXPLAIN goes on a line of its own: Neo4j then quotes the user's line in a syntax error, and its
# position is the user's one line and `len(_EXPLAIN)` characters on (see `_users_position`).
_EXPLAIN = "EXPLAIN\n"
_POSITION = re.compile(r"\(line (?P<line>\d+), column (?P<column>\d+) \(offset: (?P<offset>\d+)\)\)")
_READ_ONLY = "r"
# What the rows tell about a node: its labels and properties, keyed by element id.
_NodeInfo = tuple[frozenset[str], dict[str, Any]]


class CypherError(GraphError):
    """Neo4j rejected or failed the query; the message carries Neo4j's own explanation."""


class CypherWriteRefused(CypherError):
    """A read-only run was given a query that writes, changes the schema or acts outside the graph."""


class CypherTimeout(CypherError):
    """The server stopped the query when it ran past its time limit."""


class CypherLimitExceeded(CypherError):
    """The query is longer or nests deeper than the console accepts, or needed more memory than the server allows."""


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

    Raises `CypherWriteRefused` for a query that is not a plain read unless `write`, `CypherLimitExceeded`
    for a query too long or too deeply nested (before sending it) or one the server stopped for memory,
    `CypherTimeout` when the server stops it after `timeout_s`, `CypherError` for anything Neo4j rejects,
    and `CypherError` too when the store is not Neo4j. At most `row_limit` rows come back; `truncated`
    says when there were more.
    """
    if not isinstance(store, Neo4jStore):
        raise CypherError(_NEEDS_NEO4J)
    if timeout_s <= 0:
        raise ValueError(f"timeout_s must be positive, got {timeout_s}")
    if row_limit < 0:
        raise ValueError(f"row_limit must not be negative, got {row_limit}")
    _refuse_unless_small(query)
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
        _refuse_unless_result_fits(records)
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


def _refuse_unless_small(query: str) -> None:
    """Refuse, before Neo4j parses it, a query longer than `MAX_QUERY_CHARS` or nested deeper than `MAX_NESTING`."""
    if len(query) > MAX_QUERY_CHARS:
        raise CypherLimitExceeded(
            f"the query is {len(query):,} characters long; the console takes at most {MAX_QUERY_CHARS:,}: "
            "pass values as parameters ($name) rather than in the text"
        )
    deepest = _bracket_depth(query)
    if deepest > MAX_NESTING:
        raise CypherLimitExceeded(
            f"the query nests brackets {deepest} deep; the console takes at most {MAX_NESTING} levels"
        )


def parameter_value(text: str) -> Any:
    """A query parameter written as JSON; raises `json.JSONDecodeError` when it is not JSON, and
    `CypherLimitExceeded` when it nests deeper than `MAX_NESTING` (JSON readers recurse once per level)."""
    deepest = _bracket_depth(text)
    if deepest > MAX_NESTING:
        raise CypherLimitExceeded(
            f"a parameter nests brackets {deepest} deep; the console takes at most {MAX_NESTING} levels"
        )
    return json.loads(text)


def _bracket_depth(text: str) -> int:
    """How deep brackets nest in `text`, outside string literals and comments."""
    depth = deepest = 0
    for char in _NOT_CODE.sub(" ", text):
        if char in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif char in _CLOSING:
            depth = max(depth - 1, 0)
    return deepest


def _refuse_unless_result_fits(records: list[Record]) -> None:
    """Refuse a result holding more than `MAX_RESULT_VALUES` values or `MAX_RESULT_CHARS` characters of text."""
    values = chars = 0
    pending: list[Any] = [value for record in records for value in record.values()]
    while pending:
        value = pending.pop()
        values += 1
        if isinstance(value, str):
            chars += len(value)
        elif isinstance(value, Node | Relationship):
            pending += value.values()
        elif isinstance(value, Path):
            pending += [*value.nodes, *value.relationships]
        elif isinstance(value, list | tuple):
            pending += value
        elif isinstance(value, dict):
            pending += value.values()
        if values > MAX_RESULT_VALUES or chars > MAX_RESULT_CHARS:
            raise CypherLimitExceeded(
                f"the result holds more than {MAX_RESULT_VALUES:,} values or {MAX_RESULT_CHARS:,} characters; "
                "return less: aggregate (count, size), add LIMIT or slice lists"
            )


def _refuse_unless_read_only(
    session: Session, query: str, parameters: dict[str, Any], timeout_s: float
) -> None:
    mode = _EXECUTION_MODE.match(query)
    planned = query if mode is None else query[: mode.start("mode")] + " " * len(mode["mode"]) + query[mode.end():]
    try:
        summary = session.run(Query(_EXPLAIN + planned, timeout=timeout_s), parameters).consume()
    except Neo4jError as error:
        raise _cypher_error(error, timeout_s, shifted_by=_EXPLAIN) from error
    if summary.query_type != _READ_ONLY:
        kind = {"w": "writes", "rw": "reads and writes", "s": "is a schema or DBMS command"}.get(
            str(summary.query_type), f"is of type {summary.query_type!r}"
        )
        raise CypherWriteRefused(f"refused in read-only mode: this query {kind}")
    for operator, details in _plan_operators(summary.plan or {}):
        reason = _outside_a_read(operator, details)
        if reason:
            raise CypherWriteRefused(f"refused in read-only mode: {reason}")


def _plan_operators(plan: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(operator, details) of every step of an EXPLAIN plan, e.g. ('ProcedureCall', 'db.labels() :: ...')."""
    operator = str(plan.get("operatorType", "")).split("@", 1)[0]
    arguments = plan.get("args") or plan.get("arguments") or {}
    yield operator, str(arguments.get("Details") or "")
    for child in plan.get("children") or ():
        yield from _plan_operators(child)


def _outside_a_read(operator: str, details: str) -> str | None:
    """Why this plan step is more than a plain read of the graph, or None when it is one."""
    if operator == _PROCEDURE_CALL:
        procedure = details.split("(", 1)[0].strip()
        if procedure in READ_ONLY_PROCEDURES:
            return None
        return f"{procedure} is not one of the procedures it may call ({', '.join(sorted(READ_ONLY_PROCEDURES))})"
    if operator.startswith(_COMMAND_PREFIXES) and operator not in READ_ONLY_COMMANDS:
        allowed = ", ".join(_command_name(command) for command in sorted(READ_ONLY_COMMANDS))
        return f"{_command_name(operator)} is not one of the commands it may run ({allowed})"
    return _OUTSIDE_A_READ.get(operator)


def _command_name(operator: str) -> str:
    """`ShowTransactions` as the user wrote it: `SHOW TRANSACTIONS`."""
    return " ".join(re.findall(r"[A-Z][a-z]*", operator)).upper()


@contextlib.contextmanager
def _neo4j_errors(timeout_s: float) -> Iterator[None]:
    """Turn driver errors into computekg's: timeouts, lost connections and Neo4j's refusals."""
    try:
        yield
    except (ServiceUnavailable, SessionExpired) as error:
        raise StoreUnavailable(f"lost the connection to Neo4j ({error}); {_NEEDS_NEO4J}") from error
    except Neo4jError as error:
        raise _cypher_error(error, timeout_s) from error


def _cypher_error(error: Neo4jError, timeout_s: float, *, shifted_by: str = "") -> CypherError:
    """computekg's error for Neo4j's, with positions in the user's query when ours was `shifted_by` a prefix."""
    code = error.code or ""
    if "TimedOut" in code:
        return CypherTimeout(
            f"the query ran longer than {timeout_s:g} s and Neo4j stopped it; narrow it down or raise the timeout"
        )
    message = _users_position(error.message or str(error), shifted_by)
    if code.endswith("OutOfMemoryError"):
        return CypherLimitExceeded(
            f"Neo4j stopped the query: it needs more memory than the server allows one query ({message}); "
            "return less: aggregate, add LIMIT or narrow the MATCH"
        )
    return CypherError(f"Neo4j rejected the query: {message}")


def _users_position(message: str, prefix: str) -> str:
    """Neo4j's message about `prefix + query`, with its line and offset counted in the user's query."""
    lines = prefix.count("\n")
    if not lines:
        return message

    def shift(match: re.Match[str]) -> str:
        line, column, offset = (int(match[name]) for name in ("line", "column", "offset"))
        return f"(line {line - lines}, column {column} (offset: {offset - len(prefix)}))"

    return _POSITION.sub(shift, message)


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
