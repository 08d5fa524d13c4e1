"""Supply chain: who supplies whom tier by tier, a cloud's tenants, a lab's compute, removals, export controls.

Every answer keeps to the layer chosen (news, datasets or both) and each row says which layer its fact is from.
"""

from __future__ import annotations

import streamlit as st

from computekg.app.ui.cached import ask, catalog
from computekg.app.ui.entity_search import entity_search
from computekg.app.ui.errors import reported_errors
from computekg.app.ui.graph_view import show_graph, subgraph_of
from computekg.app.ui.layers import layer_control
from computekg.app.ui.supply_questions import (
    COMPUTE,
    EXPOSURE,
    NEEDS_ENTITY,
    QUESTIONS,
    SUGGESTIONS,
    TENANTS,
    TIERS,
    WHAT_IF,
    remember_question,
    suits,
    switch_question,
)
from computekg.app.ui.supply_tables import (
    COMPUTE_STEPS,
    chokepoint_rows,
    compute_rows,
    degree_rows,
    exposure_rows,
    holder_rows,
    holding_rows,
    impact_rows,
    relations_in,
    share_rows,
    tenant_rows,
    tier_rows,
)
from computekg.app.ui.tables import show_rows
from computekg.app.ui.views import View, file_stem, remember_view
from computekg.graph.choices import Layer
from computekg.graph.schema import EntityKind
from computekg.queries.analytics import (
    chokepoints,
    export_control_exposure,
    top_by_degree,
    top_by_quantity,
    what_if_removed,
)
from computekg.queries.exports.context import ReportContext
from computekg.queries.holdings import top_holders
from computekg.queries.supply import compute_sources, customers_of, suppliers_of, tenants_of

ALL_POLICIES = "all"

cat = catalog()
asked: tuple[tuple[str, str], ...]  # the question's own options, for the report
st.title("Supply chain")
question = st.segmented_control("Question", QUESTIONS, default=TIERS, required=True, key="question",
                                bind="query-params", on_change=switch_question)
remember_question(question)
layer = layer_control()
needs_entity = question in NEEDS_ENTITY
entity = entity_search("Entity", key="entity", suggestions=SUGGESTIONS[question]) if needs_entity else None
if entity is not None and not suits(question, entity.id, cat):
    st.info(f"{entity.name} is not stated to {'provide' if question == TENANTS else 'get'} compute in the "
            "articles, so this question may have no answer for it.")
if needs_entity and entity is None:
    st.stop()

with reported_errors():
    if question == TIERS and entity is not None:
        tiers = st.slider("Tiers", 1, 5, 2, key="tiers", bind="query-params")
        up, down = (ask(suppliers_of, entity.id, tiers=tiers, layer=layer),
                    ask(customers_of, entity.id, tiers=tiers, layer=layer))
        left, right = st.columns(2)
        left.markdown(f"**Suppliers of {entity.name}** (who gives to it, tier by tier)")
        show_rows(tier_rows(up, cat), where=left)
        right.markdown(f"**Customers of {entity.name}** (who it gives to)")
        show_rows(tier_rows(down, cat), where=right)
        relations = relations_in(m.relations for tier in [*up, *down] for m in tier.members)
        title = f"Supply chain: suppliers and customers of {entity.name} ({tiers} tiers)"
        stem, asked = file_stem("supply", entity.id, f"{tiers}tiers"), (("Tiers", str(tiers)),)
    elif question == TENANTS and entity is not None:
        tenants = ask(tenants_of, entity.id, layer=layer)
        if not tenants:
            st.info(f"No fact in this layer names anyone {entity.name} provides compute to.")
        st.markdown(f"**Tenants of {entity.name}**")
        show_rows(tenant_rows(tenants, cat))
        relations = relations_in([*t.relations, *t.group_links] for t in tenants)
        title = f"Supply chain: tenants of {entity.name}"
        stem, asked = file_stem("tenants-of", entity.id), ()
    elif question == COMPUTE and entity is not None:
        sources = ask(compute_sources, entity.id, layer=layer)
        st.markdown(f"**Where {entity.name}'s compute comes from**: "
                    + " → ".join(COMPUTE_STEPS[f] for f in reversed(COMPUTE_STEPS)))
        show_rows(compute_rows(sources, cat))
        relations = relations_in(m.relations for f in COMPUTE_STEPS for m in getattr(sources, f))
        title = f"Supply chain: compute sources of {entity.name}"
        stem, asked = file_stem("compute-sources-of", entity.id), ()
    elif question == WHAT_IF and entity is not None:
        impact = ask(what_if_removed, entity.id, layer=layer)
        st.markdown(f"**If {entity.name} stopped**, {len(impact.cut_off)} entities would lose every source of "
                    f"supply and {len(impact.reduced)} would lose some.")
        st.markdown("**Cut off**")
        show_rows(impact_rows(impact.cut_off, cat))
        st.markdown("**Reduced**")
        show_rows(impact_rows(impact.reduced, cat))
        relations, title, stem, asked = [], "", "", ()
    elif question == EXPOSURE:
        policies = [ALL_POLICIES, *sorted(e.id for e in cat.entities.values() if e.kind is EntityKind.POLICY)]
        policy = st.selectbox("Policy", policies, key="policy", bind="query-params",
                              format_func=lambda p: "every policy" if p == ALL_POLICIES else cat.name(p))
        exposures = ask(export_control_exposure, None if policy == ALL_POLICIES else policy, layer=layer)
        if not exposures:
            st.info("No entity is stated to depend on chips this policy restricts.")
        st.markdown(f"**{sum(e.direct for e in exposures)} entities depend directly on restricted chips, "
                    f"{sum(not e.direct for e in exposures)} through their cloud**")
        show_rows(exposure_rows(exposures, cat))
        relations = relations_in(e.paths[0].relations for e in exposures)
        title = f"Supply chain: export-control exposure ({'every policy' if policy == ALL_POLICIES else policy})"
        stem = file_stem("export-control-exposure", "" if policy == ALL_POLICIES else policy)
        asked = (("Policy", "every policy" if policy == ALL_POLICIES else cat.name(policy)),)
    else:  # RANKINGS
        points = ask(chokepoints, top=10, layer=layer)
        left, right = st.columns(2)
        left.markdown("**Chokepoints by betweenness** (share of supply paths through it)")
        show_rows(chokepoint_rows(points.by_betweenness), where=left)
        right.markdown("**Articulation points** (entities cut off if it goes)")
        show_rows(chokepoint_rows(points.by_separation), where=right)
        st.markdown("**Chokepoints by market share** (inputs one organization provides at least half of)")
        if points.by_share:
            show_rows(share_rows(points.by_share, cat))
        else:
            st.info("No market shares in this layer: they come from CSET ETO's dataset (`computekg import eto PATH`).")
        left, right = st.columns(2)
        left.markdown("**Most connected**")
        show_rows(degree_rows(ask(top_by_degree, top=10, layer=layer)), where=left)
        right.markdown("**Largest holdings of chips** (as stated, or estimated with an interval)")
        show_rows(holding_rows(ask(top_by_quantity, top=10, layer=layer), cat), where=right)
        st.markdown("**Most compute held** (H100-equivalents estimated by quarter, summed; the summed p5 and p95 "
                    "make a band at least as wide as the true one)")
        if holders := ask(top_holders, top=10, layer=layer):
            show_rows(holder_rows(holders, cat))
        else:
            st.info("No compute estimates in this layer: they come from Epoch AI's chip owners "
                    "(`computekg import epoch PATH`).")
        relations, title, stem, asked = [], "", "", ()

if relations:
    graph = subgraph_of(relations, cat, also=[entity.id] if entity else [])
    named = (("Entity", entity.name),) if entity else ()
    kept = (("Layer", str(layer)),) if layer is not Layer.BOTH else ()
    remember_view("supply-chain", View(title, graph, ReportContext(
        centres=(entity.id,) if entity else (), filters=(("Question", question), *named, *asked, *kept)), stem))
    show_graph(graph, key=f"supply.{QUESTIONS.index(question)}.graph", centres={entity.id} if entity else set(),
               height=480)
