"""Subgraphs to export: a real neighbourhood of the seed graph, and a small handmade one full of traps."""

from __future__ import annotations

import pytest
from export_traps import trap_graph

from computekg.graph.memory_store import MemoryStore
from computekg.graph.model import Subgraph
from computekg.queries.exports.selection import with_cited_sources
from computekg.queries.neighbourhood import neighbourhood


@pytest.fixture(scope="session")
def tricky_graph() -> Subgraph:
    return trap_graph()


@pytest.fixture(scope="session")
def volcano_graph(seed_graph: Subgraph) -> Subgraph:
    """Volcano Engine's 2-hop neighbourhood (26 entities, 40 relationships) with the articles it cites."""
    store = MemoryStore()
    store.load(seed_graph, replace=True)
    return with_cited_sources(neighbourhood(store, "volcano-engine", hops=2), seed_graph.sources)


@pytest.fixture(scope="session")
def nvidia_graph(seed_graph: Subgraph) -> Subgraph:
    """NVIDIA's 2-hop neighbourhood (99 entities, 187 relationships) with the articles it cites."""
    store = MemoryStore()
    store.load(seed_graph, replace=True)
    return with_cited_sources(neighbourhood(store, "nvidia", hops=2), seed_graph.sources)
