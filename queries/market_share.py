"""Chokepoints by market share: the tools, materials and processes one organization provides most of.

Why beside betweenness (`analytics.chokepoints`): betweenness counts paths through an entity, so it can only
see what the articles connect; a dataset that gives each provider's share of each input's market (CSET ETO)
says directly that ASML provides all EUV lithography tools. A SUPPLIES fact whose quantity is a percentage is
such a share; a provider's latest year counts. Countries are left out (a country's share adds up its firms),
and so are aggregates (`Entity.generic`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from computekg.graph.model import Entity, Relation
from computekg.graph.schema import EntityKind, RelType
from computekg.graph.store import GraphStore

__all__ = ["ShareChokepoint", "share_chokepoints"]

_PERCENT = "%"


class ShareChokepoint(BaseModel):
    """One organization's share of one input's market, and the fact that states it."""

    model_config = ConfigDict(frozen=True)

    provided: Entity
    provider: Entity
    share: float
    year: str | None
    relation: Relation


def share_chokepoints(store: GraphStore, *, at_least: float = 50.0, top: int = 10) -> list[ShareChokepoint]:
    """The `top` (provider, input) pairs where one organization provides at least `at_least` percent, largest
    share first (ties by input and provider id)."""
    snapshot = store.snapshot()
    entities = {entity.id: entity for entity in snapshot.entities}
    latest: dict[tuple[str, str], Relation] = {}
    for relation in snapshot.relations:
        quantity = relation.quantity
        if relation.type is not RelType.SUPPLIES or quantity is None or quantity.unit != _PERCENT:
            continue
        provider, provided = entities.get(relation.subject), entities.get(relation.object)
        if provider is None or provided is None or provider.kind is not EntityKind.ORGANIZATION or provider.generic:
            continue
        key = (relation.subject, relation.object)
        known = latest.get(key)
        if known is None or (relation.date or "", relation.id) > (known.date or "", known.id):
            latest[key] = relation
    found = [
        ShareChokepoint(provided=entities[provided], provider=entities[provider], share=relation.quantity.value,
                        year=relation.date, relation=relation)
        for (provider, provided), relation in latest.items()
        if relation.quantity is not None and relation.quantity.value >= at_least
    ]
    return sorted(found, key=lambda p: (-p.share, p.provided.id, p.provider.id))[:top]
