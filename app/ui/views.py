"""The subgraph each page last showed, kept for the session so the Export page can offer it."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from computekg.graph.model import Subgraph

__all__ = ["View", "remember_view", "remembered_views"]

_KEY = "computekg.views"


@dataclass(frozen=True)
class View:
    """A subgraph on screen and the words that say what it is ('Explore: TSMC, 2 hops')."""

    title: str
    graph: Subgraph


def remember_view(page: str, title: str, graph: Subgraph) -> None:
    st.session_state.setdefault(_KEY, {})[page] = View(title, graph)


def remembered_views() -> dict[str, View]:
    return dict(st.session_state.get(_KEY, {}))
