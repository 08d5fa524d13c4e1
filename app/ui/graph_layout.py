"""Where the graph widget draws each entity: a force layout, or supply tiers from left to right.

Why positions are computed here rather than in the browser: the same view always looks the same, and a
view that grows keeps every node it had where it was (`previous`), so expanding adds nodes around the
drawing instead of reshuffling it. Coordinates are in pixels at zoom 1.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from enum import StrEnum

import networkx as nx

from computekg.graph.model import Entity, Subgraph
from computekg.graph.schema import EntityKind, OrgRole, ProductKind

__all__ = ["Layout", "Positions", "TIER_NAMES", "tier_of", "positions"]

Positions = dict[str, tuple[float, float]]


class Layout(StrEnum):
    FORCE = "force"
    TIERS = "tiers"


# Columns of the tier layout, in the order goods move (equipment → foundry → designer → server/cloud → tenant).
TIER_NAMES = ("equipment", "foundries", "designers", "chips", "servers and distributors", "clouds and centres",
              "buyers and tenants", "models", "rules, people and places")
_ROLE_TIERS = (
    (OrgRole.EQUIPMENT_MAKER, 0), (OrgRole.FOUNDRY, 1), (OrgRole.MEMORY_MAKER, 1), (OrgRole.CHIP_DESIGNER, 2),
    (OrgRole.SERVER_MAKER, 4), (OrgRole.DISTRIBUTOR, 4), (OrgRole.CLOUD_PROVIDER, 5),
)
_PRODUCT_TIERS = {
    ProductKind.EQUIPMENT: 0, ProductKind.COMPONENT: 3, ProductKind.CHIP: 3, ProductKind.SERVER: 4,
    ProductKind.CLUSTER: 5, ProductKind.CLOUD_SERVICE: 5, ProductKind.SOFTWARE_PLATFORM: 6,
}
_KIND_TIERS = {EntityKind.FACILITY: 5, EntityKind.MODEL: 7, EntityKind.POLICY: 8, EntityKind.PERSON: 8,
               EntityKind.PLACE: 8, EntityKind.SOURCE: 8}
_COLUMN_GAP = 230.0
_ROW_GAP = 70.0
_FORCE_SPACING = 120.0  # about how far apart linked nodes sit in the force layout


def tier_of(entity: Entity) -> int:
    """The column of `entity` in the tier layout (an index of `TIER_NAMES`)."""
    if entity.kind is EntityKind.ORGANIZATION:
        tiers = [tier for role, tier in _ROLE_TIERS if role in entity.roles]
        return min(tiers) if tiers else 6
    if entity.kind is EntityKind.PRODUCT:
        return _PRODUCT_TIERS.get(entity.product_kind, 3) if entity.product_kind else 3
    return _KIND_TIERS[entity.kind]


def positions(graph: Subgraph, layout: Layout, *, previous: Mapping[str, tuple[float, float]] | None = None,
              seed: int = 7) -> Positions:
    """A position for every entity of `graph`; entities in `previous` keep theirs."""
    kept = {i: xy for i, xy in (previous or {}).items() if i in graph.entity_ids()}
    if layout is Layout.TIERS:
        return _tiers(graph, kept)
    return _force(graph, kept, seed)


def _network(graph: Subgraph) -> nx.Graph:
    network = nx.Graph()
    network.add_nodes_from(sorted(graph.entity_ids()))
    ids = graph.entity_ids()
    network.add_edges_from(sorted((r.subject, r.object) for r in graph.relations if {r.subject, r.object} <= ids))
    return network


def _force(graph: Subgraph, kept: Positions, seed: int) -> Positions:
    network = _network(graph)
    if network.number_of_nodes() == 0:
        return {}
    new = [node for node in network if node not in kept]
    if not new:
        return dict(kept)
    # New nodes start beside a neighbour already placed (or at the centre), so they grow out of it.
    start: dict[str, tuple[float, float]] = {}
    for index, node in enumerate(new):
        anchors = [kept[n] for n in network[node] if n in kept]
        cx, cy = (sum(x for x, _ in anchors) / len(anchors), sum(y for _, y in anchors) / len(anchors)) \
            if anchors else (0.0, 0.0)
        angle = 2.399963 * index  # the golden angle spreads them evenly around the anchor
        start[node] = (cx + _FORCE_SPACING * math.cos(angle), cy + _FORCE_SPACING * math.sin(angle))
    scale = 1.6 * _FORCE_SPACING * math.sqrt(network.number_of_nodes())
    spring = nx.spring_layout(
        network, pos={**kept, **start} if kept else None, fixed=sorted(kept) or None, seed=seed,
        k=_FORCE_SPACING if kept else None, iterations=120, scale=None if kept else scale,
    )
    placed = {node: (float(x), float(y)) for node, (x, y) in spring.items()}
    return {**placed, **kept}


def _barycentre(node: str, network: nx.Graph, row: Mapping[str, float], column: set[str]) -> float:
    """The mean row of the node's neighbours in other columns (its own row when it has none yet)."""
    rows = [row[n] for n in network[node] if n in row and n not in column]
    return sum(rows) / len(rows) if rows else row.get(node, 0.0)


def _tiers(graph: Subgraph, kept: Positions) -> Positions:
    entities = {e.id: e for e in graph.entities}
    network = _network(graph)
    columns: dict[int, list[str]] = defaultdict(list)
    for node in sorted(entities, key=lambda i: (entities[i].name.casefold(), i)):
        columns[tier_of(entities[node])].append(node)
    used = sorted(columns)
    row: dict[str, float] = {}
    # Two sweeps left to right: each column ordered by the mean row of its neighbours in earlier columns,
    # which keeps most edges short and uncrossed.
    for _ in range(2):
        for tier in used:
            column = set(columns[tier])
            centre_of = {node: _barycentre(node, network, row, column) for node in columns[tier]}
            columns[tier].sort(key=lambda node: (centre_of[node], entities[node].name.casefold(), node))
            for index, node in enumerate(columns[tier]):
                row[node] = float(index - (len(columns[tier]) - 1) / 2)
    placed: Positions = {}
    for x_index, tier in enumerate(used):
        lowest = max((kept[n][1] for n in columns[tier] if n in kept), default=None)
        for node in columns[tier]:
            if node in kept:
                placed[node] = kept[node]
            elif lowest is not None:  # a column that had nodes grows downwards, leaving them where they were
                lowest += _ROW_GAP
                placed[node] = (kept[next(n for n in columns[tier] if n in kept)][0], lowest)
            else:
                placed[node] = (x_index * _COLUMN_GAP, row[node] * _ROW_GAP)
    return placed
