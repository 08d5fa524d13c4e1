"""The interchange model: what loaders produce, stores consume and exporters read.

Facts are immutable pydantic models with `extra="forbid"`, so a misspelt field in a
fact file is an error rather than silently dropped data.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag, model_validator

from computekg.graph.characters import ExportableText
from computekg.graph.schema import (
    EntityKind,
    FacilityKind,
    FactStatus,
    OrgRole,
    ProductKind,
    RelType,
    TextAlteration,
)

__all__ = [
    "EntityId",
    "PartialDate",
    "Ticker",
    "EXCHANGES",
    "Currency",
    "Quantity",
    "Money",
    "Evidence",
    "CatalogEvidence",
    "Estimate",
    "DatasetEvidence",
    "EvidenceItem",
    "article_evidence",
    "Entity",
    "Relation",
    "Source",
    "Subgraph",
    "GraphPath",
    "relation_key",
]

EntityId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
# A date as precise as the article gives it: year, year-month or full date.
PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]

# Exchanges a catalog ticker may name, by the short code the catalog writes before the colon.
EXCHANGES = (
    "NASDAQ", "NYSE", "TWSE", "TPEX", "SSE", "SZSE", "BSE", "HKEX", "KRX", "KOSDAQ", "TSE",
    "AMS", "PAR", "ETR", "LSE", "SWX", "STO", "HEL", "BIT", "TASE", "ASX", "TSX", "NSE", "SGX",
)
# A listing, written once as EXCHANGE:SYMBOL ('NASDAQ:NVDA', 'TWSE:2330', 'HKEX:0700'); the forms news
# prints ('NVDA-US', '2330.TW', '0700.HK') are derived from it (`computekg.loaders.tickers`).
Ticker = Annotated[str, StringConstraints(pattern=rf"^(?:{'|'.join(EXCHANGES)}):[A-Z0-9][A-Z0-9.]*$")]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Currency(StrEnum):
    """Currencies the articles quote amounts in."""

    USD = "USD"
    CNY = "CNY"
    HKD = "HKD"
    TWD = "TWD"
    EUR = "EUR"


class Quantity(_Frozen):
    """A count of things (chips, servers, cards) as parsed from the article's wording."""

    value: float = Field(allow_inf_nan=False)
    unit: ExportableText | None = None
    approximate: bool = False
    text: ExportableText = Field(description="The wording the value was parsed from, e.g. '1.6万块'.")


class Money(_Frozen):
    """An amount of money; `value` is in whole units of `currency` (亿 and 万 already multiplied out)."""

    value: float = Field(allow_inf_nan=False)
    currency: Currency
    approximate: bool = False
    per: ExportableText | None = Field(default=None, description="A price per unit: '台' in '165万/台'.")
    text: ExportableText


class Evidence(_Frozen):
    """One sentence of one article that supports a relationship: the quote occurs in the article."""

    kind: Literal["article"] = "article"
    source_id: ExportableText
    quote: ExportableText = Field(min_length=2)
    date: PartialDate | None = Field(default=None, description="Publication date of the source article.")
    fact_id: ExportableText = Field(description="The id of the curated or extracted fact this evidence came from.")
    confidence: float = Field(ge=0.0, le=1.0)

    def identity(self) -> tuple[str, ...]:
        """What makes two evidence items the same one (and the order they are listed in)."""
        return (self.kind, self.source_id, self.fact_id, self.quote)

    def citation_key(self) -> str:
        """What a report numbers as one citation: the article."""
        return self.source_id

    def origin(self) -> str:
        """Where it comes from, in a few words: the article's id."""
        return self.source_id

    def statement(self) -> str:
        """What it says, as a reader is shown it: the sentence."""
        return self.quote


class CatalogEvidence(_Frozen):
    """Reference data: an entry of the bundled catalog (`data/catalog/`) states it, as public knowledge.

    There is no quote to check: the catalog is curated reference data (a company's parent, a product's maker),
    so the citation names the catalog file and the entry the relationship comes from.
    """

    kind: Literal["catalog"] = "catalog"
    catalog_file: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*\.yaml$", description="'silicon-china.yaml'")
    entry: EntityId = Field(description="The id of the catalog entry that states it.")
    field: Literal["parent", "maker", "family"] = Field(description="The entry's field that states it.")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    def identity(self) -> tuple[str, ...]:
        return (self.kind, self.catalog_file, self.entry, self.field)

    def citation_key(self) -> str:
        """One citation per catalog file."""
        return f"catalog:{self.catalog_file}"

    def origin(self) -> str:
        return f"catalog {self.catalog_file}"

    def statement(self) -> str:
        return f"reference data: the {self.field} of catalog entry {self.entry}"


class Estimate(_Frozen):
    """A model estimate's interval in one unit: the 5th percentile, the median and the 95th percentile."""

    unit: str = Field(min_length=1, description="What is counted: 'units', 'H100e'.")
    p5: float
    median: float
    p95: float

    @model_validator(mode="after")
    def _ordered(self) -> Estimate:
        if not self.p5 <= self.median <= self.p95:
            raise ValueError(f"an interval needs p5 <= median <= p95, not {self.p5}, {self.median}, {self.p95}")
        return self


class DatasetEvidence(_Frozen):
    """One record of a published dataset that supports a relationship (Epoch AI, CSET ETO).

    The record is named by dataset, version, file and row key, so a reader can find the row again; the
    licence travels with it because a report that cites the row must state it.
    """

    kind: Literal["dataset"] = "dataset"
    dataset: str = Field(min_length=1, description="'Epoch AI chip owners', 'ETO Chip Explorer'.")
    version: str = Field(min_length=1, description="The dataset's commit or release date.")
    file: str = Field(min_length=1, description="The file inside the dataset: 'inputs/provision.csv'.")
    row: str = Field(min_length=1, description="The row's key inside the file (a line number or its key columns).")
    licence: str = Field(min_length=1, description="'MIT', 'CC BY-NC 4.0'.")
    estimates: tuple[Estimate, ...] = Field(default=(), description="For model estimates: the interval in each "
                                             "unit the dataset gives (units, H100-equivalents).")
    method: str | None = Field(default=None, description="For estimates: how the dataset arrived at them.")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    def identity(self) -> tuple[str, ...]:
        return (self.kind, self.dataset, self.version, self.file, self.row)

    def citation_key(self) -> str:
        """One citation per dataset version."""
        return f"dataset:{self.dataset}@{self.version}"

    def origin(self) -> str:
        return f"{self.dataset} {self.version} ({self.licence})"

    def statement(self) -> str:
        intervals = "; ".join(f"{e.unit} median {e.median:g} (p5 {e.p5:g}, p95 {e.p95:g})" for e in self.estimates)
        return f"{self.file}, row {self.row}" + (f": {intervals}" if intervals else "")


def _evidence_kind(value: Any) -> str:
    """The kind an evidence item (a model or its dict) is; one written before kinds existed is an article's."""
    if isinstance(value, dict):
        return str(value.get("kind", "article"))
    return str(getattr(value, "kind", "article"))


# An evidence item of any kind; `kind` says which, so JSON and stored properties validate to the right class.
EvidenceItem = Annotated[
    Annotated[Evidence, Tag("article")] | Annotated[CatalogEvidence, Tag("catalog")]
    | Annotated[DatasetEvidence, Tag("dataset")],
    Discriminator(_evidence_kind),
]


def article_evidence(relation: Relation) -> tuple[Evidence, ...]:
    """The article sentences among a relationship's evidence: what MENTIONS links and quote checks are about."""
    return tuple(item for item in relation.evidence if isinstance(item, Evidence))


class Entity(_Frozen):
    """A node: an organization, product, model, facility, policy, person or place."""

    id: EntityId
    kind: EntityKind
    name: ExportableText = Field(min_length=1)
    name_zh: ExportableText | None = None
    name_zh_hant: ExportableText | None = None
    aliases: tuple[ExportableText, ...] = ()
    legal_name: ExportableText | None = Field(default=None, description="The registered name: 'Taiwan Semiconductor "
                                   "Manufacturing Company Limited'.")
    former_names: tuple[ExportableText, ...] = Field(default=(),
                                                     description="Names it was known by before: 'Facebook'.")
    weak_aliases: tuple[ExportableText, ...] = Field(
        default=(), description="Names that are also everyday words ('苹果', 'Arm'): an article's mention counts "
        "only in a context that makes the entity clear; a lookup by name still finds them.")
    tickers: tuple[Ticker, ...] = ()
    roles: tuple[OrgRole, ...] = ()
    product_kind: ProductKind | None = None
    facility_kind: FacilityKind | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    parent: EntityId | None = Field(default=None, description="An organization's parent organization.")
    maker: EntityId | None = Field(default=None, description="The organization whose product this is.")
    family: EntityId | None = Field(default=None, description="The product family (a Product of kind "
                                    "'family') a product belongs to: NVIDIA H100 -> Hopper.")
    date: PartialDate | None = Field(default=None, description="When it came to be: a rule's publication, "
                                     "a product's announcement, an organization's founding.")
    generic: bool = Field(default=False, description="A class of things an article names only generically "
                          "('NVIDIA GPUs', 'Chinese domestic AI chips'), never one named party: no fact through "
                          "it says which member is meant, so extraction, supply tiers and rankings leave it out.")
    description: ExportableText | None = None

    def all_names(self) -> tuple[str, ...]:
        """Every name this entity is known by: canonical, Chinese forms, aliases, legal and former names.

        Tickers are not names here: the forms news prints them in are derived by `loaders.tickers`.
        """
        names = [self.name, self.name_zh, self.name_zh_hant, *self.aliases, self.legal_name, *self.former_names,
                 *self.weak_aliases]
        return tuple(dict.fromkeys(n for n in names if n))


class Relation(_Frozen):
    """A directed relationship between two entities, with everything that supports it."""

    id: ExportableText = Field(description="Stable key derived from the relationship's content; see relation_key().")
    subject: EntityId
    type: RelType
    object: EntityId
    product: EntityId | None = None
    quantity: Quantity | None = None
    amount: Money | None = None
    date: PartialDate | None = Field(default=None, description="When the fact happened, as precise as known; "
                                     "for a quantity over a period, the period's end (held by then).")
    start_date: PartialDate | None = Field(default=None, description="For a quantity over a period (a quarter's "
                                           "holdings): the period's first day.")
    status: FactStatus | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: tuple[EvidenceItem, ...] = Field(min_length=1)
    note: ExportableText | None = None


class Source(_Frozen):
    """A source article."""

    id: ExportableText
    title: ExportableText
    publisher: ExportableText | None = None
    date: PartialDate | None = None
    language: ExportableText = "zh"
    script: ExportableText = Field(description="'Hans' (Simplified) or 'Hant' (Traditional) or 'Latn'.")
    path: ExportableText = Field(description="Path of the cleaned article inside the data package.")
    alterations: tuple[TextAlteration, ...] = Field(
        default=(), description="How the text differs from the publisher's (stripped, machine-reworded).")


class Subgraph(_Frozen):
    """A self-contained piece of the graph: the entities, relationships and sources it refers to."""

    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    sources: tuple[Source, ...] = ()
    truncated: bool = Field(default=False, description="True when a size cap cut the result short.")

    def entity_ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.entities)

    def canonical(self) -> Subgraph:
        """The same subgraph with entities, relationships and sources sorted by id, for comparison."""
        return self.model_copy(update={
            "entities": tuple(sorted(self.entities, key=lambda e: e.id)),
            "relations": tuple(sorted(self.relations, key=lambda r: r.id)),
            "sources": tuple(sorted(self.sources, key=lambda s: s.id)),
        })


class GraphPath(_Frozen):
    """A route through the graph: n entities joined by n-1 hops.

    A hop is every fact between its two entities that the question allows (`hop_relations[i]` joins
    `entities[i]` and `entities[i + 1]`), the one with the smallest id first: parallel facts are one hop's
    evidence, so two paths never differ only in which fact they cite.
    """

    entities: tuple[Entity, ...]
    hop_relations: tuple[Annotated[tuple[Relation, ...], Field(min_length=1)], ...]

    @property
    def relations(self) -> tuple[Relation, ...]:
        """The first fact of each hop: the route walked one fact per hop."""
        return tuple(facts[0] for facts in self.hop_relations)

    @property
    def hops(self) -> int:
        return len(self.hop_relations)


def relation_key(
    subject: str,
    type_: RelType,
    object_: str,
    *,
    product: str | None,
    quantity: Quantity | None,
    amount: Money | None,
    date: str | None,
    status: FactStatus | None,
) -> str:
    """The identity of a relationship: two facts with equal keys are the same claim from two sources.

    Facts that differ in quantity, amount, date or status are distinct claims and stay distinct edges.
    """
    parts = [
        subject,
        str(type_),
        object_,
        product or "",
        f"{quantity.value:g}{quantity.unit or ''}" if quantity else "",
        f"{amount.value:g}{amount.currency}" if amount else "",
        date or "",
        str(status or ""),
    ]
    digest = hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:10]
    return f"{subject}-{type_.lower()}-{object_}-{digest}"
