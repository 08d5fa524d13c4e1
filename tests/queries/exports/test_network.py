"""GraphML and GEXF: networkx reads back exactly what was exported, and GraphML rebuilds the `Subgraph`."""

from __future__ import annotations

import io
import json
import operator

import networkx as nx
import pytest
from export_traps import HANS_QUOTE, HANT_QUOTE

from computekg.graph.model import Subgraph
from computekg.queries.exports.network import from_graphml, read_graphml, to_gexf, to_graphml, to_networkx

GRAPHS = ["seed_graph", "volcano_graph", "tricky_graph"]
# Keys networkx's GraphML reader adds to every graph it reads.
_READER_DEFAULTS = {"node_default", "edge_default"}


@pytest.mark.parametrize("graph_name", GRAPHS)
def test_graphml_reads_back_isomorphic(graph_name: str, request: pytest.FixtureRequest) -> None:
    graph: Subgraph = request.getfixturevalue(graph_name)
    exported = to_networkx(graph)
    back = read_graphml(to_graphml(graph))
    assert isinstance(back, nx.MultiDiGraph)
    assert dict(back.nodes(data=True)) == dict(exported.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(exported.edges(keys=True, data=True))
    assert {k: v for k, v in back.graph.items() if k not in _READER_DEFAULTS} == exported.graph
    assert nx.is_isomorphic(back, exported, node_match=operator.eq, edge_match=operator.eq)


@pytest.mark.parametrize("graph_name", GRAPHS)
def test_from_graphml_rebuilds_the_identical_subgraph(graph_name: str, request: pytest.FixtureRequest) -> None:
    graph: Subgraph = request.getfixturevalue(graph_name)
    assert from_graphml(to_graphml(graph)).canonical() == graph.canonical()


def test_graphml_attributes_are_scalars_with_labels(tricky_graph: Subgraph) -> None:
    network = to_networkx(tricky_graph)
    assert network.nodes["script"]["label"] == "<script>alert('x')</script>"
    assert network.nodes["formula-plus"]["kind"] == "Product"
    edge = next(data for _, _, data in network.edges(data=True) if data["type"] == "SUPPLIES")
    assert edge["label"] == "SUPPLIES"
    assert edge["quantity_text"] == "约1万张" and edge["amount_currency"] == "CNY"
    assert json.loads(edge["evidence_quotes"]) == [HANS_QUOTE, HANT_QUOTE]
    for _, data in network.nodes(data=True):
        assert all(isinstance(value, str | int | float | bool) for value in data.values())


def test_gexf_is_read_by_networkx_with_relationship_ids_and_types(volcano_graph: Subgraph) -> None:
    back = nx.read_gexf(io.BytesIO(to_gexf(volcano_graph)))
    assert set(back.nodes) == volcano_graph.entity_ids()
    assert back.nodes["volcano-engine"]["label"] == "Volcano Engine"
    ids = {data["id"]: data for _, _, data in back.edges(data=True)}
    assert set(ids) == {r.id for r in volcano_graph.relations}
    for relation in volcano_graph.relations:
        assert ids[relation.id]["rel_type"] == relation.type
        assert ids[relation.id]["label"] == relation.type
