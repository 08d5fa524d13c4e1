"""What a report shows, worked out once for every report format: numbered rows with their quotes, numbered sources.

Rows are the relationships: first those of the view's centre entities (what the view was asked about),
then the rest, each group sorted by the English names of their ends so a reader can scan it. Each row is
numbered R1, R2 … and carries its verbatim quotes inline, each quote citing its article as [1], [2] …
(articles numbered in order of first citation) and saying beside it when the article's text was stripped
or machine-reworded. Names and notes are written for readers: curators' references to fact ids and
article numbers are taken out (`reader_text`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from computekg.graph.model import Entity, Relation, Source, Subgraph
from computekg.graph.schema import TextAlteration
from computekg.queries.exports.context import ReportContext
from computekg.queries.exports.reader_text import for_readers, reader_name

__all__ = ["ALTERATION_NOTES", "Alteration", "RowQuote", "Row", "Citation", "Report", "report_of", "details_of"]


@dataclass(frozen=True)
class Alteration:
    """What a reader must know about a quote whose article's text was altered: a few words and the full story."""

    short: str
    explained: str


ALTERATION_NOTES = {
    TextAlteration.STRIPPED: Alteration(
        "source text stripped: names or figures may be missing",
        "The copy of this article the facts were read from had most English words and Arabic numerals "
        "stripped out, so names and figures may be missing from its quotes.",
    ),
    TextAlteration.REWORDED: Alteration(
        "source text machine-reworded: wording may differ from the original",
        "The copy of this article the facts were read from was machine-reworded with synonyms "
        "(for example 海潮 for 浪潮, 做事器 for 服务器), so a quote's wording may not be the publisher's.",
    ),
}


@dataclass(frozen=True)
class RowQuote:
    """One verbatim quote behind a row, the number of the article it is from, and what to know about its text."""

    quote: str
    citation: int
    language: str  # BCP 47, e.g. zh-Hant: quotes are verbatim, in the article's script
    alterations: tuple[Alteration, ...]


@dataclass(frozen=True)
class Row:
    number: int
    subject: str
    type: str
    object: str
    details: tuple[tuple[str, str], ...]  # (what, value), e.g. ("quantity", "1.6万块")
    confidence: float
    quotes: tuple[RowQuote, ...]
    about_centre: bool  # one of its ends is a centre of the view

    @property
    def citations(self) -> tuple[int, ...]:
        return tuple(sorted({quote.citation for quote in self.quotes}))


@dataclass(frozen=True)
class Citation:
    number: int
    source_id: str
    source: Source | None  # None when the subgraph does not hold the article
    rows: tuple[int, ...]  # the rows quoting it

    @property
    def language(self) -> str:
        """The BCP 47 tag of the article's text (quotes are verbatim), zh-Hans by default."""
        return _language(self.source)

    @property
    def alterations(self) -> tuple[Alteration, ...]:
        return _alterations(self.source)


@dataclass(frozen=True)
class Report:
    title: str
    generated: datetime
    centres: tuple[str, ...]  # names
    filters: tuple[tuple[str, str], ...]
    entities: tuple[Entity, ...]
    rows: tuple[Row, ...]
    citations: tuple[Citation, ...]
    truncated: bool

    @property
    def centre_rows(self) -> int:
        return sum(row.about_centre for row in self.rows)


def report_of(graph: Subgraph, *, title: str, context: ReportContext | None = None) -> Report:
    context = context or ReportContext()
    entities = {e.id: e for e in graph.entities}
    sources = {s.id: s for s in graph.sources}
    centres = set(context.centres)

    def name(entity_id: str) -> str:
        return reader_name(entities[entity_id]) if entity_id in entities else entity_id

    relations = sorted(graph.relations, key=lambda r: (
        not {r.subject, r.object} & centres, name(r.subject).casefold(), str(r.type), name(r.object).casefold(), r.id,
    ))
    numbers: dict[str, int] = {}
    citing: dict[str, list[int]] = {}
    rows = []
    for row_number, relation in enumerate(relations, start=1):
        quotes = []
        for evidence in relation.evidence:
            number = numbers.setdefault(evidence.source_id, len(numbers) + 1)
            citing.setdefault(evidence.source_id, []).append(row_number)
            source = sources.get(evidence.source_id)
            quotes.append(RowQuote(evidence.quote, number, _language(source), _alterations(source)))
        rows.append(Row(
            number=row_number,
            subject=name(relation.subject),
            type=str(relation.type),
            object=name(relation.object),
            details=details_of(relation, name(relation.product) if relation.product else None),
            confidence=relation.confidence,
            quotes=tuple(dict.fromkeys(quotes)),  # a sentence quoted twice for one fact is shown once
            about_centre=bool({relation.subject, relation.object} & centres),
        ))
    citations = tuple(
        Citation(number=number, source_id=source_id, source=sources.get(source_id),
                 rows=tuple(dict.fromkeys(citing[source_id])))
        for source_id, number in numbers.items()
    )
    return Report(
        title=title,
        generated=context.generated or datetime.now(UTC),
        centres=tuple(name(c) for c in context.centres),
        filters=context.filters,
        entities=tuple(sorted(graph.entities, key=lambda e: (reader_name(e).casefold(), e.id))),
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
    note = for_readers(relation.note)
    if note:
        details.append(("note", note))
    return tuple(details)


def _language(source: Source | None) -> str:
    return f"{source.language}-{source.script}" if source else "zh-Hans"


def _alterations(source: Source | None) -> tuple[Alteration, ...]:
    kinds: Sequence[TextAlteration] = source.alterations if source else ()
    return tuple(ALTERATION_NOTES[kind] for kind in kinds)
