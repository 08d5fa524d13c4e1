"""The interactive graph: computekg's own SVG widget (`graph_widget.js`, no library, nothing fetched).

What it draws is worked out here: parallel facts between two entities become one edge with a count (the
evidence panel lists them all), an edge is as wide as the largest quantity or amount its facts state and
dashed when every fact is hedged (confidence below 0.6) or not plainly stated (ended, planned, rumoured,
denied), a node is as big as the number of facts it has in view, and the centre is ringed. Positions come
from `graph_layout` (force, or supply tiers left to right) and are kept per widget for the session, so a
view that grows keeps its old nodes where they were.

Clicking a node or an edge selects it; double-clicking a node expands it; right-clicking a node opens its
menu (evidence, centre, expand, expand by one relationship type, paths from it, paths from the centre to
it). Each comes back to Python as a trigger, handled by the page's callbacks before it reruns.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from computekg.app.ui.cached import Catalog
from computekg.app.ui.graph_layout import Layout, Positions, positions
from computekg.graph.model import Relation, Subgraph
from computekg.graph.schema import EntityKind
from computekg.graph.subgraph_ops import merge_subgraphs
from computekg.queries.exports.palette import KIND_COLOURS

__all__ = ["EDGE_PREFIX", "DrawnEdge", "GraphAction", "drawn_edges", "edge_of", "show_graph", "show_legend",
           "subgraph_of", "widget_data"]

EDGE_PREFIX = "edge:"
_HEDGED = 0.6
_ASSETS = Path(__file__).with_name("graph_widget.js")
_CSS = """
.ckg-graph { position: relative; border: 1px solid #d6d6d6; border-radius: 6px; background: #fbfbfb;
  overflow: hidden; font-family: "Source Sans Pro", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; }
.ckg-legend { font-family: "Source Sans Pro", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; font-size: 16px;
  line-height: 1.6; margin-bottom: 1rem; }
.ckg-chip { white-space: nowrap; margin-right: 1em; }
.ckg-dot { display: inline-block; width: .8em; height: .8em; border-radius: 50%; margin-right: .3em; }
.ckg-key { color: #777; }
.ckg-graph:fullscreen { height: 100vh !important; background: #fff; }
.ckg-svg { width: 100%; height: 100%; display: block; cursor: grab; touch-action: none; }
.ckg-bar { position: absolute; top: 6px; right: 6px; display: flex; gap: 4px; z-index: 2; }
.ckg-bar button, .ckg-menu button { font: inherit; font-size: 13px; border: 1px solid #ccc; background: #fff;
  border-radius: 4px; padding: 2px 8px; cursor: pointer; }
.ckg-node { cursor: pointer; } .ckg-edge { cursor: pointer; }
.ckg-label { fill: #222; paint-order: stroke; stroke: #fbfbfb; stroke-width: 3px; stroke-linejoin: round;
  pointer-events: none; }
.ckg-edge-label { fill: #555; paint-order: stroke; stroke: #fbfbfb; stroke-width: 3px; pointer-events: none; }
.ckg-menu { position: absolute; z-index: 3; background: #fff; border: 1px solid #bbb; border-radius: 6px;
  box-shadow: 0 2px 10px rgba(0,0,0,.15); padding: 4px; display: flex; flex-direction: column; min-width: 190px; }
.ckg-menu[hidden] { display: none; }
.ckg-menu button { border: none; text-align: left; padding: 4px 8px; }
.ckg-menu button:hover { background: #eef3ff; }
.ckg-menu-title { font-weight: 600; padding: 4px 8px; border-bottom: 1px solid #eee; margin-bottom: 2px; }
"""
_WIDGET = st.components.v2.component("computekg_graph", html="", css=_CSS, js=_ASSETS.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class DrawnEdge:
    """The facts from one entity to another, drawn as one edge."""

    id: str
    subject: str
    object: str
    relations: tuple[Relation, ...]

    @property
    def label(self) -> str:
        counts = Counter(str(r.type) for r in self.relations)
        return " · ".join(f"{t} ×{n}" if n > 1 else t for t, n in sorted(counts.items()))

    @property
    def dashed(self) -> bool:
        return all(r.confidence < _HEDGED or r.status is not None for r in self.relations)

    @property
    def width(self) -> float:
        """1.5 px, growing with the log of the largest quantity (or amount in units of 10,000) stated."""
        magnitudes = [math.log10(r.quantity.value) for r in self.relations if r.quantity and r.quantity.value >= 1]
        magnitudes += [math.log10(r.amount.value) - 4 for r in self.relations if r.amount and r.amount.value >= 1]
        return round(1.5 + min(max([0.0, *magnitudes]), 6.0), 2)


@dataclass(frozen=True)
class GraphAction:
    """A node's menu item chosen in the graph: `name` (select, centre, expand, expand_type, paths, paths_to) on
    `id`."""

    name: str
    id: str
    type: str | None = None


def drawn_edges(graph: Subgraph) -> list[DrawnEdge]:
    """One edge per (subject, object) pair with every fact between them in that direction, by pair."""
    grouped: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for relation in graph.relations:
        grouped[relation.subject, relation.object].append(relation)
    return [DrawnEdge(f"{EDGE_PREFIX}{s}>{o}", s, o, tuple(sorted(facts, key=lambda r: (-r.confidence, r.id))))
            for (s, o), facts in sorted(grouped.items())]


def edge_of(graph: Subgraph, edge_id: str) -> DrawnEdge | None:
    return next((edge for edge in drawn_edges(graph) if edge.id == edge_id), None)


def subgraph_of(relations: Iterable[Relation], cat: Catalog, *, also: Iterable[str] = ()) -> Subgraph:
    """The relationships with the entities at their ends (and the entities `also`), ready to draw or export."""
    chosen = {relation.id: relation for relation in relations}
    ids = {*also, *(end for r in chosen.values() for end in (r.subject, r.object))}
    entities = tuple(cat.entities[i] for i in sorted(ids) if i in cat.entities)
    return merge_subgraphs(Subgraph(entities=entities, relations=tuple(chosen.values())))


# How the drawn edges read, beside the kinds' colours in every legend.
_EDGE_KEY = "· edge width: quantity or amount · dashed: hedged or not plainly stated · ×n: parallel facts"


def _legend(graph: Subgraph) -> list[dict[str, Any]]:
    """Each entity kind in view, in the schema's order, with its colour and how many there are."""
    counts = Counter(entity.kind for entity in graph.entities)
    return [{"kind": str(kind), "colour": KIND_COLOURS[kind], "count": counts[kind]}
            for kind in EntityKind if kind in counts]


def show_legend(graph: Subgraph) -> None:
    """The legend as a page element, for a page without a graph (the graph widget draws its own)."""
    chips = [
        f'<span style="white-space:nowrap;margin-right:1em"><span style="display:inline-block;width:.8em;'
        f'height:.8em;border-radius:50%;background:{item["colour"]};margin-right:.3em"></span>'
        f'{item["kind"]} ({item["count"]})</span>'
        for item in _legend(graph)
    ]
    st.markdown(" ".join(chips) + f' <span style="color:#777">{_EDGE_KEY}</span>', unsafe_allow_html=True)


def widget_data(graph: Subgraph, where: Positions, *, centres: Collection[str], cat: Catalog | None,
                height: int, layout: Layout = Layout.FORCE) -> dict[str, Any]:
    """What the widget draws: nodes with positions, sizes and colours; merged edges; the kinds in view (the
    legend); the view's identity and the layout that placed it (the drawing says which it shows)."""
    edges = drawn_edges(graph)
    degree: Counter[str] = Counter()
    for edge in edges:
        degree[edge.subject] += len(edge.relations)
        degree[edge.object] += len(edge.relations)
    pairs = {(e.subject, e.object) for e in edges}
    nodes = [
        {"id": e.id, "name": e.name, "kind": str(e.kind), "colour": KIND_COLOURS[e.kind],
         "r": round(9 + 3.2 * math.sqrt(degree[e.id]), 1), "centre": e.id in centres,
         "x": round(where[e.id][0], 1), "y": round(where[e.id][1], 1),
         "types": cat.types_at(e.id) if cat else []}
        for e in graph.entities if e.id in where
    ]
    drawn = [
        {"id": e.id, "source": e.subject, "target": e.object, "label": e.label, "count": len(e.relations),
         "width": e.width, "dashed": e.dashed, "reverse": (e.object, e.subject) in pairs,
         "title": f"{len(e.relations)} fact{'s' if len(e.relations) != 1 else ''}: {e.label}"}
        for e in edges if e.subject in where and e.object in where
    ]
    return {"nodes": nodes, "edges": drawn, "legend": _legend(graph), "edge_key": _EDGE_KEY, "height": height,
            "view_key": _digest(n["id"] for n in nodes), "layout": str(layout)}


def show_graph(
    graph: Subgraph,
    *,
    key: str,
    centres: Collection[str] = (),
    on_select: Callable[[str], None] | None = None,
    on_expand: Callable[[list[str]], None] | None = None,
    on_action: Callable[[GraphAction], None] | None = None,
    layout: Layout = Layout.FORCE,
    cat: Catalog | None = None,
    height: int = 560,
) -> None:
    """Draw `graph` with its legend; clicks call `on_select(node or edge id)`, double-clicks
    `on_expand([node id])`, a node's menu `on_action(GraphAction)`."""
    memory = f"computekg.positions.{key}.{layout}"
    where = positions(graph, layout, previous=st.session_state.get(memory))
    st.session_state[memory] = where
    widget = f"{key}.widget"

    def selected() -> None:
        value = st.session_state[widget].get("select")
        if value and on_select:
            on_select(str(value))

    def expanded() -> None:
        value = st.session_state[widget].get("expand")
        if value and on_expand:
            on_expand([str(value)])

    def acted() -> None:
        value = st.session_state[widget].get("action")
        if value and on_action:
            on_action(GraphAction(str(value["name"]), str(value["id"]), value.get("type")))

    # As tall as its legend and graph (`height` is the graph's).
    _WIDGET(key=widget, data=widget_data(graph, where, centres=centres, cat=cat, height=height, layout=layout),
            on_select_change=selected, on_expand_change=expanded, on_action_change=acted)


def _digest(ids: Iterable[str]) -> str:
    return hashlib.sha1("\n".join(sorted(ids)).encode("utf-8")).hexdigest()[:12]
