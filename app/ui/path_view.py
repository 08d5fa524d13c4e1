"""Paths on screen: each as a chain of names, then hop by hop, each hop's sentence with its evidence."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from computekg.app.ui.cached import Catalog
from computekg.app.ui.evidence import show_relations
from computekg.app.ui.text import plain
from computekg.graph.model import Entity, GraphPath, Relation, Subgraph
from computekg.graph.subgraph_ops import merge_subgraphs
from computekg.queries.supply import SupplyPath

__all__ = ["Hop", "hops_of", "paths_graph", "show_paths"]

# One step of a path: who to whom, and every fact that makes the step.
Hop = tuple[Entity, Entity, tuple[Relation, ...]]


def hops_of(path: GraphPath | SupplyPath) -> list[Hop]:
    if isinstance(path, SupplyPath):
        return [(hop.giver, hop.receiver, hop.relations) for hop in path.hops]
    return [(a, b, (r,)) for a, b, r in zip(path.entities, path.entities[1:], path.relations, strict=False)]


def paths_graph(paths: Sequence[GraphPath | SupplyPath]) -> Subgraph:
    """Every entity and fact along the paths, once."""
    return merge_subgraphs(*(
        Subgraph(entities=tuple(path.entities), relations=tuple(r for hop in hops_of(path) for r in hop[2]))
        for path in paths
    ))


def show_paths(paths: Sequence[GraphPath | SupplyPath], cat: Catalog) -> None:
    for number, path in enumerate(paths, start=1):
        hops = hops_of(path)
        chain = " → ".join(plain(entity.name) for entity in path.entities)
        with st.expander(f"**Path {number}** ({len(hops)} hop{'s' if len(hops) != 1 else ''}): {chain}",
                         expanded=number == 1):
            for step, (giver, receiver, relations) in enumerate(hops, start=1):
                st.markdown(f"**{step}. {plain(giver.name)} → {plain(receiver.name)}**")
                show_relations(relations, cat)
