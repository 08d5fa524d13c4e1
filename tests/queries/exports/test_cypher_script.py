"""The Cypher script: literals escaped, and run into a real empty Neo4j it recreates what the store writes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from computekg.app.cli import app
from computekg.graph.model import Subgraph, article_evidence
from computekg.graph.neo4j_store import Neo4jStore
from computekg.graph.settings import Settings
from computekg.queries.exports.cypher_script import cypher_literal, to_cypher
from computekg.queries.exports.network import from_graphml


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        ("plain", "'plain'"),
        ("it's", "'it\\'s'"),
        ('say "hi"', "'say \"hi\"'"),
        ("back\\slash", "'back\\\\slash'"),
        ("two\nlines\r\n\ttab", "'two\\nlines\\r\\n\\ttab'"),
        ("\b\f", "'\\b\\f'"),
        ("英伟达 🚀", "'英伟达 🚀'"),
        ("bell\x07 sep\u2028 tag\U000e0041", "'bell\\u0007 sep\\u2028 tag\\U000e0041'"),
        ("\\'; MATCH (n) DETACH DELETE n //", "'\\\\\\'; MATCH (n) DETACH DELETE n //'"),
        (None, "null"),
        (True, "true"),
        (3, "3"),
        (0.9, "0.9"),
        (8.0, "8.0"),
        (1e16, "1e16"),
        (1.5e-07, "1.5e-07"),
        (["a", 1.0], "['a', 1.0]"),
        ({"id": "x", "odd key": [], "`": 1}, "{id: 'x', `odd key`: [], ````: 1}"),
    ],
)
def test_literals(value: Any, literal: str) -> None:
    assert cypher_literal(value) == literal


@pytest.mark.parametrize("value", [float("nan"), float("inf"), object()])
def test_values_without_a_literal_are_refused(value: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        cypher_literal(value)


def test_one_statement_a_line_with_labels_and_types_from_the_enums(tricky_graph: Subgraph) -> None:
    lines = [line for line in to_cypher(tricky_graph).splitlines() if not line.startswith("//")]
    assert all(line.endswith(";") for line in lines)
    merges = [line for line in lines if line.startswith("MERGE (n:Entity")]
    assert len(merges) == len(tricky_graph.entities)
    assert "SET n = {" in merges[0] and merges[0].endswith(", n:Organization;")
    relations = [line for line in lines if "MERGE (a)-[r:" in line]
    assert sorted(line.split("MERGE (a)-[r:")[1].split(" ")[0] for line in relations) == sorted(
        str(r.type) for r in tricky_graph.relations
    )
    assert sum("MERGE (s)-[:MENTIONS]->(e)" in line for line in lines) > 0


def test_without_its_sources_a_subgraph_gets_no_mentions(tricky_graph: Subgraph) -> None:
    script = to_cypher(tricky_graph.model_copy(update={"sources": ()}))
    assert "MENTIONS" not in script and ":Source" not in script.replace("FOR (n:Source)", "")


# --- against a real Neo4j ---------------------------------------------------------------------------


def _statements(script: str) -> list[str]:
    return [line.removesuffix(";") for line in script.splitlines() if line and not line.startswith("//")]


def _run_script(driver: Driver, script: str) -> None:
    with driver.session() as session:
        for statement in _statements(script):  # each its own transaction: schema and data cannot share one
            session.run(statement).consume()


def _state(driver: Driver) -> dict[str, Any]:
    """Everything stored, in a comparable form: nodes, relationships, constraints and indexes."""
    def rows(query: str) -> list[str]:
        records, _, _ = driver.execute_query(query)
        return sorted(json.dumps(record.data(), sort_keys=True, ensure_ascii=False) for record in records)

    return {
        "nodes": rows("MATCH (n) RETURN labels(n) AS labels, properties(n) AS properties"),
        "relationships": rows(
            "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS properties"
        ),
        "constraints": rows("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties"),
        "indexes": rows("SHOW INDEXES YIELD name, type, labelsOrTypes, properties WHERE type <> 'LOOKUP'"),
    }


def _empty(driver: Driver) -> None:
    """Data, constraints and indexes all gone (the built-in lookup indexes stay, as in a new database)."""
    driver.execute_query("MATCH (n) DETACH DELETE n")
    for record in driver.execute_query("SHOW CONSTRAINTS YIELD name").records:
        driver.execute_query(f"DROP CONSTRAINT `{record['name']}` IF EXISTS")
    indexes = "SHOW INDEXES YIELD name, type, owningConstraint WHERE type <> 'LOOKUP' AND owningConstraint IS NULL"
    for record in driver.execute_query(indexes).records:
        driver.execute_query(f"DROP INDEX `{record['name']}` IF EXISTS")


@pytest.fixture
def neo4j_store(neo4j_settings: Settings) -> Iterator[Neo4jStore]:
    store = Neo4jStore.from_settings(neo4j_settings)
    store.driver.execute_query("MATCH (n) DETACH DELETE n")
    try:
        yield store
    finally:
        store.driver.execute_query("MATCH (n) DETACH DELETE n")
        store.close()


@pytest.mark.neo4j
@pytest.mark.parametrize("graph_name", ["seed_graph", "tricky_graph"])
def test_the_script_recreates_what_the_store_writes(
    graph_name: str, neo4j_store: Neo4jStore, request: pytest.FixtureRequest
) -> None:
    graph: Subgraph = request.getfixturevalue(graph_name)
    driver = neo4j_store.driver
    neo4j_store.load(graph, replace=True)
    written_by_the_store = _state(driver)
    counted_by_the_store = neo4j_store.counts()

    _empty(driver)
    script = to_cypher(graph)
    _run_script(driver, script)
    recreated = _state(driver)
    assert recreated == written_by_the_store
    assert len(recreated["nodes"]) == len(graph.entities) + len(graph.sources)

    _run_script(driver, script)  # a second run changes nothing
    assert _state(driver) == recreated

    reader = Neo4jStore(driver, neo4j_store.database)  # reads it back through the store's own conversions
    assert reader.snapshot() == graph.canonical()
    assert reader.counts() == counted_by_the_store


@pytest.mark.neo4j
def test_the_script_recreates_a_neighbourhood(neo4j_store: Neo4jStore, volcano_graph: Subgraph) -> None:
    """A neighbourhood names products it does not hold (the store would refuse it); the script still runs."""
    assert any(r.product and r.product not in volcano_graph.entity_ids() for r in volcano_graph.relations)
    _empty(neo4j_store.driver)
    _run_script(neo4j_store.driver, to_cypher(volcano_graph))
    reader = Neo4jStore(neo4j_store.driver, neo4j_store.database)
    assert reader.snapshot() == volcano_graph.canonical()
    counts = reader.counts()
    assert counts.nodes == len(volcano_graph.entities) + len(volcano_graph.sources)
    assert sum(n for t, n in counts.relations_by_type.items() if t != "MENTIONS") == len(volcano_graph.relations)


@pytest.mark.neo4j
def test_cli_exports_a_cypher_query_result(
    neo4j_store: Neo4jStore,
    neo4j_settings: Settings,
    seed_graph: Subgraph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    neo4j_store.load(seed_graph, replace=True)
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.neo4j_uri)
    target = tmp_path / "tsmc.graphml"
    result = CliRunner().invoke(app, [
        "export", "--store", "neo4j", "-f", "graphml", "-o", str(target),
        "--cypher", "MATCH (a:Entity {id: 'tsmc'})-[r:MANUFACTURES]->(b) RETURN a, r, b",
    ])
    assert result.exit_code == 0, result.output
    graph = from_graphml(target)
    assert {r.type for r in graph.relations} == {"MANUFACTURES"} and "tsmc" in graph.entity_ids()
    cited = {ev.source_id for r in graph.relations for ev in article_evidence(r)}
    assert {s.id for s in graph.sources} == cited
