"""GraphML and GEXF (for Gephi, yEd, Cytoscape) through networkx, and GraphML back to a `Subgraph`.

Nodes are keyed by entity id and edges by relationship id, with the flat records of `flat.py` as
attributes plus a `label` (the entity's English name, the relationship's type) that the tools show.
The sources and the `truncated` flag ride along as graph attributes, so `from_graphml` rebuilds the
identical `Subgraph`.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx

from computekg.graph.characters import strip_unexportable
from computekg.graph.model import Source, Subgraph
from computekg.queries.exports.flat import (
    Scalar,
    entity_from_record,
    entity_record,
    relation_from_record,
    relation_record,
)

__all__ = ["to_networkx", "to_graphml", "to_gexf", "read_graphml", "from_graphml"]


def to_networkx(graph: Subgraph) -> nx.MultiDiGraph:
    """A MultiDiGraph whose every attribute is a scalar, as GraphML and GEXF require, and every text one XML can
    hold (`strip_unexportable`: the model refuses the rest, but a store filled by another tool may hold them)."""
    sources = json.dumps([s.model_dump(mode="json", exclude_none=True) for s in graph.sources], ensure_ascii=False)
    network = nx.MultiDiGraph(sources=strip_unexportable(sources), truncated=graph.truncated)
    for entity in graph.entities:
        network.add_node(strip_unexportable(entity.id), **_xml_safe({"label": entity.name, **entity_record(entity)}))
    for relation in graph.relations:
        network.add_edge(strip_unexportable(relation.subject), strip_unexportable(relation.object),
                         key=strip_unexportable(relation.id),
                         **_xml_safe({"label": str(relation.type), **relation_record(relation)}))
    return network


def _xml_safe(record: dict[str, Scalar]) -> dict[str, Scalar]:
    return {key: strip_unexportable(value) if isinstance(value, str) else value for key, value in record.items()}


def to_graphml(graph: Subgraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(graph), buffer, encoding="utf-8", prettyprint=True)
    return _keep_carriage_returns(buffer.getvalue())


def to_gexf(graph: Subgraph) -> bytes:
    network = to_networkx(graph)
    # GEXF reserves an edge's `type` for directed/undirected/mutual, so the relationship type is renamed.
    for _, _, data in network.edges(data=True):
        data["rel_type"] = data.pop("type")
    buffer = io.BytesIO()
    nx.write_gexf(network, buffer, encoding="utf-8", prettyprint=True)
    return _keep_carriage_returns(buffer.getvalue())


def read_graphml(source: Path | bytes) -> nx.MultiDiGraph:
    """A GraphML file (or its bytes) as networkx reads it, with relationship ids as edge keys."""
    data = io.BytesIO(source) if isinstance(source, bytes) else source
    return nx.read_graphml(data, force_multigraph=True, edge_key_type=str)


def from_graphml(source: Path | bytes) -> Subgraph:
    """The `Subgraph` a GraphML export of `to_graphml` holds."""
    network = read_graphml(source)
    return Subgraph(
        entities=tuple(entity_from_record(data) for _, data in network.nodes(data=True)),
        relations=tuple(
            relation_from_record(data, subject=subject, object_=object_)
            for subject, object_, data in network.edges(data=True)
        ),
        sources=tuple(Source.model_validate(s) for s in json.loads(network.graph.get("sources", "[]"))),
        truncated=bool(network.graph.get("truncated", False)),
    )


def _keep_carriage_returns(xml: bytes) -> bytes:
    """Write each carriage return in the data as `&#13;`: XML readers turn a raw one into a line feed.

    The writers emit no carriage return of their own, and in UTF-8 the byte 0x0D is never part of
    another character, so every raw one in the output comes from the data.
    """
    return xml.replace(b"\r", b"&#13;")
