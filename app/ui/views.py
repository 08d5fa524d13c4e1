"""The subgraph each page last showed, kept for the session so the Export page can offer it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import streamlit as st

from computekg.graph.model import Subgraph
from computekg.queries.exports.context import ReportContext

__all__ = ["View", "file_stem", "remember_view", "remembered_views"]

_KEY = "computekg.views"
_UNSAFE = re.compile(r"[^a-z0-9]+")


def file_stem(*parts: str) -> str:
    """A download's file name without suffix, named after the view: `file_stem("nvidia", "2hop")`.

    >>> file_stem("Paths", "tsmc", "to", "zhipu-ai")
    'computekg-paths-tsmc-to-zhipu-ai'
    """
    words = [_UNSAFE.sub("-", part.casefold()).strip("-") for part in ("computekg", *parts)]
    return "-".join(word for word in words if word)[:120]


@dataclass(frozen=True)
class View:
    """A subgraph on screen, the words that say what it is ('Explore: TSMC, 2 hops'), what a report says about
    it (centre, filters) and the name its downloads get."""

    title: str
    graph: Subgraph
    context: ReportContext = field(default_factory=ReportContext)
    stem: str = "computekg-subgraph"


def remember_view(page: str, view: View) -> None:
    st.session_state.setdefault(_KEY, {})[page] = view


def remembered_views() -> dict[str, View]:
    return dict(st.session_state.get(_KEY, {}))
