"""Paths: how two entities are connected, along the flow of supply or by any connection, with evidence."""

from __future__ import annotations

import streamlit as st

from computekg.app.ui.cached import ask, catalog
from computekg.app.ui.entity_search import entity_search
from computekg.app.ui.errors import reported_errors
from computekg.app.ui.graph_layout import Layout
from computekg.app.ui.graph_view import show_graph
from computekg.app.ui.path_view import paths_graph, show_paths
from computekg.app.ui.text import plain
from computekg.app.ui.views import View, file_stem, remember_view
from computekg.graph.store import Direction
from computekg.queries.exports.context import ReportContext
from computekg.queries.paths import shortest_paths
from computekg.queries.supply import supply_paths

SUPPLY, ANY = "Supply flow", "Any connection"
MODES = {
    SUPPLY: "Directed: follows equipment, chips and compute from giver to receiver",
    ANY: "Any relationship, either way",
}

cat = catalog()
st.title("Paths")
source_col, target_col = st.columns(2)
with source_col:
    source = entity_search("From", key="from", suggestions=("tsmc", "asml", "nvidia"))
with target_col:
    target = entity_search("To", key="to", suggestions=("zhipu-ai", "bytedance", "high-flyer"))
mode = st.radio("Kind of path", list(MODES), captions=list(MODES.values()), key="mode", bind="query-params",
                horizontal=True)
hops_col, k_col = st.columns(2)
max_hops = hops_col.slider("Max hops", 1, 8, 6, key="max_hops", bind="query-params")
k = k_col.slider("Paths (k shortest)", 1, 10, 3, key="k", bind="query-params")
if source is None or target is None:
    st.stop()

with reported_errors():
    if mode == SUPPLY:
        found = ask(supply_paths, source.id, target.id, max_hops=max_hops, limit=k)
    else:
        found = ask(shortest_paths, source.id, target.id, max_hops=max_hops, direction=Direction.BOTH, limit=k)

graph = paths_graph(found)
remember_view("paths", View(
    f"Paths: {source.name} → {target.name} ({mode.lower()}, ≤{max_hops} hops)", graph,
    ReportContext(centres=(source.id, target.id),
                  filters=(("From", source.name), ("To", target.name), ("Kind of path", f"{mode}: {MODES[mode]}"),
                           ("Max hops", str(max_hops)), ("Paths", f"up to {k} shortest"))),
    file_stem("paths", source.id, "to", target.id),
))
# The answer first: the chains and their evidence, then the picture of them all.
st.success(f"{len(found)} path{'s' if len(found) != 1 else ''} from {plain(source.name)} to {plain(target.name)}")
answer, picture = st.columns([3, 2], gap="medium")
with answer:
    show_paths(found, cat)
with picture:
    show_graph(graph, key="paths.graph", centres={source.id, target.id}, layout=Layout.TIERS, cat=cat, height=460)
