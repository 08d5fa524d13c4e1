"""A picture of a subgraph (SVG, PNG): nodes coloured by kind with a legend, edges labelled with their type.

Why matplotlib's object API and not pyplot: no global figure state and no GUI backend, so it runs
headless and in parallel. Labels are the English names, because the fonts matplotlib ships have no
Chinese glyphs. The spring layout has a fixed seed and the SVG a fixed id salt and no date, so the
same subgraph always gives the same picture. SVG text stays text (searchable, selectable).
Readable up to about 60 entities; larger subgraphs still draw, only more crowded.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections import defaultdict

import matplotlib
import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from computekg.graph.model import Subgraph
from computekg.graph.schema import EntityKind
from computekg.queries.exports.palette import KIND_COLOURS

__all__ = ["layout", "to_svg", "to_png"]

_SEED = 7
_NODE_SIZE = 260  # points², also how far arrows stop short of a node's centre
_LABEL_WIDTH = 18  # characters per line of a node label
_EDGE_LABEL_AT = 0.6  # where along an edge, from its more connected end, its label sits
_RC = {"svg.hashsalt": "computekg", "svg.fonttype": "none", "font.family": "DejaVu Sans"}


def layout(graph: Subgraph) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]² for every entity: a spring layout, seeded, so it is the same every time.

    The repulsion is raised above networkx's default so that labels of neighbouring nodes have room.
    """
    network = nx.Graph()
    network.add_nodes_from(sorted(graph.entity_ids()))
    network.add_edges_from(sorted((r.subject, r.object) for r in graph.relations))
    if network.number_of_nodes() == 0:
        return {}
    spread = 3.0 / math.sqrt(network.number_of_nodes())
    positions = nx.spring_layout(network, k=spread, iterations=500, seed=_SEED)
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def to_svg(graph: Subgraph, *, title: str) -> str:
    return _render(graph, title, "svg").decode("utf-8")


def to_png(graph: Subgraph, *, title: str) -> bytes:
    return _render(graph, title, "png")


def _render(graph: Subgraph, title: str, file_format: str) -> bytes:
    with matplotlib.rc_context(_RC):
        figure = _figure(graph, title)
        buffer = io.BytesIO()
        metadata = {"Date": None} if file_format == "svg" else {"Software": None}
        figure.savefig(buffer, format=file_format, dpi=150, metadata=metadata, bbox_inches="tight")
    return buffer.getvalue()


def _figure(graph: Subgraph, title: str) -> Figure:
    entities = {e.id: e for e in graph.entities}
    positions = layout(graph)
    side = min(22.0, max(8.0, 4.0 + 0.3 * len(entities)))
    figure = Figure(figsize=(side, side * 0.8))
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_title(title, fontsize=14)

    network = nx.DiGraph()
    network.add_nodes_from(positions)
    network.add_edges_from((r.subject, r.object) for r in graph.relations if r.subject in positions
                           and r.object in positions)
    nx.draw_networkx_edges(network, positions, ax=axes, node_size=_NODE_SIZE, edge_color="#666666", width=1.0,
                           arrows=True, arrowstyle="-|>", arrowsize=12)
    nodes = sorted(positions)
    nx.draw_networkx_nodes(network, positions, nodelist=nodes, ax=axes, node_size=_NODE_SIZE,
                           node_color=[KIND_COLOURS[entities[n].kind] for n in nodes],
                           edgecolors="#333333", linewidths=0.8)
    degrees = dict(network.degree())
    for (a, b), text in _edge_labels(graph, positions).items():
        # Nearer the less connected end: around a hub the labels of its many edges would pile up.
        hub, leaf = (a, b) if degrees[a] >= degrees[b] else (b, a)
        (hx, hy), (lx, ly) = positions[hub], positions[leaf]
        axes.text(hx + _EDGE_LABEL_AT * (lx - hx), hy + _EDGE_LABEL_AT * (ly - hy), text, fontsize=6.5,
                  color="#333333", ha="center", va="center", zorder=3,
                  bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    for node, (x, y) in positions.items():
        axes.annotate(textwrap.fill(entities[node].name, _LABEL_WIDTH), (x, y), xytext=(0, -11),
                      textcoords="offset points", ha="center", va="top", fontsize=8,
                      bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.75})
    kinds = [kind for kind in EntityKind if any(e.kind is kind for e in graph.entities)]
    axes.legend(
        handles=[Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=KIND_COLOURS[k],
                        markeredgecolor="#333333", label=str(k)) for k in kinds],
        loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, title="entity kind",
    )
    axes.margins(0.08)
    return figure


def _edge_labels(graph: Subgraph, positions: dict[str, tuple[float, float]]) -> dict[tuple[str, str], str]:
    """One label per connected pair (drawn once for both directions): its relationship types, one a line."""
    types: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for relation in graph.relations:
        if relation.subject in positions and relation.object in positions:
            pair = (relation.subject, relation.object)
            key = pair if pair in types or pair[::-1] not in types else pair[::-1]
            types[key].append(str(relation.type))
    return {pair: "\n".join(sorted(set(names))) for pair, names in types.items()}
