"""Layers on screen: the control that keeps a page's answers to the news, the datasets or both, and the name
of the layer a fact comes from.

Why a page says it: a count an article states and a model estimate from a dataset read alike in a table, and a
reader must know which one a row rests on (and which dataset to cite) to weigh it.
"""

from __future__ import annotations

import streamlit as st

from computekg.graph.choices import Layer
from computekg.graph.model import CatalogEvidence, DatasetEvidence, EvidenceItem
from computekg.graph.settings import get_settings

__all__ = ["NEWS", "CATALOG", "evidence_layer", "layer_control"]

NEWS, CATALOG = "news", "catalog"
_CHOICES = tuple(layer.value for layer in Layer)
_HELP = ("Which facts every answer on this page comes from: news (the articles and the catalog's reference data), "
         "datasets (the layers imported with `computekg import`), or both.")


def evidence_layer(evidence: EvidenceItem) -> str:
    """Where an evidence item comes from, as a table's "Layer" column says it: "news" for an article sentence,
    "catalog" for the bundled reference data, and for a dataset record the dataset's own name ("Epoch AI chip
    owners"), which is what a reader needs to find and cite it."""
    if isinstance(evidence, DatasetEvidence):
        return evidence.dataset
    return CATALOG if isinstance(evidence, CatalogEvidence) else NEWS


def layer_control() -> Layer:
    """The layer chosen for the page (COMPUTEKG_LAYER, by default both), kept in the URL like the page's other
    controls; offered on either store, as the command line's `--layer` is."""
    chosen = st.segmented_control("Layer", _CHOICES, default=get_settings().layer.value, required=True,
                                  key="layer", bind="query-params", help=_HELP)
    return Layer(chosen)
