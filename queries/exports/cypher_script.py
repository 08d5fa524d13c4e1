"""A Cypher script that recreates a subgraph in an empty Neo4j, in the layout of computekg's Neo4j store.

Why a script of literals: it must run anywhere (cypher-shell, Neo4j Browser, a driver) without
parameters. So every value is written as a Cypher literal by `cypher_literal`, which escapes
backslashes, quotes, line breaks and unprintable characters; labels and relationship types come
only from `EntityKind`, `RelType` and `MENTIONS`. Every node and relationship is MERGEd by id, so
running the script twice changes nothing. One statement per line, each ending with `;`.

The layout is the store's own: the same constraints and full-text index (`neo4j_cypher`), the same
node and relationship properties (`neo4j_store`), and MENTIONS links from each source the subgraph
holds to the entities its evidence supports.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from computekg.graph import neo4j_cypher
from computekg.graph.model import Entity, Relation, Source, Subgraph, article_evidence
from computekg.graph.neo4j_store import entity_properties, relation_properties
from computekg.graph.schema import MENTIONS, EntityKind
from computekg.graph.subgraph_ops import source_mentions

__all__ = ["cypher_literal", "cypher_statements", "to_cypher"]

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_PLAIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ENTITY = neo4j_cypher.ENTITY_LABEL
_SOURCE = EntityKind.SOURCE


def cypher_literal(value: Any) -> str:
    r"""`value` (None, bool, int, float, str, list or str-keyed map) as a Cypher literal.

    >>> print(cypher_literal("it's a \\ test\n"))
    'it\'s a \\ test\n'
    >>> print(cypher_literal({"ids": [1, 2.5e20, True], "odd key": None}))
    {ids: [1, 2.5e20, true], `odd key`: null}
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"Cypher has no literal for {value!r}")
        return repr(value).replace("e+", "e")  # Cypher's exponent takes no '+'
    if isinstance(value, str):
        return "'" + "".join(_escape(ch) for ch in value) + "'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_name(key)}: {cypher_literal(item)}" for key, item in value.items()) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def cypher_statements(graph: Subgraph) -> list[str]:
    """The script's statements, without their `;`: schema first, then nodes, facts and MENTIONS links."""
    return [
        *neo4j_cypher.schema_statements(),
        *(_entity_statement(entity) for entity in graph.entities),
        *(_source_statement(source) for source in graph.sources),
        *(_relation_statement(relation) for relation in graph.relations),
        *(_mention_statement(source_id, entity_id) for source_id, entity_id in _mentions(graph)),
    ]


def to_cypher(graph: Subgraph) -> str:
    header = (
        f"// computekg: {len(graph.entities)} entities, {len(graph.relations)} relationships, "
        f"{len(graph.sources)} sources.\n"
        "// Recreates them in an empty Neo4j 5 with the layout of computekg's Neo4j store; every node and\n"
        "// relationship is MERGEd by id, so running the script twice changes nothing.\n"
        "// Run it with: cypher-shell -f <this file>\n"
    )
    return header + "".join(f"{statement};\n" for statement in cypher_statements(graph))


def _entity_statement(entity: Entity) -> str:
    kind = EntityKind(entity.kind)
    return (
        f"MERGE (n:{_ENTITY} {{id: {cypher_literal(entity.id)}}}) "
        f"SET n = {cypher_literal(entity_properties(entity))}, n:{kind}"
    )


def _source_statement(source: Source) -> str:
    properties = source.model_dump(mode="json", exclude_none=True)
    return f"MERGE (s:{_SOURCE} {{id: {cypher_literal(source.id)}}}) SET s = {cypher_literal(properties)}"


def _relation_statement(relation: Relation) -> str:
    return (
        f"MATCH (a:{_ENTITY} {{id: {cypher_literal(relation.subject)}}}) "
        f"MATCH (b:{_ENTITY} {{id: {cypher_literal(relation.object)}}}) "
        f"MERGE (a)-[r:{relation.type} {{id: {cypher_literal(relation.id)}}}]->(b) "
        f"SET r = {cypher_literal(relation_properties(relation))}"
    )


def _mention_statement(source_id: str, entity_id: str) -> str:
    return (
        f"MATCH (s:{_SOURCE} {{id: {cypher_literal(source_id)}}}) "
        f"MATCH (e:{_ENTITY} {{id: {cypher_literal(entity_id)}}}) "
        f"MERGE (s)-[:{MENTIONS}]->(e)"
    )


def _mentions(graph: Subgraph) -> list[tuple[str, str]]:
    """The store's MENTIONS links, for the sources the subgraph holds (a neighbourhood may hold none)."""
    held = {source.id for source in graph.sources}
    cited_here = tuple(
        r.model_copy(update={"evidence": tuple(ev for ev in article_evidence(r) if ev.source_id in held)})
        for r in graph.relations
    )
    return source_mentions(graph.model_copy(update={"relations": cited_here}))


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if ch.isprintable():
        return ch
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _name(key: str) -> str:
    """A map key as Cypher reads it: plain, or back-quoted (with back quotes doubled)."""
    return key if _PLAIN_NAME.match(key) else "`" + key.replace("`", "``") + "`"
