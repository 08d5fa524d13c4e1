"""Kept layers under COMPUTEKG_HOME: written whole, read back validated, laid over the bundled graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from computekg.graph.errors import EntityNotFound
from computekg.graph.model import DatasetEvidence, Relation, Subgraph, relation_key
from computekg.graph.schema import RelType
from computekg.loaders.errors import DataFileError
from computekg.loaders.layers import KeptLayer, keep_layer, kept_layers, remove_layer, with_layers

RECORD = DatasetEvidence(dataset="d", version="v1", file="f.csv", row="1", licence="MIT")


def _layer(subject: str, obj: str) -> KeptLayer:
    key = relation_key(subject, RelType.USES, obj, product=None, quantity=None, amount=None, date=None, status=None)
    fact = Relation(id=key, subject=subject, type=RelType.USES, object=obj, confidence=0.7, evidence=(RECORD,))
    return KeptLayer(name="d", dataset="d", version="v1", licence="MIT", graph=Subgraph(relations=(fact,)))


def test_a_kept_layer_comes_back_over_the_base(tmp_path: Path, seed_graph: Subgraph) -> None:
    layer = _layer("oracle", "nvidia-h100")
    keep_layer(tmp_path, layer, base=seed_graph)
    assert kept_layers(tmp_path) == [layer]
    merged = with_layers(seed_graph, tmp_path)
    assert len(merged.relations) == len(seed_graph.relations) + 1
    assert remove_layer(tmp_path, "d") and with_layers(seed_graph, tmp_path) == seed_graph


def test_a_layer_that_does_not_fit_is_not_kept(tmp_path: Path, seed_graph: Subgraph) -> None:
    with pytest.raises(EntityNotFound):
        keep_layer(tmp_path, _layer("oracle", "no-such-chip"), base=seed_graph)
    assert kept_layers(tmp_path) == []


def test_a_damaged_layer_is_named(tmp_path: Path, seed_graph: Subgraph) -> None:
    keep_layer(tmp_path, _layer("oracle", "nvidia-h100"), base=seed_graph)
    path = tmp_path / "layers" / "d.json"
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(DataFileError, match="d.json: not a readable layer"):
        with_layers(seed_graph, tmp_path)
