"""Explore: the neighbourhood of any entity, filtered, as a graph, with the evidence behind each fact."""

from __future__ import annotations

import streamlit as st

from computekg.app.ui.cached import catalog
from computekg.app.ui.entity_search import entity_search
from computekg.app.ui.errors import reported_errors
from computekg.app.ui.evidence import fact_labels, show_evidence_panel
from computekg.app.ui.graph_layout import Layout
from computekg.app.ui.graph_view import GraphAction, drawn_edges, show_graph
from computekg.app.ui.history import follow_history
from computekg.app.ui.neighbourhood_view import (
    EXPAND_BY_TYPE,
    expand_by_type,
    explore_view,
    filters_sidebar,
    neighbour_rows,
)
from computekg.app.ui.text import plain
from computekg.app.ui.views import remember_view

SUGGESTIONS = ("tsmc", "nvidia", "bytedance", "volcano-engine", "zhipu-ai", "us-export-controls-2023-10")
LAYOUTS = {Layout.FORCE.value: "Force", Layout.TIERS.value: "Supply tiers (left to right)"}
# Every URL parameter this page's view is made of: Back and Forward restore them all.
VIEW_KEYS = ("entity", "hops", "dir", "types", "kinds", "since", "as_of", "conf", "expand", "focus", "layout",
             EXPAND_BY_TYPE)
_PATHS = "computekg.paths"  # a node menu's "paths" item: the Paths page's parameters


def _focus(element_id: str) -> None:
    st.session_state["focus"] = element_id


def _expand(entity_ids: list[str]) -> None:
    st.session_state["expand"] = sorted({*st.session_state.get("expand", []), *entity_ids})
    st.session_state["focus"] = entity_ids[-1]


def _recentre(entity_id: str) -> None:
    st.session_state["entity"] = entity_id
    st.session_state["expand"] = []
    st.session_state["focus"] = entity_id
    st.session_state[EXPAND_BY_TYPE] = []


def _act(action: GraphAction) -> None:
    """A node's menu item, chosen in the graph."""
    if action.name == "centre":
        _recentre(action.id)
    elif action.name == "expand":
        _expand([action.id])
    elif action.name == "expand_type" and action.type:
        expand_by_type(action.id, action.type)
        _focus(action.id)
    elif action.name == "paths":
        st.session_state[_PATHS] = {"from": action.id}
    elif action.name == "paths_to":
        st.session_state[_PATHS] = {"from": st.session_state.get("entity", ""), "to": action.id}
    else:
        _focus(action.id)


def _neighbour_clicked() -> None:
    rows = st.session_state["neighbours"].selection.rows
    if rows:
        _focus(st.session_state["computekg.neighbour_ids"][rows[0]])


follow_history(VIEW_KEYS)
paths_asked = st.session_state.pop(_PATHS, None)
if paths_asked:
    st.switch_page("views/paths.py", query_params=paths_asked)
cat = catalog()
st.title("Explore")
entity = entity_search("Search an entity", key="entity", suggestions=SUGGESTIONS)
filters = filters_sidebar(cat)
layout = st.sidebar.segmented_control("Layout", list(LAYOUTS), format_func=LAYOUTS.__getitem__,
                                      default=Layout.FORCE.value, required=True, key="layout", bind="query-params")
if entity is None:
    st.stop()

with reported_errors():
    view = explore_view(entity, filters, cat)
graph = view.graph
remember_view("explore", view)
centres = {entity.id, *filters.expanded, *(i for i, _ in filters.expanded_by_type)}

# The focus must name something in view; one left over from another view leaves the URL.
edges = drawn_edges(graph)
edge_labels = {e.id: f"{cat.name(e.subject)} → {cat.name(e.object)}: {e.label}" for e in edges}
facts = fact_labels(graph.relations, cat)
options = [entity.id, *sorted((e.id for e in graph.entities if e.id != entity.id), key=cat.name), *edge_labels,
           *facts]


def label(option: str) -> str:
    if option in cat.entities:
        return cat.name(option)
    return edge_labels.get(option) or f"fact: {facts[option]}"


# The URL holds the focus by its label, the session by its id; either may be left from another view (a new
# centre typed in the box, a link). Set, not deleted: only a value set from Python makes Streamlit take the
# old one off the URL and out of the box.
linked = st.query_params.get("focus")
if st.session_state.get("focus") not in (None, *options) or (
        "focus" not in st.session_state and linked and linked not in {label(o) for o in options}):
    st.session_state["focus"] = entity.id

left, right = st.columns([5, 3], gap="medium")
with left:
    st.caption(f"{len(graph.entities)} entities · {len(graph.relations)} relationships · {filters.describe()}")
    if graph.truncated:
        st.warning("Not everything fits: groups of relationships too big for the cap (one type at one entity, "
                   "e.g. a hub's 30,000 tenants) are left out whole. Pick relationship types or lower the hops.")
    show_graph(graph, key="explore.graph", centres=centres, on_select=_focus, on_expand=_expand, on_action=_act,
               layout=Layout(layout or Layout.FORCE), cat=cat, height=640)
    st.caption("Click a node or an edge for its evidence · double-click a node to expand it · right-click a node "
               "for more (centre, expand by type, paths) · drag to pan, wheel to zoom.")
    st.markdown("**Neighbours** (click a row for its evidence)")
    rows = neighbour_rows(graph, entity.id, cat)
    st.session_state["computekg.neighbour_ids"] = [row["id"] for row in rows]
    st.dataframe(rows, hide_index=True, column_config={"id": None}, key="neighbours", on_select=_neighbour_clicked,
                 selection_mode="single-row")

with right:
    st.subheader("Evidence")

    focus = st.selectbox("Evidence for", options, key="focus", bind="query-params", format_func=label,
                         help="Click a node or an edge in the graph, or a row of the neighbours, to choose it here.")
    if focus in cat.entities and focus != entity.id:
        buttons = st.columns(2)
        if focus not in filters.expanded:
            buttons[0].button("Expand it", on_click=_expand, args=([focus],), icon=":material/unfold_more:")
        buttons[1].button("Centre on it", on_click=_recentre, args=(focus,), icon=":material/center_focus_strong:")
    show_evidence_panel(graph, focus, cat, centres=centres, asked=filters.types)
    if focus in cat.entities:
        st.page_link("views/paths.py", label=f"Paths from {plain(cat.name(focus))} to…", icon=":material/route:",
                     query_params={"from": focus})
