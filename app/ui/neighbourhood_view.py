"""The Explore page's state and view: filters bound to the URL, the neighbourhood with its expansions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import streamlit as st

from computekg.app.ui.cached import Catalog, ask
from computekg.app.ui.views import View, file_stem
from computekg.graph.model import Entity, Subgraph
from computekg.graph.schema import EntityKind, RelType
from computekg.graph.store import Direction
from computekg.graph.subgraph_ops import merge_subgraphs
from computekg.queries.exports.context import ReportContext
from computekg.queries.neighbourhood import neighbourhood

__all__ = ["DIRECTION_LABELS", "EXPAND_BY_TYPE", "LIMIT", "expand_by_type",
           "Filters", "date_problem", "filters_sidebar", "filters_from_url", "explore_graph", "explore_view",
           "neighbour_rows", "shared_explore_view"]

LIMIT = 500
_T = TypeVar("_T")
EXPAND_BY_TYPE = "expand_by"  # URL parameter: `id:TYPE`, one per typed expansion
_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
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
    expanded_by_type: tuple[tuple[str, RelType], ...] = ()
    """Entities expanded along one relationship type only (a node's menu: "Expand by SUPPLIES")."""

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
        if self.expanded or self.expanded_by_type:
            parts.append(f"{len(self.expanded) + len(self.expanded_by_type)} expanded")
        return "; ".join(parts)

    def summary(self, cat: Catalog) -> tuple[tuple[str, str], ...]:
        """Every filter as a (what, value) line a report's reader understands, the unset ones included."""
        dates = " ".join(part for part in (self.since and f"from {self.since}", self.as_of and f"to {self.as_of}")
                         if part)
        expanded = [cat.name(e) for e in self.expanded]
        expanded += [f"{cat.name(e)} (by {t})" for e, t in self.expanded_by_type]
        return (
            ("Hops", str(self.hops)),
            ("Direction", DIRECTION_LABELS[self.direction]),
            ("Relationship types", ", ".join(self.types) or "all"),
            ("Entity kinds", ", ".join(self.kinds) or "all"),
            ("Dates", f"{dates} (undated facts kept)" if dates else "any"),
            ("Minimum confidence", f"{self.min_confidence:.2f}" if self.min_confidence else "none"),
            ("Also expanded", ", ".join(expanded) or "none"),
        )

    def stem(self, centre: str) -> str:
        """The downloads' name: `computekg-nvidia-2hop`, plus the direction and `filtered` when they apply."""
        narrowed = self.types or self.kinds or self.since or self.as_of or self.min_confidence
        expanded = self.expanded or self.expanded_by_type
        return file_stem(centre, f"{self.hops}hop", "" if self.direction is Direction.BOTH else self.direction,
                         "filtered" if narrowed else "", "expanded" if expanded else "")


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
    since = _date_input(side, "From (YYYY, YYYY-MM or YYYY-MM-DD)", "since",
                        "Hide facts dated before this; undated facts stay.")
    as_of = _date_input(side, "As of (YYYY, YYYY-MM or YYYY-MM-DD)", "as_of",
                        "Hide facts dated after this; undated facts stay.")
    confidence = side.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="conf", bind="query-params")
    # Only entities some fact mentions can be expanded: the catalog's other entries would crowd the list.
    connected = sorted((i for i in cat.entities if cat.types_at(i)), key=cat.name)
    expanded = side.multiselect("Expanded entities", connected, format_func=cat.name,
                                key="expand", bind="query-params", placeholder="double-click a node to expand it")
    return Filters(
        hops=int(hops),
        direction=Direction(direction or Direction.BOTH),
        types=tuple(RelType(t) for t in types),
        kinds=tuple(EntityKind(k) for k in kinds),
        since=since,
        as_of=as_of,
        min_confidence=float(confidence),
        expanded=tuple(expanded),
        expanded_by_type=_typed_expansions(_typed_expansion_values()),
    )


def _typed_expansion_values() -> list[str]:
    """The typed expansions of this session (first from the URL), written back to the URL."""
    values = st.session_state.setdefault(EXPAND_BY_TYPE, st.query_params.get_all(EXPAND_BY_TYPE))
    if values:
        st.query_params[EXPAND_BY_TYPE] = values
    else:
        st.query_params.pop(EXPAND_BY_TYPE, None)
    return list(values)


def expand_by_type(entity_id: str, rel_type: str) -> None:
    """Add a typed expansion (a node's menu: "Expand by SUPPLIES") to this session's view."""
    values = [*st.session_state.get(EXPAND_BY_TYPE, []), f"{entity_id}:{rel_type}"]
    st.session_state[EXPAND_BY_TYPE] = list(dict.fromkeys(values))


def _date_input(side: Any, label: str, key: str, help: str) -> str | None:
    """A date filter; a value that is not a date is said so plainly and left out, the rest of the view stays."""
    text = (side.text_input(label, key=key, bind="query-params", help=help) or "").strip()
    problem = date_problem(text)
    if problem:
        side.warning(f"{problem} The filter is ignored until then.")
        return None
    return text or None


def date_problem(text: str) -> str | None:
    """What is wrong with `text` as a date filter, in an analyst's words, or None when it is a date (or empty)."""
    if not text or _DATE.fullmatch(text):
        return None
    return (f"“{text}” is not a date this filter understands: write a year (2023), a month (2023-10) "
            "or a day (2023-10-17).")


def _typed_expansions(values: list[str]) -> tuple[tuple[str, RelType], ...]:
    """`id:TYPE` URL values as (entity id, type); anything else is ignored."""
    found = []
    for value in values:
        entity_id, _, type_name = value.rpartition(":")
        if entity_id and type_name in RelType.__members__:
            found.append((entity_id, RelType(type_name)))
    return tuple(dict.fromkeys(found))


def filters_from_url(get_all: Callable[[str], list[str]]) -> Filters:
    """The filters a shared link describes (`st.query_params.get_all`, the keys `filters_sidebar` binds).

    Raises `ValueError` for a value that is not one of the choices or not a date, saying so in an analyst's words.
    """

    def one(key: str, default: str) -> str:
        found = get_all(key)
        return found[-1] if found else default

    def chosen(kind: Callable[[str], _T], value: str, what: str, choices: Iterable[str]) -> _T:
        try:
            return kind(value)
        except ValueError:
            raise ValueError(f"“{value}” is not {what}: one of {', '.join(choices)}") from None

    for key in ("since", "as_of"):
        problem = date_problem(one(key, "").strip())
        if problem:
            raise ValueError(problem)
    hops, conf = one("hops", "1"), one("conf", "0")
    if not hops.isdigit():
        raise ValueError(f"“{hops}” is not a number of hops: write 1, 2, 3 or 4")
    try:
        min_confidence = float(conf)
    except ValueError:
        raise ValueError(f"“{conf}” is not a confidence: write a number from 0 to 1, e.g. 0.6") from None
    return Filters(
        hops=int(hops),
        direction=chosen(Direction, one("dir", Direction.BOTH.value), "a direction", DIRECTION_LABELS),
        types=tuple(chosen(RelType, t, "a relationship type", _TYPES) for t in get_all("types")),
        kinds=tuple(chosen(EntityKind, k, "an entity kind", _KINDS) for k in get_all("kinds")),
        since=one("since", "").strip() or None,
        as_of=one("as_of", "").strip() or None,
        min_confidence=min_confidence,
        expanded=tuple(get_all("expand")),
        expanded_by_type=_typed_expansions(get_all(EXPAND_BY_TYPE)),
    )


def shared_explore_view(get_all: Callable[[str], list[str]], cat: Catalog) -> View | None:
    """The Explore view a shared link describes, or None when it names no entity.

    Raises `EntityNotFound` for a name that resolves to nothing and `ValueError` for a bad filter value.
    """
    names = get_all("entity")
    if not names or not names[-1].strip():
        return None
    centre = cat.aliases.resolve(names[-1])
    filters = filters_from_url(get_all)
    # The URL names expanded entities as the widget shows them (by name); ids work too.
    filters = replace(filters, expanded=tuple(cat.aliases.resolve(name).id for name in filters.expanded))
    return explore_view(centre, filters, cat)


def explore_view(centre: Entity, filters: Filters, cat: Catalog) -> View:
    """The neighbourhood of `centre` as the Explore page shows it, titled, described and named for export."""
    return View(
        title=f"Explore: {centre.name} ({filters.describe()})",
        graph=explore_graph(centre.id, filters),
        context=ReportContext(centres=(centre.id,), filters=filters.summary(cat)),
        stem=filters.stem(centre.id),
    )


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
    for other, rel_type in filters.expanded_by_type:
        if filters.types and rel_type not in filters.types:
            continue
        parts.append(ask(neighbourhood, other, hops=1, **{**common, "types": frozenset({rel_type})}))
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
