"""Exports of any `Subgraph` (a query result, a neighbourhood, paths, the whole graph) to files other tools read.

One module per format family, each rendering with pure functions; this registry names the formats and
writes them:

- ``json``: node-link JSON (``queries.node_link``), lossless
- ``graphml``, ``gexf``: for Gephi, yEd and Cytoscape (``network``); GraphML reads back with ``from_graphml``
- ``csv``: ``nodes.csv`` and ``edges.csv`` in a folder, or a zip (``tables``)
- ``cypher``: a script that recreates the subgraph in an empty Neo4j (``cypher_script``)
- ``mermaid``: a ``flowchart LR`` (``mermaid``)
- ``turtle``, ``jsonld``: RDF with PROV-O provenance (``rdf``, ``vocabulary``)
- ``svg``, ``png``: a picture (``picture``)
- ``markdown``, ``html``: a report with numbered citations (``report``)
"""

from __future__ import annotations

import json
from pathlib import Path

from computekg.graph.model import Subgraph
from computekg.queries.exports.context import ReportContext
from computekg.queries.exports.cypher_script import to_cypher
from computekg.queries.exports.files import ExportError, Writer, titled_writer, writer
from computekg.queries.exports.mermaid import to_mermaid
from computekg.queries.exports.network import to_gexf, to_graphml
from computekg.queries.exports.picture import to_png, to_svg
from computekg.queries.exports.rdf import to_jsonld, to_turtle
from computekg.queries.exports.report import to_html, to_markdown
from computekg.queries.exports.tables import write_csv
from computekg.queries.node_link import to_node_link

__all__ = ["EXPORT_FORMATS", "ExportError", "ReportContext", "Writer", "default_title", "export_format",
           "export_subgraph", "to_json"]


def to_json(graph: Subgraph) -> str:
    """Node-link JSON, indented, Chinese kept as it is."""
    return json.dumps(to_node_link(graph), ensure_ascii=False, indent=2)


EXPORT_FORMATS: dict[str, Writer] = {
    "json": writer(to_json),
    "graphml": writer(to_graphml),
    "gexf": writer(to_gexf),
    "csv": write_csv,
    "cypher": writer(to_cypher),
    "mermaid": writer(to_mermaid),
    "turtle": writer(to_turtle),
    "jsonld": writer(to_jsonld),
    "svg": titled_writer(to_svg),
    "png": titled_writer(to_png),
    "markdown": titled_writer(to_markdown),
    "html": titled_writer(to_html),
}


def export_format(name: str) -> Writer:
    """The writer of format `name`; raises `ValueError` naming the formats there are."""
    try:
        return EXPORT_FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown export format {name!r}; available: {', '.join(EXPORT_FORMATS)}") from None


def default_title(graph: Subgraph) -> str:
    return f"computekg subgraph: {len(graph.entities)} entities, {len(graph.relations)} relationships"


def export_subgraph(
    graph: Subgraph, fmt: str, output: Path, *, title: str | None = None, context: ReportContext | None = None
) -> Path:
    """Write `graph` to `output` in format `fmt` and return the path written.

    `title` heads the reports and pictures (a default names the counts); `context` tells them the view's
    centre, filters and date. For `csv`, `output` is a folder, or a zip file when it ends with `.zip`.
    Raises `ExportError` when it cannot be written (a folder given for a file, a full disk, a picture too
    large to read); a file already there is then left as it was.
    """
    write = export_format(fmt)
    return write(graph, output, title=title or default_title(graph), context=context)
