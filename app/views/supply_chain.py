"""Supply chain: who supplies whom tier by tier, a cloud's tenants, a lab's compute, removals, export controls."""

from __future__ import annotations

import streamlit as st

from computekg.app.ui.cached import ask, catalog
from computekg.app.ui.entity_search import entity_search
from computekg.app.ui.errors import reported_errors
from computekg.app.ui.graph_view import show_graph, subgraph_of
from computekg.app.ui.supply_tables import (
    COMPUTE_LAYERS,
    chokepoint_rows,
    compute_rows,
    degree_rows,
    exposure_rows,
    holding_rows,
    impact_rows,
    relations_in,
    tenant_rows,
    tier_rows,
)
from computekg.app.ui.views import View, file_stem, remember_view
from computekg.graph.schema import EntityKind
from computekg.queries.analytics import (
    chokepoints,
    export_control_exposure,
    top_by_degree,
    top_by_quantity,
    what_if_removed,
)
from computekg.queries.exports.context import ReportContext
from computekg.queries.supply import compute_sources, customers_of, suppliers_of, tenants_of

TIERS, TENANTS, COMPUTE, WHAT_IF, EXPOSURE, RANKINGS = QUESTIONS = (
    "Suppliers and customers", "Tenants of a cloud", "Compute sources of a lab", "What if it stopped",
    "Export-control exposure", "Chokepoints and rankings",
)
ALL_POLICIES = "all"

cat = catalog()
asked: tuple[tuple[str, str], ...]  # the question's own options, for the report
st.title("Supply chain")
question = st.segmented_control("Question", QUESTIONS, default=TIERS, required=True, key="question",
                                bind="query-params")
needs_entity = question in (TIERS, TENANTS, COMPUTE, WHAT_IF)
entity = entity_search("Entity", key="entity", suggestions=("volcano-engine", "zhipu-ai", "tsmc", "nvidia")) \
    if needs_entity else None
if needs_entity and entity is None:
    st.stop()

with reported_errors():
    if question == TIERS and entity is not None:
        tiers = st.slider("Tiers", 1, 5, 2, key="tiers", bind="query-params")
        up, down = ask(suppliers_of, entity.id, tiers=tiers), ask(customers_of, entity.id, tiers=tiers)
        left, right = st.columns(2)
        left.markdown(f"**Suppliers of {entity.name}** (who gives to it, tier by tier)")
        left.dataframe(tier_rows(up, cat), hide_index=True)
        right.markdown(f"**Customers of {entity.name}** (who it gives to)")
        right.dataframe(tier_rows(down, cat), hide_index=True)
        relations = relations_in(m.relations for tier in [*up, *down] for m in tier.members)
        title = f"Supply chain: suppliers and customers of {entity.name} ({tiers} tiers)"
        stem, asked = file_stem("supply", entity.id, f"{tiers}tiers"), (("Tiers", str(tiers)),)
    elif question == TENANTS and entity is not None:
        tenants = ask(tenants_of, entity.id)
        if not tenants:
            st.info(f"The articles name no one {entity.name} provides compute to.")
        st.markdown(f"**Tenants of {entity.name}**")
        st.dataframe(tenant_rows(tenants, cat), hide_index=True, column_config={"id": None})
        relations = relations_in([*t.relations, *t.group_links] for t in tenants)
        title = f"Supply chain: tenants of {entity.name}"
        stem, asked = file_stem("tenants-of", entity.id), ()
    elif question == COMPUTE and entity is not None:
        sources = ask(compute_sources, entity.id)
        st.markdown(f"**Where {entity.name}'s compute comes from**: "
                    + " → ".join(COMPUTE_LAYERS[f] for f in reversed(COMPUTE_LAYERS)))
        st.dataframe(compute_rows(sources, cat), hide_index=True)
        relations = relations_in(m.relations for f in COMPUTE_LAYERS for m in getattr(sources, f))
        title = f"Supply chain: compute sources of {entity.name}"
        stem, asked = file_stem("compute-sources-of", entity.id), ()
    elif question == WHAT_IF and entity is not None:
        impact = ask(what_if_removed, entity.id)
        st.markdown(f"**If {entity.name} stopped**, {len(impact.cut_off)} entities would lose every source of "
                    f"supply and {len(impact.reduced)} would lose some.")
        st.markdown("**Cut off**")
        st.dataframe(impact_rows(impact.cut_off, cat), hide_index=True)
        st.markdown("**Reduced**")
        st.dataframe(impact_rows(impact.reduced, cat), hide_index=True)
        relations, title, stem, asked = [], "", "", ()
    elif question == EXPOSURE:
        policies = [ALL_POLICIES, *sorted(e.id for e in cat.entities.values() if e.kind is EntityKind.POLICY)]
        policy = st.selectbox("Policy", policies, key="policy", bind="query-params",
                              format_func=lambda p: "every policy" if p == ALL_POLICIES else cat.name(p))
        exposures = ask(export_control_exposure, None if policy == ALL_POLICIES else policy)
        if not exposures:
            st.info("No entity is stated to depend on chips this policy restricts.")
        st.markdown(f"**{sum(e.direct for e in exposures)} entities depend directly on restricted chips, "
                    f"{sum(not e.direct for e in exposures)} through their cloud**")
        st.dataframe(exposure_rows(exposures, cat), hide_index=True)
        relations = relations_in(e.paths[0].relations for e in exposures)
        title = f"Supply chain: export-control exposure ({'every policy' if policy == ALL_POLICIES else policy})"
        stem = file_stem("export-control-exposure", "" if policy == ALL_POLICIES else policy)
        asked = (("Policy", "every policy" if policy == ALL_POLICIES else cat.name(policy)),)
    else:  # RANKINGS
        points = ask(chokepoints, top=10)
        left, right = st.columns(2)
        left.markdown("**Chokepoints by betweenness** (share of supply paths through it)")
        left.dataframe(chokepoint_rows(points.by_betweenness), hide_index=True)
        right.markdown("**Articulation points** (entities cut off if it goes)")
        right.dataframe(chokepoint_rows(points.by_separation), hide_index=True)
        left.markdown("**Most connected**")
        left.dataframe(degree_rows(ask(top_by_degree, top=10)), hide_index=True)
        right.markdown("**Largest stated holdings of chips**")
        right.dataframe(holding_rows(ask(top_by_quantity, top=10), cat), hide_index=True)
        relations, title, stem, asked = [], "", "", ()

if relations:
    graph = subgraph_of(relations, cat, also=[entity.id] if entity else [])
    named = (("Entity", entity.name),) if entity else ()
    remember_view("supply-chain", View(title, graph, ReportContext(
        centres=(entity.id,) if entity else (), filters=(("Question", question), *named, *asked)), stem))
    show_graph(graph, key=f"supply.{QUESTIONS.index(question)}.graph", centres={entity.id} if entity else set(),
               height=480)
