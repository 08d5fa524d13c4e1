"""The Cypher console's examples and how its results become a table and downloads.

The example queries are text a user starts from and edits; the app itself answers nothing with Cypher.
Each answers a question the other pages answer too, and shows parameters (`$id`) in use.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from pydantic import JsonValue

from computekg.queries.cypher import CypherResult, parameter_value
from computekg.queries.exports.tables import neutralise_cell

__all__ = ["Example", "EXAMPLES", "parse_params", "table_rows", "rows_csv", "rows_json"]


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
