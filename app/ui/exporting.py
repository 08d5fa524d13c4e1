"""Export downloads: a subgraph rendered in any format of `computekg.queries.exports`, as bytes."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import streamlit as st

from computekg.graph.model import Subgraph
from computekg.queries.exports import EXPORT_FORMATS, ReportContext, export_subgraph

__all__ = ["FORMAT_LABELS", "file_name", "mime_type", "export_bytes", "cached_export_bytes"]

# What each format is for; a format added to the registry later still gets a button, with its own name.
FORMAT_LABELS = {
    "json": "Node-link JSON (networkx, d3)",
    "graphml": "GraphML (yEd, Gephi, Cytoscape)",
    "gexf": "GEXF (Gephi)",
    "csv": "CSV: nodes.csv and edges.csv (zip)",
    "cypher": "Cypher script (recreates it in Neo4j)",
    "mermaid": "Mermaid flowchart",
    "turtle": "RDF Turtle (PROV-O provenance)",
    "jsonld": "RDF JSON-LD (PROV-O provenance)",
    "svg": "Picture (SVG)",
    "png": "Picture (PNG)",
    "markdown": "Report (Markdown)",
    "html": "Report (HTML)",
}
_SUFFIXES = {"csv": ".zip", "cypher": ".cypher", "mermaid": ".mmd", "turtle": ".ttl", "markdown": ".md"}
_MIME = {
    "json": "application/json", "graphml": "application/xml", "gexf": "application/xml", "csv": "application/zip",
    "cypher": "text/plain", "mermaid": "text/plain", "turtle": "text/turtle", "jsonld": "application/ld+json",
    "svg": "image/svg+xml", "png": "image/png", "markdown": "text/markdown", "html": "text/html",
}


def file_name(fmt: str, stem: str) -> str:
    """`stem` (named after the view: `computekg-nvidia-2hop`) with the format's suffix."""
    return stem + _SUFFIXES.get(fmt, f".{fmt}")


def mime_type(fmt: str) -> str:
    return _MIME.get(fmt, "application/octet-stream")


def export_bytes(graph: Subgraph, fmt: str, title: str, context: ReportContext | None = None) -> bytes:
    """`graph` written by the format's exporter, read back as bytes (reports dated now, when it runs)."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    with tempfile.TemporaryDirectory(prefix="computekg-export-") as folder:
        output = Path(folder) / file_name(fmt, "export")
        return export_subgraph(graph, fmt, output, title=title, context=context).read_bytes()


def cached_export_bytes(graph: Subgraph, fmt: str, title: str, context: ReportContext | None = None) -> bytes:
    """`export_bytes`, cached by the subgraph's content (for previews shown on every rerun)."""
    digest = hashlib.sha256(graph.model_dump_json().encode("utf-8")).hexdigest()
    return _cached(digest, fmt, title, context.model_dump_json() if context else "", graph, context)


@st.cache_data(show_spinner="Rendering…", max_entries=32)
def _cached(digest: str, fmt: str, title: str, context_json: str, _graph: Subgraph,
            _context: ReportContext | None) -> bytes:
    return export_bytes(_graph, fmt, title, _context)
