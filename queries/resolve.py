"""Find the entity a user means, from an id or any alias in any script."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from computekg.graph.errors import EntityNotFound
from computekg.graph.model import Entity
from computekg.graph.store import GraphStore
from computekg.loaders.alias_index import AliasIndex, AmbiguousName

__all__ = ["alias_index_of", "describe_unresolved", "entity_label", "resolve_entities", "resolve_entity"]


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


def entity_label(entity: Entity) -> str:
    """How a person recognizes an entity in a list of suggestions: its names, then its id (`TSMC 台积电 (tsmc)`)."""
    names = entity.name if not entity.name_zh or entity.name_zh == entity.name else f"{entity.name} {entity.name_zh}"
    return f"{names} ({entity.id})"


def describe_unresolved(error: EntityNotFound, entity: Callable[[str], Entity]) -> str:
    """What to tell a person whose name resolved to no entity, or to several: the candidates by name and id.

    `entity` looks a candidate's id up (`store.entity`, or an alias index's `resolve`).
    """
    labels = [entity_label(entity(candidate)) for candidate in error.candidates]
    if isinstance(error, AmbiguousName):
        return f"{error.ref!r} is a name of {len(labels)} entities: {', '.join(labels)}; give the id you mean"
    if not labels:
        return f"no entity is called {error.ref!r}, and no entity's name resembles it"
    if len(labels) == 1:
        return f"no entity is called {error.ref!r}; did you mean {labels[0]}?"
    return f"no entity is called {error.ref!r}; did you mean one of {', '.join(labels)}?"
