"""Node-link JSON of a subgraph (the format networkx, d3 and most graph tools read) and back.

Nodes carry `id`, `name`, `aliases` and `labels`; links carry `source`, `target`, `type`, `key`
and the full provenance of the relationship, so the export loses nothing and reads back into
an identical `Subgraph`.
"""

from __future__ import annotations

from typing import Any

from computekg.graph.model import Entity, Relation, Source, Subgraph

__all__ = ["to_node_link", "from_node_link"]


def to_node_link(graph: Subgraph) -> dict[str, Any]:
    nodes = []
    for entity in graph.entities:
        data = entity.model_dump(mode="json", exclude_none=True)
        data["labels"] = [data.pop("kind")]
        data["aliases"] = list(entity.aliases)
        nodes.append(data)
    links = []
    for relation in graph.relations:
        data = relation.model_dump(mode="json", exclude_none=True)
        data["key"] = data.pop("id")
        data["source"] = data.pop("subject")
        data["target"] = data.pop("object")
        links.append(data)
    return {
        "directed": True,
        "multigraph": True,
        "graph": {"sources": [s.model_dump(mode="json", exclude_none=True) for s in graph.sources],
                  "truncated": graph.truncated},
        "nodes": nodes,
        "links": links,
    }


def from_node_link(data: dict[str, Any]) -> Subgraph:
    entities = []
    for node in data["nodes"]:
        fields = dict(node)
        fields["kind"] = fields.pop("labels")[0]
        entities.append(Entity.model_validate(fields))
    relations = []
    for link in data["links"]:
        fields = dict(link)
        fields["id"] = fields.pop("key")
        fields["subject"] = fields.pop("source")
        fields["object"] = fields.pop("target")
        relations.append(Relation.model_validate(fields))
    meta = data.get("graph", {})
    return Subgraph(
        entities=tuple(entities),
        relations=tuple(relations),
        sources=tuple(Source.model_validate(s) for s in meta.get("sources", [])),
        truncated=bool(meta.get("truncated", False)),
    )
