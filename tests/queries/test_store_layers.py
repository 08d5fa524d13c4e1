"""One layer of a store: `store_in_layer` gives the same graph, kept to the layer, whichever store holds it."""

from __future__ import annotations

import doctest

import pytest
from test_dataset_questions import SHARED

from computekg.graph.choices import Layer
from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import Subgraph
from computekg.graph.store import GraphStore
from computekg.graph.subgraph_ops import merge_subgraphs
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.datasets.eto import import_eto
from computekg.queries import layers
from computekg.queries.layers import in_layer, store_in_layer

ETO = SHARED / "eto-chip-explorer"


@pytest.fixture(scope="module")
def news_and_eto(seed_graph: Subgraph) -> Subgraph:
    """The bundled graph with ETO's layer over it: facts of either layer, and facts stated by both."""
    return merge_subgraphs(seed_graph, import_eto(ETO, AliasIndex(seed_graph.entities)).graph)


def test_docstring_examples_run() -> None:
    assert doctest.testmod(layers).failed == 0


@pytest.mark.parametrize("layer", [Layer.NEWS, Layer.DATASETS])
def test_a_layer_of_either_store_is_that_layer_of_its_graph(
    empty_store: GraphStore, news_and_eto: Subgraph, layer: Layer
) -> None:
    empty_store.load(news_and_eto)
    expected = MemoryStore()
    expected.load(in_layer(news_and_eto, layer))
    restricted = store_in_layer(empty_store, layer)
    assert restricted is not empty_store and restricted.name == "memory"
    assert restricted.snapshot() == expected.snapshot()
    kinds = {evidence.kind for relation in restricted.snapshot().relations for evidence in relation.evidence}
    if layer is Layer.DATASETS:
        assert kinds == {"dataset"}
    else:
        assert kinds and "dataset" not in kinds
    assert empty_store.counts().relations > restricted.counts().relations, "the store itself is left whole, open"


def test_both_layers_are_the_store_itself(empty_store: GraphStore) -> None:
    assert store_in_layer(empty_store, Layer.BOTH) is empty_store
