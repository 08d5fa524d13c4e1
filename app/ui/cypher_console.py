"""The Cypher console's examples, how its results become cards, a table and downloads, and its history.

The example queries are text a user starts from and edits; the app itself answers nothing with Cypher.
Each answers a question the other pages answer too, and shows parameters (`$id`) in use.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import JsonValue

from computekg.app.ui.text import plain
from computekg.queries.cypher import CypherResult, parameter_value
from computekg.queries.exports.tables import neutralise_cell

__all__ = ["Example", "EXAMPLES", "HistoryEntry", "parse_params", "table_rows", "rows_csv", "rows_json",
           "card_markdown", "error_parts"]


@dataclass(frozen=True)
class Example:
    title: str
    query: str
    params: dict[str, Any]


EXAMPLES = (
    Example("Neighbours of an entity", "MATCH (e:Entity {id: $id})-[r]-(n:Entity)\nRETURN e, r, n", {"id": "tsmc"}),
    Example("Find an entity by any name (full-text, Chinese or English)",
            "CALL db.index.fulltext.queryNodes('entity_names', $text) YIELD node, score\n"
            "RETURN node.id AS id, node.name AS name, node.name_zh AS name_zh, score\nLIMIT 10",
            {"text": "台积电"}),
    Example("Who supplies an organization, with the quote",
            "MATCH (s:Entity)-[r:SUPPLIES]->(b:Entity {id: $id})\n"
            "RETURN s.name AS supplier, r.product AS product, r.quantity_text AS quantity, r.date AS date,\n"
            "       r.evidence_quotes[0] AS quote",
            {"id": "nvidia"}),
    Example("Tenants of a cloud",
            "MATCH (c:Entity {id: $cloud})-[r:PROVIDES_COMPUTE_TO]->(t:Entity)\nRETURN c, r, t",
            {"cloud": "volcano-engine"}),
    Example("Shortest connection between two entities",
            "MATCH p = shortestPath((a:Entity {id: $from})-[*..6]-(b:Entity {id: $to}))\n"
            "WHERE none(r IN relationships(p) WHERE type(r) = 'MENTIONS')\nRETURN p",
            {"from": "tsmc", "to": "zhipu-ai"}),
    Example("What an export-control rule restricts, and the variants of it",
            "MATCH (p:Policy {id: $policy})-[r:RESTRICTS]->(x:Entity)\n"
            "OPTIONAL MATCH (v:Entity)-[:VARIANT_OF]->(x)\n"
            "RETURN p.name AS policy, x.name AS restricted, collect(v.name) AS variants, "
            "r.evidence_quotes AS quotes",
            {"policy": "us-export-controls-2022-10"}),
    Example("Who holds the most chips",
            "MATCH (h:Entity)-[r:USES|PURCHASED]->(c:Product)\nWHERE r.quantity_value IS NOT NULL\n"
            "RETURN h.name AS holder, c.name AS chip, r.quantity_text AS quantity\n"
            "ORDER BY r.quantity_value DESC\nLIMIT $top",
            {"top": 10}),
    Example("Most connected entities",
            "MATCH (e:Entity)-[r]-(:Entity)\n"
            "RETURN e.name AS entity, labels(e) AS labels, count(r) AS relationships\n"
            "ORDER BY relationships DESC, entity\nLIMIT $top",
            {"top": 10}),
    Example("Entities an article mentions",
            "MATCH (s:Source {id: $source})-[:MENTIONS]->(e:Entity)\n"
            "RETURN s.title AS article, count(e) AS entities, collect(e.name)[..20] AS some_of_them",
            {"source": "002_aaf39e4118fc057e"}),
)


def parse_params(text: str) -> dict[str, Any]:
    """The parameters typed as a JSON object; raises `ValueError` saying what is wrong (`CypherLimitExceeded`
    when they nest too deeply to read)."""
    if not text.strip():
        return {}
    try:
        value = parameter_value(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"parameters are not valid JSON: {error}") from error
    if not isinstance(value, dict):
        raise ValueError("parameters must be a JSON object, e.g. {\"id\": \"tsmc\"}")
    return value


def _cell(value: JsonValue) -> JsonValue:
    """Scalars as they are; nodes, relationships, paths and lists as compact JSON text."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def table_rows(result: CypherResult) -> list[dict[str, JsonValue]]:
    return [{column: _cell(row.get(column)) for column in result.columns} for row in result.rows]


def rows_csv(result: CypherResult) -> str:
    """The rows as CSV, cells neutralised against spreadsheet formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise_cell(column) for column in result.columns])  # a column alias is user text too
    for row in table_rows(result):
        writer.writerow(["" if row[c] is None else neutralise_cell(row[c]) for c in result.columns])
    return buffer.getvalue()


def rows_json(result: CypherResult) -> str:
    return json.dumps({"columns": list(result.columns), "rows": list(result.rows), "truncated": result.truncated},
                      ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class HistoryEntry:
    """One query run in this session: what was asked and what came of it ('12 rows', or the error)."""

    query: str
    params: str
    outcome: str


Names = Callable[[str], str]  # entity id -> the name to show


def card_markdown(value: Any, name: Names) -> str:
    """A result value as a card's Markdown: a node by its name, labels and id; a relationship as the sentence
    'A —TYPE→ B' with its confidence and first quote; a path as its chain; anything else as text.

    Every value from the graph is shown as text (`plain`), never as Markdown.
    """
    if _is_node(value):
        properties = _mapping(value, "properties")
        labels = ", ".join(str(label) for label in value["labels"] or [])
        title = properties.get("name") or properties.get("title") or properties.get("id") or "(node)"
        chinese = f" · {plain(properties['name_zh'])}" if properties.get("name_zh") else ""
        ident = f" · id `{plain(properties['id'])}`" if properties.get("id") else ""
        return f"**{plain(title)}**{chinese}  \n{plain(labels)}{ident}"
    if _is_relationship(value):
        return _relationship_markdown(value, name)
    if isinstance(value, list) and value and all(_is_node(v) or _is_relationship(v) for v in value):
        return _path_markdown(value, name)
    if isinstance(value, list):
        return "; ".join(plain(_scalar(v)) for v in value) or "(empty list)"
    return plain(_scalar(value))


def _relationship_markdown(value: Mapping[str, Any], name: Names) -> str:
    properties = _mapping(value, "properties")
    start, end = str(value["start"]), str(value["end"])
    line = f"**{plain(name(start))}** —{plain(value['type'])}→ **{plain(name(end))}**"
    if isinstance(properties.get("confidence"), int | float):
        line += f" · confidence {properties['confidence']:.2f}"
    quotes = properties.get("evidence_quotes") or []
    if quotes:
        more = f" (+{len(quotes) - 1} more)" if len(quotes) > 1 else ""
        line += f"  \n> {plain(quotes[0])}{more}"
    return line


def _path_markdown(value: list[Any], name: Names) -> str:
    parts = []
    for item in value:
        if _is_node(item):
            properties = _mapping(item, "properties")
            parts.append(f"**{plain(properties.get('name') or properties.get('id') or '(node)')}**")
        else:
            parts.append(f"—{plain(item['type'])}→")
    return " ".join(parts)


def _is_node(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"labels", "properties"}


def _is_relationship(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"type", "start", "end", "properties"}


def _mapping(value: Any, key: str) -> Mapping[str, Any]:
    found = value.get(key) if isinstance(value, dict) else None
    return found if isinstance(found, dict) else {}


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# Neo4j ends a syntax error with the line it could not read, quoted, and a caret under the column.
_EXCERPT = re.compile(r'\n(?P<excerpt>"[^\n]*"\n *\^) *\Z')


def error_parts(message: str) -> tuple[str, str | None]:
    """Neo4j's message split into its words and the excerpt with the caret (None when there is none), so the
    excerpt can be shown in a fixed-width font and the caret stays under the column it names."""
    found = _EXCERPT.search(message)
    if found is None:
        return message, None
    return message[: found.start()].rstrip(), found["excerpt"]
