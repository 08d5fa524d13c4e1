"""Supply-chain answers as table rows: one row per entity, with the fact and quote that put it there."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from computekg.app.ui.cached import Catalog
from computekg.app.ui.evidence import cited_source, sentence
from computekg.graph.model import Relation
from computekg.queries.analytics import Chokepoint, DegreeRank, Exposure, Holding, Impact
from computekg.queries.supply import ComputeSources, Linked, Tenant, Tier

__all__ = [
    "COMPUTE_LAYERS", "tier_rows", "tenant_rows", "compute_rows", "impact_rows", "exposure_rows",
    "chokepoint_rows", "degree_rows", "holding_rows", "relations_in",
]

Row = dict[str, Any]
COMPUTE_LAYERS = {
    "clouds": "Cloud",
    "chips": "Chip",
    "designers": "Designer",
    "foundries": "Foundry",
    "equipment_makers": "Equipment maker",
}


def _why(relations: Sequence[Relation], cat: Catalog) -> Row:
    """The best-supported fact: its sentence, first quote and article."""
    if not relations:
        return {"Fact": "", "Quote": "", "Source": ""}
    best = relations[0]
    evidence = best.evidence[0]
    more = f" (+{len(relations) - 1} more)" if len(relations) > 1 else ""
    return {"Fact": sentence(best, cat) + more, "Quote": evidence.statement(), "Source": cited_source(evidence, cat)}


def _linked(member: Linked, cat: Catalog) -> Row:
    return {"Entity": member.entity.name, "Kind": str(member.entity.kind), **_why(member.relations, cat)}


def tier_rows(tiers: Sequence[Tier], cat: Catalog) -> list[Row]:
    return [{"Tier": tier.level, **_linked(member, cat)} for tier in tiers for member in tier.members]


def tenant_rows(tenants: Sequence[Tenant], cat: Catalog) -> list[Row]:
    return [
        {"Tenant": t.entity.name, "id": t.entity.id, "Provider named": ", ".join(cat.name(p) for p in t.providers),
         "Ended": t.ended, **_why(t.relations, cat)}
        for t in tenants
    ]


def compute_rows(sources: ComputeSources, cat: Catalog) -> list[Row]:
    return [
        {"Layer": label, **_linked(member, cat)}
        for field, label in COMPUTE_LAYERS.items()
        for member in getattr(sources, field)
    ]


def impact_rows(impacts: Sequence[Impact], cat: Catalog) -> list[Row]:
    return [
        {"Entity": i.entity.name, "Kind": str(i.entity.kind),
         "Loses supply from": ", ".join(cat.name(s) for s in i.lost_sources),
         "Still supplied from": ", ".join(cat.name(s) for s in i.remaining_sources)}
        for i in impacts
    ]


def exposure_rows(exposures: Sequence[Exposure], cat: Catalog) -> list[Row]:
    rows = []
    for exposure in exposures:
        path = exposure.paths[0]
        rows.append({
            "Entity": exposure.entity.name, "Kind": str(exposure.entity.kind),
            "Exposure": "direct" if exposure.direct else f"through {path.cloud.name if path.cloud else 'its cloud'}",
            "Restricted chip": path.chip.name, "Policy": path.policy.name,
            "Chain": " · ".join(sentence(r, cat) for r in path.relations),
            "Quote": path.relations[-1].evidence[0].statement(),
        })
    return rows


def chokepoint_rows(points: Sequence[Chokepoint]) -> list[Row]:
    return [{"Entity": p.entity.name, "Kind": str(p.entity.kind), "Betweenness": p.betweenness,
             "Separates": p.separates} for p in points]


def degree_rows(ranks: Sequence[DegreeRank]) -> list[Row]:
    return [{"Entity": r.entity.name, "Kind": str(r.entity.kind), "Relationships": r.degree,
             "In": r.in_degree, "Out": r.out_degree} for r in ranks]


def holding_rows(holdings: Sequence[Holding], cat: Catalog) -> list[Row]:
    return [{"Holder": h.holder.name, "Product": h.product.name if h.product else "(unnamed)",
             "Quantity": h.quantity.text, "Value": h.quantity.value, **_why(h.relations, cat)} for h in holdings]


def relations_in(groups: Iterable[Iterable[Relation]]) -> list[Relation]:
    """Every relationship of every group, once, in order."""
    return list({r.id: r for group in groups for r in group}.values())
