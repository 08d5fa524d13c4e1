"""Which store the app runs on: Neo4j when one answers, the embedded networkx store otherwise.

`COMPUTEKG_STORE` (environment or `.env`) decides when it is set: `memory` never tries Neo4j, `neo4j`
tries it and says why when it falls back. Unset, a quick TCP probe of `NEO4J_URI` decides, so an app
started without Neo4j does not wait for the driver's connection timeout.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import streamlit as st

from computekg.graph.errors import StoreUnavailable
from computekg.graph.memory_store import MemoryStore
from computekg.graph.settings import Settings, StoreKind, get_settings
from computekg.graph.store import GraphStore
from computekg.graph.stores import open_store
from computekg.loaders.bundle import load_bundled_graph
from computekg.loaders.layers import kept_layers, with_layers

__all__ = ["ALLOW_WRITES_ENV", "NEO4J_HINT", "Connection", "connect", "connection", "writes_allowed",
           "show_store_status"]

# The Cypher console offers writes only when the app was started with this set to 1 (`computekg app --allow-writes`).
ALLOW_WRITES_ENV = "COMPUTEKG_APP_ALLOW_WRITES"
NEO4J_HINT = (
    "Start the project's own Neo4j with `computekg neo4j start` and load the graph with "
    "`computekg load --store neo4j`, or point `NEO4J_URI` (with `NEO4J_USER`, `NEO4J_PASSWORD`) at a running "
    "server; then restart the app."
)
_PROBE_TIMEOUT_S = 1.0
_BOLT_PORT = 7687


@dataclass(frozen=True)
class Connection:
    """The store the app reads, how to name it on screen, and anything the user should know about it."""

    store: GraphStore
    description: str
    notice: str | None = None

    @property
    def key(self) -> str:
        """Identifies this store in cache keys, so answers from one store never show for another."""
        return f"{self.store.name}:{id(self.store)}"

    @property
    def is_neo4j(self) -> bool:
        return self.store.name == StoreKind.NEO4J


def connect(settings: Settings) -> Connection:
    """Open the store the settings ask for, falling back to the embedded store loaded with the bundled graph."""
    explicit = "store" in settings.model_fields_set
    if explicit and settings.store is StoreKind.MEMORY:
        return _embedded(None)
    uri = settings.neo4j_uri
    if not explicit and not _listening(uri):
        return _embedded(f"No Neo4j answers at {uri}, so the app runs on the embedded store.")
    try:
        store = open_store(StoreKind.NEO4J, settings=settings)
    except StoreUnavailable:  # the driver's own words (addresses, error codes) are for a log, not for the page
        return _embedded(f"Neo4j at {uri} could not be used, so the app runs on the embedded store, with the "
                         "bundled graph. " + NEO4J_HINT)
    empty = store.counts().nodes == 0
    notice = "Neo4j holds no graph yet: run `computekg load --store neo4j` and reload." if empty else None
    return Connection(store, f"Neo4j at {uri}", notice)


@st.cache_resource(show_spinner="Connecting to the graph store…")
def connection() -> Connection:
    """The app's one connection, opened once per server process."""
    return connect(get_settings())


def writes_allowed() -> bool:
    return os.environ.get(ALLOW_WRITES_ENV) == "1"


def show_store_status(conn: Connection, entities: int, facts: int) -> None:
    """Say in the sidebar which store answers (with the counts every page uses: entities and facts, not the
    store's nodes and relationships, which include the articles and their MENTIONS), and what the user can
    do about a fallback."""
    st.sidebar.caption(f"**Store:** {conn.description} · {entities} entities · {facts} facts")
    if conn.notice:
        st.sidebar.warning(conn.notice, icon=":material/info:")


def _embedded(notice: str | None) -> Connection:
    store = MemoryStore()
    home = get_settings().home
    store.load(with_layers(load_bundled_graph(), home))
    layers = ", ".join(layer.name for layer in kept_layers(home))
    return Connection(store, "embedded networkx store (bundled graph" + (f" + {layers})" if layers else ")"), notice)


def _listening(uri: str) -> bool:
    """Whether anything accepts TCP connections at the URI's host and port."""
    try:
        parts = urlsplit(uri)
        address = (parts.hostname or "127.0.0.1", parts.port or _BOLT_PORT)
    except ValueError:
        return False
    try:
        socket.create_connection(address, timeout=_PROBE_TIMEOUT_S).close()
    except OSError:
        return False
    return True
