"""Supply-chain answers as table rows: one row per entity, with the fact and quote that put it there, and the
layer that fact comes from (the news, the catalog, or a dataset by name)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from computekg.app.ui.cached import Catalog
from computekg.app.ui.evidence import cited_source, sentence
from computekg.app.ui.layers import evidence_layer
from computekg.graph.model import DatasetEvidence, Estimate, Relation
from computekg.queries.analytics import Chokepoint, DegreeRank, Exposure, Holding, Impact
from computekg.queries.holdings import HolderEstimate
from computekg.queries.market_share import ShareChokepoint
from computekg.queries.supply import ComputeSources, Linked, Tenant, Tier

__all__ = [
    "COMPUTE_STEPS", "tier_rows", "tenant_rows", "compute_rows", "impact_rows", "exposure_rows",
    "chokepoint_rows", "share_rows", "degree_rows", "holding_rows", "holder_rows", "relations_in",
]

Row = dict[str, Any]
# The steps from a lab's compute back to the tools its chips are made with ("Layer" names where a fact comes from).
COMPUTE_STEPS = {
    "clouds": "Cloud",
    "chips": "Chip",
    "designers": "Designer",
    "foundries": "Foundry",
    "equipment_makers": "Equipment maker",
}


def _why(relations: Sequence[Relation], cat: Catalog) -> Row:
    """The best-supported fact: the layer it comes from, its sentence, first quote and source."""
    if not relations:
        return {"Layer": "", "Fact": "", "Quote": "", "Source": ""}
    best = relations[0]
    evidence = best.evidence[0]
    more = f" (+{len(relations) - 1} more)" if len(relations) > 1 else ""
    return {"Layer": evidence_layer(evidence), "Fact": sentence(best, cat) + more, "Quote": evidence.statement(),
            "Source": cited_source(evidence, cat)}


def _interval(estimate: Estimate | None) -> Row:
    """An estimate's 5th and 95th percentiles beside its median; empty for a stated count, which has none."""
    return {"Low (p5)": estimate.p5 if estimate else None, "High (p95)": estimate.p95 if estimate else None}


def _estimate_of(relation: Relation) -> Estimate | None:
    """The dataset's interval around the quantity a fact states (Epoch AI gives each count as a median with its
    p5 and p95), in the quantity's own unit; None for an article's count."""
    unit = relation.quantity.unit if relation.quantity else None
    return next((estimate for evidence in relation.evidence if isinstance(evidence, DatasetEvidence)
                 for estimate in evidence.estimates if estimate.unit == unit), None)


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
        {"Step": label, **_linked(member, cat)}
        for field, label in COMPUTE_STEPS.items()
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
        quoted = path.relations[-1].evidence[0]
        rows.append({
            "Entity": exposure.entity.name, "Kind": str(exposure.entity.kind),
            "Exposure": "direct" if exposure.direct else f"through {path.cloud.name if path.cloud else 'its cloud'}",
            "Restricted chip": path.chip.name, "Policy": path.policy.name,
            "Layer": evidence_layer(quoted), "Chain": " · ".join(sentence(r, cat) for r in path.relations),
            "Quote": quoted.statement(),
        })
    return rows


def chokepoint_rows(points: Sequence[Chokepoint]) -> list[Row]:
    return [{"Entity": p.entity.name, "Kind": str(p.entity.kind), "Betweenness": p.betweenness,
             "Separates": p.separates} for p in points]


def share_rows(shares: Sequence[ShareChokepoint], cat: Catalog) -> list[Row]:
    """The inputs one organization provides most of, with its market share and the year (ETO's shares)."""
    return [{"Provider": s.provider.name, "Input": s.provided.name, "Share (%)": s.share, "Year": s.year or "",
             **_why((s.relation,), cat)} for s in shares]


def degree_rows(ranks: Sequence[DegreeRank]) -> list[Row]:
    return [{"Entity": r.entity.name, "Kind": str(r.entity.kind), "Relationships": r.degree,
             "In": r.in_degree, "Out": r.out_degree} for r in ranks]


def holding_rows(holdings: Sequence[Holding], cat: Catalog) -> list[Row]:
    return [{"Holder": h.holder.name, "Product": h.what,
             "Quantity": h.quantity.text, "Value": h.quantity.value, **_interval(_estimate_of(h.relations[0])),
             **_why(h.relations, cat)} for h in holdings]


def holder_rows(holders: Sequence[HolderEstimate], cat: Catalog) -> list[Row]:
    """Compute held, summed over the quarters a dataset estimates (Epoch AI's H100-equivalents), latest first."""
    return [{"Holder": h.holder.name, "H100e (median)": h.h100e.median, **_interval(h.h100e),
             "Quarters": h.quarters, **_why(h.relations[::-1], cat)} for h in holders]


def relations_in(groups: Iterable[Iterable[Relation]]) -> list[Relation]:
    """Every relationship of every group, once, in order."""
    return list({r.id: r for group in groups for r in group}.values())
