"""Explore: the neighbourhood of any entity, filtered, as a graph, with the evidence behind each fact."""

from __future__ import annotations

import streamlit as st

from computekg.app.ui.cached import catalog
from computekg.app.ui.entity_search import entity_search
from computekg.app.ui.errors import reported_errors
from computekg.app.ui.evidence import fact_labels, show_evidence_panel
from computekg.app.ui.graph_view import show_graph
from computekg.app.ui.neighbourhood_view import explore_graph, filters_sidebar, neighbour_rows
from computekg.app.ui.views import remember_view

SUGGESTIONS = ("tsmc", "nvidia", "bytedance", "volcano-engine", "zhipu-ai", "us-export-controls-2023-10")


def _focus(element_id: str) -> None:
    st.session_state["focus"] = element_id


def _expand(entity_ids: list[str]) -> None:
    st.session_state["expand"] = sorted({*st.session_state.get("expand", []), *entity_ids})
    st.session_state["focus"] = entity_ids[-1]


def _recentre(entity_id: str) -> None:
    st.session_state["entity"] = entity_id
    st.session_state["expand"] = []
    st.session_state["focus"] = entity_id


cat = catalog()
st.title("Explore")
entity = entity_search("Search an entity", key="entity", suggestions=SUGGESTIONS)
filters = filters_sidebar(cat)
if entity is None:
    st.stop()

with reported_errors():
    graph = explore_graph(entity.id, filters)
remember_view("explore", f"Explore: {entity.name} ({filters.describe()})", graph)

left, right = st.columns([5, 3], gap="medium")
with left:
    st.caption(f"{len(graph.entities)} entities · {len(graph.relations)} relationships · {filters.describe()}")
    if graph.truncated:
        st.warning("Not everything fits: groups of relationships too big for the cap (one type at one entity, "
                   "e.g. a hub's 30,000 tenants) are left out whole. Pick relationship types or lower the hops.")
    show_graph(graph, key="explore.graph", centres={entity.id, *filters.expanded}, on_select=_focus,
               on_expand=_expand, height=640)
    st.markdown("**Neighbours**")
    st.dataframe(neighbour_rows(graph, entity.id, cat), hide_index=True, column_config={"id": None})

with right:
    st.subheader("Evidence")
    facts = fact_labels(graph.relations, cat)
    options = [entity.id, *sorted((e.id for e in graph.entities if e.id != entity.id), key=cat.name), *facts]
    focus = st.selectbox("Evidence for", options, key="focus", bind="query-params",
                         format_func=lambda i: cat.name(i) if i in cat.entities else f"fact: {facts[i]}",
                         help="Click a node or an edge in the graph to choose it here.")
    if focus in cat.entities and focus != entity.id:
        buttons = st.columns(2)
        if focus not in filters.expanded:
            buttons[0].button("Expand it", on_click=_expand, args=([focus],), icon=":material/unfold_more:")
        buttons[1].button("Centre on it", on_click=_recentre, args=(focus,), icon=":material/center_focus_strong:")
    show_evidence_panel(graph, focus, cat)
