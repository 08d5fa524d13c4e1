"""What a report shows, worked out once for every report format: numbered rows with their quotes, numbered
sources.

Rows are the relationships: first those of the view's centre entities (what the view was asked about), then
the rest, each group sorted by the English names of their ends so a reader can scan it. Each row is numbered
R1, R2 … and carries its evidence inline: an article's verbatim quote (saying beside it when the article's
text was stripped or machine-reworded), a catalog entry (reference data) or a dataset record, each citing
where it comes from as [1], [2] … in order of first citation. A citation is an article, a file of the catalog,
or a dataset version, whose licence a report that cites it must state. Names and notes are written for
readers: curators' references to fact ids and article numbers are taken out (`reader_text`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

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
    """One evidence item behind a row, as a reader is shown it (an article's verbatim quote, a catalog entry, a
    dataset record), the number of its citation, and what to know about an article's text."""

    quote: str
    citation: int
    language: str  # BCP 47, e.g. zh-Hant: quotes are verbatim, in the article's script
    alterations: tuple[Alteration, ...]
    kind: str = "article"  # 'article', 'catalog' or 'dataset'


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
    """One numbered citation: an article, a catalog file or a dataset version (`cited` is its first item)."""

    number: int
    cited: EvidenceItem
    source: Source | None  # the article, when the subgraph holds it
    rows: tuple[int, ...]  # the rows citing it
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
        return _language(self.source) if isinstance(self.cited, Evidence) else "en"

    @property
    def alterations(self) -> tuple[Alteration, ...]:
        return _alterations(self.source)

    @property
    def catalog(self) -> CatalogEvidence | None:
        return self.cited if isinstance(self.cited, CatalogEvidence) else None

    @property
    def dataset(self) -> DatasetEvidence | None:
        return self.cited if isinstance(self.cited, DatasetEvidence) else None


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

    @property
    def articles_cited(self) -> int:
        return sum(citation.kind == "article" for citation in self.citations)


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
    first: dict[str, EvidenceItem] = {}
    citing: dict[str, list[int]] = {}
    methods: dict[str, dict[str, None]] = {}
    rows = []
    for row_number, relation in enumerate(relations, start=1):
        quotes = []
        for evidence in relation.evidence:
            key = evidence.citation_key()
            number = numbers.setdefault(key, len(numbers) + 1)
            first.setdefault(key, evidence)
            citing.setdefault(key, []).append(row_number)
            if isinstance(evidence, DatasetEvidence) and evidence.method:
                methods.setdefault(key, {})[evidence.method] = None
            source = _article(evidence, sources)
            language = _language(source) if isinstance(evidence, Evidence) else "en"
            quotes.append(RowQuote(evidence.statement(), number, language, _alterations(source), evidence.kind))
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
        Citation(number=number, cited=first[key], source=_article(first[key], sources),
                 rows=tuple(dict.fromkeys(citing[key])), methods=tuple(methods.get(key, ())))
        for key, number in numbers.items()
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
    if relation.start_date:
        details.append(("from", relation.start_date))
    if relation.date:
        details.append(("date", relation.date))
    if relation.status:
        details.append(("status", str(relation.status)))
    note = for_readers(relation.note)
    if note:
        details.append(("note", note))
    return tuple(details)


def _article(evidence: EvidenceItem, sources: dict[str, Source]) -> Source | None:
    return sources.get(evidence.source_id) if isinstance(evidence, Evidence) else None


def _language(source: Source | None) -> str:
    return f"{source.language}-{source.script}" if source else "zh-Hans"


def _alterations(source: Source | None) -> tuple[Alteration, ...]:
    kinds: Sequence[TextAlteration] = source.alterations if source else ()
    return tuple(ALTERATION_NOTES[kind] for kind in kinds)
