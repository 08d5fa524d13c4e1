"""Facts on screen: one sentence per relationship, and the quotes, articles, catalog entries and dataset
records behind it."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import streamlit as st

from computekg.app.ui.cached import Catalog
from computekg.app.ui.graph_view import EDGE_PREFIX, edge_of
from computekg.app.ui.text import plain
from computekg.graph.model import CatalogEvidence, Entity, Evidence, EvidenceItem, Relation, Subgraph
from computekg.graph.schema import SUPPLY_FLOW_TYPES, RelType

__all__ = ["FIRST_FACTS", "VERBS", "sentence", "details", "fact_labels", "by_relevance", "show_entity", "cited_source",
           "relation_markdown", "show_relation", "show_relations", "show_evidence_panel"]

FIRST_FACTS = 10  # fact cards an entity's evidence shows before "Show the other …"
# How each relationship type reads as a sentence, subject first.
VERBS: dict[RelType, str] = {
    RelType.DESIGNS: "designs",
    RelType.DEVELOPS: "develops",
    RelType.MANUFACTURES: "manufactures",
    RelType.SUPPLIES: "supplies",
    RelType.PURCHASED: "purchased",
    RelType.DISTRIBUTES: "distributes",
    RelType.INTEGRATES: "builds in",
    RelType.PROVIDES_COMPUTE_TO: "provides compute to",
    RelType.INVESTS_IN: "invests in",
    RelType.SUBSIDIARY_OF: "is a subsidiary of",
    RelType.VARIANT_OF: "is a variant of",
    RelType.RESTRICTS: "restricts",
    RelType.ISSUED_BY: "is issued by",
    RelType.USES: "uses",
    RelType.TRAINED_ON: "is trained on",
    RelType.OPERATES: "operates",
    RelType.LOCATED_IN: "is located in",
    RelType.PARTNERS_WITH: "partners with",
    RelType.COMPETES_WITH: "competes with",
    RelType.LEADS: "leads",
}


def sentence(relation: Relation, cat: Catalog) -> str:
    """'TSMC manufactures NVIDIA A100', the way the relationship is stated."""
    return f"{cat.name(relation.subject)} {VERBS[relation.type]} {cat.name(relation.object)}"


def details(relation: Relation, cat: Catalog) -> str:
    """What else the fact says: product, quantity, amount, date, status ('' when nothing)."""
    parts = [
        relation.product and f"product {cat.name(relation.product)}",
        relation.quantity and f"quantity {relation.quantity.text}",
        relation.amount and f"amount {relation.amount.text}",
        relation.date and f"dated {relation.date}",
        relation.status and str(relation.status),
    ]
    return ", ".join(part for part in parts if part)


def fact_labels(relations: Iterable[Relation], cat: Catalog) -> dict[str, str]:
    """A short, distinct label per relationship (the same sentence twice gets its details, then its key)."""
    labels = {}
    for relation in relations:
        extra = details(relation, cat)
        labels[relation.id] = f"{sentence(relation, cat)}" + (f" ({extra})" if extra else "")
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    return {key: label if counts[label] == 1 else f"{label} #{key.rsplit('-', 1)[-1][:6]}"
            for key, label in labels.items()}


def by_relevance(relations: Iterable[Relation], *, about: str, centres: Iterable[str] = (),
                 asked: Collection[RelType] = SUPPLY_FLOW_TYPES) -> list[Relation]:
    """The facts about `about`, the ones the view asks about first: those that tie it to the view's centres,
    then those of the relationship types `asked` (the view's type filter; by default the supply flow, what the
    app is for), then the best supported.

    Within that, facts naming a product or a quantity (the specific claims) come before general ones.
    """
    middle = set(centres) - {about}

    def rank(relation: Relation) -> tuple[bool, bool, float, bool, str]:
        other = relation.object if relation.subject == about else relation.subject
        specific = relation.quantity is not None or relation.product is not None
        return (other not in middle, relation.type not in asked, -relation.confidence, not specific, relation.id)

    return sorted(relations, key=rank)


def show_entity(entity: Entity) -> None:
    names = " / ".join(plain(name) for name in entity.all_names())
    st.markdown(f"#### {plain(entity.name)}")
    st.caption(f"{entity.kind} · id `{entity.id}`" + (f" · {entity.country}" if entity.country else ""))
    st.markdown(f"**Names:** {names}")
    if entity.roles:
        st.markdown("**Roles:** " + ", ".join(str(role).replace("_", " ") for role in entity.roles))
    if entity.product_kind or entity.facility_kind:
        st.markdown(f"**Kind:** {entity.product_kind or entity.facility_kind}")
    if entity.description:
        st.markdown(plain(entity.description))


def cited_source(evidence: EvidenceItem, cat: Catalog) -> str:
    """Where an evidence item comes from, for a caption: the article with its publisher and date, the catalog
    file (reference data), or the dataset with its version, licence and method."""
    if isinstance(evidence, Evidence):
        source = cat.sources.get(evidence.source_id)
        title = source.title if source else evidence.source_id
        publisher = f", {source.publisher}" if source and source.publisher else ""
        return f"《{title}》{publisher}, {evidence.date or 'undated'}"
    if isinstance(evidence, CatalogEvidence):
        return f"computekg catalog, {evidence.catalog_file} (reference data)"
    method = f"; {evidence.method}" if evidence.method else ""
    return f"dataset {evidence.dataset}, version {evidence.version}, licence {evidence.licence}{method}"


def _small(text: str) -> str:
    """`text` (literal Markdown already) as a caption reads: small and grey, inside a larger Markdown block."""
    return f":gray[:small[{text}]]"


def relation_markdown(relation: Relation, cat: Catalog) -> str:
    """The fact card as one Markdown block: its sentence, then every quote with its source article, date and
    confidence, then its note."""
    extra = details(relation, cat)
    blocks = [f"**{plain(sentence(relation, cat))}**" + (f" ({plain(extra)})" if extra else "")
              + f"  \n`{relation.type}` · confidence {relation.confidence:.2f}"]
    for evidence in relation.evidence:
        blocks.append(f"> {plain(evidence.statement())}")
        blocks.append(_small(f"— {plain(cited_source(evidence, cat))} · confidence {evidence.confidence:.2f}"))
    if relation.note:
        blocks.append(_small(f"Note: {plain(relation.note)}"))
    return "\n\n".join(blocks)


def show_relation(relation: Relation, cat: Catalog) -> None:
    """The fact's sentence, then every quote with its source article, date and confidence.

    One Markdown element, not one per line: the browser pays for each element it is sent (a React subtree,
    styles, a Markdown parse), and the ten cards of a hub's evidence were some sixty elements, most of what
    the Explore page had to draw after its graph (issue 15, item 6; bench/README.md, "App pages").
    """
    st.markdown(relation_markdown(relation, cat))


def show_relations(relations: Iterable[Relation], cat: Catalog) -> None:
    for relation in relations:
        with st.container(border=True):
            show_relation(relation, cat)


def show_evidence_panel(graph: Subgraph, focus: str | None, cat: Catalog, *, centres: Iterable[str] = (),
                        asked: Collection[RelType] = ()) -> None:
    """Evidence for the focused entity (every fact of the view it takes part in, most relevant first: see
    `by_relevance`; `asked` the view's type filter), or for a drawn edge (every fact between its two entities)."""
    relations = {relation.id: relation for relation in graph.relations}
    if focus in relations:
        show_relations([relations[focus]], cat)
        return
    if focus and focus.startswith(EDGE_PREFIX):
        edge = edge_of(graph, focus)
        if edge is not None:
            st.markdown(f"**{plain(cat.name(edge.subject))} → {plain(cat.name(edge.object))}**: "
                        f"{len(edge.relations)} fact{'s' if len(edge.relations) != 1 else ''}")
            show_relations(edge.relations, cat)
            return
    entity = cat.entities.get(focus or "")
    if entity is None:
        st.caption("Select an entity or a relationship to see its evidence.")
        return
    show_entity(entity)
    facts = by_relevance([r for r in graph.relations if entity.id in (r.subject, r.object, r.product)],
                         about=entity.id, centres=centres, asked=asked or SUPPLY_FLOW_TYPES)
    st.markdown(f"**{len(facts)} fact{'s' if len(facts) != 1 else ''} in view**"
                + (f", the {FIRST_FACTS} most relevant first" if len(facts) > FIRST_FACTS else ""))
    show_relations(facts[:FIRST_FACTS], cat)
    # The rest only when asked for: a hub's fifty cards of quotes were most of what the browser had to draw.
    if len(facts) > FIRST_FACTS and st.toggle(f"Show the other {len(facts) - FIRST_FACTS}", key="evidence.more"):
        show_relations(facts[FIRST_FACTS:], cat)
