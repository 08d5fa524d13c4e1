"""A readable report of a subgraph, in Markdown and in self-contained HTML.

Both show the same `citations.Report`: a relationships table (from, type, to, details, confidence and
the numbered citations of each row), the entities, and the numbered citations: articles with every verbatim
quote taken from them, catalog files (reference data) with the entries cited, datasets with their
version, licence, method notes and the records cited. The HTML inlines the SVG picture and needs no other
file; the Markdown embeds the Mermaid diagram, which GitHub and GitLab draw.

Why Jinja2 with autoescaping for the HTML: names and quotes come from articles, so every value must be
escaped, and autoescaping makes that the default rather than something each line must remember. The
Markdown escapes its own way (`markdown_text`).
"""

from __future__ import annotations

import re

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from computekg.graph.characters import strip_unexportable
from computekg.graph.model import Subgraph
from computekg.queries.exports.citations import Citation, report_of
from computekg.queries.exports.mermaid import to_mermaid
from computekg.queries.exports.palette import KIND_COLOURS
from computekg.queries.exports.picture import MAX_PICTURE_ENTITIES, to_svg

__all__ = ["markdown_text", "to_markdown", "to_html"]

# Characters Markdown (CommonMark, GitHub tables) would read as syntax or raw HTML.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]<>|~&])")
_XML_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)

_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ report.title }}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
       "Microsoft YaHei", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin-bottom: 1.5rem; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.num { text-align: right; white-space: nowrap; }
.kind { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; border: 1px solid #333;
        margin-right: 0.3em; }
dl { margin: 0; } dt { font-weight: 600; display: inline; } dd { display: inline; margin: 0 0.6em 0 0.2em; }
ol.sources > li { margin-bottom: 1rem; } blockquote { margin: 0.3rem 0 0.3rem 1rem; color: #333; }
.warning { background: #fff3cd; padding: 0.5rem; }
</style>
</head>
<body>
<h1>{{ report.title }}</h1>
<p>{{ report.entities | length }} entities, {{ report.rows | length }} relationships,
{{ report.articles_cited }} cited articles
{%- if report.citations | length > report.articles_cited %}, {{ report.citations | length - report.articles_cited }}
cited catalog files and datasets{% endif %}.</p>
{% if report.truncated %}<p class="warning">This subgraph was cut short by a size limit.</p>{% endif %}
{% if svg %}<figure>{{ svg }}</figure>{% else %}
<p>No picture: {{ report.entities | length }} entities are more than a picture can show legibly.</p>{% endif %}

<h2>Relationships</h2>
<table>
<thead><tr><th>#</th><th>From</th><th>Relationship</th><th>To</th><th>Details</th><th>Confidence</th>
<th>Sources</th></tr></thead>
<tbody>
{% for row in report.rows %}<tr id="r{{ row.number }}"><td class="num">R{{ row.number }}</td><td>{{ row.subject }}</td>
<td>{{ row.type }}</td><td>{{ row.object }}</td>
<td><dl>{% for what, value in row.details %}<dt>{{ what }}</dt><dd>{{ value }}</dd>{% endfor %}</dl></td>
<td class="num">{{ "%.2f" | format(row.confidence) }}</td>
<td>{% for number in row.citations %}<a href="#s{{ number }}">[{{ number }}]</a> {% endfor %}</td></tr>
{% endfor %}</tbody>
</table>

<h2>Entities</h2>
<table>
<thead><tr><th>Name</th><th>Chinese name</th><th>Kind</th><th>Id</th></tr></thead>
<tbody>
{% for entity in report.entities %}<tr><td>{{ entity.name }}</td>
<td lang="zh-Hans">{{ entity.name_zh or "" }}{% if entity.name_zh_hant -%}
 / <span lang="zh-Hant">{{ entity.name_zh_hant }}</span>{% endif %}</td>
<td><span class="kind" style="background: {{ colours[entity.kind] }}"></span>{{ entity.kind }}</td>
<td><code>{{ entity.id }}</code></td></tr>
{% endfor %}</tbody>
</table>

<h2>Sources</h2>
<ol class="sources">
{% for citation in report.citations %}<li id="s{{ citation.number }}" value="{{ citation.number }}">
{% if citation.catalog %}<cite>computekg catalog</cite> — reference data,
<code>data/catalog/{{ citation.catalog.catalog_file }}</code>
{% elif citation.dataset %}<cite>{{ citation.dataset.dataset }}</cite> — dataset, version
<code>{{ citation.dataset.version }}</code>, licence <strong>{{ citation.dataset.licence }}</strong>
{% for method in citation.methods %}<br><small>Method: {{ method }}</small>{% endfor %}
{% elif citation.source %}<cite lang="{{ citation.language }}">{{ citation.source.title }}</cite>
— {{ citation.source.publisher or "unknown publisher" }}, {{ citation.source.date or "undated" }}
<small>(<code>{{ citation.source.path }}</code>)</small>
{% else %}<code>{{ citation.source_id }}</code> (article not included in this export){% endif %}
{% for quoted in citation.quotes %}<blockquote lang="{{ citation.language }}">
{%- if citation.kind == "article" %}“{{ quoted.quote }}”{% else %}{{ quoted.quote }}{% endif %}
<small lang="en">— {% for row, cited_by in quoted.supports %}<a href="#r{{ row }}">R{{ row }}</a>
({{ "fact" if citation.kind == "article" else "entry" if citation.kind == "catalog" else "row" }} {{ cited_by }})
{%- if not loop.last %}, {% endif %}{% endfor %}</small></blockquote>
{% endfor %}</li>
{% endfor %}</ol>
</body>
</html>
"""
_TEMPLATE = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True).from_string(_HTML)


def markdown_text(text: str) -> str:
    """`text` as literal Markdown on one line: syntax characters backslash-escaped, line breaks folded.

    >>> markdown_text("a|b <script> *x*\\nnext")
    'a\\\\|b \\\\<script\\\\> \\\\*x\\\\* next'
    """
    return _MARKDOWN_SYNTAX.sub(r"\\\1", " ".join(text.split()))


# What names an item inside its citation, by the citation's kind.
_CITED_BY = {"article": "fact", "catalog": "entry", "dataset": "row"}


def _others_cited(count: int) -> str:
    return f", {count} cited catalog files and datasets" if count else ""


def _markdown_citation(citation: Citation) -> str:
    """The citation's heading: the catalog file, the dataset with version and licence, or the article."""
    md = markdown_text
    if citation.catalog:
        return f"**computekg catalog** — reference data, `data/catalog/{citation.catalog.catalog_file}`"
    if citation.dataset:
        dataset = citation.dataset
        return (f"**{md(dataset.dataset)}** — dataset, version `{dataset.version}`, "
                f"licence **{md(dataset.licence)}**")
    source = citation.source
    if source:
        return (f"**{md(source.title)}** — {md(source.publisher or 'unknown publisher')}, "
                f"{source.date or 'undated'} ({md(source.path)})")
    return f"`{citation.source_id}` (article not included in this export)"


def to_markdown(graph: Subgraph, *, title: str) -> str:
    report = report_of(graph, title=title)
    md = markdown_text
    lines = [
        f"# {md(report.title)}",
        "",
        f"{len(report.entities)} entities, {len(report.rows)} relationships, "
        f"{report.articles_cited} cited articles{_others_cited(len(report.citations) - report.articles_cited)}.",
        "",
    ]
    if report.truncated:
        lines += ["**This subgraph was cut short by a size limit.**", ""]
    lines += ["```mermaid", to_mermaid(graph).rstrip("\n"), "```", "", "## Relationships", ""]
    lines += ["| # | From | Relationship | To | Details | Confidence | Sources |", "|---|---|---|---|---|---|---|"]
    for row in report.rows:
        details = "; ".join(f"{what}: {md(value)}" for what, value in row.details)
        cited = ", ".join(f"[{number}]" for number in row.citations)
        lines.append(f"| R{row.number} | {md(row.subject)} | {row.type} | {md(row.object)} | {details} "
                     f"| {row.confidence:.2f} | {cited} |")
    lines += ["", "## Entities", "", "| Name | Chinese name | Kind | Id |", "|---|---|---|---|"]
    for entity in report.entities:
        chinese = " / ".join(md(n) for n in (entity.name_zh, entity.name_zh_hant) if n)
        lines.append(f"| {md(entity.name)} | {chinese} | {entity.kind} | `{entity.id}` |")
    lines += ["", "## Sources", ""]
    for citation in report.citations:
        lines.append(f"{citation.number}. {_markdown_citation(citation)}")
        lines += [f"   Method: {md(method)}" for method in citation.methods]
        cited_by = _CITED_BY[citation.kind]
        for quoted in citation.quotes:
            supports = ", ".join(f"R{row} ({cited_by} {md(by)})" for row, by in quoted.supports)
            said = f"“{md(quoted.quote)}”" if citation.kind == "article" else md(quoted.quote)
            lines.append(f"   > {said} — {supports}")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def to_html(graph: Subgraph, *, title: str) -> str:
    drawable = len(graph.entities) <= MAX_PICTURE_ENTITIES  # the report of a larger graph is its tables alone
    svg = _XML_PROLOGUE.sub("", to_svg(graph, title=title)) if drawable else ""
    page = _TEMPLATE.render(
        report=report_of(graph, title=title),
        svg=Markup(svg),  # matplotlib escapes the text it writes; the markup is its own
        colours=KIND_COLOURS,
    )
    return strip_unexportable(page)  # control characters are parse errors in HTML as in the SVG it holds
