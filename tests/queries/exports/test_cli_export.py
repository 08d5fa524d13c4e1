"""`computekg export` on the embedded store: formats, selections, and clean failures."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from computekg.app.cli import app
from computekg.graph.model import Subgraph, article_evidence
from computekg.queries.exports.network import from_graphml
from computekg.queries.node_link import from_node_link

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize(("fmt", "name"), [("graphml", "g.graphml"), ("turtle", "g.ttl"), ("cypher", "g.cypher")])
def test_whole_graph_exports(fmt: str, name: str, tmp_path: Path, seed_graph: Subgraph) -> None:
    code, output = _run("export", "--format", fmt, "--output", str(tmp_path / name))
    assert code == 0, output
    counts = f"{len(seed_graph.entities)} entities, {len(seed_graph.relations)} relationships, 5 sources"
    assert f"wrote {fmt}: {counts} to {tmp_path / name}" in " ".join(output.split())
    if fmt == "graphml":
        assert from_graphml(tmp_path / name).canonical() == seed_graph.canonical()


def test_neighbourhood_of_tsmc_by_its_chinese_name(tmp_path: Path, seed_graph: Subgraph) -> None:
    target = tmp_path / "tsmc.json"
    code, output = _run("export", "--format", "json", "--entity", "台积电", "--hops", "1", "--output", str(target))
    assert code == 0, output
    graph = from_node_link(json.loads(target.read_text(encoding="utf-8")))
    assert {"tsmc", "nvidia"} <= graph.entity_ids()
    assert all("tsmc" in (r.subject, r.object) for r in graph.relations)
    cited = {ev.source_id for r in graph.relations for ev in article_evidence(r)}
    assert {s.id for s in graph.sources} == cited  # the articles behind the quotes come along


def test_html_report_of_a_neighbourhood_is_titled(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, output = _run("export", "-f", "html", "--entity", "volcano-engine", "--hops", "2", "-o", str(target))
    assert code == 0, output
    html = target.read_text(encoding="utf-8")
    assert "<h1>Neighbourhood of Volcano Engine (2 hops)</h1>" in html
    assert "<svg" in html and "[1]</a>" in html


def test_paths_export_to_a_csv_zip(tmp_path: Path) -> None:
    target = tmp_path / "paths.zip"
    code, output = _run("export", "-f", "csv", "--path", "asml", "智谱", "-o", str(target), "--title", "x")
    assert code == 0, output
    with zipfile.ZipFile(target) as archive:
        nodes = archive.read("nodes.csv").decode("utf-8-sig")
    assert "asml," in nodes and "zhipu-ai," in nodes


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-f", "pdf"), "unknown export format 'pdf'; available: json, graphml"),
        (("--entity", "nvidia", "--path", "asml", "tsmc"), "choose one of --entity, --path and --cypher"),
        (("--entity", "no-such-thing"), "no entity is called 'no-such-thing'"),
        (("--cypher", "MATCH (n) RETURN n"), "--cypher needs the Neo4j store: pass --store neo4j"),
    ],
)
def test_failures_are_clean(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    code, output = _run("export", *args, "-o", str(tmp_path / "out"))
    assert code == 1
    assert message in " ".join(output.split())
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("name", "written"), [("g.graphml", "graphml"), ("g.ttl", "turtle"), ("p.png", "png"),
                                               ("r.html", "html"), ("t.zip", "csv"), ("plain", "json")])
def test_without_format_the_file_name_says_which(name: str, written: str, tmp_path: Path) -> None:
    code, output = _run("export", "--entity", "台积电", "-o", str(tmp_path / name))
    assert code == 0, output
    assert f"wrote {written}:" in output
    if written == "png":
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(("args", "message"), [
    (("-f", "png", "-o", "z.json"), "--format png does not match the file name z.json (a json name)"),
    (("-f", "csv", "-o", "tsmc.csv"), "give a folder (tsmc/) or a zip (tsmc.zip)"),
    (("-o", "tsmc.csv"), "the csv export writes two tables (nodes.csv and edges.csv)"),
])
def test_a_format_the_file_name_contradicts_is_refused(args: tuple[str, ...], message: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = _run("export", *args)
    assert code == 1
    assert message in " ".join(output.split())
    assert list(tmp_path.iterdir()) == []  # nothing written under a misleading name


def test_an_export_that_cannot_be_written_is_a_message(tmp_path: Path) -> None:
    code, output = _run("export", "-f", "json", "-o", str(tmp_path))
    assert code == 1
    assert f"error: {tmp_path} is a folder: give the name of a file to write" in " ".join(output.split())
    code, output = _run("export", "-f", "svg", "-o", str(tmp_path / "all.svg"))
    assert code == 1 and "entities cannot be read (at most 400)" in " ".join(output.split())
