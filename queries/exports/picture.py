"""A picture of a subgraph (SVG, PNG): nodes coloured by kind with a legend, edges labelled with their type.

Why matplotlib's object API and not pyplot: no global figure state and no GUI backend, so it runs
headless and in parallel. Labels are the English names, because the fonts matplotlib ships have no
Chinese glyphs. The spring layout has a fixed seed and the SVG a fixed id salt and no date, so the
same subgraph always gives the same picture. SVG text stays text (searchable, selectable).
The view's centre entities (`ReportContext.centres`) are drawn larger, ringed in red, with bold labels.
Readable up to about 60 entities; larger subgraphs still draw, only more crowded.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections import defaultdict

import matplotlib
import networkx as nx
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from computekg.graph.characters import strip_unexportable
from computekg.graph.model import Subgraph
from computekg.graph.schema import EntityKind
from computekg.queries.exports.context import ReportContext
from computekg.queries.exports.files import ExportError
from computekg.queries.exports.palette import KIND_COLOURS
from computekg.queries.exports.reader_text import reader_name

__all__ = ["MAX_PICTURE_ENTITIES", "layout", "to_svg", "to_png"]

_SEED = 7
_NODE_SIZE = 260  # points², also how far arrows stop short of a node's centre
_CENTRE_SIZE = 560
_CENTRE_RING = "#c62828"
_LABEL_WIDTH = 18  # characters per line of a node label
# Sizes in inches of what is drawn, for keeping labels apart (8 pt DejaVu Sans).
_CHAR_WIDTH = 0.068
_LINE_HEIGHT = 0.14
_DOT = 0.25
_GAP = 0.08
_EDGE_CLEARANCE = 0.06  # how far a label keeps from edges its entity is not an end of
_INCHES_PER_ROOT_NODE = 1.35  # the half-width of the drawing grows with √(number of entities) …
_MAX_HALF_WIDTH = 5.5  # … up to this, so the figure fits a page at full size (labels readable as printed)
_EDGE_LABEL_AT = 0.6  # where along an edge, from its more connected end, its label sits
_PAD = 0.9  # room around the outermost dots for their labels
_LEGEND_WIDTH = 1.8
_TITLE_HEIGHT = 0.6
_FULL_UNTANGLING = 50  # entities up to which labels are nudged apart for as many rounds as they need
# Beyond a few hundred labelled dots a picture cannot be read (and networkx's layout would need scipy).
MAX_PICTURE_ENTITIES = 400


def layout(graph: Subgraph, *, centre: str | None = None) -> dict[str, tuple[float, float]]:
    """Where each entity's dot goes, in inches: a seeded spring layout, then nudged apart (see `_untangled`).

    The drawing grows with the square root of the number of entities, so its density stays about the same,
    until it is as wide as a page; beyond that it gets denser rather than wider (a figure a reader must shrink
    to see has unreadable labels). A `centre` is held in the middle, where a reader looks first.
    """
    ids = graph.entity_ids()
    network = nx.Graph()
    network.add_nodes_from(sorted(ids))
    network.add_edges_from(sorted((r.subject, r.object) for r in graph.relations if {r.subject, r.object} <= ids))
    if network.number_of_nodes() == 0:
        return {}
    spread = 3.0 / math.sqrt(network.number_of_nodes())
    scale = min(_INCHES_PER_ROOT_NODE * math.sqrt(network.number_of_nodes()), _MAX_HALF_WIDTH)
    if centre in ids and network.number_of_nodes() > 1:
        # networkx does not rescale a layout with fixed nodes, so it is scaled here, about the centre.
        spring = nx.spring_layout(network, k=spread, iterations=500, seed=_SEED, pos={centre: (0.0, 0.0)},
                                  fixed=[centre])
        reach = max(max(abs(x), abs(y)) for x, y in spring.values()) or 1.0
        spring = {node: (x * scale / reach, y * scale / reach) for node, (x, y) in spring.items()}
    else:
        spring = nx.spring_layout(network, k=spread, iterations=500, seed=_SEED, scale=scale)
    names = {e.id: reader_name(e) for e in graph.entities}
    return _untangled(
        {node: (float(x), float(y)) for node, (x, y) in spring.items()},
        {node: _label_box(names[node]) for node in network},
        sorted(network.edges()),
        # Each round costs edges × entities; past about 50 entities the nudging settles little more after
        # 40 rounds but would take seconds (a 99-entity view: 3.1 s of 4.3 s for the whole HTML report).
        rounds=200 if network.number_of_nodes() <= _FULL_UNTANGLING else 40,
    )


def to_svg(graph: Subgraph, *, title: str, context: ReportContext | None = None) -> str:
    return _render(graph, title, frozenset(context.centres if context else ()), "svg").decode("utf-8")


def to_png(graph: Subgraph, *, title: str, context: ReportContext | None = None) -> bytes:
    return _render(graph, title, frozenset(context.centres if context else ()), "png")


def _render(graph: Subgraph, title: str, centres: frozenset[str], file_format: str) -> bytes:
    if len(graph.entities) > MAX_PICTURE_ENTITIES:
        raise ExportError(
            f"a picture of {len(graph.entities):,} entities cannot be read (at most {MAX_PICTURE_ENTITIES}): draw a "
            "part of the graph (--entity, --path or --cypher), or export graphml or gexf for Gephi")
    # A fixed id salt for reproducible SVG; SVG text as text; the font matplotlib ships (Latin only); names
    # drawn as they are written, never parsed as math (a name with `$…$` would be mathtext, or fail to parse).
    with matplotlib.rc_context({"svg.hashsalt": "computekg", "svg.fonttype": "none", "font.family": "DejaVu Sans",
                                "text.parse_math": False}):
        figure = _figure(graph, strip_unexportable(title), centres)  # SVG is XML: see `computekg.graph.characters`
        buffer = io.BytesIO()
        metadata = {"Date": None} if file_format == "svg" else {"Software": None}
        # No bbox_inches="tight": it draws the whole figure twice, and the figure is already sized to its content.
        figure.savefig(buffer, format=file_format, dpi=150, metadata=metadata)
    return buffer.getvalue()


def _figure(graph: Subgraph, title: str, centres: frozenset[str]) -> Figure:
    entities = {e.id: e for e in graph.entities}
    positions = layout(graph, centre=min(centres) if len(centres) == 1 else None)
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    # One unit of the axes is one inch of the figure, so the sizes `layout` kept apart hold on paper.
    width, height = max(xs) - min(xs) + 2 * _PAD, max(ys) - min(ys) + 2 * _PAD
    figure = Figure(figsize=(width + _LEGEND_WIDTH, height + _TITLE_HEIGHT))
    axes = figure.add_axes((0, 0, width / (width + _LEGEND_WIDTH), height / (height + _TITLE_HEIGHT)))
    axes.set_xlim(min(xs) - _PAD, max(xs) + _PAD)
    axes.set_ylim(min(ys) - _PAD, max(ys) + _PAD)
    axes.set_axis_off()
    figure.suptitle(title, fontsize=14, x=width / 2 / (width + _LEGEND_WIDTH), ha="center")

    network = nx.DiGraph()
    network.add_nodes_from(positions)
    network.add_edges_from((r.subject, r.object) for r in graph.relations if r.subject in positions
                           and r.object in positions)
    nodes = sorted(positions)
    sizes = [_CENTRE_SIZE if n in centres else _NODE_SIZE for n in nodes]
    nx.draw_networkx_edges(network, positions, ax=axes, nodelist=nodes, node_size=sizes, edge_color="#666666",
                           width=1.0, arrows=True, arrowstyle="-|>", arrowsize=12)
    nx.draw_networkx_nodes(network, positions, nodelist=nodes, ax=axes, node_size=sizes,
                           node_color=[KIND_COLOURS[entities[n].kind] for n in nodes],
                           edgecolors=[_CENTRE_RING if n in centres else "#333333" for n in nodes],
                           linewidths=[3.0 if n in centres else 0.8 for n in nodes])
    degrees = dict(network.degree())
    for (a, b), text in _edge_labels(graph, positions).items():
        # Nearer the less connected end: around a hub the labels of its many edges would pile up.
        hub, leaf = (a, b) if degrees[a] >= degrees[b] else (b, a)
        (hx, hy), (lx, ly) = positions[hub], positions[leaf]
        axes.text(hx + _EDGE_LABEL_AT * (lx - hx), hy + _EDGE_LABEL_AT * (ly - hy), text, fontsize=7,
                  color="#333333", ha="center", va="center", zorder=3,
                  bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    for node, (x, y) in positions.items():
        centre = node in centres
        label = axes.annotate(
            _wrapped(reader_name(entities[node])), (x, y), xytext=(0, -16 if centre else -12),
            textcoords="offset points", ha="center", va="top", fontsize=12 if centre else 10,
            fontweight="bold" if centre else "normal",
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": _CENTRE_RING if centre else "none",
                  "alpha": 0.9 if centre else 0.75},
        )
        if centre:  # so a test (or a reader's tool) can find the centre in the SVG
            label.set_gid(f"centre-{node}")
    kinds = [kind for kind in EntityKind if any(e.kind is kind for e in graph.entities)]
    handles = [Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=KIND_COLOURS[k],
                      markeredgecolor="#333333", label=str(k)) for k in kinds]
    if centres & set(positions):
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=12, markerfacecolor="white",
                              markeredgecolor=_CENTRE_RING, markeredgewidth=3, label="centre of the view"))
    figure.legend(handles=handles, loc="upper right", frameon=False, title="entity kind")
    return figure


def _wrapped(name: str) -> str:
    """A node label: the name over lines of about `_LABEL_WIDTH` characters, words kept whole, as XML holds it."""
    name = strip_unexportable(name)
    return "\n".join(textwrap.wrap(name, _LABEL_WIDTH, break_long_words=False)) or name


def _label_box(name: str) -> tuple[float, float]:
    """Width and height in inches of a dot with its wrapped label beneath."""
    lines = _wrapped(name).split("\n")
    return max(len(line) for line in lines) * _CHAR_WIDTH + _GAP, len(lines) * _LINE_HEIGHT + _DOT + _GAP


def _untangled(
    positions: dict[str, tuple[float, float]],
    boxes: dict[str, tuple[float, float]],
    edges: list[tuple[str, str]],
    *,
    rounds: int = 200,
) -> dict[str, tuple[float, float]]:
    """Nudge entities until no two labels overlap and no edge crosses a label of an entity it does not join.

    Deterministic (fixed order, no randomness); stops when nothing moves or after `rounds` rounds.
    """
    where = {node: [x, y] for node, (x, y) in sorted(positions.items())}
    for _ in range(rounds):
        moved_apart = _push_boxes_apart(where, boxes)
        moved_off = _push_off_edges(where, boxes, edges)
        if not (moved_apart or moved_off):
            break
    return {node: (x, y) for node, (x, y) in where.items()}


def _push_boxes_apart(where: dict[str, list[float]], boxes: dict[str, tuple[float, float]]) -> bool:
    """Push every two overlapping boxes apart along the axis that needs the smaller move."""
    moved = False
    nodes = list(where)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            dx, dy = where[b][0] - where[a][0], where[b][1] - where[a][1]
            need_x = (boxes[a][0] + boxes[b][0]) / 2 - abs(dx)
            need_y = (boxes[a][1] + boxes[b][1]) / 2 - abs(dy)
            if need_x <= 0 or need_y <= 0:
                continue
            moved = True
            axis, need, delta = (0, need_x, dx) if need_x < need_y else (1, need_y, dy)
            step = (need / 2 + 0.01) * (1 if delta >= 0 else -1)
            where[a][axis] -= step
            where[b][axis] += step
    return moved


def _push_off_edges(
    where: dict[str, list[float]], boxes: dict[str, tuple[float, float]], edges: list[tuple[str, str]]
) -> bool:
    """Move each dot whose label box an edge crosses (an edge it is not an end of) off that edge.

    Edge by edge, in order; for one edge every other dot is tested and moved at once (numpy), which is the
    same as one by one since a dot's move depends only on itself and the edge's ends, which do not move.
    """
    nodes = list(where)
    index = {node: i for i, node in enumerate(nodes)}
    xy = np.array([where[node] for node in nodes], dtype=float)
    width, height = np.array([boxes[node] for node in nodes], dtype=float).T
    moved = False
    for a, b in edges:
        (ax, ay), (bx, by) = xy[index[a]], xy[index[b]]
        length = math.hypot(bx - ax, by - ay)
        if length == 0:
            continue
        normal = (-(by - ay) / length, (bx - ax) / length)
        centre_x, centre_y = xy[:, 0], xy[:, 1] + _DOT / 2 - height / 2  # the label hangs below the dot
        t = ((centre_x - ax) * (bx - ax) + (centre_y - ay) * (by - ay)) / length**2
        # How far each box reaches towards the edge's line, and how far its centre is from it (signed).
        reach = width / 2 * abs(normal[0]) + height / 2 * abs(normal[1]) + _EDGE_CLEARANCE
        offset = (centre_x - ax) * normal[0] + (centre_y - ay) * normal[1]
        hit = (t > 0) & (t < 1) & (np.abs(offset) < reach)
        hit[[index[a], index[b]]] = False
        if not hit.any():
            continue
        moved = True
        # Sideways off the edge, and outwards from its nearer end: in the fan of edges around a
        # hub the gaps widen outwards, so a dot squeezed between two edges finds room there.
        side = np.where(offset >= 0, 1.0, -1.0)
        out_x = xy[:, 0] - np.where(t < 0.5, ax, bx)
        out_y = xy[:, 1] - np.where(t < 0.5, ay, by)
        out_length = np.hypot(out_x, out_y)
        out_length[out_length == 0] = 1.0
        step = reach - np.abs(offset) + 0.01
        xy[hit, 0] += (step * (side * normal[0] + out_x / out_length) / 2)[hit]
        xy[hit, 1] += (step * (side * normal[1] + out_y / out_length) / 2)[hit]
    for node, i in index.items():
        where[node][0], where[node][1] = float(xy[i, 0]), float(xy[i, 1])
    return moved


def _edge_labels(graph: Subgraph, positions: dict[str, tuple[float, float]]) -> dict[tuple[str, str], str]:
    """One label per connected pair (drawn once for both directions): its relationship types, one a line."""
    types: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for relation in graph.relations:
        if relation.subject in positions and relation.object in positions:
            pair = (relation.subject, relation.object)
            key = pair if pair in types or pair[::-1] not in types else pair[::-1]
            types[key].append(str(relation.type))
    return {pair: "\n".join(sorted(set(names))) for pair, names in types.items()}
