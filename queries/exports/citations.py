"""What a report shows, worked out once for every report format: numbered rows and numbered citations.

Rows are the relationships, sorted by the English names of their ends so a reader can scan them; each
row is numbered R1, R2 … and cites the articles its evidence comes from as [1], [2] …, numbered in
order of first citation. Each citation lists the article (title, publisher, date) and every verbatim
quote taken from it, with the rows it supports.
"""

from __future__ import annotations

from dataclasses import dataclass

from computekg.graph.model import Entity, Relation, Source, Subgraph

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
    """One verbatim quote of an article, with the rows it supports: (row number, fact id) each."""

    quote: str
    supports: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Citation:
    number: int
    source_id: str
    source: Source | None  # None when the subgraph does not hold the article
    quotes: tuple[CitedQuote, ...]

    @property
    def language(self) -> str:
        """The BCP 47 tag of the article's text (quotes are verbatim), zh-Hans by default."""
        return f"{self.source.language}-{self.source.script}" if self.source else "zh-Hans"


@dataclass(frozen=True)
class Report:
    title: str
    entities: tuple[Entity, ...]
    rows: tuple[Row, ...]
    citations: tuple[Citation, ...]
    truncated: bool


def report_of(graph: Subgraph, *, title: str) -> Report:
    entities = {e.id: e for e in graph.entities}
    sources = {s.id: s for s in graph.sources}

    def name(entity_id: str) -> str:
        return entities[entity_id].name if entity_id in entities else entity_id

    relations = sorted(
        graph.relations, key=lambda r: (name(r.subject).casefold(), str(r.type), name(r.object).casefold(), r.id)
    )
    numbers: dict[str, int] = {}
    # source id -> quote -> the (row, fact id) pairs it supports; one sentence often supports several rows.
    quotes: dict[str, dict[str, list[tuple[int, str]]]] = {}
    rows = []
    for row_number, relation in enumerate(relations, start=1):
        for evidence in relation.evidence:
            numbers.setdefault(evidence.source_id, len(numbers) + 1)
            supports = quotes.setdefault(evidence.source_id, {}).setdefault(evidence.quote, [])
            supports.append((row_number, evidence.fact_id))
        rows.append(Row(
            number=row_number,
            subject=name(relation.subject),
            type=str(relation.type),
            object=name(relation.object),
            details=details_of(relation, name(relation.product) if relation.product else None),
            confidence=relation.confidence,
            citations=tuple(sorted({numbers[evidence.source_id] for evidence in relation.evidence})),
        ))
    citations = tuple(
        Citation(
            number=number,
            source_id=source_id,
            source=sources.get(source_id),
            quotes=tuple(CitedQuote(quote, tuple(supports)) for quote, supports in quotes[source_id].items()),
        )
        for source_id, number in numbers.items()
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
    if relation.date:
        details.append(("date", relation.date))
    if relation.status:
        details.append(("status", str(relation.status)))
    if relation.note:
        details.append(("note", relation.note))
    return tuple(details)
