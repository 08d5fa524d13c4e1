"""The interactive graph: a Cytoscape.js view (st-link-analysis, its JavaScript shipped in the wheel, so it
needs no network), nodes coloured by entity kind with a legend, edges labelled with their type.

Clicking a node or an edge selects it (its properties show in the widget's side panel and the app's
evidence panel follows); double-clicking a node, or its expand button, expands it. Both come back to
Python through the widget's value, handled in `on_change` before the page reruns.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Callable, Collection, Iterable
from typing import Any

import streamlit as st
from st_link_analysis import EdgeStyle, Event, NodeStyle, st_link_analysis

from computekg.app.ui.cached import Catalog
from computekg.graph.model import Entity, Relation, Subgraph
from computekg.graph.schema import EntityKind, RelType
from computekg.graph.subgraph_ops import merge_subgraphs
from computekg.queries.exports.palette import KIND_COLOURS

__all__ = ["KIND_ICONS", "show_graph", "show_legend", "subgraph_of"]

# Material icons the widget ships (`st_link_analysis.component.icons.SUPPORTED_ICONS`).
KIND_ICONS: dict[EntityKind, str] = {
    EntityKind.ORGANIZATION: "business",
    EntityKind.PRODUCT: "storage",
    EntityKind.MODEL: "science",
    EntityKind.FACILITY: "warehouse",
    EntityKind.POLICY: "assured_workload",
    EntityKind.PERSON: "person",
    EntityKind.PLACE: "place",
    EntityKind.SOURCE: "description",
}
# fCoSE (bundled with the widget): a force-directed layout that uses the whole canvas; spread wider than the
# widget's default so that labels stay readable.
_LAYOUT: dict[str, Any] = {
    "name": "fcose", "quality": "proof", "randomize": True, "animate": False, "fit": True, "padding": 24,
    "nodeDimensionsIncludeLabels": True, "idealEdgeLength": 90, "nodeRepulsion": 9000, "nodeSeparation": 90,
    "packComponents": True,
}
_SELECT = "select"
_EXPAND = "expand"


class _Style:
    """A raw Cytoscape style rule, for what `NodeStyle`/`EdgeStyle` cannot say (the centre's ring, label sizes)."""

    def __init__(self, selector: str, style: dict[str, Any]) -> None:
        self.selector = selector
        self.style = style

    def dump(self) -> dict[str, Any]:
        return {"selector": self.selector, "style": self.style}


# st-link-analysis 0.4 warns about its deprecated `labeled` argument even when it is not passed.
warnings.filterwarnings("ignore", message="Paramter `labeled` is deprecated")

_NODE_STYLES = [NodeStyle(str(kind), KIND_COLOURS[kind], "name", KIND_ICONS[kind]) for kind in EntityKind]
_EDGE_STYLES = [EdgeStyle(str(rel_type), caption="label", directed=True) for rel_type in RelType]
_EXTRA_STYLES = [
    _Style("node", {"font-size": 11, "text-wrap": "wrap", "text-max-width": 110}),
    _Style("edge", {"font-size": 9, "text-rotation": "autorotate", "min-zoomed-font-size": 4}),
    _Style("node[?centre]", {"border-width": 4, "border-color": "#222222", "width": 44, "height": 44}),
]


def subgraph_of(relations: Iterable[Relation], cat: Catalog, *, also: Iterable[str] = ()) -> Subgraph:
    """The relationships with the entities at their ends (and the entities `also`), ready to draw or export."""
    chosen = {relation.id: relation for relation in relations}
    ids = {*also, *(end for r in chosen.values() for end in (r.subject, r.object))}
    entities = tuple(cat.entities[i] for i in sorted(ids) if i in cat.entities)
    return merge_subgraphs(Subgraph(entities=entities, relations=tuple(chosen.values())))


def show_legend(graph: Subgraph) -> None:
    """The colour of each entity kind in view, with how many there are."""
    counts: dict[EntityKind, int] = {}
    for entity in graph.entities:
        counts[entity.kind] = counts.get(entity.kind, 0) + 1
    chips = [
        f'<span style="white-space:nowrap;margin-right:1em"><span style="display:inline-block;width:.8em;'
        f'height:.8em;border-radius:50%;background:{KIND_COLOURS[kind]};margin-right:.3em"></span>'
        f"{kind} ({counts[kind]})</span>"
        for kind in EntityKind
        if kind in counts
    ]
    st.markdown(" ".join(chips), unsafe_allow_html=True)


def show_graph(
    graph: Subgraph,
    *,
    key: str,
    centres: Collection[str] = (),
    on_select: Callable[[str], None] | None = None,
    on_expand: Callable[[list[str]], None] | None = None,
    layout: dict[str, Any] | None = None,
    height: int = 560,
) -> None:
    """Draw `graph`; clicks call `on_select(element id)`, expansions `on_expand(node ids)`."""
    show_legend(graph)
    # A new view gets a new widget: a fresh layout fitted to it, and no selection left over from the last one.
    key = f"{key}.{_digest(graph)}"
    elements = {
        "nodes": [{"data": _node_data(entity, entity.id in centres)} for entity in graph.entities],
        "edges": [{"data": _edge_data(relation)} for relation in graph.relations],
    }

    def dispatch() -> None:
        event = st.session_state.get(key) or {}
        data = event.get("data") or {}
        if event.get("action") == _EXPAND and on_expand and data.get("node_ids"):
            on_expand([str(node) for node in data["node_ids"]])
        elif event.get("action") == _SELECT and on_select and data.get("target_id"):
            on_select(str(data["target_id"]))

    st_link_analysis(
        elements,
        layout=layout or _LAYOUT,
        node_styles=[*_NODE_STYLES, *_EXTRA_STYLES],
        edge_styles=_EDGE_STYLES,
        height=height,
        key=key,
        on_change=dispatch,
        node_actions=[_EXPAND] if on_expand else [],
        events=[Event(_SELECT, "tap", "node, edge")] if on_select else [],
    )


def _digest(graph: Subgraph) -> str:
    ids = sorted([*(e.id for e in graph.entities), *(r.id for r in graph.relations)])
    return hashlib.sha1("\n".join(ids).encode("utf-8")).hexdigest()[:12]


def _node_data(entity: Entity, centre: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"id": entity.id, "label": str(entity.kind), "name": entity.name}
    if entity.name_zh:
        data["name_zh"] = entity.name_zh
    if entity.name_zh_hant and entity.name_zh_hant != entity.name_zh:
        data["name_zh_hant"] = entity.name_zh_hant
    if entity.roles:
        data["roles"] = ", ".join(str(role) for role in entity.roles)
    if entity.description:
        data["description"] = entity.description
    if centre:
        data["centre"] = True
    return data


def _edge_data(relation: Relation) -> dict[str, Any]:
    first = relation.evidence[0]
    data: dict[str, Any] = {
        "id": relation.id, "source": relation.subject, "target": relation.object, "label": str(relation.type),
        "confidence": relation.confidence, "quote": first.quote, "article": first.source_id,
    }
    if relation.date:
        data["date"] = relation.date
    if relation.quantity:
        data["quantity"] = relation.quantity.text
    if relation.amount:
        data["amount"] = relation.amount.text
    return data
