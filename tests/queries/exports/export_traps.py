"""A small handmade subgraph full of traps for exporters, and the trap values tests look for.

The traps: names that spreadsheets run as formulas, an HTML tag, quotes, backslashes, line breaks,
tabs, a line separator, an emoji, an entity whose id (`end`) is a Mermaid keyword, an amount large
enough for Python to print in exponent form, and quotes from a Simplified and a Traditional article;
beside the article sentences, a catalog reference and dataset records (an estimate with its interval, a
licence and a method note full of traps), one of them listed before an article sentence of the same fact.
"""

from __future__ import annotations

from typing import Any

from computekg.graph.model import (
    CatalogEvidence,
    DatasetEvidence,
    Entity,
    Estimate,
    Evidence,
    EvidenceItem,
    Money,
    Quantity,
    Relation,
    Source,
    Subgraph,
    relation_key,
)
from computekg.graph.schema import EntityKind, FactStatus, ProductKind, RelType

FORMULA_NAMES = ('=HYPERLINK("http://evil.example","click")', "+1", "-2", "@SUM(A1:A2)")
SCRIPT_NAME = "<script>alert('x')</script>"
TRICKY_TEXT = 'line one\nline two\twith tab\r\nand a \\ backslash, \'single\' and "double" quotes\u2028🚀'
HANS_QUOTE = "他说:“=1+1”\n然后'走了'\\还有\"双引号\""
HANT_QUOTE = "據報導,該公司採購了約1萬張<b>算力</b>卡"
DATASET_LICENCE = "CC BY-NC 4.0"
DATASET_METHOD = '=Median of <b>2</b> models; "p5" & p95\nsee notes'
DATASET_RECORD = DatasetEvidence(dataset="Trap <Dataset>", version="2025-01-31", file="owners/=chips.csv",
                                 row="Owner=script|2024-Q4", licence=DATASET_LICENCE,
                                 estimates=(Estimate(unit="H100e", p5=1200.0, median=3.4e6, p95=1.25e7),),
                                 method=DATASET_METHOD, confidence=0.7)
CATALOG_REFERENCE = CatalogEvidence(catalog_file="trap-catalog.yaml", entry="script", field="parent")


def _relation(subject: str, type_: RelType, object_: str, evidence: tuple[EvidenceItem, ...],
              **fields: Any) -> Relation:
    key_fields = {name: fields.get(name) for name in ("product", "quantity", "amount", "date", "status")}
    return Relation(
        id=relation_key(subject, type_, object_, **key_fields),
        subject=subject, type=type_, object=object_, confidence=0.8, evidence=evidence, **fields,
    )


def trap_graph() -> Subgraph:
    hans = Source(id="hans-article", title='简体 "标题" <i>', publisher="某媒体 & Co", date="2023-05-30",
                  script="Hans", path="articles/hans-article.txt")
    hant = Source(id="hant-article", title="繁體標題", publisher=None, date="2023-07", script="Hant",
                  path="articles/hant-article.txt")
    entities = (
        Entity(id="formula-eq", kind=EntityKind.ORGANIZATION, name=FORMULA_NAMES[0], name_zh='引号"与\\反斜杠',
               name_zh_hant="引號", aliases=("+1 alias", "别名", "=alias"), country="CN", description=TRICKY_TEXT),
        Entity(id="formula-plus", kind=EntityKind.PRODUCT, name=FORMULA_NAMES[1], product_kind=ProductKind.CHIP,
               parent="formula-eq"),
        Entity(id="formula-minus", kind=EntityKind.PERSON, name=FORMULA_NAMES[2]),
        Entity(id="formula-at", kind=EntityKind.PLACE, name=FORMULA_NAMES[3]),
        Entity(id="script", kind=EntityKind.ORGANIZATION, name=SCRIPT_NAME),
        Entity(id="end", kind=EntityKind.MODEL, name='Model "end" \\ with\nbreak'),
    )
    relations = (
        _relation(
            "formula-eq", RelType.SUPPLIES, "script",
            (
                Evidence(source_id="hans-article", quote=HANS_QUOTE, date="2023-05-30", fact_id="t-001",
                         confidence=0.8),
                Evidence(source_id="hant-article", quote=HANT_QUOTE, date="2023-07", fact_id="t-002",
                         confidence=0.7),
            ),
            product="formula-plus",
            quantity=Quantity(value=10000.0, unit="张", approximate=True, text="约1万张"),
            amount=Money(value=1e16, currency="CNY", text="1亿亿元", per="年"),
            date="2023-05", status=FactStatus.PLANNED, note=TRICKY_TEXT,
        ),
        _relation("formula-minus", RelType.LEADS, "formula-eq",
                  (Evidence(source_id="hant-article", quote=HANT_QUOTE, fact_id="t-003", confidence=0.9),),
                  date="2024"),
        _relation("end", RelType.TRAINED_ON, "formula-plus",
                  (Evidence(source_id="hans-article", quote=HANS_QUOTE, date="2023-05-30", fact_id="t-004",
                            confidence=0.6),),
                  quantity=Quantity(value=2.5, text="2.5"), date="2023-05-30"),
        _relation("formula-eq", RelType.LOCATED_IN, "formula-at",
                  (Evidence(source_id="hans-article", quote="总部位于某地", fact_id="t-005", confidence=0.9),)),
        _relation("script", RelType.SUBSIDIARY_OF, "formula-eq", (CATALOG_REFERENCE,)),
        _relation("script", RelType.USES, "formula-plus",
                  (DATASET_RECORD,
                   Evidence(source_id="hant-article", quote=HANT_QUOTE, date="2023-07", fact_id="t-006",
                            confidence=0.7)),
                  quantity=Quantity(value=3.4e6, unit="H100e", text="3.4e6 H100e"), date="2024-12",
                  start_date="2024-10"),
        _relation("script", RelType.USES, "formula-plus",
                  (DATASET_RECORD.model_copy(update={"row": "Owner=script|2025-Q1", "estimates": (),
                                                     "method": None}),),
                  date="2025-03"),
    )
    return Subgraph(entities=entities, relations=relations, sources=(hans, hant))


# Characters the model refuses (see computekg.graph.characters) and XML 1.0 cannot hold.
UNEXPORTABLE = "TSMC\x0bArizona\x1f\x00\ud800\ufffe fab"


def unvalidated_graph() -> Subgraph:
    """`trap_graph` with `UNEXPORTABLE` in a name, a description, a note, a quote and a source title, put there
    without validation, as a store another tool filled could hand them to an exporter."""
    graph = trap_graph()
    first, *entities = graph.entities
    relation, *relations = graph.relations
    source, *sources = graph.sources
    evidence = relation.evidence[0].model_copy(update={"quote": UNEXPORTABLE})
    return graph.model_copy(update={
        "entities": (first.model_copy(update={"name": UNEXPORTABLE, "description": UNEXPORTABLE}), *entities),
        "relations": (relation.model_copy(update={"note": UNEXPORTABLE, "evidence": (evidence,)}), *relations),
        "sources": (source.model_copy(update={"title": UNEXPORTABLE}), *sources),
    })
