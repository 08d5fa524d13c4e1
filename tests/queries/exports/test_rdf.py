"""RDF: Turtle and JSON-LD parse back to the same triples; the vocabulary is closed; provenance is PROV-O."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from export_traps import DATASET_LICENCE, DATASET_METHOD, HANS_QUOTE, HANT_QUOTE
from rdflib import Graph, Literal, URIRef, namespace
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from computekg.graph.model import Subgraph, article_evidence
from computekg.graph.schema import EntityKind, RelType
from computekg.queries.exports.rdf import date_literal, decimal_literal, to_jsonld, to_rdf, to_turtle
from computekg.queries.exports.vocabulary import CKG, ENTITY, RELATIONSHIP, SOURCE, class_for, property_for

SERIALIZERS: dict[str, tuple[Callable[[Subgraph], str], str]] = {
    "turtle": (to_turtle, "turtle"),
    "jsonld": (to_jsonld, "json-ld"),
}


def _diff(expected: Graph, actual: Graph) -> str:
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    return (
        "only in the exported graph:\n" + only_expected.serialize(format="nt")
        + "\nonly in the parsed graph:\n" + only_actual.serialize(format="nt")
    )


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside RDFLib's parser
@pytest.mark.parametrize("fmt", sorted(SERIALIZERS))
@pytest.mark.parametrize("graph_name", ["seed_graph", "volcano_graph", "tricky_graph"])
def test_serialisations_parse_back_to_the_same_triples(
    fmt: str, graph_name: str, request: pytest.FixtureRequest
) -> None:
    graph: Subgraph = request.getfixturevalue(graph_name)
    serialise, parser = SERIALIZERS[fmt]
    expected = to_rdf(graph)
    parsed = Graph().parse(data=serialise(graph), format=parser)
    assert isomorphic(expected, parsed), _diff(expected, parsed)


@pytest.mark.parametrize("fmt", sorted(SERIALIZERS))
def test_serialisations_are_deterministic(fmt: str, volcano_graph: Subgraph) -> None:
    serialise, _ = SERIALIZERS[fmt]
    assert serialise(volcano_graph) == serialise(volcano_graph)


def test_the_vocabulary_is_closed() -> None:
    assert CKG.supplies == URIRef("https://computekg.org/ontology#supplies")
    with pytest.raises(AttributeError, match="suplies"):
        _ = CKG.suplies
    with pytest.raises(AttributeError, match="Organisation"):
        _ = CKG["Organisation"]


@pytest.mark.parametrize("kind", list(EntityKind))
def test_every_entity_kind_is_a_class(kind: EntityKind) -> None:
    assert class_for(kind) == URIRef(f"https://computekg.org/ontology#{kind}")


@pytest.mark.parametrize("rel_type", list(RelType))
def test_every_relationship_type_is_a_property(rel_type: RelType) -> None:
    term = property_for(rel_type)
    assert term.startswith("https://computekg.org/ontology#") and "_" not in term
    assert property_for(RelType.PROVIDES_COMPUTE_TO) == CKG.providesComputeTo


@pytest.mark.parametrize(
    ("date", "datatype"),
    [("2023", namespace.XSD.gYear), ("2023-05", namespace.XSD.gYearMonth), ("2023-05-30", namespace.XSD.date)],
)
def test_dates_are_typed_by_precision(date: str, datatype: URIRef) -> None:
    assert date_literal(date) == Literal(date, datatype=datatype)


@pytest.mark.parametrize(("value", "lexical"), [(0.9, "0.9"), (8.0, "8.0"), (1e16, "10000000000000000.0")])
def test_decimals_are_canonical(value: float, lexical: str) -> None:
    literal = decimal_literal(value)
    assert str(literal) == lexical and literal.datatype == namespace.XSD.decimal
    assert literal.toPython() == Decimal(lexical)


def test_prefixes_are_bound(tricky_graph: Subgraph) -> None:
    bound = {prefix for prefix, _ in to_rdf(tricky_graph).namespaces()}
    assert {"ckg", "prov", "dcterms", "rdfs", "xsd", "skos"} <= bound
    turtle = to_turtle(tricky_graph)
    for prefix in ("ckg", "prov", "dcterms", "rdfs", "xsd", "skos"):
        assert f"@prefix {prefix}: " in turtle


def test_entities_have_labels_in_each_language(tricky_graph: Subgraph) -> None:
    rdf = to_rdf(tricky_graph)
    node = ENTITY["formula-eq"]
    assert (node, RDF.type, CKG.Organization) in rdf
    assert set(rdf.objects(node, RDFS.label)) == {
        Literal('=HYPERLINK("http://evil.example","click")', lang="en"),
        Literal('引号"与\\反斜杠', lang="zh-Hans"),
        Literal("引號", lang="zh-Hant"),
    }
    assert set(rdf.objects(node, SKOS.altLabel)) == {
        Literal("+1 alias", lang="en"), Literal("别名", lang="zh"), Literal("=alias", lang="en")
    }
    assert (ENTITY["formula-plus"], CKG.parent, node) in rdf


def test_a_relationship_is_direct_and_reified_with_prov_provenance(tricky_graph: Subgraph) -> None:
    rdf = to_rdf(tricky_graph)
    relation = next(r for r in tricky_graph.relations if r.type is RelType.SUPPLIES)
    subject, object_ = ENTITY["formula-eq"], ENTITY["script"]
    assert (subject, CKG.supplies, object_) in rdf
    node = RELATIONSHIP[relation.id]
    for triple in [
        (node, RDF.type, CKG.Relationship), (node, RDF.type, RDF.Statement),
        (node, RDF.subject, subject), (node, RDF.predicate, CKG.supplies), (node, RDF.object, object_),
        (node, CKG.product, ENTITY["formula-plus"]),
        (node, CKG.factDate, Literal("2023-05", datatype=namespace.XSD.gYearMonth)),
        (node, CKG.amountValue, Literal("10000000000000000.0", datatype=namespace.XSD.decimal)),
        (node, CKG.amountCurrency, Literal("CNY")),
        (node, CKG.quantityValue, Literal("10000.0", datatype=namespace.XSD.decimal)),
        (node, CKG.confidence, Literal("0.8", datatype=namespace.XSD.decimal)),
        (node, PROV.wasDerivedFrom, SOURCE["hans-article"]),
        (node, PROV.wasDerivedFrom, SOURCE["hant-article"]),
    ]:
        assert triple in rdf, triple
    quotes = {}
    for derivation in rdf.objects(node, PROV.qualifiedDerivation):
        assert (derivation, RDF.type, PROV.Derivation) in rdf
        quotes[rdf.value(derivation, PROV.entity)] = rdf.value(derivation, CKG.quote)
    assert quotes == {
        SOURCE["hans-article"]: Literal(HANS_QUOTE, lang="zh-Hans"),
        SOURCE["hant-article"]: Literal(HANT_QUOTE, lang="zh-Hant"),
    }


def test_articles_are_prov_entities_with_dublin_core(tricky_graph: Subgraph) -> None:
    rdf = to_rdf(tricky_graph)
    article = SOURCE["hans-article"]
    assert (article, RDF.type, PROV.Entity) in rdf and (article, RDF.type, CKG.Source) in rdf
    assert rdf.value(article, DCTERMS.title) == Literal('简体 "标题" <i>', lang="zh-Hans")
    assert rdf.value(article, DCTERMS.publisher) == Literal("某媒体 & Co")
    assert rdf.value(article, DCTERMS.date) == Literal("2023-05-30", datatype=namespace.XSD.date)
    hant_date = Literal("2023-07", datatype=namespace.XSD.gYearMonth)
    assert rdf.value(SOURCE["hant-article"], DCTERMS.date) == hant_date


def test_every_seed_relationship_and_quote_is_in_the_rdf(seed_graph: Subgraph) -> None:
    rdf = to_rdf(seed_graph)
    assert len(set(rdf.subjects(RDF.type, CKG.Relationship))) == len(seed_graph.relations)
    assert len(set(rdf.subjects(RDF.type, PROV.Derivation))) == sum(len(r.evidence) for r in seed_graph.relations)
    quotes = {str(q) for q in rdf.objects(None, CKG.quote)}
    assert quotes == {ev.quote for r in seed_graph.relations for ev in article_evidence(r)}


def test_catalog_and_dataset_evidence_derive_from_their_own_prov_entities(tricky_graph: Subgraph) -> None:
    rdf = to_rdf(tricky_graph)
    catalog, dataset = SOURCE["catalog/trap-catalog.yaml"], SOURCE["dataset/Trap%20%3CDataset%3E/2025-01-31"]
    assert (catalog, RDF.type, CKG.CatalogFile) in rdf and (catalog, RDF.type, PROV.Entity) in rdf
    assert (dataset, RDF.type, CKG.Dataset) in rdf and (dataset, RDF.type, PROV.Entity) in rdf
    assert rdf.value(dataset, DCTERMS.license) == Literal(DATASET_LICENCE)
    assert rdf.value(dataset, DCTERMS.hasVersion) == Literal("2025-01-31")
    uses = next(r for r in tricky_graph.relations if r.type is RelType.USES and r.date == "2024-12")
    by_entity = {rdf.value(d, PROV.entity): d for d in rdf.objects(RELATIONSHIP[uses.id], PROV.qualifiedDerivation)}
    assert set(by_entity) == {dataset, SOURCE["hant-article"]}
    record = by_entity[dataset]
    assert rdf.value(record, CKG.rowKey) == Literal("Owner=script|2024-Q4")
    (interval,) = rdf.objects(record, CKG.estimate)
    assert rdf.value(interval, CKG.estimateUnit) == Literal("H100e")
    assert rdf.value(interval, CKG.estimateP5) == Literal("1200.0", datatype=namespace.XSD.decimal)
    assert rdf.value(interval, CKG.estimateMedian) == Literal("3400000.0", datatype=namespace.XSD.decimal)
    assert rdf.value(record, CKG.method) == Literal(DATASET_METHOD, lang="en")
    assert rdf.value(record, CKG.quote) is None  # a record is not a quote
    parent = next(r for r in tricky_graph.relations if r.type is RelType.SUBSIDIARY_OF)
    (reference,) = rdf.objects(RELATIONSHIP[parent.id], PROV.qualifiedDerivation)
    assert rdf.value(reference, CKG.catalogEntry) == ENTITY["script"]
    assert rdf.value(reference, CKG.catalogField) == Literal("parent")
