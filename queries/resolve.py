"""Find the entity a user means, from an id or any alias in any script."""

from __future__ import annotations

from computekg.graph.errors import EntityNotFound
from computekg.graph.model import Entity
from computekg.graph.store import GraphStore
from computekg.loaders.alias_index import AliasIndex

__all__ = ["alias_index_of", "resolve_entity"]


def alias_index_of(store: GraphStore) -> AliasIndex:
    """An alias index over every entity the store holds."""
    return AliasIndex(store.snapshot().entities)


def resolve_entity(store: GraphStore, name: str, *, index: AliasIndex | None = None) -> Entity:
    """The entity `name` refers to; raises `EntityNotFound` (or `AmbiguousName`) with candidates."""
    try:
        return store.entity(name)
    except EntityNotFound:
        return (index or alias_index_of(store)).resolve(name)
