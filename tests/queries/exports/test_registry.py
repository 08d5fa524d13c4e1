"""The registry: every format writes something for real and handmade subgraphs, unknown ones fail clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from computekg.graph.model import Subgraph
from computekg.queries.export_formats import EXPORT_FORMAT_NAMES
from computekg.queries.exports import EXPORT_FORMATS, export_subgraph
from computekg.queries.node_link import from_node_link

EXPECTED = {"json", "graphml", "gexf", "csv", "cypher", "mermaid", "turtle", "jsonld", "svg", "png", "markdown",
            "html"}


def test_every_required_format_is_registered() -> None:
    assert set(EXPORT_FORMATS) == EXPECTED


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
@pytest.mark.parametrize("graph_name", ["volcano_graph", "tricky_graph"])
def test_every_format_writes_a_non_empty_export(
    fmt: str, graph_name: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    graph: Subgraph = request.getfixturevalue(graph_name)
    written = export_subgraph(graph, fmt, tmp_path / "out" / f"graph.{fmt}")
    files = sorted(written.iterdir()) if written.is_dir() else [written]
    assert files and all(f.stat().st_size > 0 for f in files)


@pytest.mark.parametrize("graph_name", ["seed_graph", "tricky_graph"])
def test_json_reads_back_identical(graph_name: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    graph: Subgraph = request.getfixturevalue(graph_name)
    written = export_subgraph(graph, "json", tmp_path / "graph.json")
    assert from_node_link(json.loads(written.read_text(encoding="utf-8"))).canonical() == graph.canonical()


def test_an_unknown_format_lists_the_formats(tricky_graph: Subgraph, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"unknown export format 'pdf'; available: json, graphml.*html"):
        export_subgraph(tricky_graph, "pdf", tmp_path / "graph.pdf")
    assert not (tmp_path / "graph.pdf").exists()


def test_the_title_heads_reports(tricky_graph: Subgraph, tmp_path: Path) -> None:
    written = export_subgraph(tricky_graph, "markdown", tmp_path / "r.md", title="Trap report")
    assert written.read_text(encoding="utf-8").startswith("# Trap report\n")
    default = export_subgraph(tricky_graph, "markdown", tmp_path / "d.md").read_text(encoding="utf-8")
    assert default.startswith("# computekg subgraph: 6 entities, 7 relationships\n")


def test_the_command_line_names_the_formats_the_registry_writes() -> None:
    """`computekg export --help` lists the formats without loading the writers; the two lists agree."""
    assert tuple(EXPORT_FORMATS) == EXPORT_FORMAT_NAMES
