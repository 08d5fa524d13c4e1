"""Answers from `computekg.queries`, cached: static lookups once per store, query results per arguments.

`ask(question, *args, **options)` runs any query function (store first, as every question in
`computekg.queries` takes it) on the app's store and caches the answer with `st.cache_data`, keyed by
the function's name, the store and the arguments. Failures are not cached: they are raised again.
`ask(..., layer=Layer.NEWS)` asks the same question of the store's graph kept to one layer, on either store
(`store_in_layer`, as the CLI's `--layer` does), held once per layer and state of the graph in an embedded
store of its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import streamlit as st

from computekg.app.ui.connection import Connection, connection
from computekg.graph.choices import Layer
from computekg.graph.model import Entity, Source, Subgraph
from computekg.graph.store import GraphCounts, GraphStore
from computekg.loaders.alias_index import AliasIndex
from computekg.loaders.bundle import FactBase, read_fact_base
from computekg.queries.layers import store_in_layer
from computekg.queries.resolve import alias_index_of

__all__ = ["Catalog", "ask", "catalog", "fact_base", "forget_answers", "search_label"]

_T = TypeVar("_T")


@dataclass(frozen=True)
class Catalog:
    """What the store holds, read once: the whole graph, lookups by id, and the alias index."""

    graph: Subgraph
    counts: GraphCounts
    entities: dict[str, Entity]
    sources: dict[str, Source]
    aliases: AliasIndex
    types: dict[str, list[tuple[str, int]]]
    """Per entity, the relationship types it takes part in anywhere in the graph, with how many facts each."""
    search_labels: dict[str, str]
    """Per entity with facts, busiest first, the line the type-ahead search shows and matches: its names
    in every script and a few aliases, and its kind."""

    def name(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.name if entity else entity_id

    def types_at(self, entity_id: str) -> list[tuple[str, int]]:
        return self.types.get(entity_id, [])


@st.cache_resource(show_spinner="Reading the graph…")
def _catalog(_store: GraphStore, store_key: str) -> Catalog:
    graph = _store.snapshot()
    counted: dict[str, Counter[str]] = defaultdict(Counter)
    for relation in graph.relations:
        for end in {relation.subject, relation.object}:
            counted[end][str(relation.type)] += 1
    return Catalog(
        graph=graph,
        counts=_store.counts(),
        entities={entity.id: entity for entity in graph.entities},
        sources={source.id: source for source in graph.sources},
        aliases=alias_index_of(_store),
        types={entity: sorted(counts.items()) for entity, counts in counted.items()},
        search_labels={
            entity.id: search_label(entity)
            for entity in sorted((e for e in graph.entities if e.id in counted),
                                 key=lambda e: (-sum(counted[e.id].values()), e.name.casefold()))
        },
    )


_SEARCH_ALIASES = 3  # aliases shown (and matched) after the names


def search_label(entity: Entity) -> str:
    """'NVIDIA · 英伟达 · 輝達 — Organization (also Nvidia, NVIDIA Corp.)': what a type-ahead matches as typed."""
    names = [entity.name, entity.name_zh, entity.name_zh_hant]
    shown = list(dict.fromkeys(n for n in names if n))
    also = [a for a in entity.aliases if a.casefold() not in {n.casefold() for n in shown}][:_SEARCH_ALIASES]
    return " · ".join(shown) + f" — {entity.kind}" + (f" (also {', '.join(also)})" if also else "")


def catalog() -> Catalog:
    conn = connection()
    return _catalog(conn.store, conn.key)


@st.cache_resource(show_spinner="Reading the articles…")
def fact_base() -> FactBase:
    """The bundled articles (cleaned text and metadata) the graph was built from."""
    return read_fact_base()


def ask(question: Callable[..., _T], *args: Any, layer: Layer = Layer.BOTH, **options: Any) -> _T:
    """`question(store, *args, **options)` on the app's store (only `layer`'s facts of it), cached."""
    store, store_key = _store_in(connection(), layer)
    name = f"{question.__module__}.{question.__qualname__}"
    return _answer(question, name, store, store_key, args, options)


def _store_in(conn: Connection, layer: Layer) -> tuple[GraphStore, str]:
    """The store that answers from `layer`, and its cache key: the app's own for both layers, else a copy.

    The copy's key holds the store's counts, read again on every question, so that a graph changed under the
    app (a `computekg load` or `import` into the same Neo4j) is read anew rather than answered from the copy
    of before; the whole graph is read only when they change.
    """
    if layer is Layer.BOTH:
        return conn.store, conn.key
    key = f"{conn.key}:{layer}:{conn.store.counts().model_dump_json()}"
    return _layer_store(conn.store, key, layer), key


# Two: the news and the datasets copies of the graph as it is now; a copy of an older graph is dropped.
@st.cache_resource(show_spinner="Keeping the graph to one layer…", max_entries=2)
def _layer_store(_store: GraphStore, store_key: str, layer: Layer) -> GraphStore:
    return store_in_layer(_store, layer)


@st.cache_data(show_spinner=False, max_entries=512)
def _answer(
    _question: Callable[..., Any], name: str, _store: GraphStore, store_key: str,
    args: tuple[Any, ...], options: dict[str, Any],
) -> Any:
    return _question(_store, *args, **options)


def forget_answers() -> None:
    """Drop every cached answer, the catalog and the one-layer copies, after a write changed the graph."""
    _answer.clear()
    _catalog.clear()
    _layer_store.clear()
