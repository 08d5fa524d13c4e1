"""Entities and relationships as flat records of scalars, for formats without nested values (GraphML, GEXF, CSV).

Why the Neo4j store's layout: attribute names are then the property names a Cypher user sees
(`quantity_value`, `amount_currency`, the parallel `evidence_*` lists, `evidence_kinds` and the catalog and
dataset `evidence_records`), so every export of the graph
speaks one vocabulary, and the store's own conversions read a record back. The only change is that
lists (aliases, roles, evidence) become JSON strings, because GraphML and CSV cells hold scalars.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from computekg.graph.model import Entity, Relation
from computekg.graph.neo4j_store import (
    entity_from_properties,
    entity_properties,
    relation_from_properties,
    relation_properties,
)

__all__ = [
    "Scalar",
    "LIST_ATTRIBUTES",
    "entity_record",
    "relation_record",
    "entity_from_record",
    "relation_from_record",
]

Scalar = str | int | float | bool

# The attributes that hold a list (as a JSON string); reading a record back decodes exactly these.
LIST_ATTRIBUTES = frozenset(
    {
        "aliases",
        "former_names",
        "weak_aliases",
        "tickers",
        "roles",
        "evidence_source_ids",
        "evidence_quotes",
        "evidence_dates",
        "evidence_fact_ids",
        "evidence_confidences",
        "evidence_kinds",
        "evidence_records",
    }
)
# Catalog and dataset evidence: the store keeps each item as a JSON text; a record holds them as JSON objects,
# so a spreadsheet shows `{"dataset": "…", "licence": "…"}` rather than a quoted string inside an array.
_RECORDS = "evidence_records"
_KINDS = "evidence_kinds"
_EVIDENCE_COLUMNS = sorted(name for name in LIST_ATTRIBUTES if name.startswith("evidence_"))


def entity_record(entity: Entity) -> dict[str, Scalar]:
    """The entity's fields as scalars; absent fields are left out."""
    return _scalars(entity_properties(entity))


def relation_record(relation: Relation) -> dict[str, Scalar]:
    """The relationship's id, type and properties as scalars; its ends are the caller's to place.

    Every evidence column is filled, `[]` when the store would leave the list out, so a table has no blank
    cell to puzzle over and `evidence_kinds` says what each item is.
    """
    properties = {name: [] for name in _EVIDENCE_COLUMNS} | relation_properties(relation)
    properties[_KINDS] = [evidence.kind for evidence in relation.evidence]
    return _scalars({"id": relation.id, "type": str(relation.type), **properties})


def entity_from_record(record: Mapping[str, Any]) -> Entity:
    """The entity a record describes; attributes it does not know (labels for graph tools) are ignored."""
    return entity_from_properties(_lists(record))


def relation_from_record(record: Mapping[str, Any], *, subject: str, object_: str) -> Relation:
    return relation_from_properties(_lists(record), subject=subject, object_=object_)


def _scalars(properties: Mapping[str, Any]) -> dict[str, Scalar]:
    unexpected = {key for key, value in properties.items() if isinstance(value, list)} - LIST_ATTRIBUTES
    if unexpected:  # a list the reader would not decode: fail here rather than export what cannot be read back
        raise ValueError(f"list attributes missing from LIST_ATTRIBUTES: {sorted(unexpected)}")
    return {
        key: json.dumps([json.loads(item) for item in value] if key == _RECORDS else value, ensure_ascii=False)
        if key in LIST_ATTRIBUTES else value
        for key, value in properties.items()
    }


def _lists(record: Mapping[str, Any]) -> dict[str, Any]:
    lists = {key: json.loads(value) if key in LIST_ATTRIBUTES else value for key, value in record.items()}
    if _RECORDS in lists:
        lists[_RECORDS] = [json.dumps(item, ensure_ascii=False) for item in lists[_RECORDS]]
    return lists
