"""Who holds the most AI compute, from dataset estimates (Epoch AI): H100-equivalents with their intervals.

Why a question of its own rather than `analytics.top_by_quantity`: articles restate one stock in many words, so
that ranking takes the largest stated quantity; a dataset gives each quarter's additions as an estimate with an
interval, so holdings by a date are the sum of the quarters that ended by then. The median of a sum is not the
sum of medians, nor is its 5th percentile the sum of 5th percentiles: the sums here are what the rows add up to,
and the summed percentiles are a band at least as wide as the true one (they assume every estimate errs the same
way). Aggregate owners (Epoch's "China" and "Other": `Entity.generic`) are no single holder and are left out.
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel, ConfigDict

from computekg.graph.model import DatasetEvidence, Entity, Estimate, Relation
from computekg.graph.store import GraphStore
from computekg.queries.neighbourhood import happened_by

__all__ = ["HolderEstimate", "top_holders"]

_UNIT = "H100e"


class HolderEstimate(BaseModel):
    """One holder's compute by a date: summed H100-equivalents, and the facts (quarters) summed."""

    model_config = ConfigDict(frozen=True)

    holder: Entity
    h100e: Estimate
    quarters: int
    relations: tuple[Relation, ...]


def _estimate(relation: Relation) -> Estimate | None:
    for evidence in relation.evidence:
        if isinstance(evidence, DatasetEvidence):
            for estimate in evidence.estimates:
                if estimate.unit == _UNIT:
                    return estimate
    return None


def top_holders(store: GraphStore, *, as_of: str | None = None, top: int = 10) -> list[HolderEstimate]:
    """The `top` named holders by H100-equivalents held by `as_of` (YYYY[-MM[-DD]]; all quarters when None)."""
    snapshot = store.snapshot()
    entities = {entity.id: entity for entity in snapshot.entities}
    quarters: dict[str, list[tuple[Relation, Estimate]]] = defaultdict(list)
    for relation in snapshot.relations:
        estimate = _estimate(relation)
        holder = entities.get(relation.subject)
        if estimate is None or holder is None or holder.generic:
            continue
        if as_of is None or (relation.date is not None and happened_by(relation.date, as_of)):
            quarters[relation.subject].append((relation, estimate))
    ranked = [
        HolderEstimate(
            holder=entities[holder],
            h100e=Estimate(unit=_UNIT, p5=sum(e.p5 for _, e in found), median=sum(e.median for _, e in found),
                           p95=sum(e.p95 for _, e in found)),
            quarters=len(found),
            relations=tuple(sorted((r for r, _ in found), key=lambda r: (r.date or "", r.id))),
        )
        for holder, found in quarters.items()
    ]
    return sorted(ranked, key=lambda h: (-h.h100e.median, h.holder.id))[:top]
