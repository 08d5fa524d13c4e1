"""The computekg ontology as a closed RDFLib namespace: a misspelt term fails loudly.

Classes are the `EntityKind` labels plus `Relationship`, the reified form of a stated fact. Object
properties are the `RelType`s in lowerCamelCase (`PROVIDES_COMPUTE_TO` -> `providesComputeTo`), so RDF
reads as RDF usually does; `property_for` maps one to the other, and a test checks that every enum
member has its term here. Data properties carry the fields of entities, relationships and evidence.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from computekg.graph.schema import EntityKind, RelType

__all__ = ["CKG", "ENTITY", "RELATIONSHIP", "EVIDENCE", "SOURCE", "class_for", "property_for"]

# Where the things described live: entities at /id/<entity id>, as the catalog names them.
ENTITY = Namespace("https://computekg.org/id/")
RELATIONSHIP = Namespace("https://computekg.org/relationship/")
EVIDENCE = Namespace("https://computekg.org/evidence/")
SOURCE = Namespace("https://computekg.org/source/")


class CKG(DefinedNamespace):
    """computekg's ontology."""

    _NS = Namespace("https://computekg.org/ontology#")
    _fail = True

    # Classes: the entity kinds, and reified relationships.
    Organization: URIRef
    Product: URIRef
    Model: URIRef
    Facility: URIRef
    Policy: URIRef
    Person: URIRef
    Place: URIRef
    Source: URIRef  # a source article (also a prov:Entity)
    CatalogFile: URIRef  # a file of computekg's catalog, cited as reference data (also a prov:Entity)
    Dataset: URIRef  # one version of a published dataset (also a prov:Entity)
    Relationship: URIRef  # one stated fact, with its provenance

    # Object properties: the relationship types, subject -> object.
    designs: URIRef
    develops: URIRef
    manufactures: URIRef
    supplies: URIRef
    purchased: URIRef
    distributes: URIRef
    integrates: URIRef
    providesComputeTo: URIRef
    investsIn: URIRef
    subsidiaryOf: URIRef
    variantOf: URIRef
    restricts: URIRef
    issuedBy: URIRef
    uses: URIRef
    trainedOn: URIRef
    operates: URIRef
    locatedIn: URIRef
    partnersWith: URIRef
    competesWith: URIRef
    leads: URIRef

    # Entity properties.
    role: URIRef
    productKind: URIRef
    facilityKind: URIRef
    country: URIRef  # ISO 3166-1 alpha-2 code
    parent: URIRef

    # Relationship properties.
    product: URIRef
    quantityValue: URIRef
    quantityUnit: URIRef
    quantityApproximate: URIRef
    quantityText: URIRef
    amountValue: URIRef
    amountCurrency: URIRef  # ISO 4217 code
    amountApproximate: URIRef
    amountPer: URIRef
    amountText: URIRef
    factDate: URIRef  # when the fact happened, as precise as known
    startDate: URIRef  # the first day of the period a quantity covers (factDate is its end)
    status: URIRef
    confidence: URIRef
    note: URIRef

    # Evidence (on a prov:Derivation) and source properties.
    quote: URIRef
    factId: URIRef
    catalogEntry: URIRef  # the catalog entry (an entity) a reference comes from
    catalogField: URIRef  # the entry's field that states it ('parent')
    datasetFile: URIRef
    rowKey: URIRef
    estimate: URIRef  # a dataset record's interval in one unit (a node of its own)
    estimateUnit: URIRef
    estimateP5: URIRef
    estimateMedian: URIRef
    estimateP95: URIRef
    method: URIRef
    script: URIRef
    path: URIRef


def class_for(kind: EntityKind) -> URIRef:
    return CKG[str(kind)]


def property_for(rel_type: RelType) -> URIRef:
    """The object property of a relationship type: `PROVIDES_COMPUTE_TO` -> `ckg:providesComputeTo`."""
    first, *rest = str(rel_type).lower().split("_")
    return CKG[first + "".join(word.capitalize() for word in rest)]
