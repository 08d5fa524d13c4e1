"""What a report shows, worked out once for every report format: numbered rows and numbered citations.

Rows are the relationships, sorted by the English names of their ends so a reader can scan them; each
row is numbered R1, R2 … and cites where its evidence comes from as [1], [2] …, numbered in order of first
citation. A citation is an article (title, publisher, date, with every verbatim quote taken from it), a file
of the catalog (reference data, with the entries cited), or a dataset version (with its licence, which a
report that cites it must state, and the records cited); each quote, entry or record lists the rows it supports.
"""

from __future__ import annotations

from dataclasses import dataclass

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

__all__ = ["Row", "CitedQuote", "Citation", "Report", "report_of", "details_of"]


@dataclass(frozen=True)
class Row:
    number: int
    subject: str
    type: str
    object: str
    details: tuple[tuple[str, str], ...]  # (what, value), e.g. ("quantity", "1.6万块")
    confidence: float
    citations: tuple[int, ...]


@dataclass(frozen=True)
class CitedQuote:
    """What one evidence item says (an article's verbatim quote, a catalog entry, a dataset record), with the rows
    it supports: (row number, the fact id, catalog entry or row key it was cited by) each."""

    quote: str
    supports: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Citation:
    """One numbered citation: an article, a catalog file or a dataset version (`cited` is its first item)."""

    number: int
    cited: EvidenceItem
    source: Source | None  # the article, when the subgraph holds it
    quotes: tuple[CitedQuote, ...]
    methods: tuple[str, ...] = ()  # a dataset's method notes for the estimates cited, each once

    @property
    def kind(self) -> str:
        return self.cited.kind

    @property
    def source_id(self) -> str:
        return self.cited.origin()

    @property
    def language(self) -> str:
        """The BCP 47 tag of the article's text (quotes are verbatim), zh-Hans by default; English otherwise."""
        if self.source:
            return f"{self.source.language}-{self.source.script}"
        return "zh-Hans" if isinstance(self.cited, Evidence) else "en"

    @property
    def catalog(self) -> CatalogEvidence | None:
        return self.cited if isinstance(self.cited, CatalogEvidence) else None

    @property
    def dataset(self) -> DatasetEvidence | None:
        return self.cited if isinstance(self.cited, DatasetEvidence) else None


@dataclass(frozen=True)
class Report:
    title: str
    entities: tuple[Entity, ...]
    rows: tuple[Row, ...]
    citations: tuple[Citation, ...]
    truncated: bool

    @property
    def articles_cited(self) -> int:
        return sum(citation.kind == "article" for citation in self.citations)


def _cited_by(evidence: EvidenceItem) -> str:
    """What names the evidence item inside its citation: the fact id, the catalog entry, the dataset row."""
    if isinstance(evidence, Evidence):
        return evidence.fact_id
    return evidence.entry if isinstance(evidence, CatalogEvidence) else evidence.row


def _article(evidence: EvidenceItem, sources: dict[str, Source]) -> Source | None:
    return sources.get(evidence.source_id) if isinstance(evidence, Evidence) else None


def report_of(graph: Subgraph, *, title: str) -> Report:
    entities = {e.id: e for e in graph.entities}
    sources = {s.id: s for s in graph.sources}

    def name(entity_id: str) -> str:
        return entities[entity_id].name if entity_id in entities else entity_id

    relations = sorted(
        graph.relations, key=lambda r: (name(r.subject).casefold(), str(r.type), name(r.object).casefold(), r.id)
    )
    numbers: dict[str, int] = {}
    first: dict[str, EvidenceItem] = {}
    methods: dict[str, dict[str, None]] = {}
    # citation key -> quote -> the (row, fact id) pairs it supports; one sentence often supports several rows.
    quotes: dict[str, dict[str, list[tuple[int, str]]]] = {}
    rows = []
    for row_number, relation in enumerate(relations, start=1):
        for evidence in relation.evidence:
            key = evidence.citation_key()
            numbers.setdefault(key, len(numbers) + 1)
            first.setdefault(key, evidence)
            if isinstance(evidence, DatasetEvidence) and evidence.method:
                methods.setdefault(key, {})[evidence.method] = None
            supports = quotes.setdefault(key, {}).setdefault(evidence.statement(), [])
            supports.append((row_number, _cited_by(evidence)))
        rows.append(Row(
            number=row_number,
            subject=name(relation.subject),
            type=str(relation.type),
            object=name(relation.object),
            details=details_of(relation, name(relation.product) if relation.product else None),
            confidence=relation.confidence,
            citations=tuple(sorted({numbers[evidence.citation_key()] for evidence in relation.evidence})),
        ))
    citations = tuple(
        Citation(
            number=number,
            cited=first[key],
            source=_article(first[key], sources),
            quotes=tuple(CitedQuote(quote, tuple(supports)) for quote, supports in quotes[key].items()),
            methods=tuple(methods.get(key, ())),
        )
        for key, number in numbers.items()
    )
    return Report(
        title=title,
        entities=tuple(sorted(graph.entities, key=lambda e: (e.name.casefold(), e.id))),
        rows=tuple(rows),
        citations=citations,
        truncated=graph.truncated,
    )


def details_of(relation: Relation, product_name: str | None) -> tuple[tuple[str, str], ...]:
    """The facts beside the type: product, quantity and amount (as worded, and normalised), date, status, note."""
    details: list[tuple[str, str]] = []
    if product_name:
        details.append(("product", product_name))
    if relation.quantity:
        about = " (approx.)" if relation.quantity.approximate else ""
        details.append(("quantity", f"{relation.quantity.text}{about}"))
    if relation.amount:
        amount = relation.amount
        per = f" per {amount.per}" if amount.per else ""
        about = "≈ " if amount.approximate else ""
        details.append(("amount", f"{amount.text} = {about}{amount.currency} {amount.value:,.0f}{per}"))
    if relation.start_date:
        details.append(("from", relation.start_date))
    if relation.date:
        details.append(("date", relation.date))
    if relation.status:
        details.append(("status", str(relation.status)))
    if relation.note:
        details.append(("note", relation.note))
    return tuple(details)
