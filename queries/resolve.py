"""Find the entity a user means, from an id or any alias in any script."""

from __future__ import annotations

from collections.abc import Sequence

from computekg.graph.errors import EntityNotFound
from computekg.graph.model import Entity
from computekg.graph.store import GraphStore
from computekg.loaders.alias_index import AliasIndex

__all__ = ["alias_index_of", "resolve_entities", "resolve_entity"]


def alias_index_of(store: GraphStore) -> AliasIndex:
    """An alias index over every entity the store holds."""
    return AliasIndex(store.snapshot().entities)


def resolve_entities(
    store: GraphStore, names: Sequence[str], *, index: AliasIndex | None = None
) -> list[Entity]:
    """The entities `names` refer to, in order; raises `EntityNotFound` (or `AmbiguousName`) with candidates.

    Ids are looked up directly; the alias index (a snapshot of the whole store) is built at most once, and
    only when some name is not an id.
    """
    resolved = []
    for name in names:
        try:
            resolved.append(store.entity(name))
        except EntityNotFound:
            index = index or alias_index_of(store)
            resolved.append(index.resolve(name))
    return resolved


def resolve_entity(store: GraphStore, name: str, *, index: AliasIndex | None = None) -> Entity:
    """The entity `name` refers to; raises `EntityNotFound` (or `AmbiguousName`) with candidates."""
    (entity,) = resolve_entities(store, [name], index=index)
    return entity
