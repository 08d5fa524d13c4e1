"""Open the store a command asked for."""

from __future__ import annotations

from computekg.graph.memory_store import MemoryStore
from computekg.graph.settings import Settings, StoreKind, get_settings
from computekg.graph.store import GraphStore

__all__ = ["open_store"]


def open_store(kind: StoreKind | None = None, *, settings: Settings | None = None) -> GraphStore:
    """An empty `MemoryStore`, or a `Neo4jStore` connected per the settings (raises `StoreUnavailable`)."""
    settings = settings or get_settings()
    if (kind or settings.store) is StoreKind.MEMORY:
        return MemoryStore()
    from computekg.graph.neo4j_store import Neo4jStore  # the driver is only needed for Neo4j

    return Neo4jStore.from_settings(settings)
