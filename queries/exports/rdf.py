"""RDF of a subgraph (Turtle, JSON-LD), with W3C PROV-O provenance on every stated relationship.

Each relationship appears twice, on purpose: as a direct triple (`id:nvidia ckg:supplies id:bytedance`)
for easy querying, and as a `ckg:Relationship` node (also an `rdf:Statement` naming subject, predicate
and object) that carries the details (product, quantity, amount, date, confidence) and its provenance:
`prov:wasDerivedFrom` each source, and one `prov:qualifiedDerivation` per evidence item: for an article, the
verbatim quote, tagged zh-Hans or zh-Hant by the article's script; for a catalog reference, the entry and its
field; for a dataset record, the file, the row key, the interval of an estimate and its method. Articles,
catalog files (`ckg:CatalogFile`) and dataset versions (`ckg:Dataset`, with `dcterms:hasVersion` and
`dcterms:license`) are `prov:Entity` nodes with a Dublin Core title. RDF-star is deliberately not used: few
tools read it yet.

Dates are typed as precisely as they are known (xsd:gYear, xsd:gYearMonth, xsd:date); amounts,
quantities and confidences are xsd:decimal.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from computekg.graph.model import (
    CatalogEvidence,
    DatasetEvidence,
    Entity,
    Evidence,
    EvidenceItem,
    Relation,
    Source,
    Subgraph,
)
from computekg.queries.exports.vocabulary import CKG, ENTITY, EVIDENCE, RELATIONSHIP, SOURCE, class_for, property_for

__all__ = ["PREFIXES", "to_rdf", "to_turtle", "to_jsonld", "date_literal", "decimal_literal"]

PREFIXES = {
    "ckg": str(CKG),
    "id": str(ENTITY),
    "rel": str(RELATIONSHIP),
    "ev": str(EVIDENCE),
    "src": str(SOURCE),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "xsd": str(XSD),
}
_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
Node = URIRef | Literal
Triple = tuple[URIRef, URIRef, Node]


def to_rdf(graph: Subgraph) -> Graph:
    """The subgraph as an RDFLib graph with the project's prefixes bound."""
    rdf = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace, override=True)
    languages = {source.id: _language(source) for source in graph.sources}
    triples = [
        *(t for entity in graph.entities for t in _entity_triples(entity)),
        *(t for source in graph.sources for t in _source_triples(source)),
        *(t for relation in graph.relations for t in _relation_triples(relation, languages)),
        *_cited_triples(graph),
    ]
    for triple in triples:
        rdf.add(triple)
    return rdf


def to_turtle(graph: Subgraph) -> str:
    return to_rdf(graph).serialize(format="turtle")


def to_jsonld(graph: Subgraph) -> str:
    """JSON-LD with the prefixes as an inline context, so reading it back needs no network."""
    data = json.loads(to_rdf(graph).serialize(format="json-ld", context=PREFIXES, auto_compact=True))
    return json.dumps(_ordered(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def date_literal(date: str) -> Literal:
    """A partial date typed by its precision: '2023' xsd:gYear, '2023-05' xsd:gYearMonth, else xsd:date."""
    return Literal(date, datatype=_DATE_TYPES[len(date)])


def decimal_literal(value: float) -> Literal:
    """An xsd:decimal in canonical form (always with a '.'), so it reads back as the same term."""
    text = format(Decimal(repr(value)), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def _entity_triples(entity: Entity) -> list[tuple[URIRef, URIRef, Node]]:
    node = ENTITY[entity.id]
    triples: list[tuple[URIRef, URIRef, Node]] = [
        (node, RDF.type, class_for(entity.kind)),
        (node, RDFS.label, Literal(entity.name, lang="en")),
    ]
    if entity.name_zh:
        triples.append((node, RDFS.label, Literal(entity.name_zh, lang="zh-Hans")))
    if entity.name_zh_hant:
        triples.append((node, RDFS.label, Literal(entity.name_zh_hant, lang="zh-Hant")))
    triples += [(node, SKOS.altLabel, Literal(alias, lang=_alias_language(alias))) for alias in entity.aliases]
    triples += [(node, CKG.role, Literal(str(role))) for role in entity.roles]
    optional: list[tuple[URIRef, Node | None]] = [
        (CKG.productKind, Literal(str(entity.product_kind)) if entity.product_kind else None),
        (CKG.facilityKind, Literal(str(entity.facility_kind)) if entity.facility_kind else None),
        (CKG.country, Literal(entity.country) if entity.country else None),
        (CKG.parent, ENTITY[entity.parent] if entity.parent else None),
        (DCTERMS.description, Literal(entity.description) if entity.description else None),
    ]
    return triples + [(node, predicate, value) for predicate, value in optional if value is not None]


def _source_triples(source: Source) -> list[tuple[URIRef, URIRef, Node]]:
    node = _source_node(source.id)
    optional: list[tuple[URIRef, Node | None]] = [
        (DCTERMS.publisher, Literal(source.publisher) if source.publisher else None),
        (DCTERMS.date, date_literal(source.date) if source.date else None),
    ]
    return [
        (node, RDF.type, PROV.Entity),
        (node, RDF.type, CKG.Source),
        (node, DCTERMS.title, Literal(source.title, lang=_language(source))),
        (node, DCTERMS.language, Literal(source.language)),
        (node, CKG.script, Literal(source.script)),
        (node, CKG.path, Literal(source.path)),
        *((node, predicate, value) for predicate, value in optional if value is not None),
    ]


def _relation_triples(relation: Relation, languages: dict[str, str]) -> list[tuple[URIRef, URIRef, Node]]:
    subject, predicate, object_ = ENTITY[relation.subject], property_for(relation.type), ENTITY[relation.object]
    node = RELATIONSHIP[quote(relation.id, safe="")]
    triples: list[tuple[URIRef, URIRef, Node]] = [
        (subject, predicate, object_),
        (node, RDF.type, CKG.Relationship),
        (node, RDF.type, RDF.Statement),
        (node, RDF.subject, subject),
        (node, RDF.predicate, predicate),
        (node, RDF.object, object_),
        (node, CKG.confidence, decimal_literal(relation.confidence)),
    ]
    quantity, amount = relation.quantity, relation.amount
    optional: list[tuple[URIRef, Node | None]] = [
        (CKG.product, ENTITY[relation.product] if relation.product else None),
        (CKG.factDate, date_literal(relation.date) if relation.date else None),
        (CKG.startDate, date_literal(relation.start_date) if relation.start_date else None),
        (CKG.status, Literal(str(relation.status)) if relation.status else None),
        (CKG.note, Literal(relation.note) if relation.note else None),
    ]
    if quantity is not None:
        optional += [
            (CKG.quantityValue, decimal_literal(quantity.value)),
            (CKG.quantityUnit, Literal(quantity.unit) if quantity.unit else None),
            (CKG.quantityApproximate, Literal(quantity.approximate)),
            (CKG.quantityText, Literal(quantity.text)),
        ]
    if amount is not None:
        optional += [
            (CKG.amountValue, decimal_literal(amount.value)),
            (CKG.amountCurrency, Literal(str(amount.currency))),
            (CKG.amountApproximate, Literal(amount.approximate)),
            (CKG.amountPer, Literal(amount.per) if amount.per else None),
            (CKG.amountText, Literal(amount.text)),
        ]
    triples += [(node, p, value) for p, value in optional if value is not None]
    for number, evidence in enumerate(relation.evidence, start=1):
        source = _cited_node(evidence)
        derivation = EVIDENCE[f"{quote(relation.id, safe='')}-{number}"]
        triples += [
            (node, PROV.wasDerivedFrom, source),
            (node, PROV.qualifiedDerivation, derivation),
            (derivation, RDF.type, PROV.Derivation),
            (derivation, PROV.entity, source),
            (derivation, CKG.confidence, decimal_literal(evidence.confidence)),
            *_evidence_triples(derivation, evidence, languages),
        ]
    return triples


def _evidence_triples(derivation: URIRef, evidence: EvidenceItem, languages: dict[str, str]) -> list[Triple]:
    """What the derivation says beyond its source: the quote, the catalog entry, or the dataset record."""
    if isinstance(evidence, Evidence):
        triples: list[Triple] = [
            (derivation, CKG.quote, Literal(evidence.quote, lang=languages.get(evidence.source_id))),
            (derivation, CKG.factId, Literal(evidence.fact_id)),
        ]
        if evidence.date:
            triples.append((derivation, DCTERMS.date, date_literal(evidence.date)))
        return triples
    if isinstance(evidence, CatalogEvidence):
        return [(derivation, CKG.catalogEntry, ENTITY[evidence.entry]),
                (derivation, CKG.catalogField, Literal(evidence.field))]
    triples = [(derivation, CKG.datasetFile, Literal(evidence.file)), (derivation, CKG.rowKey, Literal(evidence.row))]
    for number, estimate in enumerate(evidence.estimates, start=1):
        interval = URIRef(f"{derivation}-estimate-{number}")
        triples += [(derivation, CKG.estimate, interval), (interval, CKG.estimateUnit, Literal(estimate.unit)),
                    (interval, CKG.estimateP5, decimal_literal(estimate.p5)),
                    (interval, CKG.estimateMedian, decimal_literal(estimate.median)),
                    (interval, CKG.estimateP95, decimal_literal(estimate.p95))]
    if evidence.method:
        triples.append((derivation, CKG.method, Literal(evidence.method, lang="en")))
    return triples


def _cited_node(evidence: EvidenceItem) -> URIRef:
    """The prov:Entity an evidence item derives from: the article, the catalog file or the dataset version."""
    if isinstance(evidence, Evidence):
        return _source_node(evidence.source_id)
    if isinstance(evidence, CatalogEvidence):
        return SOURCE[f"catalog/{quote(evidence.catalog_file, safe='')}"]
    return SOURCE[f"dataset/{quote(evidence.dataset, safe='')}/{quote(evidence.version, safe='')}"]


def _cited_triples(graph: Subgraph) -> list[Triple]:
    """A node for each catalog file and dataset version cited: its class, title, and a dataset's version and
    licence (which whoever reuses the export must honour)."""
    triples: list[Triple] = []
    for relation in graph.relations:
        for evidence in relation.evidence:
            node = _cited_node(evidence)
            if isinstance(evidence, CatalogEvidence):
                triples += [(node, RDF.type, CKG.CatalogFile), (node, RDF.type, PROV.Entity),
                            (node, DCTERMS.title, Literal(f"computekg catalog: {evidence.catalog_file}", lang="en"))]
            elif isinstance(evidence, DatasetEvidence):
                triples += [(node, RDF.type, CKG.Dataset), (node, RDF.type, PROV.Entity),
                            (node, DCTERMS.title, Literal(evidence.dataset)),
                            (node, DCTERMS.hasVersion, Literal(evidence.version)),
                            (node, DCTERMS.license, Literal(evidence.licence))]
    return triples


def _ordered(data: Any) -> Any:
    """JSON-LD with every array sorted: RDFLib emits nodes in set order, which changes from run to run,
    and no array here is an ordered `@list`."""
    if isinstance(data, dict):
        return {key: _ordered(value) for key, value in data.items()}
    if isinstance(data, list):
        return sorted((_ordered(item) for item in data), key=lambda item: json.dumps(item, sort_keys=True))
    return data


def _source_node(source_id: str) -> URIRef:
    return SOURCE[quote(source_id, safe="")]


def _language(source: Source) -> str:
    """The BCP 47 tag of an article's text: language and script, e.g. zh-Hans or zh-Hant."""
    return f"{source.language}-{source.script}"


def _alias_language(alias: str) -> str:
    """Aliases in Han characters are Chinese (of either script); the others are English or pinyin."""
    return "zh" if _HAN.search(alias) else "en"
