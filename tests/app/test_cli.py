"""The `computekg` command line on the embedded store (the Neo4j side is in the Neo4j tests)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from small_fact_base import CATALOG, FACTS, write_small_fact_base
from typer.testing import CliRunner

from computekg.app.cli import app
from computekg.graph.model import Subgraph
from computekg.queries.node_link import from_node_link

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_help_lists_the_commands() -> None:
    code, output = _run("--help")
    assert code == 0
    for command in ("load", "stats", "resolve", "export", "neighbours", "path", "check", "neo4j", "cypher"):
        assert command in output


def test_load_prints_counts(seed_graph: Subgraph) -> None:
    code, output = _run("load", "--store", "memory")
    assert code == 0
    assert f"{len(seed_graph.relations)} facts" in output


def test_stats_json_counts_every_source(seed_graph: Subgraph) -> None:
    code, output = _run("stats", "--json")
    assert code == 0
    counts = json.loads(output)
    assert len(counts["relations_by_source"]) == 5
    assert counts["nodes_by_label"]["Source"] == 5
    assert sum(v for k, v in counts["relations_by_type"].items() if k != "MENTIONS") == len(seed_graph.relations)


@pytest.mark.parametrize("name", ["台积电", "TSMC", "台積電", "tsmc"])
def test_resolve_any_script(name: str) -> None:
    code, output = _run("resolve", name, "--json")
    assert code == 0
    assert json.loads(output)["id"] == "tsmc"


def test_resolve_unknown_lists_candidates() -> None:
    code, output = _run("resolve", "Nvidea", "--json")
    assert code == 0
    answer = json.loads(output)
    assert answer["status"] == "unknown" and "nvidia" in [c["id"] for c in answer["candidates"]]


def test_resolve_a_one_character_chinese_typo_offers_the_entity_by_name() -> None:
    code, output = _run("resolve", "台机电")
    assert code == 0
    told = " ".join(output.split())
    assert told.startswith("no entity is called '台机电'; did you mean") and "TSMC 台积电 (tsmc)" in told
    code, output = _run("resolve", "台机电", "--json")
    candidates = {c["id"]: c for c in json.loads(output)["candidates"]}
    assert (candidates["tsmc"]["name"], candidates["tsmc"]["label"]) == ("TSMC", "TSMC 台积电 (tsmc)")


@pytest.mark.parametrize("store", ["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def test_resolve_asks_the_store_it_is_given(store: str, request: pytest.FixtureRequest,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    if store == "neo4j":
        monkeypatch.setenv("NEO4J_URI", request.getfixturevalue("neo4j_settings").neo4j_uri)
        assert _run("load", "--store", "neo4j")[0] == 0
    code, output = _run("resolve", "台積電", "--store", store, "--json")
    assert code == 0, output
    assert json.loads(output)["id"] == "tsmc"


def test_resolve_nothing_alike_fails() -> None:
    code, output = _run("resolve", "zzqqxx")
    assert code == 1
    assert output.strip() == "no entity is called 'zzqqxx', and no entity's name resembles it"


def test_export_json_round_trips_and_networkx_reads_it(tmp_path: Path, seed_graph: Subgraph) -> None:
    target = tmp_path / "graph.json"
    code, _ = _run("export", "--format", "json", "--output", str(target))
    assert code == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert {"id", "name", "aliases", "labels"} <= set(data["nodes"][0])
    assert {"source", "target", "type", "evidence"} <= set(data["links"][0])
    assert from_node_link(data) == seed_graph.canonical()
    graph = nx.node_link_graph(data, edges="links")
    assert graph.number_of_edges() == len(seed_graph.relations)


def test_neighbours_of_tsmc_include_nvidia() -> None:
    code, output = _run("neighbours", "台积电", "--json")
    assert code == 0
    ids = {node["id"] for node in json.loads(output)["nodes"]}
    assert "nvidia" in ids


def test_neighbours_unknown_entity_fails_cleanly() -> None:
    code, output = _run("neighbours", "Nvidea")
    assert code == 1
    assert "no entity is called 'Nvidea'; did you mean NVIDIA 英伟达 (nvidia)?" in " ".join(output.split())


def test_directed_path_from_asml_to_nvidia() -> None:
    code, output = _run("path", "ASML", "英伟达", "--direction", "downstream", "--json")
    assert code == 0
    first = json.loads(output)[0]
    assert first["entities"] == ["asml", "tsmc", "nvidia"]
    assert [(hop["from"], hop["to"]) for hop in first["hops"]] == [("asml", "tsmc"), ("tsmc", "nvidia")]
    assert all(fact["evidence"][0]["quote"] for hop in first["hops"] for fact in hop["facts"])


def test_paths_are_distinct_routes_with_every_fact_of_each_hop() -> None:
    """ASML → TSMC → NVIDIA is one route however many facts tie TSMC to NVIDIA: they are its hop's evidence."""
    code, output = _run("path", "ASML", "英伟达", "-k", "3", "--json")
    assert code == 0, output
    routes = [tuple(p["entities"]) for p in json.loads(output)]
    assert len(routes) == 3 and len(set(routes)) == 3
    first = json.loads(output)[0]
    assert first["entities"] == ["asml", "tsmc", "nvidia"] and len(first["hops"][1]["facts"]) >= 2
    code, text = _run("path", "ASML", "英伟达", "-k", "3")
    assert "more fact" in text


def test_no_path_is_a_clear_error() -> None:
    code, output = _run("path", "zhipu-ai", "asml", "--direction", "downstream", "--max-hops", "3")
    assert code == 1
    assert "no path" in output


def test_check_verifies_every_quote(seed_graph: Subgraph) -> None:
    code, output = _run("check")
    assert code == 0
    assert f"{len(seed_graph.relations)} relationships" in output


def test_check_reports_a_broken_data_dir(tmp_path: Path) -> None:
    code, output = _run("check", "--data-dir", str(tmp_path))
    assert code == 1
    assert "no catalog files" in output


@pytest.mark.parametrize("subject", ["[bold]x[/]", "[/red] closing tag", "[id]"])
def test_errors_print_a_subject_with_brackets_as_written(tmp_path: Path, subject: str) -> None:
    """Messages were printed as Rich markup: '[bold]x[/]' showed as 'x', and '[/red]' crashed the report."""
    root = write_small_fact_base(tmp_path, facts=FACTS.replace("subject: 英伟达", f'subject: "{subject}"'))
    code, output = _run("check", "--data-dir", str(root))
    assert code == 1
    assert f"900_test.yaml:4 [subject]: {subject!r} is not a catalog entity" in output


def test_errors_show_the_field_and_the_pattern_in_brackets(tmp_path: Path) -> None:
    root = write_small_fact_base(tmp_path, catalog=CATALOG.replace("- id: bytedance", "- id: Byte_Dance"))
    code, output = _run("check", "--data-dir", str(root))
    assert code == 1
    assert "organizations.yaml:7 [id]: String should match pattern '^[a-z0-9][a-z0-9-]*$'" in output


@pytest.mark.parametrize("command", ["resolve", "neighbours"])
def test_a_name_with_brackets_is_echoed_as_written(command: str) -> None:
    code, output = _run(command, "[/red] [b]qqqq")
    assert code == 1
    assert "'[/red] [b]qqqq'" in output


@pytest.mark.neo4j
def test_load_and_query_on_neo4j(neo4j_settings: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--store neo4j` loads into the real server and every query command reads it back the same."""
    from computekg.graph.settings import Settings

    assert isinstance(neo4j_settings, Settings)
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value())
    code, output = _run("load", "--store", "neo4j")
    assert code == 0, output
    assert "loaded into neo4j" in output
    _, on_neo4j = _run("stats", "--store", "neo4j", "--json")
    _, in_memory = _run("stats", "--json")
    assert json.loads(on_neo4j) == json.loads(in_memory)
    monkeypatch.setenv("COMPUTEKG_STORE", "neo4j")
    code, output = _run("path", "ASML", "英伟达", "--direction", "downstream", "--json")
    assert code == 0 and json.loads(output)[0]["entities"] == ["asml", "tsmc", "nvidia"]
    code, output = _run("cypher", "MATCH (n:Organization {id: $id}) RETURN n.name AS name", "--param", "id=tsmc",
                        "--json")
    assert code == 0 and "TSMC" in output


def test_a_load_that_cannot_reach_neo4j_ends_on_the_error_not_on_a_progress_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")  # nothing listens on the discard port
    result = runner.invoke(app, ["load", "--store", "neo4j"])
    assert result.exit_code == 1
    assert "cannot reach Neo4j at bolt://127.0.0.1:9" in result.stderr
    assert "writing" not in result.stderr and "reading catalog" not in result.stderr


def test_a_file_with_no_text_is_skipped_and_nothing_is_said_to_be_queued(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(empty), "--queue", str(tmp_path / "queue.jsonl")])
    assert result.exit_code == 1
    assert "no article text" in result.stderr
    assert "queued" not in result.stdout
