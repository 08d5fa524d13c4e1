"""Who is around an entity: the k-hop neighbourhood, filtered by confidence, entity kind and date."""

from __future__ import annotations

import sys
from collections.abc import Collection

from pydantic import TypeAdapter

from computekg.graph.model import PartialDate, Relation, Subgraph
from computekg.graph.schema import EntityKind, RelType
from computekg.graph.store import Direction, GraphStore

__all__ = ["neighbourhood", "happened_by", "happened_since", "UNCAPPED"]

_PARTIAL_DATE: TypeAdapter[str] = TypeAdapter(PartialDate)
# A `limit` that never cuts. `neighbourhood` asks the store for everything because its filters run
# afterwards, so the cap must too, or it would cut relationships that pass in favour of ones that do not.
UNCAPPED = sys.maxsize


def happened_by(date: str | None, as_of: str) -> bool:
    """Whether something dated `date` may have happened by `as_of`; undated things always may.

    Both are partial dates ('2023', '2023-10', '2023-10-17'), compared at the coarser of their
    two precisions, so only what is certainly later than `as_of` counts as after it.

    Examples
    --------
    >>> happened_by("2023-10", "2023-06")
    False
    >>> happened_by("2023", "2023-06"), happened_by("2023-10", "2023"), happened_by(None, "2020")
    (True, True, True)
    """
    if date is None:
        return True
    precision = min(len(date), len(as_of))
    return date[:precision] <= as_of[:precision]


def happened_since(date: str | None, since: str) -> bool:
    """Whether something dated `date` may have happened on or after `since`; undated things always may.

    >>> happened_since("2023-10", "2023-06"), happened_since("2022", "2023"), happened_since("2023", "2023-06")
    (True, False, True)
    """
    if date is None:
        return True
    precision = min(len(date), len(since))
    return date[:precision] >= since[:precision]


def neighbourhood(
    store: GraphStore,
    entity_id: str,
    *,
    hops: int = 1,
    direction: Direction = Direction.BOTH,
    types: frozenset[RelType] | None = None,
    kinds: Collection[EntityKind] | None = None,
    as_of: str | None = None,
    since: str | None = None,
    min_confidence: float = 0.0,
    limit: int = 500,
) -> Subgraph:
    """Entities within `hops` of `entity_id` and the relationships between them.

    Parameters
    ----------
    store : GraphStore
    entity_id : str
        The centre; raises `EntityNotFound` when unknown.
    hops, direction, types
        How far and along which relationships to traverse (see `GraphStore.neighbourhood`).
    kinds : collection of EntityKind, optional
        Entity kinds to keep besides the centre.
    as_of : str, optional
        A date 'YYYY[-MM[-DD]]': relationships whose own date is after it are dropped (undated ones stay),
        so the answer shows the graph as an observer at that date could have known it.
    since : str, optional
        A date 'YYYY[-MM[-DD]]': relationships whose own date is certainly before it are dropped (undated
        ones stay); with `as_of` it makes a date range.
    min_confidence : float
        Relationships below it are dropped.
    limit : int
        Cap on relationships returned; `truncated` says it cut. Without filters the store applies it while
        traversing, keeping whole groups of facts (one type at one entity), smallest first (see
        `GraphStore.neighbourhood`); with filters it applies after them, to the first passing relationships
        by hop and id, since the store cannot know which would pass.

    The filters run after traversal (the store traverses every relationship of `types`), so a filtered-out
    relationship or entity is never shown, and entities left without a kept relationship are dropped with it.
    Kept relationships stay in the store's order: by the hop they were reached at, then by id.

    Examples
    --------
    >>> from computekg.loaders.bundle import load_bundled_graph
    >>> from computekg.graph.memory_store import MemoryStore
    >>> store = MemoryStore(); _ = store.load(load_bundled_graph())
    >>> around = neighbourhood(store, "tsmc", kinds={EntityKind.ORGANIZATION}, as_of="2022")
    >>> sorted(around.entity_ids())  # undated facts stay: the catalog's subsidiaries too
    ['asml', 'esmc', 'jasm', 'nvidia', 'tsmc', 'tsmc-arizona', 'tsmc-nanjing', 'visera', 'xintec']
    """
    for bound in (as_of, since):
        if bound is not None:
            _PARTIAL_DATE.validate_python(bound)
    filtered = kinds is not None or as_of is not None or since is not None or min_confidence > 0.0
    # Without filters the store's own cap is this function's cap, and a store applies it while traversing
    # (a hub's neighbourhood is never fetched whole); with filters the cap must wait until they ran.
    found = store.neighbourhood(entity_id, hops=hops, direction=direction, types=types,
                                limit=UNCAPPED if filtered else limit)
    if not filtered:
        return found
    kind_of = {e.id: e.kind for e in found.entities}

    def keep(relation: Relation) -> bool:
        return (
            relation.confidence >= min_confidence
            and (as_of is None or happened_by(relation.date, as_of))
            and (since is None or happened_since(relation.date, since))
            and (kinds is None or all(end == entity_id or kind_of[end] in kinds
                                      for end in (relation.subject, relation.object)))
        )

    passing = [r for r in found.relations if keep(r)]
    relations = tuple(passing[:limit])
    kept = {entity_id} | {r.subject for r in relations} | {r.object for r in relations}
    return Subgraph(
        entities=tuple(e for e in found.entities if e.id in kept),
        relations=relations,
        truncated=len(passing) > limit,
    )
