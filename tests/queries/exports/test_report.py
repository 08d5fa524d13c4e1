"""Reports: the relationships table, numbered citations with verbatim quotes, every value escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from export_traps import DATASET_LICENCE, DATASET_METHOD, HANS_QUOTE, HANT_QUOTE, SCRIPT_NAME

from computekg.graph.model import Subgraph, article_evidence
from computekg.queries.exports.citations import report_of
from computekg.queries.exports.report import markdown_text, to_html, to_markdown


class _Tags(HTMLParser):
    """Every start tag, and the text of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def test_citations_are_numbered_in_order_of_first_use(volcano_graph: Subgraph) -> None:
    report = report_of(volcano_graph, title="t")
    assert [row.number for row in report.rows] == list(range(1, len(volcano_graph.relations) + 1))
    assert [c.number for c in report.citations] == list(range(1, len(report.citations) + 1))
    first_use = [n for row in report.rows for n in row.citations]
    assert sorted(set(first_use), key=first_use.index) == [c.number for c in report.citations]
    cited = sorted((q.quote, fact_id) for c in report.citations if c.kind == "article"
                   for q in c.quotes for _, fact_id in q.supports)
    assert cited == sorted((ev.quote, ev.fact_id) for r in volcano_graph.relations for ev in article_evidence(r))
    for citation in report.citations:  # a sentence behind several rows is listed once, citing them all
        assert len({q.quote for q in citation.quotes}) == len(citation.quotes)


def test_html_is_self_contained_utf8_with_the_picture(volcano_graph: Subgraph) -> None:
    html = to_html(volcano_graph, title="Volcano Engine")
    page = _parse(html)
    tags = [tag for tag, _ in page.tags]
    assert ("meta", {"charset": "utf-8"}) in page.tags
    assert tags.count("svg") == 1 and "img" not in tags and "script" not in tags and "link" not in tags
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html


def test_html_has_the_relationships_table_and_citations(volcano_graph: Subgraph) -> None:
    html = to_html(volcano_graph, title="Volcano Engine")
    report = report_of(volcano_graph, title="Volcano Engine")
    rows = re.findall(r'<tr id="r(\d+)">', html)
    assert len(rows) == len(volcano_graph.relations)
    assert len(re.findall(r'<li id="s\d+" value="\d+">', html)) == len(report.citations) >= 1
    for row in report.rows:
        for number in row.citations:
            assert f'<a href="#s{number}">[{number}]</a>' in html
    for relation in volcano_graph.relations:
        for evidence in article_evidence(relation):
            assert f"“{evidence.quote}”" in html  # verbatim (these quotes hold nothing to escape)
    for source in volcano_graph.sources:
        assert source.title in html and (source.publisher or "") in html
    assert "<th>From</th><th>Relationship</th><th>To</th><th>Details</th><th>Confidence</th>" in html


def test_html_escapes_every_value(tricky_graph: Subgraph) -> None:
    html = to_html(tricky_graph, title="<b>Trap</b>")
    page = _parse(html)
    tags = {tag for tag, _ in page.tags}
    assert "script" not in tags and "i" not in tags and "b" not in tags
    assert "<script" not in html.lower()
    text = "".join(page.text)
    assert SCRIPT_NAME in text and "<b>Trap</b>" in text
    assert f"“{HANS_QUOTE}”" in text and f"“{HANT_QUOTE}”" in text
    assert '<blockquote lang="zh-Hant">' in html and '<blockquote lang="zh-Hans">' in html


def test_markdown_has_the_table_mermaid_and_quotes(volcano_graph: Subgraph) -> None:
    text = to_markdown(volcano_graph, title="Volcano Engine")
    assert text.startswith("# Volcano Engine\n")
    assert "```mermaid\nflowchart LR\n" in text
    assert len(re.findall(r"^\| R\d+ \| ", text, re.MULTILINE)) == len(volcano_graph.relations)
    for relation in volcano_graph.relations:
        for evidence in article_evidence(relation):
            assert markdown_text(evidence.quote) in text


def test_markdown_escapes_every_value(tricky_graph: Subgraph) -> None:
    text = to_markdown(tricky_graph, title="t")
    assert "<script>" not in text and "\\<script\\>" in text
    table = [line for line in text.splitlines() if line.startswith("| R")]
    assert all(line.count(" | ") == 6 for line in table)  # no cell leaked a `|`


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a|b", "a\\|b"), ("*x* _y_", "\\*x\\* \\_y\\_"), ("<b>", "\\<b\\>"), ("two\nlines", "two lines"),
     ("[link](x)", "\\[link\\](x)"), ("英伟达", "英伟达")],
)
def test_markdown_text(text: str, expected: str) -> None:
    assert markdown_text(text) == expected


def test_catalog_and_dataset_citations_say_what_they_are(tricky_graph: Subgraph) -> None:
    report = report_of(tricky_graph, title="t")
    by_kind = {c.kind: c for c in report.citations}
    assert set(by_kind) == {"article", "catalog", "dataset"} and len(report.citations) == 4
    assert report.articles_cited == 2
    dataset = by_kind["dataset"]
    assert dataset.methods == (DATASET_METHOD,)  # the record without an estimate adds no second method
    assert {q.quote for q in dataset.quotes} == {
        "owners/=chips.csv, row Owner=script|2024-Q4: H100e median 3.4e+06 (p5 1200, p95 1.25e+07)",
        "owners/=chips.csv, row Owner=script|2025-Q1"}
    uses = next(row for row in report.rows if row.type == "USES" and ("date", "2024-12") in row.details)
    assert set(uses.citations) == {dataset.number, next(c.number for c in report.citations
                                                        if c.kind == "article" and c.source_id == "hant-article")}
    html = to_html(tricky_graph, title="t")
    page = "".join(_parse(html).text)
    assert f"licence {DATASET_LICENCE}" in " ".join(page.split())
    assert "Method: " + DATASET_METHOD in page and "<b>2</b>" not in html  # the method note is escaped
    assert "computekg catalog — reference data" in " ".join(page.split()) and "(entry script)" in page
    assert "“owners/" not in page  # a record is not presented as a quotation
    text = to_markdown(tricky_graph, title="t")
    assert f"licence **{DATASET_LICENCE}**" in text and "**computekg catalog** — reference data" in text
    assert "(row Owner=script\\|2024-Q4)" in text
    assert "2 cited articles, 2 cited catalog files and datasets." in text
