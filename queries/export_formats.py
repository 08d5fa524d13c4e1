"""The names of the export formats, in the order they are offered, without loading a single writer.

The registry (`computekg.queries.exports.EXPORT_FORMATS`) pulls in matplotlib, rdflib, networkx and the Neo4j
driver; the command line names the formats in `--help` from here, which imports nothing (and sits outside
the `exports` package, whose `__init__` is the registry).
"""

from __future__ import annotations

__all__ = ["EXPORT_FORMAT_NAMES"]

EXPORT_FORMAT_NAMES = (
    "json", "graphml", "gexf", "csv", "cypher", "mermaid", "turtle", "jsonld", "svg", "png", "markdown", "html",
)
