"""A graph restricted to one layer: the news, the imported datasets, or both (`Layer`).

Why by evidence and not by where a fact was loaded from: one fact can be stated by an article and by a dataset
row (its evidence then holds both), and it belongs to each layer with the evidence of that layer only, so a
"news only" answer never cites a dataset row, nor a "datasets only" answer an article. The catalog's reference
data (parents) ships with the news and counts as news. Entities all stay, so every name still resolves.
"""

from __future__ import annotations

from computekg.graph.choices import Layer
from computekg.graph.model import EvidenceItem, Subgraph

__all__ = ["in_layer"]


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
