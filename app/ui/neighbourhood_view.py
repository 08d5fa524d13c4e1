"""The Explore page's state and view: filters bound to the URL, the neighbourhood with its expansions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import streamlit as st

from computekg.app.ui.cached import Catalog, ask
from computekg.graph.model import Subgraph
from computekg.graph.schema import EntityKind, RelType
from computekg.graph.store import Direction
from computekg.graph.subgraph_ops import merge_subgraphs
from computekg.queries.neighbourhood import neighbourhood

__all__ = ["DIRECTION_LABELS", "LIMIT", "Filters", "filters_sidebar", "filters_from_url", "explore_graph",
           "neighbour_rows", "shared_explore_view"]

LIMIT = 500
DIRECTION_LABELS = {
    Direction.BOTH.value: "both ways",
    Direction.DOWNSTREAM.value: "downstream",
    Direction.UPSTREAM.value: "upstream",
}
_KINDS = [str(kind) for kind in EntityKind if kind is not EntityKind.SOURCE]
_TYPES = [str(rel_type) for rel_type in RelType]


@dataclass(frozen=True)
class Filters:
    """What the user asked to see around an entity; every field is a URL parameter of the same name."""

    hops: int = 1
    direction: Direction = Direction.BOTH
    types: tuple[RelType, ...] = ()
    kinds: tuple[EntityKind, ...] = ()
    since: str | None = None
    as_of: str | None = None
    min_confidence: float = 0.0
    expanded: tuple[str, ...] = ()

    def describe(self) -> str:
        parts = [f"{self.hops} hop{'s' if self.hops > 1 else ''}", DIRECTION_LABELS[self.direction]]
        if self.types:
            parts.append(", ".join(self.types))
        if self.kinds:
            parts.append(", ".join(self.kinds))
        if self.since:
            parts.append(f"since {self.since}")
        if self.as_of:
            parts.append(f"as of {self.as_of}")
        if self.min_confidence:
            parts.append(f"confidence ≥ {self.min_confidence:.2f}")
        if self.expanded:
            parts.append(f"{len(self.expanded)} expanded")
        return "; ".join(parts)


def filters_sidebar(cat: Catalog) -> Filters:
    """The filter widgets, in the sidebar, each bound to its URL parameter."""
    side = st.sidebar
    side.subheader("Filters")
    hops = side.slider("Hops", 1, 4, 1, key="hops", bind="query-params")
    direction = side.segmented_control(
        "Direction", list(DIRECTION_LABELS), default=Direction.BOTH.value, required=True, key="dir",
        bind="query-params",
        help="Downstream follows relationships as stated (subject → object); upstream against them.",
    )
    types = side.multiselect("Relationship types", _TYPES, key="types", bind="query-params", placeholder="all types")
    kinds = side.multiselect("Entity kinds", _KINDS, key="kinds", bind="query-params", placeholder="all kinds")
    since = side.text_input("From (YYYY, YYYY-MM or YYYY-MM-DD)", key="since", bind="query-params",
                            help="Hide facts dated before this; undated facts stay.")
    as_of = side.text_input("As of (YYYY, YYYY-MM or YYYY-MM-DD)", key="as_of", bind="query-params",
                            help="Hide facts dated after this; undated facts stay.")
    confidence = side.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="conf", bind="query-params")
    expanded = side.multiselect("Expanded entities", sorted(cat.entities, key=cat.name), format_func=cat.name,
                                key="expand", bind="query-params", placeholder="double-click a node to expand it")
    return Filters(
        hops=int(hops),
        direction=Direction(direction or Direction.BOTH),
        types=tuple(RelType(t) for t in types),
        kinds=tuple(EntityKind(k) for k in kinds),
        since=(since or "").strip() or None,
        as_of=(as_of or "").strip() or None,
        min_confidence=float(confidence),
        expanded=tuple(expanded),
    )


def filters_from_url(get_all: Callable[[str], list[str]]) -> Filters:
    """The filters a shared link describes (`st.query_params.get_all`, the keys `filters_sidebar` binds).

    Raises `ValueError` for a value that is not one of the choices.
    """

    def one(key: str, default: str) -> str:
        found = get_all(key)
        return found[-1] if found else default

    return Filters(
        hops=int(one("hops", "1")),
        direction=Direction(one("dir", Direction.BOTH.value)),
        types=tuple(RelType(t) for t in get_all("types")),
        kinds=tuple(EntityKind(k) for k in get_all("kinds")),
        since=one("since", "").strip() or None,
        as_of=one("as_of", "").strip() or None,
        min_confidence=float(one("conf", "0")),
        expanded=tuple(get_all("expand")),
    )


def shared_explore_view(get_all: Callable[[str], list[str]], cat: Catalog) -> tuple[str, Subgraph] | None:
    """The Explore view a shared link describes, titled, or None when it names no entity.

    Raises `EntityNotFound` for a name that resolves to nothing and `ValueError` for a bad filter value.
    """
    names = get_all("entity")
    if not names or not names[-1].strip():
        return None
    centre = cat.aliases.resolve(names[-1])
    filters = filters_from_url(get_all)
    # The URL names expanded entities as the widget shows them (by name); ids work too.
    filters = replace(filters, expanded=tuple(cat.aliases.resolve(name).id for name in filters.expanded))
    return f"Explore: {centre.name} ({filters.describe()})", explore_graph(centre.id, filters)


def explore_graph(centre: str, filters: Filters) -> Subgraph:
    """The neighbourhood of `centre`, merged with one hop around each expanded entity, all filtered alike."""
    common: dict[str, Any] = {
        "direction": filters.direction,
        "types": frozenset(filters.types) or None,
        "kinds": frozenset(filters.kinds) or None,
        "as_of": filters.as_of,
        "since": filters.since,
        "min_confidence": filters.min_confidence,
        "limit": LIMIT,
    }
    parts = [ask(neighbourhood, centre, hops=filters.hops, **common)]
    parts += [ask(neighbourhood, other, hops=1, **common) for other in filters.expanded if other != centre]
    merged = merge_subgraphs(*parts)
    return merged.model_copy(update={"truncated": any(part.truncated for part in parts)})


def neighbour_rows(graph: Subgraph, centre: str, cat: Catalog) -> list[dict[str, Any]]:
    """One row per entity in view besides the centre: names, kind, and the facts that put it there."""
    rows = []
    for entity in sorted(graph.entities, key=lambda e: e.name.casefold()):
        if entity.id == centre:
            continue
        facts = [r for r in graph.relations if entity.id in (r.subject, r.object)]
        rows.append({
            "Entity": entity.name,
            "Chinese": entity.name_zh or entity.name_zh_hant or "",
            "Kind": str(entity.kind),
            "Relationships": ", ".join(sorted({str(r.type) for r in facts})),
            "Facts": len(facts),
            "id": entity.id,
        })
    return rows
