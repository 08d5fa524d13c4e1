"""A graph restricted to one layer: the news, the imported datasets, or both (`Layer`).

Why by evidence and not by where a fact was loaded from: one fact can be stated by an article and by a dataset
row (its evidence then holds both), and it belongs to each layer with the evidence of that layer only, so a
"news only" answer never cites a dataset row, nor a "datasets only" answer an article. The catalog's reference
data (parents) ships with the news and counts as news. Entities all stay, so every name still resolves.

`store_in_layer` gives any store's graph kept to one layer as a store to ask questions of, so that the command
line and the app restrict a store one way, whichever store it is.
"""

from __future__ import annotations

from computekg.graph.choices import Layer, StoreKind
from computekg.graph.model import EvidenceItem, Subgraph
from computekg.graph.store import GraphStore
from computekg.graph.stores import open_store

__all__ = ["in_layer", "store_in_layer"]


def _belongs(evidence: EvidenceItem, layer: Layer) -> bool:
    return layer is Layer.BOTH or (evidence.kind == "dataset") == (layer is Layer.DATASETS)


def in_layer(graph: Subgraph, layer: Layer) -> Subgraph:
    """`graph` with only the facts of `layer`, each with only that layer's evidence.

    >>> from computekg.loaders.bundle import load_bundled_graph
    >>> news = load_bundled_graph()
    >>> in_layer(news, Layer.NEWS) == news, in_layer(news, Layer.DATASETS).relations
    (True, ())
    """
    if layer is Layer.BOTH:
        return graph
    kept = []
    for relation in graph.relations:
        evidence = tuple(item for item in relation.evidence if _belongs(item, layer))
        if evidence:
            kept.append(relation if len(evidence) == len(relation.evidence)
                        else relation.model_copy(update={"evidence": evidence,
                                                         "confidence": max(e.confidence for e in evidence)}))
    return graph.model_copy(update={"relations": tuple(kept)})


def store_in_layer(store: GraphStore, layer: Layer) -> GraphStore:
    """A store answering from `layer`'s facts of `store` only: `store` itself for both layers, else an embedded
    store holding `store`'s graph kept to `layer`.

    Why a copy and not a filter in each query: every question (Cypher on Neo4j, networkx in memory) would need
    the evidence filter, and a fact's confidence is that of the evidence kept; one restricted graph asked the
    usual questions gives the same answer on either store. `store` is read once and left open.

    >>> from computekg.loaders.bundle import load_bundled_graph
    >>> news = open_store(StoreKind.MEMORY); _ = news.load(load_bundled_graph())
    >>> store_in_layer(news, Layer.BOTH) is news, store_in_layer(news, Layer.DATASETS).counts().relations
    (True, 0)
    """
    if layer is Layer.BOTH:
        return store
    restricted = open_store(StoreKind.MEMORY)
    restricted.load(in_layer(store.snapshot(), layer))
    return restricted
