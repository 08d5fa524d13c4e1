"""The names of the export formats, in the order they are offered, without loading a single writer.

The registry (`computekg.queries.exports.EXPORT_FORMATS`) pulls in matplotlib, rdflib, networkx and the Neo4j
driver; the command line names the formats in `--help` from here, which imports nothing (and sits outside
the `exports` package, whose `__init__` is the registry).
"""

from __future__ import annotations

from pathlib import PurePath

__all__ = ["EXPORT_FORMAT_NAMES", "DEFAULT_EXPORT_FORMAT", "ExportFormatMismatch", "format_for_output"]

EXPORT_FORMAT_NAMES = (
    "json", "graphml", "gexf", "csv", "cypher", "mermaid", "turtle", "jsonld", "svg", "png", "markdown", "html",
)
DEFAULT_EXPORT_FORMAT = "json"

# What a file name's extension says it holds. A folder (no extension) or a .zip is the csv bundle.
_FORMAT_OF_SUFFIX = {
    ".json": "json", ".graphml": "graphml", ".gexf": "gexf", ".zip": "csv", ".cypher": "cypher", ".cql": "cypher",
    ".mmd": "mermaid", ".mermaid": "mermaid", ".ttl": "turtle", ".jsonld": "jsonld", ".svg": "svg", ".png": "png",
    ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
}


class ExportFormatMismatch(ValueError):
    """The output's name and the format asked for disagree, or the name cannot hold that format."""


def format_for_output(output: PurePath, given: str | None) -> str:
    """The format to write `output` in: `given`, else what its extension says, else the default (json).

    A format that contradicts a known extension is refused rather than written under a misleading name
    (a PNG called z.json), and so is a single `.csv` name: the csv export is two tables, nodes.csv and
    edges.csv, written into a folder or a zip.
    """
    suffix = output.suffix.lower()
    if suffix == ".csv":
        raise ExportFormatMismatch(
            f"{output.name}: the csv export writes two tables (nodes.csv and edges.csv); give a folder "
            f"({output.with_suffix('').name}/) or a zip ({output.with_suffix('.zip').name})")
    implied = _FORMAT_OF_SUFFIX.get(suffix)
    if given is None:
        return implied or DEFAULT_EXPORT_FORMAT
    if implied is not None and implied != given:
        raise ExportFormatMismatch(
            f"--format {given} does not match the file name {output.name} (a {implied} name); "
            f"rename the file or drop --format to write {implied}")
    return given
